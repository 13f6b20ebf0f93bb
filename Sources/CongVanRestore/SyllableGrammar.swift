import CongVanCore

/// Vietnamese syllable structure: onset + rhyme + one tone, with stop codas (c, ch, p, t) taking
/// only the acute or dot tone. Used to tell real syllables from OCR garble, both when building the
/// inventory from the corpus and when measuring how degraded an input is.
public enum SyllableGrammar {
    static let onsets: [String] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ]

    /// Rhymes without tone, shape marks kept.
    static let rhymes: Set<String> = {
        var r: Set<String> = [
            "a", "ai", "ao", "au", "ay", "âu", "ây", "e", "eo", "ê", "êu", "i", "ia", "iu", "iêu",
            "o", "oa", "oai", "oao", "oay", "oe", "oeo", "oi", "ô", "ôi", "ơ", "ơi", "u", "ua", "uây",
            "uê", "ui", "uôi", "uơ", "uy", "uya", "uyu", "ư", "ưa", "ưi", "ưu", "ươi", "ươu", "y", "yêu",
        ]
        let withCoda: [String: [String]] = [
            "a": ["c", "ch", "m", "n", "ng", "nh", "p", "t"],
            "ă": ["c", "m", "n", "ng", "p", "t"],
            "â": ["c", "m", "n", "ng", "p", "t"],
            "e": ["c", "m", "n", "ng", "p", "t"],
            "ê": ["ch", "m", "n", "nh", "p", "t"],
            "i": ["ch", "m", "n", "nh", "p", "t"],
            "iê": ["c", "m", "n", "ng", "p", "t"],
            "yê": ["m", "n", "t", "ng"],
            "o": ["c", "m", "n", "ng", "p", "t"],
            "oo": ["c", "ng"],
            "ô": ["c", "m", "n", "ng", "p", "t"],
            "ơ": ["m", "n", "p", "t"],
            "u": ["c", "m", "n", "ng", "p", "t"],
            "ư": ["c", "m", "n", "ng", "t"],
            "uô": ["c", "m", "n", "ng", "t"],
            "ươ": ["c", "m", "n", "ng", "p", "t"],
            "oa": ["c", "ch", "m", "n", "ng", "nh", "p", "t"],
            "oă": ["c", "m", "n", "ng", "t"],
            "oe": ["n", "t"],
            "uâ": ["n", "ng", "t"],
            "uê": ["ch", "nh"],
            "uy": ["ch", "nh", "t", "n"],
            "uyê": ["n", "t"],
        ]
        for (nucleus, codas) in withCoda { for c in codas { r.insert(nucleus + c) } }
        return r
    }()

    /// The parts of a syllable: onset, rhyme (tone removed) and tone.
    public struct Parts: Sendable, Equatable {
        public var onset: String
        public var rhyme: String
        public var tone: Vietnamese.Tone
    }

    /// Splits a syllable (any case) into onset, rhyme and tone; `nil` when it is not a
    /// well-formed Vietnamese syllable.
    public static func parse(_ syllable: some StringProtocol) -> Parts? {
        guard let a = analyse(syllable.unicodeScalars) else { return nil }
        var rhyme = String.UnicodeScalarView()
        if a.sharedI { rhyme.append("i") }
        for k in stride(from: a.count - onsetKeys[a.onset].count - 1, through: 0, by: -1) {
            rhyme.append(Unicode.Scalar(UInt32(a.bases >> UInt64(9 * k) & 0x1FF))!)
        }
        return Parts(onset: onsets[a.onset], rhyme: String(rhyme), tone: a.tone)
    }

    public static func isValid(_ syllable: some StringProtocol) -> Bool { analyse(syllable.unicodeScalars) != nil }

    public static func isValid(scalars: some Collection<Unicode.Scalar>) -> Bool { analyse(scalars) != nil }

    // MARK: Scalar-level analysis (called for every vocabulary word at load and per token at run time)

    /// Onsets packed as `pack` packs, with their lengths.
    private static let onsetKeys: [(key: UInt64, count: Int)] = onsets.map {
        (pack(Array($0.unicodeScalars)[...]), $0.unicodeScalars.count)
    }
    /// Rhymes packed 9 bits per base scalar (every base is below U+0200).
    private static let rhymeKeys: Set<UInt64> = Set(rhymes.map { pack(Array($0.unicodeScalars)[...]) })
    private static let letterI = UInt64(Unicode.Scalar("i").value)

    private static func pack(_ s: ArraySlice<Unicode.Scalar>) -> UInt64 {
        var k: UInt64 = 0
        for c in s { k = k << 9 | UInt64(c.value) }
        return k
    }

    /// The first onset (longest first) whose rest is a rhyme that accepts the tone; `sharedI`
    /// when `gi` lends its `i` to the rhyme (`gì` = gi + i). The base letters come packed as
    /// `pack` packs them (seven fit in 63 bits), so nothing is allocated.
    private static func analyse(
        _ scalars: some Collection<Unicode.Scalar>
    ) -> (bases: UInt64, count: Int, onset: Int, tone: Vietnamese.Tone, sharedI: Bool)? {
        guard !scalars.isEmpty, scalars.count <= 7 else { return nil }
        var bases: UInt64 = 0
        var count = 0
        var tone: Vietnamese.Tone = .level
        for s in scalars {
            guard let l = Vietnamese.letter(s) else { return nil }
            if l.tone != .level {
                if tone != .level { return nil }
                tone = l.tone
            }
            bases = bases << 9 | UInt64(l.base.value)
            count += 1
        }
        let last = bases & 0x1FF
        let stop =
            last == 0x63 || last == 0x70 || last == 0x74 || (last == 0x68 && count >= 2 && bases >> 9 & 0x1FF == 0x63)
        if stop && tone != .acute && tone != .dot {
            // Only an onset could end in these letters, and every onset needs a rhyme after it.
            return nil
        }
        for (o, onset) in onsetKeys.enumerated() where onset.count <= count {
            let restCount = count - onset.count
            guard bases >> UInt64(9 * restCount) == onset.key else { continue }
            var key = bases & ((1 << UInt64(9 * restCount)) - 1)
            var sharedI = false
            if o == giOnset && !rhymeKeys.contains(key) {
                key = letterI << UInt64(9 * restCount) | key
                sharedI = true
            }
            guard rhymeKeys.contains(key) else { continue }
            if o == quOnset, restCount > 0 {
                let first = key >> UInt64(9 * (restCount - 1))
                if first == 0x75 || first == 0x6F { continue }  // u, o
            }
            return (bases, count, o, tone, sharedI)
        }
        return nil
    }

    private static let giOnset = onsets.firstIndex(of: "gi")!
    private static let quOnset = onsets.firstIndex(of: "qu")!

    /// The same syllable with the other accepted tone-mark placement (`khóa` ↔ `khoá`,
    /// `thủy` ↔ `thuỷ`), or nil where there is only one. Lower case in, lower case out.
    public static func otherPlacement(_ syllable: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        guard let parts = parse(UTF8Writer.string(syllable)), parts.tone != .level,
            ["oa", "oe", "uy"].contains(parts.rhyme), parts.onset != "qu", parts.onset != "gi"
        else { return nil }
        let bare = Array((parts.onset + parts.rhyme).unicodeScalars)
        var out = bare
        let first = bare.count - 2
        let second = bare.count - 1
        let onFirst = syllable[first] != bare[first]
        let target = onFirst ? second : first
        out[target] = Vietnamese.compose(base: bare[target], tone: parts.tone) ?? bare[target]
        return out
    }
}
