import CongVanCore
import Foundation
import Testing

@testable import CongVanOCR

@Suite("Batch", .serialized)
struct BatchTests {
    @Test("two engines deliver every file in input order and go on past a bad one")
    func orderAndFailures() throws {
        let bad = TestData.file(named: "broken.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])
        let files = [
            TestData.fixturePage("letter004-clean-p2"), "/nonexistent/a.png", bad,
            TestData.fixturePage("letter001-scan-p3"),
        ]
        var delivered: [(Int, Result<OCRDocument, OCRError>)] = []
        try OCRBatch.run(files: files, jobs: 2) { index, result in delivered.append((index, result)) }
        #expect(delivered.map(\.0) == [0, 1, 2, 3])
        #expect((try? delivered[0].1.get().source) == files[0])
        #expect((try? delivered[3].1.get().pages.count) == 1)
        guard case .failure(.fileNotFound) = delivered[1].1 else {
            Issue.record("\(delivered[1].1)")
            return
        }
        guard case .failure(.corruptImage(let path, _, _)) = delivered[2].1 else {
            Issue.record("\(delivered[2].1)")
            return
        }
        #expect(path == bad)
        // The batch reads what one engine reads.
        let single = try OCREngine().recognize(file: files[3])
        #expect((try? delivered[3].1.get().text) == single.text)
    }

    @Test("a batch with missing language data fails before reading anything")
    func missingLanguage() {
        var calls = 0
        #expect(throws: OCRError.self) {
            try OCRBatch.run(files: [TestData.fixturePage("letter001-clean-p1")], jobs: 2, language: "xyz") { _, _ in
                calls += 1
            }
        }
        #expect(calls == 0)
        #expect(throws: OCRError.invalidArgument("the number of engines must be at least 1, not 0")) {
            try OCRBatch.run(files: [], jobs: 0) { _, _ in }
        }
    }
}
