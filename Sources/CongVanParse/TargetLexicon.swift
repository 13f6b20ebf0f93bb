import CongVanCore

/// The words target extraction reads: units, cues, verbs. All compared in toneKey form.
enum TargetLexicon {
    /// Things counted that reach a status (`06 xã đạt chuẩn…`): the unit word is dropped from
    /// the indicator when a predicate follows.
    static let entityUnits: [Phrase] = [
        "hợp tác xã", "tổ dân phố", "khu dân cư", "thị trấn", "doanh nghiệp", "đơn vị", "công trình", "mô hình",
        "xã", "xóm", "thôn", "bản", "ấp", "làng", "buôn", "phường", "huyện", "hộ", "trường", "chợ", "tuyến",
    ].map(Phrase.init).sorted { $0.keys.count > $1.keys.count }

    /// Measures, kept in the indicator (`27 tiêu chí xã nông thôn mới`).
    static let measureUnits: [Phrase] = [
        "tiêu chí", "chỉ tiêu", "sản phẩm", "lần", "km", "ha", "tỷ đồng", "triệu đồng", "nghìn đồng", "sao", "lớp",
        "học viên", "lao động", "người", "nhà",
    ].map(Phrase.init).sorted { $0.keys.count > $1.keys.count }

    /// Forward-looking cues: the statement sets what is to be reached.
    static let forwardCues: [Phrase] = [
        "phấn đấu", "mục tiêu", "có ít nhất", "dự kiến", "đăng ký", "phải đạt", "cần đạt", "sẽ", "định hướng",
        "lộ trình", "hướng tới", "chỉ tiêu phấn đấu", "giao chỉ tiêu", "theo kế hoạch", "có khả năng",
    ].map(Phrase.init)
    /// Nouns of planning that reports of results use too (`hoàn thành chỉ tiêu năm 2019`,
    /// `bằng 96% so với kế hoạch`): they count only where nothing else decides.
    static let weakTargetCues: [Phrase] = ["chỉ tiêu", "kế hoạch", "đề ra"].map(Phrase.init)
    /// `hoàn thành` counts as a cue when the sentence also says by when (`trong năm`, `đến năm`).
    static let completion = Phrase("hoàn thành")
    static let deadline: [Phrase] = ["trong năm", "đến năm", "năm"].map(Phrase.init)

    /// Markers of the past: the statement reports what was reached.
    static let pastCues: [Phrase] = [
        "đã", "đến nay", "nâng tổng số", "lũy kế", "tính đến", "hiện có", "đến thời điểm",
    ].map(Phrase.init)
    /// Verbs of arrival: a result, unless a goal or a proposal governs them.
    static let arrivalCues: [Phrase] = [
        "công nhận", "về đích", "có thêm", "hoàn thành", "đạt được", "cấp bằng", "đồng ý", "thống nhất",
    ].map(Phrase.init)
    /// A proposal to recognise is neither a goal nor a result.
    static let proposalCues: [Phrase] = [
        "đề nghị", "xét công nhận", "thẩm định", "hồ sơ", "đề xuất", "xét duyệt",
    ].map(Phrase.init)
    static let council = Phrase("hội đồng")
    /// Words that cite a document as a reference (`theo`, `tại`, `căn cứ`, `thực hiện`).
    static let referenceMarkers: Set<String> = Set(["theo", "tại", "cứ", "hiện"].map { Vietnamese.toneKey($0) })
    /// Words that open a cited document's title (`… ban hành quy định …`, `về việc …`).
    static let citationTitles: [Phrase] = ["ban hành", "về việc", "phê duyệt", "quy định", "hướng dẫn"].map(Phrase.init)
    static let task = Phrase("nhiệm vụ xây dựng")
    static let negations: [Phrase] = ["chưa", "không"].map(Phrase.init)
    /// Work in progress or a purpose: neither a goal set nor a result (`đang đẩy nhanh tiến độ để
    /// về đích`).
    static let progressCues: [Phrase] = [
        "đang", "để", "nhằm", "duy trì", "nâng chất", "củng cố",
    ].map(Phrase.init)
    /// A deadline (`đến năm 2025`, `đến cuối năm 2022`): a goal when the year is not past.
    static let byYear: [Phrase] = ["đến năm", "đến cuối năm", "đến hết năm", "trong năm", "vào năm"].map(Phrase.init)
    /// A sentence that goes on with the one before it (`Bên cạnh đó, có 4 xã …`) keeps its goal
    /// or result unless it says otherwise.
    /// A time to come left open (`trong thời gian tới`): no year a goal can be held to.
    static let vagueFuture: [Phrase] = ["thời gian tới", "giai đoạn tới", "sắp tới", "thời gian tiếp theo"].map(
        Phrase.init)
    static let continuations: [Phrase] = [
        "bên cạnh đó", "ngoài ra", "đồng thời", "cùng với đó", "tiếp đó", "sau đó", "trong đó",
    ].map(Phrase.init)
    /// `Đến nay`, `hiện có`: a result as of the document's date.
    static let present: [Phrase] = [
        "đến nay", "hiện nay", "hiện có", "hiện tại", "đến thời điểm này", "tính đến nay",
    ].map(Phrase.init)
    /// The predicates a negation takes away (`chưa đạt`, `không được công nhận`).
    static let negatedVerbs: [Phrase] = [
        "đạt", "được", "hoàn thành", "về đích", "công nhận", "đủ", "đáp ứng",
    ].map(Phrase.init)

