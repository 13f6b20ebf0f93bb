import CongVanCore
import Foundation

/// One restoration of one text: measure it, decode every paragraph, adapt the channel to the
/// document from its own confident readings, decode again, and write the lines back.
struct RestorationSession {
    let restorer: Restorer
    let lines: [[Unicode.Scalar]]
    let pieces: [[Piece]]
    let degradation: Degradation
    var mixture: ChannelMixture
    var english: EditChannel
    var search: CandidateSearch
    var cache: [String: [ScoredCandidate]] = [:]
    /// Confident readings of the previous pass, for the document cache model.
    var documentCache: DocumentCache? = nil
    private var collecting: DocumentCache

    /// Where a decoded slot came from.
    struct Owner { var line: Int; var piece: Int }

    /// The outcome for one word (or number) piece.
    struct Choice {
        var candidates: [ScoredCandidate]
        var chosen: Int
        var confidence: Float
        /// Posterior per candidate; kept only when token details are asked for.
        var probabilities: [Float]
    }

    /// Choices per line, per piece (nil for pieces not decoded).
    typealias Choices = [[Choice?]]

    func emptyChoices() -> Choices { [[Choice?]](repeating: [], count: lines.count) }

    /// Whether to report every token with its alternatives (`--format json`, the API default).
    let details: Bool

    init(restorer: Restorer, lines: [[Unicode.Scalar]], details: Bool) {
        self.restorer = restorer
        self.lines = lines
        self.details = details
        pieces = lines.map(Tokenizer.pieces)
        degradation = DegradationMeter(index: restorer.index, vocabulary: restorer.lm.vocabulary).measure(lines: lines, pieces: pieces)
        mixture = ChannelMixture(weights: ChannelMixture.prior(for: degradation.kind))
        english = restorer.english
        search = restorer.search
        collecting = DocumentCache(vocabularySize: restorer.lm.vocabulary.count, weight: 0)
    }

    var settings: Restorer.Settings { restorer.settings }
    /// Lattices of pass 1, rescored by later passes.
    var keptChunks: [Chunk] = []
    /// Inputs with more word tokens than this are decoded in one pass (no adaptation): the
    /// first pass's lattices are not kept, so memory does not grow with them.
    static let maxTokensForSecondPass = 300_000
    /// A line at least this long was probably wrapped by the page, not ended by the writer.
    static let wrappedLineLength = 45
    /// Candidates whose channel-and-frequency score trails the best by more are not decoded.

    mutating func run() -> RestoredText {
        var choices = firstPass()
        cache.removeAll()
        for _ in 0..<settings.adaptationPasses where degradation.kind != .clean && !choices.isEmpty && !keptChunks.isEmpty {
            adapt(to: choices)
            if settings.cacheWeight > 0 && !collecting.isEmpty {
                documentCache = collecting.weighted(settings.cacheWeight)
            }
            collecting = DocumentCache(vocabularySize: restorer.lm.vocabulary.count, weight: 0)
            choices = laterPass()
        }
        orderListMarkers(&choices)
        return assemble(choices)
    }

    // MARK: Candidates

    var searchesGarble: Bool { degradation.kind == .garbled || degradation.kind == .unknown }
    /// Codes are only touched where letters were lost (stripped or garbled input).
    var restoresAbbreviations: Bool { degradation.kind == .stripped || searchesGarble }

    /// Candidates for an observed token (lower case), generated once per distinct token.
    mutating func candidates(for key: String) -> [ScoredCandidate] {
        if let hit = cache[key] { return hit }
        let base = restorer.candidateCache.value(for: key, garbled: searchesGarble) {
            baseCandidates(Array(key.unicodeScalars), key: key)
        }
        let result = rank(base)
        cache[key] = result
        return result
    }

