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

    private static let codes: [UInt32: UInt8] = {
        var m: [UInt32: UInt8] = [:]
        for (i, s) in alphabet.enumerated() { m[s.value] = UInt8(i + 1) }
        return m
    }()

    private static let asciiCodes: [UInt8] = (0..<128).map { codes[UInt32($0)] ?? other }

    @inline(__always)
    static func code(_ s: Unicode.Scalar) -> UInt8 {
        s.value < 128 ? asciiCodes[Int(s.value)] : (codes[s.value] ?? other)
    }

    static func codes(_ s: some Collection<Unicode.Scalar>) -> [UInt8] { s.map(code) }
}
