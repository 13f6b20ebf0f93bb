import CongVanCore
import Foundation

/// Lattices of candidate readings, decoded paragraph by paragraph in one or more passes.
extension RestorationSession {
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
        var decoder = Decoder(lm: restorer.lm)
        decoder.transitionCache = restorer.transitionCache
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
                // One lookup of the token's table per slot; the channel runs once per reading.
                var table = rescored[key] ?? [:]
                var oc: [UInt8]? = nil
                var updated = cands
                for k in updated.indices {
                    if let lp = table[updated[k].id] {
                        updated[k].logEnglish = lp
                    } else {
                        let o = oc ?? Symbols.codes(key.unicodeScalars)
                        oc = o
                        updated[k].logEnglish = updated[k].keep
                            ? english.logProb(observed: o, truth: o) : channelScore(english, o, updated[k].id)
                        table[updated[k].id] = updated[k].logEnglish
                    }
                }
                if oc != nil { rescored[key] = table }
                chunk.lattice[i] = updated
                chunk.slots[i].scores = slotScores(updated)
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
            let chosen = result.best[i]
            // Posteriors from the max-marginals (softmax); the full list only when asked for.
            let (confidence, probs) = result.marginals.slot(i) { m -> (Float, [Float]) in
                let top = m.max() ?? 0
                var z: Float = 0
                for v in m { z += exp(v - top) }
                return (exp(m[chosen] - top) / z, details ? m.map { exp($0 - top) / z } : [])
            }
            if choices[owner.line].isEmpty { choices[owner.line] = [Choice?](repeating: nil, count: pieces[owner.line].count) }
            choices[owner.line][owner.piece] = Choice(candidates: cands, chosen: chosen, confidence: confidence,
                                                      probabilities: probs)
            let id = cands[chosen].id
            if confidence >= 0.8 && restorer.index.isSyllable[Int(id)] {
                collecting.add(id, after: previous, weight: confidence)
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
                    var slot: Decoder.Slot? = nil
                    var key: String? = nil
                    switch p.kind {
                    case .word where session.isAcronym(line, pi) && !session.mayBeMisreadWord(line, pi):
                        chunk.fixed(session.restorer.lm.vocabulary.id(of: Vietnamese.lowercase(session.acronym(text[p.start..<p.end]))))
                    case .word:
                        key = Tokenizer.observedKey(text[p.start..<p.end])
                        let reading = session.reading(for: key!)
                        cands = reading.candidates
                        slot = reading.slot
                        if session.searchesGarble && session.isListMarker(line, pi) {
                            cands = session.markerReadings(cands!, key: key!)
                            slot = nil
                        }
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
                        chunk.slots.append(slot ?? session.slot(for: cands))
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
}