    /// Everything about a token's readings that does not depend on the document (the search, the
    /// channel scores under the trained channels): the input itself first, then up to
    /// `Self.basePool` readings by their best score under any kind. Shared across documents.
    func baseCandidates(_ o: [Unicode.Scalar], key: String) -> [ScoredCandidate] {
        let vocabulary = restorer.lm.vocabulary
        let index = restorer.index
        let keepId = vocabulary.id(of: key)
        let isASCII = o.allSatisfy { $0.value < 128 }
        let letters = o.filter { Tokenizer.isLetter($0) }.count
        let oc = Symbols.codes(o)
        var keep = ScoredCandidate(
            id: keepId, keep: true, identical: true, stripped: isASCII,
            logVietnamese: restorer.vietnamese.logProb(observed: oc, truth: oc),
            logEnglish: restorer.english.logProb(observed: oc, truth: oc))
        if keepId == LMToken.unknown {
            // A genuine unknown word (a name, a foreign word) is spelled with letters; digits or
            // OCR debris inside it are near-certain signs of a misread syllable.
            keep.bias = -settings.unknownLetterPenalty * Float(max(letters, 1))
                - settings.unknownSymbolPenalty * Float(o.count - letters)
        }
        var out: [ScoredCandidate] = []
        var ids: [UInt16] = []
        let skeleton = Vietnamese.foldKey(key)
        // The vocabulary holds nearly every syllable in use, so an unknown token spelt like known
        // syllables without their marks is far likelier one of them stripped than a rare word.
        if keepId == LMToken.unknown, let node = node(for: skeleton, in: index), !index.nodes[node].words.isEmpty {
            keep.bias -= settings.unknownSyllablePenalty
        }
        if searchesGarble {
            let bound: Float = settings.searchBase + settings.searchPerCharacter * Float(o.count)
            for hit in restorer.search.search(o, index: index, bound: bound, limit: settings.searchLimit) {
                ids += index.nodes[hit.node].words
            }
        } else if let node = node(for: skeleton, in: index) {
            ids += index.nodes[node].words
        }
        ids += index.abbreviations[skeleton] ?? []
        var seen: Set<UInt16> = [keepId]
        for id in ids where seen.insert(id).inserted {
            let s = index.spellings[Int(id)]
            out.append(ScoredCandidate(
                id: id, keep: false, identical: false,
                stripped: isASCII && Vietnamese.foldKey(String(String.UnicodeScalarView(s))) == key,
                logVietnamese: channelScore(restorer.vietnamese, oc, id),
                logEnglish: channelScore(restorer.english, oc, id)))
        }
        let lm = restorer.lm
        let bestCase = { (c: ScoredCandidate) in max(c.stripped ? 0 : -.infinity, c.logVietnamese, c.logEnglish) + 0.5 * lm.logProb(c.id) }
        return [keep] + out.sorted { bestCase($0) > bestCase($1) }.prefix(Self.basePool)
    }

    /// Readings kept for the first-pass lattice when the document's own channel mixture ranks the
    /// base candidates.
    static let basePool = 64

    /// Ranks a token's base candidates under this document's mixture and word frequency and
    /// drops readings far behind the best; the pool is cut in context by the bigram pass.
    func rank(_ base: [ScoredCandidate]) -> [ScoredCandidate] {
        let lm = restorer.lm
        let keep = base[0]
        let ranked = base.dropFirst().map { ($0, mixture.logProb($0) + $0.bias + 0.5 * lm.logProb($0.id)) }
            .sorted { $0.1 > $1.1 }
        guard let best = ranked.first?.1 else { return base }
        let floor = max(best, mixture.logProb(keep) + keep.bias + 0.5 * lm.logProb(keep.id)) - settings.candidateMargin
        // Same-skeleton readings of clean or stripped text need a smaller pool than garble.
        let pool = searchesGarble ? settings.candidatePool : settings.candidatePool / 2
        return [keep] + ranked.prefix(pool - 1).filter { $0.1 >= floor }.map(\.0)
    }

    /// ln P(observed | syllable) under one channel, over either tone-mark placement.
    func channelScore(_ channel: EditChannel, _ observed: [UInt8], _ id: UInt16) -> Float {
        let index = restorer.index
        let main = channel.logProb(observed: observed, truth: index.spellingCodes[Int(id)])
        guard let other = index.otherPlacementCodes[Int(id)] else { return main }
        return max(main, channel.logProb(observed: observed, truth: other))
    }

    func node(for skeleton: String, in index: SyllableIndex) -> Int? {
        var node = 0
        for c in skeleton.utf8 {
            guard let next = index.nodes[node].children.first(where: { $0.0 == c }) else { return nil }
            node = Int(next.1)
        }
        return index.nodes[node].words.isEmpty ? nil : node
    }

