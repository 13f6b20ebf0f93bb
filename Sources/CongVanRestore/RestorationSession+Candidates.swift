import CongVanCore
import Foundation

/// Per-token readings: the search, their channel scores and the document's ranking of them.
extension RestorationSession {
    var searchesGarble: Bool { degradation.kind == .garbled || degradation.kind == .unknown }
    /// Codes are only touched where letters were lost (stripped or garbled input).
    var restoresAbbreviations: Bool { degradation.kind == .stripped || searchesGarble }

    /// A token's ranked candidates and their lattice slot (ids and channel scores under this
    /// document's mixture), computed once per distinct token of the pass.
    mutating func reading(for key: String, lowerAfterFirst: Bool = false) -> Reading {
        // Lower-case spellings of a short token are read apart from its capitals (see below).
        let short = lowerAfterFirst && searchesGarble && key.unicodeScalars.count <= 3
        let cacheKey = short ? "\u{1}" + key : key
        if let hit = cache[cacheKey] { return hit }
        var base =
            sharesCaches
            ? restorer.candidateCache.value(for: CandidateKey(token: key, garbled: searchesGarble)) {
                baseCandidates(Array(key.unicodeScalars), key: key)
            }
            : baseCandidates(Array(key.unicodeScalars), key: key)
        // In garble a short lower-case token that is no word at all (`xd` for `xã`) is a misread
        // syllable, as is an unknown token spelt like a syllable: abbreviations are written in
        // capitals (`TH`, `PCT` stay as they are), and units (`km`, `kg`) are words of the model.
        if short, base[0].id == LMToken.unknown { base[0].bias -= settings.unknownSyllablePenalty }
        let ranked = rank(base)
        let result = Reading(candidates: ranked, slot: slot(for: ranked), serial: Int32(observedKeys.count))
        observedKeys.append(key)
        cache[cacheKey] = result
        return result
    }

    /// The reading of word piece `pi` of line `li`, looked up by its type: its key is built and
    /// hashed once per distinct spelling, not per occurrence.
    mutating func reading(line li: Int, piece pi: Int) -> Reading {
        let t = Int(types.ofPiece[li][pi])
        if let hit = typeReadings[t] { return hit }
        let p = pieces[li][pi]
        let raw = lines[li][p.start..<p.end]
        let lower = raw.dropFirst().allSatisfy { Tokenizer.isLetter($0) && !Tokenizer.isUpper($0) }
        let r = reading(for: Tokenizer.observedKey(raw), lowerAfterFirst: lower)
        typeReadings[t] = r
        return r
    }

    /// The lattice slot of a token's candidates: their ids and weighted channel scores.
    func slot(for candidates: [ScoredCandidate]) -> Decoder.Slot {
        Decoder.Slot(ids: candidates.map(\.id), scores: slotScores(candidates))
    }

    /// Each candidate's channel score under this document's mixture, weighted, plus its bias.
    func slotScores(_ candidates: [ScoredCandidate]) -> [Float] { candidates.map(slotScore) }

