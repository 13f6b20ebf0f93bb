/// Vietnamese letters at the level of Unicode scalars: every precomposed letter splits into a base
/// letter (which keeps its shape mark: ă â ê ô ơ ư đ) and a tone, and composes back.
///
/// Hot loops in every stage use this table, so it is a flat array indexed by scalar value
/// rather than a dictionary, and nothing here touches `Character`.
public enum Vietnamese {
    /// The six tones, in the order of the Telex keys (none, f, s, r, x, j).
    public enum Tone: UInt8, Sendable, CaseIterable, Codable {
        case level = 0
        case grave, acute, hook, tilde, dot
    }

    /// The twelve vowel bases and their toned forms, lower case, tone order as `Tone`.
    static let vowelRows: [String] = [
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
    ]

    /// Packed info per scalar below 0x1F00: bit 15 valid, bit 14 upper case, bits 8-10 tone,
    /// bits 0-7 the lower-case base scalar's index in `bases`.
    private static let table: [UInt16] = buildTable()
    /// Lower-case base letters (no tone): ASCII letters then ă â ê ô ơ ư đ.
    public static let bases: [Unicode.Scalar] = {
        var out: [Unicode.Scalar] = (UInt32(97)...122).map { Unicode.Scalar($0)! }
        out += ["ă", "â", "ê", "ô", "ơ", "ư", "đ"]
        return out
    }()
    private static let composeTable: [[Unicode.Scalar]] = vowelRows.map { Array($0.unicodeScalars) }
    /// Per scalar below 0x1F00 that is a letter here: the same letter in the other case (0 for
    /// none). Case changes run on every capital of the input, and `String.uppercased()` per
    /// letter cost more than the rest of writing the output.
    private static let otherCase: [UInt32] = {
        var out = [UInt32](repeating: 0, count: table.count)
        for v in out.indices {
            guard let s = Unicode.Scalar(UInt32(v)), let l = letter(s),
                let other = compose(base: l.base, tone: l.tone, upper: !l.isUpper)
            else { continue }
            out[v] = other.value
        }
        return out
    }()

    private static func buildTable() -> [UInt16] {
        var t = [UInt16](repeating: 0, count: 0x1F00)
        let baseList: [Unicode.Scalar] =
            (UInt32(97)...122).map { Unicode.Scalar($0)! } + ["ă", "â", "ê", "ô", "ơ", "ư", "đ"]
        func index(_ s: Unicode.Scalar) -> UInt16 { UInt16(baseList.firstIndex(of: s)!) }
        func set(_ s: Unicode.Scalar, base: Unicode.Scalar, tone: Int) {
            let lower = UInt16(0x8000) | UInt16(tone) << 8 | index(base)
            t[Int(s.value)] = lower
            let upperString = String(s).uppercased()
            if let up = upperString.unicodeScalars.first, upperString.unicodeScalars.count == 1,
                up != s, Int(up.value) < t.count
            {
                t[Int(up.value)] = lower | 0x4000
            }
        }
        for c in baseList where !"aăâeêioôơuưy".unicodeScalars.contains(c) { set(c, base: c, tone: 0) }
        for row in vowelRows {
            let scalars = Array(row.unicodeScalars)
            for (tone, s) in scalars.enumerated() { set(s, base: scalars[0], tone: tone) }
        }
        return t
    }

    /// A letter split into its parts.
    public struct Letter: Sendable, Hashable {
        /// Lower-case base with shape marks kept (`ơ` for `Ờ`).
        public var base: Unicode.Scalar
        public var tone: Tone
        public var isUpper: Bool
    }

    /// The parts of a Vietnamese (or plain Latin) letter; `nil` for anything else.
    @inline(__always)
    public static func letter(_ s: Unicode.Scalar) -> Letter? {
        let v = Int(s.value)
        guard v < table.count else { return nil }
        let e = table[v]
        guard e & 0x8000 != 0 else { return nil }
        return Letter(base: bases[Int(e & 0xFF)], tone: Tone(rawValue: UInt8((e >> 8) & 7))!, isUpper: e & 0x4000 != 0)
    }

