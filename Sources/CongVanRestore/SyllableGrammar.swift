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

    static let stopCodas: Set<String> = ["c", "ch", "p", "t"]

    /// The parts of a syllable: onset, rhyme (tone removed) and tone.
    public struct Parts: Sendable, Equatable {
        public var onset: String
        public var rhyme: String
        public var tone: Vietnamese.Tone
    }

    /// Splits a syllable (any case) into onset, rhyme and tone; `nil` when it is not a
    /// well-formed Vietnamese syllable.
    public static func parse(_ syllable: some StringProtocol) -> Parts? {
        var bases = String.UnicodeScalarView()
        var tone: Vietnamese.Tone = .level
        for s in syllable.unicodeScalars {
            guard let l = Vietnamese.letter(s) else { return nil }
            if l.tone != .level {
                if tone != .level { return nil }
                tone = l.tone
            }
            bases.append(l.base)
        }
        let word = String(bases)
        guard !word.isEmpty, word.unicodeScalars.count <= 7 else { return nil }
        for onset in onsets where word.hasPrefix(onset) {
            var rhyme = String(word.dropFirst(onset.count))
            // "gi" shares its i with the rhyme: gì = gi+i, giếng = gi+iêng.
            if onset == "gi" && !rhymes.contains(rhyme) { rhyme = "i" + rhyme }
            guard rhymes.contains(rhyme) else { continue }
            if onset == "qu" && (rhyme.hasPrefix("u") || rhyme.hasPrefix("o")) { continue }
            if let coda = codaOf(rhyme), stopCodas.contains(coda), tone != .acute && tone != .dot { continue }
            return Parts(onset: onset, rhyme: rhyme, tone: tone)
        }
        return nil
    }

    public static func isValid(_ syllable: some StringProtocol) -> Bool { parse(syllable) != nil }

    /// The same syllable with the other accepted tone-mark placement (`khóa` ↔ `khoá`,
    /// `thủy` ↔ `thuỷ`), or nil where there is only one. Lower case in, lower case out.
    public static func otherPlacement(_ syllable: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        guard let parts = parse(String(String.UnicodeScalarView(syllable))), parts.tone != .level,
              ["oa", "oe", "uy"].contains(parts.rhyme), parts.onset != "qu", parts.onset != "gi" else { return nil }
        let bare = Array((parts.onset + parts.rhyme).unicodeScalars)
        var out = bare
        let first = bare.count - 2, second = bare.count - 1
        let onFirst = syllable[first] != bare[first]
        let target = onFirst ? second : first
        out[target] = Vietnamese.compose(base: bare[target], tone: parts.tone) ?? bare[target]
        return out
    }

    static func codaOf(_ rhyme: String) -> String? {
        for c in ["ch", "ng", "nh", "c", "m", "n", "p", "t"] where rhyme.hasSuffix(c) { return c }
        return nil
    }
}
