import CongVanCore
import Foundation

/// A PDF's own text: every page's words with their boxes, from poppler's `pdftotext -bbox-layout`
/// (one process per file, whatever its page count). Words keep poppler's lines; the lines are then
/// put in reading order from their boxes exactly as OCR'd lines are (`ReadingOrder`), so a
/// letterhead reads issuer, motto, number, date whichever way the PDF's producer wrote them.
///
/// Boxes are given in pixels at `dpi` (300, the resolution PDF pages are rasterised at for OCR),
/// so words from a text layer and from OCR share one coordinate system.
public enum PDFTextLayer {
    /// One page as poppler reports it: its size in points and its lines (boxes in pixels).
    public struct Page: Sendable, Equatable {
        public var widthPoints: Double
        public var heightPoints: Double
        public var lines: [OCRLine]
        /// Letters and digits in the page's words.
        public var alphanumerics: Int
        /// Of the page's non-space characters, the share that are letters, digits or the
        /// punctuation of ordinary text (not private-use glyphs, U+FFFD or control characters).
        public var plainShare: Double
    }

    /// A page is read from its text layer when it has at least this many letters and digits...
    public static let minimumAlphanumerics = 20
    /// ...and at least this share of its characters are ordinary text (a font without a Unicode
    /// map gives private-use or replacement characters instead).
    public static let minimumPlainShare = 0.9

    /// Share of a word's font box (ascent to descent) taken off at the top and at the bottom to
    /// approximate its ink.
    static let inkInset = 0.15

    /// Every page of `path` (at least one; a page without text has no lines).
    public static func read(_ path: String, dpi: Int = 300) throws(OCRError) -> [Page] {
        let result = try PDFRasteriser.run("pdftotext", ["-bbox-layout", "-enc", "UTF-8", path, "-"])
        // poppler words these for its own command line, as `PDFRasteriser.pageCount` meets them.
        if result.stderr.contains("Incorrect password") { throw .encryptedPDF(path: path) }
        // A PDF without pages: pdftotext's default range runs from page 1 to the last, page 0.
        if result.stderr.contains("Invalid page count 0") || result.stderr.contains("the last page (0)") {
            throw .emptyPDF(path: path)
        }
        guard result.status == 0 else {
            throw .corruptPDF(path: path, page: nil, reason: result.reason(default: "pdftotext failed"))
        }
        let pages = parse(result.stdout, dpi: dpi)
        if pages.isEmpty { throw .emptyPDF(path: path) }
        return pages
    }

    /// Whether `page`'s text layer is worth reading rather than OCR'ing the page.
    public static func isUsable(_ page: Page) -> Bool {
        page.alphanumerics >= minimumAlphanumerics && page.plainShare >= minimumPlainShare
    }

    /// The page as an `OCRPage` in reading order (confidence 100: the words are the PDF's own).
    public static func ocrPage(_ page: Page, index: Int, dpi: Int = 300, file: String? = nil) -> OCRPage {
        let width = Int((page.widthPoints * Double(dpi) / 72).rounded())
        let height = Int((page.heightPoints * Double(dpi) / 72).rounded())
        // The letterhead's number and date rows joined as on a scan; a gap in a text layer is
        // blank (or holds the typed value): there is no image to re-read.
        var (lines, slots) = HeaderFields.locate(ReadingOrder.arrange(page.lines), pageWidth: width, pageHeight: height)
        var fields: [HeaderField] = []
        for slot in slots.sorted(by: { ($0.line, $0.words.lowerBound) > ($1.line, $1.words.lowerBound) }) {
            fields.insert(HeaderFields.fromText(slot, in: &lines), at: 0)
        }
        var out = OCRPage(
            index: index, width: width, height: height, lines: lines, meanConfidence: 100, reading: .textLayer,
            dpi: dpi,
            file: file)
        out.fields = fields
        return out
    }

    // MARK: The XHTML poppler writes

