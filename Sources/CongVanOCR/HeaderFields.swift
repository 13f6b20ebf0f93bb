import CongVanCore

/// The letterhead's number and date fields, found from the layout of its first rows.
///
/// Letters are printed with `Số:      /QĐ-TTg` and `ngày      tháng 4 năm 2026` and the gaps
/// filled by hand or by a numbering stamp once signed. The gap splits the row into pieces that
/// reading order would otherwise put in different blocks ("Số:" in one, "/QĐ-TTg" in another),
/// and whatever was written in it is read as noise (`#2` for a handwritten 729). Here the pieces
/// of the number row and of the place-and-date row are joined back into one line each, and each
/// gap becomes a `Slot`: the region to re-read with recognition constrained to digits, and the
/// words now standing in it.
enum HeaderFields {
    struct Slot: Equatable {
        var kind: HeaderField.Kind
        /// Index of the joined line in the returned lines.
        var line: Int
        /// The gap: from the end of the word before it to the start of the word after it, grown
        /// vertically by part of the line height (handwriting rises above the printed line).
        var box: PixelBox
        /// Indices (in the joined line's words) of the words read inside the gap.
        var words: Range<Int>
        /// The gap within the line's own height: whether anything is written there is judged on
        /// it, since the grown box can take in the tall letters of the lines above and below.
        var band: PixelBox {
            let grow = Int(Double(box.height) * HeaderFields.slotGrowth / (1 + 2 * HeaderFields.slotGrowth))
            return PixelBox(x: box.x, y: box.y + grow, width: box.width, height: max(1, box.height - 2 * grow))
        }
        /// The gap's words were cut off the word after it (`445/NQ-CP`): a printed value is
        /// glued back.
        var glued = false
    }

    /// Rows whose top is in this share of the page height are the letterhead (on the real scans
    /// and the fixtures the number and date rows are at 12–15%; body text starts by 25%).
    static let letterheadShare = 0.3
    /// The number's suffix piece starts within this share of the page width from the row's start.
    static let numberRowShare = 0.5
    /// Share of the line height a slot extends above and below the printed line.
    static let slotGrowth = 0.3

    /// `lines` (in reading order) with the number row and the date row joined, and their gaps.
    static func locate(_ lines: [OCRLine], pageWidth: Int, pageHeight: Int) -> (lines: [OCRLine], slots: [Slot]) {
        var lines = lines
        let top = Int(Double(pageHeight) * letterheadShare)
        for i in lines.indices where lines[i].box.y < top { lines[i] = splitGlued(lines[i]) }
        var slots: [Slot] = []

        if let i = lines.indices.first(where: { lines[$0].box.y < top && isNumberLabel(lines[$0].words.first) }) {
            let label = lines[i].words[0]
            var pieces: [Int] = []
            if !lines[i].words.dropFirst().contains(where: { $0.text.contains("/") }) {
                let limit = lines[i].box.x + Int(Double(pageWidth) * numberRowShare)
                for j in piecesRight(of: label.box, row: lines[i], in: lines, excluding: i) {
                    guard lines[j].box.x < limit else { break }
                    pieces.append(j)
                    if lines[j].words.contains(where: { $0.text.contains("/") }) { break }
                }
            }
            let at = join(i, pieces, &lines)
            let before = lines[at].words.count
            lines[at] = splitAtSlash(lines[at])
            let words = lines[at].words
            if let s = words.indices.dropFirst().first(where: { words[$0].text.hasPrefix("/") }) {
                var number = slot(.number, line: at, from: 0, to: s, in: lines[at])
                number.glued = words.count > before
                slots.append(number)
            }
        }

        if let i = lines.indices.first(where: { i in
            let words = lines[i].words
            // `ngày 23/02/2023` in a sentence is a cited date, not the letter's.
            return lines[i].box.y < top
                && words.indices.contains { k in
                    fold(words[k].text) == "ngay" && (k + 1 == words.count || !words[k + 1].text.contains("/"))
                }
        }) ?? impliedDateRow(&lines, top: top) {
            let day = lines[i].words.firstIndex { fold($0.text) == "ngay" }!
            var pieces: [Int] = []
            if !hasYear(lines[i].words[(day + 1)...]) {
                for j in piecesRight(of: lines[i].words[day].box, row: lines[i], in: lines, excluding: i) {
                    pieces.append(j)
                    if hasYear(lines[j].words[...]) { break }
                }
            }
            let at = join(i, pieces, &lines)
            // Lines removed before the number row's line move it up.
            for k in slots.indices { slots[k].line -= pieces.filter { $0 < slots[k].line }.count }
            let words = lines[at].words
            if let a = words.firstIndex(where: { fold($0.text) == "ngay" }),
                let b = words.indices.first(where: { $0 > a && fold(words[$0].text) == "thang" })
            {
                slots.append(slot(.day, line: at, from: a, to: b, in: lines[at]))
                if let c = words.indices.first(where: { $0 > b && fold(words[$0].text) == "nam" }) {
                    slots.append(slot(.month, line: at, from: b, to: c, in: lines[at]))
                }
            }
        }
        return (lines, slots)
    }

