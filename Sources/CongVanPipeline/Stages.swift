import CongVanCore

/// Reads one document — an image or PDF file, or the page images of one letter, in page order —
/// into lines (PDF text layers or OCR). Made per worker thread and used by that thread only (an
/// OCR engine is not thread-safe).
public typealias PageReader = (_ files: [String]) throws -> OCRDocument

/// Stage 2's verdict on one text.
public struct Restoration: Sendable, Equatable {
    public var text: String
    /// Whether the text was rewritten (judged degraded, or read by OCR and corrected).
    public var restored: Bool
    public init(text: String, restored: Bool) {
        self.text = text
        self.restored = restored
    }
}

/// The three stages `convert` chains, as plain functions so the batch logic can be tested with
/// simple stand-ins and the real stages plugged in by `Stages.standard`.
public struct Stages: Sendable {
    /// Makes one worker's page reader; called on the worker's own thread, the first time it meets
    /// an image or PDF.
    public var makeReader: @Sendable () throws -> PageReader
    /// Restores text when it needs it (shared by all workers); `fromOCR` when the text was just
    /// read from page images.
    public var restore: @Sendable (_ text: String, _ fromOCR: Bool) -> Restoration
    /// Parses (restored) text into a record; `source` is the file name (shared by all workers).
    public var parse: @Sendable (_ text: String, _ source: String) -> DirectiveRecord

    public init(
        makeReader: @escaping @Sendable () throws -> PageReader,
        restore: @escaping @Sendable (String, Bool) -> Restoration,
        parse: @escaping @Sendable (String, String) -> DirectiveRecord
    ) {
        self.makeReader = makeReader
        self.restore = restore
        self.parse = parse
    }
}
