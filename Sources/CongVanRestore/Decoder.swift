/// Viterbi decoding of a lattice of candidate words under the trigram language model.
///
/// A state is the pair (previous candidate, current candidate), so each step costs
/// K(i-2)·K(i-1)·K(i) model lookups; candidate lists are short, and a sentence break cuts the
/// context, so long inputs are decoded in independent chunks and time stays linear.
struct Decoder {
    struct Slot {
        /// LM token id per candidate.
        var ids: [UInt16]
        /// Channel log-score per candidate (already weighted).
        var scores: [Float]
        /// Skip the LM probability of this slot (a sentence-start marker).
        var unscored = false
        /// The token is written in lower case (names' n-grams do not count for it).
        var lower = false
    }

    struct Result {
        /// Chosen candidate per slot.
        var best: [Int]
        /// Per slot, the max-marginal log-score of each candidate (best path through it); nil
        /// when not asked for.
        var marginals: Marginals?
        /// The trigram model's scores of every (z, a, b) triple, before any cache mixing: a
        /// later pass over the same lattice reuses them instead of probing the model again.
        var modelScores: [Float] = []
    }

    let lm: LanguageModel
    /// The document's own words from an earlier pass, if any.
    var documentCache: DocumentCache? = nil
    /// Bigram scores between candidate lists already met.
    var transitionCache: TransitionCache? = nil

    /// Max-marginal scores of every candidate of every slot, in one flat buffer.
    struct Marginals {
        var values: [Float]
        /// Slot i's scores are `values[at[i] ..< at[i + 1]]`.
        var at: [Int]

        var count: Int { at.count - 1 }

        /// Slot i's scores as an array (for tests and callers that keep them).
        subscript(i: Int) -> [Float] { Array(values[at[i]..<at[i + 1]]) }