    /// Heading words that make a section forward-looking or a report of results.
    static let forwardHeadings = ["phuong huong", "nhiem vu", "muc tieu", "chi tieu", "ke hoach", "giai phap"]
    static let resultHeadings = ["ket qua", "tinh hinh", "danh gia"]

    /// Verbs right before a quantity that belong to the indicator (`công nhận 08 xóm`).
    static let keptVerbs: [Phrase] = [
        "công nhận", "chứng nhận", "chuẩn hóa", "giảm", "tăng", "xây dựng", "duy trì", "hỗ trợ", "thành lập",
        "nâng cấp", "cứng hóa", "đào tạo", "trồng",
    ].map(Phrase.init)

    /// Words between a counted unit and a second number that belongs to its predicate
    /// (`xã đạt dưới 10 tiêu chí`).
    static let linking: Set<String> = Set(
        ["đạt", "dưới", "từ", "trên", "được", "có", "tối", "thiểu", "ít", "nhất"].map { Vietnamese.toneKey($0) })

    /// Verbs that make the words before a measure its indicator (`thu nhập tăng ít nhất 1,5 lần`).
    static let reaching: Set<String> = Set(
        ["tăng", "giảm", "đạt", "thêm", "lên", "từ", "nhất", "thiểu", "trên", "dưới"].map { Vietnamese.toneKey($0) })
    /// Adverbs dropped from the end of such a lead phrase, innermost last.
    static let leadTrim: [Phrase] = ["từ", "ít nhất", "tối thiểu", "khoảng", "trên", "lên", "đạt"].map(Phrase.init)

    /// Words that open a predicate after a counted unit (`xã đạt chuẩn…`, `xã hoàn thành “…”`).
    static let predicates: [Phrase] = ["đạt", "hoàn thành", "phấn đấu", "được", "đã", "về đích"].map(Phrase.init)
    /// Framing words dropped from the start of a predicate.
    static let framing: [Phrase] = ["phấn đấu", "được", "đã", "thực hiện"].map(Phrase.init)

    /// Words that end an indicator.
    static let stops: [Phrase] = [
        "trong năm", "đến năm", "năm", "trở lên", "so với", "gồm", "tại", "theo", "để", "nhằm", "bằng", "chiếm",
        "và", "trong đó", "trên tổng số", "trên", "với", "vào", "giai đoạn", "đạt tỷ lệ",
    ].map(Phrase.init)

    static let places: [Phrase] = administrative + ["thôn", "xóm", "bản"].map(Phrase.init)

