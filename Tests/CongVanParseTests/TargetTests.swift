import CongVanCore
import Testing

@testable import CongVanParse

/// General target rules, on sentences written for the tests (not taken from the seeds).
@Suite("Targets and achievements")
struct TargetTests {
    /// A minimal letterhead so the body is read as a directive of a district of Cao Bằng.
    func parse(_ body: String, issuer: String = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CAO BẰNG") -> DirectiveRecord {
        Fixtures.parser.parse(
            "\(issuer)\n\nSố: 9/KH-UBND\n\nCao Bằng, ngày 02 tháng 3 năm 2023\n\n\(body)", source: "test")
    }

    @Test("each commune can carry its own year; the target year stays empty when they differ")
    func perCommuneYears() throws {
        let r = parse(
            "- Phấn đấu 03 xã đạt chuẩn nông thôn mới nâng cao (xã Chu Trinh năm 2024; xã Vĩnh Quang năm 2026);")
        let t = try #require(r.targets.first)
        #expect(r.targets.count == 1)
        #expect(t.quantity == 3 && t.unit == "xã" && t.indicator == "đạt chuẩn nông thôn mới nâng cao")
        #expect(t.year == nil)
        #expect(t.communes.map(\.name) == ["Chu Trinh", "Vĩnh Quang"])
        #expect(t.communes.map(\.year) == [2024, 2026])
        #expect(t.communes.allSatisfy { $0.district == "Cao Bằng" })
    }

    @Test("a bare commune name in the parenthesis counts when the document names it elsewhere")
    func bareCommuneName() throws {
        let r = parse(
            "Hướng dẫn các xã Chu Trinh, Vĩnh Quang rà soát tiêu chí.\n\n- Phấn đấu 01 xã đạt chuẩn nông thôn mới kiểu mẫu (Chu Trinh năm 2027)."
        )
        let t = try #require(r.targets.first)
        #expect(t.communes.map(\.name) == ["Chu Trinh"])
        #expect(t.year == 2027)
    }

    @Test("percentages keep what they measure; the year comes from the sentence")
    func percentages() {
        let r = parse(
            "Trong năm 2024, phấn đấu 80% thôn đạt chuẩn nông thôn mới, 30% thôn đạt chuẩn nông thôn mới kiểu mẫu.")
        #expect(r.targets.map(\.quantity) == [80, 30])
        #expect(r.targets.map(\.unit) == ["%", "%"])
        #expect(
            r.targets.map(\.indicator) == ["thôn đạt chuẩn nông thôn mới", "thôn đạt chuẩn nông thôn mới kiểu mẫu"])
        #expect(r.targets.map(\.year) == [2024, 2024])
    }

    @Test("criteria counts keep the unit in the indicator and a recognition verb before the number")
    func measuresAndVerbs() {
        let r = parse(
            "Năm 2025, toàn huyện phấn đấu hoàn thành 15 tiêu chí xã nông thôn mới và công nhận 05 thôn nông thôn mới.")
        #expect(r.targets.map(\.indicator) == ["tiêu chí xã nông thôn mới", "công nhận thôn nông thôn mới"])
        #expect(r.targets.map(\.unit) == ["tiêu chí", "thôn"])
        #expect(r.targets.map(\.year) == [2025, 2025])
    }

    @Test("a range and a per-unit scope: mỗi huyện 01- 02 xã")
    func rangeAndScope() throws {
        let r = parse(
            "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2021\n\n- Giảm 09 xã đạt dưới 10 tiêu chí, mỗi huyện 01- 02 xã đạt trên 15 tiêu chí."
        )
        let ranged = try #require(r.targets.first { $0.quantityMax != nil })
        #expect(ranged.quantity == 1 && ranged.quantityMax == 2)
        #expect(ranged.scope == "mỗi huyện")
        #expect(ranged.year == 2021)
        #expect(r.targets.contains { $0.quantity == 9 && $0.indicator?.hasPrefix("giảm") == true })
    }

    @Test("reported results go to achievements, not targets")
    func achievements() {
        let r = parse("Đến nay, toàn tỉnh đã có 20 xã đạt chuẩn nông thôn mới, tăng 5 xã so với năm 2018.")
        #expect(r.targets.isEmpty)
        #expect(r.achievements.first?.quantity == 20)
        #expect(r.achievements.first?.indicator == "đạt chuẩn nông thôn mới")
        #expect(r.achievements.allSatisfy { $0.year != 2018 })
    }

    @Test("a goal without a number names the unit that must reach it")
    func goalWithoutNumber() throws {
        let r = parse("- Phấn đấu đến năm 2026 huyện Hà Quảng hoàn thành nhiệm vụ xây dựng nông thôn mới;")
        let t = try #require(r.targets.first)
        #expect(t.quantity == nil && t.unit == nil)
        #expect(t.scope == "huyện Hà Quảng")
        #expect(t.indicator == "hoàn thành nhiệm vụ xây dựng nông thôn mới")
        #expect(t.year == 2026)
    }

    @Test("programme names, citations, dates and criterion numbers are not targets")
    func noFalseTargets() {
        let r = parse(
            "Thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới theo Kế hoạch số 50/KH-UBND ngày 23/02/2023; 61 xã đạt tiêu chí số 2 - Giao thông; báo cáo trong tháng 02/2023."
        )
        #expect(r.targets.isEmpty)
        #expect(r.references.map(\.number) == ["50/KH-UBND"])
    }

    @Test("the sentence and its line are kept with the target")
    func sentenceAndLine() throws {
        let r = parse("Mở đầu.\n\n- Phấn đấu 02 xã đạt chuẩn nông thôn mới;")
        let t = try #require(r.targets.first)
        #expect(t.sentence == "Phấn đấu 02 xã đạt chuẩn nông thôn mới;")
        #expect(t.line == 10)
    }

    @Test("a results table gives one target per row from its plan (KH) column")
    func planTable() {
        let table = """
            Biểu kết quả
            - TH TH KH
            STT Chỉ tiêu ĐVT 2018 2019 2020
            1 | Số xã đạt chuẩn NTM xã 15 20 28
            2 | Số xã đạt tiêu chí số 2 về Giao thông xã 43 61 85
            3 | Dòng thiếu ô xã 4 5
            """
        let r = parse(table)
        #expect(r.targets.map(\.quantity) == [28, 85])
        #expect(r.targets.map(\.year) == [2020, 2020])
        #expect(r.targets.map(\.unit) == ["xã", "xã"])
        #expect(r.targets.first?.indicator == "Số xã đạt chuẩn NTM")
    }
}

@Suite("Section headings")
struct HeadingTests {
    @Test("a heading after a finished sentence still sets the section's kind and year")
    func headingAfterSentence() {
        let text =
            "UBND TỈNH CAO BẰNG\n\nSố: 8/BC-UBND\n\nNăm 2021 đạt nhiều kết quả.\nIII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2022\n- 05 xã đạt chuẩn nông thôn mới."
        let r = Fixtures.parser.parse(text, source: "t")
        #expect(r.targets.map(\.quantity) == [5])
        #expect(r.targets.first?.year == 2022)
    }
}
