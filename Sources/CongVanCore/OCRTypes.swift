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

public struct OCRPage: Sendable, Hashable, Codable {
    /// 0-based page number within the source file.
    public var index: Int
    public var width: Int
    public var height: Int
    /// Lines in reading order (left block before right block where a page has two).
    public var lines: [OCRLine]
    /// Mean word confidence of the page, 0–100.
    public var meanConfidence: Float
    public init(index: Int, width: Int, height: Int, lines: [OCRLine], meanConfidence: Float) {
        self.index = index
        self.width = width
        self.height = height
        self.lines = lines
        self.meanConfidence = meanConfidence
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