    /// Words before `năm YYYY` in a deadline (`đến hết năm 2025`).
    static let timeWords: Set<String> = Set(
        ["đến", "trong", "hết", "vào", "cuối", "từ", "nay"].map { Vietnamese.toneKey($0) })
    static let quantityAdverbs: [Phrase] = ["ít nhất", "tối thiểu", "thêm", "khoảng", "được"].map(Phrase.init)
    static let compare = Phrase("so với")
    static let strongCues: [Phrase] = ["phấn đấu", "mục tiêu"].map(Phrase.init)
    static let ntm = Phrase("nông thôn mới")
    /// Units that can be the subject of a goal without a number (not hamlets).
    static let administrative: [Phrase] = Vietnamese.UnitType.longestFirst.map { Phrase($0.words) }
    static let statusVerbs: [Phrase] = ["hoàn thành", "đạt chuẩn", "về đích", "đạt"].map(Phrase.init)
    static let communeWord = Phrase(Vietnamese.UnitType.commune.words)
    /// Counted units whose members are communes: a list of communes can name them.
    static let communeUnits = Set(Vietnamese.UnitType.allCases.filter { $0.level == .commune }.map(\.words))
    /// Words that open a list carried over from the statement before (`Đó là các xã: …`).
    static let listIntroducers: [Phrase] = [
        "đó là", "gồm", "bao gồm", "cụ thể", "các xã", "trong đó", "lần lượt là", "là", "danh sách", "gồm có",
        "các đơn vị", "như", "theo đó", "trong số đó", "gồm các xã", "đó là các xã",
    ].map(Phrase.init).sorted { $0.keys.count > $1.keys.count }
    static let advanced = Phrase("nâng cao")
    static let criteria = Phrase("tiêu chí")
    static let respectively = Phrase("lần lượt")
    /// Words after `xã` that point back to communes just named (`4 xã trên`, `các xã này`).
    static let anaphora: Set<String> = Set(["trên", "này", "nói", "kể"].map { Vietnamese.toneKey($0) })
    /// The programme's levels (a criteria count is not one).
    static let levels: Set<String> = ["nông thôn mới", "nâng cao", "kiểu mẫu"]
    static let standard = Phrase("đạt chuẩn")
    /// Verbs of a commune's status without a level named (`15 xã đăng ký hoàn thành trong năm 2014`).
    static let recognition: [Phrase] = ["công nhận", "về đích", "đạt chuẩn", "hoàn thành", "đăng ký"].map(Phrase.init)
    /// Words a level ends with, after which a bare year dates it (`đạt chuẩn nông thôn mới 2019`).
    static let levelEnds: Set<String> = Set(["mới", "cao", "mẫu", "ntm"].map { Vietnamese.toneKey($0) })
    static let plan = Phrase("kế hoạch")
    /// Plain `đạt`: for a statement about communes reaching a level, a result unless a goal
    /// governs it.
    static let reach = Phrase("đạt")
    static let model = Phrase("kiểu mẫu")
    /// Units a level of the programme can be said of: only `xã` makes it a commune's.
    static let levelSubjects: [Phrase] = [
        "khu dân cư", "tổ dân phố", "thị xã", "thành phố", "cấp huyện", "cấp tỉnh", "huyện", "tỉnh", "thôn", "xóm",
        "ấp", "bản", "làng", "buôn", "vườn", "hộ", "khu", "xã",
    ].map(Phrase.init)
    /// Words of reaching right before a level (`đạt chuẩn`, `về đích`, `công nhận`, `hoàn thành`).
    static let reachingVerbs: Set<String> = Set(
        ["đạt", "chuẩn", "đích", "nhận", "thành", "lên"].map { Vietnamese.toneKey($0) })
    static let wardWord = Phrase(Vietnamese.UnitType.ward.words)

    /// The forward cues also matched without marks: restored text may read `Phần đầu` for
    /// `Phấn đấu`. Their folds name nothing else a directive says before a quantity.
    static let foldedCues: [[String]] = ["phan dau", "muc tieu", "chi tieu"].map {
        $0.split(separator: " ").map(String.init)
    }

    static func foldedCue(_ tokens: [Token], at i: Int) -> Bool {
        foldedCues.contains { cue in
            guard i + cue.count <= tokens.count, cue.indices.allSatisfy({ tokens[i + $0].fold == cue[$0] }) else {
                return false
            }
            // `Chương trình mục tiêu quốc gia` is a programme's name.
            let j = i + cue.count
            return !(j + 1 < tokens.count && tokens[j].fold == "quoc" && tokens[j + 1].fold == "gia")
        }
    }

    static func match(_ phrases: [Phrase], _ tokens: [Token], at i: Int) -> Phrase? {
        phrases.first { tokens.matches($0.keys, at: i) }
    }

    static func contains(_ phrases: [Phrase], _ tokens: [Token], in range: Range<Int>) -> Bool {
        range.contains { i in
            guard let p = match(phrases, tokens, at: i) else { return false }
            // `Chương trình mục tiêu quốc gia` names a programme, it sets no goal.
            return !(p == goal && tokens.matches(national.keys, at: i + p.keys.count))
        }
    }

    static let goal = Phrase("mục tiêu")
    static let national = Phrase("quốc gia")
}

/// Single words compared often, in toneKey form.
enum K {
    static let so = Vietnamese.toneKey("số")
    static let nam = Vietnamese.toneKey("năm")
    static let thang = Vietnamese.toneKey("tháng")
    static let cac = Vietnamese.toneKey("các")
    static let va = Vietnamese.toneKey("và")
    static let moi = Vietnamese.toneKey("mỗi")
    static let giai = Vietnamese.toneKey("giai")
    static let doan = Vietnamese.toneKey("đoạn")
    static let ky = Vietnamese.toneKey("kỳ")
    static let khoa = Vietnamese.toneKey("khóa")
    static let ngay = Vietnamese.toneKey("ngày")
    static let ntm = "ntm"
    static let la = Vietnamese.toneKey("là")
    static let cua = Vietnamese.toneKey("của")
    static let dat = Vietnamese.toneKey("đạt")
    static let xa = Vietnamese.toneKey("xã")
    static let thi = Vietnamese.toneKey("thị")
    static let yearLead = ["năm", "đoạn", "kỳ", "khóa", "khoá"].map { Vietnamese.toneKey($0) }
}
