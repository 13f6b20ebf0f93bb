import Foundation
import Testing

@testable import CongVanCore

@Suite("Vietnamese letters")
struct VietnameseTests {
    @Test("every precomposed letter splits into the base and tone that NFD gives")
    func letterTableAgreesWithUnicodeDecomposition() {
        let toneMarks: [UInt32: Vietnamese.Tone] = [
            0x300: .grave, 0x301: .acute, 0x309: .hook, 0x303: .tilde, 0x323: .dot,
        ]
        for row in Vietnamese.vowelRows {
            for s in (row + row.uppercased()).unicodeScalars {
                let nfd = String(s).decomposedStringWithCanonicalMapping.unicodeScalars
                let tone = nfd.compactMap { toneMarks[$0.value] }.first ?? .level
                let letter = Vietnamese.letter(s)
                #expect(letter?.tone == tone, "tone of \(s)")
                #expect(Vietnamese.compose(base: letter!.base, tone: tone, upper: letter!.isUpper) == s)
            }
        }
    }

    @Test("folding removes tones and shape marks and maps đ explicitly")
    func foldMapsDStroke() {
        #expect(Vietnamese.fold("Đến nông thôn mới, ƯU TIÊN") == "Den nong thon moi, UU TIEN")
        #expect(Vietnamese.foldKey("Hưng Đạo") == "hung dao")
    }

    @Test("tone key ignores where the tone mark sits but not which tone it is")
    func toneKeyIsPlacementInsensitive() {
        #expect(Vietnamese.toneKey("Hoà An") == Vietnamese.toneKey("Hòa An"))
        #expect(Vietnamese.toneKey("Thuỷ") == Vietnamese.toneKey("thủy"))
        #expect(Vietnamese.toneKey("xã") != Vietnamese.toneKey("xá"))
    }

    @Test("case patterns are detected and re-applied")
    func casePatternRoundTrip() {
        #expect(CasePattern(of: "NÔNG") == .upper)
        #expect(CasePattern(of: "Nông") == .title)
        #expect(CasePattern(of: "nông") == .lower)
        #expect(CasePattern(of: "x4") == .lower)
        #expect(CasePattern.upper.apply(to: "đảng") == "ĐẢNG")
        #expect(CasePattern.title.apply(to: "đảng") == "Đảng")
    }

    @Test("a letter changes case as Unicode says, keeping its tone and shape marks; other scalars have no case here")
    func lettersChangeCase() {
        for row in ["aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "ơờớởỡợ", "ưừứửữự", "yỳýỷỹỵ", "đbcz"] {
            for s in row.unicodeScalars {
                let upper = String(s).uppercased().unicodeScalars.first!
                #expect(Vietnamese.uppercase(s) == upper)
                #expect(Vietnamese.uppercase(upper) == upper)
                #expect(Vietnamese.lowercase(upper) == s)
                #expect(Vietnamese.lowercase(s) == s)
            }
        }
        for s in "7-€ ".unicodeScalars {
            #expect(Vietnamese.uppercase(s) == nil && Vietnamese.lowercase(s) == nil)
        }
        #expect(Vietnamese.lowercase("ĐỒNG Ý Ủy") == "đồng ý ủy")
    }
}
