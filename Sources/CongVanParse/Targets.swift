import CongVanCore

/// Reads targets (what is to be reached) and achievements (what was reached) as frames:
/// (communes, level, quantity, unit, year, status).
///
/// A frame is anchored on a quantity with its unit (`06 xã đạt chuẩn…`, `48,5%`, `27 tiêu chí`)
/// or, without a number, on a level of the programme (`xã A được công nhận đạt chuẩn nông thôn
/// mới nâng cao`). Sentence by sentence (clauses joined by `;` make one sentence):
/// - each list of communes goes to the frame of its own clause (after the frame, else before
///   it), else to the nearest frame before it in the sentence;
/// - a list with no frame in its sentence goes to the frame just before it that is still waiting
///   for its communes — the list in the next sentence (`Đó là các xã: …`) or the items under a
///   statement that ends with a colon;
/// - the status comes from `Modality`; a commune's year from its own mention, its part of the
///   list, the statement, the sentence, the paragraph, the heading, the title, else the
///   document's date.
struct TargetExtractor {
    let tokens: [Token]
    let sightings: [CommuneSighting]
    let mentions: [CommuneMention]
    var modality: Modality
    /// The year of the document's title (subject or first line), when it names one.
    var titleYear: YearSpan?

    typealias L = TargetLexicon

    struct Frame {
        var start: Int  // first token of the quantity (or of the level phrase)
        var unitEnd: Int  // token after the unit (or the level phrase)
        var quantity: Quantity
        var unit: String
        var isEntity: Bool
    }

    init(tokens: [Token], sightings: [CommuneSighting], mentions: [CommuneMention], modality: Modality) {
        self.tokens = tokens
        self.sightings = sightings
        self.mentions = mentions
        self.modality = modality
        var starts = Set<Int>()
        var years = Set<Int>()
        for s in sightings {
            starts.insert(s.tokens.lowerBound)
            years.formUnion(s.span)
        }
        placeStarts = starts
        communeSpans = years
    }

    /// Lines read as tables of communes (`TableFacts`): their names are not read again here.
    var tableLines: Set<Int> = []
    /// First tokens of named communes: a predicate ends before one.
    let placeStarts: Set<Int>
    /// Tokens of communes with their qualifiers: years there are the communes' own.
    let communeSpans: Set<Int>

    /// One frame of a sentence, read.
    private struct Reading {
        var target: Target
        var clause: Int
        var frame: Frame
        var predicateEnd: Int
        var takesCommunes: Bool
        var isLevelOnly: Bool
        var status: Status?
        /// The statement's year is a programme's period (`giai đoạn 2021 - 2025`).
        var period = false
        /// `A, B đạt chuẩn … lần lượt vào các năm 2022, 2023`: one year per commune, in order.
        var respectively: [Int] = []
        var sightings: [Int] = []
    }

