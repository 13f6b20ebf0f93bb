import Foundation

/// Errors of the Restore stage, worded for the person running `congvan`.
public enum RestoreError: LocalizedError, Sendable {
    case notImplemented(String)

    public var errorDescription: String? {
        switch self {
        case .notImplemented(let what): return "\(what) is not available yet."
        }
    }
}
