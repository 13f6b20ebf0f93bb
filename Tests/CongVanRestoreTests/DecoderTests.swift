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
        #expect(result.marginals[2][1] > result.marginals[2][0])
    }

    @Test("the best path's marginal equals the best total score at every slot")
    func marginalsAreConsistent() throws {
        let lm = LanguageModel(data: try LanguageModelTests.build())
        let v = lm.vocabulary
        let slots = ["xây", "dựng", "nông", "thôn", "mới"].map { Decoder.Slot(ids: [v.id(of: $0), v.id(of: "các")], scores: [0, -1]) }
            + [Decoder.Slot(ids: [LMToken.sentenceEnd], scores: [0])]
        let r = Decoder(lm: lm).decode(slots)
        let best = r.marginals[0][r.best[0]]
        #expect(r.marginals.count == slots.count)
        for i in 0..<r.marginals.count {
            let m = r.marginals[i]
            #expect(abs(m[r.best[i]] - best) < 1e-3)
            #expect(m.max()! <= best + 1e-3)
        }
    }
}

@Suite("Decoder against exhaustive search")
struct DecoderExhaustiveTests {
    @Test("Viterbi finds the best path and max-marginals match brute force on random lattices")
    func matchesBruteForce() throws {
        let lm = LanguageModel(data: try LanguageModelTests.build())
        let words = ["xây", "dựng", "nông", "thôn", "mới", "các", "xã", "đạt", "chuẩn", "dân"].map { lm.vocabulary.id(of: $0) }
        var rng = SplitMix(seed: 7)
        for _ in 0..<30 {
            let n = 2 + Int(rng.next() % 4)
            var slots: [Decoder.Slot] = []
            for _ in 0..<n {
                if rng.next() % 3 == 0 {
                    slots.append(Decoder.Slot(ids: [LMToken.sentenceEnd], scores: [0]))
                    slots.append(Decoder.Slot(ids: [LMToken.sentenceStart], scores: [0], unscored: true))
                }
                let k = 1 + Int(rng.next() % 4)
                slots.append(Decoder.Slot(ids: (0..<k).map { _ in words[Int(rng.next() % UInt64(words.count))] },
                                          scores: (0..<k).map { _ in -Float(rng.next() % 50) / 10 }))
            }
            slots.append(Decoder.Slot(ids: [LMToken.sentenceEnd], scores: [0]))
            let result = Decoder(lm: lm).decode(slots)
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
                    walk(i + 1, v, w, acc + (slots[i].unscored ? 0 : lm.logProb(w, after: u, v)) + slots[i].scores[b])
                }
            }
            walk(0, LMToken.sentenceStart, LMToken.sentenceStart, 0)
            for i in slots.indices {
                for b in slots[i].ids.indices {
                    #expect(abs(result.marginals[i][b] - marg[i][b]) < 1e-3 || (marg[i][b] < bestScore - 15), "slot \(i) cand \(b)")
                }
                #expect(abs(result.marginals[i][result.best[i]] - bestScore) < 1e-3)
            }
        }
    }
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
