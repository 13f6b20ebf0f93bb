import CongVanCore
import Foundation

/// The fields of the letterhead and the signature block: kind, issuer, number, date, place,
/// subject, addressees, signer. Works on cleaned lines (index 0 is line 1).
struct HeaderParser {
    let lines: [String]
    /// Each line with its fold, made once per document.
    let folded: FoldedLines
    /// Where header parts are looked for: from a little before the letterhead to the body's
    /// first sentence.
    let zone: Range<Int>
    /// The letterhead's first structural line (the national motto or the number line), when
    /// the text has one: a page's banner, menu or metadata block may come before it.
    let anchor: Int?
    /// Lines that never give the document's number or date: a site's banner and metadata
    /// (`Thứ 7, 30/09/2023, 22:28`, `Ngày đăng: …`, `Lượt truy cập`), a received stamp
    /// (`CÔNG VĂN ĐẾN`, `ĐẾN Số: 123 Ngày 24/4/2026`) and a digital signature's stamp.
    let excluded: Set<Int>

    /// How far into the text the letterhead is looked for (a web page's navigation can be long).
    static let scanLimit = 200
    /// Lines before the anchor that may still hold the agency's name.
    static let lead = 12

    init(lines: [String], folded: FoldedLines) {
        self.lines = lines
        self.folded = folded
        // The anchor: the first motto line and the first number line, looked for until the body's
        // first sentence (`Căn cứ…`, `Thực hiện…`), which ends the letterhead.
        var motto: Int? = nil
        var firstNumber: Int? = nil
        var body: Int? = nil
        for i in 0..<min(lines.count, Self.scanLimit) where !lines[i].isEmpty {
            let t = lines[i]
            if Self.mayOpenBody(t), folded[i].firstMatch(Self.bodyOpener) != nil {
                body = i
                break
            }
            if motto == nil, Self.mayHoldMotto(t), folded[i].firstMatch(Self.mottoText) != nil { motto = i }
            if firstNumber == nil, t.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }) == 0x53,
                folded[i].firstMatch(Self.numberLine) != nil || folded[i].firstMatch(Self.cutNumber) != nil
            {
                firstNumber = i
            }
            if motto != nil, firstNumber != nil { break }
        }
        let anchor = [motto, firstNumber].compactMap { $0 }.min()
        self.anchor = anchor
        let start = anchor.map { max(0, $0 - Self.lead) } ?? 0
        let limit = min(lines.count, (anchor ?? 0) + 45)
        let end =
            body.map { min($0, limit) }
            ?? ((anchor ?? start)..<limit).first {
                Self.mayOpenBody(lines[$0]) && folded[$0].firstMatch(Self.bodyOpener) != nil
            } ?? limit
        zone = start..<max(start, end)
        var excluded = Set<Int>()
        var stampFields = 0
        for i in zone where !lines[i].isEmpty {
            let f = folded[i]
            // Stamps name `ĐẾN`; banner and metadata lines hold a colon or a digit.
            let den = ["DEN", "Den", "den"].contains { TextTools.containsASCII(f.folded, $0) }
            let marked = den || lines[i].utf8.contains { $0 == 0x3A || ($0 >= 0x30 && $0 <= 0x39) }
            if !marked {
                stampFields = 0
                continue
            }
            if den, f.firstMatch(Self.receivedStamp) != nil {
                excluded.insert(i)
                stampFields = 3
            } else if stampFields > 0 {
                stampFields -= 1
                // A stamp's own fields follow it: `Số: 123`, `Ngày: 24/4/2026`, `Chuyển: …`.
                if f.firstMatch(Self.stampField) != nil { excluded.insert(i) } else { stampFields = 0 }
            } else if f.firstMatch(Self.siteMetadata) != nil {
                excluded.insert(i)
            }
        }
        self.excluded = excluded
    }

    /// Cheap test before the body-opener pattern: the line starts with `ca`, `th` or `xe`, marks
    /// and case aside (`Căn cứ`, `Thực hiện`, `Theo đề nghị`, `Xét đề nghị`).
    static func mayOpenBody(_ line: String) -> Bool {
        var it = line.unicodeScalars.makeIterator()
        var first = it.next()
        while let f = first, f == " " || f == "\t" { first = it.next() }
        guard let a = first, let b = it.next() else { return false }
        let x = Vietnamese.asciiBase(a).value | 0x20
        let y = Vietnamese.asciiBase(b).value | 0x20
        return (x == 0x63 && y == 0x61) || (x == 0x74 && y == 0x68) || (x == 0x78 && y == 0x65)
    }

    /// Cheap test before the motto pattern: `NGH` (CHỦ NGHĨA), `NG S` (CỘNG SẢN) in capitals, or
    /// `nh phu`/`nh phú` (Hạnh phúc) in either case.
    static func mayHoldMotto(_ line: String) -> Bool {
        var window: UInt64 = 0
        var afterHanhPh = false
        for b in line.utf8 {
            if afterHanhPh, b == 0x75 || b == 0x55 || b == 0xC3 { return true }
            window = (window << 8) | UInt64(b)
            if window & 0xFF_FFFF == 0x4E_4748 || window & 0xFFFF_FFFF == 0x4E47_2053 { return true }
            afterHanhPh = (window & 0xFF_FFFF_FFFF) | 0x20_2020_2020 == 0x6E_6820_7068
        }
        return false
    }

    /// A line of nothing but rules and cell borders (`-------`, `|`, `***`): no text of its own.
    static func isRule(_ line: String) -> Bool {
        !line.isEmpty && line.utf8.allSatisfy { [0x20, 0x09, 0x7C, 0x2D, 0x5F, 0x3D, 0x2A].contains($0) }
    }

    /// A web copy's table cell border ends a column's text on a line: `ỦY BAN NHÂN DÂN | CỘNG HÒA …`.
    static func firstCell(_ line: String) -> String {
        guard let bar = line.firstIndex(of: "|") else { return line }
        return TextTools.trim(String(line[..<bar]))
    }

    // MARK: Patterns (on folded text)

    /// `Số: 61/QĐ-TTg`, `Số 15-CT/TU`, `Số : 61 / QĐ-TTg`, `SỐ:61/QĐ-TTg`, a blank `Số:   /UBND-NN`.
    static let numberBody =
        #"(?-i:S)[o0b6]\s*[:.;]?\s*(\d+)?\s*([-/])\s*([A-Za-z0-9&]+(?:\s*[-/]\s*[A-Za-z0-9&]+)*)"#
    static let numberLine = NSRegularExpression(#"^\s*"# + numberBody)
    /// The number after other letterhead text on the same line (two columns glued together).
    static let numberInLine = NSRegularExpression(#"(?<![A-Za-z0-9])"# + numberBody)
    /// A number line cut before its number or code ends: `Số:` / `61/QĐ-TTg`, `Số: 61/QĐ-` / `TTg`.
    static let cutNumber = NSRegularExpression(
        #"^\s*(?-i:S)[o0]\s*[:.;]?\s*(?:\d+\s*(?:[-/]\s*(?:[A-Za-z0-9&]+\s*[-/]\s*)*)?)?$"#)
    /// `Hà Nội, ngày 06 tháng 02 năm 2024`; the day and month as OCR leaves them (`ngày82tháng`).
    static let placeDate = NSRegularExpression(
        #"(?<![A-Za-z0-9])((?:TP\.?\s*)?[A-Z][a-z]*(?:\s+[A-Z][a-z]*){0,4})\s*,\s*ngay\s*([0-9OoIl|]{1,3})?\s*(?:[./-]\s*)?thang\s*([0-9OoIl|]{1,3})?\s*(?:[./-]\s*)?nam\s*(\d{4})"#,
        caseInsensitive: false)
    /// `Hà Nội, ngày 6/2/2024`.
    static let placeShortDate = NSRegularExpression(
        #"(?<![A-Za-z0-9])((?:TP\.?\s*)?[A-Z][a-z]*(?:\s+[A-Z][a-z]*){0,4})\s*,\s*(?i:ngay)\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)"#,
        caseInsensitive: false)
    /// What a place-date pattern takes for a place in a banner: a weekday (`Thứ Bảy, ngày …`).
    static let weekday = NSRegularExpression(#"^(?:thu\s+(?:hai|ba|tu|nam|sau|bay|\d)|chu\s+nhat)\b"#)
    static let subjectLine = NSRegularExpression(#"^\s*V\s*[/|Il1]\s*[vV]\b\s*[:.]?\s*"#, caseInsensitive: false)
    static let addresseeLine = NSRegularExpression(#"^\s*Kinh\s*gui\s*[:;.]?\s*"#)
    /// Where the motto starts on a line (also a fragment of it wrapped onto a line of its own:
    /// `CỘNG` / `HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`), or a rule line under it.
    static let motto = NSRegularExpression(
        #"cong\s*hoa\s*xa\s*hoi|(?:hoa\s*)?xa\s*hoi\s*chu\s*nghia|chu\s*nghia\s*viet\s*nam|doc\s*lap\s*[-–—]?\s*tu\s*do|^\s*cong(?:\s*hoa)?\s*\|?\s*$|^\s*[-_=–—]{3,}\s*$"#
    )
    /// The national motto or the Party's, which every letterhead carries (whole, or the part
    /// of it a web copy's narrow column leaves on one line).
    static let mottoText = NSRegularExpression(
        #"xa\s*hoi\s*chu\s*nghia|chu\s*nghia\s*viet\s*nam|cong\s*hoa\s*xa\s*hoi|doc\s*lap\s*[-–—]?\s*tu\s*do|tu\s*do\s*[-–—]?\s*hanh\s*phuc|dang\s*cong\s*san\s*viet\s*nam"#
    )
    /// A received stamp: `ĐẾN`, `CÔNG VĂN ĐẾN`, `Số đến`, `Ngày đến`.
    static let receivedStamp = NSRegularExpression(
        #"^\s*(?:(?i:cong\s+van\s+)?DEN\b(?!\s+(?i:nam|ngay|thang|het))|.*\b(?i:cong\s+van\s+den|so\s+den|ngay\s+den)\b)"#,
        caseInsensitive: false)
    static let stampField = NSRegularExpression(#"^\s*(?:so|ngay|chuyen|luu\s+ho\s+so|gio)\b[^A-Za-z]*$"#)
    /// A site's banner and a document page's metadata: weekday and time, posting and update
    /// dates, visit counters, the fields of a legal-document database, a signature stamp.
    static let siteMetadata = NSRegularExpression(
        #"^\s*(?:thu\s+(?:hai|ba|tu|nam|sau|bay|\d)|chu\s+nhat)\b|\b\d{1,2}:\d{2}\b|ngay\s+(?:dang|cap\s+nhat|ban\s+hanh|hieu\s+luc|het\s+hieu\s+luc|xuat\s+ban|dang\s+tai|ky)\s*:|cap\s+nhat|luot\s+(?:truy\s+cap|xem|doc)|truy\s+cap|dang\s+(?:luc|ngay)|so\s+hieu|loai\s+van\s+ban|nguoi\s+ky|co\s+quan\s+ban\s+hanh|tinh\s+trang|trich\s+yeu|thoi\s+gian\s+ky|ky\s+boi|email"#
    )
    static let enumeratedLine = NSRegularExpression(#"^\s*([IVX]+|\d{1,2})\s*[.)]\s"#, caseInsensitive: false)
    static let bodyOpener = NSRegularExpression(#"^\s*(can\s+cu|thuc\s+hien|xet\s+de\s+nghi|theo\s+de\s+nghi)\b"#)
    static let bodyStart = NSRegularExpression(
        #"^\s*(can\s+cu|thuc\s+hien|xet\s+de\s+nghi|theo\s+de\s+nghi|kinh\s+gui)\b"#)

    /// Cheap test before the number patterns: an `S` in the line.
    static func mayHoldNumber(_ line: String) -> Bool { line.utf8.contains(0x53) }

    /// The next non-empty line after `i`, within two lines.
    func nextLine(after i: Int) -> Int? {
        ((i + 1)..<min(lines.count, i + 3)).first { !lines[$0].isEmpty }
    }

    /// Line `i` joined to the next non-empty one, folded, with the length of line `i`'s part.
    func joined(_ i: Int, _ j: Int) -> (text: FoldedText, firstLength: Int) {
        let first = lines[i]
        return (FoldedText(first + " " + lines[j]), (first as NSString).length)
    }

    // MARK: Number and kind

    struct NumberField {
        var number: String?
        var suffix: String?
        var line: Int
        /// The line the number ends on (the next one when `Số:` stands alone).
        var lastLine: Int
    }

    /// The document's number: the first number line of the letterhead (its zone), joined to the
    /// next line when the line ends before the number does, or after the agency's name or the
    /// motto when two columns were glued into one line.
    func number() -> NumberField? {
        for i in zone where !excluded.contains(i) && Self.mayHoldNumber(lines[i]) {
            let f = folded[i]
            if f.firstMatch(Self.cutNumber) != nil, let j = nextLine(after: i), !excluded.contains(j) {
                let (g, cut) = joined(i, j)
                if let m = g.firstMatch(Self.numberLine), m.range.location + m.range.length > cut,
                    let field = field(m, in: g, line: i, lastLine: j)
                {
                    return field
                }
            }
            if let m = f.firstMatch(Self.numberLine), let field = field(m, in: f, line: i, lastLine: i) {
                return field
            }
            // Glued columns: `ỦY BAN NHÂN DÂN TỈNH X Số: 12/KH-UBND`, `… Hạnh phúc Số: 12/KH-UBND`.
            for m in f.matches(Self.numberInLine) where m.range.location > 0 {
                let before = f.original.substring(to: m.range.location)
                guard TextTools.upperShare(before) > 0.8 || f.firstMatch(Self.motto) != nil else { continue }
                if let field = field(m, in: f, line: i, lastLine: i) { return field }
            }
        }
        return nil
    }

    private func field(_ m: NSTextCheckingResult, in f: FoldedText, line: Int, lastLine: Int) -> NumberField? {
        let suffix = DocumentKinds.normalizeNumber(f.text(m.range(at: 3)) ?? "")
        guard suffix.contains(where: \.isLetter) else { return nil }
        let digits = f.text(m.range(at: 1))
        // `/` in state numbers (`417/UBND-NLN`), `-` in party ones (`15-CT/TU`).
        let separator = f.text(m.range(at: 2)) ?? "/"
        if digits == nil, separator == "-" { return nil }
        return NumberField(
            number: digits.map { $0 + separator + suffix }, suffix: digits == nil ? suffix : nil, line: line,
            lastLine: lastLine)
    }

    /// The kind heading (`KẾ HOẠCH`, `QUYẾT ĐỊNH`), with its line and any title glued after it
    /// on the same line (`QUYẾT ĐỊNH Về việc …`). After the letterhead's anchor when there is one,
    /// so a site's menu (`THÔNG BÁO`) is no heading.
    func kindHeading() -> (kind: String, line: Int, rest: String)? {
        for i in max(zone.lowerBound, anchor ?? 0)..<zone.upperBound {
            let t = TextTools.trim(lines[i])
            // A heading starts with a capital (`KẾ HOẠCH`, `Kế hoạch`, `QUYẾT ĐỊNH Về việc …`).
            guard t.utf8.count >= 4, !excluded.contains(i), let first = t.unicodeScalars.first,
                Vietnamese.letter(first)?.isUpper == true
            else { continue }
            if t.utf8.count <= 60 {
                let key = Vietnamese.squeezeSpaces(Vietnamese.foldKey(t))
                    .trimmingCharacters(in: CharacterSet(charactersIn: ":. "))
                if TextTools.upperShare(t) > 0.8 || anchor != nil, let kind = DocumentKinds.byFold[key] {
                    return (kind, i, "")
                }
            }
            // The heading's words in capitals, then a title in ordinary case.
            guard let second = t.unicodeScalars.dropFirst().first, Vietnamese.letter(second)?.isUpper == true else {
                continue
            }
            let words = t.split(separator: " ", omittingEmptySubsequences: true)
            let capitals = words.prefix { TextTools.upperShare(String($0)) == 1 }
            guard (1...4).contains(capitals.count), capitals.count < words.count,
                TextTools.isTitleWord(words[capitals.count])
            else { continue }
            let head = Vietnamese.foldKey(capitals.joined(separator: " "))
            if let kind = DocumentKinds.byFold[head.trimmingCharacters(in: CharacterSet(charactersIn: ":. "))] {
                return (kind, i, words[capitals.count...].joined(separator: " "))
            }
        }
        return nil
    }

    // MARK: Date and place

    struct DateField {
        var date: String?
        var place: String?
        var line: Int
        var lastLine: Int
        /// Set when the day or month could not be read and was left out.
        var warning: String?
    }

    /// The place-and-date line of the letterhead, read over a line break (`Hà Nội, ngày 06` /
    /// `tháng 02 năm 2024`); never a banner's, a metadata block's or a received stamp's date.
    func placeDate() -> DateField? {
        for i in zone where !excluded.contains(i) && !lines[i].isEmpty {
            let f = folded[i]
            let day = Self.containsNgay(f.folded)
            if day, let d = placeDate(in: f, line: i, lastLine: i, minEnd: 0) { return withWrappedPlace(d) }
            // Wrapped: the pattern starts on this line (`Hà Nội, ngày 06`, `Hà Nội,`) and ends on the next.
            guard day || f.folded.utf8.last == 0x2C, let j = nextLine(after: i), !excluded.contains(j) else {
                continue
            }
            let (g, cut) = joined(i, j)
            if let d = placeDate(in: g, line: i, lastLine: j, minEnd: cut + 1) { return withWrappedPlace(d) }
        }
        return nil
    }

    /// A place whose first words a narrow column put on the line above (`Bình` / `Định, ngày …`):
    /// that line, one or two capitalised words and nothing else, goes in front.
    private func withWrappedPlace(_ d: DateField) -> DateField {
        guard let place = d.place, TextTools.trim(lines[d.line]).hasPrefix(place), d.line > zone.lowerBound,
            let above = (max(zone.lowerBound, d.line - 2)..<d.line).last(where: { !lines[$0].isEmpty }),
            case let t = TextTools.trim(Self.firstCell(lines[above])),
            case let words = t.split(separator: " "), (1...2).contains(words.count),
            words.allSatisfy({ TextTools.isTitleWord($0) }), place.split(separator: " ").count + words.count <= 4
        else { return d }
        var out = d
        out.place = t + " " + place
        return out
    }

    /// Whether a folded line has `ngay` in any case (cheap test before the place-date patterns).
    static func containsNgay(_ folded: String) -> Bool {
        TextTools.containsASCII(folded, "ngay") || TextTools.containsASCII(folded, "Ngay")
            || TextTools.containsASCII(folded, "NGAY")
    }

    private func placeDate(in f: FoldedText, line: Int, lastLine: Int, minEnd: Int) -> DateField? {
        for pattern in [Self.placeDate, Self.placeShortDate] {
            for m in f.matches(pattern) {
                // A match that lies wholly on the second line is that line's own.
                if minEnd > 0, m.range.location >= minEnd - 1 { continue }
                guard m.range.location + m.range.length >= minEnd else { continue }
                guard let rawPlace = f.text(m.range(at: 1)).map { Vietnamese.squeezeSpaces($0) },
                    FoldedText(rawPlace).firstMatch(Self.weekday) == nil
                else { continue }
                var place = rawPlace
                if Vietnamese.foldKey(place).hasPrefix("tp") {
                    place = Vietnamese.squeezeSpaces(
                        String(place.drop(while: { $0 != " " && $0 != "." }).drop(while: { $0 == "." || $0 == " " })))
                }
                let reading = DirectiveDate.reading(
                    day: f.text(m.range(at: 2)), month: f.text(m.range(at: 3)), year: f.text(m.range(at: 4)))
                guard reading.date != nil else { continue }
                return DateField(
                    date: reading.date, place: place, line: line, lastLine: lastLine, warning: reading.warning)
            }
        }
        return nil
    }

    // MARK: Subject

    /// Whether a `V/v` line is present (the mark of a công văn).
    var hasSubjectLine: Bool {
        zone.contains { folded[$0].firstMatch(Self.subjectLine) != nil }
    }

    /// The V/v lines joined, or the title under the kind heading; with the last line used.
    func subject(kindLine: Int?, kindRest: String = "", stops: Set<Int>) -> (text: String, lastLine: Int)? {
        for i in zone {
            let f = folded[i]
            if let m = f.firstMatch(Self.subjectLine) {
                let first = f.original.substring(from: m.range.location + m.range.length)
                return collect(from: i + 1, first: first, stops: stops)
            }
        }
        if let k = kindLine {
            return collect(from: k + 1, first: kindRest, stops: stops)
        }
        return nil
    }

    /// Joins title lines from `start` (blank lines allowed between them) until a line that
    /// belongs to something else.
    private func collect(from start: Int, first: String, stops: Set<Int>) -> (text: String, lastLine: Int)? {
        var parts = TextTools.trim(first).isEmpty ? [] : [first]
        var last = start - 1
        var i = start
        while i < lines.count, i < start + 8 {
            let t = TextTools.trim(lines[i])
            if t.isEmpty {
                i += 1
                continue
            }
            if Self.isRule(t) {
                i += 1
                continue
            }
            if stops.contains(i) || isStructural(i) { break }
            // An upper-case line ends a title in ordinary case; a title in capitals goes on over
            // its lines until the enacting body's (`HỘI ĐỒNG NHÂN DÂN TỈNH X`, `CHỦ TỊCH …`).
            if let previous = parts.last, TextTools.upperShare(t) > 0.8, t.count > 3,
                TextTools.upperShare(previous) <= 0.8 || Localities.startsAgency(t) || Self.isEnacting(t)
            {
                break
            }
            parts.append(t)
            last = i
            i += 1
        }
        let text = Vietnamese.squeezeSpaces(parts.joined(separator: " "))
        return text.isEmpty ? nil : (text, last)
    }

    /// The line naming who enacts, under a title in capitals: `CHỦ TỊCH ỦY BAN NHÂN DÂN …`,
    /// `BỘ TRƯỞNG …`, `KHÓA XV, KỲ HỌP THỨ 7`.
    static let enacting = NSRegularExpression(#"^\s*(?:chu\s+tich|bo\s+truong|thu\s+tuong|khoa\s+[xvil]+|ky\s+hop)\b"#)
    static func isEnacting(_ line: String) -> Bool { FoldedText(line).firstMatch(enacting) != nil }

    /// Lines that end a title: the motto, a place-date line, a number line, Kính gửi, a body
    /// opener, an enumerated heading.
    func isStructural(_ i: Int) -> Bool {
        let f = folded[i]
        return f.firstMatch(Self.motto) != nil || f.firstMatch(Self.placeDate) != nil
            || f.firstMatch(Self.numberLine) != nil || f.firstMatch(Self.bodyStart) != nil
            || f.firstMatch(Self.subjectLine) != nil
            || f.firstMatch(Self.enumeratedLine) != nil
    }

    /// The title of a document without letterhead: its first block of at most four lines, when
    /// none ends like a sentence.
    func leadingTitle() -> (text: String, lastLine: Int)? {
        guard let first = lines.firstIndex(where: { !TextTools.trim($0).isEmpty }) else { return nil }
        // The title ends at a blank line, or before the first line that is a paragraph (long, or
        // ending like a sentence) when the text puts no blank line after it.
        var end = first
        while end < lines.count, case let t = TextTools.trim(lines[end]), !t.isEmpty {
            if end > first, t.count > 200 || Layout.endsLikeSentence(t) { break }
            end += 1
        }
        let block = lines[first..<end].map { TextTools.trim($0) }
        guard block.count <= 4, let last = block.last, let lastChar = last.last, !";.:,".contains(lastChar),
            folded[first].firstMatch(Self.bodyStart) == nil || block.count <= 3,
            !isStructural(first) || folded[first].firstMatch(Self.bodyStart) != nil,
            let f = block.first?.unicodeScalars.first, Vietnamese.letter(f)?.isUpper == true
        else { return nil }
        // A block that cites a document (`số 12/KH-UBND`) is a sentence, not a title.
        if block.joined(separator: " ").range(of: #"s[ốo]\s+\d+/"#, options: .regularExpression) != nil { return nil }
        return (Vietnamese.squeezeSpaces(block.joined(separator: " ")), end - 1)
    }

    // MARK: Addressees

    func addressees() -> (items: [String], lastLine: Int)? {
        for i in zone {
            let f = folded[i]
            guard let m = f.firstMatch(Self.addresseeLine) else { continue }
            var items: [String] = []
            var last = i
            let rest = f.original.substring(from: m.range.location + m.range.length)
            if !TextTools.stripItem(rest).isEmpty { items.append(rest) }
            var j = i + 1
            var blank = false
            while j < lines.count {
                let t = TextTools.trim(lines[j])
                if t.isEmpty {
                    blank = true
                    j += 1
                    continue
                }
                let bullet = t.first.map { "-+•–*".contains($0) } ?? false
                if bullet {
                    items.append(t)
                } else if let prev = items.last, !blank, !t.hasPrefix("("),
                    !(TextTools.trim(prev).last.map { ";.".contains($0) } ?? true),
                    folded[j].firstMatch(Self.bodyStart) == nil
                {
                    items[items.count - 1] = prev + " " + t
                } else {
                    break
                }
                last = j
                blank = false
                j += 1
            }
            // Items written on one line are separated by semicolons.
            let split = items.flatMap { $0.split(separator: ";").map(String.init) }
            return (split.map(TextTools.stripItem).filter { !$0.isEmpty }, last)
        }
        return nil
    }

    // MARK: Issuer

    /// Where the agency's lines begin: the block of upper-case lines right above the anchor
    /// (at most four, with blank and rule lines between them), not a banner further up.
    func issuerStart() -> Int {
        guard let a = anchor else { return zone.lowerBound }
        var i = a
        var blanks = 0
        var taken = 0
        while i > zone.lowerBound {
            let t = lines[i - 1]
            if t.isEmpty || Self.isRule(t) {
                blanks += 1
                if blanks > 3 { break }
            } else {
                guard !excluded.contains(i - 1), TextTools.upperShare(t) > 0.8, taken < 4 else { break }
                blanks = 0
                taken += 1
            }
            i -= 1
        }
        return i
    }

    /// The agency lines at the top (upper case, before the number, title or body), joined:
    /// `ỦY BAN NHÂN DÂN` + `TỈNH LÀO CAI`.
    func letterheadIssuer() -> String? {
        var parts: [String] = []
        for i in issuerStart()..<zone.upperBound {
            var t = lines[i]
            if t.isEmpty || excluded.contains(i) || Self.isRule(t) { continue }
            let f = folded[i]
            if let m = f.firstMatch(Self.motto) {
                t = TextTools.trim(f.original.substring(to: m.range.location))
                if t.isEmpty { continue }
            }
            t = Self.firstCell(t)
            if t.isEmpty { continue }
            if f.firstMatch(Self.numberLine) != nil || f.firstMatch(Self.subjectLine) != nil
                || f.firstMatch(Self.placeDate) != nil || f.firstMatch(Self.addresseeLine) != nil
            {
                break
            }
            // Glued columns: the agency's name, then the number (`TỈNH X Số: 12/KH-UBND`).
            if Self.mayHoldNumber(t),
                let m = FoldedText(t).matches(Self.numberInLine).first(where: { $0.range.location > 0 }),
                case let before = TextTools.trim((t as NSString).substring(to: m.range.location)),
                TextTools.upperShare(before) > 0.8
            {
                parts.append(before)
                break
            }
            guard TextTools.upperShare(t) > 0.8 else { break }
            let key = Vietnamese.squeezeSpaces(Vietnamese.foldKey(t))
            if DocumentKinds.byFold[key.trimmingCharacters(in: CharacterSet(charactersIn: ":. "))] != nil { break }
            parts.append(t)
        }
        guard !parts.isEmpty else { return nil }
        // A second agency line names the issuing body under the first (`UBND TỈNH X` / `SỞ NÔNG
        // NGHIỆP`): the lower one issues.
        var issuer = parts[0]
        for p in parts.dropFirst() {
            let whole = Localities.agencyByFold.contains { $0.fold == Vietnamese.foldKey(issuer + " " + p) }
            if whole || Localities.startsWithType(p) != nil || !Localities.startsAgency(p) {
                // A locality (`TỈNH LÀO CAI`), or the rest of a name a narrow column wrapped
                // (`HỘI ĐỒNG NHÂN` / `DÂN`, `THỦ TƯỚNG` / `CHÍNH PHỦ`).
                issuer += " " + p
            } else {
                issuer = p
            }
        }
        return Vietnamese.squeezeSpaces(issuer)
    }

    // MARK: Signer

    /// The signer's name: the last line of the closing part that ends with a person's name.
    func signer(gazetteer: Gazetteer?) -> String? {
        let from = max(0, lines.count - 40)
        for i in stride(from: lines.count - 1, through: from, by: -1) {
            if let name = PersonName.trailingName(in: lines[i], gazetteer: gazetteer) { return name }
        }
        return nil
    }
}
