import CongVanCore
import Testing

@testable import CongVanParse

/// Letterheads written for these tests, one per structure found in real web copies and OCR'd
/// letters (none is a real document's text).
private func parse(_ text: String) -> DirectiveRecord {
    Fixtures.parser.parse(text, source: "t")
}

@Suite("Headers over line breaks")
struct WrappedHeaderTests {
    @Test("a number whose code is on the line after Số: is read whole")
    func numberOnNextLine() {
        let r = parse(
            """
            THỦ TƯỚNG CHÍNH PHỦ
            Số:
            61/QĐ-TTg
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Hà Nội, ngày 06 tháng 02 năm 2024
            QUYẾT ĐỊNH
            Về việc giao chỉ tiêu xây dựng nông thôn mới
            """)
        #expect(r.number == "61/QĐ-TTg")
        #expect(r.kind == "Quyết định")
        #expect(r.date == "2024-02-06")
        #expect(r.issuer == "Thủ tướng Chính phủ")
    }

    @Test("a number cut after its first code is joined to the rest on the next line")
    func codeCutAtTheDash() {
        let r = parse("ỦY BAN NHÂN DÂN\nHUYỆN ĐỊNH HÓA\nSố: 208/KH-\nUBND\nĐịnh Hóa, ngày 2 tháng 3 năm 2023\n")
        #expect(r.number == "208/KH-UBND")
        #expect(r.kind == "Kế hoạch")
    }

    @Test("a place-date line wrapped after the day, or after the month, still gives the whole date")
    func dateOnTwoLines() {
        let afterDay = parse(
            "ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ\nSố: 14/BC-UBND\nPhú Thọ, ngày 06\ntháng 02 năm 2024\nBÁO CÁO\n")
        #expect(afterDay.date == "2024-02-06")
        #expect(afterDay.place == "Phú Thọ")
        #expect(afterDay.kind == "Báo cáo")
        let afterMonth = parse("UBND TỈNH BẮC GIANG\nSố: 5/TB-UBND\nBắc Giang, ngày 11 tháng 9\nnăm 2022\n")
        #expect(afterMonth.date == "2022-09-11")
    }

    @Test("the title under the heading does not swallow the second line of a wrapped date")
    func wrappedDateIsNoTitle() {
        let r = parse(
            "UBND TỈNH NAM ĐỊNH\nSố: 77/KH-UBND\nKẾ HOẠCH\nPhát triển sản phẩm OCOP\nNam Định, ngày 3\ntháng 5 năm 2021\n"
        )
        #expect(r.subject == "Phát triển sản phẩm OCOP")
        #expect(r.date == "2021-05-03")
    }
}

@Suite("Headers as OCR and web pages write them")
struct GluedHeaderTests {
    @Test("a day glued to its words and unreadable gives year and month, with a warning naming the day")
    func illegibleDay() {
        let r = parse("UBND HUYỆN YÊN THẾ\nSố: 301/UBND-NN\nYên Thế, ngày82tháng 4 năm 2026\nV/v rà soát tiêu chí\n")
        #expect(r.date == "2026-04")
        #expect(r.warnings.contains { $0.contains("day") && $0.contains("82") && $0.contains("illegible") })
        #expect(r.number == "301/UBND-NN")
    }

    @Test("an unreadable month gives the year alone, with a warning naming the month")
    func illegibleMonth() {
        let r = parse("UBND HUYỆN YÊN THẾ\nSố: 302/UBND-NN\nYên Thế, ngày 5 tháng 19 năm 2026\n")
        #expect(r.date == "2026")
        #expect(r.warnings.contains { $0.contains("month") && $0.contains("19") })
    }

    @Test("a blank day left for the signer is no illegible day and gives no warning")
    func blankDayIsNotIllegible() {
        let r = parse("UBND HUYỆN YÊN THẾ\nSố:     /UBND-NN\nYên Thế, ngày     tháng 4 năm 2026\n")
        #expect(r.date == "2026-04")
        #expect(!r.warnings.contains { $0.contains("illegible") })
    }

    @Test("spaces around the colon and the slash, or none after Số:, are read the same")
    func spacedSeparators() {
        for line in ["Số : 61 / QĐ-TTg", "Số:61/QĐ-TTg", "Số: 61 /QĐ - TTg", "SỐ: 61/QĐ-TTg"] {
            let r = parse("THỦ TƯỚNG CHÍNH PHỦ\n\(line)\nHà Nội, ngày 06 tháng 02 năm 2024\n")
            #expect(r.number == "61/QĐ-TTg", "\(line)")
            #expect(r.kind == "Quyết định", "\(line)")
        }
    }

    @Test("a numeric date after ngày in the place-date line")
    func numericDateInPlaceLine() {
        let r = parse("UBND TỈNH HÀ NAM\nSố: 12/KH-UBND\nHà Nam, ngày 6/2/2024\n")
        #expect(r.date == "2024-02-06")
        #expect(r.place == "Hà Nam")
    }

