import CongVanCore
import Testing

@testable import CongVanParse

@Suite("Parsing any input")
struct ParseBehaviourTests {
    @Test("an empty text yields a record of nulls and a warning")
    func emptyText() {
        for text in ["", "\n\n   \n"] {
            let r = Fixtures.parser.parse(text, source: "empty.txt")
            #expect(r.kind == nil && r.number == nil && r.date == nil && r.issuer == nil && r.subject == nil)
            #expect(r.targets.isEmpty && r.communes.isEmpty && r.references.isEmpty)
            #expect(r.warnings.count == 1)
            #expect(r.source == "empty.txt")
        }
    }

    @Test("a text that is not a directive yields nulls and says it may not be one")
    func notADirective() {
        let r = Fixtures.parser.parse("Hôm nay trời đẹp.\nChúng tôi đi chơi công viên và ăn kem.\n", source: "note.txt")
        #expect(r.kind == nil && r.number == nil && r.date == nil && r.issuer == nil)
        #expect(r.warnings.contains { $0.contains("may not be a directive") })
    }

    @Test("random symbols and numbers do not crash the parser")
    func junk() {
        let junk = (0..<200).map { i in
            ["(", ")", "%", "số", "/", "-", "xã", "Xã", "năm", "2020", "01", ";", "\n", "“"][i * 7 % 14]
        }.joined(separator: " ")
        let r = Fixtures.parser.parse(junk, source: "junk")
        #expect(r.source == "junk")
    }

    @Test("a blank number keeps its suffix; a blank day keeps year and month")
    func blankNumberAndDay() {
        let r = Fixtures.parser.parse(
            "UBND HUYỆN HÀ QUẢNG\n\nSố:      /UBND-VP\nV/v kiểm tra\n\nHà Quảng, ngày    tháng 5 năm 2024\n",
            source: "t")
        #expect(r.number == nil)
        #expect(r.numberSuffix == "UBND-VP")
        #expect(r.date == "2024-05")
        #expect(r.kind == "Công văn")
        #expect(r.issuer == "UBND huyện Hà Quảng")
        #expect(r.subject == "kiểm tra")
    }

    @Test("a cited document's date is never taken as the document's date")
    func citedDateIsNotTheDate() {
        let r = Fixtures.parser.parse(
            "UBND TỈNH CAO BẰNG\n\nThực hiện Kế hoạch số 5/KH-UBND ngày 12 tháng 3 năm 2021 của UBND tỉnh.\n",
            source: "t")
        #expect(r.date == nil)
        #expect(r.references.first?.date == "2021-03-12")
    }

    struct FakeRestorer: TextRestoring {
        let degraded: Bool
        func needsRestoration(_ text: String) -> Bool { degraded }
        func restore(_ text: String) -> String { text.replacingOccurrences(of: "Sxx:", with: "Số:") }
    }
    struct Unavailable: Error {}

    @Test("restore never leaves the text alone and does not load the restorer")
    func restoreNever() {
        var loaded = false
        let r = Fixtures.parser.parse("UBND TỈNH CAO BẰNG\nSxx: 7/UBND-KT\n", source: "t", restore: .never) {
            loaded = true
            return FakeRestorer(degraded: true)
        }
        #expect(!loaded)
        #expect(r.number == nil)
    }

    @Test("restore auto restores degraded text only; always restores regardless")
    func restoreAutoAndAlways() {
        let text = "UBND TỈNH CAO BẰNG\nSxx: 7/UBND-KT\n"
        #expect(
            Fixtures.parser.parse(text, source: "t", restore: .auto) { FakeRestorer(degraded: true) }.number
                == "7/UBND-KT")
        #expect(
            Fixtures.parser.parse(text, source: "t", restore: .auto) { FakeRestorer(degraded: false) }.number == nil)
        #expect(
            Fixtures.parser.parse(text, source: "t", restore: .always) { FakeRestorer(degraded: false) }.number
                == "7/UBND-KT")
    }

    @Test("when restoration cannot load, the text is parsed as is and the record says so")
    func restorerUnavailable() {
        let r = Fixtures.parser.parse("UBND TỈNH CAO BẰNG\nSố: 7/UBND-KT\n", source: "t", restore: .auto) {
            throw Unavailable()
        }
        #expect(r.number == "7/UBND-KT")
        #expect(r.warnings.first?.contains("restoration is unavailable") == true)
    }

    @Test("the JSON keeps absent fields as null")
    func jsonNulls() throws {
        let json = try RecordJSON.encode(Fixtures.parser.parse("", source: "e"))
        #expect(json.contains("\"number\" : null"))
        #expect(json.contains("\"date\" : null"))
    }
}

