import Foundation
import GRDB

/// `congvan query NAME`: the targets (and optionally achievements) that name a commune.
public struct CommuneQuery: Sendable, Equatable {
    /// The commune as the person typed it: any case, with or without diacritics, `xã` optional.
    public var name: String
    /// Keep only hits whose year (the commune's own year in the target, else the target's) is this.
    public var year: Int?
    /// Achievements too, not only targets.
    public var includeAchievements: Bool

    public init(name: String, year: Int? = nil, includeAchievements: Bool = false) {
        self.name = name
        self.year = year
        self.includeAchievements = includeAchievements
    }
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
    public var quantity: Double?
    /// Upper end of a range (`5 - 10`).
    public var quantityMax: Double?
    public var unit: String?
    /// The commune's own year in the target where given, else the target's year.
    public var year: Int?
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
        try c.encode(quantity, forKey: .quantity)
        try c.encode(quantityMax, forKey: .quantityMax)
        try c.encode(unit, forKey: .unit)
        try c.encode(year, forKey: .year)
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
    /// Exact folded-name matches come from an index; only when there are none are names one typo
    /// away tried, from the short list of distinct names. Hits are grouped per unit (exact tones
    /// first), then ordered by year, document date and line.
    public func query(_ q: CommuneQuery) throws(StoreError) -> [TargetHit] {
        let key = NameKey.queryFold(q.name)
        // Urban wards can be bare numbers (`Phường 15`), so digits count as a name.
        guard key.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
        else {
            throw .invalidQuery("'\(q.name)' is not a commune name")
        }
        let tone = NameKey.queryTone(q.name)
        return try read("querying \(q.name)") { db in
            var hits = try Self.hits(db, folds: [key], query: q, tone: tone, typo: false)
            if hits.isEmpty, key.utf8.count >= 4 {
                let bytes = Array(key.utf8)
                let near = try String.fetchAll(db, sql: "SELECT name_fold FROM commune_names")
                    .filter { $0 != key && NameKey.withinOneTypo(bytes, Array($0.utf8)) }
                if !near.isEmpty { hits = try Self.hits(db, folds: near, query: q, tone: tone, typo: true) }
            }
            return Self.ordered(hits)
        }
    }

    static func hits(
        _ db: Database, folds: [String], query q: CommuneQuery, tone: String, typo: Bool
    ) throws -> [TargetHit] {
        var sql = """
            SELECT tc.name, tc.name_tone, tc.district, tc.province, tc.code, COALESCE(tc.year, t.year) AS year,
                   t.kind AS type, t.indicator, t.quantity, t.quantity_max, t.unit, t.scope, t.sentence, t.line,
                   d.kind AS doc_kind, d.number, d.date, d.issuer, d.subject, d.source
            FROM target_communes tc
            JOIN targets t ON t.id = tc.target_id
            JOIN documents d ON d.id = t.document_id
            WHERE tc.name_fold IN (\(databaseQuestionMarks(count: folds.count)))
            """
        var arguments = StatementArguments(folds)
        if !q.includeAchievements { sql += " AND t.kind = 'target'" }
        if let year = q.year {
            sql += " AND COALESCE(tc.year, t.year) = ?"
            arguments += [year]
        }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let match: TargetHit.Match = typo ? .typo : (row["name_tone"] as String) == tone ? .exact : .folded
            return TargetHit(
                commune: row["name"], district: row["district"], province: row["province"], code: row["code"],
                type: row["type"], indicator: row["indicator"], quantity: row["quantity"],
                quantityMax: row["quantity_max"],
                unit: row["unit"], year: row["year"], scope: row["scope"], sentence: row["sentence"], line: row["line"],
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
