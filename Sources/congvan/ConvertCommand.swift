import ArgumentParser
import CongVanCore
import CongVanOCR
import CongVanPipeline
import Foundation

/// `congvan convert INPUT...`: scanned or OCR'd directives in, a searchable store out.
struct Convert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert scans (.png .jpg .tif .pdf) and OCR'd text (.txt) into records in an SQLite store.",
        discussion: """
            Each document goes through OCR (images and PDFs), restoration (when the text is degraded) \
            and parsing; its restored text and record are written to --out and stored in --db in one \
            transaction. Documents already stored with the same content are skipped, so a batch can be \
            run again (or resumed after an interruption) at no cost. A file that fails is listed at the \
            end and the exit status is 1; the other documents are converted all the same.
            """
    )

    @Argument(help: "Files or folders (searched recursively).")
    var inputs: [String]

    @Option(help: "The SQLite store to write.")
    var db = "congvan.sqlite"

    @Option(help: "Folder for <name>.txt (restored text) and <name>.json (record).")
    var out = "out"

    @Option(help: "Documents converted at once (one OCR engine each); default: the number of cores.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Tesseract language(s) for images, e.g. vie or vie+eng.")
    var lang = "vie"

    @Option(
        help: """
            auto: read a PDF page's own text layer when it has usable text, OCR the other pages and images; \
            always: OCR every page; never: no OCR (text layers only, images fail).
            """)
    var ocr: OCRMode = .auto

    @Option(
        help: """
            auto: page images in one folder with a common stem and a page number (name-p1.png, name_001.jpg, \
            name (2).jpg, name page 3.tif) are one document; folder: each folder of images is one document; \
            none: one file, one document.
            """)
    var group: PageGrouping = .auto

    @Flag(
        help: """
            Also write <out>/<name>.pdf for each image or PDF document: its pages with an invisible text layer \
            of the restored words, searchable and selectable (a PDF's own pages are kept).
            """)
    var pdf = false

    @Flag(help: "Convert again even documents whose content is already stored.")
    var force = false

    @Flag(help: "Replace invalid UTF-8 in .txt files with U+FFFD instead of refusing them.")
    var lossy = false

    @Option(help: "The Lexicons folder (default: found next to the executable or the working folder).")
    var lexicons: String?

    func run() async throws {
        let options = ConvertOptions(
            inputs: inputs, databasePath: db, outputDirectory: out, jobs: jobs, force: force, lossy: lossy,
            grouping: group, searchablePDF: pdf)
        let display = ProgressDisplay(terminal: isatty(STDERR_FILENO) == 1)
        let directory = lexicons ?? LexiconLocator.directory()
        let summary: ConvertSummary
        do {
            let stages = {
                try Stages.standard(language: lang, lexiconDirectory: directory, parallelEngines: jobs > 1, ocr: ocr)
            }
            summary = try Converter.run(options, stages: try stages(), onEvent: display.handle)
        } catch {
            FileHandle.standardError.write(Data("congvan convert: \(error.localizedDescription)\n".utf8))
            throw ExitCode.failure
        }
        FileHandle.standardError.write(Data(ProgressDisplay.summary(summary, database: db, output: out).utf8))
        if !summary.failures.isEmpty { throw ExitCode.failure }
    }
}

extension OCRMode: ExpressibleByArgument {}
extension PageGrouping: ExpressibleByArgument {}
