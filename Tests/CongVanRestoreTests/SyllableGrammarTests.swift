import Testing

@testable import CongVanRestore

@Suite("Syllable grammar")
struct SyllableGrammarTests {
    @Test(
        "real syllables are accepted, including gi-, qu- and three-vowel rhymes",
        arguments: [
            "nghiêng", "quốc", "giếng", "gì", "khuỷu", "được", "xã", "thuở", "Nguyễn", "ĐẢNG", "hoà", "hòa", "khuya",
        ])
    func acceptsSyllables(_ s: String) {
        #expect(SyllableGrammar.isValid(s))
    }

    @Test(
        "OCR garble and impossible tones are rejected",
        arguments: ["dugc", "x4", "méi", "sirc", "tlch", "quôc", "cac", "nhimg", "ti€u", "UBND"])
    func rejectsGarble(_ s: String) {
        #expect(!SyllableGrammar.isValid(s))
    }

    @Test("a syllable splits into onset, rhyme and tone")
    func parsesParts() {
        let p = SyllableGrammar.parse("Trường")
        #expect(p?.onset == "tr")
        #expect(p?.rhyme == "ương")
        #expect(p?.tone == .grave)
    }
}

@Suite("Tone-mark placement")
struct TonePlacementTests {
    func other(_ s: String) -> String? {
        SyllableGrammar.otherPlacement(Array(s.unicodeScalars)).map { String(String.UnicodeScalarView($0)) }
    }

    @Test("oa, oe and uy syllables have both placements; others have one")
    func otherPlacement() {
        #expect(other("khóa") == "khoá")
        #expect(other("khoá") == "khóa")
        #expect(other("thủy") == "thuỷ")
        #expect(other("hòe") == "hoè")
        #expect(other("quý") == nil)
        #expect(other("hoa") == nil)
        #expect(other("toán") == nil)
    }
}