    func extract(_ clauses: [Clause]) -> (targets: [Target], achievements: [Target]) {
        var readings: [Reading] = []
        // A frame that waits for its list of communes: index into `readings`, and whether items
        // may follow (its sentence ended with a colon).
        var pending: (reading: Int, items: Bool, year: YearSpan?, age: Int)?
        // Years over parts of a list set out line by line (a table copied one cell per line:
        // `2013 (2 xã)`, then the communes of 2013).
        var listYears: [Int: YearSpan] = [:]
        // In such a table, whether the year column comes after the names' (`Tên xã | Năm công
        // nhận`: each year cell dates the name before it) and the names of the last row.
        var nameHeader = false
        var yearAfterName = false
        var lastRow: [Int] = []
        var sightingIndex = 0
        var previousStatus: Status?
        var previousBlock = -1
        var c = 0
        while c < clauses.count {
            var end = c + 1
            while end < clauses.count, clauses[end].sentence == clauses[c].sentence { end += 1 }
            let sentence = Array(c..<end)
            // The sightings of this sentence.
            let lastToken = clauses[end - 1].range.upperBound
            var inSentence: [Int] = []
            while sightingIndex < sightings.count, sightings[sightingIndex].tokens.lowerBound < lastToken {
                if sightings[sightingIndex].tokens.lowerBound >= clauses[c].range.lowerBound,
                    !sightings[sightingIndex].addressed,
                    !tableLines.contains(tokens[sightings[sightingIndex].tokens.lowerBound].line)
                {
                    inSentence.append(sightingIndex)
                }
                sightingIndex += 1
            }
            let first = readings.count
            // `Bên cạnh đó, …` goes on with the statement before it in the paragraph.
            let inherited =
                L.match(L.continuations, tokens, at: clauses[c].range.lowerBound) != nil
                    && previousBlock == clauses[c].block ? previousStatus : nil
            for k in sentence {
                let lastLevel = readings.last(where: { $0.takesCommunes && L.levels.contains($0.target.level ?? "") })?
                    .target.level
                readings += read(
                    clause: k, clauses: clauses, earlier: Array(sentence.prefix { $0 < k }), inherited: inherited,
                    lastLevel: lastLevel)
            }
            if let s = readings[first...].last(where: { $0.takesCommunes && $0.status != nil })?.status {
                previousStatus = s
            }
            previousBlock = clauses[end - 1].block
            let frames = Array(first..<readings.count)
            // In a table, a header cell that names a level (`Xã đạt chuẩn NTM`) is not a new
            // statement when one is already waiting for the table's communes.
            let communeFrames = frames.filter {
                readings[$0].takesCommunes && readings[$0].status != nil
                    && !(pending != nil && clauses[c].inTable && readings[$0].isLevelOnly)
            }
            // Lists of communes, each to one frame.
            var lists: [[Int]] = []
            for s in inSentence {
                if let last = lists.last?.last, sightings[last].list == sightings[s].list {
                    lists[lists.count - 1].append(s)
                } else {
                    lists.append([s])
                }
            }
            var orphans: [[Int]] = []
            for list in lists {
                // `có 6/8 xã đạt 75% (A, B, …)`: a list in parentheses belongs to the count just
                // before it, even when that count is of no level.
                let at = sightings[list[0]].tokens.lowerBound
                if at >= 1, tokens[at - 1].isPunct("("),
                    let owner = frames.last(where: { readings[$0].frame.start < at }),
                    clauses[readings[owner].clause].range.contains(at),
                    readings[owner].predicateEnd > readings[owner].frame.unitEnd, readings[owner].status != nil,
                    readings[owner].predicateEnd + 1 >= at - 1, !communeFrames.contains(owner)
                {
                    continue
                }
                if let r = frameFor(list: list, among: communeFrames, readings: readings, clauses: clauses) {
                    readings[r].sightings += list
                } else {
                    orphans.append(list)
                }
            }
            // `4 xã trên`, `các xã này`: the communes of the list just before.
            for r in communeFrames where readings[r].sightings.isEmpty {
                if let list = antecedent(of: readings[r].frame) { readings[r].sightings = list }
            }
            var attached = false
            if !orphans.isEmpty, let p = pending, communeFrames.isEmpty,
                p.items
                    || continuesList(clauses[c], previous: readings[p.reading].clause, clauses: clauses)
                        && (p.age == 0 || L.match(L.listIntroducers, tokens, at: clauses[c].range.lowerBound) != nil)
                    // A sentence that names communes and states nothing of its own, right after
                    // a statement that named none: its list.
                    || p.age == 0 && frames.allSatisfy({ readings[$0].status == nil })
            {
                for list in orphans {
                    readings[p.reading].sightings += list
                    if let y = p.year, !yearAfterName {
                        for n in list where sightings[n].year == nil { listYears[n] = y }
                    }
                }
                lastRow = orphans.flatMap { $0 }
                attached = true
            }
            // What waits for a list: the sentence's last frame about communes that named none,
            // or any when the sentence ends with a colon and items follow. Items and table rows
            // go on taking the list; a table's header row keeps it waiting.
            let endsWithColon = tokens[lastToken - 1].isPunct(":")
            if let last = communeFrames.last, readings[last].sightings.isEmpty || endsWithColon {
                pending = (last, endsWithColon, nil, 0)
                (nameHeader, yearAfterName, lastRow) = (false, false, [])
            } else if !communeFrames.isEmpty {
                pending = nil
            } else if attached, isItem(clauses[c]) || pending?.items == true {
                pending?.items = true
            } else if clauses[c].inTable, inSentence.isEmpty, pending != nil {
                // A header cell; a group row that dates the communes below it (`2013 (2 xã)`);
                // or, when the year column follows the names', the year of the row above.
                let cell = clauses[c].range
                if let y = leadingYear(clauses[c]) {
                    if yearAfterName, !lastRow.isEmpty {
                        for n in lastRow where sightings[n].year == nil && listYears[n] == nil { listYears[n] = y }
                        lastRow = []
                    } else {
                        pending?.year = y
                    }
                } else if cell.contains(where: { tokens[$0].key == K.xa }) {
                    nameHeader = true
                } else if nameHeader, cell.contains(where: { tokens[$0].key == K.nam }) {
                    yearAfterName = true
                }
                pending?.items = true
            } else if inSentence.isEmpty, pending != nil, endsWithColon {
                // `Cụ thể như sau:` announces the list of the statement before it.
                pending?.items = true
                pending?.age = 0
            } else if inSentence.isEmpty, !attached, let p = pending, p.age < 1, !p.items {
                // One sentence between a statement and its list (`… 12 xã đăng ký …. Hiện các xã
                // đang …. Đó là các xã: …`) when the list says it is one.
                pending?.age += 1
            } else if !(clauses[c].inTable && inSentence.isEmpty) {
                pending = nil
            }
            c = end
        }
        var targets: [Target] = []
        var achievements: [Target] = []
        for r in readings {
            guard var r = Optional(r), let status = r.status else { continue }
            if r.isLevelOnly, r.sightings.isEmpty { continue }
            r.respectively = respectiveYears(in: clauses[r.clause])
            var t = r.target
            t.status = status.rawValue
            t.communes = communes(r.sightings, reading: r, status: status, clauses: clauses, listYears: listYears)
            if status == .achievement, r.period, !t.communes.isEmpty {
                t.year = nil
                t.yearStart = nil
            }
            if t.year == nil, !t.communes.isEmpty, t.communes.allSatisfy({ $0.year != nil }),
                Set(t.communes.map(\.year)).count == 1, Set(t.communes.map(\.yearStart)).count == 1
            {
                t.year = t.communes[0].year
                t.yearStart = t.communes[0].yearStart
            }
            switch status {
            case .target: targets.append(t)
            case .achievement: achievements.append(t)
            }
        }
        return (targets, achievements)
    }

