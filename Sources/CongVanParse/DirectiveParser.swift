import CongVanCore
import Foundation

/// Turns the text of one directive into a `DirectiveRecord`. Immutable and `Sendable`: one
/// instance (holding the memory-mapped gazetteer) serves any number of threads.
public struct DirectiveParser: Sendable {
    public let gazetteer: Gazetteer
    let starts: NameStarts

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        starts = NameStarts(gazetteer)
    }

    /// Parses `text` (NFC, as `TextInput` gives it). Never fails: what cannot be read is `nil`
    /// in the record, with a warning saying why.
    public func parse(_ text: String, source: String) -> DirectiveRecord {
        var record = DirectiveRecord(source: source)
        let lines = Self.clean(Self.replacingEth(text))
        guard lines.contains(where: { $0.contains(where: { $0.isLetter }) }) else {
            record.warnings.append("the text is empty: no directive to read")
            return record
        }
        let folded = FoldedLines(lines)
        let header = HeaderParser(lines: lines, folded: folded)

        // Letterhead.
        let numberField = header.number()
        record.number = numberField?.number
        record.numberSuffix = numberField?.suffix
        let dateField = header.placeDate()
        record.date = dateField?.date
        record.place = dateField?.place
        if let warning = dateField?.warning { record.warnings.append(warning) }
        let kindHeading = header.kindHeading()
        var stops = Set<Int>()
        if let d = dateField { stops.formUnion(d.line...d.lastLine) }
        let subject =
            header.subject(kindLine: kindHeading?.line, kindRest: kindHeading?.rest ?? "", stops: stops)
            ?? (numberField == nil && kindHeading == nil ? header.leadingTitle() : nil)
        record.subject = subject?.text
        let addressees = header.addressees()
        record.addressees = addressees?.items ?? []

        // Where the body starts and where the closing part (Nơi nhận) begins.
        let headerEnd =
            [numberField?.lastLine, dateField?.lastLine, kindHeading?.line, subject?.lastLine, addressees?.lastLine]
            .compactMap { $0 }.max().map { $0 + 1 } ?? 0
        let closing =
            (headerEnd..<lines.count).first {
                Self.mayOpenClosing(lines[$0]) && folded[$0].firstMatch(Self.closingPattern) != nil
            } ?? lines.count
        let bodyLines = Array(lines[headerEnd..<max(headerEnd, closing)])
        let joinedBody = Vietnamese.squeezeSpaces(bodyLines.joined(separator: " "))
        let closingText = Vietnamese.squeezeSpaces(lines[headerEnd...].joined(separator: " "))

        // Kind and issuer, from the letterhead first, then from the body's own wording.
        record.kind =
            kindHeading?.kind
            ?? numberField.flatMap { n in DocumentKinds.kind(ofNumber: n.number ?? "0/" + (n.suffix ?? "")) }
            ?? (numberField != nil || header.hasSubjectLine ? "Công văn" : nil)
            ?? Self.kindFromBody(closingText)
        if let letterhead = header.letterheadIssuer() {
            record.issuer = Localities.issuerSpelling(letterhead)
        } else if let fromBody = Self.issuerFromBody(closingText) {
            record.issuer = Localities.issuerSpelling(fromBody)
        }
        if record.place == nil, let issuer = record.issuer, let loc = Localities.locality(in: issuer) {
            record.place = loc.name
        }

        record.references = ReferenceExtractor.extract(joinedBody, exclude: record.number)

        // Body tokens, clauses, communes, targets.
        let tokens = Tokenizer.tokenize(lines: bodyLines, firstLine: headerEnd + 1)
        let layout = Layout(lines: lines, folded: folded, range: headerEnd..<closing)
        let clauses = ClauseSplitter.split(tokens, layout: layout, lineText: { lines[$0 - 1] })
        // Communes named in the subject or among the addressees count too (not for targets).
        let headTokens = Tokenizer.tokenize(lines: Array(lines[0..<headerEnd]))
        var context = placeContext(record)
        placesNamed(in: headTokens + tokens, into: &context)
        let finder = CommuneFinder(tokens: tokens, gazetteer: gazetteer, context: context, starts: starts)
        let sightings = finder.find(in: 0..<tokens.count)
        let headFinder = CommuneFinder(tokens: headTokens, gazetteer: gazetteer, context: context, starts: starts)
        let headSightings = headFinder.find(in: 0..<headTokens.count)
        let resolver = CommuneResolver(gazetteer: gazetteer, context: context)
        var mentions = sightings.map { resolver.resolve($0) }
        var headMentions = headSightings.map { resolver.resolve($0) }
        let neighbours = Set((headMentions + mentions).compactMap { m in m.code == nil ? nil : districtCode(of: m) })
        for i in mentions.indices where mentions[i].ambiguous {
            mentions[i] = resolver.resolve(sightings[i], neighbours: neighbours)
        }
        for i in headMentions.indices where headMentions[i].ambiguous {
            headMentions[i] = resolver.resolve(headSightings[i], neighbours: neighbours)
        }
        var seen = Set<String>()
        for m in headMentions + mentions where m.code != nil || m.ambiguous {
            guard seen.insert(m.code ?? "?" + Vietnamese.toneKey(m.name)).inserted else { continue }
            record.communes.append(m)
            if m.ambiguous {
                record.warnings.append("xã \(m.name) is ambiguous: \(m.candidates.joined(separator: "; "))")
            }
        }
        for (s, m) in zip(headSightings + sightings, headMentions + mentions) where m.code == nil && !m.ambiguous {
            record.warnings.append("\(s.type ?? "xã") \(s.name) is not in the gazetteer")
        }
        let published = Self.publicationYear(lines)
        let documentYear = record.date.flatMap { Int($0.prefix(4)) } ?? published.flatMap { $0.byline ? $0.year : nil }
        var extractor = TargetExtractor(
            tokens: tokens, sightings: sightings, mentions: mentions,
            modality: Modality(
                tokens: tokens, documentYear: documentYear,
                publishedYear: documentYear ?? published?.year, kind: record.kind))
        extractor.titleYear =
            record.subject.flatMap { YearText.first(in: $0) }
            ?? layout.standalone.sorted().prefix(2).lazy.compactMap { YearText.first(in: lines[$0 - 1]) }.first
        let tables = TableFacts(lines: lines, finder: finder, resolver: resolver, modality: extractor.modality)
            .read(rows: layout.tableLines)
        extractor.tableLines = tables.lines
        let found = extractor.extract(clauses)
        record.targets =
            found.targets + tables.targets
            + TableTargets.extract(lines: Array(lines[headerEnd...]))
            .map {
                var t = $0
                t.line += headerEnd
                t.status = Status.target.rawValue
                return t
            }
        record.achievements = found.achievements + tables.achievements

        record.signer = header.signer(gazetteer: gazetteer)

        if record.kind == nil && record.number == nil && record.numberSuffix == nil && record.date == nil
            && record.issuer == nil
        {
            record.warnings.append("no letterhead found (kind, number, date, issuer): this may not be a directive")
        } else {
            if record.number == nil {
                record.warnings.append(
                    record.numberSuffix == nil
                        ? "no document number found" : "the number is left blank (\(record.numberSuffix!))")
            }
            if record.date == nil { record.warnings.append("no place-and-date line found") }
            if record.issuer == nil { record.warnings.append("no issuer found") }
        }
        return record
    }

    // MARK: Helpers

    /// Web pages often write `Đ` as the look-alike `Ð` (U+00D0, Icelandic eth) and `đ` as `ð`.
    static func replacingEth(_ text: String) -> String {
        guard text.utf8.contains(0xC3), text.unicodeScalars.contains(where: { $0 == "\u{D0}" || $0 == "\u{F0}" }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(s == "\u{D0}" ? "\u{110}" : s == "\u{F0}" ? "\u{111}" : s) }
        return String(out)
    }

    /// Lines without Markdown emphasis (`**ỦY BAN**`, `*Trịnh Xuân Trường*`) and trailing spaces.
    static func clean(_ text: String) -> [String] {
        // Splitting the UTF-8 view avoids grapheme breaking over the whole text.
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { rawBytes in
            let raw = Substring(rawBytes)
            var line: String
            if raw.utf8.contains(where: { $0 == 0x2A || $0 == 0x5F || $0 == 0x09 }) {
                let scalars = Array(raw.unicodeScalars)
                var out = String.UnicodeScalarView()
                var k = 0
                while k < scalars.count {
                    let c = scalars[k]
                    if c == "*" || c == "_" {
                        // `**` and `__` always go; a single `*` only when it touches a letter.
                        let pair = k + 1 < scalars.count && scalars[k + 1] == c
                        let touches =
                            (k > 0 && scalars[k - 1].properties.isAlphabetic)
                            || (k + 1 < scalars.count && scalars[k + 1].properties.isAlphabetic)
                        if pair {
                            k += 2
                            continue
                        }
                        if c == "*", touches {
                            k += 1
                            continue
                        }
                    }
                    out.append(c == "\t" ? " " : c)
                    k += 1
                }
                line = String(out)
            } else {
                line = String(raw)
            }
            if line.utf8.first == 0x20 || line.utf8.last == 0x20 {
                while line.last == " " { line.removeLast() }
                while line.first == " " { line.removeFirst() }
            }
            return line
        }
    }

    static let closingPattern = NSRegularExpression(#"^\s*[-*]?\s*noi\s+nhan\s*[:.]?"#)

    static let enumerated = NSRegularExpression(
        #"^\s*(?:([IVX]{1,5})\s*\.|(\d{1,2}(?:\.\d{1,2})?)\s*[.)]?|([a-zđ])\s*\))\s+\S"#, caseInsensitive: false)

    /// Cheap first-byte test before the `Nơi nhận` pattern.
    static func mayOpenClosing(_ line: String) -> Bool {
        guard let b = line.utf8.first(where: { $0 != 0x20 && $0 != 0x2D && $0 != 0x2A }) else { return false }
        return b == 0x4E || b == 0x6E
    }

    /// Cheap first-byte test before the enumerator pattern: a digit, I/V/X, or `a)`.
    static func mayBeEnumerated(_ line: String) -> Bool {
        var it = line.utf8.makeIterator()
        guard let b = it.next() else { return false }
        if (0x30...0x39).contains(b) || b == 0x49 || b == 0x56 || b == 0x58 { return true }
        return line.unicodeScalars.dropFirst().first == ")"
    }

    static let closingFormula = NSRegularExpression(
        #"tren day la\s+(ke hoach|bao cao|cong van|thong bao|to trinh|quyet dinh|chuong trinh|huong dan|de an)\b"#)
    static let thisDocument = NSRegularExpression(
        #"\b(Ke hoach|Bao cao|Cong van|Thong bao|To trinh|Quyet dinh|Chi thi|Nghi quyet|Thong tu|Huong dan|Chuong trinh) nay\b"#,
        caseInsensitive: false)

    /// `Trên đây là Kế hoạch …`, `… Công văn này …`.
    static func kindFromBody(_ text: String) -> String? {
        let f = FoldedText(text)
        if let m = f.firstMatch(closingFormula), let k = f.text(m.range(at: 1)) {
            return DocumentKinds.byFold[Vietnamese.foldKey(k)]
        }
        var counts: [String: Int] = [:]
        for m in f.matches(thisDocument) {
            if let k = f.text(m.range(at: 1)).flatMap({ DocumentKinds.byFold[Vietnamese.foldKey($0)] }) {
                counts[k, default: 0] += 1
            }
        }
        return counts.max { $0.value < $1.value }?.key
    }

    /// `… của X./.`; OCR often garbles `của` (`cia`, `ctia`), so any short c…a word counts when
    /// an agency noun follows it.
    static let issuerClosing = NSRegularExpression(
        #"tren day la\s.*\bc[a-z]{0,2}a\s+((?=(?:uy ban|ubnd|ban|so|phong|van phong|bo|hoi dong|thuong truc)\b)(?:(?!\bc[a-z]{0,2}a\b)[^;:])+?)\s*\.?\s*\./\."#
    )
    static let signedBy = NSRegularExpression(#"ky boi\s*:\s*([^\n]+?)\s*(?:email|thoi gian|$)"#)
    static let issuerVerb = NSRegularExpression(
        #"(?:xay dung|ban hanh)\s+(?i:ke hoach|bao cao|chuong trinh|huong dan)"#, caseInsensitive: false)
    static let issuerActs = NSRegularExpression(
        #"((?:Uy ban nhan dan|UBND|Ban Chi dao|Ban chi dao)\s+(?:[a-z]+\s+){0,6}?(?:tinh|huyen|thanh pho|thi xa|quan)\s+[A-Z][a-z]*(?:\s+[A-Z][a-z]*){0,3})\s+(?:xay dung|ban hanh)\s+(?i:ke hoach|bao cao|chuong trinh|huong dan)"#,
        caseInsensitive: false)

    /// The issuer named in the body: the closing formula `Trên đây là … của X./.`, a digital
    /// signature stamp `Ký bởi: X`, or `X xây dựng/ban hành Kế hoạch`.
    static func issuerFromBody(_ text: String) -> String? {
        let f = FoldedText(text)
        // The closing formula and the signature stamp sit in the last part of the text.
        let tail = NSRange(location: max(0, f.length - 4000), length: min(4000, f.length))
        // `X xây dựng Kế hoạch`: find the verb first (a literal), then the agency just before it.
        var acts: NSRange? = NSRange(location: 0, length: 0)
        if let v = f.firstMatch(issuerVerb) {
            let start = max(0, v.range.location - 160)
            acts = NSRange(location: start, length: v.range.location + v.range.length - start)
        }
        for (pattern, range) in [(issuerClosing, tail), (issuerActs, acts), (signedBy, tail)] {
            if let m = f.firstMatch(pattern, in: range), let s = f.text(m.range(at: 1)) {
                let name = Vietnamese.squeezeSpaces(s).trimmingCharacters(in: CharacterSet(charactersIn: " ./"))
                if name.split(separator: " ").count <= 14 { return name }
            }
        }
        return nil
    }

    /// The date line a web copy shows above its text (`08/01/2021, 12:18`, `Thứ 6, 07/01/2022 |
    /// 08:41`): the last such line among the first ones, nearest the text. Only for the tense of
    /// statements when the document has no date of its own; never the document's date.
    static func publicationYear(_ lines: [String]) -> (year: Int, byline: Bool)? {
        var found: (year: Int, byline: Bool)?
        var textSeen = false
        for line in lines.prefix(12) {
            if line.isEmpty { continue }
            defer { textSeen = true }
            guard line.count < 60 else { continue }
            let f = FoldedText(line)
            guard let m = f.firstMatch(datelinePattern), let y = f.text(m.range(at: 1)).flatMap({ Int($0) }),
                YearText.plausible.contains(y)
            else { continue }
            // Nothing but the date, a time and the day of the week.
            let rest = f.folded.lowercased().replacingOccurrences(
                of: #"thu (hai|ba|tu|nam|sau|bay)|thu|chu nhat|cn|gmt|sa|ch|am|pm|ngay|thang|nam|dang|cap nhat|luc"#,
                with: "",
                options: .regularExpression)
            let posted = f.firstMatch(postedPattern) != nil
            // A date line that says it is the posting date, or comes after the title, is the
            // item's byline; one above everything may be the site's banner (the day it was read).
            if !rest.contains(where: \.isLetter) || posted { found = (y, posted || textSeen) }
        }
        return found
    }

    static let postedPattern = NSRegularExpression(
        #"^\W*(dang ngay|ngay dang|ngay cap nhat|cap nhat|dang luc|xuat ban)\b"#)
    static let datelinePattern = NSRegularExpression(
        #"\b\d{1,2}\s*(?:[/.-]\s*\d{1,2}\s*[/.-]|thang\s*\d{1,2}\s*,?\s*(?:nam)?)\s*(\d{4})\b"#)

    /// Widens `context` by the places the text names with their type: without provinces from the
    /// issuer, those of `tỉnh X` and of the districts named (`huyện X`); districts too.
    func placesNamed(in tokens: [Token], into context: inout PlaceContext) {
        let finder = CommuneFinder(tokens: tokens, gazetteer: gazetteer, starts: starts)
        var provinces: [String: Int] = [:]
        var districts: [(name: String, type: String)] = []
        var bare: [String: Int] = [:]
        var i = 0
        while i < tokens.count {
            if let (type, after) = finder.typeWord(at: i, among: CommuneFinder.districtTypes),
                let d = finder.name(at: after, level: .district, limit: tokens.count)
            {
                districts.append((d.name, type))
                i = d.end
                continue
            }
            if let (_, after) = finder.typeWord(at: i, among: CommuneFinder.provinceTypes),
                let p = finder.name(at: after, level: .province, limit: tokens.count)
            {
                for u in gazetteer.units(named: p.name, level: .province) { provinces[u.code, default: 0] += 1 }
                i = p.end
                continue
            }
            // `Bình Định: thêm 5 xã …`, `An Giang công nhận …`: a province named without its type.
            if tokens[i].isTitle, i == 0 || !tokens[i - 1].isTitle,
                let p = finder.name(at: i, level: .province, limit: tokens.count),
                p.end >= tokens.count || !tokens[p.end].isTitle
            {
                for u in gazetteer.units(named: p.name, level: .province) { bare[u.code, default: 0] += 1 }
                i = p.end
                continue
            }
            i += 1
        }
        var fromDistricts: [String: Int] = [:]
        for d in districts {
            let units = gazetteer.units(named: d.name, level: .district)
            let typed = units.filter { $0.type == d.type }
            let parents = Set((typed.isEmpty ? units : typed).compactMap { gazetteer.parent(of: $0)?.code })
            // A district name several provinces share says nothing about the province.
            if parents.count == 1 { fromDistricts[parents.first!, default: 0] += 1 }
        }
        if context.provinces.isEmpty {
            var all = provinces.merging(fromDistricts, uniquingKeysWith: +)
            // Names alone count only when nothing typed says where the text is.
            if all.isEmpty { all = bare.filter { $0.value >= 2 || bare.count == 1 } }
            if let top = all.values.max() {
                context.provinces = Set(all.filter { $0.value * 3 >= top }.keys)
            }
        }
    }

    /// Provinces and districts the issuer and place point to.
    func placeContext(_ record: DirectiveRecord) -> PlaceContext {
        var ctx = PlaceContext()
        // Without a date, the newest document cited bounds when this one was written.
        ctx.year =
            record.date.flatMap { Int($0.prefix(4)) }
            ?? record.references.compactMap { $0.date.flatMap { Int($0.prefix(4)) } }.max()
        if let issuer = record.issuer, let loc = Localities.locality(in: issuer) {
            let levels: [GazetteerLevel] =
                loc.type == "tỉnh" ? [.province] : loc.type == "thành phố" ? [.district, .province] : [.district]
            for level in levels {
                for u in gazetteer.units(named: loc.name, level: level) {
                    if level == .province {
                        ctx.provinces.insert(u.code)
                        continue
                    }
                    if loc.type == "thành phố" && u.type != "thành phố" { continue }
                    ctx.districts.insert(u.code)
                    if let p = gazetteer.parent(of: u) { ctx.provinces.insert(p.code) }
                }
                if !ctx.districts.isEmpty || !ctx.provinces.isEmpty { break }
            }
        }
        if ctx.provinces.isEmpty, let place = record.place {
            let provinces = gazetteer.units(named: place, level: .province)
            if !provinces.isEmpty {
                ctx.provinces.formUnion(provinces.map(\.code))
            } else {
                let districts = gazetteer.units(named: place, level: .district)
                let ps = Set(districts.compactMap { gazetteer.parent(of: $0)?.code })
                if ps.count == 1 { ctx.provinces = ps }
            }
        }
        return ctx
    }

    func districtCode(of m: CommuneMention) -> String? {
        guard let code = m.code else { return nil }
        return gazetteer.units(named: m.name, level: .commune).first { $0.code == code }
            .flatMap { gazetteer.parent(of: $0)?.code }
    }
}
