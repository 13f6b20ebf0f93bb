import Foundation
import Testing

@testable import CongVanOCR

@Suite("Language data")
struct LanguageDataTests {
    @Test("a language without traineddata is reported with the apt package to install")
    func missingLanguageNamesPackage() throws {
        let error = #expect(throws: OCRError.self) { try OCREngine(language: "xyz") }
        guard case .languageDataMissing(let language, let searched, let package)? = error else {
            Issue.record("wrong error: \(String(describing: error))")
            return
        }
        #expect(language == "xyz")
        #expect(package == "tesseract-ocr-xyz")
        #expect(searched.contains("/usr/share/tesseract-ocr/5/tessdata"))
        #expect(error?.localizedDescription.contains("install the apt package tesseract-ocr-xyz") == true)
    }

    @Test("the missing part of a combined language is the one named")
    func combinedLanguage() {
        let folder = TestData.temporaryFolder()
        _ = FileManager.default.createFile(atPath: "\(folder)/vie.traineddata", contents: Data([1]))
        #expect(throws: OCRError.languageDataMissing(language: "qqq", searched: [folder], package: "tesseract-ocr-qqq"))
        {
            try LanguageData.locate(language: "vie+qqq", dataPath: folder)
        }
        #expect(LanguageData.aptPackage(for: "chi_sim") == "tesseract-ocr-chi-sim")
    }

    @Test("TESSDATA_PREFIX is searched first, as Tesseract does")
    func tessdataPrefixFirst() throws {
        let folder = TestData.temporaryFolder()
        _ = FileManager.default.createFile(atPath: "\(folder)/abc.traineddata", contents: Data([1]))
        #expect(try LanguageData.locate(language: "abc", environment: ["TESSDATA_PREFIX": folder + "/"]) == folder)
        #expect(LanguageData.searchPath(environment: [:]).first == "/usr/share/tesseract-ocr/5/tessdata")
    }

    @Test("language codes that could escape the tessdata folder are refused")
    func invalidCodes() {
        for code in ["", "../etc/passwd", "vie+", "vi e"] {
            #expect(throws: OCRError.invalidLanguage(code)) { try LanguageData.components(of: code) }
        }
    }

    @Test("damaged traineddata is an engine error, not a crash")
    func damagedTrainedData() {
        let folder = TestData.temporaryFolder()
        _ = FileManager.default.createFile(
            atPath: "\(folder)/vie.traineddata", contents: Data(repeating: 7, count: 4096))
        #expect(throws: OCRError.engineFailed(language: "vie", dataPath: folder)) {
            try OCREngine(language: "vie", dataPath: folder)
        }
    }
}