    /// A place-and-date row whose `ngày … tháng` OCR lost (handwriting run into the printed words
    /// makes one word Tesseract doubts and drops): a piece ending in a comma (the place) and, on
    /// the same row to its right, a piece `[month] năm YYYY`. The printed labels are put back
    /// over the gap between them, so the row reads `Place, ngày tháng [month] năm YYYY` and the
    /// gap becomes the day's slot (and the month's, when the month is not printed either).
    /// Returns the place piece's index.
    static func impliedDateRow(_ lines: inout [OCRLine], top: Int) -> Int? {
        for j in lines.indices where lines[j].box.y < top {
            let words = lines[j].words
            guard let n = words.firstIndex(where: { fold($0.text) == "nam" }), hasYear(words[n...]),
                n <= 1, n == 0 || words[0].text.allSatisfy(\.isNumber)
            else { continue }
            let row = lines[j]
            let place = lines.indices.filter { i in
                guard i != j, let last = lines[i].words.last, last.text.hasSuffix(",") else { return false }
                let b = lines[i].box
                let shared = ReadingOrder.overlap(row.box.y, row.box.y + row.box.height, b.y, b.y + b.height)
                return b.x + b.width <= row.box.x && Double(shared) >= 0.5 * Double(min(row.box.height, b.height))
            }.max { lines[$0].box.x < lines[$1].box.x }
            guard let i = place else { continue }
            let left = lines[i].box.x + lines[i].box.width
            let width = max(2, row.box.x - left)
            let y = row.box.y
            let h = row.box.height
            let day = OCRWord(text: "ngày", confidence: 0, box: PixelBox(x: left + 1, y: y, width: 1, height: h))
            var labels = [day]
            if n == 1 {
                // The month is printed: `tháng` stands just before it.
                labels.append(
                    OCRWord(text: "tháng", confidence: 0, box: PixelBox(x: left + width - 1, y: y, width: 1, height: h))
                )
            } else {
                let middle = left + width / 2
                labels.append(
                    OCRWord(text: "tháng", confidence: 0, box: PixelBox(x: middle, y: y, width: 1, height: h)))
            }
            let joined = (lines[i].words + labels).sorted { $0.box.x < $1.box.x }
            lines[i] = OCRLine(words: joined, box: ReadingOrder.union(joined.map(\.box)), block: lines[i].block)
            return i
        }
        return nil
    }

    // MARK: Steps

    /// `Số:`, `Số`, `Só:` (the label of the number row), by its folded letters.
    static func isNumberLabel(_ word: OCRWord?) -> Bool {
        guard let word else { return false }
        let f = fold(word.text)
        return f == "so" || f == "so:"
    }

    static func fold(_ text: String) -> String {
        var f = Vietnamese.foldKey(text)
        while let last = f.last, last == "," || last == "." || last == ";" { f.removeLast() }
        return f
    }

    /// Whether the words hold `năm` followed by a four-digit year.
    static func hasYear(_ words: ArraySlice<OCRWord>) -> Bool {
        zip(words, words.dropFirst()).contains { a, b in
            fold(a.text) == "nam" && b.text.prefix(4).allSatisfy(\.isNumber) && b.text.count >= 4
        }
    }

