import Foundation

/// Paths every test target reads: the package's own folders and `../shared` beside it.
public enum Repository {
    /// The package root (the folder holding `Package.swift`).
    public static let root: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Committed page images and the seed texts (`Fixtures/`).
    public static let fixtures = root + "/Fixtures"
    /// The seed directives (`Fixtures/seeds`).
    public static let seeds = fixtures + "/seeds"
    /// Committed test data: worked examples and gold files (`Tests/Fixtures`).
    public static let testFixtures = root + "/Tests/Fixtures"
    /// The shared data beside the repository (absent in CI).
    public static let shared = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("shared")
        .path

    /// The lexicons the real stages load: `CONGVAN_LEXICONS` when set, else the committed `Lexicons/`.
    public static var lexicons: String {
        ProcessInfo.processInfo.environment["CONGVAN_LEXICONS"].flatMap { $0.isEmpty ? nil : $0 } ?? root
            + "/Lexicons"
    }

    /// The seed texts' file names, sorted.
    public static func seedNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: seeds).filter { $0.hasSuffix(".txt") }.sorted()
    }

    /// The seed whose name starts with `prefix_` (`001`), as NFC text.
    public static func seed(_ prefix: String) throws -> (name: String, text: String) {
        guard let name = try seedNames().first(where: { $0.hasPrefix(prefix + "_") }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: seeds + "/" + prefix + "_*"])
        }
        return (
            name, try String(contentsOfFile: seeds + "/" + name, encoding: .utf8).precomposedStringWithCanonicalMapping
        )
    }

    /// Every seed text, NFC.
    public static func seedTexts() throws -> [String] {
        try seedNames().map {
            try String(contentsOfFile: seeds + "/" + $0, encoding: .utf8).precomposedStringWithCanonicalMapping
        }
    }
}
