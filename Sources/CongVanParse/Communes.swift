import CongVanCore

/// A commune named in the text, before resolution.
struct CommuneSighting {
    var name: String
    /// `xã`, `phường`, `thị trấn` as written; nil for a bare name.
    var type: String?
    var tokens: Range<Int>
    var district: String?
    var province: String?
    /// `năm 2024` written right after the name.
    var year: Int?
}

/// Finds `xã X`, `các xã: A, B, huyện C`, `xã A, xã B huyện C` in the token stream.
struct CommuneFinder {
    let tokens: [Token]
    let gazetteer: Gazetteer

    static let communeTypes = Localities.types.filter { $0.level == .commune }
    static let districtTypes = Localities.types.filter { $0.level == .district }
    static let provinceTypes = Localities.types.filter { $0.level == .province }

    func find(in range: Range<Int>) -> [CommuneSighting] {
        var out: [CommuneSighting] = []
        var i = range.lowerBound
        while i < range.upperBound {
            guard let (type, afterType) = typeWord(at: i, among: Self.communeTypes),
                let first = name(at: skipColon(afterType), level: .commune, limit: range.upperBound)
            else {
                i += 1
                continue
            }
            var group: [CommuneSighting] = [CommuneSighting(name: first.name, type: type, tokens: i..<first.end)]
            var j = first.end
            j = readYear(into: &group[group.count - 1], at: j)
            listLoop: while j < range.upperBound {
                // District (and province) after the group: `, huyện Bát Xát` or ` huyện Thạch An`.
                let k = tokens[j].isPunct(",") ? j + 1 : j
                if let (_, afterD) = typeWord(at: k, among: Self.districtTypes),
                    let d = name(at: afterD, level: .district, limit: range.upperBound)
                {
                    for g in group.indices where group[g].district == nil { group[g].district = d.name }
                    j = d.end
                    let p = j < range.upperBound && tokens[j].isPunct(",") ? j + 1 : j
                    if let (_, afterP) = typeWord(at: p, among: Self.provinceTypes),
                        let pn = name(at: afterP, level: .province, limit: range.upperBound)
                    {
                        for g in group.indices where group[g].province == nil { group[g].province = pn.name }
                        j = pn.end
                    }
                    break listLoop
                }
                // The list goes on: `, xã B`, `, B`, `và B`.
                guard tokens[j].isPunct(",") || tokens[j].key == K.va else { break }
                let n = j + 1
                if let (t2, after2) = typeWord(at: n, among: Self.communeTypes),
                    let nm = name(at: skipColon(after2), level: .commune, limit: range.upperBound)
                {
                    group.append(CommuneSighting(name: nm.name, type: t2, tokens: n..<nm.end))
                    j = readYear(into: &group[group.count - 1], at: nm.end)
                } else if n < range.upperBound, typeWord(at: n, among: Self.districtTypes) == nil,
                    let nm = name(at: n, level: .commune, limit: range.upperBound)
                {
                    group.append(CommuneSighting(name: nm.name, type: type, tokens: n..<nm.end))
                    j = readYear(into: &group[group.count - 1], at: nm.end)
                } else {
                    break
                }
            }
            out += group
            i = max(j, i + 1)
        }
        return out
    }

    private func skipColon(_ i: Int) -> Int {
        i < tokens.count && tokens[i].isPunct(":") ? i + 1 : i
    }

    /// `năm 2024` right after a name (or its closing parenthesis) sets that commune's year.
    private func readYear(into s: inout CommuneSighting, at j: Int) -> Int {
        if j + 1 < tokens.count, tokens[j].key == K.nam, tokens[j + 1].isNumber,
            let y = Int(tokens[j + 1].text), (1990...2100).contains(y)
        {
            s.year = y
            return j + 2
        }
        return j
    }

    /// A type word (`xã`, `các xã`, `thành phố`, `TP.`) at `i`; returns the type and the index after it.
    func typeWord(at i: Int, among types: [(phrase: [String], type: String, level: GazetteerLevel)]) -> (String, Int)? {
        var i = i
        if i < tokens.count, tokens[i].key == K.cac { i += 1 }
        for t in types where tokens.matches(t.phrase, at: i) {
            // An upper-case `XÃ HỘI` is a heading, not a commune.
            if tokens[i].text.count > 1, TextTools.upperShare(tokens[i].text) == 1, t.phrase != ["tp"] { continue }
            var after = i + t.phrase.count
            if t.phrase == ["tp"], after < tokens.count, tokens[after].isPunct(".") { after += 1 }
            return (t.type, after)
        }
        return nil
    }

    /// The longest run of capitalised words at `i` (at most four) that names a unit of `level`.
    func name(at i: Int, level: GazetteerLevel, limit: Int) -> (name: String, end: Int)? {
        var words: [String] = []
        var j = i
        while j < limit, words.count < 4, tokens[j].isWord, tokens[j].isTitle {
            words.append(tokens[j].text)
            j += 1
        }
        // `Phường 1`, `Phường 12`.
        if words.isEmpty, level == .commune, i < limit, tokens[i].isNumber, tokens[i].text.count <= 2 {
            return gazetteer.units(named: tokens[i].text, level: .commune).isEmpty ? nil : (tokens[i].text, i + 1)
        }
        var n = words.count
        while n > 0 {
            let candidate = words[0..<n].joined(separator: " ")
            if !gazetteer.units(named: candidate, level: level).isEmpty
                || (level == .district && !gazetteer.units(named: candidate, level: .province).isEmpty)
            {
                return (candidate, i + n)
            }
            n -= 1
        }
        return nil
    }
}

/// Where a document is from, to settle names that several units share.
struct PlaceContext {
    var provinces: Set<String> = []
    var districts: Set<String> = []
    var year: Int?
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
        if !context.provinces.isEmpty, !units.contains(where: inContext) {
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
