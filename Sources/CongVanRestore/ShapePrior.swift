import CongVanCore
import Foundation

/// A prior over how OCR may misread each true letter, from the shape of its glyph rather than
/// from any particular document: a mark above makes a round vowel look like a letter with an
/// ascender (`d`, `b`) or a digit (`6`, `4`); a dot below gives it a descender (`g`, `y`, `j`);
/// a horn splits `ư` into `ir`, `w` or `u'`; `Đ` reads as `P` or `D`. Learned counts from OCR
/// pairs are smoothed towards this prior, so confusions the pairs never show (the English model
/// never turns `Đ` into `P` on clean renders) keep a reasonable probability.
public struct ShapePrior: Sendable {
    /// How much each kind of misreading weighs; one set per input kind.
    public struct Weights: Sendable {
        public var identity: Double
        public var stripped: Double
        public var sameBase: Double
        public var shape: Double
        public var deletion: Double
        public var floor: Double

        /// English-model OCR: marks mostly lost, letters often mangled.
        public static let english = Weights(
            identity: 0.6, stripped: 3.0, sameBase: 0.5, shape: 1.0, deletion: 0.04, floor: 0.002)
        /// Vietnamese-model OCR: mostly right, with tone and mark slips.
        public static let vietnamese = Weights(
            identity: 30, stripped: 0.3, sameBase: 1.0, shape: 0.1, deletion: 0.02, floor: 0.001)
    }

    public let weights: Weights
    public init(weights: Weights) { self.weights = weights }

    static let roundA: Set<Unicode.Scalar> = ["a", "ă", "â"]
    static let roundO: Set<Unicode.Scalar> = ["o", "ô", "ơ"]
    static let latinLookalikes: [Unicode.Scalar: [Unicode.Scalar]] = [
        "a": ["ä", "å", "à", "á", "â", "ã"], "e": ["ë", "è", "é", "ê"], "i": ["ï", "î", "ì", "í"],
        "o": ["ö", "ø", "ò", "ó", "ô", "õ"], "u": ["ü", "û", "ù", "ú"], "y": ["ÿ", "ý"],
    ]

