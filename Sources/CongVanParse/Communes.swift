import CongVanCore

/// A commune named in the text, before resolution.
struct CommuneSighting {
    var name: String
    /// `xã`, `phường`, `thị trấn` as written; nil for a bare name.
    var type: String?
    var tokens: Range<Int>
    var district: String?
    var province: String?
    /// The year written with the name (`xã A năm 2024`, `A (2024)`) or over its part of a list
    /// (`năm 2024: A, B; năm 2025: C`); `yearStart` when it is a period (`A (2021-2025)`).
    var year: Int?
    var yearStart: Int?
    /// Index of the list the name is in: names of one enumeration share it.
    var list: Int = 0
    /// Whether `year` came from a marker over a part of the list (it then carries to the names
    /// after it up to the next `;`).
    var markerYear = false
    /// The name with what qualifies it (its year, district, province).
    var span: Range<Int> = 0..<0
    /// Named as the addressee of a task (`UBND các xã: A, B`), not as the subject of a statement.
    var addressed = false
    var yearIfMarked: Int? { markerYear ? year : nil }
}

/// Finds communes named in the token stream: with their type (`xã X`, `các xã: A, B`, `xã A, xã
/// B huyện C`) anywhere, and bare where a list is expected — after `gồm`, `là`, `:` or `(`, at
/// the start of a list item or a table cell, and in a list already begun — when the name is a
/// commune of the document's provinces and not a district or province there. A list runs over
/// `,`, `và` and `;`, and a district in parentheses or after the names qualifies the names
/// before it back to the previous qualifier.
struct CommuneFinder {
    let tokens: [Token]
    let gazetteer: Gazetteer
    var context = PlaceContext()
    /// When given, names are looked up only from a word some unit's name starts with.
    var starts: NameStarts?

    static let communeTypes = Localities.types.filter { $0.level == .commune }
    static let abbreviations: Set<String> = ["tp", "tx", "h"]
    static let agencyWords: Set<String> = Set(["ubnd", "dân", "tịch"].map { Vietnamese.toneKey($0) })
    /// First words of the type words (`xã`, `thị`, `huyện`, …).
    static let typeStarts: Set<String> = Set(Localities.types.map { $0.phrase[0] })
    static let districtTypes = Localities.types.filter { $0.level == .district }
    static let provinceTypes = Localities.types.filter { $0.level == .province }
    /// Words after which a list of names is expected.
    static let listOpeners: Set<String> = Set(
        ["gồm", "là", "như", "có", "tại", "đó", "nhận", "cho"].map { Vietnamese.toneKey($0) })
    /// Words that open a predicate of status: a bare name right before one is its subject
    /// (`Năm 2021, Sơn Nam đạt chuẩn …`, `Tân Trào được công nhận …`).
    static let predicateOpeners: Set<String> = Set(
        ["đạt", "được", "về", "hoàn", "đăng", "phấn", "đã", "sẽ", "chưa", "tiếp"].map { Vietnamese.toneKey($0) })

