/// Stage 3's output: one record per directive. Field names are stable (they are the JSON API);
/// absent values are written as `null`, never left out, so consumers see every field.
public struct DirectiveRecord: Sendable, Codable, Equatable {
    /// File name the text came from.
    public var source: String
    /// Công văn, Kế hoạch, Báo cáo, Quyết định, …
    public var kind: String?
    public var issuer: String?
    /// `1391/UBND-KT`; `nil` when the number was left blank on the letter.
    public var number: String?
    /// What follows the blank number (`UBND-NNPTNT`) when the number itself is blank.
    public var numberSuffix: String?
    /// ISO 8601: `2020-06-05`, or `2023-03` when the day is blank.
    public var date: String?
    public var place: String?
    /// The V/v line or the title.
    public var subject: String?
    public var addressees: [String]
    public var references: [DocumentReference]
    public var communes: [CommuneMention]
    public var targets: [Target]
    public var achievements: [Target]
    public var signer: String?
    /// What the parser could not settle (ambiguous names, missing header parts).
    public var warnings: [String]
    /// Where the record came from and how its text was read; nil only for a record made from
    /// text by the library alone (`convert` and `parse` always fill it).
    public var provenance: Provenance?

    public init(
        source: String, kind: String? = nil, issuer: String? = nil, number: String? = nil,
        numberSuffix: String? = nil, date: String? = nil, place: String? = nil, subject: String? = nil,
        addressees: [String] = [], references: [DocumentReference] = [], communes: [CommuneMention] = [],
        targets: [Target] = [], achievements: [Target] = [], signer: String? = nil, warnings: [String] = [],
        provenance: Provenance? = nil
    ) {
        self.source = source
        self.kind = kind
        self.issuer = issuer
        self.number = number
        self.numberSuffix = numberSuffix
        self.date = date
        self.place = place
        self.subject = subject
        self.addressees = addressees
        self.references = references
        self.communes = communes
        self.targets = targets
        self.achievements = achievements
        self.signer = signer
        self.warnings = warnings
        self.provenance = provenance
    }

    enum CodingKeys: String, CodingKey {
        case source, kind, issuer, number, numberSuffix, date, place, subject, addressees, references
        case communes, targets, achievements, signer, warnings, provenance
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        issuer = try c.decodeIfPresent(String.self, forKey: .issuer)
        number = try c.decodeIfPresent(String.self, forKey: .number)
        numberSuffix = try c.decodeIfPresent(String.self, forKey: .numberSuffix)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        place = try c.decodeIfPresent(String.self, forKey: .place)
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        addressees = try c.decodeIfPresent([String].self, forKey: .addressees) ?? []
        references = try c.decodeIfPresent([DocumentReference].self, forKey: .references) ?? []
        communes = try c.decodeIfPresent([CommuneMention].self, forKey: .communes) ?? []
        targets = try c.decodeIfPresent([Target].self, forKey: .targets) ?? []
        achievements = try c.decodeIfPresent([Target].self, forKey: .achievements) ?? []
        signer = try c.decodeIfPresent(String.self, forKey: .signer)
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
        provenance = try c.decodeIfPresent(Provenance.self, forKey: .provenance)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(kind, forKey: .kind)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(number, forKey: .number)
        try c.encode(numberSuffix, forKey: .numberSuffix)
        try c.encode(date, forKey: .date)
        try c.encode(place, forKey: .place)
        try c.encode(subject, forKey: .subject)
        try c.encode(addressees, forKey: .addressees)
        try c.encode(references, forKey: .references)
        try c.encode(communes, forKey: .communes)
        try c.encode(targets, forKey: .targets)
        try c.encode(achievements, forKey: .achievements)
        try c.encode(signer, forKey: .signer)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(provenance, forKey: .provenance)
    }
}

/// A document the directive cites.
public struct DocumentReference: Sendable, Codable, Equatable, Hashable {
    public var kind: String?
    public var number: String?
    /// ISO 8601 date of the cited document.
    public var date: String?
    public init(kind: String?, number: String?, date: String?) {
        self.kind = kind
        self.number = number
        self.date = date
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(number, forKey: .number)
        try c.encode(date, forKey: .date)
    }
}

/// A commune named in the text, resolved against the gazetteer where possible.
public struct CommuneMention: Sendable, Codable, Equatable, Hashable {
    /// Bare name as in the gazetteer (`Hưng Đạo`).
    public var name: String
    /// `xã`, `phường` or `thị trấn`.
    public var type: String?
    public var district: String?
    public var province: String?
    /// GSO code of the unit, when resolved to one.
    public var code: String?
    /// The unit it became in the 1 July 2025 reform (`Xã Hòa An`), when known.
    public var successor: String?
    /// Set when several units share the name and the text does not settle which is meant.
    public var ambiguous: Bool
    /// For an ambiguous name: each possible unit as "district, province (code)".
    public var candidates: [String]

    public init(
        name: String, type: String? = nil, district: String? = nil, province: String? = nil,
        code: String? = nil, successor: String? = nil, ambiguous: Bool = false, candidates: [String] = []
    ) {
        self.name = name
        self.type = type
        self.district = district
        self.province = province
        self.code = code
        self.successor = successor
        self.ambiguous = ambiguous
        self.candidates = candidates
    }