    /// The letter with a given base, tone and case; `nil` where Vietnamese has no such letter
    /// (a tone on a consonant).
    public static func compose(base: Unicode.Scalar, tone: Tone, upper: Bool = false) -> Unicode.Scalar? {
        var out: Unicode.Scalar
        if tone == .level {
            out = base
        } else {
            guard let row = composeTable.firstIndex(where: { $0[0] == base }) else { return nil }
            out = composeTable[row][Int(tone.rawValue)]
        }
        if upper, let up = String(out).uppercased().unicodeScalars.first { out = up }
        return out
    }

    /// The ASCII letter under any Vietnamese letter (`ờ` → `o`, `Đ` → `D`); other scalars unchanged.
    @inline(__always)
    public static func asciiBase(_ s: Unicode.Scalar) -> Unicode.Scalar {
        guard s.value >= 0x80, let l = letter(s) else { return s }
        let b: Unicode.Scalar
        switch l.base {
        case "ă", "â": b = "a"
        case "ê": b = "e"
        case "ô", "ơ": b = "o"
        case "ư": b = "u"
        case "đ": b = "d"
        default: b = l.base
        }
        return l.isUpper ? Unicode.Scalar(b.value - 32)! : b
    }

    /// Removes every tone and shape mark, mapping `đ`/`Đ` explicitly (they do not decompose);
    /// case is kept. Decomposed (NFD) input folds as its composed form does. On NFC input
    /// every scalar maps to one scalar, so offsets in the fold are offsets in the text.
    public static func fold(_ text: String) -> String {
        mapScalars(text, composing: true) { isCombining($0) ? strayMark : asciiBase($0) }
    }

    /// What a fold makes of a combining mark left after composition (`ơ` + U+0302, which no
    /// letter precomposes): U+034F COMBINING GRAPHEME JOINER, invisible and composing with
    /// nothing. Dropping the mark would break the one-scalar-for-one-scalar map; keeping it
    /// would let it compose with the folded letter (`o` + U+0302 = `ô`) and fold again.
    static let strayMark: Unicode.Scalar = "\u{034F}"

    /// `fold` and lower case: the key for diacritic- and case-insensitive matching, the same
    /// for NFC and NFD input. The search index folds whole documents with it and queries fold
    /// with it, so the two cannot disagree. Built on UTF-8 bytes: ASCII, most of any
    /// Vietnamese text, costs one comparison per byte.
    public static func foldKey(_ text: String) -> String {
        if let key = foldKeyOfComposed(text) { return key }
        return foldKeyOfComposed(text.precomposedStringWithCanonicalMapping, allowingMarks: true) ?? text
    }

    /// The fold key of one scalar of composed text (`Ờ` → `o`, `Đ` → `d`, `Ω` as it is): what
    /// `foldKey` does to each, for callers that key words without building strings.
    @inline(__always)
    public static func keyScalar(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let b = asciiBase(s)
        return b.value >= 65 && b.value <= 90 ? Unicode.Scalar(b.value + 32)! : b
    }

