import CongVanCore
import Foundation
import Testing

@testable import CongVanOCR

/// Rendered letters in `Fixtures/`: `<name>.png` (or a multi-page `.tif`/`.pdf`) with its ground
/// truth in `<name>.gt.txt`, left header block before right, "Nơi nhận" before the signature.
enum Fixtures {
    struct Page: Sendable, CustomStringConvertible {
        var file: String
        var truth: String
        var description: String { (file as NSString).lastPathComponent }
        var isMultiPage: Bool { ["tif", "tiff", "pdf"].contains((file as NSString).pathExtension.lowercased()) }
    }

    static let all: [Page] = {
        let folder = TestData.fixtures
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted().compactMap { name in
            let ext = (name as NSString).pathExtension.lowercased()
            guard ["png", "tif", "tiff", "pdf"].contains(ext) else { return nil }
            let stem = (name as NSString).deletingPathExtension
            guard let truth = try? String(contentsOfFile: "\(folder)/\(stem).gt.txt", encoding: .utf8) else {
                return nil
            }
            return Page(file: "\(folder)/\(name)", truth: truth)
        }
    }()

    /// CER bounds measured with margin (BENCHMARKS.md, OCR). Pages without the two-block
    /// header: every line is single-column body text or the "Nơi nhận" | signature pair, which
    /// plain Tesseract interleaves (18–20% CER on the last pages); the English model is far above.
    static let maximumCER = 0.035
}

extension Fixtures.Page {
    var isFirstPage: Bool { description.contains("-p1.") || description.contains("-p1-") }
}

@Suite("Fixtures", .serialized, .enabled(if: !Fixtures.all.isEmpty, "needs Fixtures/*.png with .gt.txt"))
struct FixtureTests {
    let engine: OCREngine

    init() throws { engine = try OCREngine() }

    @Test("each fixture is read within its CER bound", arguments: Fixtures.all)
    func fixtureCER(page: Fixtures.Page) throws {
        let document = try engine.recognize(file: page.file)
        if page.isMultiPage { #expect(document.pages.count == 2) }
        let cer = CharacterErrorRate.compute(hypothesis: document.text, truth: page.truth)
        #expect(cer < Fixtures.maximumCER, "CER \(cer)")
    }

    @Test(
        "a first page reads the issuer's two lines, then the national motto, not rows across both blocks",
        arguments: Fixtures.all.filter { $0.isFirstPage && !$0.isMultiPage })
    func issuerFirst(page: Fixtures.Page) throws {
        let lines = try engine.recognize(file: page.file).pages[0].lines.map(\.text)
        let truth = page.truth.split(separator: "\n").map(String.init)
        try #require(lines.count >= 3 && truth.count >= 3)
        for i in 0..<3 {
            #expect(
                CharacterErrorRate.compute(hypothesis: lines[i], truth: truth[i]) < 0.25, "\(lines[i]) ≠ \(truth[i])")
        }
    }

    @Test("words keep confidences and boxes inside the page, and the page its mean confidence")
    func wordsCarryConfidenceAndBoxes() throws {
        let page = try engine.recognize(file: TestData.fixturePage("letter004-scan-p2")).pages[0]
        let words = page.lines.flatMap(\.words)
        #expect(words.count > 200)
        #expect(page.width == 2480 && page.height == 3508)
        for word in words {
            #expect((0...100).contains(word.confidence))
            #expect(word.box.x >= 0 && word.box.y >= 0 && word.box.width > 0 && word.box.height > 0)
            #expect(word.box.x + word.box.width <= page.width && word.box.y + word.box.height <= page.height)
        }
        let mean = words.map(\.confidence).reduce(0, +) / Float(words.count)
        #expect(abs(page.meanConfidence - mean) < 0.01)
        #expect(page.meanConfidence > 80)
    }
}
