import CongVanCore
import Foundation

/// Lattices of candidate readings, decoded paragraph by paragraph in one or more passes.
extension RestorationSession {
    /// A stretch of text decoded at once (a paragraph or up to a sentence end near 2,000 slots).
    struct Chunk {
        var lattice = Lattice()
        /// Per candidate (aligned with `lattice.ids`): its reading; fixed tokens hold a stand-in.
        var candidates: [ScoredCandidate] = []
        /// Per slot: the word or number piece behind it (nil for fixed tokens).
        var owners: [Owner?] = []
        /// Per slot: the name of its candidate list, for `TransitionRows`.
        var lists: [Int32] = []
        /// Per slot: the observed token behind an owned slot (its serial in `observedKeys`, or
        /// -1), for rescoring.
        var observed: [Int32] = []
        /// The model's scores from the first decoding of this (pruned) lattice.
        var modelScores: [Float]? = nil

        var count: Int { lattice.count }

        /// Room for a chunk the size of `other` (the chunk before: most are alike).
        mutating func reserve(like other: (slots: Int, candidates: Int)) {
            lattice.reserve(slots: other.slots, candidates: other.candidates)
            candidates.reserveCapacity(other.candidates)
            owners.reserveCapacity(other.slots)
            lists.reserveCapacity(other.slots)
            observed.reserveCapacity(other.slots)
        }

        mutating func fixed(_ id: UInt16, unscored: Bool = false) {
            lattice.append(fixed: id, unscored: unscored)
            candidates.append(
                ScoredCandidate(id: id, keep: true, identical: true, stripped: false, logVietnamese: 0, logEnglish: 0))
            owners.append(nil)
            lists.append(TransitionRows.fixedName(id))
            observed.append(-1)
        }

        /// `lower`: the token is written in lower case, which the model's scores depend on, so
        /// a named list is named apart from the same token's capitals.
        mutating func add(
            _ cands: [ScoredCandidate], slot: Decoder.Slot, owner: Owner, list: Int32, observed key: Int32, lower: Bool
        ) {
            lattice.append(ids: slot.ids, scores: slot.scores, unscored: slot.unscored, lower: lower)
            candidates += cands
            owners.append(owner)
            lists.append(list < 0 ? list : list << 1 | (lower ? 1 : 0))
            observed.append(key)
        }

        var hasWords: Bool { owners.contains { $0 != nil } }

        var endsSentence: Bool { lattice.width(count - 1) == 1 && lattice.ids.last == LMToken.sentenceEnd }
    }

