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

    /// A news item without a letterhead: a title, a date line, the text.
    func news(_ body: String, date: String = "Thứ Hai, 15/01/2024 - 08:30") -> DirectiveRecord {
        Fixtures.parser.parse("Tin nông thôn mới tỉnh Tuyên Quang\n\n\(date)\n\n\(body)", source: "test")
    }

    @Test("a table copied one cell per line gives each commune the year of its group row")
    func tableCellPerLine() {
        let r = parse(
            "Danh sách các xã đạt chuẩn nông thôn mới:\n\nTT\n\nNăm đạt chuẩn\n\nTên xã\n\n2019 (2 xã)\n\n1\n\n"
                + "Trung Môn (Yên Sơn)\n\n2\n\nTân Trào (Sơn Dương)\n\n2020 (1 xã)\n\n3\n\nYên Thuận (Hàm Yên)\n")
        #expect(facts(r) == ["Trung Môn 2019 achievement", "Tân Trào 2019 achievement", "Yên Thuận 2020 achievement"])
    }

    @Test("a district heading a line of names qualifies them")
    func districtLabel() {
        let r = parse(
            "Cụ thể các xã đã được công nhận đạt chuẩn nông thôn mới năm 2022:\nHuyện Yên Sơn: Xã Trung Môn, Chân Sơn\n"
                + "Huyện Sơn Dương: Xã Tân Trào, Minh Thanh\n")
        #expect(
            facts(r) == [
                "Trung Môn 2022 achievement", "Chân Sơn 2022 achievement", "Tân Trào 2022 achievement",
                "Minh Thanh 2022 achievement",
            ])
        #expect(r.achievements.flatMap(\.communes).first { $0.name == "Minh Thanh" }?.district == "Sơn Dương")
    }

    @Test("abbreviated districts in parentheses: H., TP.")
    func abbreviatedDistricts() {
        let r = parse("Năm 2022 có 2 xã đạt chuẩn nông thôn mới gồm: Yên Thuận (H.Hàm Yên); Kim Phú (TP. Tuyên Quang).")
        #expect(facts(r) == ["Yên Thuận 2022 achievement", "Kim Phú 2022 achievement"])
        #expect(r.achievements.flatMap(\.communes).map(\.district) == ["Hàm Yên", "Tuyên Quang"])
    }

    @Test("lần lượt gives one year per commune, in order")
    func respectively() {
        let r = parse(
            "Phấn đấu hai xã Trung Môn, Chân Sơn đạt chuẩn nông thôn mới nâng cao lần lượt vào các năm 2024, 2025.")
        #expect(facts(r) == ["Trung Môn 2024 target", "Chân Sơn 2025 target"])
    }

    @Test("an enumerated list announced by Cụ thể như sau belongs to the statement before it")
    func enumeratedAfterAnnouncement() {
        let r = parse(
            "UBND tỉnh công nhận xã \"đạt chuẩn nông thôn mới\" năm 2023 cho 03 xã. Cụ thể như sau:\n\n"
                + "1. Xã Trung Môn, huyện Yên Sơn;\n\n2. Xã Tân Trào, huyện Sơn Dương;\n\n3. Xã Yên Thuận, huyện Hàm Yên."
        )
        #expect(facts(r) == ["Trung Môn 2023 achievement", "Tân Trào 2023 achievement", "Yên Thuận 2023 achievement"])
    }

    @Test("a deadline not yet past is a goal even without a word of goal")
    func deadlineNotPast() {
        let r = news(
            "Đến cuối năm 2024, xã Trung Môn đạt chuẩn nông thôn mới nâng cao; đến năm 2025, xã Chân Sơn đạt chuẩn.")
        #expect(facts(r) == ["Trung Môn 2024 target", "Chân Sơn 2025 target"])
    }

    @Test("results as of now are dated by the document, not by an earlier period")
    func presentResults() {
        let r = news(
            "Giai đoạn 2016-2020, huyện Yên Sơn tập trung xây dựng nông thôn mới. Đến nay, huyện đã có 2 xã đạt chuẩn "
                + "nông thôn mới nâng cao là Trung Môn và Chân Sơn.")
        #expect(facts(r) == ["Trung Môn 2024 achievement", "Chân Sơn 2024 achievement"])
    }

    @Test("a proposal to recognise gives no fact; the recognition it asks for is not a result yet")
    func proposal() {
        let r = parse(
            "Hội đồng thống nhất đề nghị UBND tỉnh công nhận xã Trung Môn đạt chuẩn nông thôn mới nâng cao năm 2023.")
        #expect(facts(r).isEmpty)
    }

    @Test("a sentence that goes on with Bên cạnh đó keeps the goal of the one before")
    func continuation() {
        let r = parse(
            "Tỉnh đặt mục tiêu đến cuối năm 2025 có thêm 2 xã đạt chuẩn nông thôn mới là Trung Môn, Chân Sơn. "
                + "Bên cạnh đó, có 1 xã đạt chuẩn nông thôn mới nâng cao là Tân Trào.")
        #expect(facts(r) == ["Trung Môn 2025 target", "Chân Sơn 2025 target", "Tân Trào 2025 target"])
    }

    @Test("an exhortation for the time to come gives no fact")
    func vagueFuture() {
        let r = parse(
            "Các xã Trung Môn, Chân Sơn tiếp tục phấn đấu đạt chuẩn nông thôn mới kiểu mẫu trong thời gian tới.")
        #expect(facts(r).isEmpty)
    }

    @Test("the look-alike Ð (U+00D0) is read as Đ")
    func ethLookAlike() {
        let r = parse("Năm 2022, xã Ðạo Viện (huyện Yên Sơn) được công nhận đạt chuẩn nông thôn mới.")
        #expect(facts(r) == ["Đạo Viện 2022 achievement"])
    }

    @Test("a web copy without blank lines: the title stops before the first paragraph")
    func titleStopsAtParagraph() {
        let r = Fixtures.parser.parse(
            "Trụ sở xã Trung Môn\nNăm 2022, các xã Trung Môn, Chân Sơn (huyện Yên Sơn, tỉnh Tuyên Quang) được công "
                + "nhận đạt chuẩn nông thôn mới nâng cao.\nPhóng viên", source: "test")
        #expect(r.subject == "Trụ sở xã Trung Môn")
        #expect(facts(r) == ["Trung Môn 2022 achievement", "Chân Sơn 2022 achievement"])
    }

    @Test("a person's name that ends like a commune is not one")
    func personName() {
        let r = parse(
            "Năm 2022, Chủ tịch UBND tỉnh Nguyễn Minh Thanh đã ký quyết định công nhận xã Trung Môn đạt chuẩn nông thôn mới."
        )
        #expect(facts(r) == ["Trung Môn 2022 achievement"])
    }

    @Test("each subject goes with the predicate right after it")
    func subjectBeforePredicate() {
        let r = news("Hiện nay, xã Minh Thanh đã đạt 17/19 tiêu chí, xã Hợp Thành đạt 15/19 tiêu chí.")
        #expect(facts(r) == ["Minh Thanh 2024 achievement", "Hợp Thành 2024 achievement"])
        let levels = Dictionary(
            r.achievements.flatMap { t in t.communes.map { ($0.name, t.level ?? "") } }, uniquingKeysWith: { a, _ in a }
        )
        #expect(levels == ["Minh Thanh": "17 tiêu chí", "Hợp Thành": "15 tiêu chí"])
    }

    @Test("a commune named with no year to be read is a mention, not a fact")
    func noYearNoFact() {
        let r = Fixtures.parser.parse(
            "Xã Trung Môn (huyện Yên Sơn) đăng ký xây dựng xã đạt chuẩn nông thôn mới kiểu mẫu.", source: "t")
        #expect(facts(r).isEmpty)
        #expect(r.communes.map(\.name) == ["Trung Môn"])
    }

    @Test("a count pointing back (4 xã trên) takes the communes just named")
    func anaphora() {
        let r = parse(
            "Các xã được xét đợt này gồm: Trung Môn (Yên Sơn); Tân Trào (Sơn Dương). Kết quả, Hội đồng thẩm định đồng ý "
                + "2 xã trên đạt chuẩn nông thôn mới năm 2023.")
        #expect(facts(r) == ["Trung Môn 2023 achievement", "Tân Trào 2023 achievement"])
    }

    @Test("a town's type word is not a commune's: thị xã X is never xã X")
    func townNotCommune() {
        let r = parse("Năm 2023, thị xã Phổ Yên và xã Trung Môn được công nhận đạt chuẩn nông thôn mới.")
        #expect(facts(r) == ["Trung Môn 2023 achievement"])
    }

    @Test("completing the task of building new countryside is a district's status, not a commune's")
    func districtTask() {
        let r = parse("Năm 2022, thành phố Tuyên Quang được công nhận hoàn thành nhiệm vụ xây dựng nông thôn mới.")
        #expect(facts(r).isEmpty)
    }

    @Test("a spread of criteria (13-18) and a district's count (144/152) are no level for communes")
    func criteriaSpread() {
        let r = news(
            "Huyện Yên Sơn đã đạt 144/152 tiêu chí; có 6/8 xã đạt 75% (Trung Môn, Chân Sơn). Các xã: Lang Quán, Kim "
                + "Quan đều đạt từ 13-18 tiêu chí.")
        #expect(facts(r).isEmpty)
    }

    @Test("a table copied cell by cell with the year column after the names dates the name before it")
    func tableYearAfterName() {
        let r = parse(
            "Danh sách xã đạt chuẩn nông thôn mới:\n\nTT\n\nTên xã\n\nNăm công nhận\n\n1\n\nTrung Môn\n\n2019\n\n2\n\n"
                + "Tân Trào\n\n2021\n")
        #expect(facts(r) == ["Trung Môn 2019 achievement", "Tân Trào 2021 achievement"])
    }

    @Test("a name outside the page's province counts when its district is written after it")
    func districtOutsideContext() {
        let r = parse(
            "Năm 2022, tỉnh công nhận 2 xã đạt chuẩn nông thôn mới gồm: Trung Môn (Yên Sơn), Pha Long (Mường Khương).")
        #expect(facts(r) == ["Trung Môn 2022 achievement", "Pha Long 2022 achievement"])
    }

    @Test("a list no unit bears any more is still a list when its items stand like communes")
    func mergedCommuneInList() {
        let r = parse("Năm 2022 có 3 xã đạt chuẩn nông thôn mới: Trung Môn, Phú Hưng Cũ (Yên Sơn), Chân Sơn.")
        #expect(
            facts(r) == ["Trung Môn 2022 achievement", "Phú Hưng Cũ 2022 achievement", "Chân Sơn 2022 achievement"])
    }

    @Test("a sentence that only names communes, after a statement that named none, is its list")
    func listSentenceWithoutIntroducer() {
        let r = parse(
            "Năm 2023 tỉnh có thêm 2 xã đạt chuẩn nông thôn mới nâng cao. Xã Trung Môn và xã Tân Trào thuộc hai huyện.")
        #expect(facts(r) == ["Trung Môn 2023 achievement", "Tân Trào 2023 achievement"])
    }

    @Test("the committees a task is addressed to are not communes that reached a level")
    func addressees() {
        let r = parse(
            "Năm 2023, UBND tỉnh công nhận 2 xã đạt chuẩn nông thôn mới là Trung Môn, Chân Sơn. UBND các xã: Lang Quán, "
                + "Kim Quan có trách nhiệm công bố.")
        #expect(facts(r) == ["Trung Môn 2023 achievement", "Chân Sơn 2023 achievement"])
    }

    @Test("the years in the title of a document cited as a reference do not date the statement")
    func citedTitleYears() {
        let r = news(
            "Năm 2023, xã Trung Môn được công nhận đạt chuẩn nông thôn mới nâng cao theo quy định tại Quyết định số "
                + "18/QĐ-TTg ngày 02/8/2022 của Thủ tướng Chính phủ ban hành quy định điều kiện giai đoạn 2021 - 2025.")
        #expect(facts(r) == ["Trung Môn 2023 achievement"])
    }

    @Test("a table marks each commune under the year it registers for, or gives the years of each level")
    func tableColumns() {
        let r = parse(
            "Danh sách xã đăng ký đạt chuẩn\n| STT | Tên xã | Huyện | Năm 2024 | Năm 2025 |\n| 1 | Trung Sơn | Yên Sơn | x | |\n"
                + "| 2 | Hùng Lợi | Yên Sơn | | x |\n\nKết quả xây dựng nông thôn mới\n"
                + "| Tên xã | Năm đạt chuẩn NTM | Năm đạt chuẩn NTM nâng cao |\n| Tân Trào | 2015 | 2021 |\n")
        #expect(
            facts(r) == [
                "Trung Sơn 2024 target", "Hùng Lợi 2025 target", "Tân Trào 2015 achievement",
                "Tân Trào 2021 achievement",
            ])
        #expect(r.achievements.first { $0.communes.first?.year == 2021 }?.level == "nâng cao")
    }
}
