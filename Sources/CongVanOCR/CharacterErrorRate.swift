import CongVanCore
import Foundation

/// Character error rate: edit distance between OCR output and ground truth over the truth's length,
/// after both are normalised so only the characters count, not how the text was wrapped:
/// NFC, every whitespace run (line breaks and blank lines included) one space, ends trimmed.
public enum CharacterErrorRate {
    /// CER of `hypothesis` against `truth` (0 = identical; can exceed 1 when the output is longer).
    public static func compute(hypothesis: String, truth: String) -> Double {
        let t = normalise(truth)
        let h = normalise(hypothesis)
        if t.isEmpty { return h.isEmpty ? 0 : 1 }
        return Double(editDistance(h, t)) / Double(t.count)
    }

    /// The scalars compared: NFC, whitespace runs collapsed to one space, trimmed.
    public static func normalise(_ text: String) -> [Unicode.Scalar] {
        Array(Vietnamese.squeezeSpaces(Vietnamese.composed(text)).unicodeScalars)
    }

    /// Levenshtein distance (unit costs) in O(min(a, b)) memory.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        if short.isEmpty { return long.count }
        var previous = Array(0...short.count)
        var current = [Int](repeating: 0, count: short.count + 1)
        for i in 1...long.count {
            current[0] = i
            let c = long[i - 1]
            for j in 1...short.count {
                let substitution = previous[j - 1] + (c == short[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[short.count]
    }
}
