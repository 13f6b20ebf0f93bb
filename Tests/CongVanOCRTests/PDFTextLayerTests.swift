import CongVanCore
import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanOCR

/// PDFs as offices publish them: born-digital with a real text layer, scans with a text layer an
/// English-model OCR made, and scans with none (`Fixtures/documents`, `Fixtures/`).
@Suite("PDF text layers")
struct PDFTextLayerTests {
    static let documents = TestData.fixtures + "/documents"
    static let digital = documents + "/letter004-digital.pdf"
    static let englishOCR = documents + "/letter001-englishocr.pdf"

    static func truth(_ pdf: String) throws -> String {
        try String(contentsOfFile: String(pdf.dropLast(4)) + ".gt.txt", encoding: .utf8)
    }

    @Test("a born-digital PDF is read from its text layer, exactly, in the letter's reading order")
    func bornDigitalIsExact() throws {
        let document = try DocumentReader(mode: .auto).read([Self.digital])
        #expect(document.pages.count == 3)
        #expect(document.pages.allSatisfy { $0.reading == .textLayer && $0.dpi == 300 })
        #expect(CharacterErrorRate.compute(hypothesis: document.text, truth: try Self.truth(Self.digital)) == 0)
        // The blank left for the handwritten number splits the row; it is one line again.
        #expect(document.pages[0].lines.map(\.text).contains("Số: /UBND-NNPTNT"))
        #expect(document.pages[0].lines.map(\.text).contains("Trùng Khánh, ngày tháng 3 năm 2023"))
        #expect(document.pages[0].fields.map(\.kind) == [.number, .day, .month])
        #expect(document.pages[0].fields.map(\.state) == [.blank, .blank, .printed])
        #expect(document.pages[0].fields[2].value == "3")
    }

    @Test("an encrypted PDF and a PDF without pages read for their text layer get our sentence, not poppler's")
    func pdfsPopplerCannotOpen() throws {
        let dir = TempFolder("text-layer")
        let encrypted = dir.write("locked.pdf", bytes: Array(HostileFiles.encryptedPDF()))
        let empty = dir.write("empty.pdf", bytes: Array(HostileFiles.pagelessPDF()))
        for mode in [OCRMode.auto, .never] {
            #expect(throws: OCRError.encryptedPDF(path: encrypted)) { try DocumentReader(mode: mode).read([encrypted]) }
            #expect(throws: OCRError.emptyPDF(path: empty)) { try DocumentReader(mode: mode).read([empty]) }
        }
    }

    @Test("a text layer made by an English-model OCR is read as it is (restoration comes later), not OCR'd")
    func degradedLayerIsKept() throws {
        let document = try DocumentReader(mode: .auto).read([Self.englishOCR])
        #expect(document.pages.count == 4)
        #expect(document.pages.allSatisfy { $0.reading == .textLayer })
        #expect(document.text.contains("UY BAN NHAN DAN"))
    }

    @Test("with --ocr never an image is refused with one sentence, and a PDF gives its text layer")
    func never() throws {
        let reader = DocumentReader(mode: .never)
        #expect(try reader.read([Self.digital]).pages.allSatisfy { $0.reading == .textLayer })
        let image = TestData.fixturePage("letter004-grey-p1")
        #expect(throws: OCRError.ocrDisabled(path: image)) { try reader.read([image]) }
        #expect(OCRError.ocrDisabled(path: image).errorDescription!.hasPrefix(image + ": "))
    }

    @Test("pdftotext's XHTML: page sizes, words with their boxes in 300 dpi pixels, entities decoded")
    func parsesBoundingBoxes() {
        let xhtml = """
            <doc>
              <page width="595.000000" height="842.000000">
                <flow><block xMin="72" yMin="72" xMax="200" yMax="86">
                  <line xMin="72" yMin="72" xMax="200" yMax="86">
                    <word xMin="72.000000" yMin="72.000000" xMax="100.800000" yMax="86.400000">Số:</word>
                    <word xMin="110" yMin="72" xMax="200" yMax="86.4">A&amp;B&#x1EA1;&lt;</word>
                  </line>
                </block></flow>
              </page>
              <page width="595" height="842">
              </page>
            </doc>
            """
        let pages = PDFTextLayer.parse(xhtml, dpi: 300)
        #expect(pages.count == 2)
        #expect(pages[0].widthPoints == 595 && pages[0].heightPoints == 842)
        let words = pages[0].lines.flatMap(\.words)
        #expect(words.map(\.text) == ["Số:", "A&Bạ<"])
        // 72 pt = 300 px; the box keeps its width and loses 15% of its height at top and bottom.
        #expect(words[0].box == PixelBox(x: 300, y: 309, width: 120, height: 42))
        #expect(pages[1].lines.isEmpty && !PDFTextLayer.isUsable(pages[1]))
    }

    @Test("a text layer of private-use glyphs (a font without a Unicode map) is not usable: the page is OCR'd")
    func privateUseIsNotUsable() {
        let glyphs = String(repeating: "\u{E001}\u{E002}\u{E003} ", count: 20)
        let xhtml = """
            <page width="595" height="842"><line><word xMin="1" yMin="1" xMax="9" yMax="9">\(glyphs)</word></line></page>
            """
        #expect(!PDFTextLayer.isUsable(PDFTextLayer.parse(xhtml, dpi: 300)[0]))
        let text = """
            <page width="595" height="842"><line><word xMin="1" yMin="1" xMax="9" yMax="9">Ủy ban nhân dân tỉnh Lào Cai</word></line></page>
            """
        #expect(PDFTextLayer.isUsable(PDFTextLayer.parse(text, dpi: 300)[0]))
    }

    @Test("a scanned PDF without text is OCR'd, and --ocr always OCRs a born-digital one too")
    func ocrWhereNoText() throws {
        let scanned = try DocumentReader(mode: .auto).read([TestData.fixtures + "/letter004-clean-p1-2.pdf"])
        #expect(scanned.pages.map(\.reading) == [.ocr, .ocr])
        let forced = try DocumentReader(mode: .always).read([Self.digital])
        #expect(forced.pages.map(\.reading) == [.ocr, .ocr, .ocr])
        #expect(CharacterErrorRate.compute(hypothesis: forced.text, truth: try Self.truth(Self.digital)) < 0.05)
    }

    @Test("OCRBatch (congvan ocr) reads text layers too, and OCRs only pages without")
    func batchUsesTextLayers() throws {
        var documents: [OCRDocument] = []
        try OCRBatch.run(files: [Self.digital, TestData.fixturePage("letter004-clean-p3")], jobs: 2) { _, result in
            if case .success(let d) = result { documents.append(d) }
        }
        #expect(documents.count == 2)
        #expect(documents[0].pages.map(\.reading) == [.textLayer, .textLayer, .textLayer])
        #expect(documents[1].pages.map(\.reading) == [.ocr])
    }
}