@Suite("Input refused before parsing")
struct InputRefusalTests {
    @Test("a binary file is refused with a message naming it, so it never reaches the parser")
    func binaryRefused() {
        let bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 64)
        #expect(throws: CoreError.binaryInput(source: "a.out")) { try TextInput.decode(bytes, source: "a.out") }
        #expect(CoreError.binaryInput(source: "a.out").localizedDescription.contains("a.out"))
    }
}

@Suite("Letterhead variants")
struct LetterheadTests {
    @Test("a party number with a dash, an agency under a parent, addressees on one line")
    func partyNumberAndSubAgency() {
        let text = """
            UBND TỈNH CAO BẰNG
            SỞ NÔNG NGHIỆP VÀ PTNT
            Số: 15-CT/SNN
            Cao Bằng, ngày 3 tháng 4 năm 2024
            Kính gửi: Phòng Nông nghiệp các huyện; Ủy ban nhân dân các xã.
            """
        let r = Fixtures.parser.parse(text, source: "t")
        #expect(r.number == "15-CT/SNN")
        #expect(r.kind == "Chỉ thị")
        #expect(r.issuer == "Sở Nông nghiệp và PTNT")
        #expect(r.addressees == ["Phòng Nông nghiệp các huyện", "Ủy ban nhân dân các xã"])
        #expect(r.date == "2024-04-03")
    }

    @Test("a party committee keeps its locality's name capitalised")
    func partyCommittee() {
        let r = Fixtures.parser.parse("HUYỆN ỦY TRÙNG KHÁNH\n\nSố 02-KH/HU\n", source: "t")
        #expect(r.issuer == "Huyện ủy Trùng Khánh")
        #expect(r.kind == "Kế hoạch")
    }

    @Test("a compound unit is kept whole and the measured quantity named from before the number")
    func compoundUnit() {
        let r = Fixtures.parser.parse(
            "UBND TỈNH CAO BẰNG\n\nSố: 3/KH-UBND\n\nPhấn đấu năm 2025 thu nhập bình quân đầu người đạt 45 triệu đồng/người/năm.",
            source: "t")
        #expect(r.targets.first?.unit == "triệu đồng/người/năm")
        #expect(r.targets.first?.indicator == "thu nhập bình quân đầu người")
        #expect(r.targets.first?.year == 2025)
    }
}

@Suite("Two-column headers read as one line")
struct MergedHeaderTests {
    @Test("number and place-date on one OCR line, issuer from the signature stamp")
    func numberAndDateOnOneLine() {
        let text = """
            Số: 1391 /UBND-KT Cao Bằng, ngày 05 tháng 6 năm 2020
            V/v chỉ đạo đẩy nhanh tiến độ

            Kính gửi:
            - Các sở, ban, ngành của tỉnh.

            Nội dung công văn.

            Ký bởi: Ủy ban Nhân dân tỉnh Cao Bằng
            """
        let r = Fixtures.parser.parse(text, source: "t")
        #expect(r.number == "1391/UBND-KT")
        #expect(r.place == "Cao Bằng")
        #expect(r.date == "2020-06-05")
        #expect(r.issuer == "UBND tỉnh Cao Bằng")
        #expect(r.subject == "chỉ đạo đẩy nhanh tiến độ")
    }
}

@Suite("Restored text with slips")
struct RestoredSlipTests {
    @Test("a garbled của in the closing formula still names the issuer; a surname gets its usual marks")
    func closingAndSurname() {
        let text = """
            Kế hoạch thực hiện phong trào

            Nội dung kế hoạch.

            Trên đây là Kế hoạch thực hiện phong trào cia Ủy ban nhân dân huyện Hà Quảng./.

            Nơi nhận:
            - Như trên;
            CHỦ TỊCH
            Nguyên Văn Hùng
            """
        let r = Fixtures.parser.parse(text, source: "t")
        #expect(r.issuer == "UBND huyện Hà Quảng")
        #expect(r.kind == "Kế hoạch")
        #expect(r.signer == "Nguyễn Văn Hùng")
    }

    @Test("a forward cue with slipped marks still makes a target, a programme name does not")
    func foldedCue() {
        let base = "UBND TỈNH CAO BẰNG\n\nSố: 4/KH-UBND\n\n"
        let slipped = Fixtures.parser.parse(base + "- Phần đầu 03 xã đạt chuẩn nông thôn mới năm 2026;", source: "t")
        #expect(slipped.targets.map(\.quantity) == [3])
        let programme = Fixtures.parser.parse(
            base + "Thực hiện Chương trình muc tieu quoc gia tại 03 xã đạt chuẩn nông thôn mới.", source: "t")
        #expect(programme.targets.isEmpty)
    }
}
