import Testing

@testable import CongVanRestore

@Suite("Decoder")
struct DecoderTests {
    @Test("the language model picks the reading that fits the context")
    func contextDecides() throws {
        let lm = LanguageModel(data: try LanguageModelTests.build())
        let v = lm.vocabulary
        let ids = { (words: [String]) in words.map { v.id(of: $0) } }
        // "nông thôn ?" where the channel slightly prefers the wrong word.
        let slots = [
            Decoder.Slot(ids: ids(["nông"]), scores: [0]),
            Decoder.Slot(ids: ids(["thôn"]), scores: [0]),
            Decoder.Slot(ids: ids(["dân", "mới"]), scores: [0, -0.5]),
            Decoder.Slot(ids: [LMToken.sentenceEnd], scores: [0]),
        ]
        let result = Decoder(lm: lm).decode(slots)
        #expect(result.best[2] == 1)
        #expect(result.marginals![2][1] > result.marginals![2][0])
    }

    @Test("the best path's marginal equals the best total score at every slot")
    func marginalsAreConsistent() throws {
        let lm = LanguageModel(data: try LanguageModelTests.build())
        let v = lm.vocabulary
        let slots =
            ["xây", "dựng", "nông", "thôn", "mới"].map {
                Decoder.Slot(ids: [v.id(of: $0), v.id(of: "các")], scores: [0, -1])
            }
            + [Decoder.Slot(ids: [LMToken.sentenceEnd], scores: [0])]
        let r = Decoder(lm: lm).decode(slots)
        let best = r.marginals![0][r.best[0]]
        #expect(r.marginals!.count == slots.count)
        for i in 0..<r.marginals!.count {
            let m = r.marginals![i]
            #expect(abs(m[r.best[i]] - best) < 1e-3)
            #expect(m.max()! <= best + 1e-3)
        }
    }
}

@Suite("Decoder against exhaustive search")
struct DecoderExhaustiveTests {
    @Test(
        "Viterbi finds the best path and max-marginals match brute force on random lattices, with and without a document cache",
        arguments: [false, true])
    func matchesBruteForce(withCache: Bool) throws {
        let (lm, words) = try smallModelAndWords()
        var rng = SplitMix(seed: 7)
        var cache: DocumentCache? = nil
        if withCache {
            var c = DocumentCache(vocabularySize: lm.vocabulary.count, weight: 0.2)
            for k in 0..<12 {
                c.add(words[k % words.count], after: k % 3 == 0 ? nil : words[(k * 5) % words.count], weight: 0.9)
            }
            cache = c
        }
        func score(_ w: UInt16, _ u: UInt16, _ v: UInt16) -> Float {
            let lp = lm.logProb(w, after: u, v)
            guard let cache else { return lp }
            return cache.mix(lp, cacheProbability: cache.probability(w, after: v))
        }
        for _ in 0..<30 {
            let n = 2 + Int(rng.next() % 4)
            var slots: [Decoder.Slot] = []
            for _ in 0..<n {
                if rng.next() % 3 == 0 {
                    slots.append(Decoder.Slot(ids: [LMToken.sentenceEnd], scores: [0]))
                    slots.append(Decoder.Slot(ids: [LMToken.sentenceStart], scores: [0], unscored: true))
                }
                let k = 1 + Int(rng.next() % 4)
                slots.append(
                    Decoder.Slot(
                        ids: (0..<k).map { _ in words[Int(rng.next() % UInt64(words.count))] },
                        scores: (0..<k).map { _ in -Float(rng.next() % 50) / 10 }))
            }
            slots.append(Decoder.Slot(ids: [LMToken.sentenceEnd], scores: [0]))
            var decoder = Decoder(lm: lm)
            decoder.documentCache = cache
            let result = decoder.decode(slots)
            // Exhaustive.
            var bestScore: Float = -.infinity
            var marg = slots.map { [Float](repeating: -.infinity, count: $0.ids.count) }
            var choice = [Int](repeating: 0, count: slots.count)
            func walk(_ i: Int, _ u: UInt16, _ v: UInt16, _ acc: Float) {
                if i == slots.count {
                    if acc > bestScore { bestScore = acc }
                    for (j, c) in choice.enumerated() { marg[j][c] = max(marg[j][c], acc) }
                    return
                }
                for b in slots[i].ids.indices {
                    choice[i] = b
                    let w = slots[i].ids[b]
                    walk(i + 1, v, w, acc + (slots[i].unscored ? 0 : score(w, u, v)) + slots[i].scores[b])
                }
            }
            walk(0, LMToken.sentenceStart, LMToken.sentenceStart, 0)
            for i in slots.indices {
                for b in slots[i].ids.indices {
                    #expect(
                        abs(result.marginals![i][b] - marg[i][b]) < 1e-3 || (marg[i][b] < bestScore - 15),
                        "slot \(i) cand \(b)")
                }
                #expect(abs(result.marginals![i][result.best[i]] - bestScore) < 1e-3)
            }
        }
    }
}