    /// The frames of clause `k`: quantities with their units, then a level of the programme not
    /// already inside a quantity's predicate.
    private func read(
        clause k: Int, clauses: [Clause], earlier: [Int], inherited: Status?, lastLevel: String?
    )
        -> [Reading]
    {
        let clause = clauses[k]
        var out: [Reading] = []
        let found = frames(in: clause.range)
        var previous: String?
        var covered: [Range<Int>] = []
        for (n, frame) in found.enumerated() {
            let next = n + 1 < found.count ? found[n + 1].start : clause.range.upperBound
            let predicateEnd = predicateEnd(frame, until: min(next, clause.range.upperBound))
            covered.append(frame.start..<max(predicateEnd, frame.unitEnd))
            guard var target = read(frame, clause: clause, until: next, previous: previous) else { continue }
            previous = target.indicator
            // Only a statement of a level names communes as facts: `có 6/8 xã đạt 75% (A, B, …)` does not.
            // A count of criteria is a commune's up to the national set's size (`144/152 tiêu chí`
            // is a district's).
            let countsCommunes =
                frame.isEntity
                ? L.communeUnits.contains(frame.unit)
                // (`đạt từ 13-18 tiêu chí` is a spread, not a level)
                : frame.unit == "tiêu chí" && frame.quantity.value <= 20 && frame.quantity.upper == nil
                    && frame.quantity.value.rounded() == frame.quantity.value
            // The level may follow the list the frame opens (`11 xã gồm A, B, … được công nhận đạt
            // chuẩn nông thôn mới`).
            let level =
                self.level(in: frame.unitEnd..<max(predicateEnd, frame.unitEnd))
                ?? (countsCommunes
                    ? self.level(in: max(predicateEnd, frame.unitEnd)..<levelEnd(after: n, in: found, clause)) : nil)
            // `4 xã được công nhận vào đợt 1/2018 là …` under a statement of a level: recognised
            // to that level.
            let recognised =
                countsCommunes && level == nil
                && L.contains(L.recognition, tokens, in: frame.unitEnd..<max(predicateEnd, frame.unitEnd))
            let takes = countsCommunes && (level != nil || frame.unit == "tiêu chí" || recognised)
            target.level =
                frame.unit == "tiêu chí"
                ? "\(Quantity.format(frame.quantity.value)) tiêu chí"
                : level
                    ?? (!recognised
                        ? nil
                        // `đạt chuẩn` alone is the standard itself; `được công nhận` takes the
                        // level of the statement before it.
                        : L.contains([L.standard], tokens, in: frame.unitEnd..<max(predicateEnd, frame.unitEnd))
                            ? "nông thôn mới" : lastLevel)
            // A year after the quantity belongs to it only up to the next quantity; one before it
            // may head the whole clause (`Trong năm 2023, … 27 tiêu chí …, 12 tiêu chí … và 08 xóm`).
            let year = statementYear(frame, in: clause.range.lowerBound..<next)
            target.year = year?.span.year
            target.yearStart = year?.span.start
            let start = openParen(before: frame.start, from: clause.range.lowerBound) ?? clause.range.lowerBound
            let status = modality.status(
                predicate: frame.start..<max(predicateEnd, frame.unitEnd), from: start, clause: clause,
                earlier: earlier.map { clauses[$0] }, year: year?.span ?? fallbackYear(clause: k, clauses: clauses),
                ownYear: year != nil, communeFrame: takes,
                inherited: inherited)
            // A forward-looking section's year (`PHƯƠNG HƯỚNG … NĂM 2020`) dates its goals.
            if status == .target, target.year == nil, let h = headingYear(clause) {
                target.year = h.year
                target.yearStart = h.start
            }
            out.append(
                Reading(
                    target: target, clause: k, frame: frame, predicateEnd: predicateEnd,
                    takesCommunes: takes, isLevelOnly: false, status: status, period: year?.span.period ?? false))
        }
        // A level without a number: `xã A được công nhận đạt chuẩn nông thôn mới năm 2019`.
        if let anchor = levelAnchor(in: clause.range, excluding: covered) {
            let frame = Frame(
                start: anchor.start, unitEnd: anchor.end, quantity: Quantity(value: 0), unit: "xã", isEntity: true)
            let year = statementYear(frame, in: clause.range)
            let status = modality.status(
                predicate: anchor.start..<anchor.end, from: clause.range.lowerBound, clause: clause,
                earlier: earlier.map { clauses[$0] }, year: year?.span ?? fallbackYear(clause: k, clauses: clauses),
                ownYear: year != nil, communeFrame: true, namesCommunes: true, inherited: inherited)
            let target = Target(
                quantity: nil, unit: "xã", indicator: anchor.indicator, year: year?.span.year,
                yearStart: year?.span.start, level: anchor.level, sentence: sentence(clause),
                line: tokens[clause.range.lowerBound].line)
            out.append(
                Reading(
                    target: target, clause: k, frame: frame, predicateEnd: anchor.end, takesCommunes: true,
                    isLevelOnly: true, status: status, period: year?.span.period ?? false))
        }
        if found.isEmpty, let t = unquantified(clause) {
            out.append(
                Reading(
                    target: t, clause: k,
                    frame: Frame(
                        start: 0, unitEnd: 0, quantity: Quantity(value: 0), unit: "",
                        isEntity: false),
                    predicateEnd: 0, takesCommunes: false, isLevelOnly: false, status: .target))
        }
        return out
    }

