import CongVanCore

/// A small fixed alphabet for the channel's inner loop: every scalar OCR output or a true
/// syllable can contain maps to one byte, so rule tables are dense arrays instead of hashes.
enum Symbols {
    /// Code for anything outside the alphabet.
    static let other: UInt8 = 0
    static let count = 256

    static let alphabet: [Unicode.Scalar] = {
        var out: [Unicode.Scalar] = []
        for v in UInt32(0x21)...0x7E { out.append(Unicode.Scalar(v)!) }
        for b in Vietnamese.bases {
            for tone in Vietnamese.Tone.allCases {
                if let s = Vietnamese.compose(base: b, tone: tone), !out.contains(s) { out.append(s) }
            }
        }
        for s in "äëïöüÿåøæçñßîûðœ€¢§£¥©®°¬‘’“”…–—«»¹²³".unicodeScalars where !out.contains(s) { out.append(s) }
        return out
    }()

    /// Code per scalar value, up to the last one in the alphabet (a flat table: a hash lookup
    /// per scalar cost more than the channel's use of it).
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: other, count: Int(alphabet.map(\.value).max()!) + 1)
        for (i, s) in alphabet.enumerated() { t[Int(s.value)] = UInt8(i + 1) }
        return t
    }()

    @inline(__always)
    static func code(_ s: Unicode.Scalar) -> UInt8 {
        Int(s.value) < table.count ? table[Int(s.value)] : other
    }

    static func codes(_ s: some Collection<Unicode.Scalar>) -> [UInt8] { s.map(code) }
}
