import CongVanCore
import CongVanStore
import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanPipeline

final class Events: Sendable {
    private let list = LockedValue<[DocumentOutcome]>([])
    func append(_ o: DocumentOutcome) { list.withLock { $0.append(o) } }
    var all: [DocumentOutcome] { list.current }
}

@Suite("Convert: batch behaviour")
struct ConverterTests {
    func options(_ dir: TempFolder, _ inputs: [String]? = nil, jobs: Int = 2) -> ConvertOptions {
        ConvertOptions(
            inputs: inputs ?? [dir.file("in")], databasePath: dir.file("db.sqlite"), outputDirectory: dir.file("out"),
            jobs: jobs)
    }

    @Test("text and images go through every stage into the store and the output folder")
    func convertsTextAndImages() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "Số: 1/KH\nTARGET 2024 Hung Dao\n")
        dir.write("in/scans/b.png", "IMAGESố: 2/KH\nTARGET 2025 Vĩnh Quang\u{0C}trang 2\n")
        dir.write("in/notes.md", "not an input")
        dir.write("in/scans/b.gt.txt", "ground truth of b.png, not a document")
        let summary = try Converter.run(options(dir), stages: fakeStages())
        #expect(summary.documents == 2 && summary.converted == 2 && summary.failures.isEmpty)
        #expect(summary.pages == 2 && summary.restored == 1)
        #expect(summary.skipped == [dir.file("in/notes.md"), dir.file("in/scans/b.gt.txt")])

        let store = try Store.openForReading(path: dir.file("db.sqlite"))
        let hit = try #require(try store.query(CommuneQuery(name: "hung dao")).first)
        #expect(hit.year == 2024 && hit.document.number == "1/KH" && hit.document.source == "in/a.txt")
        #expect(try store.query(CommuneQuery(name: "Vĩnh Quang")).first?.document.source == "in/scans/b.png")

        let restored = try String(contentsOfFile: dir.file("out/a.txt"), encoding: .utf8)
        #expect(restored.contains("TARGET 2024 Hưng Đạo"))
        let json = try JSONDecoder().decode(
            DirectiveRecord.self, from: Data(contentsOf: URL(fileURLWithPath: dir.file("out/b.json"))))
        #expect(json.source == "b.png" && json.number == "2/KH")
    }

    @Test("running the same batch twice changes nothing and converts nothing")
    func secondRunIsIdle() throws {
        let dir = TempFolder()
        for i in 0..<12 { dir.write("in/d\(i).txt", "Số: \(i)/KH\nTARGET 2024 Xã \(i)\n") }
        let log = StageLog()
        _ = try Converter.run(options(dir), stages: fakeStages(log))
        let before = try Store.openForReading(path: dir.file("db.sqlite")).counts()
        let outBefore = try FileManager.default.contentsOfDirectory(atPath: dir.file("out")).sorted()
        let again = try Converter.run(options(dir), stages: fakeStages(log))
        #expect(again.unchanged == 12 && again.converted == 0)
        #expect(log.parsedFiles.count == 12)
        #expect(try Store.openForReading(path: dir.file("db.sqlite")).counts() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("out")).sorted() == outBefore)
        #expect(outBefore.count == 24)
    }

    @Test("a changed file replaces its old rows")
    func changedFileReplaced() throws {
        let dir = TempFolder()
        let path = dir.write("in/a.txt", "TARGET 2024 Hưng Đạo\n")
        _ = try Converter.run(options(dir), stages: fakeStages())
        dir.write("in/a.txt", "TARGET 2030 Hưng Đạo\n")
        let events = Events()
        let summary = try Converter.run(options(dir), stages: fakeStages()) { events.append($0.outcome) }
        #expect(summary.converted == 1)
        #expect(events.all == [.converted(pages: 0, restored: false, replaced: true, textLayerPages: 0)])
        let store = try Store.openForReading(path: dir.file("db.sqlite"))
        #expect(try store.query(CommuneQuery(name: "Hưng Đạo")).map(\.year) == [2030])
        #expect(try store.counts().documents == 1)
        _ = path
    }

    @Test("bad files are listed with their reasons and never cost a good document")
    func badFilesDoNotStopTheBatch() throws {
        let dir = TempFolder()
        dir.write("in/good1.txt", "TARGET 2024 Hưng Đạo\n")
        dir.write("in/good2.png", "IMAGETARGET 2025 Vĩnh Quang\n")
        dir.write("in/corrupt.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        dir.write("in/empty.jpg", bytes: [])
        dir.write("in/empty.txt", bytes: [])
        dir.write("in/binary.txt", bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2, 3, 0, 0, 0])
        dir.write("in/latin1.txt", bytes: Array("Ph".utf8) + [0xE1] + Array("t tri\u{0301}n x".utf8) + [0xE3, 0x0A])
        dir.write("in/nopages.pdf", "IMAGE")
        dir.write("in/blank.txt", "  \n\t\n 12 \n")
        let summary = try Converter.run(options(dir), stages: fakeStages())
        #expect(summary.converted == 2)
        let reasons = Dictionary(
            uniqueKeysWithValues: summary.failures.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.message) }
        )
        #expect(
            reasons.keys.sorted() == [
                "binary.txt", "blank.txt", "corrupt.png", "empty.jpg", "empty.txt", "latin1.txt", "nopages.pdf",
            ])
        #expect(reasons["corrupt.png"]!.contains("damaged"))
        #expect(reasons["empty.txt"]!.hasSuffix("the file is empty."))
        #expect(reasons["binary.txt"]!.contains("binary"))
        #expect(reasons["latin1.txt"]!.contains("invalid UTF-8 at byte offset 2"))
        #expect(reasons["nopages.pdf"]!.contains("no text was found on its 0 pages"))
        #expect(reasons["blank.txt"]!.contains("no text was found"))
        for (name, message) in reasons { #expect(message.contains(name), "\(message)") }
        let store = try Store.openForReading(path: dir.file("db.sqlite"))
        #expect(try store.counts().documents == 2)
        #expect(try store.query(CommuneQuery(name: "Vinh Quang")).count == 1)
    }

    @Test("with --lossy, invalid UTF-8 is replaced instead of refusing the file")
    func lossyText() throws {
        let dir = TempFolder()
        dir.write("in/latin1.txt", bytes: Array("TARGET 2024 Ph".utf8) + [0xE1] + Array("t\n".utf8))
        var opts = options(dir)
        opts.lossy = true
        let summary = try Converter.run(opts, stages: fakeStages())
        #expect(summary.converted == 1 && summary.failures.isEmpty)
        #expect(try String(contentsOfFile: dir.file("out/latin1.txt"), encoding: .utf8).contains("Ph\u{FFFD}t"))
    }

    @Test("a missing input or a named file of another type is a failure, the rest still runs")
    func missingAndUnsupportedInputs() throws {
        let dir = TempFolder()
        let good = dir.write("in/a.txt", "TARGET 2024 Hưng Đạo\n")
        let doc = dir.write("notes.docx", "x")
        let summary = try Converter.run(options(dir, [good, doc, dir.file("nowhere")]), stages: fakeStages())
        #expect(summary.converted == 1 && summary.documents == 3)
        #expect(
            summary.failures.map(\.message).sorted() == [
                "\(doc): not a supported input (.png .jpg .jpeg .tif .tiff .pdf .txt).",
                "\(dir.file("nowhere")): no such file or folder.",
            ])
    }

    @Test("with no input at all the run stops with a message before touching the store")
    func noInputs() throws {
        let dir = TempFolder()
        try FileManager.default.createDirectory(atPath: dir.file("in"), withIntermediateDirectories: true)
        #expect(throws: PipelineError.noInputs) { try Converter.run(options(dir), stages: fakeStages()) }
        #expect(!FileManager.default.fileExists(atPath: dir.file("db.sqlite")))
    }

    @Test("when the OCR engine cannot start, images fail with its reason and text still converts")
    func readerFailure() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 Hưng Đạo\n")
        dir.write("in/b.png", "IMAGETARGET 2025 Vĩnh Quang\n")
        dir.write("in/c.png", "IMAGETARGET 2025 Vĩnh Quang\n")
        let log = StageLog()
        let summary = try Converter.run(options(dir, jobs: 1), stages: fakeStages(log, readerFails: true))
        #expect(summary.converted == 1)
        #expect(summary.failures.count == 2 && summary.failures.allSatisfy { $0.message.contains("vie.traineddata") })
        #expect(log.readerCount == 1)
    }

    @Test("each worker makes at most one page reader and uses it on its own thread")
    func oneReaderPerWorker() throws {
        let dir = TempFolder()
        for i in 0..<16 { dir.write("in/p\(i).png", "IMAGETARGET 2024 Xã \(i)\n") }
        let log = StageLog()
        let summary = try Converter.run(options(dir, jobs: 3), stages: fakeStages(log))
        #expect(summary.converted == 16)
        #expect((1...3).contains(log.readerCount))
    }

    @Test("the output folder inside an input folder is not read back as input")
    func outputFolderExcluded() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 Hưng Đạo\n")
        var opts = options(dir)
        opts.outputDirectory = dir.file("in/out")
        _ = try Converter.run(opts, stages: fakeStages())
        let again = try Converter.run(opts, stages: fakeStages())
        #expect(again.documents == 1 && again.unchanged == 1)
    }

    @Test("inputs sharing a name get distinct output files")
    func outputNamesAreDistinct() throws {
        let dir = TempFolder()
        dir.write("in/letter.tif", "IMAGETARGET 2024 A\n")
        dir.write("in/letter.pdf", "IMAGETARGET 2024 B\n")
        dir.write("in/x/memo.txt", "TARGET 2024 C\n")
        dir.write("in/y/memo.txt", "TARGET 2024 D\n")
        _ = try Converter.run(options(dir), stages: fakeStages())
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.file("out")).filter {
            $0.hasSuffix(".json")
        }.sorted()
        #expect(names.count == 4)
        #expect(names.contains("letter.pdf.json") && names.contains("letter.tif.json"))
        #expect(names.filter { $0.hasPrefix("memo.txt-") }.count == 2)
    }

    @Test("an unchanged document whose output files were deleted gets them back from the store")
    func missingOutputsRewritten() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "Số: 7/KH\nTARGET 2024 Hung Dao\n")
        _ = try Converter.run(options(dir), stages: fakeStages())
        let json = try Data(contentsOf: URL(fileURLWithPath: dir.file("out/a.json")))
        try FileManager.default.removeItem(atPath: dir.file("out/a.json"))
        let log = StageLog()
        let again = try Converter.run(options(dir), stages: fakeStages(log))
        #expect(again.unchanged == 1 && log.parsedFiles.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.file("out/a.json"))) == json)
    }

    @Test("a copied file is linked to the stored document without converting it again")
    func copiesAreLinked() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 Hưng Đạo\n")
        _ = try Converter.run(options(dir), stages: fakeStages())
        dir.write("in/copy-of-a.txt", "TARGET 2024 Hưng Đạo\n")
        let log = StageLog()
        let again = try Converter.run(options(dir), stages: fakeStages(log))
        #expect(again.unchanged == 2 && log.parsedFiles.isEmpty)
        #expect(FileManager.default.fileExists(atPath: dir.file("out/copy-of-a.json")))
        let counts = try Store.openForReading(path: dir.file("db.sqlite")).counts()
        #expect(counts.documents == 1 && counts.files == 2 && counts.targets == 1)
    }

    @Test("two runs on one store at once both finish and store each document once")
    func concurrentRuns() async throws {
        let dir = TempFolder()
        for i in 0..<40 { dir.write("in/d\(i).txt", "Số: \(i)\nTARGET 2024 Xã \(i)\n") }
        let opts = options(dir)
        let results = try await withThrowingTaskGroup(of: ConvertSummary.self) { group in
            for _ in 0..<2 { group.addTask { try Converter.run(opts, stages: fakeStages()) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0.failures.isEmpty })
        #expect(results.reduce(0) { $0 + $1.converted } >= 40)
        let counts = try Store.openForReading(path: dir.file("db.sqlite")).counts()
        #expect(counts.documents == 40 && counts.targets == 40 && counts.files == 40)
    }

    @Test("jobs below one are refused")
    func invalidJobs() {
        let dir = TempFolder()
        dir.write("in/a.txt", "x")
        #expect(throws: PipelineError.invalidJobs(0)) { try Converter.run(options(dir, jobs: 0), stages: fakeStages()) }
    }
}