    enum CodingKeys: String, CodingKey { case name, type, district, province, code, successor, ambiguous, candidates }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        district = try c.decodeIfPresent(String.self, forKey: .district)
        province = try c.decodeIfPresent(String.self, forKey: .province)
        code = try c.decodeIfPresent(String.self, forKey: .code)
        successor = try c.decodeIfPresent(String.self, forKey: .successor)
        ambiguous = try c.decodeIfPresent(Bool.self, forKey: .ambiguous) ?? false
        candidates = try c.decodeIfPresent([String].self, forKey: .candidates) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(type, forKey: .type)
        try c.encode(district, forKey: .district)
        try c.encode(province, forKey: .province)
        try c.encode(code, forKey: .code)
        try c.encode(successor, forKey: .successor)
        try c.encode(ambiguous, forKey: .ambiguous)
        try c.encode(candidates, forKey: .candidates)
    }
}

/// A numeric target (forward-looking) or achievement (reported result).
public struct Target: Sendable, Codable, Equatable {
    /// `nil` when the sentence names a goal without a number.
    public var quantity: Double?
    /// Upper end of a range (`5 - 10` gives 5 and 10).
    public var quantityMax: Double?
    /// xã, xóm, thôn, tiêu chí, sản phẩm, %, …
    public var unit: String?
    /// What is to be reached (`đạt chuẩn nông thôn mới`).
    public var indicator: String?
    /// The year to reach it by (a target) or it was reached in (an achievement); the end of a
    /// period when `yearStart` is set (`giai đoạn 2021-2025` gives 2021 and 2025).
    public var year: Int?
    public var yearStart: Int?
    /// `target` (to be reached) or `achievement` (reached): which of the record's lists it is in.
    public var status: String?
    /// The programme level: `nông thôn mới`, `nâng cao`, `kiểu mẫu`, a criteria count
    /// (`15 tiêu chí`), or `nil` for another indicator.
    public var level: String?
    /// Who the target applies to when it is not a list of communes (`mỗi huyện`).
    public var scope: String?
    public var communes: [TargetCommune]
    /// The sentence the target was read from.
    public var sentence: String
    /// 1-based line of the text where the sentence starts.
    public var line: Int

    public init(
        quantity: Double? = nil, quantityMax: Double? = nil, unit: String? = nil, indicator: String? = nil,
        year: Int? = nil, yearStart: Int? = nil, status: String? = nil, level: String? = nil, scope: String? = nil,
        communes: [TargetCommune] = [], sentence: String, line: Int
    ) {
        self.yearStart = yearStart
        self.status = status
        self.level = level
        self.quantity = quantity
        self.quantityMax = quantityMax
        self.unit = unit
        self.indicator = indicator
        self.year = year
        self.scope = scope
        self.communes = communes
        self.sentence = sentence
        self.line = line
    }

    enum CodingKeys: String, CodingKey {
        case quantity, quantityMax, unit, indicator, year, yearStart, status, level, scope, communes, sentence, line
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        quantity = try c.decodeIfPresent(Double.self, forKey: .quantity)
        quantityMax = try c.decodeIfPresent(Double.self, forKey: .quantityMax)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        indicator = try c.decodeIfPresent(String.self, forKey: .indicator)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        yearStart = try c.decodeIfPresent(Int.self, forKey: .yearStart)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        level = try c.decodeIfPresent(String.self, forKey: .level)
        scope = try c.decodeIfPresent(String.self, forKey: .scope)
        communes = try c.decodeIfPresent([TargetCommune].self, forKey: .communes) ?? []
        sentence = try c.decodeIfPresent(String.self, forKey: .sentence) ?? ""
        line = try c.decodeIfPresent(Int.self, forKey: .line) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(quantity, forKey: .quantity)
        try c.encode(quantityMax, forKey: .quantityMax)
        try c.encode(unit, forKey: .unit)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(year, forKey: .year)
        try c.encode(yearStart, forKey: .yearStart)
        try c.encode(status, forKey: .status)
        try c.encode(level, forKey: .level)
        try c.encode(scope, forKey: .scope)
        try c.encode(communes, forKey: .communes)
        try c.encode(sentence, forKey: .sentence)
        try c.encode(line, forKey: .line)
    }
}

/// A commune a target names, with its own year where the text gives one.
public struct TargetCommune: Sendable, Codable, Equatable, Hashable {
    public var name: String
    /// The commune's own year where the text gives one (its list item, its part of the list, or
    /// the statement's context); `yearStart` for a period.
    public var year: Int?
    public var yearStart: Int?
    public var district: String?
    public var province: String?
    public var code: String?

    public init(
        name: String, year: Int? = nil, yearStart: Int? = nil, district: String? = nil, province: String? = nil,
        code: String? = nil
    ) {
        self.name = name
        self.year = year
        self.yearStart = yearStart
        self.district = district
        self.province = province
        self.code = code
    }

    enum CodingKeys: String, CodingKey { case name, year, yearStart, district, province, code }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(year, forKey: .year)
        try c.encode(yearStart, forKey: .yearStart)
        try c.encode(district, forKey: .district)
        try c.encode(province, forKey: .province)
        try c.encode(code, forKey: .code)
    }
}
