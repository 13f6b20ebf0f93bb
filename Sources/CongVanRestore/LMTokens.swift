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
        // Written straight into the string's storage: this runs for every token. Vietnamese
        // letters take at most 3 bytes, so a word of up to five stays inline (no allocation); a
        // 4-byte scalar, or a capital whose lower case is not one known scalar, takes the slow path.
        let fast = UTF8Writer.string(capacity: scalars.count * 3) { buffer in
            var n = 0
            for s in scalars {
                guard let c = lowerScalar(s), UTF8Writer.put(c, into: buffer, at: &n) else { return nil }
            }
            return n
        }
        if let fast { return fast }
        var out = UTF8Writer()
        for s in scalars {
            if let c = lowerScalar(s) { out.append(c) } else { out.append(String(s).lowercased()) }
        }
        return out.string
    }

    /// The lower case of an ASCII or Vietnamese letter (anything else but other capitals as it
    /// is); nil for other capitals, which need the full case mapping.
    @inline(__always)
    private static func lowerScalar(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        if s.value < 0x80 { return s.value >= 65 && s.value <= 90 ? Unicode.Scalar(s.value + 32)! : s }
        if let l = Vietnamese.lowercase(s) { return l }
        return s.properties.isUppercase ? nil : s
    }

    /// Calls `body` with each sentence of `line` as a list of token strings (words lower-cased,
    /// specials by name), without the `<s>`/`</s>` markers.
    static func sentences(of line: String, _ body: ([String]) -> Void) {
        sentences(of: line) { words, _ in body(words) }
    }

    /// The same, with how each token was written (`WordCase`); a sentence's first word and
    /// the specials are `.other`, since their case says nothing about the word.
    static func sentences(of line: String, _ body: ([String], [WordCase]) -> Void) {
        let scalars = Array(line.unicodeScalars)
        var current: [String] = []
        var cases: [WordCase] = []
        for p in Tokenizer.pieces(scalars) {
            switch p.kind {
            case .word:
                cases.append(current.isEmpty ? .other : WordCase(scalars[p.start..<p.end]))
                current.append(wordKey(scalars[p.start..<p.end]))
            case .number:
                current.append("<num>")
                cases.append(.other)
            case .code:
                if !p.continuesCode {
                    current.append("<code>")
                    cases.append(.other)
                }
            case .verbatim:
                current.append("<unk>")
                cases.append(.other)
            }
            if p.commaAfter {
                current.append(",")
                cases.append(.other)
            }
            if p.breakAfter {
                if !current.isEmpty { body(current, cases) }
                current.removeAll(keepingCapacity: true)
                cases.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { body(current, cases) }
    }
}

/// How a word is written, as far as it tells a proper noun from a common word: names are
/// capitalised inside a sentence, common words are not. Capitals throughout (a heading) and
/// tokens that start with a digit tell nothing.
public enum WordCase: UInt8, Sendable {
    case other, lower, capitalised

    init(_ scalars: ArraySlice<Unicode.Scalar>) {
        guard let first = scalars.first, Tokenizer.isLetter(first) else {
            self = .other
            return
        }
        guard Tokenizer.isUpper(first) else {
            self = .lower
            return
        }
        let rest = scalars.dropFirst()
        self =
            !rest.isEmpty && rest.allSatisfy({ !Tokenizer.isUpper($0) && !Tokenizer.isDigit($0) })
            ? .capitalised : .other
    }
}
