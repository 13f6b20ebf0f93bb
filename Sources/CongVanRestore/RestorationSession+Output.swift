import CongVanCore
import Foundation

/// Acronyms and codes, and writing the chosen readings back into the lines.
extension RestorationSession {
    /// An acronym as written, or with its corpus spelling where letters were lost (BCD → BCĐ).
    func acronym(_ raw: ArraySlice<Unicode.Scalar>) -> String {
        let input = UTF8Writer.string(raw)
        guard restoresAbbreviations else { return input }
        return restorer.abbreviations.restore(input, garbled: searchesGarble) ?? input
    }

    /// An all-capital token that is an abbreviation (UBND, TU, BCD), not a word of a heading
    /// in capitals (MỤC ĐÍCH): a known or non-syllable acronym with no capitalised syllable next
    /// to it, or a syllable-like one between two non-syllable acronyms (`TT, TU, HĐND`). It is
    /// kept, or given its corpus spelling (BCD → BCĐ).
    func isAcronym(_ li: Int, _ pi: Int) -> Bool {
        // Most words start in lower case: out before anything is copied.
        let p = pieces[li][pi]
        guard p.end - p.start >= 2, Tokenizer.isUpper(lines[li][p.start]) else { return false }
        let line = lines[li]
        let ps = pieces[li]
        let raw = line[ps[pi].start..<ps[pi].end]
        guard isCapitalWord(raw) else { return false }
        if !isSyllableLike(raw) { return true }
        let neighbours = [pi - 1, pi + 1].map { k in
            k >= 0 && k < ps.count && ps[k].kind == .word ? line[ps[k].start..<ps[k].end] : nil
        }
        guard (restorer.abbreviations.counts[UTF8Writer.string(raw)] ?? 0) >= Self.knownAbbreviation else {
            return neighbours.allSatisfy { n in n.map { isCapitalWord($0) && !isSyllableLike($0) } ?? false }
        }
        for case let n? in neighbours where isCapitalWord(n) && SyllableGrammar.isValid(LMToken.wordKey(n)) {
            return false
        }
        return true
    }

    /// In garble a short capital token that is no known abbreviation may be a word whose marked
    /// letter was read as a capital (`BG`, `BQ` for `Bộ`): the decoder weighs it as a word, with
    /// the acronym as its kept reading.
    func mayBeMisreadWord(_ li: Int, _ pi: Int) -> Bool {
        guard searchesGarble else { return false }
        let p = pieces[li][pi]
        let raw = lines[li][p.start..<p.end]
        // The English model writes no Đ, so a token with one was not misread by it; syllable-like
        // ones (TU) are acronyms by their neighbours, which is evidence enough.
        guard raw.count <= 3, raw.allSatisfy({ $0.value < 0x80 }), !isSyllableLike(raw) else { return false }
        let text = UTF8Writer.string(raw)
        // Known as written, or once a stripped D is given back its bar (DT → ĐT).
        return (restorer.abbreviations.counts[text] ?? 0) < Self.knownAbbreviation
            && restorer.abbreviations.restore(text, garbled: false) == nil
    }

    /// Corpus occurrences that make an all-capital token a known abbreviation.
    static let knownAbbreviation = 20

    func isCapitalWord(_ raw: ArraySlice<Unicode.Scalar>) -> Bool {
        raw.count >= 2 && raw.count <= 8 && raw.allSatisfy(Tokenizer.isUpper)
    }

    func isSyllableLike(_ raw: ArraySlice<Unicode.Scalar>) -> Bool {
        let word = LMToken.wordKey(raw)
        return SyllableGrammar.isValid(word) || restorer.index.isSyllable[Int(restorer.lm.vocabulary.id(of: word))]
            || restorer.index.node(forSkeleton: Vietnamese.foldKey(word)) != nil
    }

    // MARK: Output

