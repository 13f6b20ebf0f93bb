import CongVanCore
import Foundation

/// When pages are OCR'd.
public enum OCRMode: String, Sendable, CaseIterable {
    /// A PDF page's own text layer when it has usable text; OCR for the other pages and for images.
    case auto
    /// Every page is OCR'd, whatever text layer a PDF has.
    case always
    /// Nothing is OCR'd: PDF text layers only; images are refused.
    case never
}

/// Reads a document — one file, or the page files of one letter — into an `OCRDocument`: PDF
/// pages from their text layer where it is usable (`PDFTextLayer`), every other page through
/// Tesseract. The engine is made the first time a page needs OCR, so a batch of born-digital
/// PDFs never loads Tesseract. Not thread-safe, like the engine it holds: one per worker thread.
public final class DocumentReader {
    public let mode: OCRMode
    public let language: String
    private let dataPath: String?
    private let options: OCROptions
    private var engine: Result<OCREngine, OCRError>?

    public init(
        mode: OCRMode = .auto, language: String = "vie", dataPath: String? = nil, options: OCROptions = .standard
    ) {
        self.mode = mode
        self.language = language
        self.dataPath = dataPath
        self.options = options
    }

    /// Every page of every file, in order. A document of several files records each page's file.
    public func read(_ files: [String]) throws(OCRError) -> OCRDocument {
        guard let first = files.first else { throw .invalidArgument("no file to read") }
        var pages: [OCRPage] = []
        for file in files {
            for var page in try read(file: file) {
                if files.count > 1 { page.file = file }
                pages.append(page)
            }
        }
        return OCRDocument(
            source: files.count == 1 ? first : files.joined(separator: "\n"), language: language, pages: pages)
    }

    /// The pages of one file.
    public func read(file path: String) throws(OCRError) -> [OCRPage] {
        let format = try PageSource.sniff(path)
        if format == .pdf, mode != .always {
            let layer = try PDFTextLayer.read(path)
            let source = PageSource(path: path, format: .pdf, pageCount: layer.count)
            var pages: [OCRPage] = []
            for (index, page) in layer.enumerated() {
                if PDFTextLayer.isUsable(page) || mode == .never {
                    pages.append(PDFTextLayer.ocrPage(page, index: index))
                } else {
                    pages.append(try ocrEngine().recognize(source, page: index))
                }
            }
            return pages
        }
        if mode == .never { throw .ocrDisabled(path: path) }
        let source = try PageSource.open(path)
        let engine = try ocrEngine()
        var pages: [OCRPage] = []
        for index in 0..<source.pageCount { pages.append(try engine.recognize(source, page: index)) }
        return pages
    }

    /// The engine, made on first use; a failure (missing language data) is kept and given again.
    func ocrEngine() throws(OCRError) -> OCREngine {
        if engine == nil {
            do throws(OCRError) {
                engine = .success(try OCREngine(language: language, dataPath: dataPath, options: options))
            } catch {
                engine = .failure(error)
            }
        }
        return try engine!.get()
    }
}
