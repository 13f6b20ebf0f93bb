import CongVanCore

/// Administrative type words as written before a unit's name, and agency names.
enum Localities {
    /// Type words, longest first, in toneKey form, with the gazetteer type they mean: the
    /// kernel's unit types, and the abbreviations letterheads and lists use (`TP.`, `TX`, `H.`).
    static let types: [(phrase: [String], type: String, level: GazetteerLevel)] = {
        func level(_ l: Vietnamese.UnitType.Level) -> GazetteerLevel {
            switch l {
            case .province: .province
            case .district: .district
            case .commune: .commune
            }
        }
        let words = Vietnamese.UnitType.longestFirst.map {
            (
                phrase: $0.words.split(separator: " ").map { Vietnamese.toneKey(String($0)) }, type: $0.rawValue,
                level: level($0.level)
            )
        }
        let abbreviations: [(phrase: [String], type: String, level: GazetteerLevel)] = [
            (["tp"], Vietnamese.UnitType.city.rawValue, .district),
            (["tx"], Vietnamese.UnitType.town.rawValue, .district),
            (["h"], Vietnamese.UnitType.district.rawValue, .district),
        ]
        return words + abbreviations
    }()

    /// The type word a text starts with (`TỈNH LÀO CAI` → tỉnh), if any.
    static func startsWithType(_ text: String) -> String? {
        let words = text.split(separator: " ").map { Vietnamese.toneKey(String($0)) }
        for t in types where words.count > t.phrase.count && Array(words.prefix(t.phrase.count)) == t.phrase {
            return t.type
        }
        return nil
    }

    /// The locality named in an agency (`UBND huyện Trùng Khánh` → huyện, Trùng Khánh).
    static func locality(in agency: String) -> (type: String, name: String)? {
        let words = agency.split(separator: " ").map(String.init)
        let keys = words.map { Vietnamese.toneKey($0) }
        for start in words.indices {
            for t in types
            where start + t.phrase.count < words.count && Array(keys[start..<(start + t.phrase.count)]) == t.phrase {
                let nameWords = words[(start + t.phrase.count)...].prefix {
                    TextTools.isTitleWord(Substring($0)) || TextTools.upperShare($0) == 1
                }
                if !nameWords.isEmpty { return (t.type, TextTools.titleCase(nameWords.joined(separator: " "))) }
            }
        }
        return nil
    }

    /// Agencies whose usual spelling cannot be derived from the upper-case letterhead.
    static let agencySpellings: [String] = [
        "Thủ tướng Chính phủ", "Văn phòng Chính phủ", "Chính phủ", "Quốc hội", "Ủy ban Thường vụ Quốc hội",
        "Bộ Công Thương", "Bộ Tài chính", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Xây dựng", "Bộ Công an", "Bộ Quốc phòng",
        "Bộ Y tế", "Bộ Ngoại giao", "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Nông nghiệp và Môi trường",
        "Bộ Kế hoạch và Đầu tư", "Bộ Giáo dục và Đào tạo", "Bộ Khoa học và Công nghệ", "Bộ Giao thông vận tải",
        "Bộ Lao động - Thương binh và Xã hội", "Bộ Tài nguyên và Môi trường", "Bộ Thông tin và Truyền thông",
        "Bộ Văn hóa, Thể thao và Du lịch", "Ban Chấp hành Trung ương", "Ban Chỉ đạo Trung ương", "Tỉnh ủy", "Huyện ủy",
        "Thành ủy",
        "Ban Chỉ đạo", "Văn phòng Điều phối", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Hội đồng nhân dân",
        "Ủy ban nhân dân",
    ]
    static let agencyByFold: [(fold: String, spelling: String)] =
        agencySpellings
        .map { (Vietnamese.foldKey($0), $0) }.sorted { $0.fold.count > $1.fold.count }

    /// Nouns that head an agency's name; the word after them starts the proper name.
    static let headNouns: Set<String> = [
        "so", "bo", "ban", "phong", "cuc", "chi cuc", "tong cuc", "vu", "vien",
        "trung tam", "van phong", "hoi dong", "uy ban", "doan", "hoi", "kho bac",
    ]
    static let partyCommittees: Set<String> = ["tinh uy", "huyen uy", "thanh uy", "quan uy", "thi uy", "dang uy"]

