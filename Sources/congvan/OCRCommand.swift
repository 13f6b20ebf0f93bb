import ArgumentParser
import CongVanCore
import CongVanOCR
import Foundation

extension OCROutputFormat: ExpressibleByArgument {}

struct OCR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Read page images and PDFs (PNG, JPEG, TIFF, PDF) into text in reading order.",
        discussion: """
            Text output puts a blank line between layout blocks and a form feed line between pages and \
            files. Files that cannot be read are reported on stderr and skipped; the exit status is 1 \
            when any file failed.
            """
    )

    @Argument(help: "Image or PDF files; every page of a TIFF or PDF is read.")
    var files: [String]

    @Option(name: .customLong("lang"), help: "Tesseract language(s), e.g. vie or vie+eng.")
    var language = "vie"

    @Option(help: "Output format: text, tsv or hocr.")
    var format: OCROutputFormat = .text

    @Option(help: "Engines run in parallel (one thread each).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() throws {
        var writer = OCRWriter(format: format)
        let out = FileHandle.standardOutput
        var failed: [String] = []
        var pages = 0
        do {
            try OCRBatch.run(files: files, jobs: jobs, language: language) { index, result in
                // After the engines loaded, so a missing language leaves stdout empty.
                if index == 0 { out.write(Data(writer.header(language: language).utf8)) }
                switch result {
                case .success(let document):
                    pages += document.pages.count
                    out.write(Data(writer.document(document).utf8))
                case .failure(let error):
                    failed.append(files[index])
                    CommandFailure.print("ocr", error)
                }
            }
        } catch {
            // Nothing was read (e.g. the language pack is missing): one sentence, no usage text.
            CommandFailure.print("ocr", error)
            throw ExitCode.failure
        }
        out.write(Data(writer.footer().utf8))
        let read = files.count - failed.count
        FileHandle.standardError.write(
            Data(
                "congvan ocr: \(read) of \(files.count) file\(files.count == 1 ? "" : "s") read (\(pages) page\(pages == 1 ? "" : "s"))\(failed.isEmpty ? "" : ", \(failed.count) failed: \(TerminalText.escaped(failed.joined(separator: ", ")))").\n"
                    .utf8))
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
