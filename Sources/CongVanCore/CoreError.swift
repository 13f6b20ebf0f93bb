import Foundation

/// Errors of reading input text and lexicon files.
public enum CoreError: LocalizedError, RemediableError, Equatable, Sendable {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    /// An output file (or standard output) that could not be written.
    case notWritten(path: String, reason: String)
    case invalidUTF8(source: String, offset: Int)
    case binaryInput(source: String)
    case invalidUTF16(source: String, offset: Int)
    case lexiconMissing(path: String)
    case lexiconCorrupt(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file."
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))."
        case .notWritten(let path, let reason):
            return "\(path): cannot be written (\(reason)); check the folder exists and has room and write access."
        case .invalidUTF8(let source, let offset):
            return
                "\(source): invalid UTF-8 at byte offset \(offset); save it as UTF-8, or read it with invalid bytes replaced by U+FFFD."
        case .invalidUTF16(let source, let offset):
            return
                "\(source): UTF-16 text with an invalid sequence at byte offset \(offset); save it as UTF-8, or read it with invalid sequences replaced by U+FFFD."
        case .binaryInput(let source):
            return "\(source): looks like a binary file, not text; refusing to treat it as a document."
        case .lexiconMissing(let path):
            return
                "lexicon \(path) is missing; run scripts/build-lexicons.sh or set CONGVAN_LEXICONS to the Lexicons folder."
        case .lexiconCorrupt(let path, let reason):
            return "lexicon \(path) is damaged (\(reason)); rebuild it with scripts/build-lexicons.sh."
        }
    }
}

extension CoreError {
    public var remedy: Remedy? {
        switch self {
        case .invalidUTF8, .invalidUTF16: .lossyDecoding
        default: nil
        }
    }
}
