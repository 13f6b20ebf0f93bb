import Foundation

/// Errors of the Store stage, worded for the person running `congvan`.
public enum StoreError: LocalizedError, Sendable {
    case notImplemented(String)

    public var errorDescription: String? {
        switch self {
        case .notImplemented(let what): return "\(what) is not available yet."
        }
    }
}