    /// A bare short number in garbled text may be a misread word (`13` for `là`, `6` for `số`).
    mutating func numberCandidates(_ o: ArraySlice<Unicode.Scalar>) -> [ScoredCandidate]? {
        guard searchesGarble, o.count <= 2, o.allSatisfy(Tokenizer.isDigit),
              mixture.logWeights[ChannelMixture.Kind.english.rawValue] > log(0.3) else { return nil }
        var words = candidates(for: String(String.UnicodeScalarView(o))).dropFirst().map { c -> ScoredCandidate in
            var c = c
            c.bias -= settings.numberAsWordPenalty
            return c
        }
        words.removeAll { !restorer.index.isSyllable[Int($0.id)] }
        guard !words.isEmpty else { return nil }
        let number = ScoredCandidate(id: LMToken.number, keep: true, identical: true,
                                     stripped: true, logVietnamese: 0, logEnglish: 0)
        return [number] + words
    }

    // MARK: Decoding

    /// A stretch of text decoded at once (a paragraph or up to a sentence end near 2,000 slots).
    struct Chunk {
        var slots: [Decoder.Slot] = []
        /// The word or number piece behind each slot (nil for fixed tokens).
        var owners: [Owner?] = []
        var lattice: [[ScoredCandidate]?] = []
        /// The observed token (lower case) behind each owned slot, for rescoring.
        var observed: [String?] = []
        /// The model's scores from the first decoding of this (pruned) lattice.
        var modelScores: [Float]? = nil

        mutating func fixed(_ id: UInt16, unscored: Bool = false) {
            slots.append(Decoder.Slot(ids: [id], scores: [0], unscored: unscored))
            owners.append(nil); lattice.append(nil); observed.append(nil)
        }

        var hasWords: Bool { owners.contains { $0 != nil } }
    }

    /// Pass 1: builds every chunk with its full candidate pools, cuts the pools in context
    /// (bigram pass), decodes them, and keeps the cut lattices for later passes.
    mutating func firstPass() -> Choices {
        var choices = emptyChoices()
        let decoder = Decoder(lm: restorer.lm)
        keptChunks = []
        let keep = degradation.tokens <= Self.maxTokensForSecondPass
        var builder = ChunkBuilder()
        while var chunk = builder.next(&self) {
            prune(&chunk, with: decoder)
            let result = decoder.decode(chunk.slots)
            record(result, of: chunk, into: &choices)
            if keep {
                chunk.modelScores = result.modelScores
                keptChunks.append(chunk)
            }
        }
        return choices
    }

    /// Later passes: the cut lattices rescored with the adapted channel and mixture, decoded
    /// with the document cache.
    mutating func laterPass() -> Choices {
        var choices = emptyChoices()
        var decoder = Decoder(lm: restorer.lm)
        decoder.documentCache = documentCache
        var rescored: [String: [UInt16: Float]] = [:]
        for var chunk in keptChunks {
            for i in chunk.slots.indices {
                guard let cands = chunk.lattice[i], let key = chunk.observed[i] else { continue }
                let oc = Symbols.codes(key.unicodeScalars)
                var updated = cands
                for k in updated.indices {
                    if let lp = rescored[key]?[updated[k].id] {
                        updated[k].logEnglish = lp
                    } else {
                        updated[k].logEnglish = updated[k].keep
                            ? english.logProb(observed: oc, truth: oc) : channelScore(english, oc, updated[k].id)
                        rescored[key, default: [:]][updated[k].id] = updated[k].logEnglish
                    }
                }
                chunk.lattice[i] = updated
                chunk.slots[i].scores = updated.map { settings.channelWeight * mixture.logProb($0) + $0.bias }
            }
            record(decoder.decode(chunk.slots, reusing: chunk.modelScores), of: chunk, into: &choices)
        }
        return choices
    }