    /// The fold key written in place; nil when a combining mark is met (the text must be composed
    /// first), unless `allowingMarks` (it was, and the marks left have no composed form).
    private static func foldKeyOfComposed(_ text: String, allowingMarks: Bool = false) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            // Every output scalar is no longer in UTF-8 than its input.
            UTF8Writer.string(capacity: bytes.count) { out in
                var i = 0
                var at = 0
                while i < bytes.count {
                    let b = bytes[i]
                    if b < 0x80 {
                        out[at] = b >= 65 && b <= 90 ? b + 32 : b
                        at += 1
                        i += 1
                        continue
                    }
                    let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                    guard i + length <= bytes.count else { return nil }
                    var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for k in 1..<length { value = value << 6 | (UInt32(bytes[i + k]) & 0x3F) }
                    guard let scalar = Unicode.Scalar(value) else { return nil }
                    if isCombining(scalar) {
                        guard allowingMarks else { return nil }
                        // A mark with no composed form (`ơ` + U+0302): see `strayMark`.
                        out[at] = 0xCD
                        out[at + 1] = 0x8F
                        at += 2
                        i += length
                        continue
                    }
                    let key = keyScalar(scalar)
                    if key.isASCII {
                        out[at] = UInt8(key.value)
                        at += 1
                    } else {
                        for k in 0..<length { out[at + k] = bytes[i + k] }
                        at += length
                    }
                    i += length
                }
                return at
            }
        }
    }

    /// Lower case with each syllable's tone moved to its end as a digit (`Hoà`, `Hòa` → `hoa1`):
    /// equal for both tone-mark placements, distinct for different tones.
    public static func toneKey(_ text: String) -> String {
        let text = composed(text)
        if let key = toneKey(text, lowered: false) { return key }
        // A capital outside Vietnamese needs the full case mapping first.
        var lowered = UTF8Writer(capacity: text.utf8.count)
        for s in text.unicodeScalars {
            if letter(s) != nil || s.value < 0x80 { lowered.append(s) } else { lowered.append(String(s).lowercased()) }
        }
        // Cannot run out of room: the lowered text has no scalar left that lengthens.
        return toneKey(lowered.string, lowered: true) ?? ""
    }

    /// The tone key written in place; nil when a scalar that is neither ASCII nor a Vietnamese
    /// letter needs lower-casing (unless the text is `lowered` already).
    private static func toneKey(_ text: String, lowered: Bool) -> String? {
        // Each tone digit replaces a marked letter's extra byte, so the key is never longer.
        UTF8Writer.string(capacity: text.utf8.count + 2) { buffer in
            var at = 0
            var pending: Tone = .level
            for s in text.unicodeScalars {
                if let l = letter(s) {
                    if l.tone != .level { pending = l.tone }
                    guard UTF8Writer.put(l.base, into: buffer, at: &at) else { return nil }
                    continue
                }
                guard lowered || s.value < 0x80 else { return nil }
                if pending != .level {
                    guard UTF8Writer.put(Unicode.Scalar(48 + pending.rawValue), into: buffer, at: &at) else {
                        return nil
                    }
                    pending = .level
                }
                guard UTF8Writer.put(s, into: buffer, at: &at) else { return nil }
            }
            if pending != .level {
                guard UTF8Writer.put(Unicode.Scalar(48 + pending.rawValue), into: buffer, at: &at) else { return nil }
            }
            return at
        }
    }

    /// The upper case of a Vietnamese or Latin letter; `nil` for other scalars.
    @inline(__always)
    public static func uppercase(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        guard let l = letter(s) else { return nil }
        return l.isUpper ? s : otherCase(of: s)
    }

    /// The lower case of a Vietnamese or Latin letter; `nil` for other scalars.
    @inline(__always)
    public static func lowercase(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        guard let l = letter(s) else { return nil }
        return l.isUpper ? otherCase(of: s) : s
    }

    @inline(__always)
    private static func otherCase(of s: Unicode.Scalar) -> Unicode.Scalar? {
        let v = otherCase[Int(s.value)]
        return v == 0 ? nil : Unicode.Scalar(v)
    }

    /// Lower-cases Vietnamese and Latin letters scalar by scalar (decomposed text stays
    /// decomposed; compose it first with `composed`).
    public static func lowercase(_ text: String) -> String {
        mapScalars(text) { s in
            lowercase(s) ?? s
        }
    }

    /// `text` with every scalar replaced by `f` of it, written straight into the new string (these
    /// keys are made for every token: short ones then cost no allocation). With `composing`, a
    /// decomposed text is composed first (found on the way: no extra pass over composed text).
    @inline(__always)
    static func mapScalars(
        _ text: String, composing: Bool = false, _ f: (Unicode.Scalar) -> Unicode.Scalar
    ) -> String {
        var sawMark = false
        let written = UTF8Writer.string(capacity: text.utf8.count) { buffer in
            var at = 0
            for s in text.unicodeScalars {
                if composing, s.value >= 0x300, isCombining(s) {
                    sawMark = true
                    return nil
                }
                guard UTF8Writer.put(f(s), into: buffer, at: &at) else { return nil }
            }
            return at
        }
        if let written { return written }
        // A decomposed text, or a mapping that lengthens a scalar's UTF-8.
        let source = sawMark ? text.precomposedStringWithCanonicalMapping : text
        var out = UTF8Writer(capacity: 2 * source.utf8.count)
        for s in source.unicodeScalars { out.append(f(s)) }
        return out.string
    }

    /// True when the scalar is a letter with a tone or shape mark that plain ASCII lacks.
    @inline(__always)
    public static func isMarked(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x80 && letter(s) != nil
    }
}
