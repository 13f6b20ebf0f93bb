import CongVanCore

/// Finds the syllable skeletons an observed token could be a reading of, by walking the
/// skeleton trie with a dynamic-programming row per node (trie Levenshtein), where the edit
/// costs are the channel's rules read backwards and folded to ASCII: `6` may stand for `o`,
/// `ir` for `u`, `p` for `d`. Only skeletons the channel can explain within a cost bound are
/// returned, cheapest first.
struct CandidateSearch: Sendable {
    /// Observed segment (packed) → true ASCII letters (1 or 2, packed as UInt16) with cost.
    let substitutions: [UInt64: [(UInt16, Float)]]
    /// Cost of a true ASCII letter missing from the observation.
    let deletions: [Float]
    /// Cost of an extra observed segment.
    let insertions: [UInt64: Float]
    let insertionFloor: Float

    init(channels: [EditChannel]) {
        var subs: [UInt64: [UInt16: Float]] = [:]
        var dels = [Float](repeating: .infinity, count: 128)
        var ins: [UInt64: Float] = [:]
        var insFloor = Float.infinity
        for ch in channels {
            for (key, lp) in ch.rules {
                let ascii = Array(Vietnamese.foldKey(EditChannel.unpack(key.alpha)).utf8)
                guard ascii.count <= 2, ascii.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { continue }
                if key.beta == 0 {
                    if ascii.count == 1 { dels[Int(ascii[0])] = min(dels[Int(ascii[0])], -lp) }
                    continue
                }
                let packed = UInt16(ascii[0]) | (ascii.count == 2 ? UInt16(ascii[1]) << 8 : 0)
                subs[key.beta, default: [:]][packed] = min(subs[key.beta]?[packed] ?? .infinity, -lp)
            }
            for (beta, lp) in ch.insertions { ins[beta] = min(ins[beta] ?? .infinity, -lp) }
            insFloor = min(insFloor, -ch.insertionFloor)
        }
        substitutions = subs.mapValues { $0.map { ($0.key, $0.value) } }
        deletions = dels
        insertions = ins
        insertionFloor = insFloor
    }

    struct Hit {
        var node: Int
        var cost: Float
    }

