import CongVanCore
import CongVanStore
import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanPipeline

/// Every input is either converted or listed with its reason: nothing is passed over in silence.
@Suite("Convert: what the inputs hold")
struct InputWalkTests {
    func run(_ dir: TempFolder, _ inputs: [String]) throws -> ConvertSummary {
        try Converter.run(
            ConvertOptions(
                inputs: inputs, databasePath: dir.file("db.sqlite"), outputDirectory: dir.file("out"), jobs: 2),
            stages: fakeStages())
    }

    func failure(_ summary: ConvertSummary, _ path: String) -> String? {
        summary.failures.first { $0.path == path }?.message
    }

    @Test("a file whose name is not UTF-8 is listed with the bytes shown, the rest converted")
    func nameNotUTF8() throws {
        let dir = TempFolder()
        dir.write("in/good.txt", "TARGET 2024 Hung Dao\n")
        let raw = Array(dir.file("in/bad").utf8) + [0xE9, 0xFF] + Array(".txt".utf8)
        let fd = open(raw.map { CChar(bitPattern: $0) } + [0], O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        _ = "TARGET 2025 Vĩnh Quang\n".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let summary = try run(dir, [dir.file("in")])
        #expect(summary.converted == 1)
        let shown = dir.file("in/bad\\xE9\\xFF.txt")
        let message = try #require(failure(summary, shown), "\(summary.failures)")
        #expect(message.contains("not valid UTF-8"))
        #expect(summary.documents == 2)
    }

    @Test("a folder given through a symbolic link is walked like the folder itself")
    func linkedInputFolder() throws {
        let dir = TempFolder()
        dir.write("real/a.txt", "TARGET 2024 Hung Dao\n")
        try FileManager.default.createSymbolicLink(atPath: dir.file("link"), withDestinationPath: dir.file("real"))
        for input in [dir.file("link"), dir.file("link/")] {
            let summary = try run(dir, [input])
            #expect(summary.documents == 1 && summary.failures.isEmpty, "\(input): \(summary.failures)")
        }
    }

    @Test("a linked sub-folder is walked once, and a loop of links ends")
    func linkedSubFolder() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 Hung Dao\n")
        dir.write("elsewhere/b.txt", "TARGET 2025 Vĩnh Quang\n")
        try FileManager.default.createSymbolicLink(
            atPath: dir.file("in/more"), withDestinationPath: dir.file("elsewhere"))
        try FileManager.default.createSymbolicLink(
            atPath: dir.file("elsewhere/back"), withDestinationPath: dir.file("in"))
        let summary = try run(dir, [dir.file("in")])
        #expect(summary.converted == 2 && summary.failures.isEmpty, "\(summary.failures)")
        let store = try Store.openForReading(path: dir.file("db.sqlite"))
        #expect(try store.counts().documents == 2)
    }

    @Test("a named pipe is listed, never opened, whether named or found in a folder")
    func fifoIsListed() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 Hung Dao\n")
        #expect(mkfifo(dir.file("in/pipe.txt"), 0o644) == 0)
        #expect(mkfifo(dir.file("in/pipe.log"), 0o644) == 0)
        let summary = try run(dir, [dir.file("in"), dir.file("in/pipe.txt")])
        #expect(summary.converted == 1)
        let message = try #require(failure(summary, dir.file("in/pipe.txt")), "\(summary.failures)")
        #expect(message.contains("a named pipe (FIFO), not a regular file"))
        #expect(summary.skipped == [dir.file("in/pipe.log")])
    }

    @Test("a link to nothing is listed as such, not as a missing input")
    func danglingLink() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 Hung Dao\n")
        try FileManager.default.createSymbolicLink(atPath: dir.file("in/gone.txt"), withDestinationPath: "/nonexistent")
        let summary = try run(dir, [dir.file("in")])
        let message = try #require(failure(summary, dir.file("in/gone.txt")), "\(summary.failures)")
        #expect(message.contains("symbolic link to a file that does not exist"))
    }

    @Test("a text over the size limit is refused with its size, before it is read")
    func textOverTheLimit() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 Hung Dao\n")
        dir.write("in/huge.txt", bytes: [UInt8](repeating: 0x61, count: Converter.textLimit + 1))
        let summary = try run(dir, [dir.file("in")])
        #expect(summary.converted == 1)
        let message = try #require(failure(summary, dir.file("in/huge.txt")))
        #expect(message.contains("the text is 10.0 MiB, over the limit of 10 MiB per document"), "\(message)")
    }
}