@Suite("Bigram pruning against exhaustive search")
struct PruningTests {
    @Test(
        "pruning keeps the readings whose best bigram path is within the margin and cuts the rest, remembered rows or not"
    )
    func keepsReadingsWithinMargin() throws {
        let (lm, words) = try smallModelAndWords()
        var rng = SplitMix(seed: 11)
        let margin: Float = 3
        // Lists drawn from a few named ones, so rows recur and are taken from memory.
        let named = (0..<4).map { _ in
            (0..<(2 + Int(rng.next() % 3))).map { _ in words[Int(rng.next() % UInt64(words.count))] }
        }
        var rows = TransitionRows()
        for _ in 0..<40 {
            var lattice = Lattice()
            var lists: [Int32] = []
            for _ in 0..<(2 + Int(rng.next() % 4)) {
                let name = Int(rng.next() % UInt64(named.count))
                lattice.append(ids: named[name], scores: named[name].map { _ in -Float(rng.next() % 40) / 10 })
                lists.append(Int32(name))
            }
            lattice.append(fixed: LMToken.sentenceEnd)
            lists.append(TransitionRows.fixedName(LMToken.sentenceEnd))
            let n = lattice.count
            // Exhaustive bigram max-marginals.
            var marg = (0..<n).map { [Float](repeating: -.infinity, count: lattice.width($0)) }
            var choice = [Int](repeating: 0, count: n)
            func walk(_ i: Int, _ v: UInt16, _ acc: Float) {
                if i == n {
                    for (j, c) in choice.enumerated() { marg[j][c] = max(marg[j][c], acc) }
                    return
                }
                for b in 0..<lattice.width(i) {
                    choice[i] = b
                    let w = lattice.ids[lattice.at[i] + b]
                    walk(i + 1, w, acc + lm.logProb(w, after: v) + lattice.scores[lattice.at[i] + b])
                }
            }
            walk(0, LMToken.sentenceStart, 0)
            // Readings clearly inside the margin must be kept, those clearly outside cut (sums
            // in another order may differ in the last bits right at the boundary).
            var inside: Set<Int> = []
            var outside: Set<Int> = []
            for i in 0..<n {
                let best = marg[i].max()!
                for b in 0..<lattice.width(i) {
                    if lattice.width(i) == 1 || marg[i][b] >= best - margin + 1e-3 { inside.insert(lattice.at[i] + b) }
                    if lattice.width(i) > 1 && marg[i][b] < best - margin - 1e-3 { outside.insert(lattice.at[i] + b) }
                }
            }
            var unused = TransitionRows()
            let fresh = Decoder(lm: lm).pruneByBigram(lattice, rows: &unused, limit: 8, margin: margin)
            let remembered = Decoder(lm: lm).pruneByBigram(lattice, lists: lists, rows: &rows, limit: 8, margin: margin)
            #expect(inside.isSubset(of: fresh) && outside.isDisjoint(with: fresh))
            #expect(remembered == fresh)
        }
        #expect(!rows.offsets.isEmpty)
    }
}

/// The small test model and ten of its words, for random lattices.
func smallModelAndWords() throws -> (LanguageModel, [UInt16]) {
    let lm = LanguageModel(data: try LanguageModelTests.build())
    return (
        lm, ["xây", "dựng", "nông", "thôn", "mới", "các", "xã", "đạt", "chuẩn", "dân"].map { lm.vocabulary.id(of: $0) }
    )
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Float kernels")
struct FloatKernelTests {
    @Test("the vectorised maxima equal the plain loops at every length, remainders included")
    func kernelsMatchPlainLoops() {
        var rng = SplitMix(seed: 11)
        func values(_ n: Int) -> [Float] { (0..<n).map { _ in Float(Int(rng.next() % 2001) - 1000) / 37 } }
        for n in 0...13 {
            let x = values(n)
            let y = values(n)
            let z = values(n)
            let add = Float(Int(rng.next() % 100)) / 7
            var plain = values(n)
            var fast = plain
            for j in 0..<n { plain[j] = max(plain[j], add + x[j]) }
            fast.withUnsafeMutableBufferPointer { f in
                x.withUnsafeBufferPointer {
                    FloatKernels.maxAccumulate(f.baseAddress!, $0.baseAddress!, plus: add, count: n)
                }
            }
            #expect(fast == plain, "maxAccumulate(plus:) at \(n)")
            var plain2 = values(n)
            var fast2 = plain2
            for j in 0..<n { plain2[j] = max(plain2[j], x[j] + y[j]) }
            fast2.withUnsafeMutableBufferPointer { f in
                x.withUnsafeBufferPointer { xp in
                    y.withUnsafeBufferPointer {
                        FloatKernels.maxAccumulate(f.baseAddress!, xp.baseAddress!, $0.baseAddress!, count: n)
                    }
                }
            }
            #expect(fast2 == plain2, "maxAccumulate at \(n)")
            let expected = (0..<n).map { x[$0] + y[$0] + z[$0] }.max() ?? -.infinity
            let got = x.withUnsafeBufferPointer { xp in
                y.withUnsafeBufferPointer { yp in
                    z.withUnsafeBufferPointer {
                        FloatKernels.maxOfSums(xp.baseAddress!, yp.baseAddress!, $0.baseAddress!, count: n)
                    }
                }
            }
            #expect(got == expected, "maxOfSums at \(n)")
        }
    }
}