    /// Where a counted unit's level may still be read: up to the next count of communes in the
    /// clause (`43 xã của 10 huyện, thị xã đã đăng ký … kiểu mẫu` reads past `10 huyện`).
    private func levelEnd(after n: Int, in found: [Frame], _ clause: Clause) -> Int {
        found[(n + 1)...].first { L.communeUnits.contains($0.unit) }?.start ?? clause.range.upperBound
    }

    /// For a count of communes followed by a word pointing back (`4 xã trên`, `các xã này`, `2
    /// xã nói trên`), or a level said of such communes, the list of communes named last before
    /// it, when its size agrees with the count.
    private func antecedent(of frame: Frame) -> [Int]? {
        // Where the pointing word may stand: after the unit of a count, or before a level.
        let window =
            frame.quantity.value > 0
            ? frame.unitEnd..<min(tokens.count, frame.unitEnd + 2)
            : max(0, frame.start - 3)..<frame.start
        guard window.contains(where: { L.anaphora.contains(tokens[$0].key) }),
            let last = sightings.lastIndex(where: { $0.tokens.upperBound <= frame.start })
        else { return nil }
        let list = sightings.indices.filter { sightings[$0].list == sightings[last].list }
        if frame.quantity.value > 0, Int(frame.quantity.value) != list.count { return nil }
        return list
    }

