import CongVanCore
import Foundation

/// Output formats of `congvan ocr`.
public enum OCROutputFormat: String, Sendable, CaseIterable {
    /// Plain text: one line per OCR line, a blank line between layout blocks, a form feed
    /// (U+000C) on its own line between pages and between files.
    case text
    /// Tesseract's TSV layout, so scripts written for `tesseract … tsv` work unchanged: the header
    /// `level page_num block_num par_num line_num word_num left top width height conf text`,
    /// then for each page a level-1 row, for each block a level-2 row and a level-3 row (one
    /// paragraph per block), for each line a level-4 row, and a level-5 row per word; `conf` is
    /// -1 except on words. Blocks and lines are in reading order; `page_num` counts pages across
    /// all files, as Tesseract does for a list of images.
    case tsv
    /// CongVan's own word table: file, page, block, line, word (1-based; line counts within the
    /// page in reading order), left, top, width, height, confidence, text; with a header row.
    case words
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
        case .tsv:
            return "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        case .words: return "file\tpage\tblock\tline\tword\tleft\ttop\twidth\theight\tconfidence\ttext\n"
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
            case .tsv: out += tesseractTSV(page)
            case .words: out += tsv(page, file: page.file ?? document.source)
            case .hocr: out += hocr(page, file: page.file ?? document.source)
            }
        }
        return out
    }

    /// What comes after the last document.
    public func footer() -> String {
        format == .hocr ? " </body>\n</html>\n" : ""
    }

    /// One page in Tesseract's TSV layout (`TessBaseAPI::GetTSVText`).
    private mutating func tesseractTSV(_ page: OCRPage) -> String {
        pagesWritten += 1
        let p = pagesWritten
        func row(
            _ level: Int, _ block: Int, _ par: Int, _ line: Int, _ word: Int, _ b: PixelBox, _ conf: String,
            _ text: String
        )
            -> String
        {
            "\(level)\t\(p)\t\(block)\t\(par)\t\(line)\t\(word)\t\(b.x)\t\(b.y)\t\(b.width)\t\(b.height)\t\(conf)\t\(text)\n"
        }
        var out = row(1, 0, 0, 0, 0, PixelBox(x: 0, y: 0, width: page.width, height: page.height), "-1", "")
        var start = 0
        var blockNumber = 0
        while start < page.lines.count {
            let block = page.lines[start].block
            var end = start
            while end < page.lines.count, page.lines[end].block == block { end += 1 }
            blockNumber += 1
            let box = ReadingOrder.union(page.lines[start..<end].map(\.box))
            out += row(2, blockNumber, 0, 0, 0, box, "-1", "")
            out += row(3, blockNumber, 1, 0, 0, box, "-1", "")
            for (l, line) in page.lines[start..<end].enumerated() {
                out += row(4, blockNumber, 1, l + 1, 0, line.box, "-1", "")
                for (w, word) in line.words.enumerated() {
                    out += row(
                        5, blockNumber, 1, l + 1, w + 1, word.box, String(format: "%.6f", word.confidence),
                        Self.cell(word.text))
                }
            }
            start = end
        }
        return out
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
