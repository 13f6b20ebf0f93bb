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
    }

    struct Result {
        /// Chosen candidate per slot.
        var best: [Int]
        /// Per slot, the max-marginal log-score of each candidate (best path through it).
        var marginals: [[Float]]
    }

    let lm: LanguageModel
    /// States scoring this far (in nats) below the best at a slot are dropped.
    static let beam: Float = 18

    /// Decodes slots that start after `<s>`; the last slot should be `</s>`.
    func decode(_ slots: [Slot]) -> Result {
        let n = slots.count
        guard n > 0 else { return Result(best: [], marginals: []) }
        // delta[i][a * K(i) + b]: best score of a path ending with (a at i-1, b at i).
        var delta: [[Float]] = []
        var back: [[Int32]] = []
        var lmCache: [[Float]] = []   // [i][(z * Ka + a) * Kb + b]
        delta.reserveCapacity(n); back.reserveCapacity(n); lmCache.reserveCapacity(n)
        let startIds: [UInt16] = [LMToken.sentenceStart]
        var prevIds = startIds, prevPrevIds = startIds
        var prevDelta: [Float] = [0]   // virtual states (<s>, <s>)
        for i in 0..<n {
            let slot = slots[i]
            let ka = prevIds.count, kb = slot.ids.count, kz = prevPrevIds.count
            var d = [Float](repeating: -.infinity, count: ka * kb)
            var bp = [Int32](repeating: 0, count: ka * kb)
            var cache = [Float](repeating: 0, count: kz * ka * kb)
            for a in 0..<ka {
                for b in 0..<kb {
                    var top: Float = -.infinity
                    var arg: Int32 = 0
                    for z in 0..<kz {
                        let p = prevDelta[z * ka + a]
                        if p == -.infinity { continue }
                        let lp = slot.unscored ? 0 : lm.logProb(slot.ids[b], after: prevPrevIds[z], prevIds[a])
                        cache[(z * ka + a) * kb + b] = lp
                        if p + lp > top { top = p + lp; arg = Int32(z) }
                    }
                    d[a * kb + b] = top + slot.scores[b]
                    bp[a * kb + b] = arg
                }
            }
            // Beam: states far behind the best cannot recover within a trigram's reach.
            if let top = d.max(), top > -.infinity {
                for k in d.indices where d[k] < top - Self.beam { d[k] = -.infinity }
            }
            delta.append(d); back.append(bp); lmCache.append(cache)
            prevDelta = d
            prevPrevIds = prevIds
            prevIds = slot.ids
        }
        // Best final state and backtrace.
        var best = [Int](repeating: 0, count: n)
        let lastK = slots[n - 1].ids.count
        let lastKa = n >= 2 ? slots[n - 2].ids.count : 1
        var top: Float = -.infinity, ta = 0, tb = 0
        for a in 0..<lastKa { for b in 0..<lastK where delta[n - 1][a * lastK + b] > top { top = delta[n - 1][a * lastK + b]; ta = a; tb = b } }
        best[n - 1] = tb
        if n >= 2 { best[n - 2] = ta }
        if n >= 3 {
            for i in stride(from: n - 1, through: 2, by: -1) {
                let kb = slots[i].ids.count
                best[i - 2] = Int(back[i][best[i - 1] * kb + best[i]])
            }
        }
        // Backward max-scores for the marginals.
        var marginals = [[Float]](repeating: [], count: n)
        var beta = [Float](repeating: 0, count: lastKa * lastK)
        for i in stride(from: n - 1, through: 0, by: -1) {
            let kb = slots[i].ids.count
            let ka = i >= 1 ? slots[i - 1].ids.count : 1
            var m = [Float](repeating: -.infinity, count: kb)
            for a in 0..<ka { for b in 0..<kb { m[b] = max(m[b], delta[i][a * kb + b] + beta[a * kb + b]) } }
            marginals[i] = m
            guard i >= 1 else { break }
            // beta for step i-1: states (z at i-2, a at i-1).
            let kz = i >= 2 ? slots[i - 2].ids.count : 1
            var prevBeta = [Float](repeating: -.infinity, count: kz * ka)
            for z in 0..<kz {
                for a in 0..<ka {
                    var bestNext: Float = -.infinity
                    for b in 0..<kb {
                        let v = lmCache[i][(z * ka + a) * kb + b] + slots[i].scores[b] + beta[a * kb + b]
                        if v > bestNext { bestNext = v }
                    }
                    prevBeta[z * ka + a] = bestNext
                }
            }
            beta = prevBeta
        }
        return Result(best: best, marginals: marginals)
    }
}