    func find(in range: Range<Int>) -> [CommuneSighting] {
        var out: [CommuneSighting] = []
        var i = range.lowerBound
        var listNumber = 0
        // `Huyện Bảo Lâm: Xã Lộc An, Lộc Quảng`: a district heading the list after it.
        var label: (district: String?, province: String?, start: Int)?
        while i < range.upperBound {
            if let u = typedUnit(at: i, limit: range.upperBound), u.district != nil, u.end < range.upperBound,
                tokens[u.end].isPunct(":")
            {
                label = (u.district, u.province, u.end + 1)
                i = u.end + 1
                continue
            }
            let marker = yearMarker(at: i, limit: range.upperBound)
            let at = marker?.end ?? i
            var first: (type: String?, name: String, start: Int, end: Int)?
            if let (type, afterType) = typeWord(at: at, among: Self.communeTypes) {
                let n = skipColon(afterType)
                // Only wards are numbered (`Phường 12`); `xã 15` is a count in a table.
                if tokens.indices.contains(n), tokens[n].isNumber, type != "phường" {
                    i += 1
                    continue
                }
                if let nm = name(at: n, level: .commune, limit: range.upperBound) {
                    first = (type, nm.name, at, nm.end)
                } else if let nm = bareName(at: n, limit: range.upperBound) {
                    first = (type, nm.name, at, nm.end)
                }
            } else if let nm = bareName(at: at, limit: range.upperBound),
                expectsList(before: at, from: range.lowerBound)
                    || nm.end < range.upperBound && Self.predicateOpeners.contains(tokens[nm.end].key)
                        // not the end of a longer name (`Chủ tịch Vương Bình Thạnh đã ký`)
                        && !(at > range.lowerBound && tokens[at - 1].isTitle)
            {
                first = (nil, nm.name, at, nm.end)
            }
            guard let first else {
                i += 1
                continue
            }
            // `UBND các xã: A, B …` addresses the communes' committees; it states nothing of them.
            let agencies = at >= 2 && tokens[at].key == K.cac && Self.agencyWords.contains(tokens[at - 1].key)
            listNumber += 1
            var group = [
                CommuneSighting(
                    name: first.name, type: first.type, tokens: first.start..<first.end, year: marker?.year,
                    yearStart: marker?.start, list: listNumber, markerYear: marker != nil)
            ]
            var qualified = 0
            var j = readQualifiers(into: &group, from: &qualified, at: first.end, limit: range.upperBound)
            group[0].span = first.start..<j
            let type = first.type
            listLoop: while j < range.upperBound {
                // The list goes on: `, xã B`, `, B`, `và B`, `; C`, `; năm 2025: D`.
                guard tokens[j].isPunct(",") || tokens[j].isPunct(";") || tokens[j].key == K.va else { break }
                var n = j + 1
                if n < range.upperBound, tokens[n].key == K.va { n += 1 }
                let mark = yearMarker(at: n, limit: range.upperBound)
                if let mark { n = mark.end }
                var next: (type: String?, name: String, end: Int)?
                if let (t2, after2) = typeWord(at: n, among: Self.communeTypes),
                    let nm = name(at: skipColon(after2), level: .commune, limit: range.upperBound)
                        ?? bareName(at: skipColon(after2), limit: range.upperBound)
                {
                    next = (t2, nm.name, nm.end)
                } else if n < range.upperBound, typeWord(at: n, among: Self.districtTypes) == nil,
                    typeWord(at: n, among: Self.provinceTypes) == nil,
                    let nm = bareName(at: n, limit: range.upperBound)
                        ?? (type != nil && (type == "phường" || !tokens[n].isNumber)
                            ? name(at: n, level: .commune, limit: range.upperBound) : nil)
                {
                    next = (type, nm.name, nm.end)
                } else if let nm = unknownName(at: n, limit: range.upperBound) {
                    // A commune the gazetteer no longer has (merged before its first snapshot),
                    // known to be one by its place in the list.
                    next = (type ?? "xã", nm.name, nm.end)
                }
                guard let next else { break listLoop }
                let year = mark?.year ?? (tokens[j].isPunct(";") ? nil : group.last?.yearIfMarked)
                var s = CommuneSighting(name: next.name, type: next.type, tokens: n..<next.end, list: listNumber)
                if let mark {
                    s.year = mark.year
                    s.yearStart = mark.start
                } else if let year, let last = group.last, last.markerYear {
                    s.year = year
                    s.yearStart = last.yearStart
                    s.markerYear = true
                }
                if mark != nil { s.markerYear = true }
                group.append(s)
                j = readQualifiers(into: &group, from: &qualified, at: next.end, limit: range.upperBound)
                group[group.count - 1].span = n..<j
            }
            if let l = label, l.start == first.start {
                for g in group.indices {
                    if group[g].district == nil { group[g].district = l.district }
                    if group[g].province == nil { group[g].province = l.province }
                }
            }
            if agencies { for g in group.indices { group[g].addressed = true } }
            out += group
            i = max(j, i + 1)
        }
        return out
    }

    /// Whether a bare name at `i` stands where a list of names is expected.
    func expectsList(before i: Int, from start: Int) -> Bool {
        guard i < tokens.count else { return false }
        if tokens[i].lineStart { return true }
        guard i > start else { return true }
        let p = tokens[i - 1]
        if p.kind == .punct { return [":", "(", "|", "-", "+", "•", "–"].contains(p.text) }
        if Self.listOpeners.contains(p.key) { return true }
        // `gồm các xã`, `là các xã`: the type word's plural form is read by `typeWord`.
        return false
    }