    func slotScore(_ c: ScoredCandidate) -> Float { settings.channelWeight * mixture.logProb(c) + c.bias }

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
            logVietnamese: restorer.vietnamese.keptLogProb(oc), logEnglish: restorer.english.keptLogProb(oc))
        if keepId == LMToken.unknown {
            // A genuine unknown word (a name, a foreign word) is spelled with letters; digits or
            // OCR debris inside it are near-certain signs of a misread syllable.
            keep.bias =
                -settings.unknownLetterPenalty * Float(max(letters, 1))
                - settings.unknownSymbolPenalty * Float(o.count - letters)
        }
        // No word is this long: the token is its own only reading.
        guard o.count <= Self.longestReadable else { return [keep] }
        var out: [ScoredCandidate] = []
        var ids: [UInt16] = []
        let skeleton = Vietnamese.foldKey(key)
        // The vocabulary holds nearly every syllable in use, so an unknown token spelt like known
        // syllables without their marks is far likelier one of them stripped than a rare word.
        let exact = index.node(forSkeleton: skeleton)
        if keepId == LMToken.unknown, exact != nil {
            keep.bias -= settings.unknownSyllablePenalty
        }
        if searchesGarble {
            let bound: Float = settings.searchBase + settings.searchPerCharacter * Float(o.count)
            for hit in restorer.search.search(o, index: index, bound: bound, limit: settings.searchLimit) {
                ids += index.trie.words(at: hit.node)
            }
        } else if let node = exact {
            ids += index.trie.words(at: node)
        }
        let sameSkeleton = index.abbreviations[skeleton] ?? []
        ids += sameSkeleton
        // The readings whose letters without marks are the input's: every word is filed under
        // its skeleton (a syllable at its trie node, any other word among the abbreviations).
        var strippedOf: Set<UInt16> = []
        if isASCII && skeleton == key {
            strippedOf.formUnion(sameSkeleton)
            if let exact { strippedOf.formUnion(index.trie.words(at: exact)) }
        }
        var seen = Set<UInt16>(minimumCapacity: ids.count + 1)
        seen.insert(keepId)
        for id in ids where seen.insert(id).inserted {
            out.append(
                ScoredCandidate(
                    id: id, keep: false, identical: false,
                    stripped: strippedOf.contains(id),
                    logVietnamese: channelScore(restorer.vietnamese, oc, id),
                    logEnglish: channelScore(restorer.english, oc, id)))
        }
        let lm = restorer.lm
        // Each reading's score under its likeliest kind of input, computed once (not per comparison).
        let bestCase = out.map { c in
            max(c.stripped ? 0 : -.infinity, c.logVietnamese, c.logEnglish) + settings.poolUnigramWeight
                * lm.logProb(c.id)
        }
        return [keep] + out.indices.sorted { bestCase[$0] > bestCase[$1] }.prefix(Self.basePool).map { out[$0] }
    }

    /// Tokens longer than this (in scalars) are kept as written: the longest word of the model
    /// is far shorter, and each reading's alignment costs the product of the two lengths.
    static let longestReadable = 48

    /// Readings kept for the first-pass lattice when the document's own channel mixture ranks the
    /// base candidates.
    static let basePool = 64

    /// Ranks a token's base candidates under this document's mixture and word frequency and
    /// drops readings far behind the best; the pool is cut in context by the bigram pass.
    func rank(_ base: [ScoredCandidate]) -> [ScoredCandidate] {
        let lm = restorer.lm
        let keep = base[0]
        let u = settings.poolUnigramWeight
        let ranked = base.dropFirst().map { ($0, mixture.logProb($0) + $0.bias + u * lm.logProb($0.id)) }
            .sorted { $0.1 > $1.1 }
        guard let best = ranked.first?.1 else { return base }
        let floor = max(best, mixture.logProb(keep) + keep.bias + u * lm.logProb(keep.id)) - settings.candidateMargin
        // Same-skeleton readings of clean or stripped text need a smaller pool than garble.
        let pool = searchesGarble ? settings.candidatePool : settings.candidatePool / 2
        return [keep] + ranked.prefix(pool - 1).filter { $0.1 >= floor }.map(\.0)
    }

    /// ln P(observed | syllable) under one channel, over either tone-mark placement.
    func channelScore(_ channel: EditChannel, _ observed: [UInt8], _ id: UInt16) -> Float {
        let index = restorer.index
        let main = channel.logProb(observed: observed, truth: index.spellingCodes(id))
        guard let other = index.otherPlacementCodes[Int(id)] else { return main }
        return max(main, channel.logProb(observed: observed, truth: other[...]))
    }

    /// A bare short number in garbled text may be a misread word (`13` for `là`, `6` for `số`):
    /// its readings, and its serial among the observed tokens.
    mutating func numberCandidates(_ o: ArraySlice<Unicode.Scalar>) -> (candidates: [ScoredCandidate], serial: Int32)? {
        guard searchesGarble, o.count <= 2, o.allSatisfy(Tokenizer.isDigit),
            mixture.logWeights[ChannelMixture.Kind.english.rawValue] > log(0.3)
        else { return nil }
        let reading = reading(for: UTF8Writer.string(o))
        var words = reading.candidates.dropFirst().map { c -> ScoredCandidate in
            var c = c
            c.bias -= settings.numberAsWordPenalty
            return c
        }
        words.removeAll { !restorer.index.isSyllable[Int($0.id)] }
        guard !words.isEmpty else { return nil }
        let number = ScoredCandidate(
            id: LMToken.number, keep: true, identical: true,
            stripped: true, logVietnamese: 0, logEnglish: 0)
        return ([number] + words, reading.serial)
    }
}
