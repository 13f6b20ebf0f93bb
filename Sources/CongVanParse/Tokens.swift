import CongVanCore

/// A word, number or punctuation mark of the text, with its line and matching keys.
struct Token {
    enum Kind { case word, number, punct }
    let text: String
    /// `Vietnamese.toneKey`: lower case, tone-placement tolerant; punctuation and numbers as is.
    let key: String
    /// `Vietnamese.foldKey`: for cues that restored text may carry with wrong marks.
    let fold: String
    let kind: Kind
    /// 1-based line of the text.
    let line: Int
    let lineStart: Bool
    let spaceBefore: Bool
    /// First letter upper case and the rest lower case (`Hưng`, `A`).
    let isTitle: Bool

    var isWord: Bool { kind == .word }
    var isNumber: Bool { kind == .number }
    func isPunct(_ s: String) -> Bool { kind == .punct && text == s }
}

enum Tokenizer {
    /// Splits lines into tokens: letter runs (with digits they contain), numbers with inner `.`/`,`
    /// groups (`2.267,55`), and single punctuation scalars.
    static func tokenize(lines: [String], firstLine: Int = 1) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(lines.count * 12)
        // Documents repeat few words many times: compute each word's key once.
        var keys: [String: (String, String)] = [:]
        for (offset, line) in lines.enumerated() {
            let lineNumber = firstLine + offset
            let view = line.unicodeScalars
            var i = view.startIndex
            var space = true
            var first = true
            while i < view.endIndex {
                let s = view[i]
                if Vietnamese.isSpace(s) {
                    space = true
                    i = view.index(after: i)
                    continue
                }
                var j = view.index(after: i)
                let kind: Token.Kind
                var ascii = s.value < 0x80
                if Vietnamese.letter(s) != nil {
                    while j < view.endIndex, Vietnamese.letter(view[j]) != nil || Vietnamese.isDigit(view[j]) {
                        if view[j].value >= 0x80 { ascii = false }
                        j = view.index(after: j)
                    }
                    kind = .word
                } else if Vietnamese.isDigit(s) {
                    while j < view.endIndex {
                        if Vietnamese.isDigit(view[j]) {
                            j = view.index(after: j)
                            continue
                        }
                        if view[j] == "." || view[j] == "," {
                            let k = view.index(after: j)
                            if k < view.endIndex, Vietnamese.isDigit(view[k]) {
                                j = view.index(after: k)
                                continue
                            }
                        }
                        break
                    }
                    kind = .number
                } else {
                    kind = .punct
                }
                // Slicing the scalar view copies bytes; appending scalar by scalar is far slower.
                let str = String(view[i..<j])
                let key: String
                let fold: String
                if kind != .word {
                    (key, fold) = (str, str)
                } else if let known = keys[str] {
                    (key, fold) = known
                } else {
                    key = ascii ? str.lowercased() : Vietnamese.toneKey(str)
                    fold = ascii ? key : Vietnamese.foldKey(str)
                    keys[str] = (key, fold)
                }
                out.append(
                    Token(
                        text: str, key: key, fold: fold, kind: kind, line: lineNumber, lineStart: first,
                        spaceBefore: space,
                        isTitle: kind == .word && TextTools.isTitleWord(Substring(str))))
                first = false
                space = false
                i = j
            }
        }
        return out
    }

}

extension Array where Element == Token {
    /// The tokens of `range` as text, with single spaces where the source had space or a line break.
    func text(_ range: Range<Int>) -> String {
        var out = ""
        for i in range {
            if i > range.lowerBound, self[i].spaceBefore || self[i].lineStart { out += " " }
            out += self[i].text
        }
        return out
    }

    /// Whether the tokens at `i` have the keys of `phrase` (a space-separated phrase in toneKey form).
    func matches(_ phrase: [String], at i: Int) -> Bool {
        guard i >= 0, i + phrase.count <= count else { return false }
        for (k, p) in phrase.enumerated() where self[i + k].key != p { return false }
        return true
    }
}

/// Phrases written naturally and compared by toneKey.
struct Phrase: Hashable {
    let keys: [String]
    init(_ text: String) { keys = text.split(separator: " ").map { Vietnamese.toneKey(String($0)) } }
}
