import Testing

@testable import CongVanParse

@Suite("Dates")
struct DateTests {
    @Test("a long-form date with day, month and year becomes ISO 8601")
    func longForm() {
        #expect(DirectiveDate.parse("ngày 05 tháng 6 năm 2020") == "2020-06-05")
        #expect(DirectiveDate.parse("Lào Cai, ngày 07 tháng 02 năm 2020") == "2020-02-07")
    }

    @Test("a numeric date d/m/yyyy becomes ISO 8601")
    func shortForm() {
        #expect(DirectiveDate.parse("19/3/2020") == "2020-03-19")
        #expect(DirectiveDate.parse("ngày 09/01/2020") == "2020-01-09")
    }

    @Test("a blank day gives year and month; a blank month gives the year")
    func blankParts() {
        #expect(DirectiveDate.parse("Trùng Khánh, ngày     tháng 3 năm 2023") == "2023-03")
        #expect(DirectiveDate.parse("Hà Nội, ngày tháng năm 2026") == "2026")
    }

    @Test("OCR text without diacritics still reads")
    func foldedDate() {
        #expect(DirectiveDate.parse("Cao Bang, ngay 05 thang 6 nam 2020") == "2020-06-05")
    }

    @Test("impossible dates and text without a date give nil")
    func invalid() {
        #expect(DirectiveDate.parse("ngày 31 tháng 2 năm 2020") == nil)
        #expect(DirectiveDate.parse("32/1/2020") == nil)
        #expect(DirectiveDate.parse("không có ngày") == nil)
        #expect(DirectiveDate.parse("ngày 29 tháng 2 năm 2020") == "2020-02-29")
    }
}

@Suite("Quantities")
struct QuantityTests {
    @Test("leading zeros and a spaced range: 01- 02")
    func zeroPaddedRange() {
        #expect(Quantity.parse("01- 02") == Quantity(value: 1, upper: 2))
        #expect(Quantity.parse("06") == Quantity(value: 6))
    }

    @Test("a range with a decimal comma: 1-1,5")
    func decimalRange() {
        #expect(Quantity.parse("1-1,5") == Quantity(value: 1, upper: 1.5))
        #expect(Quantity.parse("5 - 10") == Quantity(value: 5, upper: 10))
    }

    @Test("a percentage with a decimal comma: 48,5%")
    func percent() {
        #expect(Quantity.parse("48,5%") == Quantity(value: 48.5, isPercent: true))
        #expect(Quantity.parse("100%") == Quantity(value: 100, isPercent: true))
    }

    @Test("dots group thousands, the comma marks decimals")
    func thousands() {
        #expect(Quantity.number("2.267,55") == 2267.55)
        #expect(Quantity.number("422.200") == 422200)
        #expect(Quantity.number("10,62") == 10.62)
    }

    @Test("a range that runs backwards or text that is not a number is refused")
    func refused() {
        #expect(Quantity.parse("10 - 5") == nil)
        #expect(Quantity.parse("năm") == nil)
        #expect(Quantity.number("1,2,3") == nil)
    }
}
