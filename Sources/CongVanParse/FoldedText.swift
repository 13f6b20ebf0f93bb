import CongVanCore
import Foundation

/// A text paired with its diacritic-free fold, so patterns written in plain ASCII (`ngay`,
/// `thang`, `nam`) match `ngày`, `Ngay` and OCR text that lost its marks alike.
///
/// `Vietnamese.fold` maps every scalar to one scalar and every Vietnamese letter is in the BMP,
/// so UTF-16 offsets are the same in both strings: a range found in the fold cuts the original.
struct FoldedText {
    let original: NSString
    let folded: String
    private let foldedNS: NSString

    init(_ text: String) {
        // Composed, so the fold (which composes) cuts the same offsets.
        let text = Vietnamese.composed(text)
        original = text as NSString
        folded = Vietnamese.fold(text)
        foldedNS = folded as NSString
    }

    var length: Int { original.length }

    /// The original text of a range (`nil` for a group that did not take part).
    func text(_ range: NSRange) -> String? {
        range.location == NSNotFound ? nil : original.substring(with: range)
    }

    func matches(_ regex: NSRegularExpression, in range: NSRange? = nil) -> [NSTextCheckingResult] {
        regex.matches(in: folded, range: range ?? NSRange(location: 0, length: foldedNS.length))
    }

    func firstMatch(_ regex: NSRegularExpression, in range: NSRange? = nil) -> NSTextCheckingResult? {
        regex.firstMatch(in: folded, range: range ?? NSRange(location: 0, length: foldedNS.length))
    }
}

/// The folded lines of one document, made on first use (most body lines never need one).
/// Not shared between threads: each parse makes its own.
final class FoldedLines {
    private let lines: [String]
    private var cache: [FoldedText?]

    init(_ lines: [String]) {
        self.lines = lines
        cache = Array(repeating: nil, count: lines.count)
    }

    subscript(i: Int) -> FoldedText {
        if let f = cache[i] { return f }
        let f = FoldedText(lines[i])
        cache[i] = f
        return f
    }
}

extension NSRegularExpression {
    /// Patterns here are fixed literals, so a failure to compile is a programming error.
    convenience init(_ pattern: String, caseInsensitive: Bool = true) {
        try! self.init(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }
}

/// Small string helpers shared by the extractors.
enum TextTools {

    /// Whether `text` contains the ASCII `needle`, on bytes (Foundation's `contains` is slow on Linux).
    static func containsASCII(_ text: String, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        var view = text.utf8[...]
        while let i = view.firstIndex(of: first) {
            if view[i...].starts(with: n) { return true }
            view = view[view.index(after: i)...]
        }
        return false
    }

    /// Trims ASCII spaces and tabs from both ends.
    static func trim(_ s: String) -> String {
        let u = s.utf8
        guard let f = u.first, let l = u.last, f == 0x20 || f == 0x09 || l == 0x20 || l == 0x09 else { return s }
        var sub = Substring(s)
        while let c = sub.utf8.first, c == 0x20 || c == 0x09 { sub = sub.dropFirst() }
        while let c = sub.utf8.last, c == 0x20 || c == 0x09 { sub = sub.dropLast() }
        return String(sub)
    }

    /// Removes leading bullets and trailing end punctuation: `- Ban Tuyên giáo Tỉnh ủy;` →
    /// `Ban Tuyên giáo Tỉnh ủy`.
    static func stripItem(_ s: String) -> String {
        var scalars = Array(Vietnamese.squeezeSpaces(s).unicodeScalars)
        let bullets: Set<Unicode.Scalar> = ["-", "+", "•", "*", "–", "—", "·", " "]
        while let f = scalars.first, bullets.contains(f) { scalars.removeFirst() }
        let trailing: Set<Unicode.Scalar> = [";", ".", ",", ":", " "]
        while let l = scalars.last, trailing.contains(l) { scalars.removeLast() }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    /// First letter upper case, the rest as given.
    static func capitalizeFirst(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: String(first).uppercased().unicodeScalars)
        out.append(contentsOf: s.unicodeScalars.dropFirst())
        return String(out)
    }

    /// Each syllable with an upper-case first letter (`LÀO CAI` → `Lào Cai`).
    static func titleCase(_ s: String) -> String {
        Vietnamese.lowercase(s).split(separator: " ", omittingEmptySubsequences: true)
            .map { capitalizeFirst(String($0)) }.joined(separator: " ")
    }

    /// Share of letters that are upper case (0 when there are none).
    static func upperShare(_ s: String) -> Double {
        var upper = 0
        var letters = 0
        for u in s.unicodeScalars {
            if let l = Vietnamese.letter(u) {
                letters += 1
                if l.isUpper { upper += 1 }
            }
        }
        return letters == 0 ? 0 : Double(upper) / Double(letters)
    }

    static func isTitleWord(_ s: Substring) -> Bool {
        guard let f = s.unicodeScalars.first, let l = Vietnamese.letter(f), l.isUpper else { return false }
        return s.unicodeScalars.dropFirst().allSatisfy { Vietnamese.letter($0).map { !$0.isUpper } ?? false }
    }
}
