import CongVanParse
import Foundation

/// Paths shared by the tests: the repo, its committed gazetteer, and `../shared` beside it.
enum Fixtures {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")

    /// The committed gazetteer, loaded once for all tests.
    static let gazetteer: Gazetteer = {
        try! Gazetteer.load(lexiconDirectory: repo.appendingPathComponent("Lexicons").path)
    }()
    static let parser = DirectiveParser(gazetteer: gazetteer)

    static func seed(_ prefix: String) throws -> (name: String, text: String) {
        let dir = shared.appendingPathComponent("seeds")
        let name = try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix(prefix + "_") }!
        return (name, try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8).precomposedStringWithCanonicalMapping)
    }

    static func example(_ number: String) throws -> [String: Any] {
        let data = try Data(contentsOf: shared.appendingPathComponent("dev/records/\(number).json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static var hasShared: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("seeds").path) }
}
