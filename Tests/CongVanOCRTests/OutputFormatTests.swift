import CongVanCore
import Foundation
import Testing

@testable import CongVanOCR

#if canImport(FoundationXML)
    import FoundationXML
#endif

private let document = OCRDocument(
    source: "a&b.png", language: "vie",
    pages: [
        OCRPage(
            index: 0, width: 1000, height: 1400,
            lines: [
                OCRLine(
                    words: [
                        OCRWord(text: "ỦY", confidence: 91.5, box: PixelBox(x: 10, y: 20, width: 40, height: 30)),
                        OCRWord(text: "BAN", confidence: 88, box: PixelBox(x: 60, y: 20, width: 50, height: 30)),
                    ],
                    box: PixelBox(x: 10, y: 20, width: 100, height: 30), block: 0),
                OCRLine(
                    words: [
                        OCRWord(text: "<Độc>", confidence: 70, box: PixelBox(x: 600, y: 20, width: 80, height: 30))
                    ],
                    box: PixelBox(x: 600, y: 20, width: 80, height: 30), block: 1),
            ], meanConfidence: 83.2),
        OCRPage(
            index: 1, width: 1000, height: 1400,
            lines: [
                OCRLine(
                    words: [OCRWord(text: "hết", confidence: 96, box: PixelBox(x: 10, y: 20, width: 40, height: 30))],
                    box: PixelBox(x: 10, y: 20, width: 40, height: 30), block: 0)
            ], meanConfidence: 96),
    ])

@Suite("Output formats")
struct OutputFormatTests {
    @Test("text separates blocks by a blank line and pages by a form feed")
    func text() {
        var writer = OCRWriter(format: .text)
        #expect(writer.document(document) == "ỦY BAN\n\n<Độc>\n\u{0C}\nhết\n")
        #expect(writer.document(document).hasPrefix("\u{0C}\n"), "the next file starts on a new page")
    }

    @Test("TSV is Tesseract's layout: page, block, paragraph, line and word rows, conf -1 except on words")
    func tesseractTSV() {
        var writer = OCRWriter(format: .tsv)
        let rows = (writer.header() + writer.document(document)).split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(
            rows[0] == [
                "level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width", "height",
                "conf", "text",
            ])
        #expect(rows.allSatisfy { $0.count == 12 }, "12 columns on every row, text empty on structure rows")
        #expect(rows[1] == ["1", "1", "0", "0", "0", "0", "0", "0", "1000", "1400", "-1", ""])
        #expect(rows[2] == ["2", "1", "1", "0", "0", "0", "10", "20", "100", "30", "-1", ""])
        #expect(rows[3] == ["3", "1", "1", "1", "0", "0", "10", "20", "100", "30", "-1", ""])
        #expect(rows[4] == ["4", "1", "1", "1", "1", "0", "10", "20", "100", "30", "-1", ""])
        #expect(rows[5] == ["5", "1", "1", "1", "1", "1", "10", "20", "40", "30", "91.500000", "ỦY"])
        #expect(rows[6][5] == "2" && rows[6][11] == "BAN")
        #expect(rows[7][0] == "2" && rows[7][2] == "2", "the second block")
        #expect(rows[10] == ["5", "1", "2", "1", "1", "1", "600", "20", "80", "30", "70.000000", "<Độc>"])
        #expect(rows[11][0] == "1" && rows[11][1] == "2", "the second page")
        #expect(rows.count == 16)
        // The next file's pages continue the numbering, as Tesseract's do for a list of images.
        #expect(writer.document(document).hasPrefix("1\t3\t"))
    }

    @Test("the word table has a header and one row per word with file, page, block, line, word, box and confidence")
    func tsv() {
        var writer = OCRWriter(format: .words)
        let rows = (writer.header() + writer.document(document)).split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false)
        }
        #expect(rows.count == 5)
        #expect(
            rows[0] == [
                "file", "page", "block", "line", "word", "left", "top", "width", "height", "confidence", "text",
            ])
        #expect(rows[2] == ["a&b.png", "1", "1", "1", "2", "60", "20", "50", "30", "88.00", "BAN"])
        #expect(rows[3][2] == "2" && rows[3][3] == "2" && rows[3][10] == "<Độc>")
        #expect(rows[4][1] == "2")
    }

    @Test("hOCR is well-formed XHTML with pages, blocks, lines and words in reading order")
    func hocr() throws {
        var writer = OCRWriter(format: .hocr)
        let html = writer.header() + writer.document(document) + writer.footer()
        let counter = ClassCounter()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(counter.classes["ocr_page"] == 2)
        #expect(counter.classes["ocr_carea"] == 3)
        #expect(counter.classes["ocr_line"] == 3)
        #expect(counter.classes["ocrx_word"] == 4)
        #expect(counter.words == ["ỦY", "BAN", "<Độc>", "hết"])
        #expect(counter.titles.contains("bbox 60 20 110 50; x_wconf 88"))
        #expect(counter.titles.contains { $0.hasPrefix("image \"a&b.png\"; bbox 0 0 1000 1400; ppageno 0") })
    }
}

private final class ClassCounter: NSObject, XMLParserDelegate {
    var classes: [String: Int] = [:]
    var titles: [String] = []
    var words: [String] = []
    private var inWord = false

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if let c = attributes["class"] { classes[c, default: 0] += 1 }
        if let t = attributes["title"] { titles.append(t) }
        inWord = attributes["class"] == "ocrx_word"
        if inWord { words.append("") }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inWord { words[words.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        inWord = false
    }
}