    /// Cuts each slot's candidates to those that can still win, by their bigram fit in context.
    func prune(_ chunk: inout Chunk, with decoder: Decoder) {
        guard chunk.slots.contains(where: { $0.ids.count > 1 }) else { return }
        let kept = decoder.pruneByBigram(chunk.slots, limit: settings.maxCandidates, margin: settings.pruningMargin)
        for i in chunk.slots.indices where chunk.slots[i].ids.count > kept[i].count {
            let k = kept[i], slot = chunk.slots[i]
            chunk.slots[i] = Decoder.Slot(ids: k.map { slot.ids[$0] }, scores: k.map { slot.scores[$0] }, unscored: slot.unscored)
            chunk.lattice[i] = chunk.lattice[i].map { c in k.map { c[$0] } }
        }
    }

    /// Turns a decoded chunk into choices and feeds confident readings to the document cache.
    mutating func record(_ result: Decoder.Result, of chunk: Chunk, into choices: inout Choices) {
        var previous: UInt16? = nil
        for (i, owner) in chunk.owners.enumerated() {
            guard let owner, let cands = chunk.lattice[i] else {
                previous = chunk.slots[i].unscored ? nil : chunk.slots[i].ids[0]
                continue
            }
            let m = result.marginals[i]
            let top = m.max() ?? 0
            var probs = m.map { exp($0 - top) }
            let z = probs.reduce(0, +)
            probs = probs.map { $0 / z }
            let chosen = result.best[i]
            if choices[owner.line].isEmpty { choices[owner.line] = [Choice?](repeating: nil, count: pieces[owner.line].count) }
            choices[owner.line][owner.piece] = Choice(candidates: cands, chosen: chosen, confidence: probs[chosen],
                                                      probabilities: details ? probs : [])
            let id = cands[chosen].id
            if probs[chosen] >= 0.8 && restorer.index.isSyllable[Int(id)] {
                collecting.add(id, after: previous, weight: probs[chosen])
                previous = id
            } else {
                previous = nil
            }
        }
    }

    /// Walks the text and hands out one chunk at a time, with full candidate pools, so memory
    /// is bounded by a chunk, not by the input.
    struct ChunkBuilder {
        var line = 0, piece = 0
        /// Length of the last line with text.
        var lastLine = 0

        mutating func next(_ session: inout RestorationSession) -> Chunk? {
            var chunk = Chunk()
            let weight = session.settings.channelWeight
            while line < session.lines.count {
                let text = session.lines[line], ps = session.pieces[line]
                if ps.isEmpty {
                    // Some files put a blank line after every wrapped line: a blank after a long
                    // line that did not end a sentence continues it; otherwise it ends one.
                    if lastLine < RestorationSession.wrappedLineLength, chunk.slots.last?.unscored == false {
                        chunk.fixed(LMToken.sentenceEnd)
                        chunk.fixed(LMToken.sentenceStart, unscored: true)
                    }
                    lastLine = 0
                    line += 1
                    continue
                }
                lastLine = text.count
                while piece < ps.count {
                    let p = ps[piece], pi = piece
                    piece += 1
                    var cands: [ScoredCandidate]? = nil
                    var key: String? = nil
                    switch p.kind {
                    case .word where session.isAcronym(line, pi):
                        chunk.fixed(session.restorer.lm.vocabulary.id(of: Vietnamese.lowercase(session.acronym(text[p.start..<p.end]))))
                    case .word:
                        key = LMToken.wordKey(text[p.start..<p.end])
                        cands = session.candidates(for: key!)
                    case .number:
                        cands = session.numberCandidates(text[p.start..<p.end])
                        key = String(String.UnicodeScalarView(text[p.start..<p.end]))
                        if cands == nil { chunk.fixed(LMToken.number) }
                    case .code:
                        chunk.fixed(LMToken.code)
                    case .verbatim:
                        chunk.fixed(LMToken.unknown)
                    }
                    if let cands {
                        chunk.slots.append(Decoder.Slot(ids: cands.map(\.id), scores: cands.map { weight * session.mixture.logProb($0) + $0.bias }))
                        chunk.owners.append(Owner(line: line, piece: pi))
                        chunk.lattice.append(cands)
                        chunk.observed.append(key)
                    }
                    if p.commaAfter { chunk.fixed(LMToken.comma) }
                    if p.breakAfter {
                        chunk.fixed(LMToken.sentenceEnd)
                        // Long paragraphs are cut at sentence ends: the context restarts there anyway.
                        if chunk.slots.count > 2000 && chunk.hasWords { return chunk }
                        chunk.fixed(LMToken.sentenceStart, unscored: true)
                    }
                    // A run with no sentence end at all (one enormous line) is cut anyway.
                    if chunk.slots.count > 20_000 {
                        chunk.fixed(LMToken.sentenceEnd)
                        return chunk
                    }
                }
                line += 1
                piece = 0
            }
            guard chunk.hasWords else { return nil }
            if chunk.slots.last?.ids != [LMToken.sentenceEnd] { chunk.fixed(LMToken.sentenceEnd) }
            return chunk
        }
    }

