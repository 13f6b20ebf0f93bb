import CongVanCore

/// What `convert` stores for one document: the record plus what the query, search and summary need
/// without re-reading or re-parsing anything.
public struct StoredDocument: Sendable, Equatable {
    public enum InputType: String, Sendable, Codable {
        /// Already-OCR'd text (`.txt`).
        case text
        /// A page image (PNG, JPEG, TIFF).
        case image
        case pdf
    }

    /// The file the document was read from, as `Store.storedPath(forFile:)` gives it.
    public var path: String
    /// `ContentHash` of the file's bytes.
    public var contentHash: String
    public var inputType: InputType
    public var pages: Int
    /// Whether restoration rewrote the text.
    public var restored: Bool
    public var record: DirectiveRecord
    /// The text the record was parsed from (restored where restoration ran).
    public var text: String
    /// `Store.recordJSON(record)` when the caller has it already (it wrote it to a file).
    public var recordJSON: String?

    public init(
        path: String, contentHash: String, inputType: InputType, pages: Int, restored: Bool,
        record: DirectiveRecord, text: String, recordJSON: String? = nil
    ) {
        self.path = path
        self.contentHash = contentHash
        self.inputType = inputType
        self.pages = pages
        self.restored = restored
        self.record = record
        self.text = text
        self.recordJSON = recordJSON
    }
}

/// What saving a document did to the store.
public enum SaveOutcome: Sendable, Equatable {
    /// New content, new rows.
    case added
    /// The path held other content before; its rows were replaced.
    case replaced
    /// The content was already stored (by an earlier run, another path or a concurrent run).
    case unchanged
}

/// What the store knows about a file before any work is done on it.
public enum FileStatus: Sendable, Equatable {
    /// This path already holds this content: nothing to do.
    case current
    /// The content is stored, under another path.
    case storedElsewhere
    /// The content is not stored.
    case new
}

/// Row counts, for the summary and for checks.
public struct StoreCounts: Sendable, Equatable {
    public var documents: Int
    public var files: Int
    public var targets: Int
    public var achievements: Int
    public var communes: Int
}
