import CongVanCore
import Foundation
import Testing

@testable import CongVanOCR

/// Multi-page TIFF and PDF built from two committed fixture pages, read against the same pages as PNG.
@Suite("Multi-page files", .serialized)
struct MultiPageTests {
    struct Page {
        var image: String
        var truth: String
    }

    let engine: OCREngine
    let scans = ["letter004-clean-p1", "letter001-scan-p2"].map { name in
        Page(
            image: TestData.fixturePage(name),
            truth: (try? String(contentsOfFile: "\(TestData.fixtures)/\(name).gt.txt", encoding: .utf8)) ?? "")
    }

    init() throws { engine = try OCREngine() }

    func pages() throws -> [PageImage] {
        try scans.map { scan in try #require(try PageImage.read(path: scan.image)) }
    }

    @Test("every page of a multi-page TIFF is read, in order, as its PNG is")
    func tiffPages() throws {
        let folder = TestData.temporaryFolder()
        let images = try pages()
        // The same recorded resolution in both files, since Tesseract's layout analysis uses it.
        for image in images { image.setResolution(300) }
        #expect(try PageImage.writeTIFF(images, to: "\(folder)/two.tif"))
        let document = try engine.recognize(file: "\(folder)/two.tif")
        #expect(document.pages.map(\.index) == [0, 1])
        for (i, page) in document.pages.enumerated() {
            #expect(images[i].writePNG(to: "\(folder)/\(i).png"))
            #expect(page.text == (try engine.recognize(file: "\(folder)/\(i).png").text))
            #expect(CharacterErrorRate.compute(hypothesis: page.text, truth: scans[i].truth) < Fixtures.maximumCER)
        }
    }

    @Test("every page of a PDF is rasterised at 300 dpi and read within the scan's bound")
    func pdfPages() throws {
        let path = TestData.temporaryFolder() + "/two.pdf"
        #expect(try PageImage.writePDF(try pages(), dpi: 200, to: path))
        let before = try temporaryRasterFolders()
        let document = try engine.recognize(file: path)
        #expect(document.pages.map(\.index) == [0, 1])
        for (page, scan) in zip(document.pages, scans) {
            // 200 dpi pages rendered at 300 dpi: 1.5 times the PNG's pixels.
            #expect(abs(page.width - 2480 * 3 / 2) < 30)
            let cer = CharacterErrorRate.compute(hypothesis: page.text, truth: scan.truth)
            #expect(cer < Fixtures.maximumCER, "\(scan.image): CER \(cer)")
        }
        #expect(try temporaryRasterFolders() == before, "pdftoppm's temporary folders must be removed")
    }

    func temporaryRasterFolders() throws -> Set<String> {
        let tmp = FileManager.default.temporaryDirectory.path
        return Set(
            try FileManager.default.contentsOfDirectory(atPath: tmp).filter {
                $0.hasPrefix("congvan-ocr-") && !$0.hasPrefix("congvan-ocr-test")
            })
    }
}
