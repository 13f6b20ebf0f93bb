import ArgumentParser
import CongVanCore
import CongVanOCR
import CongVanPipeline
import Foundation

extension OCROutputFormat: ExpressibleByArgument {}

struct OCR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Read page images and PDFs (PNG, JPEG, TIFF, PDF) into text in reading order.",
        discussion: """
            A PDF page with a usable text layer is read from it (exact, and fast); other pages are OCR'd \
            (--ocr). Text output puts a blank line between layout blocks and a form feed line between pages \
            and files. Files that cannot be read are reported on stderr and skipped; the exit status is 1 \
            when any file failed.
            """
    )

    @Argument(
        help: "Image or PDF files, or folders (searched recursively); - reads one file from standard input.")
    var files: [String]

    @Option(name: .customLong("lang"), help: "Tesseract language(s), e.g. vie or vie+eng.")
    var language = "vie"

    @Option(
        help: """
            text; tsv (Tesseract's TSV layout: level, page_num, block_num, par_num, line_num, word_num, left, top, \
            width, height, conf, text); words (one row per word with its file); hocr.
            """)
    var format: OCROutputFormat = .text

    @OptionGroup var reading: OCRModeOptions

    @Option(help: "Engines run in parallel (one thread each).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() throws {
        var failed: [String] = []
        var paths: [String] = []
        var shown: [String] = []
        var stdinCopy: String?
        defer { if let stdinCopy { try? FileManager.default.removeItem(atPath: stdinCopy) } }
        // Folders give their images and PDFs; a named file of another kind fails like an unreadable one.
        for input in files {
            if input == "-" {
                guard stdinCopy == nil else { continue }
                let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "congvan-stdin-\(UUID().uuidString)"
                ).path
                let data = FileHandle.standardInput.readDataToEndOfFile()
                guard FileManager.default.createFile(atPath: copy, contents: data) else {
                    Self.report("standard input cannot be copied to a temporary file")
                    throw ExitCode.failure
                }
                stdinCopy = copy
                paths.append(copy)
                shown.append("-")
                continue
            }
            let (found, failures, _) = InputFiles.collect([input])
            for failure in failures {
                failed.append(failure.path)
                Self.report(TerminalText.escaped(failure.message))
            }
            let readable = found.filter { $0.type != .text }
            for file in readable {
                paths.append(file.path)
                shown.append(file.path)
            }
            if failures.isEmpty, readable.isEmpty {
                failed.append(input)
                Self.report(
                    TerminalText.escaped(input)
                        + ": no image or PDF to read (congvan restore and parse read text files)")
            }
        }
        var writer = OCRWriter(format: format)
        let out = FileHandle.standardOutput
        var pages = 0
        var headerWritten = false
        do {
            try OCRBatch.run(files: paths, jobs: jobs, language: language, mode: reading.ocr) { index, result in
                // After the engines loaded, so a missing language leaves stdout empty.
                if !headerWritten {
                    out.write(Data(writer.header(language: language).utf8))
                    headerWritten = true
                }
                switch result {
                case .success(var document):
                    if paths[index] == stdinCopy { document.source = "-" }
                    pages += document.pages.count
                    out.write(Data(writer.document(document).utf8))
                case .failure(let error):
                    failed.append(shown[index])
                    var message = CommandFailure.message(error)
                    if paths[index] == stdinCopy {
                        message = message.replacingOccurrences(of: paths[index], with: "standard input")
                    }
                    Self.report(message)
                }
            }
        } catch {
            // Nothing was read (e.g. the language pack is missing): one sentence, no usage text.
            CommandFailure.print("ocr", error)
            throw ExitCode.failure
        }
        if !headerWritten { out.write(Data(writer.header(language: language).utf8)) }
        out.write(Data(writer.footer().utf8))
        let total = paths.count + failed.filter { !shown.contains($0) }.count
        let read = total - failed.count
        FileHandle.standardError.write(
            Data(
                "congvan ocr: \(read) of \(total) file\(total == 1 ? "" : "s") read (\(pages) page\(pages == 1 ? "" : "s"))\(failed.isEmpty ? "" : ", \(failed.count) failed: \(TerminalText.escaped(failed.joined(separator: ", ")))").\n"
                    .utf8))
        if !failed.isEmpty || total == 0 { throw ExitCode(1) }
    }

    /// A failure's sentence (already escaped for the terminal), as `CommandFailure` prints it.
    static func report(_ message: String) {
        CommandFailure.printLine("congvan ocr: " + message)
    }
}