    /// Pass 1: builds every chunk with its full candidate pools, cuts the pools in context
    /// (bigram pass), decodes them, and keeps the cut lattices for later passes.
    mutating func firstPass() -> Choices {
        var choices = emptyChoices()
        var decoder = Decoder(lm: restorer.lm)
        decoder.transitionCache = sharesCaches ? restorer.transitionCache : nil
        keptChunks = []
        let keep = degradation.tokens <= Self.maxTokensForSecondPass
        var builder = ChunkBuilder()
        while var chunk = builder.next(&self) {
            prune(&chunk, with: decoder)
            let result = decoder.decode(chunk.lattice, marginals: details || keep && adapts)
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
        // Per observed token, the English channel's score of each reading met so far.
        var rescored = [[(id: UInt16, logEnglish: Float)]](repeating: [], count: observedKeys.count)
        for var chunk in keptChunks {
            for i in 0..<chunk.count where chunk.observed[i] >= 0 {
                let key = Int(chunk.observed[i])
                var codes: [UInt8]? = nil
                for j in chunk.lattice.range(i) {
                    var c = chunk.candidates[j]
                    if let known = rescored[key].first(where: { $0.id == c.id }) {
                        c.logEnglish = known.logEnglish
                    } else {
                        let o = codes ?? Symbols.codes(observedKeys[key].unicodeScalars)
                        codes = o
                        c.logEnglish =
                            c.keep ? english.keptLogProb(o) : channelScore(english, o, c.id)
                        rescored[key].append((c.id, c.logEnglish))
                    }
                    chunk.candidates[j] = c
                    chunk.lattice.scores[j] = slotScore(c)
                }
            }
            // Confidences are read only by a later pass or by the caller's token details.
            let result = decoder.decode(
                chunk.lattice, reusing: chunk.modelScores, marginals: details || collecting != nil)
            record(result, of: chunk, into: &choices)
        }
        return choices
    }

    /// Cuts each slot's candidates to those that can still win, by their bigram fit in context.
    mutating func prune(_ chunk: inout Chunk, with decoder: Decoder) {
        guard chunk.lattice.ids.count > chunk.count else { return }
        let kept = decoder.pruneByBigram(
            chunk.lattice, lists: chunk.lists, rows: &transitionRows,
            limit: settings.maxCandidates, margin: settings.pruningMargin)
        guard kept.count < chunk.lattice.ids.count else { return }
        chunk.lattice = chunk.lattice.keeping(kept)
        chunk.candidates = kept.map { chunk.candidates[$0] }
    }

    /// Turns a decoded chunk into choices and feeds confident readings to the document cache.
    mutating func record(_ result: Decoder.Result, of chunk: Chunk, into choices: inout Choices) {
        var previous: UInt16? = nil
        let pool = Int32(choices.pools.count)
        choices.pools.append(chunk.candidates)
        for i in 0..<chunk.count {
            let range = chunk.lattice.range(i)
            guard let owner = chunk.owners[i] else {
                previous = chunk.lattice.unscored[i] ? nil : chunk.lattice.ids[range.lowerBound]
                continue
            }
            let chosen = result.best[i]
            // Posteriors from the max-marginals (softmax); the full list only when asked for.
            let (confidence, probs) =
                result.marginals?.slot(i) { m -> (Float, [Float]) in
                    // One reading (most slots): certain, with no exponentials to compute.
                    guard m.count > 1 else { return (1, details ? [1] : []) }
                    let top = m.max() ?? 0
                    var z: Float = 0
                    for v in m { z += exp(v - top) }
                    return (exp(m[chosen] - top) / z, details ? m.map { exp($0 - top) / z } : [])
                } ?? (.nan, [])
            if choices.byLine[owner.line].isEmpty {
                choices.byLine[owner.line] = [Choice?](repeating: nil, count: pieces[owner.line].count)
            }
            let probabilitiesAt = probs.isEmpty ? -1 : Int32(choices.probabilities.count)
            choices.probabilities += probs
            choices.byLine[owner.line][owner.piece] = Choice(
                pool: pool, range: Int32(range.lowerBound)..<Int32(range.upperBound),
                chosen: Int32(chosen), confidence: confidence,
                probabilitiesAt: probabilitiesAt)
            let id = chunk.candidates[range.lowerBound + chosen].id
            if confidence >= 0.8 && restorer.index.isSyllable[Int(id)] {
                collecting?.add(id, after: previous, weight: confidence)
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
        /// Size of the last chunk handed out, before pruning.
        var lastSize = (slots: 0, candidates: 0)
        /// The person's name being read, if any.
        var name: NameRun? = nil

        mutating func next(_ session: inout RestorationSession) -> Chunk? {
            var chunk = Chunk()
            chunk.reserve(like: lastSize)
            defer { lastSize = (chunk.count, chunk.candidates.count) }
            while line < session.lines.count {
                let text = session.lines[line]
                let ps = session.pieces[line]
                if ps.isEmpty {
                    // Some files put a blank line after every wrapped line: a blank after a long
                    // line that did not end a sentence continues it; otherwise it ends one.
                    if lastLine < RestorationSession.wrappedLineLength, chunk.lattice.unscored.last == false {
                        chunk.fixed(LMToken.sentenceEnd)
                        chunk.fixed(LMToken.sentenceStart, unscored: true)
                    }
                    lastLine = 0
                    line += 1
                    continue
                }
                lastLine = text.count
                while piece < ps.count {
                    let p = ps[piece]
                    let pi = piece
                    piece += 1
                    let owner = Owner(line: line, piece: pi)
                    let lower = WordCase(text[p.start..<p.end]) == .lower
                    switch p.kind {
                    case .word where session.isAcronym(line, pi) && !session.mayBeMisreadWord(line, pi):
                        let written = session.acronym(text[p.start..<p.end])
                        let id = session.restorer.lm.vocabulary.id(of: Vietnamese.lowercase(written))
                        if id == LMToken.unknown, let words = session.restorer.acronyms.expansion(of: written) {
                            for w in words { chunk.fixed(w) }
                        } else {
                            chunk.fixed(id)
                        }
                    case .word:
                        let reading = session.reading(line: line, piece: pi)
                        if session.searchesGarble && session.isListMarker(line, pi) {
                            let cands = session.markerReadings(
                                reading.candidates, key: Tokenizer.observedKey(text[p.start..<p.end]))
                            chunk.add(
                                cands, slot: session.slot(for: cands), owner: owner,
                                list: TransitionRows.unnamed, observed: reading.serial, lower: lower)
                        } else if let place = session.placeCandidates(reading.candidates, line: line, piece: pi) {
                            chunk.add(
                                place, slot: session.slot(for: place), owner: owner,
                                list: TransitionRows.unnamed, observed: reading.serial, lower: lower)
                        } else if let named = session.nameCandidates(
                            reading.candidates, line: line, piece: pi, run: &name)
                        {
                            // A word of a person's name: scored by the name model as well.
                            var slot = session.slot(for: named.candidates)
                            slot.unscored = named.unscored
                            chunk.add(
                                named.candidates, slot: slot, owner: owner, list: TransitionRows.unnamed,
                                observed: reading.serial, lower: lower)
                        } else {
                            chunk.add(
                                reading.candidates, slot: reading.slot, owner: owner,
                                list: reading.serial, observed: reading.serial, lower: lower)
                        }
                    case .number:
                        if let (cands, serial) = session.numberCandidates(text[p.start..<p.end]) {
                            chunk.add(
                                cands, slot: session.slot(for: cands), owner: owner,
                                list: TransitionRows.unnamed, observed: serial, lower: lower)
                        } else {
                            chunk.fixed(LMToken.number)
                        }
                    case .code:
                        if !p.continuesCode { chunk.fixed(LMToken.code) }
                    case .verbatim:
                        chunk.fixed(LMToken.unknown)
                    }
                    if p.commaAfter { chunk.fixed(LMToken.comma) }
                    if p.breakAfter {
                        chunk.fixed(LMToken.sentenceEnd)
                        // Long paragraphs are cut at sentence ends: the context restarts there anyway.
                        if chunk.count > 2000 && chunk.hasWords { return chunk }
                        chunk.fixed(LMToken.sentenceStart, unscored: true)
                    }
                    // A run with no sentence end at all (one enormous line) is cut anyway.
                    if chunk.count > 20_000 {
                        chunk.fixed(LMToken.sentenceEnd)
                        return chunk
                    }
                }
                line += 1
                piece = 0
            }
            guard chunk.hasWords else { return nil }
            if !chunk.endsSentence { chunk.fixed(LMToken.sentenceEnd) }
            return chunk
        }
    }
}
