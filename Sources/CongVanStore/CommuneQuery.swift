import CongVanCore
import Foundation
import GRDB

/// `congvan query NAME`: the targets (and optionally achievements) that name a commune, or every
/// commune of a district or a province.
public struct CommuneQuery: Sendable, Equatable {
    /// A commune, district or province as the person typed it: any case, with or without
    /// diacritics, its type word optional (`xã Hưng Đạo`, `huyện Trùng Khánh`, `tỉnh Cao Bằng`).
    /// Empty when only `province` is given.
    public var name: String
    /// Only communes of this province (`Cao Bằng`, `tỉnh Cao Bằng`).
    public var province: String?
    /// Keep only hits whose year (the commune's own year in the target, else the target's) is this.
    public var year: Int?
    /// Achievements too, not only targets.
    public var includeAchievements: Bool
    /// Only this level: `nông thôn mới` (or `ntm`), `nâng cao`, `kiểu mẫu`, `19 tiêu chí`, any spelling.
    public var level: String?
    /// Only `target` or only `achievement` (the latter implies achievements are included).
    public var status: String?

    public init(
        name: String, province: String? = nil, year: Int? = nil, includeAchievements: Bool = false,
        level: String? = nil, status: String? = nil
    ) {
        self.name = name
        self.province = province
        self.year = year
        self.includeAchievements = includeAchievements
        self.level = level
        self.status = status
    }

    /// The level as the parser writes it, whatever way it was typed.
    var canonicalLevel: String? {
        guard let level else { return nil }
        let key = NameKey.fold(level)
        if key.contains("nang cao") { return "nâng cao" }
        if key.contains("kieu mau") { return "kiểu mẫu" }
        if key.contains("tieu chi"), let n = key.split(separator: " ").first.flatMap({ Int($0) }) {
            return "\(n) tiêu chí"
        }
        if key == "ntm" || key.contains("nong thon moi") { return "nông thôn mới" }
        return level
    }
}

/// What a query's name was answered as.
public enum QueryScope: String, Sendable {
    case commune, district, province
}

/// One target or achievement that names the commune. Field names are the JSON API of
/// `congvan query --format json`; absent values are `null`, never left out.
public struct TargetHit: Sendable, Codable, Equatable {
    /// How the commune's name matched what was typed.
    public enum Match: String, Sendable, Codable, Comparable {
        /// Same letters and tones (tone-mark placement and case aside).
        case exact
        /// Same letters once diacritics are set aside.
        case folded
        /// One typo away.
        case typo

        public static func < (a: Match, b: Match) -> Bool { a.rank < b.rank }
        var rank: Int { self == .exact ? 0 : self == .folded ? 1 : 2 }
    }

    /// The document a hit comes from.
    public struct Document: Sendable, Codable, Equatable {
        public var kind: String?
        public var number: String?
        /// ISO 8601 (`2020-02-07`, or `2023-03` when the day is blank).
        public var date: String?
        public var issuer: String?
        public var subject: String?
        /// The converted file, relative to the store's folder when below it.
        public var source: String

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(number, forKey: .number)
            try c.encode(date, forKey: .date)
            try c.encode(issuer, forKey: .issuer)
            try c.encode(subject, forKey: .subject)
            try c.encode(source, forKey: .source)
        }
    }

    /// The commune as the document names it (`Hưng Đạo`), with its district and province.
    public var commune: String
    public var district: String?
    public var province: String?
    /// GSO code when the parser resolved the commune to one unit.
    public var code: String?
    /// `target` or `achievement`.
    public var type: String
    public var indicator: String?
    /// `nông thôn mới`, `nâng cao`, `kiểu mẫu`, a criteria count, or nil.
    public var level: String?
    public var quantity: Double?
    /// Upper end of a range (`5 - 10`).
    public var quantityMax: Double?
    public var unit: String?
    /// The commune's own year in the target where given, else the target's year.
    public var year: Int?
    /// The first year when `year` ends a period (`2021-2025`).
    public var yearStart: Int?
    /// Who the target applies to when it is not only the listed communes (`mỗi huyện`).
    public var scope: String?
    public var sentence: String
    /// 1-based line of the restored text where the sentence starts.
    public var line: Int
    public var match: Match
    public var document: Document

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(commune, forKey: .commune)
        try c.encode(district, forKey: .district)
        try c.encode(province, forKey: .province)
        try c.encode(code, forKey: .code)
        try c.encode(type, forKey: .type)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(level, forKey: .level)
        try c.encode(quantity, forKey: .quantity)
        try c.encode(quantityMax, forKey: .quantityMax)
        try c.encode(unit, forKey: .unit)
        try c.encode(year, forKey: .year)
        try c.encode(yearStart, forKey: .yearStart)
        try c.encode(scope, forKey: .scope)
        try c.encode(sentence, forKey: .sentence)
        try c.encode(line, forKey: .line)
        try c.encode(match, forKey: .match)
        try c.encode(document, forKey: .document)
    }

    /// The unit a hit belongs to: hits are listed per (commune, district, province).
    public var unitKey: UnitKey { UnitKey(commune: commune, district: district, province: province) }

    public struct UnitKey: Hashable, Sendable {
        public var commune: String
        public var district: String?
        public var province: String?
    }
}

