import CongVanCore

extension TargetExtractor {
    // MARK: Frames

    /// Quantities followed by a unit: `06 xã`, `48,5%`, `01- 02 xã`, `52/134 xã`, `5 - 10 sản phẩm`.
    func frames(in range: Range<Int>) -> [Frame] {
        var out: [Frame] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let t = tokens[i]
            guard t.isNumber, let low = Quantity.number(t.text) else {
                i += 1
                continue
            }
            // Criterion numbers (`tiêu chí số 2`), citations and enumerators are not amounts.
            if i > range.lowerBound,
                tokens[i - 1].key == K.so || tokens[i - 1].key == "so" || tokens[i - 1].isPunct("/")
                    || tokens[i - 1].isPunct("-") && i - 2 >= range.lowerBound && tokens[i - 2].isNumber
            {
                i += 1
                continue
            }
            if t.lineStart, ClauseSplitter.enumeratorLength(tokens, at: i) > 0 {
                i += 1
                continue
            }
            var j = i + 1
            var q = Quantity(value: low)
            if j + 1 < range.upperBound, tokens[j].isPunct("/"), tokens[j + 1].isNumber {
                // `52/134 xã` (of a total) is an amount; `02/2020`, `09/9/2016` are dates.
                if tokens[j + 1].text.count == 4 || (j + 2 < range.upperBound && tokens[j + 2].isPunct("/")) {
                    i = j + 2
                    continue
                }
                j += 2
            }
            if j < range.upperBound, tokens[j].isPunct("%") {
                q.isPercent = true
                j += 1
            }
            if j + 1 < range.upperBound, ["-", "–", "—"].contains(tokens[j].text), tokens[j + 1].isNumber,
                let high = Quantity.number(tokens[j + 1].text), high >= low,
                !(tokens[j + 1].text.count == 4 && t.text.count == 4)
            {
                q.upper = high
                j += 2
                if j < range.upperBound, tokens[j].isPunct("%") {
                    q.isPercent = true
                    j += 1
                }
            }
            if isYear(at: i, in: range) {
                i = j
                continue
            }
            // `05 xã đạt 19 tiêu chí`: the second number belongs to the first one's predicate.
            if let last = out.last, last.isEntity, last.unitEnd < i,
                (last.unitEnd..<i).allSatisfy({ L.linking.contains(tokens[$0].key) })
            {
                i = j
                continue
            }
            if q.isPercent {
                out.append(Frame(start: i, unitEnd: j, quantity: q, unit: "%", isEntity: false))
            } else if let u = L.match(L.entityUnits, tokens, at: j) {
                out.append(
                    Frame(
                        start: i, unitEnd: j + u.keys.count, quantity: q,
                        unit: tokens.text(j..<(j + u.keys.count)).lowercased(), isEntity: true))
            } else if let u = L.match(L.measureUnits, tokens, at: j) {
                var end = j + u.keys.count
                // `14,1 tiêu chí/xã`, `45 triệu đồng/người/năm`
                while end + 1 < range.upperBound, tokens[end].isPunct("/"), tokens[end + 1].isWord { end += 2 }
                out.append(
                    Frame(
                        start: i, unitEnd: end, quantity: q,
                        unit: Vietnamese.lowercase(tokens.text(j..<end)).replacingOccurrences(of: " / ", with: "/"),
                        isEntity: false))
            }
            i = j
        }
        return out
    }

    func isYear(at i: Int, in range: Range<Int>) -> Bool {
        guard tokens[i].text.count == 4, let y = Int(tokens[i].text), (1990...2100).contains(y) else { return false }
        if i > range.lowerBound, K.yearLead.contains(tokens[i - 1].key) { return true }
        return i + 1 < tokens.count && !tokens[i + 1].isWord
    }

    // MARK: Reading one frame

    /// Where the phrase after a quantity's unit ends: at punctuation (but not inside quotes or a
    /// hyphenated word), at a stop word, at a number that is not part of the predicate, at a
    /// named commune, district or province.
    func predicateEnd(_ f: Frame, until end: Int) -> Int {
        var k = f.unitEnd
        var postEnd = f.unitEnd
        var quote = false
        while k < end {
            let t = tokens[k]
            if t.kind == .punct {
                if ["“", "”", "\"", "‘", "’"].contains(t.text) {
                    quote.toggle()
                    k += 1
                    continue
                }
                if ["-", "–", "/"].contains(t.text), quote || (k + 1 < end && tokens[k + 1].isWord) {
                    k += 1
                    continue
                }
                break
            }
            // `4 xã trên đạt chuẩn`: the word pointing back is not the stop `trên`.
            if k == f.unitEnd, L.anaphora.contains(t.key), k + 1 < end, tokens[k + 1].isWord,
                L.match(L.stops, tokens, at: k + 1) == nil
            {
                k += 1
                continue
            }
            if !quote, L.match(L.stops, tokens, at: k) != nil { break }
            if placeStarts.contains(k) { break }
            if t.isNumber {
                guard k > f.unitEnd, L.linking.contains(tokens[k - 1].key) || tokens[k - 1].key == K.so else { break }
                // `đạt từ 15-18 tiêu chí`
                if k + 2 < end, ["-", "–"].contains(tokens[k + 1].text), tokens[k + 2].isNumber { k += 2 }
            }
            k += 1
            postEnd = k
        }
        return postEnd
    }

    /// `previous` is the indicator of the clause's earlier quantity, which an elliptical one
    /// shares (`Giảm 11 xã đạt dưới 10 tiêu chí, mỗi huyện 01- 02 xã`).
    func read(_ f: Frame, clause: Clause, until next: Int, previous: String? = nil) -> Target? {
        let postEnd = predicateEnd(f, until: min(next, clause.range.upperBound))
        var post = Array(f.unitEnd..<postEnd)
        if let p = post.first, L.anaphora.contains(tokens[p].key) { post.removeFirst() }
        let verb = keptVerb(before: f.start, from: clause.range.lowerBound)
        var words: [String]
        if post.isEmpty, verb == nil || !f.isEntity,
            let lead = leadPhrase(before: f.start, from: clause.range.lowerBound)
        {
            // `thu nhập tăng ít nhất 1,5 lần`, `nâng tổng số xã … lên 20 xã`: what is measured
            // comes before the number.
            words = [lead]
        } else if f.isEntity, post.isEmpty, verb == nil, let previous,
            openParen(before: f.start, from: clause.range.lowerBound) == nil
        {
            words = [previous]
        } else if let verb {
            words =
                [Vietnamese.lowercase(verb), f.unit == "%" ? nil : f.unit].compactMap { $0 }
                + post.map { tokens[$0].text }
        } else if f.isEntity, let p = post.first, L.match(L.predicates, tokens, at: p) != nil || isQuote(p) {
            while let p = post.first, let fr = L.match(L.framing, tokens, at: p) { post.removeFirst(fr.keys.count) }
            // `hoàn thành “Xã đạt chuẩn…”`: the quoted title is the status.
            if let p = post.first, tokens.matches(L.completion.keys, at: p), post.count > 2, isQuote(post[2]) {
                post.removeFirst(2)
            }
            post.removeAll { isQuote($0) }
            if let p = post.first, tokens[p].key == Vietnamese.toneKey(f.unit) { post.removeFirst() }
            words = post.map { tokens[$0].text }
        } else {
            words = (f.unit == "%" ? [] : [f.unit]) + post.filter { !isQuote($0) }.map { tokens[$0].text }
        }
        let indicator = joinWords(words)
        // An indicator that is the unit alone says nothing about what is to be reached.
        guard !indicator.isEmpty, Vietnamese.toneKey(indicator) != Vietnamese.toneKey(f.unit),
            !words.isEmpty
        else { return nil }

        return Target(
            quantity: f.quantity.value, quantityMax: f.quantity.upper, unit: f.unit, indicator: indicator,
            scope: scope(before: f.start, from: clause.range.lowerBound), sentence: sentence(clause),
            line: tokens[clause.range.lowerBound].line)
    }

    func isQuote(_ i: Int) -> Bool { tokens[i].kind == .punct && ["“", "”", "\"", "‘", "’"].contains(tokens[i].text) }

    /// Joins words, closing up punctuation (`số 2 - Giao thông` keeps its dash spaced).
    func joinWords(_ words: [String]) -> String {
        Vietnamese.squeezeSpaces(words.joined(separator: " ").replacingOccurrences(of: " / ", with: "/"))
    }

    /// The words before a quantity back to the previous comma, when they end with a verb of
    /// reaching or changing (`bình quân tiêu chí toàn tỉnh đạt`), without that verb's adverbs.
    func leadPhrase(before i: Int, from start: Int) -> String? {
        var j = i
        while j > start, !(tokens[j - 1].kind == .punct && [",", ";", ":", "(", ")"].contains(tokens[j - 1].text)) {
            j -= 1
        }
        if ClauseSplitter.startsItem(tokens, at: j) { j += max(1, ClauseSplitter.enumeratorLength(tokens, at: j)) }
        // Cues and the deadline are not part of what is measured (`Phấn đấu năm 2025 thu nhập …`).
        var moved = true
        while moved, j < i {
            moved = false
            if let c = L.match(L.forwardCues, tokens, at: j) {
                j += c.keys.count
                moved = true
                continue
            }
            var k = j
            while k < i, L.timeWords.contains(tokens[k].key) { k += 1 }
            if k + 1 < i, tokens[k].key == K.nam, tokens[k + 1].isNumber {
                j = k + 2
                moved = true
                continue
            }
            if tokens[j].isPunct(",") {
                j += 1
                moved = true
            }
        }
        var end = i
        for trim in L.leadTrim {
            if end - trim.keys.count >= j, tokens.matches(trim.keys, at: end - trim.keys.count) {
                end -= trim.keys.count
            }
        }
        guard end > j else { return nil }
        let ending = (j..<i).suffix(3).map { tokens[$0].key }
        guard ending.contains(where: { L.reaching.contains($0) }), end - j <= 12 else { return nil }
        let text = tokens.text(j..<end)
        return text.isEmpty ? nil : text
    }

    func keptVerb(before i: Int, from start: Int) -> String? {
        var j = i
        for skip in L.quantityAdverbs
        where j - skip.keys.count >= start && tokens.matches(skip.keys, at: j - skip.keys.count) {
            j -= skip.keys.count
        }
        for v in L.keptVerbs where j - v.keys.count >= start && tokens.matches(v.keys, at: j - v.keys.count) {
            return tokens.text((j - v.keys.count)..<j)
        }
        return nil
    }

    func openParen(before i: Int, from start: Int) -> Int? {
        var depth = 0
        var j = i - 1
        while j >= start {
            if tokens[j].isPunct(")") { depth += 1 }
            if tokens[j].isPunct("(") {
                if depth == 0 { return j }
                depth -= 1
            }
            j -= 1
        }
        return nil
    }

    // MARK: Scope and sentence

    /// `mỗi huyện, thị xã, thành phố` before the quantity.
    func scope(before i: Int, from start: Int) -> String? {
        var j = i - 1
        while j >= start {
            if tokens[j].key == K.moi {
                var k = j + 1
                var last = j
                while k < i {
                    if let p = L.match(L.places, tokens, at: k) {
                        k += p.keys.count
                        last = k - 1
                        continue
                    }
                    if tokens[k].isPunct(",") || tokens[k].key == K.va {
                        k += 1
                        continue
                    }
                    break
                }
                return last > j ? tokens.text(j..<(last + 1)) : nil
            }
            if tokens[j].isPunct(";") { break }
            j -= 1
        }
        return nil
    }

    func sentence(_ clause: Clause) -> String {
        var start = clause.range.lowerBound
        if ClauseSplitter.startsItem(tokens, at: start) {
            start += max(1, ClauseSplitter.enumeratorLength(tokens, at: start))
        }
        guard start < clause.range.upperBound else { return tokens.text(clause.range) }
        return tokens.text(start..<clause.range.upperBound)
    }

    // MARK: Goals without a number

    /// `Phấn đấu đến năm 2024 thành phố Cao Bằng hoàn thành nhiệm vụ xây dựng nông thôn mới`:
    /// a named unit followed by a new-rural-development status, under a forward-looking cue.
    func unquantified(_ clause: Clause) -> Target? {
        let r = clause.range
        guard r.contains(where: { L.match(L.strongCues, tokens, at: $0) != nil || L.foldedCue(tokens, at: $0) }) else {
            return nil
        }
        for i in r {
            guard let p = L.match(L.administrative, tokens, at: i) else { continue }
            var j = i + p.keys.count
            let nameStart = j
            while j < r.upperBound, tokens[j].isTitle { j += 1 }
            guard j > nameStart, j < r.upperBound,
                L.match(L.statusVerbs, tokens, at: j) != nil
            else { continue }
            var k = j
            while k < r.upperBound, tokens[k].kind != .punct || isQuote(k),
                !(k > j && L.match(L.deadline, tokens, at: k) != nil)
            {
                k += 1
            }
            guard (j..<k).contains(where: { tokens.matches(L.ntm.keys, at: $0) }) else { continue }
            let f = Frame(start: i, unitEnd: k, quantity: Quantity(value: 0), unit: "", isEntity: false)
            guard p != L.communeWord, p != L.wardWord else { continue }
            let year = statementYear(f, in: clause.range)?.span ?? headingYear(clause)
            return Target(
                quantity: nil, unit: nil, indicator: joinWords((j..<k).filter { !isQuote($0) }.map { tokens[$0].text }),
                year: year?.year, yearStart: year?.start, status: Status.target.rawValue, level: nil,
                scope: tokens.text(i..<j),
                sentence: sentence(clause), line: tokens[r.lowerBound].line)
        }
        return nil
    }
}