    /// Whether a letterhead line starts an agency's name (`SỞ …`, `ỦY BAN …`, `UBND …`, `HỘI ĐỒNG
    /// …`, `HUYỆN ỦY …`, `THỦ TƯỚNG CHÍNH PHỦ`), rather than going on with one wrapped above it.
    static func startsAgency(_ line: String) -> Bool {
        let words = Vietnamese.foldKey(line).split(separator: " ").prefix(3).map(String.init)
        guard let first = words.first else { return false }
        let two = words.prefix(2).joined(separator: " ")
        if headNouns.contains(first) || headNouns.contains(two) || partyCommittees.contains(two) { return true }
        if ["ubnd", "hdnd", "ubmttq", "dang", "bch", "tm", "kt"].contains(first) { return true }
        return agencyByFold.contains { $0.fold.hasPrefix(two) && $0.fold.split(separator: " ").count >= 2 }
    }

    /// Acronyms that stay upper case in an issuer's name.
    static let acronyms: Set<String> = [
        "ubnd", "hdnd", "mttq", "mtqg", "ctmtqg", "ptnt", "nn&ptnt", "bcd", "vpdp", "ntm", "tw", "ct", "bch",
    ]

    /// An upper-case letterhead agency in its usual spelling: `ỦY BAN NHÂN DÂN TỈNH LÀO CAI` →
    /// `UBND tỉnh Lào Cai`; `THỦ TƯỚNG CHÍNH PHỦ` → `Thủ tướng Chính phủ`. Mixed-case text is
    /// kept as written, only abbreviated.
    static func issuerSpelling(_ raw: String) -> String {
        var text = Vietnamese.squeezeSpaces(raw)
        if TextTools.upperShare(text) > 0.8 {
            text = sentenceCase(text)
        }
        return abbreviate(text)
    }

    private static func sentenceCase(_ upper: String) -> String {
        let words = upper.split(separator: " ").map(String.init)
        let keys = words.map { Vietnamese.toneKey($0) }
        var out: [String] = []
        var i = 0
        // Known agency spellings first (`THỦ TƯỚNG CHÍNH PHỦ`).
        let foldWords = words.map { Vietnamese.foldKey($0) }
        while i < words.count {
            var matched = false
            for a in agencyByFold {
                let aw = a.fold.split(separator: " ").map(String.init)
                if i + aw.count <= words.count, Array(foldWords[i..<(i + aw.count)]) == aw {
                    out += a.spelling.split(separator: " ").map(String.init)
                    i += aw.count
                    matched = true
                    break
                }
            }
            if matched {
                // `HUYỆN ỦY TRÙNG KHÁNH`: a party committee is followed by its locality's name.
                if partyCommittees.contains(Vietnamese.foldKey(out.suffix(2).joined(separator: " "))) {
                    while i < words.count {
                        out.append(TextTools.titleCase(words[i]))
                        i += 1
                    }
                }
                continue
            }
            // A type word makes the rest of the run a proper name.
            var typeMatched = false
            for t in types where t.type != "thành phố" || t.phrase.count == 2 {
                if i + t.phrase.count < words.count, Array(keys[i..<(i + t.phrase.count)]) == t.phrase {
                    out += words[i..<(i + t.phrase.count)].map { Vietnamese.lowercase($0) }
                    i += t.phrase.count
                    while i < words.count, agencyByFold.first(where: { $0.fold.hasPrefix(foldWords[i] + " ") }) == nil {
                        out.append(TextTools.titleCase(words[i]))
                        i += 1
                    }
                    typeMatched = true
                    break
                }
            }
            if typeMatched { continue }
            let w = words[i]
            let afterHead =
                !out.isEmpty && headNouns.contains(Vietnamese.foldKey(out.suffix(2).joined(separator: " ")))
                || !out.isEmpty && headNouns.contains(Vietnamese.foldKey(out.last!))
            if acronyms.contains(Vietnamese.foldKey(w))
                || !w.contains(where: { "aeiouyAEIOUY".contains($0) }) && Vietnamese.fold(w) == w
            {
                out.append(w)
            } else {
                // The first word of an agency's own name is capitalised (`Sở Nông nghiệp`).
                out.append(out.isEmpty || afterHead ? TextTools.titleCase(w) : Vietnamese.lowercase(w))
            }
            i += 1
        }
        return out.joined(separator: " ")
    }

