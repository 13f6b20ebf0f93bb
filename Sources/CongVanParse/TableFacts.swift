import CongVanCore

/// Tables whose rows are communes: `| STT | Tên xã | Huyện | Năm 2024 | Năm 2025 |` with a mark
/// (`x`) under the year, or `| Tên xã | Năm đạt chuẩn NTM | Năm đạt chuẩn NTM nâng cao |` with
/// years as values. The header says which column holds the name, the district, a year (by its
/// title or by its values) and a level; the caption above the table (and a column's own title:
/// `Năm đăng ký`, `Năm công nhận`) says whether the years are goals or results.
struct TableFacts {
    let lines: [String]
    let finder: CommuneFinder
    let resolver: CommuneResolver
    let modality: Modality

    typealias L = TargetLexicon

    struct Column {
        /// A year the column stands for (`Năm 2024`, `2025`): a mark in a row sets it.
        var year: YearSpan?
        /// The column holds years (`Năm công nhận`).
        var holdsYears = false
        var level: String?
        var status: Status?
    }

    /// The facts of every table among `rows` (1-based line numbers of table rows in `lines`),
    /// and the lines they were read from.
    func read(rows: Set<Int>) -> (targets: [Target], achievements: [Target], lines: Set<Int>) {
        var targets: [Target] = []
        var achievements: [Target] = []
        var used = Set<Int>()
        let sorted = rows.filter { Self.cells(lines[$0 - 1]).count >= 2 }.sorted()
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end] <= sorted[end - 1] + 2 { end += 1 }
            let table = Array(sorted[start..<end])
            start = end
            guard let found = readTable(table) else { continue }
            targets += found.targets
            achievements += found.achievements
            used.formUnion(table)
        }
        return (targets, achievements, used)
    }

    static func cells(_ line: String) -> [String] {
        let separator: Character = line.contains("|") ? "|" : "\t"
        var parts = line.split(separator: separator, omittingEmptySubsequences: false).map {
            TextTools.trim(String($0))
        }
        if line.hasPrefix(String(separator)), parts.first?.isEmpty == true { parts.removeFirst() }
        if line.hasSuffix(String(separator)), parts.last?.isEmpty == true { parts.removeLast() }
        return parts
    }

    private func readTable(_ rows: [Int]) -> (targets: [Target], achievements: [Target])? {
        // The header: the rows before the first one that names a commune.
        var header: [[String]] = []
        var body = rows[...]
        while let r = body.first, !Self.cells(lines[r - 1]).contains(where: { commune(in: $0) != nil }) {
            header.append(Self.cells(lines[r - 1]))
            body = body.dropFirst()
            if header.count > 3 { return nil }
        }
        guard !header.isEmpty, !body.isEmpty else { return nil }
        let width = header.map(\.count).max() ?? 0
        var titles = Array(repeating: "", count: width)
        for row in header {
            for (k, cell) in row.enumerated() where !cell.isEmpty { titles[k] += (titles[k].isEmpty ? "" : " ") + cell }
        }
        let caption = self.caption(above: rows[0])
        let tableStatus = status(of: caption) ?? modality.defaultStatus
        let tableLevel = level(of: caption)
        let nameColumn = titles.firstIndex { t in
            let k = Vietnamese.foldKey(t)
            return k.contains("xa") && !k.contains("so xa") || k.contains("ten") || k.contains("don vi")
        }
        let districtColumn = titles.firstIndex { Vietnamese.foldKey($0).contains("huyen") }
        var columns: [Int: Column] = [:]
        for (k, t) in titles.enumerated() where k != nameColumn && k != districtColumn {
            let key = Vietnamese.foldKey(t)
            var c = Column()
            c.year = YearText.first(in: t)
            c.holdsYears = c.year == nil && key.contains("nam")
            guard c.year != nil || c.holdsYears else { continue }
            c.level = level(of: t) ?? tableLevel
            c.status = status(of: t) ?? tableStatus
            columns[k] = c
        }
        guard !columns.isEmpty else { return nil }
        var found: [String: Target] = [:]
        var order: [String] = []
        for r in body {
            let cells = Self.cells(lines[r - 1])
            let named = nameColumn.flatMap { $0 < cells.count ? commune(in: cells[$0]) : nil }
            guard var sighting = named ?? cells.lazy.compactMap({ commune(in: $0) }).first else { continue }
            if let d = districtColumn, d < cells.count, !cells[d].isEmpty { sighting.district = cells[d] }
            let mention = resolver.resolve(sighting)
            for (k, column) in columns.sorted(by: { $0.key < $1.key }) where k < cells.count {
                let value = cells[k]
                var year: YearSpan?
                if let y = column.year, Self.isMark(value) { year = y }
                if column.holdsYears { year = YearText.first(in: "năm " + value) }
                guard let year, let status = column.status else { continue }
                let key = "\(k)"
                if found[key] == nil {
                    order.append(key)
                    let level = column.level ?? "nông thôn mới"
                    found[key] = Target(
                        unit: "xã",
                        indicator: level == "nông thôn mới"
                            ? "đạt chuẩn nông thôn mới" : "đạt chuẩn nông thôn mới \(level)",
                        year: column.year?.year, yearStart: column.year?.start, status: status.rawValue, level: level,
                        sentence: caption ?? titles.joined(separator: " | "),
                        line: rows[0])
                }
                found[key]!.communes.append(
                    TargetCommune(
                        name: mention.code == nil ? sighting.name : mention.name, year: year.year,
                        yearStart: year.start, district: mention.district, province: mention.province,
                        code: mention.code))
            }
        }
        guard !found.isEmpty else { return nil }
        let all = order.compactMap { found[$0] }
        return (
            all.filter { $0.status == Status.target.rawValue }, all.filter { $0.status == Status.achievement.rawValue }
        )
    }

    /// The commune a cell names: with its type or bare, as the gazetteer and the document's
    /// provinces allow.
    func commune(in cell: String) -> CommuneSighting? {
        let tokens = Tokenizer.tokenize(lines: [cell])
        return CommuneFinder(
            tokens: tokens, gazetteer: finder.gazetteer, context: finder.context, starts: finder.starts
        )
        .find(in: 0..<tokens.count).first
    }

    /// The line just above a table that is not a table row: its caption or the heading over it.
    func caption(above row: Int) -> String? {
        var i = row - 2
        while i >= 0 {
            let t = TextTools.trim(lines[i])
            if !t.isEmpty { return Self.cells(t).count >= 2 ? nil : t }
            i -= 1
        }
        return nil
    }

    func status(of text: String?) -> Status? {
        guard let text else { return nil }
        let tokens = Tokenizer.tokenize(lines: [text])
        let m = Modality(tokens: tokens, documentYear: modality.documentYear, kind: modality.kind)
        for (_, cue) in m.cues(in: 0..<tokens.count).reversed() {
            switch cue {
            case .forward, .weakForward: return .target
            case .past, .arrival: return .achievement
            default: continue
            }
        }
        return nil
    }

    func level(of text: String?) -> String? {
        guard let text else { return nil }
        let key = Vietnamese.foldKey(text)
        if key.contains("nang cao") { return "nâng cao" }
        if key.contains("kieu mau") { return "kiểu mẫu" }
        if key.contains("nong thon moi") || key.contains("ntm") { return "nông thôn mới" }
        return nil
    }

    /// `x`, `X`, `✓`, `v`, `1`: a cell that marks its column.
    static func isMark(_ cell: String) -> Bool {
        ["x", "X", "✓", "✔", "v", "V", "1", "+"].contains(cell)
    }
}
