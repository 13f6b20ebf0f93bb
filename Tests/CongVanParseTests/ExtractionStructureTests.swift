import CongVanCore
import Testing

@testable import CongVanParse

/// Which commune must reach, or has reached, which level in which year: one test per class of
/// structure real plans, reports and news items use. The sentences are written for the tests;
/// the communes are real units of Tuyên Quang so the gazetteer can resolve them.
@Suite("Commune targets and achievements by structure")
struct ExtractionStructureTests {
    static let letterhead =
        "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n\nSố: 12/BC-UBND\n\nTuyên Quang, ngày 10 tháng 01 năm 2024\n\n"

    func parse(_ body: String, head: String = Self.letterhead) -> DirectiveRecord {
        Fixtures.parser.parse(head + body, source: "test")
    }

    /// Each (commune, year, status) the record states, as `name year status`.
    func facts(_ r: DirectiveRecord) -> Set<String> {
        var out = Set<String>()
        for (status, list) in [("target", r.targets), ("achievement", r.achievements)] {
            for t in list {
                for c in t.communes {
                    let year = c.year ?? t.year
                    let start = c.year == nil ? t.yearStart : c.yearStart
                    let y = year.map { y in start.map { "\($0)-\(y)" } ?? "\(y)" } ?? "-"
                    out.insert("\(c.name) \(y) \(status)")
                }
            }
        }
        return out
    }

