import CongVanCore

/// Splits a line into the pieces restoration cares about. The language-model builder and the
/// decoder use this same tokenizer, so training and decoding see text the same way.
///
/// Everything between pieces (spaces, brackets, quotes, commas, full stops) is copied through
/// untouched; only `.word` pieces are candidates for repair and `.code` pieces for abbreviation
/// restoration.
public struct Piece: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Letters, possibly with OCR debris (`x4`, `ti€u`, `s6`): a syllable to restore.
        case word
        /// Digits with separators (`2021`, `10,62`, `48,5%`, `19/3/2020`).
        case number
        /// A document code or abbreviation with separators or digits (`263/QĐ-TTg`, `TH1`).
        case code
        /// E-mail addresses and URLs: never changed.
        case verbatim
    }

    public var kind: Kind
    /// Scalar offsets into the line.
    public var start: Int
    public var end: Int
    /// A sentence ends right after this piece (`.`, `;`, `:`, `!`, `?`).
    public var breakAfter: Bool
    /// A comma follows this piece.
    public var commaAfter: Bool
    /// The issuer part of a code typed with a spaced dash (`UBND` in `272/KH - UBND`): restored
    /// as a code, but no token of its own for the language model, which knows the code joined.
    public var continuesCode = false
    /// The second of two words OCR ran together (`voinam`): written with a space before it.
    public var spaceBefore = false
}

/// A line with its pieces: the lexicon builder reads every corpus line once and hands it,
/// tokenized once, to each collector.
public struct TokenizedLine {
    public let scalars: [Unicode.Scalar]
    public let pieces: [Piece]

    public init(_ line: String) {
        scalars = Array(line.unicodeScalars)
        pieces = Tokenizer.pieces(scalars)
    }
}

