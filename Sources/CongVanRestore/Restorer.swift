import CongVanCore

/// Repairs degraded Vietnamese: puts back diacritics and undoes OCR confusions, line for line.
/// Load once (memory-mapped lexicons) and share across threads.
public final class Restorer: Sendable {
    /// Loads the restoration lexicons from `directory` (default: the project's `Lexicons/`).
    public static func load(lexiconDirectory directory: String = LexiconLocator.directory()) throws -> Restorer {
        throw RestoreError.notImplemented("restoration (issue 3)")
    }

    /// Measures how degraded `text` looks, without restoring it.
    public func assess(_ text: String) -> Degradation {
        Degradation(tokens: 0, invalidShare: 0, digitInWordShare: 0, impossibleMarkShare: 0, markedShare: 0, kind: .unknown)
    }

    /// Restores `text` (NFC); line N of the result is line N of the input.
    public func restore(_ text: String) -> RestoredText {
        RestoredText(text: text, tokens: [], degradation: assess(text))
    }
}
