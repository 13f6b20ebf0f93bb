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
            and parsing, is stored in --db in one transaction, then written to --out. Documents already \
            stored with the same content are skipped, so a batch can be run again (or resumed after an \
            interruption) at no cost. A file that fails is listed at the end and the exit status is 1; \
            the other documents are converted all the same.
            """
    )

    @Argument(help: "Files or folders (searched recursively, links to folders followed).")
    var inputs: [String]

    @OptionGroup var store: StoreOptions

    @Option(help: "Folder for <name>.txt (restored text), <name>.json (record) and, with --pdf, <name>.pdf.")
    var out = "out"

    @Option(help: "Documents converted at once (one OCR engine each); default: the number of cores.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Tesseract language(s) for images, e.g. vie or vie+eng.")
    var lang = "vie"

    @OptionGroup var reading: OCRModeOptions

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

    @Flag(help: "Convert again even documents whose content is already stored (their rows are replaced).")
    var force = false

    @OptionGroup var text: TextInputOptions

    @OptionGroup var lexicons: LexiconOptions

    @Flag(name: .shortAndLong, help: "Print only failures (as they happen, and the list at the end).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print a line per document, and list the files left alone.")
    var verbose = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs).") }
        guard !(quiet && verbose) else { throw ValidationError("--quiet and --verbose cannot be used together.") }
    }

    func run() async throws {
        let options = ConvertOptions(
            inputs: inputs, databasePath: store.db, outputDirectory: out, jobs: jobs, force: force, lossy: text.lossy,
            grouping: group, searchablePDF: pdf)
        let detail: ProgressDisplay.Detail = quiet ? .quiet : verbose ? .verbose : .normal
        let display = ProgressDisplay(terminal: isatty(STDERR_FILENO) == 1, detail: detail)
        let summary = try await reportingFailure {
            try Converter.run(
                options,
                stages: try Stages.standard(
                    language: lang, lexiconDirectory: lexicons.directory, parallelEngines: jobs > 1,
                    ocr: reading.ocr),
                onEvent: display.handle)
        }
        let report = ProgressDisplay.summary(
            summary, database: store.db, output: out, detail: detail, advice: \.summaryAdvice)
        FileHandle.standardError.write(Data(report.utf8))
        if !summary.failures.isEmpty { throw ExitCode.failure }
    }
}

extension PageGrouping: ExpressibleByArgument {}
