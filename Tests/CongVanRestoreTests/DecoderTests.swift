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
        for (i, m) in r.marginals.enumerated() {
            #expect(abs(m[r.best[i]] - best) < 1e-3)
            #expect(m.max()! <= best + 1e-3)
        }
    }
}