    private func skipColon(_ i: Int) -> Int {
        i < tokens.count && tokens[i].isPunct(":") ? i + 1 : i
    }

    /// `năm 2024:` or `Năm 2024 -` heading a part of a list; returns the year and where names begin.
    func yearMarker(at i: Int, limit: Int) -> (year: Int, start: Int?, end: Int)? {
        guard i + 2 < limit, tokens[i].key == K.nam, let y = YearText.year(tokens[i + 1]) else { return nil }
        var j = i + 2
        var start: Int?
        var year = y
        if j + 1 < limit, ["-", "–"].contains(tokens[j].text), let y2 = YearText.year(tokens[j + 1]), y2 > y {
            start = y
            year = y2
            j += 2
        }
        // `năm 2024: A, B`, `năm 2025 là xã C`, `năm 2024 – A`.
        guard j < limit, tokens[j].isPunct(":") || tokens[j].key == K.la || ["-", "–"].contains(tokens[j].text)
        else { return nil }
        return (year, start, j + 1)
    }

    /// After a name: its year (`năm 2024`, `(năm 2024)`, `(2024)`), its district and province
    /// (`, huyện X`, `huyện X`, `(huyện X)`, `(X)`, `(huyện X, tỉnh Y)`), in any order. A district
    /// qualifies every name of the group back to the previous qualifier (`A, B (huyện X); C (Y)`).
    func readQualifiers(into group: inout [CommuneSighting], from qualified: inout Int, at j: Int, limit: Int) -> Int {
        var j = j
        func apply(district: String?, province: String?) {
            for g in qualified..<group.count {
                if let district, group[g].district == nil { group[g].district = district }
                if let province, group[g].province == nil { group[g].province = province }
            }
            if district != nil { qualified = group.count }
        }
        var progressed = true
        while progressed, j < limit {
            progressed = false
            if let y = yearAfter(at: j, limit: limit) {
                group[group.count - 1].year = y.year
                group[group.count - 1].yearStart = y.start
                group[group.count - 1].markerYear = false
                j = y.end
                progressed = true
                continue
            }
            // `, huyện X`, `– huyện X`, ` huyện X`.
            let k = tokens[j].isPunct(",") || ["-", "–", "—"].contains(tokens[j].text) ? j + 1 : j
            if let d = typedUnit(at: k, limit: limit) {
                apply(district: d.district, province: d.province)
                j = d.end
                progressed = true
                continue
            }
            if tokens[j].isPunct("("), let p = parenthesis(at: j, limit: limit) {
                if let y = p.year {
                    group[group.count - 1].year = y
                    group[group.count - 1].yearStart = p.yearStart
                    group[group.count - 1].markerYear = false
                }
                apply(district: p.district, province: p.province)
                j = p.end
                progressed = true
            }
        }
        return j
    }

    /// `huyện X[, tỉnh Y]` or `tỉnh Y` at `i`.
    func typedUnit(at i: Int, limit: Int) -> (district: String?, province: String?, end: Int)? {
        if let (_, afterD) = typeWord(at: i, among: Self.districtTypes),
            let d = name(at: afterD, level: .district, limit: limit)
        {
            var end = d.end
            var province: String?
            let p = end < limit && tokens[end].isPunct(",") ? end + 1 : end
            if let (_, afterP) = typeWord(at: p, among: Self.provinceTypes),
                let pn = name(at: afterP, level: .province, limit: limit)
            {
                province = pn.name
                end = pn.end
            }
            return (d.name, province, end)
        }
        if let (_, afterP) = typeWord(at: i, among: Self.provinceTypes),
            let pn = name(at: afterP, level: .province, limit: limit)
        {
            return (nil, pn.name, pn.end)
        }
        return nil
    }

