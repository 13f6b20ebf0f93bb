import Foundation

/// Errors of the Pipeline stage, worded for the person running `congvan`.
public enum PipelineError: LocalizedError, Sendable {
    case notImplemented(String)

    public var errorDescription: String? {
        switch self {
        case .notImplemented(let what): return "\(what) is not available yet."
        }
    }
}
