import CongVanCore
import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanOCR

/// Inputs from a hostile test run: each is refused with one sentence naming what is wrong,
/// before it costs memory or waits forever.
@Suite("Hostile inputs", .serialized)
struct HostileInputTests {
    let engine: OCREngine

    init() throws { engine = try OCREngine() }

    func pages(_ count: Int) throws -> [PageImage] {
        try ["letter004-clean-p1", "letter001-scan-p2", "letter001-clean-p3"].prefix(count).map {
            try #require(try PageImage.read(path: TestData.fixturePage($0)))
        }
    }

    @Test("a truncated multi-page TIFF is an error naming the first page cut short, not a shorter document")
    func truncatedTIFF() throws {
        let dir = TempFolder("ocr")
        let whole = dir.file("three.tif")
        #expect(try PageImage.writeTIFF(try pages(3), to: whole))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        #expect(try PageSource.open(whole).pageCount == 3)
        // Cut inside the last page's data, and cut just after the second page's directory.
        let sizes = try ImageHeader.tiff(bytes, path: whole)
        #expect(sizes.count == 3)
        for keep in [bytes.count - 2_000, bytes.count * 2 / 3] {
            let cut = dir.file("cut-\(keep).tif")
            try bytes.prefix(keep).write(to: URL(fileURLWithPath: cut))
            do {
                let document = try engine.recognize(file: cut)
                Issue.record("a truncated TIFF was read as \(document.pages.count) pages")
            } catch {
                guard case .corruptImage(_, let page?, let reason) = error else {
                    Issue.record("wrong error: \(error)")
                    continue
                }
                #expect(page >= 1 && page <= 2)
                #expect(reason.hasPrefix("the file is truncated"), "\(reason)")
            }
        }
    }

    @Test("a valid image over the pixel budget is refused from its header, not decoded or called damaged")
    func hugeImage() throws {
        let dir = TempFolder("ocr")
        let path = dir.file("huge.png")
        try HostileFiles.blankPNG(width: 30_000, height: 30_000).write(to: URL(fileURLWithPath: path))
        #expect(
            throws: OCRError.imageTooLarge(
                path: path, page: nil, width: 30_000, height: 30_000, budget: ImageHeader.pixelBudget)
        ) {
            try engine.recognize(file: path)
        }
        let message = OCRError.imageTooLarge(path: path, page: nil, width: 30_000, height: 30_000, budget: 25_000_000)
            .localizedDescription
        #expect(message.contains("30000 × 30000 pixels (900 megapixels), over the limit of 25 megapixels"))
        // A page within the budget is read.
        let small = dir.file("small.png")
        try HostileFiles.blankPNG(width: 2_000, height: 2_800).write(to: URL(fileURLWithPath: small))
        #expect(try engine.recognize(file: small).pages.count == 1)
    }

    @Test("the budget applies to each TIFF page, and to a JPEG's frame")
    func budgetPerPage() throws {
        var tiff = Data([0x49, 0x49, 0x2A, 0, 8, 0, 0, 0])
        // One directory: width 40000, height 40000 (LONG), no next.
        tiff.append(contentsOf: [2, 0])
        for (tag, value) in [(256, 40_000), (257, 40_000)] {
            tiff.append(contentsOf: [UInt8(tag & 0xFF), UInt8(tag >> 8), 4, 0, 1, 0, 0, 0])
            tiff.append(contentsOf: withUnsafeBytes(of: UInt32(value).littleEndian, Array.init))
        }
        tiff.append(contentsOf: [0, 0, 0, 0])
        let dir = TempFolder("ocr")
        try tiff.write(to: URL(fileURLWithPath: dir.file("big.tif")))
        #expect(
            throws: OCRError.imageTooLarge(
                path: dir.file("big.tif"), page: nil, width: 40_000, height: 40_000, budget: 25_000_000)
        ) {
            try PageSource.open(dir.file("big.tif"))
        }
        let jpeg: [UInt8] = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x9C, 0x40, 0x9C, 0x40, 1, 1, 0x11, 0,
        ]
        #expect(ImageHeader.jpeg(Data(jpeg)) == ImageHeader.Size(width: 40_000, height: 40_000))
    }

    @Test("an encrypted PDF and a PDF without pages get a sentence of ours, not poppler's command-line wording")
    func pdfsPopplerCannotOpen() throws {
        let dir = TempFolder("ocr")
        let encrypted = dir.file("locked.pdf")
        let empty = dir.file("empty.pdf")
        try HostileFiles.encryptedPDF().write(to: URL(fileURLWithPath: encrypted))
        try HostileFiles.pagelessPDF().write(to: URL(fileURLWithPath: empty))
        #expect(throws: OCRError.encryptedPDF(path: encrypted)) { try engine.recognize(file: encrypted) }
        #expect(throws: OCRError.emptyPDF(path: empty)) { try engine.recognize(file: empty) }
        #expect(!OCRError.encryptedPDF(path: encrypted).localizedDescription.contains("Command Line"))
    }

    @Test("a named pipe is refused at once as a pipe, not opened (which would wait forever)")
    func fifo() throws {
        let dir = TempFolder("ocr")
        let pipe = dir.file("scan.png")
        #expect(mkfifo(pipe, 0o644) == 0)
        #expect(throws: OCRError.unreadable(path: pipe, reason: "it is a named pipe (FIFO), not a file")) {
            try engine.recognize(file: pipe)
        }
    }

    @Test("what libpng writes to standard error while decoding is caught and handed back")
    func libraryMessagesAreCaught() throws {
        let (_, messages) = LibraryMessages.capturing { () -> Int in
            FileHandle.standardError.write(Data("libpng error: Read Error\n".utf8))
            return 0
        }
        #expect(messages == "libpng error: Read Error")
        let (_, none) = LibraryMessages.capturing { 1 }
        #expect(none.isEmpty)
    }

    @Test("a page over the working size is read scaled down, with its size and boxes those of the page")
    func largePageIsScaledDown() throws {
        let dir = TempFolder("ocr")
        let path = dir.file("large.png")
        try HostileFiles.blankPNG(width: 5_000, height: 4_000).write(to: URL(fileURLWithPath: path))
        let image = try #require(try PageImage.read(path: path))
        let prepared = try Preprocessor(options: .standard).prepare(image, source: path, page: nil)
        #expect(prepared.image.width * prepared.image.height <= ImageHeader.ocrPixels)
        #expect(prepared.scale < 0.9)
        let page = try engine.recognize(file: path).pages[0]
        #expect(page.width == 5_000 && page.height == 4_000)
        // A page within the working size is left at its size.
        let fixture = try #require(try PageImage.read(path: TestData.fixturePage("letter004-clean-p1")))
        #expect(try Preprocessor(options: .standard).prepare(fixture, source: "f", page: nil).scale == 1)
    }
}
