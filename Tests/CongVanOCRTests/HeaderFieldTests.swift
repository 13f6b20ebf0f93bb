import CongVanCore
import Foundation
import Testing

@testable import CongVanOCR

/// The letterhead's number and date fields: found from the layout, their rows joined, their gaps
/// decided (`HeaderFields`), and on real scans never a confident wrong value.
@Suite("Letterhead number and date fields")
struct HeaderFieldTests {
    static func word(_ text: String, _ x: Int, _ y: Int = 100, width: Int? = nil, confidence: Float = 95) -> OCRWord {
        OCRWord(
            text: text, confidence: confidence, box: PixelBox(x: x, y: y, width: width ?? text.count * 20, height: 30))
    }

    static func line(_ words: [OCRWord], block: Int) -> OCRLine {
        OCRLine(words: words, box: ReadingOrder.union(words.map(\.box)), block: block)
    }

    @Test("the number row cut by its blank is one line again, with the gap as the number's slot")
    func numberRowJoined() {
        let lines = [
            Self.line([Self.word("ỦY", 300, 40), Self.word("BAN", 360, 40)], block: 0),
            Self.line([Self.word("Số:", 200)], block: 1),
            Self.line([Self.word("#2", 320, confidence: 36)], block: 2),
            Self.line([Self.word("/KH-UBND", 420)], block: 3),
            Self.line([Self.word("Hà", 1200), Self.word("Nội,", 1260)], block: 4),
        ]
        let (joined, slots) = HeaderFields.locate(lines, pageWidth: 2480, pageHeight: 3508)
        #expect(joined.map(\.text) == ["ỦY BAN", "Số: #2 /KH-UBND", "Hà Nội,"])
        #expect(slots.count == 1)
        #expect(slots[0].kind == .number && slots[0].line == 1 && slots[0].words == 1..<2)
        #expect(slots[0].box.x == 261 && slots[0].box.x + slots[0].box.width == 419)
    }

    @Test("the place-and-date row cut by the blank day and month is one line with two slots")
    func dateRowJoined() {
        let lines = [
            Self.line(
                [Self.word("Hà", 1200), Self.word("Nội,", 1260), Self.word("ngày23", 1360, width: 120)], block: 0),
            Self.line([Self.word("tháng", 1600)], block: 1),
            Self.line([Self.word("năm", 1800), Self.word("2026", 1880)], block: 2),
        ]
        let (joined, slots) = HeaderFields.locate(lines, pageWidth: 2480, pageHeight: 3508)
        #expect(joined.map(\.text) == ["Hà Nội, ngày 23 tháng năm 2026"])
        #expect(slots.map(\.kind) == [.day, .month])
        #expect(slots[0].words == 3..<4 && slots[1].words == 5..<5)
    }

    @Test("a printed number glued to its suffix stays as printed")
    func printedNumberKept() {
        var lines = [Self.line([Self.word("Số:", 200), Self.word("3722/VPCP-CN", 280)], block: 0)]
        let located = HeaderFields.locate(lines, pageWidth: 2480, pageHeight: 3508)
        lines = located.lines
        #expect(located.slots.count == 1 && located.slots[0].glued)
        let field = HeaderFields.fromText(located.slots[0], in: &lines)
        #expect(field.state == .printed && field.value == "3722")
        #expect(lines[0].text == "Số: 3722/VPCP-CN")
    }

