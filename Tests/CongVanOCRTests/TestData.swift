import CongVanTestSupport
import Foundation

@testable import CongVanOCR

/// Paths of the inputs the OCR tests read: the real scans in `../shared/data/real-scans` and the
/// rendered pages in `Fixtures/`.
enum TestData {
    static let root = URL(fileURLWithPath: Repository.root)
    static let scans = Repository.shared + "/data/real-scans"
    static let fixtures = Repository.fixtures

    struct Scan: Sendable, CustomStringConvertible {
        var name: String
        /// CER of plain `tesseract IMAGE stdout -l vie` on this scan (Tesseract 5.3.0, vie 4.1.0),
        /// the figure the stage has to beat.
        var plainTesseractCER: Double
        var image: String { "\(TestData.scans)/\(name)_p1.png" }
        var truth: String { (try? String(contentsOfFile: "\(TestData.scans)/\(name).gt.txt", encoding: .utf8)) ?? "" }
        var description: String { name }
    }

    static let realScans = [
        Scan(name: "real_cv_3722_metro", plainTesseractCER: 0.1677),
        Scan(name: "real_hanoi_kh_173_festival", plainTesseractCER: 0.1071),
        Scan(name: "real_qd_729_ttg", plainTesseractCER: 0.1468),
        Scan(name: "real_tt_21_bct_fuel", plainTesseractCER: 0.1096),
    ]

    static var haveScans: Bool { FileManager.default.fileExists(atPath: realScans[0].image) }

    /// A committed page (`Fixtures/`), for tests that must run where `../shared` is absent (CI).
    static func fixturePage(_ name: String) -> String { "\(fixtures)/\(name).png" }

    /// A fresh folder under the system temporary folder.
    static func temporaryFolder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "congvan-ocr-test-\(UUID().uuidString)"
        ).path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `bytes` to a new file in a temporary folder and returns its path.
    static func file(named name: String, bytes: [UInt8]) -> String {
        let path = "\(temporaryFolder())/\(name)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}