    // MARK: Linking lists to frames

    /// The frame a list of communes belongs to: one of its own clause (the nearest before it,
    /// else the first after it: a subject), else the nearest before it in the sentence, else the
    /// first after it.
    private func frameFor(list: [Int], among frames: [Int], readings: [Reading], clauses: [Clause]) -> Int? {
        let at = sightings[list[0]].tokens.lowerBound
        let own = frames.filter { clauses[readings[$0].clause].range.contains(at) }
        // The subject of the predicate right after it (`…, xã B đạt 15/19 tiêu chí`).
        let end = sightings[list[list.count - 1]].span.upperBound
        if let r = own.first(where: { readings[$0].frame.start >= end && readings[$0].frame.start - end <= 4 }),
            (end..<readings[r].frame.start).allSatisfy({ tokens[$0].kind != .punct })
        {
            return r
        }
        if let r = own.last(where: { readings[$0].frame.start <= at }) { return r }
        if let r = own.first { return r }
        if let r = frames.last(where: { readings[$0].frame.start <= at }) { return r }
        return frames.first
    }

    /// Whether a sentence without a frame carries on the list of the statement in clause
    /// `previous`: it opens with `Đó là`, `gồm`, `cụ thể`, `các xã`, a colon, or with a name.
    private func continuesList(_ clause: Clause, previous: Int, clauses: [Clause]) -> Bool {
        let i = clause.range.lowerBound
        if isItem(clause) { return true }
        if L.match(L.listIntroducers, tokens, at: i) != nil { return true }
        return placeStarts.contains(i) || (i + 1 < tokens.count && tokens[i].key == K.cac && placeStarts.contains(i))
    }

    private func isItem(_ clause: Clause) -> Bool {
        let i = clause.range.lowerBound
        return tokens[i].lineStart && ClauseSplitter.startsItem(tokens, at: i) || isTableRow(clause)
    }

    private func isTableRow(_ clause: Clause) -> Bool {
        clause.inTable
    }

    // MARK: Communes and their years

    private func communes(
        _ list: [Int], reading: Reading, status: Status, clauses: [Clause], listYears: [Int: YearSpan]
    ) -> [TargetCommune] {
        var out: [TargetCommune] = []
        var seen = Set<String>()
        // A result is reached in a year: a period the statement names (`đạt 19/19 tiêu chí … giai
        // đoạn 2021 - 2025`) is the period of the criteria, not the year of the result.
        let statement =
            status == .achievement && reading.period
            ? nil : reading.target.year.map { YearSpan(year: $0, start: reading.target.yearStart) }
        var fallback: YearSpan??
        let respective = reading.respectively.count == list.count ? reading.respectively : []
        for (index, n) in list.enumerated() {
            let s = sightings[n]
            let m = mentions[n]
            guard m.code != nil || m.ambiguous || s.type != nil else { continue }
            var year =
                s.year.map { YearSpan(year: $0, start: s.yearStart) } ?? listYears[n]
                ?? (respective.isEmpty ? nil : YearSpan(year: respective[index]))
            if year == nil, let own = itemYear(of: s, reading: reading, clauses: clauses) { year = own }
            if year == nil { year = statement }
            if year == nil {
                if fallback == nil {
                    fallback = fallbackYear(clause: reading.clause, clauses: clauses, status: status)
                }
                year = fallback!
            }
            // Which commune must reach what *by when*: a commune no year can be read for is a
            // mention (in the record's `communes`), not a target or a result.
            guard let year else { continue }
            let key = (m.code ?? Vietnamese.toneKey(s.name)) + "|\(year.year)"
            guard seen.insert(key).inserted else { continue }
            out.append(
                TargetCommune(
                    name: m.code == nil ? s.name : m.name, year: year.year, yearStart: year.start,
                    district: m.district, province: m.province, code: m.code))
        }
        return out
    }

    /// The years after `lần lượt` (respectively) in a clause, in order.
    private func respectiveYears(in clause: Clause) -> [Int] {
        guard let at = clause.range.first(where: { tokens.matches(L.respectively.keys, at: $0) }) else { return [] }
        return (at..<clause.range.upperBound).compactMap { YearText.year(tokens[$0]) }
    }