    /// A parenthesis holding only a district, a province and a year, typed or bare:
    /// `(huyện Yên Sơn)`, `(Yên Sơn)`, `(Yên Sơn, Tuyên Quang)`, `(năm 2024)`, `(2021-2025)`.
    func parenthesis(
        at open: Int, limit: Int
    ) -> (district: String?, province: String?, year: Int?, yearStart: Int?, end: Int)? {
        var j = open + 1
        var district: String?
        var province: String?
        var year: Int?
        var yearStart: Int?
        var parts = 0
        while j < limit, !tokens[j].isPunct(")") {
            if tokens[j].isPunct(",") || tokens[j].isPunct(";") || tokens[j].isPunct("-") {
                j += 1
                continue
            }
            if let u = typedUnit(at: j, limit: limit) {
                district = district ?? u.district
                province = province ?? u.province
                j = u.end
            } else if let y = yearAfter(at: j, limit: limit, bare: true) {
                year = y.year
                yearStart = y.start
                j = y.end
            } else if let d = contextUnit(at: j, level: .district, limit: limit)
                ?? name(at: j, level: .district, limit: limit)
            {
                district = district ?? d.name
                j = d.end
            } else if let p = name(at: j, level: .province, limit: limit) {
                province = province ?? p.name
                j = p.end
            } else {
                return nil
            }
            parts += 1
        }
        guard j < limit, parts > 0 else { return nil }
        return (district, province, year, yearStart, j + 1)
    }

    /// `năm 2024`, `năm 2021-2025`, or (inside a parenthesis) a bare `2024` or `2021-2025`.
    func yearAfter(at i: Int, limit: Int, bare: Bool = false) -> (year: Int, start: Int?, end: Int)? {
        var j = i
        if j < limit, tokens[j].key == K.nam { j += 1 } else if !bare { return nil }
        guard j < limit, let y = YearText.year(tokens[j]) else { return nil }
        if j + 2 < limit, ["-", "–"].contains(tokens[j + 1].text), let y2 = YearText.year(tokens[j + 2]), y2 > y {
            return (y2, y, j + 3)
        }
        return (y, nil, j + 1)
    }

    /// A type word (`xã`, `các xã`, `thành phố`, `TP.`) at `i`; returns the type and the index after it.
    func typeWord(at i: Int, among types: [(phrase: [String], type: String, level: GazetteerLevel)]) -> (String, Int)? {
        var i = i
        if i < tokens.count, tokens[i].key == K.cac { i += 1 }
        guard i < tokens.count, Self.typeStarts.contains(tokens[i].key) else { return nil }
        for t in types where tokens.matches(t.phrase, at: i) {
            // The `xã` of `thị xã` is a town's type, not a commune's.
            if t.phrase == [K.xa], i >= 1, tokens[i - 1].key == K.thi { continue }
            let abbreviation = Self.abbreviations.contains(t.phrase[0])
            // An upper-case `XÃ HỘI` is a heading, not a commune.
            if !abbreviation, tokens[i].text.count > 1, TextTools.upperShare(tokens[i].text) == 1 { continue }
            var after = i + t.phrase.count
            if abbreviation {
                // `TP. Huế`, `TX An Nhơn`, `H.Thống Nhất`: capitals, and `H` only with its stop.
                guard TextTools.upperShare(tokens[i].text) == 1 else { continue }
                if after < tokens.count, tokens[after].isPunct(".") {
                    after += 1
                } else if t.phrase == ["h"] {
                    continue
                }
            }
            return (t.type, after)
        }
        return nil
    }

    /// The capitalised words at `i`, at most four, each with the token after it. A word joined
    /// by an apostrophe is one word (`B’ri`, `M'Đrắk`); a number of one or two digits ends a
    /// name (`Phước Cát 1`).
    func titleRun(at i: Int, limit: Int) -> [(text: String, end: Int)] {
        var words: [(String, Int)] = []
        var j = i
        while j < limit, words.count < 4, tokens[j].isWord, tokens[j].isTitle {
            var text = tokens[j].text
            j += 1
            while j + 1 < limit, ["'", "’", "‘"].contains(tokens[j].text), !tokens[j].spaceBefore, tokens[j + 1].isWord
            {
                text += "'" + tokens[j + 1].text
                j += 2
            }
            words.append((text, j))
        }
        if !words.isEmpty, j < limit, tokens[j].isNumber, tokens[j].text.count <= 2,
            j + 1 >= limit || !tokens[j + 1].isWord
        {
            words.append((tokens[j].text, j + 1))
        }
        return words
    }

    /// The ways a name with an apostrophe is spelt (`Đam B'ri`, `Đam B' ri`, `Đam Bri`).
    func spellings(_ name: String) -> [String] {
        guard name.contains("'") else { return [name] }
        return [name, name.replacingOccurrences(of: "'", with: "' "), name.replacingOccurrences(of: "'", with: "")]
    }

