import CongVanCore

/// A document's text as read from its pages, and where each of its lines came from, so the
/// restored text can be put back on the pages: for the record's per-page provenance and for the
/// words of a searchable PDF.
///
/// Lines are the pages' lines in reading order; a blank line separates layout blocks and a line
/// holding only a form feed (U+000C) separates pages, as `congvan ocr` writes text.
struct PagedText {
    var text: String
    /// For each line of `text`: the page (index in the document) and line it came from; nil for
    /// the block and page separators.
    var origins: [(page: Int, line: Int)?]

    static let pageBreak = "\u{0C}"

    init(_ document: OCRDocument) {
        var lines: [String] = []
        var origins: [(page: Int, line: Int)?] = []
        for (p, page) in document.pages.enumerated() {
            if p > 0 {
                lines.append(Self.pageBreak)
                origins.append(nil)
            }
            var lastBlock: Int?
            for (l, line) in page.lines.enumerated() {
                if let b = lastBlock, b != line.block {
                    lines.append("")
                    origins.append(nil)
                }
                lines.append(line.text)
                origins.append((p, l))
                lastBlock = line.block
            }
        }
        text = lines.joined(separator: "\n")
        self.origins = origins
    }

    /// The document with every line's words replaced by the restored line's words, and for each
    /// page whether restoration changed it. `restored` must be the restoration of `text` (line N
    /// of it restores line N); a line count that differs leaves the words as they were read.
    ///
    /// Each restored word takes the box of the word it restores when the line kept its word count;
    /// otherwise (restoration split or joined words) the line's box is shared out among the
    /// restored words in proportion to their length.
    func restoredDocument(_ document: OCRDocument, restored: String) -> (document: OCRDocument, changed: [Bool]) {
        var changed = Array(repeating: false, count: document.pages.count)
        let lines = restored.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == origins.count else { return (document, changed) }
        var out = document
        for (i, origin) in origins.enumerated() {
            guard let (p, l) = origin else { continue }
            let line = document.pages[p].lines[l]
            let text = String(lines[i])
            guard text != line.text else { continue }
            changed[p] = true
            out.pages[p].lines[l].words = Self.place(text.split(separator: " ").map(String.init), on: line)
        }
        return (out, changed)
    }

    /// Restored words on the read line's boxes.
    static func place(_ words: [String], on line: OCRLine) -> [OCRWord] {
        if words.count == line.words.count {
            return zip(words, line.words).map { OCRWord(text: $0, confidence: $1.confidence, box: $1.box) }
        }
        let total = words.reduce(0) { $0 + $1.count } + max(0, words.count - 1)
        guard total > 0 else { return [] }
        let confidence = line.words.isEmpty ? 0 : line.words.map(\.confidence).reduce(0, +) / Float(line.words.count)
        var out: [OCRWord] = []
        var offset = 0
        for word in words {
            let x0 = line.box.x + line.box.width * offset / total
            offset += word.count
            let x1 = line.box.x + line.box.width * offset / total
            offset += 1
            out.append(
                OCRWord(
                    text: word, confidence: confidence,
                    box: PixelBox(x: x0, y: line.box.y, width: max(1, x1 - x0), height: line.box.height)))
        }
        return out
    }
}
