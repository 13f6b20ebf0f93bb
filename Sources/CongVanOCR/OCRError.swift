import Foundation

/// Errors of the OCR stage, worded for the person running `congvan`: one sentence that names the
/// file (and page) and what to do about it.
public enum OCRError: LocalizedError, Sendable, Equatable {
    /// No `<language>.traineddata` in any tessdata folder searched.
    case languageDataMissing(language: String, searched: [String], package: String)
    /// The language data exists but Tesseract would not load it.
    case engineFailed(language: String, dataPath: String)
    /// A language code that cannot name a traineddata file ("vie", "vie+eng").
    case invalidLanguage(String)
    case fileNotFound(path: String)
    /// Exists but is a folder, empty, unreadable or in a format we do not read.
    case unreadable(path: String, reason: String)
    /// The image (or one page of it) could not be decoded.
    case corruptImage(path: String, page: Int?, reason: String)
    /// A PDF that poppler could not open or rasterise.
    case corruptPDF(path: String, page: Int?, reason: String)
    /// A PDF that needs a password to be opened.
    case encryptedPDF(path: String)
    /// A PDF without a single page.
    case emptyPDF(path: String)
    /// A page with more pixels than the budget (`ImageHeader.pixelBudget`).
    case imageTooLarge(path: String, page: Int?, width: Int, height: Int, budget: Int)
    /// An external program the stage needs is not installed.
    case toolMissing(tool: String, package: String)
    /// Tesseract's or Leptonica's shared library could not be loaded.
    case libraryMissing(library: String, package: String, reason: String)
    /// Tesseract failed on a page that decoded fine.
    case recognitionFailed(path: String, page: Int)
    case invalidArgument(String)
    /// An image was given with OCR turned off (`--ocr never`).
    case ocrDisabled(path: String)

    public var errorDescription: String? {
        switch self {
        case .languageDataMissing(let language, let searched, let package):
            return
                "Tesseract language data for '\(language)' is missing (looked in \(searched.joined(separator: ", "))); install the apt package \(package) or set TESSDATA_PREFIX to the folder holding \(language).traineddata."
        case .engineFailed(let language, let dataPath):
            return
                "Tesseract could not load '\(language)' from \(dataPath); the .traineddata file may be damaged (reinstall its apt package)."
        case .invalidLanguage(let language):
            return "'\(language)' is not a Tesseract language code (expected e.g. vie or vie+eng)."
        case .fileNotFound(let path):
            return "\(path): no such file."
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))."
        case .corruptImage(let path, let page, let reason):
            return "\(path)\(Self.pageSuffix(page)): the image is damaged (\(reason))."
        case .corruptPDF(let path, let page, let reason):
            return "\(path)\(Self.pageSuffix(page)): the PDF cannot be rendered (\(reason))."
        case .encryptedPDF(let path):
            return
                "\(path): the PDF is encrypted (it needs a password to be opened); remove the password (e.g. qpdf --decrypt) to read it."
        case .emptyPDF(let path):
            return "\(path): the PDF has no pages."
        case .imageTooLarge(let path, let page, let width, let height, let budget):
            let megapixels = String(format: "%.0f", Double(width * height) / 1e6)
            return
                "\(path)\(Self.pageSuffix(page)): the image is \(width) × \(height) pixels (\(megapixels) megapixels), over the limit of \(budget / 1_000_000) megapixels per page; scale it down (300 dpi is enough for OCR)."
        case .toolMissing(let tool, let package):
            return "\(tool) is not installed; install the apt package \(package)."
        case .libraryMissing(let library, let package, let reason):
            return "\(library) could not be loaded (\(reason)); install the apt package \(package)."
        case .recognitionFailed(let path, let page):
            return "\(path)\(Self.pageSuffix(page)): Tesseract failed to recognise the page."
        case .invalidArgument(let what):
            return "\(what)."
        case .ocrDisabled(let path):
            return "\(path): an image holds no text without OCR, and OCR is turned off."
        }
    }

    private static func pageSuffix(_ page: Int?) -> String {
        page.map { " page \($0 + 1)" } ?? ""
    }
}