    @Test("the letterhead's two columns one after the other: agency, number, motto, date")
    func columnsInSequence() {
        let r = parse(
            """
            ỦY BAN NHÂN DÂN
            TỈNH THÁI BÌNH
            Số: 45/KH-UBND
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Thái Bình, ngày 15 tháng 3 năm 2023
            KẾ HOẠCH
            Xây dựng xã nông thôn mới kiểu mẫu năm 2023
            """)
        #expect(r.number == "45/KH-UBND")
        #expect(r.date == "2023-03-15")
        #expect(r.kind == "Kế hoạch")
        #expect(r.issuer == "UBND tỉnh Thái Bình")
        #expect(r.subject == "Xây dựng xã nông thôn mới kiểu mẫu năm 2023")
    }

    @Test("the two columns glued on each line: agency with motto, number with place and date")
    func columnsGluedOnOneLine() {
        let r = parse(
            """
            ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Số: 88/QĐ-UBND Hưng Yên, ngày 20 tháng 7 năm 2022
            QUYẾT ĐỊNH
            Về việc công nhận xã đạt chuẩn nông thôn mới
            """)
        #expect(r.number == "88/QĐ-UBND")
        #expect(r.date == "2022-07-20")
        #expect(r.issuer == "UBND tỉnh Hưng Yên")
        #expect(r.kind == "Quyết định")
    }

    @Test("a web copy's narrow columns: agency and motto wrapped mid-name, cell borders, place wrapped")
    func narrowColumns() {
        let r = parse(
            """
            HỘI ĐỒNG NHÂN
            DÂN
            TỈNH HÀ NAM
            -------
            |
            CỘNG
            HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            |
            Số:
            18/2023/NQ-HĐND
            |
            Phủ
            Lý, ngày 11 tháng 7 năm 2023
            |
            NGHỊ QUYẾT
            QUY ĐỊNH MỨC HỖ TRỢ XÂY DỰNG
            NÔNG THÔN MỚI GIAI ĐOẠN 2023-2025
            HỘI ĐỒNG NHÂN DÂN TỈNH HÀ NAM
            Căn cứ Luật Tổ chức chính quyền địa phương;
            """)
        #expect(r.number == "18/2023/NQ-HĐND")
        #expect(r.date == "2023-07-11")
        #expect(r.kind == "Nghị quyết")
        #expect(r.issuer == "Hội đồng nhân dân tỉnh Hà Nam")
        #expect(r.place == "Phủ Lý")
        #expect(r.subject == "QUY ĐỊNH MỨC HỖ TRỢ XÂY DỰNG NÔNG THÔN MỚI GIAI ĐOẠN 2023-2025")
    }

    @Test("columns as table cells on one line: the agency's cell, then the motto's")
    func tableCells() {
        let r = parse(
            """
            ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
            Số: 77/QĐ-UBND | Tây Ninh, ngày 2 tháng 3 năm 2021 |
            """)
        #expect(r.number == "77/QĐ-UBND")
        #expect(r.date == "2021-03-02")
        #expect(r.place == "Tây Ninh")
        #expect(r.issuer == "UBND")
    }

    @Test("a number glued after the agency's name on one line")
    func numberAfterAgency() {
        let r = parse("ỦY BAN NHÂN DÂN\nHUYỆN GIAO THỦY Số: 09/BC-UBND\nGiao Thủy, ngày 4 tháng 1 năm 2021\n")
        #expect(r.number == "09/BC-UBND")
        #expect(r.issuer == "UBND huyện Giao Thủy")
        #expect(r.kind == "Báo cáo")
    }

    @Test("a heading glued to its title on one line gives the kind and the subject")
    func headingGluedToTitle() {
        let r = parse(
            "UBND TỈNH LONG AN\nSố: 230/QĐ-UBND\nLong An, ngày 9 tháng 1 năm 2024\nQUYẾT ĐỊNH Về việc giao chỉ tiêu năm 2024\n"
        )
        #expect(r.kind == "Quyết định")
        #expect(r.subject == "Về việc giao chỉ tiêu năm 2024")
    }
}

@Suite("What comes before the letterhead")
struct BannerTests {
    @Test("a site's banner, counters and posting dates before the letterhead give neither date nor number")
    func bannerBeforeLetterhead() {
        let r = parse(
            """
            CỔNG THÔNG TIN ĐIỆN TỬ
            Thứ 7, 30/09/2023, 22:28
            Lượt truy cập: 120345
            Trang chủ | Tin tức | Văn bản | THÔNG BÁO
            Ngày đăng: 02/10/2023
            Cập nhật lúc 08:15 ngày 02/10/2023
            Thứ Hai, ngày 2 tháng 10 năm 2023
            ỦY BAN NHÂN DÂN
            HUYỆN HÀM YÊN
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Số: 310/KH-UBND
            Hàm Yên, ngày 25 tháng 9 năm 2023
            KẾ HOẠCH
            Duy trì xã đạt chuẩn nông thôn mới
            """)
        #expect(r.date == "2023-09-25")
        #expect(r.number == "310/KH-UBND")
        #expect(r.kind == "Kế hoạch")
        #expect(r.place == "Hàm Yên")
        #expect(r.issuer == "UBND huyện Hàm Yên")
    }

