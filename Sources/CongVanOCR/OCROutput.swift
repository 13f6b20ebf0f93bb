import CongVanCore
import Foundation

/// Output formats of `congvan ocr`.
public enum OCROutputFormat: String, Sendable, CaseIterable {
    /// Plain text: one line per OCR line, a blank line between layout blocks, a form feed
    /// (U+000C) on its own line between pages and between files.
    case text
    /// One row per word: file, page, block, line, word (1-based; line counts within the page in
    /// reading order), left, top, width, height, confidence, text; with a header row.
    case tsv
    /// hOCR 1.2 (XHTML): ocr_page › ocr_carea (block) › ocr_par › ocr_line › ocrx_word, with
    /// bbox and x_wconf, in reading order.
    case hocr
}

/// Writes documents in one format, one after another, as the batch delivers them.
public struct OCRWriter {
    public let format: OCROutputFormat
    private var documents = 0
    private var pagesWritten = 0

    public init(format: OCROutputFormat) { self.format = format }

    /// What comes before the first document.
    public func header(language: String = "vie") -> String {
        switch format {
        case .text: return ""
        case .tsv: return "file\tpage\tblock\tline\tword\tleft\ttop\twidth\theight\tconfidence\ttext\n"
        case .hocr:
            let lang = language.hasPrefix("vie") ? "vi" : "en"
            return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
                <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="\(lang)" lang="\(lang)">
                 <head>
                  <title>congvan ocr</title>
                  <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
                  <meta name="ocr-system" content="congvan (tesseract \(Self.escape(TesseractAPI.version ?? "unknown")))"/>
                  <meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_par ocr_line ocrx_word"/>
                 </head>
                 <body>

                """
        }
    }

    /// One document's pages.
    public mutating func document(_ document: OCRDocument) -> String {
        defer { documents += 1 }
        var out = ""
        for page in document.pages {
            switch format {
            case .text:
                if documents > 0 || page.index > 0 { out += "\u{0C}\n" }
                out += page.text + "\n"
            case .tsv: out += tsv(page, file: document.source)
            case .hocr: out += hocr(page, file: document.source)
            }
        }
        return out
    }

    /// What comes after the last document.
    public func footer() -> String {
        format == .hocr ? " </body>\n</html>\n" : ""
    }

    private func tsv(_ page: OCRPage, file: String) -> String {
        var out = ""
        let name = Self.cell(file)
        for (l, line) in page.lines.enumerated() {
            for (w, word) in line.words.enumerated() {
                let b = word.box
                out +=
                    "\(name)\t\(page.index + 1)\t\(line.block + 1)\t\(l + 1)\t\(w + 1)\t\(b.x)\t\(b.y)\t\(b.width)\t\(b.height)\t"
                out += String(format: "%.2f", word.confidence) + "\t" + Self.cell(word.text) + "\n"
            }
        }
        return out
    }

    private mutating func hocr(_ page: OCRPage, file: String) -> String {
        pagesWritten += 1
        let p = pagesWritten
        var out =
            "  <div class=\"ocr_page\" id=\"page_\(p)\" title=\"image &quot;\(Self.escape(file))&quot;; bbox 0 0 \(page.width) \(page.height); ppageno \(page.index); x_confs \(String(format: "%.2f", page.meanConfidence))\">\n"
        var lineNumber = 0
        var wordNumber = 0
        var start = 0
        while start < page.lines.count {
            let block = page.lines[start].block
            var end = start
            while end < page.lines.count, page.lines[end].block == block { end += 1 }
            let lines = page.lines[start..<end]
            let box = ReadingOrder.union(lines.map(\.box))
            out += "   <div class=\"ocr_carea\" id=\"block_\(p)_\(block + 1)\" title=\"\(Self.bbox(box))\">\n"
            out += "    <p class=\"ocr_par\" id=\"par_\(p)_\(block + 1)\" title=\"\(Self.bbox(box))\">\n"
            for line in lines {
                lineNumber += 1
                out += "     <span class=\"ocr_line\" id=\"line_\(p)_\(lineNumber)\" title=\"\(Self.bbox(line.box))\">"
                for (i, word) in line.words.enumerated() {
                    wordNumber += 1
                    if i > 0 { out += " " }
                    out +=
                        "<span class=\"ocrx_word\" id=\"word_\(p)_\(wordNumber)\" title=\"\(Self.bbox(word.box)); x_wconf \(Int(word.confidence.rounded()))\">\(Self.escape(word.text))</span>"
                }
                out += "</span>\n"
            }
            out += "    </p>\n   </div>\n"
            start = end
        }
        return out + "  </div>\n"
    }

    private static func bbox(_ b: PixelBox) -> String {
        "bbox \(b.x) \(b.y) \(b.x + b.width) \(b.y + b.height)"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A TSV cell: tabs and line breaks would break the row, so they become spaces.
    static func cell(_ s: String) -> String {
        String(s.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : Character($0) })
    }
}