    @Test("bare names after gồm, with their districts in parentheses, across semicolons")
    func bareNamesAcrossSemicolons() {
        let r = parse(
            "Năm 2019, toàn tỉnh có thêm 5 xã được công nhận đạt chuẩn nông thôn mới gồm: Trung Môn, Chân Sơn, "
                + "Lang Quán (huyện Yên Sơn); Tân Trào, Minh Thanh (huyện Sơn Dương).")
        #expect(
            facts(r) == [
                "Trung Môn 2019 achievement", "Chân Sơn 2019 achievement", "Lang Quán 2019 achievement",
                "Tân Trào 2019 achievement", "Minh Thanh 2019 achievement",
            ])
        let districts = Dictionary(
            r.achievements.flatMap(\.communes).map { ($0.name, $0.district ?? "?") }, uniquingKeysWith: { a, _ in a })
        #expect(districts["Lang Quán"] == "Yên Sơn" && districts["Tân Trào"] == "Sơn Dương")
    }

    @Test("a district named in parentheses without its type qualifies the names before it")
    func bareDistrictInParentheses() {
        let r = parse("Năm 2020 có 3 xã về đích nông thôn mới là Trung Môn, Kim Quan (Yên Sơn) và Yên Thuận (Hàm Yên).")
        #expect(
            facts(r) == ["Trung Môn 2020 achievement", "Kim Quan 2020 achievement", "Yên Thuận 2020 achievement"])
        #expect(!r.communes.contains { $0.name == "Yên Sơn" || $0.name == "Hàm Yên" })
    }

    @Test("the list in the next sentence belongs to the statement before it")
    func listInNextSentence() {
        let r = parse(
            "Phấn đấu năm 2024 có thêm 03 xã đạt chuẩn nông thôn mới nâng cao. Đó là các xã: Trung Môn, Chân Sơn "
                + "và Thái Bình.")
        #expect(facts(r) == ["Trung Môn 2024 target", "Chân Sơn 2024 target", "Thái Bình 2024 target"])
    }

    @Test("list items under a statement that ends with a colon, each with its own year")
    func itemsUnderColon() {
        let r = parse(
            "Phấn đấu đến năm 2025 có thêm các xã đạt chuẩn nông thôn mới kiểu mẫu như sau:\n"
                + "- Xã Trung Môn (năm 2024);\n- Xã Chân Sơn, xã Lang Quán (năm 2025).")
        #expect(facts(r) == ["Trung Môn 2024 target", "Chân Sơn 2025 target", "Lang Quán 2025 target"])
    }

    @Test("goals are targets whatever verb of arrival they name: phấn đấu, sẽ, đăng ký về đích")
    func targetCues() {
        let r = parse(
            "Mục tiêu năm 2024 sẽ có thêm 2 xã đạt chuẩn nông thôn mới là Tân Trào, Minh Thanh.\n"
                + "Xã Kim Quan đăng ký về đích nông thôn mới nâng cao năm 2025.")
        #expect(facts(r) == ["Tân Trào 2024 target", "Minh Thanh 2024 target", "Kim Quan 2025 target"])
    }

    @Test("recognition without đã is an achievement; chưa đạt gives nothing")
    func achievementAndNegation() {
        let r = parse(
            "UBND tỉnh công nhận xã Tân Trào đạt chuẩn nông thôn mới năm 2019.\n"
                + "Xã Minh Thanh, xã Kim Quan chưa đạt chuẩn nông thôn mới năm 2023, 2 xã này đều chưa đạt 19 tiêu chí."
        )
        #expect(facts(r) == ["Tân Trào 2019 achievement"])
    }

    @Test("the year of the previous sentence carries to the list that follows it")
    func yearFromPreviousSentence() {
        let r = parse(
            "Trong năm 2022, huyện Sơn Dương có thêm 2 xã đạt chuẩn nông thôn mới nâng cao. Các xã Tân Trào, "
                + "Minh Thanh đã được UBND tỉnh công nhận.")
        #expect(facts(r) == ["Tân Trào 2022 achievement", "Minh Thanh 2022 achievement"])
    }

    @Test("the year of the title dates a statement that gives none")
    func yearFromTitle() {
        let head = "Yên Sơn: năm 2023 có thêm hai xã đạt chuẩn nông thôn mới nâng cao\n"
        let r = parse(
            "Sau nhiều năm nỗ lực, các xã Trung Môn và Chân Sơn (huyện Yên Sơn, tỉnh Tuyên Quang) đã được "
                + "công nhận đạt chuẩn nông thôn mới nâng cao.", head: head)
        #expect(facts(r) == ["Trung Môn 2023 achievement", "Chân Sơn 2023 achievement"])
    }

    @Test("a period is kept as a range")
    func yearRange() {
        let r = parse("Giai đoạn 2021-2025 phấn đấu xã Tân Trào đạt chuẩn nông thôn mới kiểu mẫu.")
        #expect(facts(r) == ["Tân Trào 2021-2025 target"])
    }

    @Test("a line without final punctuation ends its block: a caption does not run into the next line")
    func captionEndsBlock() {
        let r = parse(
            "Một góc xã nông thôn mới nâng cao Trung Môn\n"
                + "Năm 2023, xã Chân Sơn được công nhận đạt chuẩn nông thôn mới nâng cao.")
        #expect(facts(r) == ["Chân Sơn 2023 achievement"])
        #expect(r.achievements.allSatisfy { !($0.indicator ?? "").contains("Chân Sơn") })
    }

    @Test("a table of communes and years under a plan's title gives one target per row")
    func tableRows() {
        let r = parse(
            "Danh sách xã đăng ký đạt chuẩn nông thôn mới nâng cao\n"
                + "STT | Tên xã | Huyện | Năm đăng ký\n1 | Trung Môn | Yên Sơn | 2024\n2 | Tân Trào | Sơn Dương | 2025\n"
        )
        #expect(facts(r) == ["Trung Môn 2024 target", "Tân Trào 2025 target"])
    }

    @Test("a district or province name is never taken for a commune")
    func districtNotCommune() {
        let r = parse("Năm 2021 có 2 xã đạt chuẩn nông thôn mới gồm: Chân Sơn, Yên Sơn.")
        #expect(facts(r) == ["Chân Sơn 2021 achievement"])
        #expect(!r.communes.contains { $0.name == "Yên Sơn" })
    }

    @Test("a report's results before the document's year are achievements without any cue word")
    func resultsBeforeDocumentDate() {
        let r = parse("Năm 2022 có thêm 2 xã đạt chuẩn nông thôn mới: Tân Trào, Minh Thanh.")
        #expect(facts(r) == ["Tân Trào 2022 achievement", "Minh Thanh 2022 achievement"])
    }
}
