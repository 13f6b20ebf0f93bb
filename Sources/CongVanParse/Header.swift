import CongVanCore
import Foundation

/// The fields of the letterhead and the signature block: kind, issuer, number, date, place,
/// subject, addressees, signer. Works on cleaned lines (index 0 is line 1).
struct HeaderParser {
    let lines: [String]
    /// Each line with its fold, made once per document.
    let folded: FoldedLines
    /// Where header parts are looked for: the first lines of the text.
    let zone: Range<Int>

    init(lines: [String], folded: FoldedLines) {
        self.lines = lines
        self.folded = folded
        // The letterhead ends where the body's first sentence (`Căn cứ…`, `Thực hiện…`) begins.
        let limit = min(lines.count, 45)
        zone = 0..<((0..<limit).first { folded[$0].firstMatch(Self.bodyOpener) != nil } ?? limit)
    }

    // MARK: Patterns (on folded text)

    static let numberLine = NSRegularExpression(
        #"^\s*(?-i:S)[o0b6]\s*[:.;]?\s*(\d+)?\s*([-/])\s*([A-Za-z0-9&]+(?:\s*[-/]\s*[A-Za-z0-9&]+)*)"#)
    static let placeDate = NSRegularExpression(
        #"(?<![A-Za-z0-9])((?:TP\.?\s*)?[A-Z][a-z]*(?:\s+[A-Z][a-z]*){0,4})\s*,\s*ngay\s*(\d{1,2})?\s*(?:[./]\s*)?thang\s*(\d{1,2})?\s*(?:[./]\s*)?nam\s*(\d{4})"#,
        caseInsensitive: false)
    static let subjectLine = NSRegularExpression(#"^\s*V\s*[/|Il1]\s*[vV]\b\s*[:.]?\s*"#, caseInsensitive: false)
    static let addresseeLine = NSRegularExpression(#"^\s*Kinh\s*gui\s*[:;.]?\s*"#)
    static let motto = NSRegularExpression(#"cong\s*hoa\s*xa\s*hoi|doc\s*lap\s*[-–—]?\s*tu\s*do|^\s*[-_=–—]{3,}\s*$"#)
    static let enumeratedLine = NSRegularExpression(#"^\s*([IVX]+|\d{1,2})\s*[.)]\s"#, caseInsensitive: false)
    static let bodyOpener = NSRegularExpression(#"^\s*(can\s+cu|thuc\s+hien|xet\s+de\s+nghi|theo\s+de\s+nghi)\b"#)
    static let bodyStart = NSRegularExpression(
        #"^\s*(can\s+cu|thuc\s+hien|xet\s+de\s+nghi|theo\s+de\s+nghi|kinh\s+gui)\b"#)

    // MARK: Number and kind

    struct NumberField {
        var number: String?
        var suffix: String?
        var line: Int
        var rest: NSRange
    }

    func number() -> NumberField? {
        for i in zone {
            let f = folded[i]
            guard let m = f.firstMatch(Self.numberLine) else { continue }
            let suffix = DocumentKinds.normalizeNumber(f.text(m.range(at: 3)) ?? "")
            guard suffix.contains(where: \.isLetter) else { continue }
            let digits = f.text(m.range(at: 1))
            // `/` in state numbers (`417/UBND-NLN`), `-` in party ones (`15-CT/TU`).
            let separator = f.text(m.range(at: 2)) ?? "/"
            if digits == nil, separator == "-" { continue }
            let end = m.range.location + m.range.length
            return NumberField(
                number: digits.map { $0 + separator + suffix }, suffix: digits == nil ? suffix : nil, line: i,
                rest: NSRange(location: end, length: f.length - end))
        }
        return nil
    }

    /// An upper-case line naming a kind (`KẾ HOẠCH`, `BÁO CÁO`), with its index.
    func kindHeading() -> (kind: String, line: Int)? {
        for i in zone {
            let t = TextTools.trim(lines[i])
            guard t.count >= 4, TextTools.upperShare(t) > 0.8 else { continue }
            let key = TextTools.squeeze(Vietnamese.foldKey(t)).trimmingCharacters(in: CharacterSet(charactersIn: ":. "))
            if let kind = DocumentKinds.byFold[key] { return (kind, i) }
        }
        return nil
    }

    // MARK: Date and place

    struct DateField {
        var date: String?
        var place: String?
        var line: Int
    }

    func placeDate() -> DateField? {
        for i in zone {
            let f = folded[i]
            guard let m = f.firstMatch(Self.placeDate) else { continue }
            var place = f.text(m.range(at: 1)).map(TextTools.squeeze)
            if let p = place, Vietnamese.foldKey(p).hasPrefix("tp") {
                place = TextTools.squeeze(
                    String(p.drop(while: { $0 != " " && $0 != "." }).drop(while: { $0 == "." || $0 == " " })))
            }
            let date = DirectiveDate.iso(
                day: f.text(m.range(at: 2)), month: f.text(m.range(at: 3)), year: f.text(m.range(at: 4)))
            return DateField(date: date, place: place, line: i)
        }
        return nil
    }

    // MARK: Subject

    /// Whether a `V/v` line is present (the mark of a công văn).
    var hasSubjectLine: Bool {
        zone.contains { folded[$0].firstMatch(Self.subjectLine) != nil }
    }

    /// The V/v lines joined, or the title under the kind heading; with the last line used.
    func subject(kindLine: Int?, stops: Set<Int>) -> (text: String, lastLine: Int)? {
        for i in zone {
            let f = folded[i]
            if let m = f.firstMatch(Self.subjectLine) {
                let first = f.original.substring(from: m.range.location + m.range.length)
                return collect(from: i + 1, first: first, stops: stops)
            }
        }
        if let k = kindLine {
            return collect(from: k + 1, first: "", stops: stops)
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
            if stops.contains(i) || isStructural(i) { break }
            if parts.count >= 1, TextTools.upperShare(t) > 0.8, t.count > 3 { break }
            parts.append(t)
            last = i
            i += 1
        }
        let text = TextTools.squeeze(parts.joined(separator: " "))
        return text.isEmpty ? nil : (text, last)
    }

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
        return (TextTools.squeeze(block.joined(separator: " ")), end - 1)
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

    /// The agency lines at the top (upper case, before the number, title or body), joined:
    /// `ỦY BAN NHÂN DÂN` + `TỈNH LÀO CAI`.
    func letterheadIssuer() -> String? {
        var parts: [String] = []
        for i in zone {
            var t = lines[i]
            if t.isEmpty { continue }
            let f = folded[i]
            if let m = f.firstMatch(Self.motto) {
                t = TextTools.trim(f.original.substring(to: m.range.location))
                if t.isEmpty { continue }
            }
            if f.firstMatch(Self.numberLine) != nil || f.firstMatch(Self.subjectLine) != nil
                || f.firstMatch(Self.placeDate) != nil || f.firstMatch(Self.addresseeLine) != nil
            {
                break
            }
            guard TextTools.upperShare(t) > 0.8 else { break }
            let key = TextTools.squeeze(Vietnamese.foldKey(t))
            if DocumentKinds.byFold[key.trimmingCharacters(in: CharacterSet(charactersIn: ":. "))] != nil { break }
            parts.append(t)
        }
        guard !parts.isEmpty else { return nil }
        // A second agency line that is not a locality continuation names the issuing body
        // under the first (`UBND TỈNH X` / `SỞ NÔNG NGHIỆP`): the lower one issues.
        var issuer = parts[0]
        for p in parts.dropFirst() {
            if Localities.startsWithType(p) != nil { issuer += " " + p } else { issuer = p }
        }
        return TextTools.squeeze(issuer)
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