    /// The other lines on the same row as `row`, starting right of `after`, left to right.
    static func piecesRight(of after: PixelBox, row: OCRLine, in lines: [OCRLine], excluding i: Int) -> [Int] {
        lines.indices.filter { j in
            guard j != i else { return false }
            let b = lines[j].box
            let shared = ReadingOrder.overlap(row.box.y, row.box.y + row.box.height, b.y, b.y + b.height)
            return b.x >= after.x + after.width && Double(shared) >= 0.5 * Double(min(row.box.height, b.height))
        }.sorted { lines[$0].box.x < lines[$1].box.x }
    }

    /// Moves the words of `pieces` into line `i` (left to right) and removes those lines;
    /// returns line `i`'s index afterwards.
    static func join(_ i: Int, _ pieces: [Int], _ lines: inout [OCRLine]) -> Int {
        guard !pieces.isEmpty else { return i }
        var words = lines[i].words
        for j in pieces { words += lines[j].words }
        words.sort { $0.box.x < $1.box.x }
        lines[i] = OCRLine(words: words, box: ReadingOrder.union(words.map(\.box)), block: lines[i].block)
        let removed = Set(pieces)
        lines = lines.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
        return i - pieces.filter { $0 < i }.count
    }

    /// The gap between word `a` and word `b` of `line`, and the words read inside it.
    static func slot(_ kind: HeaderField.Kind, line index: Int, from a: Int, to b: Int, in line: OCRLine) -> Slot {
        let left = line.words[a].box
        let right = line.words[b].box
        let grow = Int(Double(line.box.height) * slotGrowth)
        let x0 = left.x + left.width + 1
        let x1 = max(x0 + 1, right.x - 1)
        return Slot(
            kind: kind, line: index,
            box: PixelBox(x: x0, y: line.box.y - grow, width: x1 - x0, height: line.box.height + 2 * grow),
            words: (a + 1)..<b)
    }

    /// Words OCR glued to what was written after them (`ngày23`, `Số:729`, `ngày]`,
    /// `ngày©C“'tháng`) cut apart, each part with its share of the box.
    static func splitGlued(_ line: OCRLine) -> OCRLine {
        var words: [OCRWord] = []
        var changed = false
        for word in line.words {
            if let parts = gluedParts(word) {
                words += parts
                changed = true
            } else {
                words.append(word)
            }
        }
        return changed ? OCRLine(words: words, box: line.box, block: line.block) : line
    }

    static func gluedParts(_ word: OCRWord) -> [OCRWord]? {
        let text = word.text
        let folded = fold(text)
        // Handwriting run into both labels of the day: `ngày…tháng`.
        if folded.hasPrefix("ngay"), text.count > 4,
            let k = (5..<text.count).first(where: { fold(String(text.dropFirst($0))).hasPrefix("thang") })
        {
            let parts = cut(word, at: k)
            return (gluedParts(parts[0]) ?? [parts[0]]) + [parts[1]]
        }
        let labels = ["ngay", "thang", "nam", "so:", "so"]
        guard !labels.contains(folded) else { return nil }
        for label in labels where folded.hasPrefix(label) && text.count > label.count {
            let rest = text.dropFirst(label.count)
            // Digits or marks after any label; after `ngày` or `Số:` anything but a word's letters.
            let loose = (label == "ngay" || label == "so:") && !rest.allSatisfy(\.isLetter)
            return !rest.contains(where: \.isLetter) || loose ? cut(word, at: label.count) : nil
        }
        return nil
    }

    /// A suffix word with something before its first slash (`#2/QĐ-TTg`, handwriting run into
    /// the printed suffix) cut before the slash.
    static func splitAtSlash(_ line: OCRLine) -> OCRLine {
        guard line.words.count >= 2,
            let k = line.words.indices.dropFirst().first(where: { line.words[$0].text.contains("/") }),
            let slash = line.words[k].text.firstIndex(of: "/"), slash != line.words[k].text.startIndex
        else { return line }
        var words = line.words
        let at = words[k].text.distance(from: words[k].text.startIndex, to: slash)
        words.replaceSubrange(k...k, with: cut(words[k], at: at))
        return OCRLine(words: words, box: line.box, block: line.block)
    }