public enum Tokenizer {
    /// Symbols that English-model OCR leaves inside words in place of marked letters (`ti€u`,
    /// `hi¢n`, `m&i`, `1§`); attached to letters they are part of the word.
    /// (Switches, not sets: these run on every scalar of the input.)
    @inline(__always)
    static func isDebris(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "€", "¢", "&", "§", "£", "¥", "©", "®", "°", "¬", "|", "~", "^", "`", "$", "@", "#": true
        default: false
        }
    }

    @inline(__always)
    static func isTrailingStop(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case ".", ";", ":", "!", "?", "…": true
        default: false
        }
    }

    @inline(__always)
    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "/", "-", "–", ".": true
        default: false
        }
    }

    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return (s.value | 0x20) >= 97 && (s.value | 0x20) <= 122 }
        return Vietnamese.letter(s) != nil || s.properties.isAlphabetic
    }

    @inline(__always)
    static func isUpper(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value >= 65 && s.value <= 90 }
        if let l = Vietnamese.letter(s) { return l.isUpper }
        return s.properties.isUppercase
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool { Vietnamese.isSpace(s) }

    /// Punctuation that always ends a token, even without a space after it (`tổ;chức`,
    /// `việc)điều`); commas and full stops only when not between digits (`10,62`, `3.656`).
    @inline(__always)
    static func isHardBreak(_ line: [Unicode.Scalar], _ k: Int, _ from: Int, _ to: Int) -> Bool {
        switch line[k] {
        case ";", ":", "(", ")", "[", "]", "{", "}", "\"", "“", "”", "!", "?", "…", "«", "»":
            return true
        case ",", ".":
            let before = k > from && isDigit(line[k - 1])
            let after = k + 1 < to && isDigit(line[k + 1])
            if line[k] == "." && k + 1 < to && !before && !after {
                // Abbreviation dots inside codes stay (`TP.HCM`, `QĐ.UBND`); sentence dots split.
                return !(isUpper(line[k + 1]) && k > from && isUpper(line[k - 1]))
            }
            return !(before && after)
        default:
            return false
        }
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool { Vietnamese.isDigit(s) }

    /// Characters that may belong to a token's core.
    @inline(__always)
    static func isCore(_ s: Unicode.Scalar) -> Bool {
        isLetter(s) || isDigit(s) || isDebris(s)
    }

    /// The pieces of one line (no newline inside).
    public static func pieces(_ line: [Unicode.Scalar]) -> [Piece] {
        var out: [Piece] = []
        var i = 0
        let n = line.count
        while i < n {
            while i < n && isSpace(line[i]) { i += 1 }
            let chunkStart = i
            while i < n && !isSpace(line[i]) { i += 1 }
            if chunkStart < i && isAddress(line, chunkStart, i) {
                chunk(line, chunkStart, i, into: &out)
                continue
            }
            // Split the chunk after hard punctuation glued to the next word.
            var s = chunkStart
            for k in chunkStart..<i where isHardBreak(line, k, chunkStart, i) && k + 1 < i && isCore(line[k + 1]) {
                chunk(line, s, k + 1, into: &out)
                s = k + 1
            }
            if s < i { chunk(line, s, i, into: &out) }
        }
        joinSpacedCodes(line, &out)
        return out
    }

    /// Marks the abbreviation after `272/KH - ` as the rest of the code: some writers (and OCR)
    /// space the dash of `272/KH-UBND`. A code that has its issuer (`263/QĐ-TTg`) takes none.
    static func joinSpacedCodes(_ line: [Unicode.Scalar], _ pieces: inout [Piece]) {
        for i in pieces.indices.dropFirst() {
            let code = pieces[i - 1]
            let next = pieces[i]
            let text = line[code.start..<code.end]
            guard code.kind == .code, !code.breakAfter, !code.commaAfter,
                text.contains("/"), !text.contains("-"), isLetter(text.last!),
                next.kind == .code
                    || next.kind == .word && next.end - next.start >= 2
                        && line[next.start..<next.end].allSatisfy(isUpper)
            else { continue }
            let gap = line[code.end..<next.start]
            let marks = gap.filter { !isSpace($0) }
            guard gap.count >= 3, isSpace(gap.first!), isSpace(gap.last!), marks == ["-"] || marks == ["–"] else {
                continue
            }
            pieces[i].kind = .code
            pieces[i].continuesCode = true
        }
    }

    /// Classifies one whitespace-delimited chunk, trimming punctuation around it.
    static func chunk(_ line: [Unicode.Scalar], _ from: Int, _ to: Int, into out: inout [Piece]) {
        var a = from
        var b = to
        // Trailing punctuation first, so a chunk of punctuation alone (`xã , cụ`) is all trailing;
        // then leading punctuation (a lone debris symbol before letters, `‘nhép`, `&i`, stays).
        while b > a && !isCore(line[b - 1]) && line[b - 1] != "%" { b -= 1 }
        while a < b && !isCore(line[a]) { a += 1 }
        var trailingBreak = false
        var trailingComma = false
        for k in b..<to {
            if isTrailingStop(line[k]) { trailingBreak = true }
            if line[k] == "," { trailingComma = true }
        }
        guard a < b else {
            // Punctuation alone (a dash, a full stop after a space) still marks boundaries.
            if trailingBreak, !out.isEmpty { out[out.count - 1].breakAfter = true }
            if trailingComma, !out.isEmpty { out[out.count - 1].commaAfter = true }
            return
        }
        var letters = 0
        var uppers = 0
        var digits = 0
        var seps = 0
        var hasAt = false
        for k in a..<b {
            let s = line[k]
            if isLetter(s) {
                letters += 1
                if isUpper(s) { uppers += 1 }
            } else if isDigit(s) {
                digits += 1
            } else if isSeparator(s) {
                seps += 1
            } else if s == "@" {
                hasAt = true
            }
        }
        func emit(_ kind: Piece.Kind, _ s: Int, _ e: Int, last: Bool) {
            out.append(
                Piece(
                    kind: kind, start: s, end: e, breakAfter: last && trailingBreak, commaAfter: last && trailingComma))
        }
        if hasAt && letters > 0 && isAddress(line, a, b) || isURL(line, a, b) {
            emit(.verbatim, a, b, last: true)
            return
        }
        if letters == 0 {
            emit(digits > 0 ? .number : .word, a, b, last: true)
            return
        }
        if seps > 0 {
            // Split on separators: all-letter segments are words (tỉnh/huyện); anything with
            // digits or capitalised segments is a code (263/QĐ-TTg, KH-UBND, V/v).
            let segments = self.segments(line, a..<b)
            let wordLike = segments.allSatisfy { seg in
                seg.allSatisfy { isLetter(line[$0]) || isDebris(line[$0]) }
                    && !seg.contains { isUpper(line[$0]) && $0 > seg.lowerBound }
            }
            let capitalised = segments.contains { seg in isUpper(line[seg.lowerBound]) }
            if digits == 0 && wordLike && !(capitalised && segments.count > 1 && segments.allSatisfy { $0.count <= 2 })
            {
                for (idx, seg) in segments.enumerated() {
                    emit(.word, seg.lowerBound, seg.upperBound, last: idx == segments.count - 1)
                }
                return
            }
            emit(.code, a, b, last: true)
            return
        }
        if digits > 0 && uppers == letters && letters >= 2 {
            emit(.code, a, b, last: true)  // TH1, NLN1, QH15
            return
        }
        emit(.word, a, b, last: true)
    }

    /// The non-empty runs of a chunk between separators (`tỉnh/huyện` → tỉnh, huyện).
    static func segments(_ line: [Unicode.Scalar], _ chunk: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var s = chunk.lowerBound
        for k in chunk.lowerBound...chunk.upperBound where k == chunk.upperBound || isSeparator(line[k]) {
            if s < k { out.append(s..<k) }
            s = k + 1
        }
        return out
    }

    /// In garble a digit inside a lower-case word is a misread letter (`x3`, `s6`), so a "code"
    /// whose every part is such a word (`chi/x3` for `chí/xã`, as in `tiêu chí/xã`) is words
    /// joined by separators, as `tỉnh/huyện` is in clean text. Codes keep a part in capitals or
    /// all in digits (`272/KH-UBND`, `TH1`).
    static func splitGarbledCodes(_ line: [Unicode.Scalar], _ pieces: inout [Piece]) {
        var i = 0
        while i < pieces.count {
            let p = pieces[i]
            i += 1
            guard p.kind == .code, !p.continuesCode else { continue }
            let segments = self.segments(line, p.start..<p.end)
            let words =
                segments.count > 1
                && segments.allSatisfy { seg in
                    isLetter(line[seg.lowerBound]) && !isUpper(line[seg.lowerBound])
                        && seg.allSatisfy {
                            isLetter(line[$0]) && !isUpper(line[$0]) || isDigit(line[$0]) || isDebris(line[$0])
                        }
                }
            guard words else { continue }
            let split = segments.enumerated().map { k, seg in
                Piece(
                    kind: .word, start: seg.lowerBound, end: seg.upperBound,
                    breakAfter: k == segments.count - 1 && p.breakAfter,
                    commaAfter: k == segments.count - 1 && p.commaAfter)
            }
            pieces.replaceSubrange((i - 1)..<i, with: split)
            i += split.count - 1
        }
    }

    /// English-model OCR reads a horn as a quote glued to the word (`co’` cơ, `tu'` tư) and a
    /// hook as a question mark (`st? dung` sử dụng). Vietnamese has no apostrophes, directives
    /// quote with “ ”, and a question does not go on in lower case, so in garbled text such a
    /// mark at a word's end belongs to the word: it is replaced with it, and ends no sentence.
    static func glueMarkDebris(_ line: [Unicode.Scalar], _ pieces: inout [Piece]) {
        for i in pieces.indices where pieces[i].kind == .word {
            let end = pieces[i].end
            guard end < line.count, isLetter(line[end - 1]),
                i + 1 == pieces.count || pieces[i + 1].start > end + 1
            else { continue }
            switch line[end] {
            case "’", "'":
                break
            case "?":
                // Only where the text goes on in lower case after a space.
                guard end + 2 < line.count, isSpace(line[end + 1]), isLetter(line[end + 2]), !isUpper(line[end + 2])
                else { continue }
            default:
                continue
            }
            pieces[i].end = end + 1
            pieces[i].breakAfter = false
            pieces[i].commaAfter = false
            var k = end + 1
            while k < line.count && !isSpace(line[k]) && !isCore(line[k]) {
                if isTrailingStop(line[k]) { pieces[i].breakAfter = true }
                if line[k] == "," { pieces[i].commaAfter = true }
                k += 1
            }
        }
    }

    /// The observed word of a piece for the channel: a glued question mark is the mark of a
    /// letter the channel already lacks, not a character to explain.
    static func observedKey(_ raw: ArraySlice<Unicode.Scalar>) -> String {
        LMToken.wordKey(raw.last == "?" && raw.count > 1 ? raw.dropLast() : raw)
    }

    /// An e-mail address or URL somewhere in the chunk: it must not be split at its dots.
    static func isAddress(_ line: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
        var at = false
        var colonSlash = false
        for k in a..<b {
            if line[k] == "@" && k > a && k + 1 < b && isLetter(line[k + 1]) && line[(k + 1)..<b].contains(".") {
                at = true
            }
            if line[k] == ":" && k + 2 < b && line[k + 1] == "/" && line[k + 2] == "/" { colonSlash = true }
        }
        if at || colonSlash { return true }
        return startsWithWWW(line, a, b) || startsWithWWW(line, a + 1, b)
    }

    static func startsWithWWW(_ line: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
        guard a >= 0, b - a >= 4 else { return false }
        return (0..<3).allSatisfy { line[a + $0].value | 0x20 == 0x77 } && line[a + 3] == "."
    }

    static func isURL(_ line: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
        guard b - a >= 4 else { return false }
        let http =
            line[a].value | 0x20 == 0x68 && line[a + 1].value | 0x20 == 0x74
            && line[a + 2].value | 0x20 == 0x74 && line[a + 3].value | 0x20 == 0x70
        return http && isAddress(line, a, b) || startsWithWWW(line, a, b)
    }
}
