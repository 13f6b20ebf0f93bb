import CongVanCore
import CongVanStore
import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanOCR

/// Issue 25's hostile run in one batch: every bad input it found, mixed with good files, through
/// the built `congvan` as an unprivileged user. Every good file is converted, every bad one is
/// listed with one sentence, nothing crashes, and the exit status is 1 — in the first run and in
/// the next.
@Suite(
    "convert: a hostile batch (command line)",
    .enabled(
        if: CLI.realStagesAvailable,
        "needs the built congvan, Lexicons/ (scripts/build-lexicons.sh) and tesseract-ocr-vie"), .serialized)
struct HostileBatchTests {
    /// A letter run with no space, as a damaged OCR file holds (it aborted the process).
    static func letterRun(_ count: Int) -> String {
        var state: UInt64 = 7
        let letters = Array("abcdeghiklmnopqrstuvxy".unicodeScalars)
        var out = String.UnicodeScalarView()
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(letters[Int(state >> 33) % letters.count])
        }
        return String(out)
    }

    func utf16(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    @Test("every good file is converted, every bad one listed with one sentence, exit 1, twice over")
    func hostileBatch() throws {
        let dir = TempFolder("hostile")
        let fm = FileManager.default
        let seed001 = try Repository.seed("001").text
        let seed004 = try Repository.seed("004").text
        let page = try Data(contentsOf: URL(fileURLWithPath: Repository.fixtures + "/letter004-clean-p1.png"))

        // Good files, each a distinct document.
        dir.write("in/good.txt", seed001)
        dir.write("in/crlf.txt", seed004.replacingOccurrences(of: "\n", with: "\r\n"))
        dir.write("in/utf16.txt", bytes: utf16(seed001 + "\n(Bản UTF-16)\n"))
        dir.write("in/long-run.txt", "Ủy ban nhân dân xã " + Self.letterRun(100_000) + " thực hiện kế hoạch\n")
        dir.write("in/scan.png", bytes: Array(page))
        dir.write("elsewhere/linked.txt", seed001 + "\n(Bản qua liên kết)\n")
        dir.write("outside/via-link.txt", seed004 + "\n(Bản qua thư mục liên kết)\n")
        try fm.createSymbolicLink(atPath: dir.file("in/sub-link"), withDestinationPath: dir.file("elsewhere"))
        try fm.createSymbolicLink(atPath: dir.file("folder-link"), withDestinationPath: dir.file("outside"))
        let good = [
            "in/good.txt", "in/crlf.txt", "in/utf16.txt", "in/long-run.txt", "in/scan.png",
            "in/sub-link/linked.txt", "folder-link/via-link.txt",
        ]

        // Bad files: what each must be called.
        var bad: [String: String] = [:]
        let badName = Array(dir.file("in/t").utf8) + [0xEA, 0xFF] + Array(".txt".utf8)
        let fd = open(badName.map { CChar(bitPattern: $0) } + [0], O_CREAT | O_WRONLY, 0o644)
        _ = seed001.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        bad["in/t\\xEA\\xFF.txt"] = "not valid UTF-8"
        dir.write("in/locked/hidden.txt", seed004)
        bad["in/locked"] = "the folder cannot be listed"
        #expect(mkfifo(dir.file("in/pipe.txt"), 0o644) == 0)
        bad["in/pipe.txt"] = "a named pipe (FIFO)"
        var nul = Array((seed001 + seed001 + seed001 + seed001 + seed001 + seed001).utf8)
        #expect(nul.count > 70_000)
        nul[70_000] = 0
        dir.write("in/nul-late.txt", bytes: nul)
        bad["in/nul-late.txt"] = "binary"
        let pages = try ["letter004-clean-p1", "letter001-scan-p2", "letter001-clean-p3"].map {
            try #require(try PageImage.read(path: Repository.fixtures + "/\($0).png"))
        }
        #expect(try PageImage.writeTIFF(pages, to: dir.file("whole.tif")))
        let tiff = try Data(contentsOf: URL(fileURLWithPath: dir.file("whole.tif")))
        dir.write("in/truncated.tif", bytes: Array(tiff.prefix(tiff.count - 2_000)))
        try fm.removeItem(atPath: dir.file("whole.tif"))
        bad["in/truncated.tif"] = "page 3: the image is damaged (the file is truncated: it ends before page 3"
        dir.write("in/no-pages.pdf", bytes: Array(HostileFiles.pagelessPDF()))
        bad["in/no-pages.pdf"] = "the PDF has no pages"
        dir.write("in/locked.pdf", bytes: Array(HostileFiles.encryptedPDF()))
        bad["in/locked.pdf"] = "the PDF is encrypted"
        dir.write("in/huge.png", bytes: Array(HostileFiles.blankPNG(width: 30_000, height: 30_000)))
        bad["in/huge.png"] = "over the limit of 25 megapixels"
        dir.write("in/scan-as-text.txt", bytes: Array(page))
        bad["in/scan-as-text.txt"] = "binary"
        dir.write("in/program.txt", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: CLI.binary!)).prefix(8192)))
        bad["in/program.txt"] = "binary"

        // Run as an unprivileged user, so the locked folder is locked.
        for folder in ["", "in", "elsewhere", "outside"] {
            try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: dir.file(folder))
        }
        try fm.setAttributes([.posixPermissions: 0o000], ofItemAtPath: dir.file("in/locked"))
        defer { try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.file("in/locked")) }

        for round in 1...2 {
            let run = try CLI.run(
                ["convert", "in", "folder-link", "--db", "s.sqlite", "--out", "out", "--jobs", "2"], in: dir.path,
                asUnprivileged: true)
            #expect(!run.crashed, "round \(round) crashed:\n\(run.stderr)")
            #expect(run.status == 1, "round \(round)")
            let listed = run.stderr.components(separatedBy: "Failed:\n").last ?? ""
            let lines = listed.split(separator: "\n").filter { $0.hasPrefix("  ") }
            for (path, words) in bad {
                let line = lines.first { $0.hasPrefix("  " + path + ":") || $0.hasPrefix("  " + path + " page ") }
                #expect(
                    line?.contains(words) == true, "round \(round): \(path) not listed as '\(words)':\n\(run.stderr)")
            }
            #expect(lines.count == bad.count, "round \(round): \(lines.count) failures for \(bad.count) bad files")
            // No library chatter and no raw control character between the progress lines.
            #expect(!run.stderr.contains("libpng") || run.stderr.contains("“libpng"))
            #expect(!run.stderr.contains("Command Line Error"))
            #expect(!run.stderr.unicodeScalars.contains { $0.value == 0x1B })
            let converted = round == 1 ? good.count : 0
            let unchanged = round == 1 ? 0 : good.count
            #expect(
                run.stderr.contains("\(converted) converted, \(unchanged) unchanged, \(bad.count) failed"),
                "round \(round):\n\(run.stderr)")
        }
        let store = try Store.openForReading(path: dir.file("s.sqlite"))
        #expect(try store.counts().documents == good.count)
        let sources = try Set(
            store.search("thuc hien", limit: 50).map(\.document.source)
                + store.search("ke hoach", limit: 50).map(
                    \.document.source))
        #expect(sources.contains("in/long-run.txt"))
        // One output pair per good file, and nothing half-written.
        let outputs = try fm.contentsOfDirectory(atPath: dir.file("out"))
        #expect(outputs.filter { $0.hasSuffix(".json") }.count == good.count, "\(outputs.sorted())")
        #expect(!outputs.contains { $0.hasPrefix(".") })
        // The long run came through whole.
        let long = try String(contentsOfFile: dir.file("out/long-run.txt"), encoding: .utf8)
        #expect(long.contains(Self.letterRun(100_000)))
        #expect(long.hasPrefix("Ủy ban nhân dân xã "))
    }
}
