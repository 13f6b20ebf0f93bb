import CongVanCore
import Foundation

/// Reads page images and PDFs into `OCRDocument`s: Leptonica preprocessing, Tesseract through its
/// C API, lines put in reading order.
///
/// One engine holds one Tesseract model and is reused across pages and files. It is not thread-safe
/// (not `Sendable`): give each worker thread its own, or use `OCRBatch` to run several.
public final class OCREngine {
    public let language: String
    public let options: OCROptions
    /// The tessdata folder the language was loaded from.
    public let dataPath: String
    private let tesseract: TesseractAPI
    /// The second model for handwritten digits, made on first use (`digitModel()`).
    private var secondModel: TesseractAPI??

    /// Loads `language` ("vie", or several joined with "+") from `dataPath`, or from the first
    /// tessdata folder of `LanguageData.searchPath()` that has it.
    /// Throws `.languageDataMissing` (naming the apt package) when no folder has the language.
    public init(language: String = "vie", dataPath: String? = nil, options: OCROptions = .standard) throws(OCRError) {
        let folder = try LanguageData.locate(language: language, dataPath: dataPath)
        guard let api = try TesseractAPI(language: language, dataPath: folder) else {
            throw .engineFailed(language: language, dataPath: folder)
        }
        self.language = language
        self.options = options
        self.dataPath = folder
        self.tesseract = api
    }

    /// Every page of a PNG, JPEG, TIFF or PDF file (the format is read from the file's first bytes).
    /// Pages are decoded one at a time, so memory does not grow with the page count.
    public func recognize(file path: String) throws(OCRError) -> OCRDocument {
        let source = try PageSource.open(path)
        var pages: [OCRPage] = []
        pages.reserveCapacity(source.pageCount)
        for index in 0..<source.pageCount {
            pages.append(try recognize(source, page: index))
        }
        return OCRDocument(source: path, language: language, pages: pages)
    }

    /// One page from an encoded image in memory (PNG, JPEG, first page of a TIFF).
    public func recognize(
        imageData bytes: [UInt8], index: Int = 0, source: String = "image data"
    ) throws(OCRError) -> OCRPage {
        guard let image = try PageImage.read(bytes: bytes) else {
            throw .corruptImage(path: source, page: nil, reason: "the data is not a decodable PNG, JPEG or TIFF image")
        }
        return try recognize(image, index: index, source: source)
    }

    func recognize(_ source: PageSource, page index: Int) throws(OCRError) -> OCRPage {
        var image: PageImage? = try source.page(index)
        let size = (width: image!.width, height: image!.height, dpi: image!.resolution)
        let prepared = try Preprocessor(options: options).prepare(
            image!, source: source.path, page: source.pageCount > 1 ? index : nil)
        // The decoded page (four bytes a pixel in colour) is not needed while Tesseract works.
        image = nil
        return try recognize(prepared, size: size, index: index, source: source.path)
    }

    func recognize(_ image: PageImage, index: Int, source: String, pageCount: Int = 1) throws(OCRError) -> OCRPage {
        let pageNumber = pageCount > 1 ? index : nil
        let prepared = try Preprocessor(options: options).prepare(image, source: source, page: pageNumber)
        return try recognize(
            prepared, size: (image.width, image.height, image.resolution), index: index, source: source)
    }

    private func recognize(
        _ prepared: Preprocessor.Prepared, size: (width: Int, height: Int, dpi: Int), index: Int, source: String
    ) throws(OCRError) -> OCRPage {
        guard var lines = tesseract.recognize(prepared.image, segmentation: options.segmentation) else {
            throw .recognitionFailed(path: source, page: index)
        }
        if options.rereadUncoveredInk { lines += reread(prepared.image, around: lines) }
        if prepared.scale != 1 { lines = lines.map { $0.scaled(by: 1 / prepared.scale) } }
        if options.minimumConfidence > 0 {
            lines = lines.compactMap { $0.keeping(minimumConfidence: options.minimumConfidence) }
        }
        lines = options.readingOrder ? ReadingOrder.arrange(lines) : lines
        var fields: [HeaderField] = []
        if options.headerFields, options.readingOrder {
            (lines, fields) = readFields(lines, image: prepared.image, scale: prepared.scale, page: size)
        }
        let confidences = lines.flatMap { $0.words.map(\.confidence) }
        let mean = confidences.isEmpty ? 0 : confidences.reduce(0, +) / Float(confidences.count)
        var page = OCRPage(
            index: index, width: size.width, height: size.height, lines: lines, meanConfidence: mean,
            reading: .ocr, dpi: size.dpi)
        page.fields = fields
        return page
    }
}

extension OCREngine {
    /// Share of a field's gap that must be ink for something to be written there (below it,
    /// specks and dust: the field is blank).
    static let writtenInk = 0.01

