import CongVanCore
import Foundation

/// Cited documents: `Kế hoạch số 242/KH-UBND ngày 09/9/2016`, `Chỉ thị số 21-CT/TU`,
/// `văn bản số 92/TTr-UBND ngày 21 tháng 4 năm 2026`.
public enum ReferenceExtractor {
    /// `số` and a number with at least one code part (`242/KH-UBND`, `12-NQ/TU`, `03/2022/NQ-HĐND`).
    /// Code parts are two or more capitals with at most one lower-case letter after them (`TTg`,
    /// `TTr`), or a capital and a lower-case letter inside a longer code (OCR `Qb-UBND`); so
    /// `tiêu chí số 6 - Cơ sở` is no citation.
    static let citation = NSRegularExpression(
        #"^(?i:s[oố06be]?)\s*:?\s*(\d+(?:\s*[-/]\s*(?:\d+|[A-Z][A-Z0-9&]+[a-z]?[A-Z0-9]*|[A-Z][a-z](?=\s*[-/])))+)(?![A-Za-z0-9])(?:\s*,?\s*(?i:ngay)\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+(?i:thang)\s+\d{1,2}\s+(?i:nam)\s+\d{4}))?"#,
        caseInsensitive: false)
    static let kindWord = NSRegularExpression(
        #"\b(thong tu lien tich|chuong trinh hanh dong|ke hoach|quyet dinh|chi thi|nghi quyet|cong van|thong tu|nghi dinh|thong bao|to trinh|bao cao|chuong trinh|huong dan|ket luan|cong dien|de an|quy che|quy dinh|luat|phap lenh|van ban)\b"#
    )

    /// References in `text` (lines joined by spaces), deduplicated by number, in order of first
    /// mention; `exclude` (the document's own number) is left out.
    public static func extract(_ text: String, exclude: String? = nil) -> [DocumentReference] {
        let f = FoldedText(text)
        var out: [DocumentReference] = []
        var seen: [String: Int] = [:]
        let excluded = exclude.map { Vietnamese.foldKey(DocumentKinds.normalizeNumber($0)) }
        for m in candidates(f).compactMap({ f.firstMatch(citation, in: $0) }) {
            guard let raw = f.text(m.range(at: 1)) else { continue }
            let number = DocumentKinds.repairCodes(DocumentKinds.normalizeNumber(raw))
            guard number.contains(where: \.isLetter) else { continue }
            let key = Vietnamese.foldKey(number)
            if key == excluded { continue }
            let date = f.text(m.range(at: 2)).flatMap { DirectiveDate.parse("ngày " + $0) }
            let kind = kindBefore(f, location: m.range.location) ?? DocumentKinds.kind(ofNumber: number)
            if let at = seen[key] {
                if out[at].date == nil { out[at].date = date }
                continue
            }
            seen[key] = out.count
            out.append(DocumentReference(kind: kind, number: number, date: date))
        }
        return out
    }

    /// Where a citation may start: `số` (any case, marks folded away) before a digit. A byte
    /// scan finds them; the pattern then runs on a short window at each one only.
    static func candidates(_ f: FoldedText) -> [NSRange] {
        var out: [NSRange] = []
        let u = Array(f.folded.utf16)
        var i = 0
        while i + 2 < u.count {
            // `số`, and its usual OCR forms `s6`, `sb`, `sé`, `s0`, or a lone `s`.
            if u[i] | 0x20 == 0x73, [0x6F, 0x4F, 0x36, 0x62, 0x30, 0x65, 0x20].contains(u[i + 1]),
                i == 0 || !isLetterOrDigit(u[i - 1])
            {
                var j = u[i + 1] == 0x20 ? i + 1 : i + 2
                while j < u.count, u[j] == 0x20 || u[j] == 0x3A { j += 1 }
                if j < u.count, (0x30...0x39).contains(u[j]) {
                    out.append(NSRange(location: i, length: min(160, u.count - i)))
                    i = j
                    continue
                }
            }
            i += 1
        }
        return out
    }

    @inline(__always) static func isLetterOrDigit(_ c: UInt16) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c >= 0xC0
    }

    /// The kind word nearest before a citation, within a few words; a generic `văn bản` defers
    /// to the number's code.
    static func kindBefore(_ f: FoldedText, location: Int) -> String? {
        let start = max(0, location - 90)
        let window = NSRange(location: start, length: location - start)
        guard let m = f.matches(kindWord, in: window).last, let word = f.text(m.range) else { return nil }
        // Only the words between the kind and `số` may separate them (`Kế hoạch hành động số`).
        let between = f.original.substring(
            with: NSRange(
                location: m.range.location + m.range.length,
                length: location - m.range.location - m.range.length))
        let gap = between.split(whereSeparator: { $0 == " " }).count
        guard gap <= 8, !between.contains(";"), !between.contains("."), !between.contains(",") || gap <= 2 else {
            return nil
        }
        let key = Vietnamese.foldKey(word)
        if key == "van ban" { return nil }
        return DocumentKinds.byFold[key]
    }
}
