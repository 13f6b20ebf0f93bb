import Testing

@testable import CongVanOCR

@Suite("Character error rate")
struct CharacterErrorRateTests {
    @Test("identical text has zero error however it is wrapped or composed")
    func wrappingAndCompositionDoNotCount() {
        let truth = "Ủy ban nhân dân\ntỉnh Đồng Nai"
        let hypothesis = "  U\u{0309}y ban   nhân dân\n\n\ttỉnh Đồng Nai\n"
        #expect(CharacterErrorRate.compute(hypothesis: hypothesis, truth: truth) == 0)
    }

    @Test("each wrong, missing or extra character counts once against the truth's length")
    func countsEdits() {
        // "Hà Nội" has 6 characters; a lost tone mark is one substitution.
        #expect(CharacterErrorRate.compute(hypothesis: "Hà Nôi", truth: "Hà Nội") == 1.0 / 6)
        #expect(CharacterErrorRate.compute(hypothesis: "Hà Nộii", truth: "Hà Nội") == 1.0 / 6)
        #expect(CharacterErrorRate.compute(hypothesis: "HàNội", truth: "Hà Nội") == 1.0 / 6)
        #expect(CharacterErrorRate.compute(hypothesis: "", truth: "Hà Nội") == 1)
    }

    @Test("lines in the wrong order cost edits")
    func orderMatters() {
        let truth = "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        let interleaved = "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BẮC NINH"
        #expect(CharacterErrorRate.compute(hypothesis: interleaved, truth: truth) > 0.2)
    }

    @Test("edit distance is symmetric and handles empty input")
    func editDistance() {
        let a = Array("kitten".unicodeScalars)
        let b = Array("sitting".unicodeScalars)
        #expect(CharacterErrorRate.editDistance(a, b) == 3)
        #expect(CharacterErrorRate.editDistance(b, a) == 3)
        #expect(CharacterErrorRate.editDistance([], b) == 7)
        #expect(CharacterErrorRate.compute(hypothesis: "", truth: " \n ") == 0)
    }
}