    /// The letterhead's number and date rows joined, and each field's gap decided: printed
    /// digits are kept; a blank gap is emptied of specks; anything else written there is re-read
    /// with recognition limited to digits (two segmentation modes, with this engine's model and
    /// with the English model where installed) and its value kept only when the reads agree with
    /// confidence (`HeaderFields.agreed`); otherwise it is left out as illegible.
    func readFields(
        _ lines: [OCRLine], image: PageImage, scale: Double, page: (width: Int, height: Int, dpi: Int)
    ) -> ([OCRLine], [HeaderField]) {
        var (lines, slots) = HeaderFields.locate(lines, pageWidth: page.width, pageHeight: page.height)
        var fields: [HeaderField] = []
        // Right to left, so replacing a gap's words keeps the indices of the slots before it.
        for slot in slots.sorted(by: { ($0.line, $0.words.lowerBound) > ($1.line, $1.words.lowerBound) }) {
            let line = lines[slot.line]
            let inside = line.words[slot.words]
            if !inside.isEmpty,
                inside.allSatisfy({ w in
                    w.text.allSatisfy(\.isNumber) && w.confidence >= HeaderFields.printedConfidence
                })
            {
                let value = inside.map(\.text).joined()
                if HeaderFields.plausible(value, kind: slot.kind) {
                    lines[slot.line] = HeaderFields.reglued(slot, in: line)
                    fields.append(HeaderField(kind: slot.kind, state: .printed, value: value, box: slot.box))
                    continue
                }
            }
            let region = slot.box.scaled(by: scale)
            guard image.inkShare(in: slot.band.scaled(by: scale)) >= Self.writtenInk else {
                lines[slot.line] = HeaderFields.replacing(slot, with: nil, confidence: 0, in: line)
                fields.append(HeaderField(kind: slot.kind, state: .blank, box: slot.box))
                continue
            }
            var reads: [(text: String, confidence: Float)] = []
            for model in [tesseract, digitModel()].compactMap({ $0 }) {
                for mode in [PageSegmentation.singleLine, .singleWord] {
                    reads.append(model.readDigits(image, region: region, segmentation: mode))
                }
            }
            if let value = HeaderFields.agreed(reads, kind: slot.kind) {
                let best = reads.filter { $0.text == value }.map(\.confidence).max() ?? 0
                lines[slot.line] = HeaderFields.replacing(slot, with: value, confidence: best, in: line)
                fields.append(HeaderField(kind: slot.kind, state: .handwritten, value: value, box: slot.box))
            } else {
                lines[slot.line] = HeaderFields.replacing(slot, with: nil, confidence: 0, in: line)
                fields.append(HeaderField(kind: slot.kind, state: .illegible, box: slot.box))
            }
        }
        return (lines, fields.reversed())
    }

    /// The English model, a second opinion on handwritten digits; nil when it is not installed
    /// or is the engine's own model.
    func digitModel() -> TesseractAPI? {
        if let cached = secondModel { return cached }
        var model: TesseractAPI?
        if !language.split(separator: "+").contains("eng"),
            let folder = try? LanguageData.locate(language: "eng", dataPath: nil)
        {
            model = (try? TesseractAPI(language: "eng", dataPath: folder)) ?? nil
        }
        secondModel = .some(model)
        return model
    }
}

extension OCREngine {
    /// Text in ink regions the first pass left unread, each region read as one block. Regions
    /// smaller than a word or mostly black (scanner borders, filled shapes) are skipped.
    func reread(_ image: PageImage, around lines: [OCRLine]) -> [OCRLine] {
        let words = lines.flatMap(\.words)
        guard !words.isEmpty else { return [] }
        let lineHeight = Int(ReadingOrder.median(lines.map { Double($0.box.height) }))
        let regions = image.uncoveredInk(
            covered: words.map(\.box), margin: lineHeight / 4, join: lineHeight,
            minWidth: 3 * lineHeight, minHeight: lineHeight)
        var found: [OCRLine] = []
        for region in regions where region.density < Self.maxRegionInk {
            found += tesseract.recognize(image, segmentation: .singleBlock, region: region.box) ?? []
        }
        // A region's box can take in words already read (a stamp's frame around its text).
        let minimum = max(options.minimumConfidence, Self.rereadConfidence)
        return found.compactMap { line in
            let fresh = line.words.filter { w in
                w.confidence >= minimum
                    && !words.contains { ReadingOrder.overlapArea($0.box, w.box) * 2 > w.box.width * w.box.height }
            }
            if fresh.isEmpty { return nil }
            return OCRLine(words: fresh, box: ReadingOrder.union(fresh.map(\.box)), block: line.block)
        }
    }

    /// Regions with more ink than this share of their area are not text.
    static let maxRegionInk = 0.5
    /// Words found in a re-read region need at least this confidence: such regions are mostly
    /// stamps and seals.
    static let rereadConfidence: Float = 60
}

extension OCRLine {
    /// Boxes mapped back from a scaled image to the original page's pixels.
    func scaled(by factor: Double) -> OCRLine {
        OCRLine(
            words: words.map { OCRWord(text: $0.text, confidence: $0.confidence, box: $0.box.scaled(by: factor)) },
            box: box.scaled(by: factor), block: block)
    }
}

extension OCRLine {
    /// The line without words below `minimumConfidence`; nil when none is left.
    func keeping(minimumConfidence: Float) -> OCRLine? {
        let kept = words.filter { $0.confidence >= minimumConfidence }
        if kept.count == words.count { return self }
        if kept.isEmpty { return nil }
        return OCRLine(words: kept, box: ReadingOrder.union(kept.map(\.box)), block: block)
    }
}

extension PixelBox {
    func scaled(by factor: Double) -> PixelBox {
        let x0 = (Double(x) * factor).rounded()
        let y0 = (Double(y) * factor).rounded()
        let x1 = (Double(x + width) * factor).rounded()
        let y1 = (Double(y + height) * factor).rounded()
        return PixelBox(x: Int(x0), y: Int(y0), width: Int(x1 - x0), height: Int(y1 - y0))
    }
}
