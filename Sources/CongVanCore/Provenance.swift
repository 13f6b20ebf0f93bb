/// Where a record came from: which bytes, which pages, how each page's text was obtained, and
/// which CongVan made it. Written in the record (`provenance`) so a reader can tell an exact
/// text layer from an OCR reading, and a restored text from the text as it was.
public struct Provenance: Sendable, Codable, Equatable {
    /// SHA-256 (lower-case hex) of the input's bytes; for a document made of several page files,
    /// of their hashes in page order (each as 64 hex digits and a newline).
    public var contentHash: String
    /// The CongVan version that made the record (`CongVanVersion.current`).
    public var congvanVersion: String
    /// Whether restoration rewrote any of the text.
    public var restored: Bool
    /// Every page in reading order.
    public var pages: [PageProvenance]

    public init(
        contentHash: String, congvanVersion: String = CongVanVersion.current, restored: Bool,
        pages: [PageProvenance]
    ) {
        self.contentHash = contentHash
        self.congvanVersion = congvanVersion
        self.restored = restored
        self.pages = pages
    }
}

/// One page of a document and how its text was read.
public struct PageProvenance: Sendable, Codable, Equatable {
    public enum Reading: String, Sendable, Codable, CaseIterable {
        /// A plain-text input (`.txt`), taken as given.
        case text
        /// The PDF page's own text layer.
        case textLayer
        /// Tesseract read the page image.
        case ocr
    }

    /// The file name the page is in.
    public var file: String
    /// 1-based page number within that file.
    public var page: Int
    public var read: Reading
    /// Whether restoration changed this page's text.
    public var restored: Bool

    public init(file: String, page: Int, read: Reading, restored: Bool) {
        self.file = file
        self.page = page
        self.read = read
        self.restored = restored
    }
}

/// The version of this CongVan, written in every record's provenance and printed by
/// `congvan --version`; raised with each release. The one version constant.
public enum CongVanVersion {
    public static let current = "0.9.0"
}