    /// The longest run of capitalised words at `i` (at most four) that names a unit of `level`.
    func name(at i: Int, level: GazetteerLevel, limit: Int) -> (name: String, end: Int)? {
        if let starts, i < limit, tokens[i].isWord, !starts.mayStart(tokens[i], level: level) { return nil }
        let words = titleRun(at: i, limit: limit)
        // `Phường 1`, `Phường 12`.
        if words.isEmpty, level == .commune, i < limit, tokens[i].isNumber, tokens[i].text.count <= 2 {
            return gazetteer.units(named: tokens[i].text, level: .commune).isEmpty ? nil : (tokens[i].text, i + 1)
        }
        var n = words.count
        while n > 0 {
            for candidate in spellings(words[0..<n].map(\.text).joined(separator: " ")) {
                if !gazetteer.indexes(named: candidate, level: level).isEmpty
                    || (level == .district && !gazetteer.indexes(named: candidate, level: .province).isEmpty)
                {
                    return (candidate, words[n - 1].end)
                }
            }
            n -= 1
        }
        return nil
    }

    /// A unit of `level` in the document's provinces (any province when none is known).
    func contextUnit(at i: Int, level: GazetteerLevel, limit: Int) -> (name: String, end: Int)? {
        guard i < limit, tokens[i].isTitle else { return nil }
        if let starts, !starts.mayStart(tokens[i], level: level) { return nil }
        let words = titleRun(at: i, limit: limit)
        var n = words.count
        while n > 0 {
            for candidate in spellings(words[0..<n].map(\.text).joined(separator: " ")) {
                if gazetteer.indexes(named: candidate, level: level).contains(where: inContext) {
                    return (candidate, words[n - 1].end)
                }
            }
            n -= 1
        }
        return nil
    }

    /// Inside a list of communes, two to four capitalised words that no unit bears but that
    /// stand as an item does: followed by its district in parentheses, or by the next item.
    func unknownName(at i: Int, limit: Int) -> (name: String, end: Int)? {
        let words = titleRun(at: i, limit: limit)
        guard (2...4).contains(words.count), !words.contains(where: { $0.text.contains("'") || Int($0.text) != nil })
        else { return nil }
        let end = words[words.count - 1].end
        guard typeWord(at: i, among: Localities.types) == nil, end < limit else { return nil }
        if tokens[end].isPunct("("), let p = parenthesis(at: end, limit: limit), p.district != nil {
            return (words.map(\.text).joined(separator: " "), end)
        }
        if tokens[end].isPunct(",") || tokens[end].isPunct(";") || tokens[end].key == K.va,
            end + 1 < limit, bareName(at: end + 1, limit: limit) != nil
        {
            return (words.map(\.text).joined(separator: " "), end)
        }
        return nil
    }

    /// A bare name that can only be a commune here: a commune of the document's provinces
    /// (any, when they are not known) that is not also the name of one of their districts or of
    /// a province (a district or town is never taken for a commune).
    func bareName(at i: Int, limit: Int) -> (name: String, end: Int)? {
        // A lone capital or a Roman numeral (`I`, `II`) numbers a part; it names no commune.
        guard i < limit, tokens[i].text.count > 1 || i + 1 < limit && tokens[i + 1].isTitle,
            !ClauseSplitter.isRoman(tokens[i].text)
        else { return nil }
        guard let c = contextUnit(at: i, level: .commune, limit: limit) else {
            return qualifiedName(at: i, limit: limit)
        }
        let clash =
            gazetteer.indexes(named: c.name, level: .district).contains(where: inContext)
            || gazetteer.indexes(named: c.name, level: .province).contains(where: inContext)
        guard clash else { return c }
        // `Hải Lăng (huyện Hải Lăng)`: a district written after it makes the name a commune's.
        if c.end < limit, tokens[c.end].isPunct("("), let p = parenthesis(at: c.end, limit: limit), p.district != nil {
            return c
        }
        return nil
    }