    /// Parses `pdftotext -bbox-layout` output: `<page width height>` › `<flow>` › `<block>` ›
    /// `<line>` › `<word xMin yMin xMax yMax>text</word>`. Written by hand (the format is fixed
    /// and flat) instead of loading an XML library for it.
    static func parse(_ xhtml: String, dpi: Int) -> [Page] {
        // Scanned as UTF-8 bytes: String and Substring searches cost a copy or a grapheme walk per
        // call, which made parsing a 3-page letter take longer than pdftotext itself.
        let bytes = Array(xhtml.utf8)
        let n = bytes.count
        let scale = Double(dpi) / 72
        var pages: [Page] = []
        var block = -1
        var current: Page?
        var line: [OCRWord] = []
        var letters = 0
        var plain = 0
        var counted = 0
        func finishLine() {
            guard !line.isEmpty else { return }
            current?.lines.append(OCRLine(words: line, box: ReadingOrder.union(line.map(\.box)), block: max(block, 0)))
            line = []
        }
        func finishPage() {
            finishLine()
            guard var page = current else { return }
            page.alphanumerics = letters
            page.plainShare = counted == 0 ? 0 : Double(plain) / Double(counted)
            pages.append(page)
            current = nil
        }
        func starts(_ tag: ArraySlice<UInt8>, _ name: String) -> Bool { tag.starts(with: name.utf8) }
        var i = 0
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            var close = i + 1
            while close < n, bytes[close] != UInt8(ascii: ">") { close += 1 }
            guard close < n else { break }
            let tag = bytes[(i + 1)..<close]
            i = close + 1
            if starts(tag, "page ") {
                finishPage()
                current = Page(
                    widthPoints: attribute("width", in: tag) ?? 0, heightPoints: attribute("height", in: tag) ?? 0,
                    lines: [], alphanumerics: 0, plainShare: 0)
                letters = 0
                plain = 0
                counted = 0
                block = -1
            } else if starts(tag, "block ") {
                finishLine()
                block += 1
            } else if starts(tag, "line ") || starts(tag, "/line") {
                finishLine()
            } else if starts(tag, "word ") {
                var end = i
                while end < n, bytes[end] != UInt8(ascii: "<") { end += 1 }
                let raw = String(decoding: bytes[i..<end], as: UTF8.self)
                i = end
                let text = Vietnamese.composed(unescape(Substring(raw)))
                guard
                    let x0 = attribute("xMin", in: tag), let y0 = attribute("yMin", in: tag),
                    let x1 = attribute("xMax", in: tag), let y1 = attribute("yMax", in: tag),
                    !text.isEmpty
                else { continue }
                for s in text.unicodeScalars where !s.properties.isWhitespace {
                    counted += 1
                    if s.properties.isAlphabetic || s.properties.numericType != nil {
                        letters += 1
                        if !(0xE000...0xF8FF).contains(s.value) { plain += 1 }
                    } else if s.value != 0xFFFD, s.value >= 0x20, !(0xE000...0xF8FF).contains(s.value) {
                        plain += 1
                    }
                }
                // poppler's box spans the font's ascent to descent; OCR boxes span the ink. The
                // inner part of the box is close to the ink, and makes the gaps between lines
                // (which the reading order measures) what they are on the page image.
                let inset = (y1 - y0) * inkInset
                let box = PixelBox(
                    x: Int((x0 * scale).rounded()), y: Int(((y0 + inset) * scale).rounded()),
                    width: max(1, Int(((x1 - x0) * scale).rounded())),
                    height: max(1, Int(((y1 - y0 - 2 * inset) * scale).rounded())))
                line.append(OCRWord(text: text, confidence: 100, box: box))
            }
        }
        finishPage()
        return pages
    }

    /// The value of `name="…"` in a tag, as a number.
    static func attribute(_ name: String, in tag: ArraySlice<UInt8>) -> Double? {
        let key = Array((" " + name + "=\"").utf8)
        guard tag.count > key.count else { return nil }
        var k = tag.startIndex
        while k + key.count <= tag.endIndex {
            if tag[k] == key[0], tag[k..<(k + key.count)].elementsEqual(key) {
                var end = k + key.count
                while end < tag.endIndex, tag[end] != UInt8(ascii: "\"") { end += 1 }
                return Double(String(decoding: tag[(k + key.count)..<end], as: UTF8.self))
            }
            k += 1
        }
        return nil
    }

    /// The value of `name="…"` in a tag given as text.
    static func attribute(_ name: String, in tag: Substring) -> Double? {
        attribute(name, in: Array(tag.utf8)[...])
    }

    /// XML character references poppler writes in word text.
    static func unescape(_ s: Substring) -> String {
        guard s.contains("&") else { return String(s) }
        var out = ""
        var rest = s
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semi = rest.firstIndex(of: ";"), rest.distance(from: rest.startIndex, to: semi) <= 10 else {
                out += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semi]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else {
                    out += "&" + name + ";"
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
