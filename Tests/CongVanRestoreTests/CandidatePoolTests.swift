import CongVanCore
import Testing

@testable import CongVanRestore

@Suite("Candidate pool")
struct CandidatePoolTests {
    let r = sharedRestorer

    /// The readings a garbled token takes into its pool, in order.
    func pool(of token: String, in line: String) -> [String] {
        let session = RestorationSession(restorer: r, lines: [Array(line.unicodeScalars)], details: false)
        let ranked = session.rank(session.baseCandidates(Array(token.unicodeScalars), key: token))
        return ranked.map { r.lm.vocabulary.words[Int($0.id)] }
    }

    @Test(
        "a common word that a costlier misreading explains stays in the pool ahead of rare syllables a letter away (di → đã)"
    )
    func commonWordsOutrankRareNeighbours() {
        let line = "Nhiing x4 di hoan thanh cac tiéu chi, c6 them 05 x4 dat chuan"
        #expect(pool(of: "di", in: line).contains("đã"))
        #expect(pool(of: "xi", in: line).contains("xã"))
    }
}
