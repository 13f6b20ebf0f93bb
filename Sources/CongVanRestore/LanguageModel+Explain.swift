/// A word-by-word account of how the model scores a sentence, for tracing the restorer's
/// choices (`congvan-lexicon score`).
extension LanguageModel {
    /// One line per token of each sentence in `text` (after `<s>`, up to `</s>`): the token,
    /// ln P given the two before it, and the order that answered (3, 2, or 1 after backing off);
    /// a word in lower case backs off past names' n-grams, as in decoding.
    public func explain(_ text: String) -> [String] {
        var lines: [String] = []
        LMToken.sentences(of: text) { words, cases in
            var ids = [LMToken.sentenceStart, LMToken.sentenceStart]
            ids += words.map(vocabulary.id(of:)) + [LMToken.sentenceEnd]
            var total: Float = 0
            for i in 2..<ids.count {
                let (u, v, w) = (ids[i - 2], ids[i - 1], ids[i])
                // Word k of the sentence is ids[k + 2]: u, v, w are words i - 4, i - 3, i - 2.
                func isLower(_ k: Int) -> Bool { k >= 0 && k < cases.count && cases[k] == .lower }
                let lower = LowerCase(u: isLower(i - 4), v: isLower(i - 3), w: isLower(i - 2))
                let lp = logProb(w, after: u, v, lower: lower)
                total += lp
                let answered = order(of: w, after: u, v, lower: lower)
                lines.append("\(vocabulary.words[Int(w)])\t\(Float((lp * 1000).rounded() / 1000))\t\(answered)")
            }
            lines.append("total\t\(Float((total * 1000).rounded() / 1000))")
        }
        return lines
    }
}