extension Store {
    /// Every target (and with `includeAchievements` every achievement) naming the commune.
    public func query(_ q: CommuneQuery) throws(StoreError) -> [TargetHit] { try answer(q).hits }

    /// The hits for `q` and what its name was answered as. A name with a district's or a
    /// province's type word (`huyện Trùng Khánh`), or one that names no commune in the store but
    /// is a district's or a province's there, gives every commune of that unit. Exact folded-name
    /// matches come from an index; only when nothing matches are commune names one typo away
    /// tried, from the short list of distinct names. Hits are grouped per unit (exact tones
    /// first), then ordered by year, document date and line.
    public func answer(_ q: CommuneQuery) throws(StoreError) -> (scope: QueryScope, hits: [TargetHit]) {
        let typed = Vietnamese.UnitType.split(q.name)
        let name = typed?.name ?? q.name
        let key = NameKey.fold(name)
        let provinceKey = q.province.map { NameKey.fold(Vietnamese.UnitType.split($0)?.name ?? $0) }
        // Urban wards can be bare numbers (`Phường 15`), so digits count as a name.
        let named = key.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        guard named || provinceKey != nil else { throw .invalidQuery("'\(q.name)' is not a commune name") }
        let tone = NameKey.tone(name)
        return try read("querying \(q.name)") { db in
            if !named, let provinceKey {
                return (
                    .province, Self.ordered(try Self.hits(db, column: "province_fold", keys: [provinceKey], query: q))
                )
            }
            let level = typed?.type.level
            if level == nil || level == .commune {
                var hits = try Self.hits(db, column: "name_fold", keys: [key], query: q, tone: tone)
                if hits.isEmpty, level == nil {
                    for (scope, column) in [(QueryScope.district, "district_fold"), (.province, "province_fold")] {
                        let units = try Self.hits(db, column: column, keys: [key], query: q)
                        if !units.isEmpty { return (scope, Self.ordered(units)) }
                        // The unit is in the store but nothing of it matches the filters.
                        if try Self.holds(db, column: column, key: key) { return (scope, []) }
                    }
                }
                if hits.isEmpty, key.utf8.count >= 4 {
                    let bytes = Array(key.utf8)
                    let near = try String.fetchAll(db, sql: "SELECT name_fold FROM commune_names")
                        .filter { $0 != key && NameKey.withinOneTypo(bytes, Array($0.utf8)) }
                    if !near.isEmpty {
                        hits = try Self.hits(db, column: "name_fold", keys: near, query: q, tone: tone, typo: true)
                    }
                }
                return (.commune, Self.ordered(hits))
            }
            let scope: QueryScope = level == .province ? .province : .district
            let column = scope == .province ? "province_fold" : "district_fold"
            return (scope, Self.ordered(try Self.hits(db, column: column, keys: [key], query: q)))
        }
    }

