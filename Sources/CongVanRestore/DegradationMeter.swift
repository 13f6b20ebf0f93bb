import CongVanCore

/// Measures how degraded a text looks before restoring it: the share of word tokens that are
/// not valid syllables, that mix letters and digits, that carry marks Vietnamese cannot have
/// there, and that carry any mark at all. The measures pick the kind of input, which sets how
/// far the channel may move letters.
struct DegradationMeter {
    let index: SyllableIndex
    let vocabulary: Vocabulary

    /// What one distinct word says about degradation; nil for words that say nothing (no
    /// letters, or an acronym).
    struct Judgement { var valid: Bool, digits: Bool, marked: Bool, debris: Bool, unfoldable: Bool }

    func judge(_ raw: ArraySlice<Unicode.Scalar>) -> Judgement? {
        var letters = 0
        var digits = 0
        var marks = 0
        var debris = 0
        for s in raw {
            if Tokenizer.isDigit(s) {
                digits += 1
            } else if Tokenizer.isLetter(s) {
                letters += 1
                if Vietnamese.isMarked(s) { marks += 1 }
            } else {
                debris += 1
            }
        }
        guard letters > 0 else { return nil }
        // Acronyms (UBND, OCOP) say nothing about degradation.
        if letters >= 2 && digits == 0 && raw.allSatisfy({ Tokenizer.isUpper($0) || !Tokenizer.isLetter($0) })
            && !SyllableGrammar.isValid(scalars: raw)
        {
            return nil
        }
        let word = LMToken.wordKey(raw)
        let known = vocabulary.id(of: word) != LMToken.unknown
        return Judgement(
            valid: SyllableGrammar.isValid(word) || known, digits: digits > 0, marked: marks > 0,
            debris: debris > 0,
            unfoldable: !known && index.node(forSkeleton: Vietnamese.foldKey(word)) == nil)
    }

    /// Measures the text from its words, each distinct one judged once.
    func measure(lines: [[Unicode.Scalar]], types: TokenTypes) -> Degradation {
        var tokens = 0
        var invalid = 0
        var digitMix = 0
        var impossible = 0
        var marked = 0
        var unfoldables = 0
        // Words without a mark that no syllable spells (`viewing`, `online`, `Huoai`): foreign
        // words and minority names in typed text, not slips of a Vietnamese OCR reading.
        var foreign = 0
        let judgements = (0..<types.count).map { judge(types.raw(Int32($0), in: lines)) }
        for row in types.ofPiece {
            for t in row where t >= 0 {
                guard let j = judgements[Int(t)] else { continue }
                tokens += 1
                if !j.valid { invalid += 1 }
                if j.digits { digitMix += 1 }
                if j.marked { marked += 1 }
                if (j.marked || j.debris) && !j.valid { impossible += 1 }
                if j.unfoldable { unfoldables += 1 }
                if j.unfoldable, !j.marked, !j.digits, !j.valid { foreign += 1 }
            }
        }
        let t = Double(max(tokens, 1))
        let invalidShare = Double(invalid) / t
        let digitShare = Double(digitMix) / t
        let impossibleShare = Double(impossible) / t
        let markedShare = Double(marked) / t
        let unfoldableShare = Double(unfoldables) / t
        let kind: Degradation.InputKind
        if tokens < 5 {
            kind = .unknown
        } else if markedShare >= 0.3 {
            if Double(invalid - foreign) / t <= 0.015 && digitShare < 0.005 {
                kind = .clean
            } else if digitShare < 0.01 && invalidShare < 0.12 {
                kind = .toneSlips
            } else {
                kind = .garbled
            }
        } else if markedShare < 0.05 && unfoldableShare <= 0.04 && digitShare < 0.005 {
            kind = .stripped
        } else {
            kind = .garbled
        }
        return Degradation(
            tokens: tokens, invalidShare: invalidShare, digitInWordShare: digitShare,
            impossibleMarkShare: impossibleShare, markedShare: markedShare, kind: kind)
    }
}
