import Testing

@testable import CongVanRestore

@Suite("Codes whose slash OCR read as a letter")
struct SlashCodeTests {
    let table = AbbreviationTable(counts: [:], patterns: ["V/v": 7, "KH/UBND": 4, "T/c": 1])

    @Test(
        "a look-alike of the slash between letters gives the corpus spelling of the code, whatever the case of its letters"
    )
    func lookalikesGiveTheCode() {
        for token in ["VIV", "Viv", "Vlv", "V|v", "v1v"] {
            #expect(table.slashCode(Array(token.unicodeScalars)[...]) == "V/v", "\(token)")
        }
        #expect(table.slashCode(Array("KHlUBND".unicodeScalars)[...]) == "KH/UBND")
    }

    @Test("a token that gives no code seen often enough, or whose look-alike is at an edge, is left alone")
    func otherTokensAreNotCodes() {
        for token in ["TIC", "IVV", "VVI", "Vi", "TIc"] {
            #expect(table.slashCode(Array(token.unicodeScalars)[...]) == nil, "\(token)")
        }
    }
}