    func assemble(_ choices: Choices) -> RestoredText {
        var out = UTF8Writer()
        var tokens: [RestoredToken] = []
        // A directive repeats its codes (`UBND-NN` on every page): each is restored once.
        var codes: [ArraySlice<Unicode.Scalar>: String] = [:]
        for (li, line) in lines.enumerated() {
            if li > 0 { out.append("\n") }
            var last = 0
            let lineChoices: [Choice?]? = choices[li].isEmpty ? nil : choices[li]
            let capitals = lineChoices == nil ? (words: [], line: false) : capitals(li)
            for (pi, p) in pieces[li].enumerated() {
                out.append(line[last..<p.start])
                if p.spaceBefore { out.append(" ") }
                last = p.end
                let raw = line[p.start..<p.end]
                switch p.kind {
                case .code:
                    if let known = codes[raw] {
                        out.append(known)
                    } else {
                        let restored = restoreCode(raw)
                        codes[raw] = restored
                        out.append(restored)
                    }
                case .verbatim:
                    out.append(raw)
                case .word where (lineChoices?[pi] ?? nil) == nil && isAcronym(li, pi):
                    out.append(acronym(raw))
                case .word, .number:
                    guard let choice = lineChoices?[pi] ?? nil else {
                        out.append(raw)
                        continue
                    }
                    let upperContext =
                        capitals.line || (pi > 0 && capitals.words[pi - 1])
                        || (pi + 1 < capitals.words.count && capitals.words[pi + 1])
                    // A reading as written out: the input itself (an acronym with its corpus
                    // spelling), or the syllable in the input's case.
                    func spelled(_ c: ScoredCandidate) -> ArraySlice<Unicode.Scalar> {
                        if c.keep {
                            return p.kind == .word && isAcronym(li, pi) ? Array(acronym(raw).unicodeScalars)[...] : raw
                        }
                        return Self.applyCase(
                            of: raw, to: restorer.index.spelling(c.id),
                            upperContext: upperContext || !restorer.index.isSyllable[Int(c.id)])
                    }
                    let text = spelled(choices.best(choice))
                    out.append(text)
                    guard details else { continue }
                    var alternatives: [Alternative] = []
                    for i in 0..<choice.count where i != choice.chosen && choices.probability(choice, i) >= 1e-4 {
                        alternatives.append(
                            Alternative(
                                text: UTF8Writer.string(spelled(choices.candidate(choice, i))),
                                probability: Double(choices.probability(choice, i))))
                    }
                    alternatives.sort { $0.probability > $1.probability }
                    tokens.append(
                        RestoredToken(
                            line: li + 1, input: UTF8Writer.string(raw), output: UTF8Writer.string(text),
                            confidence: Double(choice.confidence), alternatives: Array(alternatives.prefix(3))))
                }
            }
            out.append(line[last...])
        }
        return RestoredText(text: out.string, tokens: tokens, degradation: degradation)
    }

    /// The input token's capitalisation on the restored spelling. English-model OCR reads a
    /// small marked letter as a capital (`Bộ` → `BO`, `Đối` → `DOi`), so mixed case and short
    /// all-capital words mean upper case only among capitals (`upperContext`: a line written in
    /// capitals, a neighbour in capitals as in `KẾ HOẠCH`, or an abbreviation such as `BCĐ`);
    /// elsewhere they take title case.
    static func applyCase(
        of raw: ArraySlice<Unicode.Scalar>, to spelling: ArraySlice<Unicode.Scalar>, upperContext: Bool
    ) -> ArraySlice<Unicode.Scalar> {
        var uppers = 0
        var lowers = 0
        for s in raw where Tokenizer.isLetter(s) { if Tokenizer.isUpper(s) { uppers += 1 } else { lowers += 1 } }
        let firstUpper = raw.first(where: Tokenizer.isLetter).map(Tokenizer.isUpper) ?? false
        let allUpper: Bool
        if lowers == 0 {
            allUpper = uppers >= 2 ? upperContext || uppers > 3 : uppers == 1 && spelling.count == 1
        } else {
            allUpper = upperContext && uppers > 1
        }
        guard allUpper || firstUpper else { return spelling }
        var out = Array(spelling)
        for i in out.indices where allUpper || i == 0 {
            if let up = Vietnamese.uppercase(out[i]) { out[i] = up }
        }
        return out[...]
    }

    /// Per word piece of the line, whether it is written in capitals (two letters or more),
    /// and whether most such words of the line are.
    func capitals(_ li: Int) -> (words: [Bool], line: Bool) {
        var upper = 0
        var other = 0
        let words = pieces[li].map { p -> Bool in
            guard p.kind == .word else { return false }
            var letters = 0
            var capitals = 0
            for s in lines[li][p.start..<p.end] where Tokenizer.isLetter(s) {
                letters += 1
                if Tokenizer.isUpper(s) { capitals += 1 }
            }
            guard letters >= 2 else { return false }
            let capital = capitals == letters
            if capital { upper += 1 } else { other += 1 }
            return capital
        }
        return (words, upper > other)
    }

    /// Restores a document code: a whole code shape the corpus writes (`#/QĐ-TTg`), else each
    /// part from the code table (`DocumentCodes`), leaving digits, separators and unknown parts alone.
    func restoreCode(_ raw: ArraySlice<Unicode.Scalar>) -> String {
        let code = UTF8Writer.string(raw)
        guard restoresAbbreviations else { return code }
        // In garble a code with no separator may be one whose slash OCR read as a letter
        // (`markSlashCodes`); each distinct code is restored once per document.
        if searchesGarble, !raw.contains(where: Tokenizer.isSeparator),
            let slashed = restorer.abbreviations.slashCode(raw)
        {
            return slashed
        }
        if let whole = restorer.abbreviations.restoreCode(code, garbled: searchesGarble) { return whole }
        // Part by part from the table of real codes' parts; an unknown part stays as written.
        return restorer.codes.restore(raw, garbled: searchesGarble)
    }
}