    /// Whether any commune the store names lies in the district or province `key`.
    static func holds(_ db: Database, column: String, key: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM target_communes WHERE \(column) = ?)", arguments: [key])
            ?? false
    }

    /// The hits whose `column` (`name_fold`, `district_fold`, `province_fold`) is one of `keys`.
    /// A commune whose name is `tone` matches `exact`; the rest `folded` (or `typo`).
    static func hits(
        _ db: Database, column: String, keys: [String], query q: CommuneQuery, tone: String? = nil, typo: Bool = false
    ) throws -> [TargetHit] {
        var sql = """
            SELECT tc.name, tc.name_tone, tc.district, tc.province, tc.code, COALESCE(tc.year, t.year) AS year,
                   CASE WHEN tc.year IS NULL THEN t.year_start ELSE tc.year_start END AS year_start,
                   t.kind AS type, t.indicator, t.level, t.quantity, t.quantity_max, t.unit, t.scope, t.sentence,
                   t.line, d.kind AS doc_kind, d.number, d.date, d.issuer, d.subject, d.source
            FROM target_communes tc
            JOIN targets t ON t.id = tc.target_id
            JOIN documents d ON d.id = t.document_id
            WHERE tc.\(column) IN (\(databaseQuestionMarks(count: keys.count)))
            """
        var arguments = StatementArguments(keys)
        if let status = q.status {
            sql += " AND t.kind = ?"
            arguments += [status]
        } else if !q.includeAchievements {
            sql += " AND t.kind = 'target'"
        }
        if let year = q.year {
            sql += " AND COALESCE(tc.year, t.year) = ?"
            arguments += [year]
        }
        if let province = q.province {
            sql += " AND tc.province_fold = ?"
            arguments += [NameKey.fold(Vietnamese.UnitType.split(province)?.name ?? province)]
        }
        if let level = q.canonicalLevel {
            sql += " AND t.level = ?"
            arguments += [level]
        }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let match: TargetHit.Match =
                typo ? .typo : tone == nil || (row["name_tone"] as String) == tone ? .exact : .folded
            return TargetHit(
                commune: row["name"], district: row["district"], province: row["province"], code: row["code"],
                type: row["type"], indicator: row["indicator"], level: row["level"], quantity: row["quantity"],
                quantityMax: row["quantity_max"],
                unit: row["unit"], year: row["year"], yearStart: row["year_start"], scope: row["scope"],
                sentence: row["sentence"], line: row["line"],
                match: match,
                document: .init(
                    kind: row["doc_kind"], number: row["number"], date: row["date"], issuer: row["issuer"],
                    subject: row["subject"], source: row["source"]))
        }
    }

    /// Units by match quality, then province, district and name; within a unit by year, date,
    /// source and line.
    static func ordered(_ hits: [TargetHit]) -> [TargetHit] {
        var best: [TargetHit.UnitKey: TargetHit.Match] = [:]
        for h in hits { best[h.unitKey] = min(best[h.unitKey] ?? h.match, h.match) }
        func text(_ s: String?) -> String { s.map(NameKey.fold) ?? "\u{10FFFF}" }
        // Sort keys are computed once per unit, not per comparison.
        var unitKeys: [TargetHit.UnitKey: [String]] = [:]
        for (unit, match) in best {
            unitKeys[unit] = [
                String(match.rank), text(unit.province), text(unit.district), NameKey.fold(unit.commune),
                unit.commune, unit.province ?? "", unit.district ?? "",
            ]
        }
        let keyed = hits.map { (unitKeys[$0.unitKey]!, $0) }
        return keyed.sorted { x, y in
            let (ka, a) = x
            let (kb, b) = y
            if ka != kb { return ka.lexicographicallyPrecedes(kb) }
            if a.year != b.year { return (a.year ?? Int.max) < (b.year ?? Int.max) }
            if a.document.date != b.document.date { return (a.document.date ?? "~") < (b.document.date ?? "~") }
            if a.document.source != b.document.source { return a.document.source < b.document.source }
            if a.line != b.line { return a.line < b.line }
            return a.type < b.type
        }.map(\.1)
    }
}