    /// A name outside the document's provinces that its district, written right after it,
    /// shows to be a commune (`Ea Kao (Buôn Ma Thuột)`, `Hòa Phú (huyện Tây Hòa)`): the text
    /// says where it is, whatever the rest of the page is about.
    func qualifiedName(at i: Int, limit: Int) -> (name: String, end: Int)? {
        let words = titleRun(at: i, limit: limit)
        var n = words.count
        while n > 0 {
            let end = words[n - 1].end
            defer { n -= 1 }
            guard end + 1 < limit, tokens[end].isPunct("(") else { continue }
            var d = end + 1
            if let (_, after) = typeWord(at: d, among: Self.districtTypes) { d = after }
            let district = titleRun(at: d, limit: limit).map(\.text)
            guard !district.isEmpty else { continue }
            for candidate in spellings(words[0..<n].map(\.text).joined(separator: " ")) {
                let parents = gazetteer.indexes(named: candidate, level: .commune).compactMap {
                    gazetteer.unit(at: $0).parentIndex.map { gazetteer.unit(at: $0).name }
                }
                for k in stride(from: district.count, to: 0, by: -1) {
                    let key = Vietnamese.toneKey(district[0..<k].joined(separator: " "))
                    if parents.contains(where: { Vietnamese.toneKey($0) == key }) { return (candidate, end) }
                }
            }
        }
        return nil
    }

    /// Whether a unit lies in the document's provinces (always, when they are not known).
    func inContext(_ u: GazetteerUnit) -> Bool { inContext(u.index) }

    func inContext(_ index: Int) -> Bool {
        guard !context.provinces.isEmpty else { return true }
        return context.provinceNumbers.contains(gazetteer.provinceCode(ofUnitAt: index))
    }
}

/// Where a document is from, to settle names that several units share.
struct PlaceContext {
    var provinces: Set<String> = [] {
        didSet { provinceNumbers = Set(provinces.compactMap { UInt32($0) }) }
    }
    var districts: Set<String> = []
    var year: Int?
    /// `provinces` as the numbers the unit table stores.
    private(set) var provinceNumbers: Set<UInt32> = []
}

/// The first syllables of the units' names, by level: most capitalised words start none, and
/// testing a set is far cheaper than a lookup.
struct NameStarts: Sendable {
    let communes: Set<String>
    let districts: Set<String>
    let provinces: Set<String>

    init(_ gazetteer: Gazetteer) {
        communes = gazetteer.firstSyllables(level: .commune)
        districts = gazetteer.firstSyllables(level: .district)
        provinces = gazetteer.firstSyllables(level: .province)
    }

    func mayStart(_ token: Token, level: GazetteerLevel) -> Bool {
        let set: Set<String>
        switch level {
        case .commune: set = communes
        case .district:
            return districts.contains(token.key) || districts.contains(token.fold)
                || provinces.contains(token.key) || provinces.contains(token.fold)
        case .province: set = provinces
        }
        return set.contains(token.key) || set.contains(token.fold)
    }
}

/// Resolves commune names against the gazetteer.
struct CommuneResolver {
    let gazetteer: Gazetteer
    let context: PlaceContext

    struct Candidate {
        var versions: [GazetteerUnit]
        var code: String { versions[0].code }
        func districts(_ g: Gazetteer) -> [GazetteerUnit] { versions.compactMap { g.parent(of: $0) } }
    }

    func inContext(_ u: GazetteerUnit) -> Bool {
        gazetteer.parent(of: u).flatMap { gazetteer.parent(of: $0) }.map { context.provinces.contains($0.code) }
            ?? false
    }

    func candidates(_ s: CommuneSighting) -> [Candidate] {
        var units = gazetteer.units(named: s.name, level: .commune)
        // A name known only outside the document's province is more likely a slipped mark on
        // a local name (`Quang Hưng` for `Quảng Hưng`) than a commune of another province.
        // Unless the text writes its district beside it (`Pha Long (Mường Khương)`).
        let underDistrict =
            s.district.map { d in
                units.filter {
                    gazetteer.parent(of: $0).map { Vietnamese.toneKey($0.name) == Vietnamese.toneKey(d) } ?? false
                }
            } ?? []
        if !underDistrict.isEmpty {
            units = underDistrict
        } else if !context.provinces.isEmpty, !units.contains(where: inContext) {
            units = gazetteer.units(ignoringMarks: s.name, level: .commune).filter(inContext)
        }
        if let t = s.type {
            let typed = units.filter { $0.type == t }
            if !typed.isEmpty { units = typed }
        }
        var byCode: [String: [GazetteerUnit]] = [:]
        var order: [String] = []
        for u in units {
            if byCode[u.code] == nil { order.append(u.code) }
            byCode[u.code, default: []].append(u)
        }
        return order.map { Candidate(versions: byCode[$0]!) }
    }