    /// Unnormalised weights of observed strings for one true lower-case letter.
    func rawDistribution(_ t: Unicode.Scalar) -> [String: Double] {
        var out: [String: Double] = [:]
        func add(_ s: String, _ w: Double) { out[s, default: 0] += w }
        let w = weights
        guard let letter = Vietnamese.letter(t) else {
            add(String(t), w.identity + w.stripped)
            return out
        }
        let base = letter.base
        let ascii = Vietnamese.asciiBase(base)
        let marked = t != ascii
        add(String(t), w.identity)
        if marked { add(String(ascii), w.stripped) } else { add(String(t), w.stripped) }

        // Other letters on the same ASCII base: other tones, other shape marks, Latin look-alikes.
        var variants: [Unicode.Scalar] = Self.latinLookalikes[ascii] ?? []
        for b in Vietnamese.bases where Vietnamese.asciiBase(b) == ascii {
            for tone in Vietnamese.Tone.allCases {
                if let v = Vietnamese.compose(base: b, tone: tone) { variants.append(v) }
            }
        }
        let others = Set(variants).subtracting([t, ascii])
        // A letter keeps its tone more often than its shape mark, so same-tone variants weigh more.
        for v in others {
            let sameTone = Vietnamese.letter(v)?.tone == letter.tone && letter.tone != .level
            add(String(v), w.sameBase * (sameTone ? 2 : 1) / Double(others.count))
        }

        let markAbove =
            letter.tone == .acute || letter.tone == .grave || letter.tone == .hook
            || letter.tone == .tilde || ["ă", "â", "ê", "ô", "ơ", "ư"].contains(base)
        let dotBelow = letter.tone == .dot
        let s = w.shape
        if Self.roundO.contains(base) {
            if markAbove {
                for (o, k) in [
                    ("d", 0.3), ("b", 0.2), ("6", 0.25), ("&", 0.08), ("8", 0.04), ("0", 0.05), ("é", 0.1), ("a", 0.05),
                ] { add(o, s * k) }
            }
            if dotBelow { for (o, k) in [("g", 0.3), ("q", 0.1), ("9", 0.08), ("§", 0.04)] { add(o, s * k) } }
            add("0", s * 0.05)
            if base == "ơ" { for (o, k) in [("o'", 0.08), ("o’", 0.05), ("a", 0.1), ("ø", 0.03)] { add(o, s * k) } }
        }
        if Self.roundA.contains(base) {
            if markAbove {
                for (o, k) in [("4", 0.25), ("d", 0.2), ("3", 0.06), ("&", 0.04), ("é", 0.03), ("i", 0.04)] {
                    add(o, s * k)
                }
            }
            if dotBelow { for (o, k) in [("g", 0.15), ("q", 0.05), ("4", 0.05)] { add(o, s * k) } }
        }
        if ascii == "e" {
            if markAbove || base == "ê" {
                for (o, k) in [("€", 0.12), ("¢", 0.1), ("c", 0.05), ("d", 0.05), ("6", 0.03), ("&", 0.03)] {
                    add(o, s * k)
                }
            }
            if dotBelow { for (o, k) in [("¢", 0.12), ("g", 0.05), ("€", 0.05)] { add(o, s * k) } }
        }
        if ascii == "i" || ascii == "y" {
            if markAbove { for (o, k) in [("l", 0.25), ("1", 0.2), ("t", 0.05), ("!", 0.04)] { add(o, s * k) } }
            if dotBelow { for (o, k) in [("j", 0.3), ("l", 0.05), ("1", 0.05)] { add(o, s * k) } }
            if ascii == "y" { add("v", s * 0.04) }
        }
        if ascii == "u" {
            if base == "ư" {
                for (o, k) in [
                    ("w", 0.35), ("ir", 0.25), ("u'", 0.1), ("u’", 0.08), ("tr", 0.05), ("ii", 0.08), ("i", 0.05),
                ] { add(o, s * k) }
            }
            if markAbove { for (o, k) in [("ti", 0.08), ("ii", 0.08), ("li", 0.05), ("i", 0.03)] { add(o, s * k) } }
            if dotBelow { for (o, k) in [("y", 0.35), ("ir", 0.05)] { add(o, s * k) } }
        }
        if base == "đ" {
            for (o, k) in [("p", 0.5), ("b", 0.08), ("ð", 0.1), ("d-", 0.03), ("db", 0.05)] { add(o, s * k) }
        }
        // Plain letters that English OCR confuses among themselves.
        let plain: [Unicode.Scalar: [(String, Double)]] = [
            "c": [("e", 0.06), ("o", 0.02)], "e": [("c", 0.05)],
            "l": [("1", 0.1), ("i", 0.05), ("t", 0.03), ("I", 0.02)],
            "i": [("1", 0.08), ("l", 0.08), ("j", 0.02)], "m": [("rn", 0.03), ("nn", 0.02), ("in", 0.02)],
            "n": [("ri", 0.02), ("u", 0.02), ("m", 0.02)], "h": [("b", 0.03), ("li", 0.02)],
            "u": [("ii", 0.03), ("n", 0.02), ("y", 0.02)], "g": [("q", 0.03), ("9", 0.02)],
            "t": [("f", 0.02), ("l", 0.02)],
            "s": [("5", 0.02), ("8", 0.02), ("$", 0.01)], "o": [("0", 0.05), ("6", 0.02)],
            "a": [("4", 0.02), ("o", 0.02)],
            "y": [("v", 0.03)], "r": [("t", 0.01)], "k": [("lc", 0.01)],
        ]
        for (o, k) in plain[ascii] ?? [] { add(o, s * k) }
        add("", w.deletion)
        return out
    }

    /// P(observed | true letter) for the strings the prior knows, normalised with the floor mass
    /// set aside for everything else.
    public func distribution(_ t: Unicode.Scalar) -> [String: Double] {
        let raw = rawDistribution(t)
        let total = raw.values.reduce(0, +) + weights.floor
        return raw.mapValues { $0 / total }
    }

    /// Prior probability, per position, of an observed character with no true letter behind it:
    /// specks and stray marks (`&`, `’`, `¢`), never whole letters.
    public func insertion(_ beta: String) -> Double {
        guard beta.unicodeScalars.count == 1, let c = beta.unicodeScalars.first else { return 0 }
        return "&’'`‘^~¢€§°|!".unicodeScalars.contains(c) ? weights.shape * 0.002 : 0
    }

    /// Probability left for any observed string the prior does not list.
    public func floor(_ t: Unicode.Scalar) -> Double {
        let raw = rawDistribution(t)
        return weights.floor / (raw.values.reduce(0, +) + weights.floor) / 200
    }
}
