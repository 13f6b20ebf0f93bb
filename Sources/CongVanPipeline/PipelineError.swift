import CongVanCore
import Foundation

/// Errors of the Pipeline stage, worded for the person running `congvan`. Problems with one
/// document are not thrown: they are listed as `ConvertFailure`s and the batch goes on.
public enum PipelineError: LocalizedError, RemediableError, Sendable, Equatable {
    case noInputs
    case invalidJobs(Int)
    /// The `--out` folder cannot be created or written.
    case outputFolder(path: String, reason: String)
    /// A stage could not be set up (lexicons missing, OCR engine…); the reason names the fix.
    case stageUnavailable(stage: String, reason: String)
    // Per-document reasons, reported in the summary.
    case emptyFile(path: String)
    case noText(path: String, pages: Int)
    case unsupportedType(path: String)
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case outputNotWritten(path: String, reason: String)
    /// A name with bytes that are not UTF-8 (shown as \xNN).
    case nameNotUTF8(path: String)
    /// A named pipe, socket or device among the inputs (`kind` says which).
    case notRegularFile(path: String, kind: String)
    /// A symbolic link whose target does not exist.
    case brokenLink(path: String)
    /// A text input over `Converter.textLimit`.
    case textTooLarge(path: String, bytes: Int, limit: Int)

    public var errorDescription: String? {
        switch self {
        case .noInputs:
            return "no input files: give files or folders holding .png .jpg .jpeg .tif .tiff .pdf or .txt files."
        case .invalidJobs(let n):
            return "the number of jobs must be at least 1, not \(n)."
        case .outputFolder(let path, let reason):
            return "\(path): the output folder cannot be used (\(reason)); choose another output folder."
        case .stageUnavailable(let stage, let reason):
            return "\(stage) cannot start: \(reason)"
        case .emptyFile(let path):
            return "\(path): the file is empty."
        case .noText(let path, let pages):
            return "\(path): no text was found on its \(pages) \(pages == 1 ? "page" : "pages")."
        case .unsupportedType(let path):
            return "\(path): not a supported input (.png .jpg .jpeg .tif .tiff .pdf .txt)."
        case .fileNotFound(let path):
            return "\(path): no such file or folder."
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))."
        case .outputNotWritten(let path, let reason):
            return "\(path): cannot be written (\(reason))."
        case .nameNotUTF8(let path):
            return "\(path): the file name is not valid UTF-8; rename it (e.g. with convmv) to convert it."
        case .notRegularFile(let path, let kind):
            return "\(path): \(kind), not a regular file; convert reads regular files only."
        case .textTooLarge(let path, let bytes, let limit):
            return String(
                format:
                    "%@: the text is %.1f MiB, over the limit of %d MiB per document; split it into one file per directive.",
                path, Double(bytes) / 1_048_576, limit >> 20)
        case .brokenLink(let path):
            return "\(path): a symbolic link to a file that does not exist."
        }
    }
}

extension PipelineError {
    public var remedy: Remedy? {
        switch self {
        case .invalidJobs: .moreJobs
        case .outputFolder: .otherOutputFolder
        default: nil
        }
    }
}
