import ArgumentParser
import CongVanCore
import CongVanOCR
import CongVanStore

/// `--db`: the store, for `convert` (written) and `query`/`search` (read).
struct StoreOptions: ParsableArguments {
    @Option(help: "The SQLite store.")
    var db = "congvan.sqlite"
}

/// `--lexicons`: where the restoration and gazetteer lexicons are.
struct LexiconOptions: ParsableArguments {
    @Option(
        help: "The Lexicons folder (default: $CONGVAN_LEXICONS, else found by the working folder or the executable).")
    var lexicons: String?

    var directory: String { lexicons ?? LexiconLocator.directory() }
}

/// `--format`: how `query` and `search` print their results.
struct HitFormatOptions: ParsableArguments {
    @Option(help: "table (for people), json (keys sorted), jsonl (one object per line) or csv (RFC 4180).")
    var format: OutputFormat = .table
}

/// `--lossy`: for the commands that read text files.
struct TextInputOptions: ParsableArguments {
    @Flag(help: "Replace invalid UTF-8 (or UTF-16) with U+FFFD instead of refusing the file.")
    var lossy = false
}

/// `--ocr`: which pages `convert` and `ocr` OCR.
struct OCRModeOptions: ParsableArguments {
    @Option(
        help: """
            auto: read a PDF page's own text layer when it has usable text, OCR the other pages and images; \
            always: OCR every page; never: no OCR (text layers only, images fail).
            """)
    var ocr: OCRMode = .auto
}

extension OutputFormat: ExpressibleByArgument {}
extension OCRMode: ExpressibleByArgument {}

/// The flag that makes the change a library error asks for (library code names no flag).
extension Remedy {
    var flag: String {
        switch self {
        case .lossyDecoding: "--lossy"
        case .otherStore: "--db"
        case .otherOutputFolder: "--out"
        case .moreJobs: "--jobs"
        }
    }

    /// A closing line of `convert`'s summary, when some failures share this way out.
    var summaryAdvice: String? {
        switch self {
        case .lossyDecoding:
            "To read the files with invalid UTF-8 or UTF-16 anyway, pass --lossy (bad bytes become U+FFFD)."
        default: nil
        }
    }
}

/// Words given as several arguments, read as one text (`congvan query hung dao` is
/// `congvan query "hung dao"`), in NFC.
func joinedWords(_ words: [String]) -> String {
    Vietnamese.composed(words.joined(separator: " "))
}
