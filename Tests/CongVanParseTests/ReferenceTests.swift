import CongVanCore
import Testing

@testable import CongVanParse

@Suite("Citations")
struct ReferenceTests {
    @Test("kind, number and date of each cited document, in order")
    func basicCitations() {
        let refs = ReferenceExtractor.extract(
            "Kế hoạch số 242/KH-UBND ngày 09/9/2016 của UBND tỉnh; Chỉ thị số 21-CT/TU ngày 19/10/2016 của Ban Thường vụ"
        )
        #expect(
            refs == [
                DocumentReference(kind: "Kế hoạch", number: "242/KH-UBND", date: "2016-09-09"),
                DocumentReference(kind: "Chỉ thị", number: "21-CT/TU", date: "2016-10-19"),
            ])
    }

    @Test("words between the kind and số, and a year inside the number")
    func qualifiedKindAndYearNumber() {
        let refs = ReferenceExtractor.extract(
            "Kế hoạch hành động số 298/KH-UBND ngày 05/12/2016; Nghị quyết số 03/2022/NQ-HĐND ngày 25/2/2022")
        #expect(refs.map(\.kind) == ["Kế hoạch", "Nghị quyết"])
        #expect(refs.map(\.number) == ["298/KH-UBND", "03/2022/NQ-HĐND"])
        #expect(refs.map(\.date) == ["2016-12-05", "2022-02-25"])
    }

    @Test("a number broken across lines or spaced around the dash is joined")
    func spacedNumbers() {
        let refs = ReferenceExtractor.extract(
            "Quyết định số 867/QĐ- UBND ngày 08/7/2022 và Kế hoạch số 272/KH - UBND ngày 14/9/2022")
        #expect(refs.map(\.number) == ["867/QĐ-UBND", "272/KH-UBND"])
    }

    @Test("a kind split over a line break and a long-form date")
    func brokenKindLongDate() {
        let refs = ReferenceExtractor.extract(
            "và Công văn số 562/BCĐ-NTM ngày 15/3/2023; tại văn bản số 92/TTr-UBND ngày 21 tháng 4 năm 2026")
        #expect(
            refs == [
                DocumentReference(kind: "Công văn", number: "562/BCĐ-NTM", date: "2023-03-15"),
                DocumentReference(kind: "Tờ trình", number: "92/TTr-UBND", date: "2026-04-21"),
            ])
    }

    @Test("a document cited twice is listed once; the document's own number is left out")
    func dedupeAndOwnNumber() {
        let text =
            "Thực hiện Kế hoạch số 50/KH-UBND ngày 23/02/2023 … (tại Kế hoạch số 50/KH-UBND ngày 23/02/2023). Công văn số 417/UBND-NLN"
        let refs = ReferenceExtractor.extract(text, exclude: "417/UBND-NLN")
        #expect(refs == [DocumentReference(kind: "Kế hoạch", number: "50/KH-UBND", date: "2023-02-23")])
    }

    @Test("criterion numbers and plain counts are not citations")
    func notCitations() {
        #expect(
            ReferenceExtractor.extract("61 xã đạt tiêu chí số 2 - Giao thông; số 5 xã; tiêu chí số 6 - Cơ sở vật chất")
                .isEmpty)
    }
}

@Suite("Citations in OCR text")
struct OCRCitationTests {
    @Test("Đ misread as P, b or D in a code is put back; số misread as s6 still cites")
    func repairedCodes() {
        let refs = ReferenceExtractor.extract(
            "Quyết định s6 867/Qb-UBND ngày 08/7/2022; Nghị quyết số 03/2022/NQ-HPND ngày 25/2/2022; Quyết định sé 263/QP-TTg"
        )
        #expect(refs.map(\.number) == ["867/QĐ-UBND", "03/2022/NQ-HĐND", "263/QĐ-TTg"])
        #expect(refs.map(\.kind) == ["Quyết định", "Nghị quyết", "Quyết định"])
    }

    @Test("codes that are fine or unknown are left as written")
    func untouchedCodes() {
        #expect(DocumentKinds.repairCodes("417/UBND-NLN") == "417/UBND-NLN")
        #expect(DocumentKinds.repairCodes("12-NQ/TU") == "12-NQ/TU")
        #expect(DocumentKinds.repairCodes("3722/VPCP-CN") == "3722/VPCP-CN")
        #expect(DocumentKinds.repairCodes("05/HD-UBND") == "05/HD-UBND")
    }
}
