import Foundation

/// Errors of the Parse stage, worded for the person running `congvan`.
public enum ParseError: LocalizedError, Sendable {
    case notImplemented(String)

    public var errorDescription: String? {
        switch self {
        case .notImplemented(let what): return "\(what) is not available yet."
        }
    }
}