    /// A year in the list item or clause the commune stands in, when that is not the frame's own
    /// clause (`- Năm 2024: xã A, xã B`).
    private func itemYear(of s: CommuneSighting, reading: Reading, clauses: [Clause]) -> YearSpan? {
        guard let k = clauses.firstIndex(where: { $0.range.contains(s.tokens.lowerBound) }), k != reading.clause
        else { return nil }
        if let y = YearText.expressions(in: tokens, clauses[k].range, excluded: communeSpans).first(where: { !$0.date })
        {
            return y.span
        }
        // A table row: the year stands alone in its cell.
        guard isTableRow(clauses[k]) else { return nil }
        return clauses[k].range.lazy.compactMap { YearText.year(self.tokens[$0]) }.first.map { YearSpan(year: $0) }
    }

    /// The statement's year: the year expression nearest the frame in its clause (those after
    /// the quantity weigh a little more), not one that belongs to a named commune; a date only
    /// when nothing else is there.
    func statementYear(_ f: Frame, in range: Range<Int>) -> (span: YearSpan, date: Bool)? {
        var best: (distance: Int, span: YearSpan, date: Bool)?
        for e in YearText.expressions(in: tokens, range, excluded: communeSpans) {
            var d = e.position > f.start ? e.position - f.unitEnd : (f.start - e.position) + 3
            if e.date { d += 1000 }
            if best == nil || d < best!.distance { best = (d, e.span, e.date) }
        }
        return best.map { ($0.span, $0.date) }
    }

    /// When the statement names no year: the rest of its sentence (earlier clauses first), the
    /// paragraph before it, the heading, the title, the document's date.
    ///
    /// A result reported `đến nay` (as of now) is dated by the document; a result is reached in a
    /// year, so a period (`giai đoạn 2011-2021`) never dates one.
    func fallbackYear(clause k: Int, clauses: [Clause], status: Status? = nil) -> YearSpan? {
        let c = clauses[k]
        let document = modality.publishedYear.map { YearSpan(year: $0) }
        if status == .achievement, let document, L.contains(L.present, tokens, in: c.range) { return document }
        func usable(_ y: YearSpan) -> Bool { status != .achievement || !y.period }
        var j = k - 1
        while j >= 0, clauses[j].block == c.block {
            if let y = YearText.expressions(in: tokens, clauses[j].range, excluded: communeSpans).last(where: {
                usable($0.span)
            }) {
                return y.span
            }
            j -= 1
        }
        // The paragraphs before it in its section, nearest first (a news item's lead dates the
        // lists that follow it).
        var blocks = 0
        var lastBlock = c.block
        while j >= 0, blocks < 3, clauses[j].headings.count == c.headings.count, !clauses[j].inTable {
            if clauses[j].block != lastBlock {
                blocks += 1
                lastBlock = clauses[j].block
            }
            if let y = YearText.expressions(in: tokens, clauses[j].range, excluded: communeSpans).last(where: {
                usable($0.span) && !$0.date
            }) {
                return y.span
            }
            j -= 1
        }
        j = k + 1
        while j < clauses.count, clauses[j].sentence == c.sentence {
            if let y = YearText.expressions(in: tokens, clauses[j].range, excluded: communeSpans).first(where: {
                usable($0.span)
            }) {
                return y.span
            }
            j += 1
        }
        if let h = c.headings.reversed().first(where: { $0.year != nil }), let y = h.year,
            usable(YearSpan(year: y, start: h.yearStart))
        {
            return YearSpan(year: y, start: h.yearStart)
        }
        if let t = titleYear, usable(t) { return t }
        return document
    }

    /// A year a line opens with (`2013 (2 xã)`, `Năm 2014:`).
    func leadingYear(_ clause: Clause) -> YearSpan? {
        let i = clause.range.lowerBound
        if let y = YearText.year(tokens[i]) { return YearSpan(year: y) }
        return YearText.expression(in: tokens, at: i, limit: clause.range.upperBound).map(\.span)
    }

    func headingYear(_ clause: Clause) -> YearSpan? {
        clause.headings.reversed().first { $0.forward && $0.year != nil }.map {
            YearSpan(year: $0.year!, start: $0.yearStart)
        }
    }

    // MARK: Levels