    /// Narrows by what the text says, then by the document's place, then by `neighbours`
    /// (district codes of the other communes); several left means ambiguous.
    func resolve(_ s: CommuneSighting, neighbours: Set<String> = []) -> CommuneMention {
        var cands = candidates(s)
        guard !cands.isEmpty else { return CommuneMention(name: s.name, type: s.type) }
        var preferredDistrict: String?
        func narrow(_ keep: (Candidate) -> Bool) {
            let kept = cands.filter(keep)
            if !kept.isEmpty { cands = kept }
        }
        if let d = s.district {
            let key = Vietnamese.toneKey(d)
            let fold = Vietnamese.foldKey(d)
            let byTone = cands.filter { $0.districts(gazetteer).contains { Vietnamese.toneKey($0.name) == key } }
            if !byTone.isEmpty {
                cands = byTone
                preferredDistrict = key
            } else {
                narrow { $0.districts(gazetteer).contains { Vietnamese.foldKey($0.name) == fold } }
            }
        }
        if let p = s.province {
            let key = Vietnamese.foldKey(p)
            narrow {
                $0.districts(gazetteer).contains {
                    gazetteer.parent(of: $0).map { Vietnamese.foldKey($0.name) == key } ?? false
                }
            }
        }
        if !context.provinces.isEmpty {
            narrow {
                $0.districts(gazetteer).contains {
                    gazetteer.parent(of: $0).map { context.provinces.contains($0.code) } ?? false
                }
            }
        }
        if !context.districts.isEmpty {
            narrow { $0.districts(gazetteer).contains { context.districts.contains($0.code) } }
        }
        if cands.count > 1, !neighbours.isEmpty {
            narrow { $0.districts(gazetteer).contains { neighbours.contains($0.code) } }
        }
        // Two units that bore the name at different times (a commune merged in 2020 and the
        // merged commune that took its name): the document's year picks the one of its time.
        if cands.count > 1, let year = context.year {
            let bit: UInt8 = year <= 2020 ? 1 : 0b110
            narrow { $0.versions.contains { $0.mask & bit != 0 } }
        }
        if cands.count == 1 {
            return mention(cands[0], sighting: s, preferredDistrict: preferredDistrict)
        }
        var m = CommuneMention(
            name: cands[0].versions[0].name, type: s.type ?? cands[0].versions[0].type, ambiguous: true)
        m.candidates = cands.map { c in
            let v = pickVersion(c, preferredDistrict: nil)
            let d = gazetteer.parent(of: v)
            let p = d.flatMap { gazetteer.parent(of: $0) }
            return
                "\(d.map { "\($0.type) \($0.name)" } ?? "?"), \(p.map { "\($0.type) \($0.name)" } ?? "?") (\(c.code))"
        }
        let provinces = Set(
            cands.compactMap { c in
                gazetteer.parent(of: pickVersion(c, preferredDistrict: nil)).flatMap { gazetteer.parent(of: $0)?.name }
            })
        if provinces.count == 1 { m.province = provinces.first }
        return m
    }

    /// The version the document means: the one under the district it names, else the one of
    /// the snapshot nearest the document's year.
    func pickVersion(_ c: Candidate, preferredDistrict: String?) -> GazetteerUnit {
        if let d = preferredDistrict,
            let v = c.versions.first(where: {
                gazetteer.parent(of: $0).map { Vietnamese.toneKey($0.name) == d } ?? false
            })
        {
            return v
        }
        let bit: UInt8 = (context.year ?? 2025) <= 2020 ? 0 : 2
        return c.versions.first { $0.mask & (1 << bit) != 0 }
            ?? c.versions.max { $0.mask < $1.mask }!
    }

    func mention(_ c: Candidate, sighting s: CommuneSighting, preferredDistrict: String?) -> CommuneMention {
        let v = pickVersion(c, preferredDistrict: preferredDistrict)
        let d = gazetteer.parent(of: v)
        let p = d.flatMap { gazetteer.parent(of: $0) }
        let successor = v.successor ?? c.versions.compactMap(\.successor).first
        return CommuneMention(
            name: v.name, type: v.type, district: d?.name, province: p?.name, code: v.code,
            successor: successor)
    }
}
