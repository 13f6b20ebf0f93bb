import Foundation
import Testing

@testable import CongVanOCR

@Suite("Unreadable inputs", .serialized)
struct InputErrorTests {
    let engine: OCREngine

    init() throws { engine = try OCREngine() }

    @Test("a missing file is named")
    func missingFile() {
        #expect(throws: OCRError.fileNotFound(path: "/nonexistent/page.png")) {
            try engine.recognize(file: "/nonexistent/page.png")
        }
    }

    @Test("a folder, an empty file and a text file are refused with the reason")
    func notImages() throws {
        let folder = TestData.temporaryFolder()
        #expect(throws: OCRError.unreadable(path: folder, reason: "it is a folder")) {
            try engine.recognize(file: folder)
        }
        let empty = TestData.file(named: "empty.png", bytes: [])
        #expect(throws: OCRError.unreadable(path: empty, reason: "the file is empty")) {
            try engine.recognize(file: empty)
        }
        let text = TestData.file(named: "notes.png", bytes: Array("Số: 12/KH-UBND".utf8))
        #expect(throws: OCRError.unreadable(path: text, reason: "not a PNG, JPEG, TIFF or PDF file")) {
            try engine.recognize(file: text)
        }
    }

    @Test("a truncated PNG or JPEG is reported as damaged")
    func truncatedImages() throws {
        let png = try Data(contentsOf: URL(fileURLWithPath: TestData.fixturePage("letter001-clean-p2")))
        let cut = TestData.file(named: "cut.png", bytes: Array(png.prefix(5000)))
        // libpng's own words come inside the one sentence, not on a line of their own.
        #expect(
            throws: OCRError.corruptImage(
                path: cut, page: nil,
                reason: "the PNG data cannot be decoded — “libpng error: Read Error”; the file may be truncated")
        ) {
            try engine.recognize(file: cut)
        }
        let jpeg = TestData.file(
            named: "bad.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0x41, count: 200))
        #expect(throws: OCRError.self) { try engine.recognize(file: jpeg) }
    }

    @Test("a damaged TIFF or PDF is reported with the reason")
    func damagedContainers() {
        let tiff = TestData.file(
            named: "bad.tif", bytes: [0x49, 0x49, 0x2A, 0x00, 0xFF, 0xFF, 0xFF, 0x7F] + Array(repeating: 0, count: 64))
        #expect(
            throws: OCRError.corruptImage(
                path: tiff, page: 0,
                reason: "the file is truncated: it ends before page 1 is complete; no page is whole")
        ) {
            try engine.recognize(file: tiff)
        }
        let pdf = TestData.file(named: "bad.pdf", bytes: Array("%PDF-1.4\nnot really a pdf\n".utf8))
        do {
            _ = try engine.recognize(file: pdf)
            Issue.record("a damaged PDF was read")
        } catch {
            guard case .corruptPDF(let path, nil, let reason) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(path == pdf)
            #expect(!reason.isEmpty)
            #expect(error.localizedDescription.hasPrefix("\(pdf): the PDF cannot be rendered ("))
        }
    }

    @Test("image bytes in memory that are not an image are refused")
    func badMemoryImage() {
        #expect(throws: OCRError.self) { try engine.recognize(imageData: [1, 2, 3], source: "upload") }
    }

    @Test("a missing tool names the package that provides it")
    func missingTool() {
        #expect(throws: OCRError.toolMissing(tool: "pdftoppm-not-installed", package: "poppler-utils")) {
            try PDFRasteriser.run("pdftoppm-not-installed", [])
        }
        #expect(
            OCRError.toolMissing(tool: "pdftoppm", package: "poppler-utils").localizedDescription
                == "pdftoppm is not installed; install the apt package poppler-utils.")
    }
}
