import Foundation

/// Errors of the Parse stage, worded for the person running `congvan`. Parsing itself never
/// fails (what it cannot settle becomes a warning in the record); these are about its inputs.
public enum ParseError: LocalizedError, Sendable, Equatable {
    /// A gazetteer source file is missing or not the expected JSON.
    case gazetteerSource(path: String, reason: String)
    /// The built gazetteer lexicon does not hold what the reader expects.
    case gazetteerCorrupt(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .gazetteerSource(let path, let reason):
            return "gazetteer source \(path) cannot be used (\(reason))."
        case .gazetteerCorrupt(let path, let reason):
            return "gazetteer \(path) is damaged (\(reason)); rebuild it with `congvan-lexicon gazetteer`."
        }
    }
}