    /// An acronym as written, or with its corpus spelling where letters were lost (BCD → BCĐ).
    func acronym(_ raw: ArraySlice<Unicode.Scalar>) -> String {
        let input = String(String.UnicodeScalarView(raw))
        guard restoresAbbreviations else { return input }
        return restorer.abbreviations.restore(input, garbled: searchesGarble) ?? input
    }

    /// An all-capital token that is an abbreviation (UBND, TU, BCD), not a word of a heading
    /// in capitals (MỤC ĐÍCH): a known or non-syllable acronym with no capitalised syllable next
    /// to it, or a syllable-like one between two non-syllable acronyms (`TT, TU, HĐND`). It is
    /// kept, or given its corpus spelling (BCD → BCĐ).
    func isAcronym(_ li: Int, _ pi: Int) -> Bool {
        let line = lines[li], ps = pieces[li]
        let raw = line[ps[pi].start..<ps[pi].end]
        guard isCapitalWord(raw) else { return false }
        if !isSyllableLike(raw) { return true }
        let neighbours = [pi - 1, pi + 1].map { k in
            k >= 0 && k < ps.count && ps[k].kind == .word ? line[ps[k].start..<ps[k].end] : nil
        }
        guard (restorer.abbreviations.counts[String(String.UnicodeScalarView(raw))] ?? 0) >= 20 else {
            return neighbours.allSatisfy { n in n.map { isCapitalWord($0) && !isSyllableLike($0) } ?? false }
        }
        for case let n? in neighbours where isCapitalWord(n) && SyllableGrammar.isValid(LMToken.wordKey(n)) { return false }
        return true
    }

    func isCapitalWord(_ raw: ArraySlice<Unicode.Scalar>) -> Bool {
        raw.count >= 2 && raw.count <= 8 && raw.allSatisfy(Tokenizer.isUpper)
    }

    func isSyllableLike(_ raw: ArraySlice<Unicode.Scalar>) -> Bool {
        let word = LMToken.wordKey(raw)
        return SyllableGrammar.isValid(word) || restorer.index.isSyllable[Int(restorer.lm.vocabulary.id(of: word))]
            || DegradationMeter(index: restorer.index, vocabulary: restorer.lm.vocabulary).isKnownSkeleton(Vietnamese.foldKey(word))
    }

    // MARK: Adaptation

    /// Re-estimates the mixture weights from the decoded tokens, and the English-OCR channel
    /// from the confident readings, so the second pass knows this document's confusions.
    mutating func adapt(to choices: Choices) {
        var totals = [Double](repeating: 0, count: 4)
        var n = 0.0
        var counts: [EditChannel.RuleKey: Double] = [:]
        for (li, byPiece) in choices.enumerated() {
            for (pi, choice) in byPiece.enumerated() {
                guard let choice else { continue }
                let c = choice.candidates[choice.chosen]
                let r = mixture.responsibilities(c)
                for k in 0..<4 { totals[k] += r[k] }
                n += 1
                guard choice.confidence >= 0.8, r[3] > 0.5, restorer.index.isSyllable[Int(c.id)] else { continue }
                let p = pieces[li][pi]
                let observed = Array(LMToken.wordKey(lines[li][p.start..<p.end]).unicodeScalars)
                for op in english.alignment(observed: observed, truth: restorer.index.spellings[Int(c.id)]) { counts[op, default: 0] += 1 }
            }
        }
        let prior = ChannelMixture.prior(for: degradation.kind)
        let strength = 30.0
        mixture = ChannelMixture(weights: (0..<4).map { (totals[$0] + strength * prior[$0]) / (n + strength) })
        guard !counts.isEmpty else { return }
        english = english.adapted(counts: counts, strength: settings.adaptationStrength)
        search = CandidateSearch(channels: [english, restorer.vietnamese])
    }

