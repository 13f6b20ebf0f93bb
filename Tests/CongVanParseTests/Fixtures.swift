import CongVanParse
import CongVanTestSupport
import Foundation

/// Paths shared by the tests: the repo, its committed gazetteer, and `../shared` beside it.
enum Fixtures {
    static let repo = URL(fileURLWithPath: Repository.root)
    static let shared = URL(fileURLWithPath: Repository.shared)

    /// The committed gazetteer, loaded once for all tests.
    static let gazetteer: Gazetteer = {
        try! Gazetteer.load(lexiconDirectory: repo.appendingPathComponent("Lexicons").path)
    }()
    static let parser = DirectiveParser(gazetteer: gazetteer)

    /// Committed copies: the seed texts (`Fixtures/seeds`), the worked examples and the dev gold
    /// (`Tests/Fixtures`), so the tests never depend on `../shared`.
    static let committed = repo.appendingPathComponent("Tests/Fixtures")

    static func seed(_ prefix: String) throws -> (name: String, text: String) { try Repository.seed(prefix) }

    static func example(_ number: String) throws -> [String: Any] {
        let data = try Data(contentsOf: committed.appendingPathComponent("records/\(number).json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// The real scans' ground truths live only in `../shared/data` (data files are not copied).
    static var hasRealScans: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("data/real-scans").path)
    }
}