@Suite("Convert: progress and summary")
struct ProgressTests {
    final class Sink: Sendable {
        private let written = LockedValue("")
        var text: String { written.current }
        func append(_ s: String) { written.withLock { $0 += s } }
    }

    @Test("without a terminal each document gets one plain line")
    func plainLines() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 Hung Dao\n")
        dir.write("in/b.txt", bytes: [])
        let sink = Sink()
        let display = ProgressDisplay(terminal: false, write: sink.append)
        let opts = ConvertOptions(
            inputs: [dir.file("in")], databasePath: dir.file("db.sqlite"), outputDirectory: nil, jobs: 1)
        let summary = try Converter.run(opts, stages: fakeStages(), onEvent: display.handle)
        let lines = sink.text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.contains { $0.hasPrefix("[") && $0.contains("converted \(dir.file("in/a.txt")) (restored)") })
        #expect(lines.contains { $0.contains("failed: \(dir.file("in/b.txt")): the file is empty.") })
        #expect(!sink.text.contains("\u{1B}"))
        let text = ProgressDisplay.summary(summary, database: "db.sqlite", output: nil)
        #expect(text.hasPrefix("2 documents in "))
        #expect(text.contains("1 converted, 0 unchanged, 1 failed; 0 pages OCR'd, 1 restored."))
        #expect(text.contains("Failed:\n  \(dir.file("in/b.txt")): the file is empty.\n"))
    }

    @Test("on a terminal a bar is redrawn in place and ends with a newline")
    func terminalBar() throws {
        let dir = TempFolder()
        for i in 0..<5 { dir.write("in/d\(i).txt", "TARGET 2024 X\(i)\n") }
        let sink = Sink()
        let display = ProgressDisplay(terminal: true, write: sink.append)
        let opts = ConvertOptions(
            inputs: [dir.file("in")], databasePath: dir.file("db.sqlite"), outputDirectory: nil, jobs: 1)
        _ = try Converter.run(opts, stages: fakeStages(), onEvent: display.handle)
        #expect(sink.text.contains("\r\u{1B}[K["))
        #expect(sink.text.contains("5/5"))
        #expect(sink.text.hasSuffix("\n"))
    }
}

@Suite("Convert: restoration check")
struct RestorationSampleTests {
    @Test("a long text is judged on evenly spread lines of bounded size; a short one whole")
    func sampleIsSpreadAndBounded() {
        let lines = (0..<1000).map { "dòng số \($0) của văn bản" }
        let text = lines.joined(separator: "\n")
        let s = sample(text)
        #expect(s.utf8.count <= 4_100, "about 2,000 Vietnamese letters, counted as two bytes each")
        let kept = s.split(separator: "\n")
        #expect(kept.first == "dòng số 0 của văn bản")
        #expect(kept.contains { $0.hasPrefix("dòng số 9") && $0.count > 22 })  // from the last part
        #expect(sample("ngắn\ngọn") == "ngắn\ngọn")
    }
}