        /// Slot i's scores in place.
        func slot<R>(_ i: Int, _ body: (UnsafeBufferPointer<Float>) -> R) -> R {
            values.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[at[i]..<at[i + 1]])) }
        }
    }

    /// ln P(b | z a) of every triple of the flat lattice (slot by slot, z-major), in one batch so
    /// the model's table reads overlap. A triple into an unscored slot scores 0.
    private func modelScores(_ ids: [UInt16], unscored: [Bool], lower: [Bool], idAt: [Int], cacheAt: [Int]) -> [Float] {
        let n = cacheAt.count - 1
        let flatLower = [false, false] + lower
        return [Float](unsafeUninitializedCapacity: cacheAt[n]) { out, count in
            ids.withUnsafeBufferPointer { ids in
                idAt.withUnsafeBufferPointer { at in
                    flatLower.withUnsafeBufferPointer { lm.logProbs(chain: ids, at: at, lower: $0, into: out) }
                }
            }
            for i in 0..<n where unscored[i] {
                for j in cacheAt[i]..<cacheAt[i + 1] { out[j] = 0 }
            }
            count = cacheAt[n]
        }
    }

    /// Decodes slots that start after `<s>`; the last slot should be `</s>`.
    func decode(_ slots: [Slot], reusing known: [Float]? = nil) -> Result {
        decode(Lattice(slots), reusing: known)
    }

    /// Decodes a lattice that starts after `<s>`; its last slot should be `</s>`. Without
    /// `marginals` only the best path is found: the backward pass behind the max-marginals
    /// costs about as much as the Viterbi pass, and nobody reads them in a last pass that
    /// reports no confidences.
    ///
    /// The lattice is first copied behind two virtual `<s>` slots (so slot i is flat slot i + 2
    /// and needs no special case), and every per-slot table (states, backpointers, model
    /// scores) lives in one flat buffer indexed by prefix offsets: a slot costs no allocation and
    /// the inner loops no reference counting.
    func decode(_ lattice: Lattice, reusing known: [Float]? = nil, marginals wanted: Bool = true) -> Result {
        let n = lattice.count
        guard n > 0 else { return Result(best: [], marginals: wanted ? Marginals(values: [], at: [0]) : nil) }
        // Flat lattice: candidates of flat slot j at idAt[j] ..< idAt[j + 1].
        var idAt = [Int](repeating: 0, count: n + 3)
        idAt[1] = 1
        for i in 0...n { idAt[i + 2] = lattice.at[i] + 2 }
        let flatIds = [LMToken.sentenceStart, LMToken.sentenceStart] + lattice.ids
        let flatScores = [0, 0] + lattice.scores
        // k(i) candidates at slot i; k(-1) = k(-2) = 1 (the virtual <s> <s>).
        @inline(__always) func k(_ i: Int) -> Int { idAt[i + 3] - idAt[i + 2] }
        var stateAt = [Int](repeating: 0, count: n + 1)
        var cacheAt = [Int](repeating: 0, count: n + 1)
        var widest = 1
        for i in 0..<n {
            stateAt[i + 1] = stateAt[i] + k(i - 1) * k(i)
            cacheAt[i + 1] = cacheAt[i] + k(i - 2) * k(i - 1) * k(i)
            widest = max(widest, k(i))
        }
        let raw =
            known?.count == cacheAt[n]
            ? known!
            : modelScores(flatIds, unscored: lattice.unscored, lower: lattice.lower, idAt: idAt, cacheAt: cacheAt)
        let lmScore = mixedScores(raw, lattice: lattice, ids: flatIds, idAt: idAt, cacheAt: cacheAt)
        var delta = [Float](repeating: -.infinity, count: stateAt[n])
        var back = [Int32](repeating: 0, count: stateAt[n])
        flatScores.withUnsafeBufferPointer { scores in
            lmScore.withUnsafeBufferPointer { lmScore in
                delta.withUnsafeMutableBufferPointer { delta in
                    back.withUnsafeMutableBufferPointer { back in
                        for i in 0..<n {
                            let zAt = idAt[i]
                            let aAt = idAt[i + 1]
                            let bAt = idAt[i + 2]
                            let kz = aAt - zAt
                            let ka = bAt - aAt
                            let kb = idAt[i + 3] - bAt
                            let so = stateAt[i]
                            let co = cacheAt[i]
                            let po = i > 0 ? stateAt[i - 1] : -1
                            for a in 0..<ka {
                                for b in 0..<kb {
                                    var top: Float = -.infinity
                                    var arg: Int32 = 0
                                    for z in 0..<kz {
                                        let p: Float = i == 0 ? 0 : delta[po &+ z &* ka &+ a]
                                        let v = p + lmScore[co &+ (z &* ka &+ a) &* kb &+ b]
                                        if v > top {
                                            top = v
                                            arg = Int32(truncatingIfNeeded: z)
                                        }
                                    }
                                    delta[so &+ a &* kb &+ b] = top + scores[bAt &+ b]
                                    back[so &+ a &* kb &+ b] = arg
                                }
                            }
                        }
                    }
                }
            }
        }
        // Best final state and backtrace.
        var best = [Int](repeating: 0, count: n)
        let lastK = k(n - 1)
        let lastKa = k(n - 2)
        let lastOffset = stateAt[n - 1]
        var top: Float = -.infinity
        var ta = 0
        var tb = 0
        for a in 0..<lastKa {
            for b in 0..<lastK where delta[lastOffset + a * lastK + b] > top {
                top = delta[lastOffset + a * lastK + b]
                ta = a
                tb = b
            }
        }
        best[n - 1] = tb
        if n >= 2 { best[n - 2] = ta }
        if n >= 3 {
            for i in stride(from: n - 1, through: 2, by: -1) {
                best[i - 2] = Int(back[stateAt[i] + best[i - 1] * k(i) + best[i]])
            }
        }
        guard wanted else { return Result(best: best, marginals: nil, modelScores: raw) }
        // Backward max-scores for the marginals: beta over the states of slot i.
        var marginalAt = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { marginalAt[i + 1] = marginalAt[i] + k(i) }
        var marginals = [Float](repeating: -.infinity, count: marginalAt[n])
        var beta = [Float](repeating: 0, count: widest * widest)
        var prevBeta = [Float](repeating: 0, count: widest * widest)
        flatScores.withUnsafeBufferPointer { scores in
            lmScore.withUnsafeBufferPointer { lmScore in
                delta.withUnsafeBufferPointer { delta in
                    marginals.withUnsafeMutableBufferPointer { m in
                        for i in stride(from: n - 1, through: 0, by: -1) {
                            let kb = k(i)
                            let ka = k(i - 1)
                            let so = stateAt[i]
                            let mo = marginalAt[i]
                            beta.withUnsafeBufferPointer { beta in
                                for a in 0..<ka {
                                    FloatKernels.maxAccumulate(
                                        m.baseAddress! + mo, delta.baseAddress! + so + a * kb,
                                        beta.baseAddress! + a * kb, count: kb)
                                }
                            }
                            guard i >= 1 else { break }
                            let kz = k(i - 2)
                            let co = cacheAt[i]
                            let bAt = idAt[i + 2]
                            beta.withUnsafeBufferPointer { beta in
                                prevBeta.withUnsafeMutableBufferPointer { prevBeta in
                                    for z in 0..<kz {
                                        for a in 0..<ka {
                                            prevBeta[z * ka + a] = FloatKernels.maxOfSums(
                                                lmScore.baseAddress! + co + (z * ka + a) * kb,
                                                scores.baseAddress! + bAt,
                                                beta.baseAddress! + a * kb, count: kb)
                                        }
                                    }
                                }
                            }
                            swap(&beta, &prevBeta)
                        }
                    }
                }
            }
        }
        return Result(best: best, marginals: Marginals(values: marginals, at: marginalAt), modelScores: raw)
    }

    /// The trigram scores the Viterbi pass uses: the model's, mixed with the document cache
    /// when there is one (an unscored slot keeps its zeros).
    private func mixedScores(_ raw: [Float], lattice: Lattice, ids: [UInt16], idAt: [Int], cacheAt: [Int]) -> [Float] {
        guard let documentCache else { return raw }
        var mixed = raw
        mixed.withUnsafeMutableBufferPointer { mixed in
            for i in 0..<lattice.count where !lattice.unscored[i] {
                let co = cacheAt[i]
                let zAt = idAt[i]
                let aAt = idAt[i + 1]
                let bAt = idAt[i + 2]
                let kz = aAt - zAt
                let ka = bAt - aAt
                let kb = idAt[i + 3] - bAt
                for a in 0..<ka {
                    for b in 0..<kb {
                        let cacheProbability = documentCache.probability(ids[bAt + b], after: ids[aAt + a])
                        for z in 0..<kz {
                            let at = co + (z * ka + a) * kb + b
                            mixed[at] = documentCache.mix(mixed[at], cacheProbability: cacheProbability)
                        }
                    }
                }
            }
        }
        return mixed
    }
}
