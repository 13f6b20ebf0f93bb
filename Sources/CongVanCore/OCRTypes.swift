/// Stage 1's output: what Tesseract read, with per-word confidences and boxes kept so later
/// stages can weigh doubtful words.

/// A rectangle in page pixels, origin top-left.
public struct PixelBox: Sendable, Hashable, Codable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

public struct OCRWord: Sendable, Hashable, Codable {
    public var text: String
    /// Tesseract's word confidence, 0–100.
    public var confidence: Float
    public var box: PixelBox
    public init(text: String, confidence: Float, box: PixelBox) {
        self.text = text
        self.confidence = confidence
        self.box = box
    }
}

public struct OCRLine: Sendable, Hashable, Codable {
    public var words: [OCRWord]
    public var box: PixelBox
    /// Index of the layout column or block the line belongs to, in reading order.
    public var block: Int
    public init(words: [OCRWord], box: PixelBox, block: Int) {
        self.words = words
        self.box = box
        self.block = block
    }
    public var text: String { words.map(\.text).joined(separator: " ") }
}

/// How a page's text was obtained.
public enum PageReading: String, Sendable, Hashable, Codable {
    /// Tesseract read the page image.
    case ocr
    /// The PDF's own text layer (born-digital, or an earlier OCR's invisible text).
    case textLayer
}

public struct OCRPage: Sendable, Hashable, Codable {
    /// 0-based page number within the source file.
    public var index: Int
    public var width: Int
    public var height: Int
    /// Lines in reading order (left block before right block where a page has two).
    public var lines: [OCRLine]
    /// Mean word confidence of the page, 0–100 (100 for a text layer).
    public var meanConfidence: Float
    /// Where the text came from.
    public var reading: PageReading
    /// Pixels per inch of the page's coordinates (boxes, width, height); 0 when the image
    /// records none. PDF pages, read either way, are in pixels at 300 dpi.
    public var dpi: Int
    /// The file the page is in, when a document is made of several files (page images of one
    /// letter); nil: the document's own source.
    public var file: String?
    /// The letterhead's number and date fields found on the page, and how each was filled.
    public var fields: [HeaderField] = []

    public init(
        index: Int, width: Int, height: Int, lines: [OCRLine], meanConfidence: Float, reading: PageReading = .ocr,
        dpi: Int = 0, file: String? = nil
    ) {
        self.index = index
        self.width = width
        self.height = height
        self.lines = lines
        self.meanConfidence = meanConfidence
        self.reading = reading
        self.dpi = dpi
        self.file = file
    }
    /// One line of text per OCR line, with a blank line where the layout block changes.
    public var text: String {
        var out: [String] = []
        var lastBlock: Int? = nil
        for line in lines {
            if let b = lastBlock, b != line.block { out.append("") }
            out.append(line.text)
            lastBlock = line.block
        }
        return out.joined(separator: "\n")
    }
}

public struct OCRDocument: Sendable, Hashable, Codable {
    public var source: String
    public var language: String
    public var pages: [OCRPage]
    public init(source: String, language: String, pages: [OCRPage]) {
        self.source = source
        self.language = language
        self.pages = pages
    }
    /// The pages' text, separated by a blank line.
    public var text: String { pages.map(\.text).joined(separator: "\n\n") }
}

/// A letterhead field that is often left blank when the letter is printed and filled in by hand
/// or by a numbering stamp: the document number (`Số:  /QĐ-TTg`) and the day and month of the
/// date (`ngày  tháng 4 năm 2026`).
public struct HeaderField: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case number, day, month
    }

    public enum State: String, Sendable, Hashable, Codable {
        /// Printed (or typed) with the letter: read as the rest of the page.
        case printed
        /// Left blank: nothing written in the gap.
        case blank
        /// Written by hand (or stamped) and read with confidence: `value` holds it.
        case handwritten
        /// Something is written there but it could not be read with confidence; left out of the
        /// text rather than guessed.
        case illegible
    }

    public var kind: Kind
    public var state: State
    /// The digits, when printed or read with confidence.
    public var value: String?
    /// Where the field is on the page (pixels).
    public var box: PixelBox

    public init(kind: Kind, state: State, value: String? = nil, box: PixelBox) {
        self.kind = kind
        self.state = state
        self.value = value
        self.box = box
    }
}
