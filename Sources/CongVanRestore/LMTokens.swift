import CongVanCore

/// How text becomes language-model tokens. Shared by the builder and the decoder so both see
/// the same stream: lower-cased syllables, `<num>` for numbers, `<code>` for document codes,
/// `,` for commas, and sentence breaks at `.`, `;`, `:`, `!`, `?` and line ends.
public enum LMToken {
    public static let unknown: UInt16 = 0
    public static let sentenceStart: UInt16 = 1
    public static let sentenceEnd: UInt16 = 2
    public static let number: UInt16 = 3
    public static let code: UInt16 = 4
    public static let comma: UInt16 = 5
    public static let specials = ["<unk>", "<s>", "</s>", "<num>", "<code>", ","]

    /// A word piece's lower-cased text with tone marks, as the vocabulary keys it.
    static func wordKey(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        // Written straight into the string's storage (no intermediate array): this runs for every
        // token, twice. Letters whose lower case is not one scalar take the general path.
        var general = false
        let key = String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var n = 0
            for s in scalars {
                var c = s
                if s.value < 0x80 {
                    if s.value >= 65 && s.value <= 90 { c = Unicode.Scalar(s.value + 32)! }
                } else if let l = Vietnamese.letter(s) {
                    if l.isUpper { c = Vietnamese.compose(base: l.base, tone: l.tone)! }
                } else if s.properties.isUppercase {
                    general = true
                    return 0
                }
                n += UTF8Writer.encode(c, into: buffer, at: n)
            }
            return n
        }
        return general ? generalWordKey(scalars) : key
    }

    private static func generalWordKey(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var out = UTF8Writer()
        for s in scalars {
            if s.value < 0x80 {
                out.append(s.value >= 65 && s.value <= 90 ? Unicode.Scalar(s.value + 32)! : s)
            } else if let l = Vietnamese.letter(s) {
                out.append(l.isUpper ? Vietnamese.compose(base: l.base, tone: l.tone)! : s)
            } else if s.properties.isUppercase {
                out.append(String(s).lowercased())
            } else {
                out.append(s)
            }
        }
        return out.string
    }

    /// Calls `body` with each sentence of `line` as a list of token strings (words lower-cased,
    /// specials by name), without the `<s>`/`</s>` markers.
    static func sentences(of line: String, _ body: ([String]) -> Void) {
        let scalars = Array(line.unicodeScalars)
        var current: [String] = []
        for p in Tokenizer.pieces(scalars) {
            switch p.kind {
            case .word: current.append(wordKey(scalars[p.start..<p.end]))
            case .number: current.append("<num>")
            case .code: current.append("<code>")
            case .verbatim: current.append("<unk>")
            }
            if p.commaAfter { current.append(",") }
            if p.breakAfter {
                if !current.isEmpty { body(current) }
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { body(current) }
    }
}
