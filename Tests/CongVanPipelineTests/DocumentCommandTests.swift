import CongVanCore
import CongVanTestSupport
import Foundation
import Testing

/// `congvan ocr` and `convert --pdf` as a person runs them.
@Suite(
    "congvan ocr and convert --pdf (command line)",
    .enabled(if: CLI.realStagesAvailable, "needs the built congvan, Lexicons/ and tesseract-ocr-vie"), .serialized)
struct DocumentCommandTests {
    @Test("ocr reads a folder's images and PDFs, and one file from standard input, in Tesseract's TSV layout")
    func ocrFolderAndStandardInput() throws {
        let dir = TempFolder()
        try FileManager.default.createDirectory(atPath: dir.file("in/sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Repository.fixtures + "/documents/letter004-digital.pdf", toPath: dir.file("in/sub/d.pdf"))
        dir.write("in/notes.txt", "not an image")
        let folder = try CLI.run(["ocr", "in", "--format", "tsv"], in: dir.path)
        #expect(folder.status == 0, "\(folder.stderr)")
        let rows = folder.stdout.split(separator: "\n")
        #expect(
            rows.first
                == "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext")
        #expect(rows.filter { $0.hasPrefix("1\t") }.count == 3, "three pages")
        #expect(folder.stderr.contains("1 of 1 file read (3 pages)"), "\(folder.stderr)")

        let image = try Data(contentsOf: URL(fileURLWithPath: Repository.fixtures + "/letter004-clean-p3.png"))
        let piped = try CLI.run(["ocr", "-"], in: dir.path, input: image)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains("Nông Văn Bộ"), "\(piped.stdout)")
    }

    @Test("convert --pdf: a searchable PDF whose text is the restored .txt's words, a text file gets none")
    func convertWritesSearchablePDF() throws {
        let dir = TempFolder()
        for k in 1...3 {
            try FileManager.default.copyItem(
                atPath: Repository.fixtures + "/letter004-clean-p\(k).png",
                toPath: dir.file("in/letter-p\(k).png").creatingFolder())
        }
        try FileManager.default.copyItem(
            atPath: Repository.fixtures + "/seeds/001_77e30c44357ba8c1.txt", toPath: dir.file("in/seed.txt"))
        let run = try CLI.run(["convert", "in", "--pdf", "--db", "s.sqlite", "--out", "out"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/seed.pdf")))
        let pdf = dir.file("out/letter.pdf")
        let extracted = try PDFTool.text(pdf)
        let restored = try String(contentsOfFile: dir.file("out/letter.txt"), encoding: .utf8)
        func words(_ s: String) -> [String: Int] {
            var counts: [String: Int] = [:]
            // pdftotext joins a line-final hyphen to the next line's word on some pages, not on others.
            let joined = s.replacingOccurrences(of: #"-\s*\n\s*"#, with: "", options: .regularExpression)
            for w in joined.split(whereSeparator: \.isWhitespace) {
                counts[String(w), default: 0] += 1
            }
            return counts
        }
        #expect(words(extracted) == words(restored))
        // Run again: the document is stored, the PDF is there; deleting it brings it back.
        try FileManager.default.removeItem(atPath: pdf)
        let again = try CLI.run(["convert", "in", "--pdf", "--db", "s.sqlite", "--out", "out"], in: dir.path)
        #expect(again.status == 0 && FileManager.default.fileExists(atPath: pdf), "\(again.stderr)")
    }
}

enum PDFTool {
    static func text(_ pdf: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = [pdf, "-"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