    @Test("a re-read value counts only when the reads agree and one of them is confident")
    func voting() {
        let agreeing: [(text: String, confidence: Float)] = [("729", 91), ("129", 74), ("729", 84), ("729", 72)]
        #expect(HeaderFields.agreed(agreeing, kind: .number) == "729")
        let unsure: [(text: String, confidence: Float)] = [("23", 0), ("22", 30), ("23", 49), ("23", 4)]
        #expect(HeaderFields.agreed(unsure, kind: .day) == nil)
        let split: [(text: String, confidence: Float)] = [("445", 95), ("115", 90), ("445", 60), ("115", 85)]
        #expect(HeaderFields.agreed(split, kind: .number) == nil)
        #expect(HeaderFields.agreed([("41", 99), ("41", 99), ("41", 99), ("41", 99)], kind: .day) == nil, "no 41st")
        #expect(HeaderFields.agreed([("7", 95), ("7", 90)], kind: .month) == "7")
        #expect(HeaderFields.agreed([("7", 95), ("1", 90)], kind: .month) == nil)
        let abstaining: [(text: String, confidence: Float)] = [("", 0), ("7", 0), ("17", 85), ("17", 90)]
        #expect(HeaderFields.agreed(abstaining, kind: .day) == "17", "reads that found nothing abstain")
        #expect(
            HeaderFields.agreed([("", 0), ("", 0), ("", 0), ("17", 99)], kind: .day) == nil, "one read is not enough")
    }

    @Test(
        "handwritten numbers and days (three handwriting fonts): never read wrong; the printed suffix, month and year kept",
        arguments: ["dkg", "breip", "humor"])
    func handwrittenFixtures(font: String) throws {
        let image = TestData.fixtures + "/documents/letter004-handwritten-\(font).png"
        let truth = try String(contentsOfFile: String(image.dropLast(4)) + ".gt.txt", encoding: .utf8)
        let truthNumber = truth.split(separator: "\n").first { $0.hasPrefix("Số: ") }!.dropFirst(4).prefix { $0 != "/" }
        let truthDay = truth.split(separator: "\n").first { $0.contains(", ngày ") }!
            .split(separator: " ").drop { $0 != "ngày" }.dropFirst().first!
        let page = try OCREngine().recognize(file: image).pages[0]
        let number = try #require(page.fields.first { $0.kind == .number })
        let day = try #require(page.fields.first { $0.kind == .day })
        #expect(number.state == .handwritten || number.state == .illegible)
        #expect(day.state == .handwritten || day.state == .illegible)
        if let value = number.value { #expect(value == String(truthNumber)) }
        if let value = day.value { #expect(value == String(truthDay)) }
        let texts = page.lines.map(\.text)
        #expect(texts.contains("Số: \(number.value.map { $0 + " " } ?? "")/UBND-NNPTNT"), "\(texts.prefix(12))")
        #expect(
            texts.contains { $0.hasSuffix("ngày \(day.value.map { $0 + " " } ?? "")tháng 3 năm 2023") },
            "\(texts.prefix(12))")
    }

    @Test(
        "on the real scans no number or day is reported wrong; the printed suffix, month and year are kept",
        .enabled(if: TestData.haveScans, "needs ../shared/data/real-scans"))
    func realScans() throws {
        let truths: [String: (number: String, suffix: String, day: String?, month: String?)] = [
            "real_cv_3722_metro": ("3722", "/VPCP-CN", "28", "4"),
            "real_hanoi_kh_173_festival": ("", "/KH-UBND", nil, nil),
            "real_qd_729_ttg": ("729", "/QĐ-TTg", "23", "4"),
            "real_tt_21_bct_fuel": ("21", "/2026/TT-BCT", "28", "4"),
        ]
        let engine = try OCREngine()
        for scan in TestData.realScans {
            let page = try engine.recognize(file: scan.image).pages[0]
            let truth = try #require(truths[scan.name])
            for field in page.fields {
                let expected = field.kind == .number ? truth.number : field.kind == .day ? truth.day : truth.month
                if let value = field.value {
                    #expect(value == expected, "\(scan.name): \(field.kind) read as \(value)")
                }
                if expected == nil || expected == "" { #expect(field.state == .blank, "\(scan.name): \(field.kind)") }
            }
            let number = try #require(page.fields.first { $0.kind == .number }, "\(scan.name): no number field")
            let row = page.lines.map(\.text).first { $0.contains(truth.suffix) }
            #expect(row != nil, "\(scan.name): the suffix \(truth.suffix) is read")
            if number.state == .illegible { #expect(row.map { !$0.contains("Số: /") } == false) }
        }
    }
}
