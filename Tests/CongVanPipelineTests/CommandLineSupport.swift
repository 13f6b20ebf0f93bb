import CongVanOCR
import CongVanTestSupport
import Foundation

extension CLI {
    /// Whether the real stages can run here: the executable, the restoration and gazetteer
    /// lexicons (`scripts/build-lexicons.sh`) and Tesseract's Vietnamese data.
    static var realStagesAvailable: Bool {
        binary != nil && EndToEnd.available
    }

    /// The restoration and gazetteer lexicons (`scripts/build-lexicons.sh`), enough for `.txt` inputs.
    static var lexiconsAvailable: Bool {
        ["restore-lm.cvlex", "restore-channel.cvlex", "gazetteer.cvlex"].allSatisfy {
            FileManager.default.fileExists(atPath: Repository.lexicons + "/" + $0)
        }
    }

    /// Tesseract's Vietnamese data (apt package tesseract-ocr-vie) in a folder the OCR stage searches.
    static var tesseractVietnamese: Bool {
        LanguageData.searchPath().contains { FileManager.default.fileExists(atPath: $0 + "/vie.traineddata") }
    }
}
