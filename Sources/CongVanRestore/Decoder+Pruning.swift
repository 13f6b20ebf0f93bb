/// The bigram pass that cuts candidate lists before the trigram Viterbi.
extension Decoder {
    /// Coarse-to-fine: the flat indices (ascending) of at most `limit` candidates per slot whose
    /// bigram max-marginal (best bigram path through each, in context on both sides) is within
    /// `margin` of the slot's best. Cheap (K² per slot); it leaves the K³ trigram pass only
    /// the readings that can still win.
    ///
    /// `lists` names each slot's candidate list (the same name, the same list;
    /// `TransitionRows.unnamed` for none), so the scores between two lists already met come
    /// from `rows`, not the model.
    func pruneByBigram(
        _ lattice: Lattice, lists: [Int32]? = nil, rows: inout TransitionRows,
        limit: Int, margin: Float
    ) -> [Int] {
        let n = lattice.count
        rows.makeRoom()
        // Each slot's K(i-1) × K(i) bigram scores: in `rows.store` if the pair of lists has a
        // name, else in `table`; none for an unscored slot (all zero).
        var location = [RowLocation](repeating: .none, count: n)
        var table: [Float] = []
        // Room for every row, in case none is stored: the table is not copied as it grows.
        var rowFloats = n > 0 ? lattice.width(0) : 0
        for i in 1..<max(n, 1) { rowFloats += lattice.width(i - 1) * lattice.width(i) }
        table.reserveCapacity(rowFloats)
        for i in 0..<n where !lattice.unscored[i] {
            let pairs = (i > 0 ? lattice.width(i - 1) : 1) * lattice.width(i)
            let key =
                pairs < TransitionRows.minimumPairs
                ? nil
                : lists.flatMap { TransitionRows.key(i > 0 ? $0[i - 1] : TransitionRows.sentenceStart, $0[i]) }
            if let key, let o = rows.offsets[key] {
                location[i] = .stored(o)
            } else if let key {
                location[i] = .stored(rows.store.count)
                rows.offsets.set(rows.store.count, for: key)
                appendRow(i, of: lattice, to: &rows.store)
            } else {
                location[i] = .local(table.count)
                appendRow(i, of: lattice, to: &table)
            }
        }
        return table.withUnsafeBufferPointer { table in
            rows.store.withUnsafeBufferPointer { store in
                let row = location.map { l -> UnsafePointer<Float>? in
                    switch l {
                    case .none: nil
                    case .local(let o): table.baseAddress! + o
                    case .stored(let o): store.baseAddress! + o
                    }
                }
                return cut(lattice, rows: row, limit: limit, margin: margin)
            }
        }
    }

    enum RowLocation {
        case none
        case local(Int)
        case stored(Int)
    }

    /// Appends ln P(b | a) for every pair of slot i-1 (or `<s>`) and slot i, row by row.
    private func appendRow(_ i: Int, of lattice: Lattice, to out: inout [Float]) {
        let from = i > 0 ? lattice.ids[lattice.range(i - 1)] : [LMToken.sentenceStart][...]
        let to = lattice.ids[lattice.range(i)]
        let lower = LowerCase(v: i > 0 && lattice.lower[i - 1], w: lattice.lower[i])
        guard let transitionCache, from.count * to.count >= TransitionKey.minimumPairs else {
            appendBigramScores(from, to, lower: lower, to: &out)
            return
        }
        out += transitionCache.value(for: TransitionKey(from: Array(from), to: Array(to), lower: lower)) {
            var row: [Float] = []
            appendBigramScores(from, to, lower: lower, to: &row)
            return row
        }
    }

    /// Appends ln P(b | a) for every pair of the two lists, row by row, in one batch of lookups.
    func appendBigramScores(
        _ from: ArraySlice<UInt16>, _ to: ArraySlice<UInt16>, lower: LowerCase = .none, to out: inout [Float]
    ) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: from.count * to.count))
        from.withUnsafeBufferPointer { f in
            to.withUnsafeBufferPointer { t in
                out.withUnsafeMutableBufferPointer { o in
                    lm.bigramLogProbs(
                        from: f, to: t, lower: lower, into: UnsafeMutableBufferPointer(rebasing: o[start...]))
                }
            }
        }
    }

    /// Forward and backward bigram max-scores, then the candidates within the margin.
    private func cut(_ lattice: Lattice, rows: [UnsafePointer<Float>?], limit: Int, margin: Float) -> [Int] {
        let n = lattice.count
        var forward = [Float](repeating: -.infinity, count: lattice.ids.count)
        lattice.scores.withUnsafeBufferPointer { scores in
            forward.withUnsafeMutableBufferPointer { f in
                for i in 0..<n {
                    let kb = lattice.width(i)
                    let ka = i > 0 ? lattice.width(i - 1) : 1
                    let fo = lattice.at[i]
                    let po = i > 0 ? lattice.at[i - 1] : -1
                    let out = f.baseAddress! + fo
                    for a in 0..<ka {
                        let prev: Float = i > 0 ? f[po + a] : 0
                        guard let t = rows[i] else {
                            for b in 0..<kb where prev > out[b] { out[b] = prev }
                            continue
                        }
                        FloatKernels.maxAccumulate(out, t + a * kb, plus: prev, count: kb)
                    }
                    for b in 0..<kb { f[fo + b] += scores[fo + b] }
                }
            }
        }
        var keep = [Bool](repeating: false, count: lattice.ids.count)
        // Backward scores of the slot in hand and of the one before it, swapped each step.
        var widest = 1
        for i in 0..<n { widest = max(widest, lattice.width(i)) }
        var backward = [Float](repeating: 0, count: widest)
        var back = [Float](repeating: 0, count: widest)
        var total = [Float](repeating: 0, count: widest)
        for i in stride(from: n - 1, through: 0, by: -1) {
            let kb = lattice.width(i)
            let fo = lattice.at[i]
            if kb > 1 {
                var best: Float = -.infinity
                var within = 0
                for b in 0..<kb {
                    total[b] = forward[fo + b] + backward[b]
                    best = max(best, total[b])
                }
                for b in 0..<kb where total[b] >= best - margin { within += 1 }
                if within <= limit {
                    // Everything within the margin fits: no sorting.
                    for b in 0..<kb where total[b] >= best - margin { keep[fo + b] = true }
                } else {
                    let chosen = (0..<kb).filter { total[$0] >= best - margin }.sorted { total[$0] > total[$1] }.prefix(
                        limit)
                    for b in chosen { keep[fo + b] = true }
                }
            } else {
                keep[fo] = true
            }
            guard i > 0 else { break }
            let ka = lattice.width(i - 1)
            back.withUnsafeMutableBufferPointer { back in
                lattice.scores.withUnsafeBufferPointer { scores in
                    backward.withUnsafeBufferPointer { backward in
                        let s = scores.baseAddress! + fo
                        let w = backward.baseAddress!
                        guard let t = rows[i] else {
                            // No bigram scores into this slot: the same best for every a.
                            var m: Float = -.infinity
                            for b in 0..<kb where s[b] + w[b] > m { m = s[b] + w[b] }
                            for a in 0..<ka { back[a] = m }
                            return
                        }
                        for a in 0..<ka { back[a] = FloatKernels.maxOfSums(t + a * kb, s, w, count: kb) }
                    }
                }
            }
            swap(&backward, &back)
        }
        return keep.indices.filter { keep[$0] }
    }
}
