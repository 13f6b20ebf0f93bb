import CongVanCore
import Testing

@testable import CongVanRestore

/// Codes restored from the table of real codes' parts (`DocumentCodes`), never letter by letter.
@Suite("Document codes")
struct DocumentCodeTests {
    /// A small table shaped like the built one: the parts written in codes and as words, and
    /// agencies' initials. `VP` and `ĐĐ` are known parts, so the old reading of `VPDP` as two
    /// abbreviations would give `VPĐĐ`.
    let table = DocumentCodes(
        written: [
            "QĐ": 900, "NĐ": 400, "CP": 500, "UBND": 800, "HĐND": 300, "TTg": 200, "TTr": 40, "SNN": 12, "KH": 300,
            "NQ": 200, "BCĐTW": 20, "BCĐ": 40, "VP": 50, "ĐĐ": 50, "VPĐD": 78, "QP": 4,
        ],
        initials: ["VPĐP": 60, "VPĐ": 70, "BCĐ": 30])

    func restore(_ code: String, garbled: Bool = false) -> String {
        table.restore(Array(code.unicodeScalars)[...], garbled: garbled)
    }

    @Test("01/BCDTW-VPDP restores to 01/BCĐTW-VPĐP in stripped text and in OCR garble")
    func issueExample() {
        #expect(restore("01/BCDTW-VPDP") == "01/BCĐTW-VPĐP")
        #expect(restore("01/BCDTW-VPDP", garbled: true) == "01/BCĐTW-VPĐP")
    }

    @Test("each part is looked up whole with Đ and D folded: NĐ-CP, QĐ-UBND, NQ-HĐND; parts without D stay")
    func partsLookedUpWhole() {
        #expect(restore("27/2022/ND-CP") == "27/2022/NĐ-CP")
        #expect(restore("1234/QD-UBND") == "1234/QĐ-UBND")
        #expect(restore("03/2022/NQ-HDND") == "03/2022/NQ-HĐND")
        #expect(restore("92/TTr-SNN") == "92/TTr-SNN")
        #expect(restore("208/KH-UBND") == "208/KH-UBND")
        #expect(restore("272/KH - UBND") == "272/KH - UBND")
    }

    @Test("a part no table knows is left as written, never built from smaller known codes (VP + ĐĐ)")
    func unknownPartsStay() {
        let bare = DocumentCodes(written: ["VP": 50, "ĐĐ": 50, "QĐ": 900])
        #expect(bare.restore(Array("01/QD-VPDP".unicodeScalars)[...], garbled: true) == "01/QĐ-VPDP")
        #expect(restore("7/XDD-ABD") == "7/XDD-ABD")
    }

    @Test("a written spelling wins over an agency's initials for the same letters")
    func writtenBeforeInitials() {
        let t = DocumentCodes(written: ["VPĐD": 78], initials: ["VPDĐ": 200])
        #expect(t.restore(Array("5/VPDD".unicodeScalars)[...], garbled: false) == "5/VPĐD")
    }

    @Test("in garble a letter kept as written beats a rarer reading of it as Đ: VPDP is VPĐP though VPĐĐ is commoner")
    func keptLetterBeatsMisreading() {
        let t = DocumentCodes(initials: ["VPĐP": 80, "VPĐĐ": 101])
        #expect(t.restore(Array("01/VPDP".unicodeScalars)[...], garbled: true) == "01/VPĐP")
        #expect(t.restore(Array("01/VPBP".unicodeScalars)[...], garbled: true) == "01/VPĐP")
    }

    @Test("in garble the letters OCR reads for Đ (P, b) are matched too, where the whole part is known")
    func garbleLookalikes() {
        #expect(restore("4072/QD-BNN-VPBP", garbled: true) == "4072/QĐ-BNN-VPĐP")
        #expect(restore("867/Qb-UBND", garbled: true) == "867/QĐ-UBND")
        #expect(restore("3/NQ-HPND", garbled: true) == "3/NQ-HĐND")
        // In stripped text only D lost its stroke: a P is a P.
        #expect(restore("4/QP-UBND") == "4/QP-UBND")
    }

    @Test("a rare spelling does not override the part's own when that is common too")
    func dominanceRequired() {
        let t = DocumentCodes(written: ["DT": 40, "ĐT": 60])
        #expect(t.restorePart("DT", garbled: false) == nil)
    }

    @Test("the builder counts codes' parts and abbreviations as written, and agencies' initials with D or Đ")
    func collection() {
        var written: [String: Int] = [:]
        var initials: [String: Int] = [:]
        for line in [
            "Theo Nghị định số 27/2022/NĐ-CP của Chính phủ và Kế hoạch số 5/KH-UBND.",
            "Văn phòng Điều phối nông thôn mới tỉnh tổng hợp, báo cáo Ban Chỉ đạo (BCĐ).",
            "Ủy ban nhân dân tỉnh ban hành Quy chế; MỤC TIÊU",
        ] {
            DocumentCodes.collect(TokenizedLine(line), written: &written, initials: &initials)
        }
        #expect(written["NĐ"] == 1 && written["CP"] == 1 && written["KH"] == 1 && written["UBND"] == 1)
        #expect(written["BCĐ"] == 1)
        // A heading word in capitals is a syllable, not an abbreviation.
        #expect(written["MỤC"] == nil && written["TIÊU"] == nil)
        #expect(initials["VPĐ"] == 1 && initials["VPĐP"] == 1 && initials["VPĐPNTM"] == 1)
        // The locality after the name (`tỉnh`) ends it; initials without D or Đ are not kept.
        #expect(initials["VPĐPNTMT"] == nil)
        #expect(initials["BCĐ"] == 1)
        #expect(initials.keys.allSatisfy { $0.contains("Đ") || $0.contains("D") })
        // `ban hành` starts no name: the word after a head noun must be capitalised.
        #expect(!initials.keys.contains { $0.hasPrefix("BH") })
    }

    @Test("the table survives writing and reading its lexicon section")
    func sectionRoundTrip() throws {
        var w = ByteWriter()
        table.write(into: &w)
        let read = try w.bytes.withUnsafeBytes { try DocumentCodes.read($0) }
        #expect(read.written == table.written)
        #expect(read.initials == table.initials)
    }
}

@Suite("Document codes in restored text")
struct DocumentCodeRestorationTests {
    let r = sharedRestorer

    @Test("a cited Central Steering Committee letter keeps its code: 01/BCDTW-VPDP → 01/BCĐTW-VPĐP")
    func citedCodeInText() {
        let stripped = r.restore("Thuc hien Cong van so 01/BCDTW-VPDP ngay 19/3/2020 cua Ban Chi dao Trung uong").text
        #expect(stripped.contains("01/BCĐTW-VPĐP"))
        let garbled = r.restore("thuc hién Cong van s6 01/BCDTW-VPDP ngay 19/3/2020 cta Ban Chi dao Trung vwong cac")
            .text
        #expect(garbled.contains("01/BCĐTW-VPĐP"))
    }

    @Test("the built table holds the programme's codes: BCĐTW and NĐ written, VPĐP from its agency's name")
    func builtTableHoldsProgrammeCodes() {
        #expect(r.codes.restorePart("BCDTW", garbled: false) == "BCĐTW")
        #expect(r.codes.restorePart("ND", garbled: false) == "NĐ")
        #expect(r.codes.restorePart("VPDP", garbled: false) == "VPĐP")
        #expect(r.codes.restorePart("UBND", garbled: false) == nil)
    }
}
