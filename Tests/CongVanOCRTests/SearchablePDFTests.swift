import CongVanCore
import Foundation
import Testing

@testable import CongVanOCR

/// `convert --pdf`: checked the way users check it, with poppler's pdftotext.
@Suite("Searchable PDF")
struct SearchablePDFTests {
    /// `pdftotext [-bbox] PDF -`.
    static func pdftotext(_ pdf: String, bbox: Bool = false) throws -> String {
        let result = try PDFRasteriser.run("pdftotext", (bbox ? ["-bbox"] : []) + [pdf, "-"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// The words of a text, a line-final hyphen joined to the next word as pdftotext joins it.
    static func words(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        // pdftotext joins a line-final hyphen to the next line's word on some pages, not on others.
        let joined = text.replacingOccurrences(of: #"-\s*\n\s*"#, with: "", options: .regularExpression)
        for w in joined.split(whereSeparator: \.isWhitespace) { counts[String(w), default: 0] += 1 }
        return counts
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
    }

    @Test("page images of a letter: pdftotext gives exactly the words given, within 1.2x the images' size")
    func imagesWithTextLayer() throws {
        let pages = (1...3).map { TestData.fixturePage("letter004-clean-p\($0)") }
        var document = try DocumentReader().read(pages)
        // Words as restoration would give them: one changed, so the layer is provably the one given.
        document.pages[0].lines[0].words[0].text = "ỦYBAN"
        let out = TestData.temporaryFolder() + "/letter.pdf"
        try SearchablePDF.write(document, to: out)
        let extracted = try Self.pdftotext(out)
        #expect(Self.words(extracted) == Self.words(PagedTextForTest.text(document)))
        #expect(extracted.contains("ỦYBAN"))
        let images = pages.map(Self.size).reduce(0, +)
        #expect(Double(Self.size(out)) <= 1.2 * Double(images), "\(Self.size(out)) bytes for \(images) of images")
        // Three pages, each the size of its 300 dpi A4 image.
        let info = try PDFRasteriser.run("pdfinfo", [out]).stdout
        #expect(info.contains("Pages:           3"))
        #expect(info.contains("Page size:       595 x 842 pts (A4)"))
    }

    @Test("text selection lands on the words: each word's box in the PDF is its OCR box")
    func selectionOnWords() throws {
        let page = TestData.fixturePage("letter004-clean-p2")
        let document = try DocumentReader().read([page])
        let out = TestData.temporaryFolder() + "/p2.pdf"
        try SearchablePDF.write(document, to: out)
        let boxes = try Self.pdftotext(out, bbox: true)
        let words = document.pages[0].lines.flatMap(\.words)
        var checked = 0
        var seen: [String: Int] = [:]
        for word in words { seen[word.text, default: 0] += 1 }
        for word in words where word.text.count >= 4 && seen[word.text] == 1 {
            // pdftotext -bbox: <word xMin="…" yMin="…" xMax="…" yMax="…">text</word>, in points.
            guard let range = boxes.range(of: ">\(OCRWriter.escape(word.text))</word>") else { continue }
            let tag = boxes[
                boxes[..<range.lowerBound].range(of: "<word", options: .backwards)!.lowerBound..<range.lowerBound]
            let x0 = PDFTextLayer.attribute("xMin", in: tag)! * 300 / 72
            let y0 = PDFTextLayer.attribute("yMin", in: tag)! * 300 / 72
            let y1 = PDFTextLayer.attribute("yMax", in: tag)! * 300 / 72
            #expect(abs(x0 - Double(word.box.x)) < 3, "\(word.text): x \(x0) vs \(word.box.x)")
            // The selection's band covers the word's ink.
            #expect(y0 <= Double(word.box.y) + 15 && y1 >= Double(word.box.y + word.box.height) - 15, "\(word.text)")
            checked += 1
            if checked == 30 { break }
        }
        #expect(checked == 30)
    }

    @Test("a PDF keeps its own pages; an earlier OCR's invisible text is replaced by the new layer")
    func pdfKeepsPagesAndReplacesInvisibleText() throws {
        let input = TestData.fixtures + "/documents/letter001-englishocr.pdf"
        var document = try DocumentReader().read([input])
        for p in document.pages.indices {
            for l in document.pages[p].lines.indices {
                for w in document.pages[p].lines[l].words.indices { document.pages[p].lines[l].words[w].text = "đúng" }
            }
        }
        let out = TestData.temporaryFolder() + "/restored.pdf"
        try SearchablePDF.write(document, to: out)
        let extracted = try Self.pdftotext(out)
        #expect(!extracted.contains("NHAN"), "the English-model layer is gone")
        #expect(Set(extracted.split(whereSeparator: \.isWhitespace)) == ["đúng"])
        #expect(Double(Self.size(out)) <= 1.2 * Double(Self.size(input)))
        // The pages look exactly as before (the images' pixels are the same; only their deflate
        // stream may be recompressed).
        let folder = TestData.temporaryFolder()
        for (pdf, name) in [(input, "before"), (out, "after")] {
            _ = try PDFRasteriser.run(
                "pdftoppm", ["-r", "40", "-gray", "-f", "1", "-l", "1", pdf, folder + "/" + name])
        }
        let before = FileManager.default.contents(atPath: folder + "/before-1.pgm")
        #expect(before != nil && before == FileManager.default.contents(atPath: folder + "/after-1.pgm"))
    }

    @Test("the invisible-text filter cuts mode-3 text objects only, and never inside strings")
    func filterKeepsVisible() {
        let content = """
            q 1 0 0 1 0 0 cm /Im0 Do Q
            BT 3 Tr /F1 12 Tf (ET BT) Tj ET
            BT /F1 12 Tf 0 Tr (visible) Tj ET
            BT 3 Tr <0041> Tj ET
            """
        let out = String(decoding: InvisibleText.filter(Array(content.utf8)), as: UTF8.self)
        #expect(out.contains("/Im0 Do"))
        #expect(out.contains("(visible) Tj"))
        #expect(!out.contains("(ET BT)") && !out.contains("<0041>"))
    }
}

/// The text a document's words make, page by page (as convert writes it, in reading order).
enum PagedTextForTest {
    static func text(_ document: OCRDocument) -> String {
        document.pages.map { $0.lines.map(\.text).joined(separator: "\n") }.joined(separator: "\n")
    }
}