    /// Trie nodes whose skeleton explains `observed` (lower case) within `bound`, best first by
    /// channel cost less the log-frequency of the node's commonest syllable: a common word a
    /// little further away beats a rare one nearby.
    func search(_ observed: [Unicode.Scalar], index: SyllableIndex, bound: Float, limit: Int) -> [Hit] {
        let n = observed.count
        guard n > 0, n <= 12 else { return [] }
        // Costs per observed span (j, b) at slot j * 4 + b: single true letters in 26 cells of a
        // flat array, pairs of true letters in a short list.
        let spans = (n + 1) * 4
        var single = [Float](repeating: .infinity, count: spans * 26)
        var double = [[(pair: UInt16, cost: Float)]](repeating: [], count: spans)
        var extra = [Float](repeating: .infinity, count: spans)
        for j in 1...n {
            for b in 1...min(3, j) {
                let span = j * 4 + b
                let beta = EditChannel.pack(observed[(j - b)..<j])
                if let list = substitutions[beta] {
                    for (letters, cost) in list {
                        if letters >> 8 == 0 {
                            let cell = span * 26 + Int(letters) - 97
                            single[cell] = min(single[cell], cost)
                        } else {
                            if let k = double[span].firstIndex(where: { $0.pair == letters }) {
                                double[span][k].cost = cost
                            } else {
                                double[span].append((letters, cost))
                            }
                        }
                    }
                }
                if b <= 2 { extra[span] = insertions[beta] ?? (b == 1 ? insertionFloor : .infinity) }
            }
        }
        // Pairs of true letters per span, flattened: span s's are at doubleAt[s] ..< doubleAt[s + 1].
        var doubleAt = [Int](repeating: 0, count: spans + 1)
        var doublePairs: [UInt16] = []
        var doubleCosts: [Float] = []
        for span in 0..<spans {
            for (pair, cost) in double[span] {
                doublePairs.append(pair)
                doubleCosts.append(cost)
            }
            doubleAt[span + 1] = doublePairs.count
        }
        var hits: [Hit] = []
        // Depth-first with one row per depth (rows laid end to end, n + 1 cells each): a node's
        // subtree is finished before its siblings, so its parent's and grandparent's rows are
        // still in place.
        let width = n + 1
        let depths = 16
        var rows = [Float](repeating: .infinity, count: depths * width)
        var work: [(node: Int32, depth: Int, letter: UInt8, parentLetter: UInt8)] =
            index.trie.children(of: 0).map { (Int32(index.trie.childNode[$0]), 1, index.trie.childLetter[$0], 0) }
        // The row recurrence runs once per trie node visited: unchecked buffers, no reference
        // counting inside.
        single.withUnsafeBufferPointer { single in
            extra.withUnsafeBufferPointer { extra in
                doubleAt.withUnsafeBufferPointer { doubleAt in
                    doublePairs.withUnsafeBufferPointer { doublePairs in
                        doubleCosts.withUnsafeBufferPointer { doubleCosts in
                            rows.withUnsafeMutableBufferPointer { rows in
                                rows[0] = 0
                                Self.addInsertions(rows, at: 0, extra, n)
                                while let (node, depth, letter, parentLetter) = work.popLast() {
                                    guard depth < depths else { continue }
                                    let li = Int(letter) - 97
                                    let delete = deletions[Int(letter)]
                                    let up = (depth - 1) * width
                                    let here = depth * width
                                    let upUp = (depth - 2) * width
                                    let pair = UInt16(parentLetter) | UInt16(letter) << 8
                                    for j in 0...n {
                                        var best = rows[up + j] + delete
                                        if j > 0 {
                                            for b in 1...min(3, j) {
                                                let span = j * 4 + b
                                                let c1 = rows[up + j - b] + single[span * 26 + li]
                                                if c1 < best { best = c1 }
                                                if depth >= 2 {
                                                    for d in doubleAt[span]..<doubleAt[span + 1]
                                                    where doublePairs[d] == pair {
                                                        let c2 = rows[upUp + j - b] + doubleCosts[d]
                                                        if c2 < best { best = c2 }
                                                    }
                                                }
                                            }
                                        }
                                        rows[here + j] = best
                                    }
                                    Self.addInsertions(rows, at: here, extra, n)
                                    var rowMin = Float.infinity
                                    for j in 0...n where rows[here + j] < rowMin { rowMin = rows[here + j] }
                                    guard rowMin <= bound else { continue }
                                    let nodeIndex = Int(node)
                                    if index.trie.hasWords(nodeIndex) && rows[here + n] <= bound {
                                        hits.append(Hit(node: nodeIndex, cost: rows[here + n]))
                                    }
                                    for k in index.trie.children(of: nodeIndex) {
                                        work.append(
                                            (
                                                Int32(index.trie.childNode[k]), depth + 1, index.trie.childLetter[k],
                                                letter
                                            ))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        hits.sort { $0.cost - index.nodePrior[$0.node] < $1.cost - index.nodePrior[$1.node] }
        return Array(hits.prefix(limit))
    }

    /// Extra observed segments (insertions) within the row starting at `offset`.
    @inline(__always)
    private static func addInsertions(
        _ rows: UnsafeMutableBufferPointer<Float>, at offset: Int,
        _ extra: UnsafeBufferPointer<Float>, _ n: Int
    ) {
        guard n > 0 else { return }
        for j in 1...n {
            for b in 1...min(2, j) {
                let c = rows[offset + j - b] + extra[j * 4 + b]
                if c < rows[offset + j] { rows[offset + j] = c }
            }
        }
    }
}
