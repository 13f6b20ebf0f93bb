import CongVanCore
import Foundation
import Testing

@testable import CongVanOCR

@Suite("Real scans", .serialized, .enabled(if: TestData.haveScans, "needs ../shared/data/real-scans"))
struct RealScanTests {
    let engine: OCREngine

    init() throws { engine = try OCREngine() }

    @Test("each real scan is read with fewer errors than plain tesseract -l vie", arguments: TestData.realScans)
    func beatsPlainTesseract(scan: TestData.Scan) throws {
        let document = try engine.recognize(file: scan.image)
        #expect(document.pages.count == 1)
        let cer = CharacterErrorRate.compute(hypothesis: document.text, truth: scan.truth)
        #expect(cer < scan.plainTesseractCER, "CER \(cer)")
        // The English model strips Vietnamese marks (CER above 30% here); a broken engine reads nothing.
        #expect(cer < 0.15)
    }

    @Test("a two-line issuer is read before the national motto beside it")
    func headerReadingOrder() throws {
        let page = try engine.recognize(file: TestData.realScans[1].image).pages[0]
        let lines = page.lines.prefix(6).map(\.text)
        let expected = [
            "ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        ]
        // Plain Tesseract reads "ỦY BAN NHÂN DÂN CỘNG HÒA …" as one line. A misread mark or two
        // is allowed; a line from the other block is not.
        for (line, truth) in zip(lines, expected) {
            #expect(CharacterErrorRate.compute(hypothesis: line, truth: truth) < 0.25, "\(line) ≠ \(truth)")
        }
        #expect(page.lines[0].block != page.lines[2].block)
    }

    @Test("the signer's name that a seal overlaps is still read, after the recipients")
    func signerUnderSeal() throws {
        let page = try engine.recognize(file: TestData.realScans[2].image).pages[0]
        let texts = page.lines.map(\.text)
        let recipients = try #require(texts.firstIndex { $0.hasPrefix("Nơi nhận") })
        let signer = try #require(
            texts.firstIndex { $0.contains("Minh Hưng") }, "Tesseract's layout pass alone drops it")
        #expect(signer > recipients)
    }
}
