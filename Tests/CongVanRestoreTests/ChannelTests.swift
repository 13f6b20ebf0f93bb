import Testing

@testable import CongVanRestore

@Suite("Channel model")
struct ChannelTests {
    func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    @Test("the shape prior prefers plausible misreadings to arbitrary ones")
    func priorRanksShapes() {
        let ch = ChannelTrainer(prior: ShapePrior(weights: .english)).priorChannel()
        let lp = { (o: String, t: String) in ch.logProb(observed: self.scalars(o), truth: self.scalars(t)) }
        #expect(lp("duoc", "được") > lp("xyzq", "được"))
        #expect(lp("s6", "số") > lp("sk", "số"))
        #expect(lp("sirc", "sức") > lp("sabc", "sức"))
        #expect(lp("x4", "xã") > lp("xk", "xã"))
    }

    @Test("training on pairs raises the probability of the confusions they show")
    func trainingLearnsConfusions() {
        let trainer = ChannelTrainer(prior: ShapePrior(weights: .english))
        let before = trainer.priorChannel().logProb(observed: scalars("trirc"), truth: scalars("trực"))
        let pairs =
            Array(repeating: (truth: scalars("trực"), observed: scalars("trirc")), count: 30)
            + Array(repeating: (truth: scalars("lực"), observed: scalars("lirc")), count: 30)
        let after = trainer.train(pairs: pairs).logProb(observed: scalars("trirc"), truth: scalars("trực"))
        #expect(after > before + 1)
    }

    @Test("the Vietnamese-OCR channel keeps letters and allows tone slips")
    func vietnameseChannel() {
        let ch = ChannelTrainer(prior: ShapePrior(weights: .vietnamese)).priorChannel()
        let same = ch.logProb(observed: scalars("quốc"), truth: scalars("quốc"))
        let slip = ch.logProb(observed: scalars("quôc"), truth: scalars("quốc"))
        let garble = ch.logProb(observed: scalars("qu6c"), truth: scalars("quốc"))
        #expect(same > slip && slip > garble)
    }

    @Test("adapting to a document's counts raises its own confusions")
    func adaptation() {
        let ch = ChannelTrainer(prior: ShapePrior(weights: .english)).priorChannel()
        let ops = ch.alignment(observed: scalars("pang"), truth: scalars("đảng"))
        var counts: [EditChannel.RuleKey: Double] = [:]
        for op in ops { counts[op, default: 0] += 5 }
        let adapted = ch.adapted(counts: counts, strength: 8)
        #expect(
            adapted.logProb(observed: scalars("pang"), truth: scalars("đảng"))
                > ch.logProb(observed: scalars("pang"), truth: scalars("đảng")))
    }
}