    /// `Ủy ban nhân dân` → `UBND` (the form records use).
    static func abbreviate(_ s: String) -> String {
        let f = Vietnamese.foldKey(s)
        guard let r = f.range(of: "uy ban nhan dan") else { return s }
        let start = f.distance(from: f.startIndex, to: r.lowerBound)
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[0..<start])
        out.append(contentsOf: "UBND".unicodeScalars)
        out.append(contentsOf: scalars[(start + "uy ban nhan dan".count)...])
        return String(out)
    }
}

/// Vietnamese personal names in a signature block.
enum PersonName {
    static let surnameList: [String] = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
        "Dương", "Lý", "Đào", "Đoàn", "Đinh", "Lâm", "Mai", "Trịnh", "Trương", "Tạ", "Lương", "Nông", "Hà", "Triệu",
        "Lò", "Lưu", "Vương", "Quách", "Cao", "Chu", "Kiều", "Tô", "Thái", "Lục", "Tăng", "Châu", "Giang", "Khổng",
        "La", "Lại", "Mạc", "Mông", "Ma", "Hứa", "Thân", "Tống", "Từ", "Âu", "Bế", "Diệp", "Hầu", "Ninh", "Phùng",
        "Sầm", "Sùng", "Vi", "Đàm", "Đồng", "Lã", "Khúc", "Doãn", "Nghiêm", "Tôn", "Tiêu", "Hán", "Giáp", "Lộc",
        "Kim", "Thạch", "Danh", "Khương", "Hàn", "Cù", "Quan", "Lường", "Quàng", "Vàng", "Giàng", "Thào", "Hạng",
        "Cầm", "Điêu", "Lù", "Văn", "Lục", "Long", "Nhâm", "Ông", "Bạch", "Mã", "Phương", "Yên", "Đậu", "Trình",
    ]
    /// Fold key → usual spelling; the first listed wins, so `Nguyen`/`Nguyên` → `Nguyễn`.
    static let surnames: [String: String] = {
        var m: [String: String] = [:]
        for n in surnameList where m[Vietnamese.foldKey(n)] == nil { m[Vietnamese.foldKey(n)] = n }
        return m
    }()

    /// The name ending `line` (two to four capitalised syllables starting with a surname), when
    /// it is the whole line or follows punctuation (`…Thành phố: Nguyễn Quốc Trung`).
    static func trailingName(in line: String, gazetteer: Gazetteer?) -> String? {
        var t = TextTools.trim(line)
        while let l = t.last, "*_ ".contains(l) { t.removeLast() }
        let words = t.split(separator: " ", omittingEmptySubsequences: true)
        var run: [Substring] = []
        for w in words.reversed() {
            var word = w
            while let f = word.first, "*_(“\"".contains(f) { word = word.dropFirst() }
            guard TextTools.isTitleWord(word) else { break }
            run.insert(word, at: 0)
            if word.count != w.count { break }
        }
        guard run.count >= 2 else { return nil }
        let before = words.count - run.count
        guard run.count <= 4, let surname = surnames[Vietnamese.foldKey(String(run[0]))] else { return nil }
        if before > 0 {
            // Whatever precedes the name must be set off from it (`Thành phố: Nguyễn Quốc Trung`).
            let prev = words[before - 1]
            guard let last = prev.last, ":*-–.,)".contains(last) || TextTools.upperShare(String(prev)) > 0.8 else {
                return nil
            }
        }
        let name = run.joined(separator: " ")
        if let g = gazetteer, !g.units(named: name).isEmpty { return nil }
        // Surnames are a closed set: a restored `Nguyên` is `Nguyễn`. Given names are left alone.
        if surnameList.contains(String(run[0])) { return name }
        return ([surname] + run.dropFirst().map(String.init)).joined(separator: " ")
    }
}