    // MARK: Output

    func assemble(_ choices: Choices) -> RestoredText {
        var out = UTF8Writer()
        var tokens: [RestoredToken] = []
        for (li, line) in lines.enumerated() {
            if li > 0 { out.append("\n") }
            var last = 0
            let lineChoices: [Choice?]? = choices[li].isEmpty ? nil : choices[li]
            for (pi, p) in pieces[li].enumerated() {
                out.append(line[last..<p.start])
                last = p.end
                let raw = line[p.start..<p.end]
                switch p.kind {
                case .code:
                    out.append(restoreCode(raw))
                case .verbatim:
                    out.append(raw)
                case .word where (lineChoices?[pi] ?? nil) == nil && isAcronym(li, pi):
                    out.append(acronym(raw))
                case .word, .number:
                    guard let choice = lineChoices?[pi] ?? nil else { out.append(raw); continue }
                    let c = choice.candidates[choice.chosen]
                    let text = c.keep ? Array(raw) : Self.applyCase(of: raw, to: restorer.index.spellings[Int(c.id)])
                    out.append(text[...])
                    guard details else { continue }
                    var alternatives: [Alternative] = []
                    for i in choice.candidates.indices where i != choice.chosen && choice.probabilities[i] >= 1e-4 {
                        let alt = choice.candidates[i].keep ? Array(raw) : Self.applyCase(of: raw, to: restorer.index.spellings[Int(choice.candidates[i].id)])
                        alternatives.append(Alternative(text: Self.string(alt[...]), probability: Double(choice.probabilities[i])))
                    }
                    alternatives.sort { $0.probability > $1.probability }
                    tokens.append(RestoredToken(line: li + 1, input: Self.string(raw), output: Self.string(text[...]),
                                                confidence: Double(choice.confidence), alternatives: Array(alternatives.prefix(3))))
                }
            }
            out.append(line[last...])
        }
        return RestoredText(text: out.string, tokens: tokens, degradation: degradation)
    }

    static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var w = UTF8Writer()
        w.append(s)
        return w.string
    }

    /// The input token's capitalisation on the restored spelling. Mixed case from OCR debris
    /// (`PiCH`, `DBdi`) is read as upper case when capitals dominate, else as title case.
    static func applyCase(of raw: ArraySlice<Unicode.Scalar>, to spelling: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var uppers = 0, lowers = 0
        for s in raw where Tokenizer.isLetter(s) { if Tokenizer.isUpper(s) { uppers += 1 } else { lowers += 1 } }
        let firstUpper = raw.first(where: Tokenizer.isLetter).map(Tokenizer.isUpper) ?? false
        let allUpper = uppers > 0 && (lowers == 0 ? uppers >= 2 || spelling.count == 1 : uppers >= lowers && uppers > 1)
        guard allUpper || firstUpper else { return spelling }
        var out = spelling
        for i in out.indices where allUpper || i == 0 {
            if let l = Vietnamese.letter(out[i]), let up = Vietnamese.compose(base: l.base, tone: l.tone, upper: true) { out[i] = up }
        }
        return out
    }

    /// Restores the abbreviations inside a document code, leaving digits and separators alone.
    func restoreCode(_ raw: ArraySlice<Unicode.Scalar>) -> String {
        let code = String(String.UnicodeScalarView(raw))
        guard restoresAbbreviations else { return code }
        if let whole = restorer.abbreviations.restoreCode(code, garbled: searchesGarble) { return whole }
        var out = String.UnicodeScalarView()
        var last = raw.startIndex
        for run in AbbreviationTable.letterRuns(raw) {
            out.append(contentsOf: raw[last..<run.startIndex])
            let text = String(String.UnicodeScalarView(run))
            out.append(contentsOf: (restorer.abbreviations.restore(text, garbled: searchesGarble) ?? text).unicodeScalars)
            last = run.endIndex
        }
        out.append(contentsOf: raw[last...])
        return String(out)
    }
}
