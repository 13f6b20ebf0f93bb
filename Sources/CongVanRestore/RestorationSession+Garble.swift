import CongVanCore

/// How garble's pieces are re-cut before decoding, with what the restorer knows: a slash read as
/// a letter, and two words read as one. (What needs no lexicon is in `Tokenizer`.)
extension RestorationSession {
    /// Applies every re-cut to one line of garble.
    static func recutGarble(_ line: [Unicode.Scalar], _ pieces: inout [Piece], restorer: Restorer) {
        Tokenizer.glueMarkDebris(line, &pieces)
        Tokenizer.splitGarbledCodes(line, &pieces)
        markSlashCodes(line, &pieces, restorer: restorer)
        splitMergedWords(line, &pieces, restorer: restorer)
    }

    /// In garble, a word that is no known word but a known code once a letter is read as the
    /// slash it was (`VIV`, `Viv` → `V/v`) becomes a code: the model sees `<code>`, and the
    /// output writes the corpus spelling.
    static func markSlashCodes(_ line: [Unicode.Scalar], _ pieces: inout [Piece], restorer: Restorer) {
        for i in pieces.indices where pieces[i].kind == .word {
            let raw = line[pieces[i].start..<pieces[i].end]
            guard raw.count >= 3, raw.contains(where: AbbreviationTable.slashLookalikes.contains),
                restorer.lm.vocabulary.id(of: LMToken.wordKey(raw)) == LMToken.unknown,
                restorer.abbreviations.slashCode(raw) != nil
            else { continue }
            pieces[i].kind = .code
        }
    }

    /// In garble, two words OCR ran together (`voinam`, `tinva`) are split where both halves are
    /// spelt like syllables that the model knows as a pair (`với năm`), if no single syllable
    /// explains the whole within `mergedWordCost` (a garbled `chuén` stays one word, though `chu`
    /// and `en` are syllables). Capitalised tokens are left alone: names and foreign words
    /// (`Metro`, a garbled `Neuyén`) are where a split goes wrong.
    static func splitMergedWords(_ line: [Unicode.Scalar], _ pieces: inout [Piece], restorer: Restorer) {
        let index = restorer.index
        let lm = restorer.lm
        var i = 0
        while i < pieces.count {
            let p = pieces[i]
            i += 1
            let raw = line[p.start..<p.end]
            guard p.kind == .word, raw.count >= 5, raw.count <= 12,
                raw.allSatisfy({ Tokenizer.isLetter($0) && !Tokenizer.isUpper($0) })
            else { continue }
            let key = LMToken.wordKey(raw)
            guard lm.vocabulary.id(of: key) == LMToken.unknown, !SyllableGrammar.isValid(key),
                index.node(forSkeleton: Vietnamese.foldKey(key)) == nil
            else { continue }
            let lower = Array(key.unicodeScalars)
            let bound = restorer.settings.searchBase + restorer.settings.searchPerCharacter * Float(lower.count)
            if let best = restorer.search.search(lower, index: index, bound: bound, limit: 1).first,
                best.cost <= mergedWordCost
            {
                continue
            }
            // The cut whose halves' readings make the likeliest pair the model has seen (a stored
            // bigram: `order` is 2 or more).
            let readings = { (s: ArraySlice<Unicode.Scalar>) in
                index.node(forSkeleton: Vietnamese.foldKey(String(String.UnicodeScalarView(s)))).map(
                    index.trie.words(at:)) ?? []
            }
            var chosen: (at: Int, score: Float)? = nil
            for cut in 2...(lower.count - 2) {
                for a in readings(lower[..<cut]) {
                    for b in readings(lower[cut...]) where lm.order(of: b, after: LMToken.sentenceStart, a) >= 2 {
                        let pair = lm.logProb(b, after: a)
                        guard pair >= mergedPairFloor else { continue }
                        let score = lm.logProb(a) + pair
                        if score > chosen?.score ?? -.infinity { chosen = (cut, score) }
                    }
                }
            }
            guard let (cut, _) = chosen else { continue }
            var first = p
            var second = p
            first.end = p.start + cut
            first.breakAfter = false
            first.commaAfter = false
            second.start = p.start + cut
            second.spaceBefore = true
            pieces.replaceSubrange((i - 1)..<i, with: [first, second])
            i += 1
        }
    }

    /// Channel cost (nats) within which one garbled syllable explains a token better than a split…
    static let mergedWordCost: Float = 12
    /// …and the least ln P(second | first) of a pair the split may make.
    static let mergedPairFloor: Float = -8
}