    @Test("a news page's banner, posting date and dateline are not a document's date")
    func newsPageHasNoDocumentDate() {
        let r = parse(
            """
            Thứ Ba, ngày 12 tháng 3 năm 2024
            Ngày đăng: 12/03/2024 | Lượt xem: 88
            Huyện Văn Yên có thêm hai xã đạt chuẩn nông thôn mới
            Thứ Ba 12/03/2024, 08:01 (GMT+7)
            Trong năm 2023 huyện đã hoàn thành kế hoạch đề ra.
            """)
        #expect(r.date == nil)
        #expect(r.number == nil)
        #expect(r.place == nil)
    }

    @Test("a database's metadata block above the letterhead is not the letterhead")
    func metadataBlock() {
        let r = parse(
            """
            Số hiệu: 99/QĐ-UBND
            Loại văn bản: Quyết định
            Ngày ban hành: 01/01/2020
            Người ký: Nguyễn Văn An
            UỶ BAN NHÂN DÂN
            TỈNH QUẢNG TRỊ
            Số: 1234/QĐ-UBND
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Quảng Trị, ngày 18 tháng 5 năm 2022
            """)
        #expect(r.number == "1234/QĐ-UBND")
        #expect(r.date == "2022-05-18")
    }

    @Test("a received stamp's number and date are not the document's")
    func receivedStamp() {
        let r = parse(
            """
            ỦY BAN NHÂN DÂN
            TỈNH VĨNH PHÚC
            CÔNG VĂN ĐẾN
            Số: 123
            Ngày 24/4/2026
            Số: 508/UBND-NN3
            V/v báo cáo kết quả thực hiện
            Vĩnh Phúc, ngày 20 tháng 4 năm 2026
            """)
        #expect(r.number == "508/UBND-NN3")
        #expect(r.date == "2026-04-20")
        #expect(r.kind == "Công văn")
        let stampFirst = parse(
            "ĐẾN Số: 77/VT Ngày: 24/4/2026\nUBND TỈNH VĨNH PHÚC\nSố: 509/UBND-NN3\nVĩnh Phúc, ngày 21 tháng 4 năm 2026\n"
        )
        #expect(stampFirst.number == "509/UBND-NN3")
        #expect(stampFirst.date == "2026-04-21")
    }
}

@Suite("Kind of document")
struct KindTests {
    @Test("the number's first code names the kind: /QĐ-, /KH-, -NQ/TU, a year before the code")
    func kindFromCode() {
        #expect(DocumentKinds.kind(ofNumber: "61/QĐ-TTg") == "Quyết định")
        #expect(DocumentKinds.kind(ofNumber: "12/KH-UBND") == "Kế hoạch")
        #expect(DocumentKinds.kind(ofNumber: "05-NQ/TU") == "Nghị quyết")
        #expect(DocumentKinds.kind(ofNumber: "03/2022/NQ-HĐND") == "Nghị quyết")
        #expect(DocumentKinds.kind(ofNumber: "263/QP-TTg") == "Quyết định")
    }

    @Test("an issuer's code and its department's are no kind: 123/SNN-KH is a letter")
    func departmentCodeIsNoKind() {
        #expect(DocumentKinds.kind(ofNumber: "123/SNN-KH") == nil)
        #expect(DocumentKinds.kind(ofNumber: "01/BCĐTW-VPĐP") == nil)
        let r = parse(
            "SỞ NÔNG NGHIỆP VÀ PTNT\nSố: 123/SNN-KH\nV/v góp ý dự thảo\nThái Nguyên, ngày 3 tháng 8 năm 2021\n")
        #expect(r.kind == "Công văn")
    }

    @Test("the heading wins over the number's code")
    func headingWins() {
        let r = parse(
            "UBND TỈNH BẾN TRE\nSố: 40/UBND-KT\nBến Tre, ngày 1 tháng 2 năm 2022\nTHÔNG BÁO\nKết luận của Chủ tịch\n")
        #expect(r.kind == "Thông báo")
    }

    @Test("a kind heading written in ordinary case after the letterhead counts")
    func headingInOrdinaryCase() {
        let r = parse(
            """
            ỦY BAN NHÂN DÂN
            TỈNH CÀ MAU
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Số: 17/UBND
            Cà Mau, ngày 8 tháng 6 năm 2023
            Kế hoạch
            Thực hiện chương trình năm 2023
            """)
        #expect(r.kind == "Kế hoạch")
        #expect(r.date == "2023-06-08")
    }
}
