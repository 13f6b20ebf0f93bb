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
            guard let truth = try? String(contentsOfFile: "\(folder)/\(stem).gt.txt", encoding: .utf8) else { return nil }
            return Page(file: "\(folder)/\(name)", truth: truth)
        }
    }()

    /// Clean rendered pages: Tesseract's vie model is under 1% there; interleaving the two header
    /// blocks alone costs several percent, the English model tens of percent.
    static let maximumCER = 0.02
}

@Suite("Fixtures", .serialized, .enabled(if: !Fixtures.all.isEmpty, "needs Fixtures/*.png with .gt.txt"))
struct FixtureTests {
    let engine: OCREngine

    init() throws { engine = try OCREngine() }

    @Test("each fixture is read within the clean-page CER bound, in reading order", arguments: Fixtures.all)
    func fixtureCER(page: Fixtures.Page) throws {
        let document = try engine.recognize(file: page.file)
        if page.isMultiPage { #expect(document.pages.count >= 2) }
        let cer = CharacterErrorRate.compute(hypothesis: document.text, truth: page.truth)
        #expect(cer < Fixtures.maximumCER, "CER \(cer)")
    }
}