    /// The level a predicate names: `nâng cao`, `kiểu mẫu`, else `nông thôn mới`; or a count of
    /// criteria reached (`đạt 19/19 tiêu chí`, `đạt 15 tiêu chí` → `19 tiêu chí`, `15 tiêu chí`).
    func level(in range: Range<Int>) -> String? {
        var i = range.lowerBound
        while i < range.upperBound {
            if tokens[i].isNumber, let q = Quantity.number(tokens[i].text), i >= 1,
                L.linking.contains(tokens[i - 1].key) || tokens[i - 1].key == K.dat
            {
                var j = i + 1
                if j + 1 < range.upperBound, tokens[j].isPunct("/"), tokens[j + 1].isNumber { j += 2 }
                // `đạt từ 13-18 tiêu chí` is a spread, not a level.
                let spread = j + 1 < range.upperBound && ["-", "–"].contains(tokens[j].text) && tokens[j + 1].isNumber
                if !spread, tokens.matches(L.criteria.keys, at: j) { return "\(Quantity.format(q)) tiêu chí" }
            }
            if let n = ntmLength(at: i) {
                let after = i + n
                if tokens.matches(L.advanced.keys, at: after) { return "nâng cao" }
                if tokens.matches(L.model.keys, at: after) { return "kiểu mẫu" }
                return "nông thôn mới"
            }
            i += 1
        }
        return nil
    }

    /// `nông thôn mới` (3 tokens) or `NTM` (1) at `i`.
    func ntmLength(at i: Int) -> Int? {
        if tokens.matches(L.ntm.keys, at: i) {
            // `nông thôn mới (NTM) nâng cao`
            if i + 5 < tokens.count, tokens[i + 3].isPunct("("), tokens[i + 4].key == K.ntm, tokens[i + 5].isPunct(")")
            {
                return 6
            }
            return 3
        }
        if i < tokens.count, tokens[i].key == K.ntm { return 1 }
        return nil
    }

    /// A level of the programme reached or to be reached, outside `excluding`: `nông thôn mới`
    /// (or `NTM`), with `nâng cao` or `kiểu mẫu`, right after a verb of reaching (`đạt chuẩn`,
    /// `về đích`, `công nhận`, `hoàn thành`) or after `xã`; not the programme's name (`xây dựng
    /// nông thôn mới`) and not a level of a hamlet, a district or a province.
    func levelAnchor(
        in range: Range<Int>, excluding: [Range<Int>]
    )
        -> (start: Int, end: Int, level: String, indicator: String)?
    {
        var i = range.lowerBound
        while i < range.upperBound {
            guard let n = ntmLength(at: i), !excluding.contains(where: { $0.contains(i) }) else {
                i += 1
                continue
            }
            var end = i + n
            var level = "nông thôn mới"
            if tokens.matches(L.advanced.keys, at: end) {
                level = "nâng cao"
                end += 2
            } else if tokens.matches(L.model.keys, at: end) {
                level = "kiểu mẫu"
                end += 2
            }
            // What comes just before: a verb of reaching, or the type word of the unit.
            var j = i - 1
            var reaching = false
            var subject: String?
            while j >= max(range.lowerBound, i - 5) {
                let insideLevel = j >= 1 && ntmLength(at: j - 1) == 3
                if !insideLevel, let unit = L.match(L.levelSubjects, tokens, at: j), !communeSpans.contains(j) {
                    subject = unit.keys.joined(separator: " ")
                    if subject == K.xa, j >= 1, tokens[j - 1].key == K.thi { subject = "thị xã" }
                    break
                }
                if L.reachingVerbs.contains(tokens[j].key) { reaching = true }
                if tokens[j].kind == .punct, !["“", "”", "\""].contains(tokens[j].text) { break }
                j -= 1
            }
            // `hoàn thành nhiệm vụ xây dựng nông thôn mới` is a district's or a town's status.
            let districtTask = (max(range.lowerBound, i - 3)..<i).contains { tokens.matches(L.task.keys, at: $0) }
            let communeSubject = (subject == nil || subject == K.xa) && !districtTask
            if reaching || subject == K.xa, communeSubject {
                let indicator =
                    level == "nông thôn mới" ? "đạt chuẩn nông thôn mới" : "đạt chuẩn nông thôn mới \(level)"
                return (max(range.lowerBound, j + 1), end, level, indicator)
            }
            i = end
        }
        return nil
    }
}