    /// `word` cut after `count` characters, the box shared in proportion.
    static func cut(_ word: OCRWord, at count: Int) -> [OCRWord] {
        let total = word.text.count
        let w = word.box.width * count / max(total, 1)
        let first = String(word.text.prefix(count))
        let second = String(word.text.dropFirst(count))
        return [
            OCRWord(
                text: first, confidence: word.confidence,
                box: PixelBox(x: word.box.x, y: word.box.y, width: max(1, w), height: word.box.height)),
            OCRWord(
                text: second, confidence: word.confidence,
                box: PixelBox(
                    x: word.box.x + w, y: word.box.y, width: max(1, word.box.width - w), height: word.box.height)),
        ]
    }

    // MARK: Deciding

    /// Whether the words standing in a gap are a printed value: digits only, each read with at
    /// least this confidence.
    static let printedConfidence: Float = 90

    /// The field a slot holds when it is read from a text layer (no image to re-read): printed
    /// when words stand in the gap, blank otherwise.
    static func fromText(_ slot: Slot, in lines: inout [OCRLine]) -> HeaderField {
        let words = lines[slot.line].words[slot.words]
        let value = words.map(\.text).joined()
        if slot.glued { lines[slot.line] = reglued(slot, in: lines[slot.line]) }
        return HeaderField(
            kind: slot.kind, state: words.isEmpty ? .blank : .printed, value: words.isEmpty ? nil : value, box: slot.box
        )
    }

    /// A value read by constrained recognition (two segmentation modes, with the engine's model
    /// and the English model) is taken only when at least two reads give it, more reads give it
    /// than give anything else together (reads that found nothing abstain: the Vietnamese model
    /// often finds nothing in handwriting), and the best of them has at least this confidence.
    static let readConfidence: Float = 80

    /// The value the reads agree on, or nil. `reads`: digits and confidence of each read.
    static func agreed(_ reads: [(text: String, confidence: Float)], kind: HeaderField.Kind) -> String? {
        let voting = reads.filter { !$0.text.isEmpty }
        var votes: [String: [Float]] = [:]
        for r in voting { votes[r.text, default: []].append(r.confidence) }
        guard let (value, confidences) = votes.max(by: { $0.value.count < $1.value.count }),
            confidences.count >= 2, confidences.count * 2 > voting.count,
            confidences.max()! >= readConfidence, plausible(value, kind: kind)
        else { return nil }
        return value
    }

    static func plausible(_ value: String, kind: HeaderField.Kind) -> Bool {
        guard value.allSatisfy(\.isNumber), let n = Int(value) else { return false }
        switch kind {
        case .number: return (1...6).contains(value.count) && n > 0
        case .day: return (1...31).contains(n) && value.count <= 2
        case .month: return (1...12).contains(n) && value.count <= 2
        }
    }

    /// The line with a cut printed number glued back to its suffix (`3722/VPCP-CN` as printed).
    static func reglued(_ slot: Slot, in line: OCRLine) -> OCRLine {
        guard slot.glued, slot.words.count == 1, slot.words.upperBound < line.words.count else { return line }
        var words = line.words
        let a = words[slot.words.lowerBound]
        let b = words[slot.words.upperBound]
        words.replaceSubrange(
            slot.words.lowerBound...slot.words.upperBound,
            with: [
                OCRWord(
                    text: a.text + b.text, confidence: min(a.confidence, b.confidence),
                    box: ReadingOrder.union([a.box, b.box]))
            ])
        return OCRLine(words: words, box: line.box, block: line.block)
    }

    /// The line with the gap's words replaced by `value` (one word over the gap), or removed.
    static func replacing(_ slot: Slot, with value: String?, confidence: Float, in line: OCRLine) -> OCRLine {
        var words = line.words
        let inside = words[slot.words]
        let box = inside.isEmpty ? slot.box : ReadingOrder.union(inside.map(\.box))
        words.removeSubrange(slot.words)
        if let value { words.insert(OCRWord(text: value, confidence: confidence, box: box), at: slot.words.lowerBound) }
        return OCRLine(words: words, box: line.box, block: line.block)
    }
}
