import CongVanCore
import Foundation

/// `convert --pdf`: a PDF of the document's pages with an invisible text layer placed on the
/// words' boxes, the words being the ones given (the restored text).
///
/// The page images are never re-encoded where PDF can hold them as they are: a PDF input keeps
/// its own pages; a PNG or JPEG page is taken over with its compressed data (Leptonica's
/// `convertUnscaledToPdfData`); a TIFF page is written as CCITT G4 (1-bit) or deflate. The text
/// layer is a PDF of its own (`TextLayerPDF`, written here) laid over the pages with qpdf's
/// `--overlay`, which keeps each page's content and resources as they are.
public enum SearchablePDF {
    /// Writes `document` (one entry per page, in order; each page's file is `page.file` or the
    /// document's `source`) to `path`, atomically. `overlay[i]` false leaves page i's own text
    /// as it is (a PDF page whose text layer was read and is correct).
    public static func write(_ document: OCRDocument, overlay: [Bool]? = nil, to path: String) throws(OCRError) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("congvan-pdf-\(UUID().uuidString)")
            .path
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false) } catch {
            throw .unreadable(path: path, reason: "cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var base = try basePDF(document, in: folder)
        if base == document.source, overlay?.contains(true) ?? true {
            // The PDF's own invisible text (an earlier OCR's) gives way to the new layer.
            let stripped = folder + "/stripped.pdf"
            try InvisibleText.strip(base, to: stripped, scratch: folder)
            base = stripped
        }
        let sizes = try pageSizes(base, count: document.pages.count)
        let layer = TextLayerPDF.make(
            document.pages.enumerated().map { i, page in
                (sizes[i].width, sizes[i].height, overlay?[i] == false ? nil : page)
            })
        let layerPath = folder + "/text.pdf"
        let partial = folder + "/out.pdf"
        do { try Data(layer).write(to: URL(fileURLWithPath: layerPath)) } catch {
            throw .unreadable(path: layerPath, reason: error.localizedDescription)
        }
        let result = try PDFRasteriser.run(
            "qpdf", ["--deterministic-id", base, "--overlay", layerPath, "--", partial], package: "qpdf")
        // qpdf's exit status 3 means it wrote the file with warnings (about the input).
        guard result.status == 0 || result.status == 3, FileManager.default.fileExists(atPath: partial) else {
            throw .corruptPDF(
                path: base, page: nil, reason: result.reason(default: "qpdf could not add the text layer"))
        }
        do { try AtomicFile.place(partial, at: path) } catch {
            throw .unreadable(path: path, reason: "cannot be written: \(error.localizedDescription)")
        }
    }

    /// The pages as they are: the PDF itself when every page comes from one PDF, else one-page
    /// PDFs of the images joined by qpdf.
    static func basePDF(_ document: OCRDocument, in folder: String) throws(OCRError) -> String {
        let files = document.pages.map { $0.file ?? document.source }
        if let first = files.first, files.allSatisfy({ $0 == first }), try PageSource.sniff(first) == .pdf {
            return first
        }
        var parts: [String] = []
        var sources: [String: PageSource] = [:]
        for (i, page) in document.pages.enumerated() {
            let file = files[i]
            if sources[file] == nil { sources[file] = try PageSource.open(file) }
            let source = sources[file]!
            let part = folder + "/page-\(i).pdf"
            let bytes: [UInt8]?
            var messages = ""
            switch source.format {
            case .png, .jpeg:
                (bytes, messages) = try PageImage.singlePagePDF(file: file)
            case .tiff, .pdf:
                // A PDF page among images (a group never holds one, but a caller may): rendered.
                let image = try source.page(page.index)
                bytes = image.singlePagePDF(dpi: image.resolution > 0 ? image.resolution : PageSource.pdfDPI)
            }
            guard let bytes else {
                throw .corruptImage(
                    path: file, page: page.index,
                    reason: "it cannot be written into a PDF\(PageSource.quoted(messages))")
            }
            do { try Data(bytes).write(to: URL(fileURLWithPath: part)) } catch {
                throw .unreadable(path: part, reason: error.localizedDescription)
            }
            parts.append(part)
        }
        if parts.count == 1 { return parts[0] }
        let joined = folder + "/pages.pdf"
        let result = try PDFRasteriser.run(
            "qpdf", ["--deterministic-id", "--empty", "--pages"] + parts + ["--", joined], package: "qpdf")
        guard result.status == 0 || result.status == 3 else {
            throw .corruptPDF(path: joined, page: nil, reason: result.reason(default: "qpdf could not join the pages"))
        }
        return joined
    }

    /// Each page's size in points, from pdfinfo.
    static func pageSizes(_ pdf: String, count: Int) throws(OCRError) -> [(width: Double, height: Double)] {
        let result = try PDFRasteriser.run("pdfinfo", ["-f", "1", "-l", String(count), pdf])
        guard result.status == 0 else {
            throw .corruptPDF(path: pdf, page: nil, reason: result.reason(default: "pdfinfo failed"))
        }
        var sizes: [Int: (Double, Double)] = [:]
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("Page") && line.contains(" size: ") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            // "Page    1 size: 595.276 x 841.89 pts (A4)"
            guard parts.count >= 6, let n = Int(parts[1]), let w = Double(parts[3]), let h = Double(parts[5]) else {
                continue
            }
            sizes[n] = (w, h)
        }
        return try (1...max(count, 1)).map { n throws(OCRError) in
            guard let size = sizes[n] else {
                throw .corruptPDF(path: pdf, page: n - 1, reason: "pdfinfo gives no page size")
            }
            return size
        }
    }
}

/// A PDF holding only invisible text (render mode 3) in a glyphless font whose character codes
/// are Unicode code points (Identity-H, a ToUnicode map), one page per page given, each word
/// stretched (Tz) from its box's left edge to the next word's, so text selection and extraction
/// find whole lines and words where the page image shows them. The layout Tesseract's own PDF
/// renderer uses.
enum TextLayerPDF {
    /// Advance of every glyph, in thousandths of the font size.
    static let glyphWidth = 500.0
    /// Font size for a word's ink height (measured on the fixtures and real scans against
    /// pdftotext's reading of the result: 1.3 gave the lowest CER of 0.4–2).
    static let emPerInk = 1.3
    /// A line's text is at most this share of the distance to its neighbours' baselines.
    static let maximumPitchShare = 0.9

    static func make(_ pages: [(width: Double, height: Double, page: OCRPage?)]) -> [UInt8] {
        var writer = PDFObjectWriter()
        let catalog = writer.reserve()
        let pagesRoot = writer.reserve()
        let font = writer.reserve()
        let cidFont = writer.reserve()
        let toUnicode = writer.reserve()
        let descriptor = writer.reserve()
        let cidToGID = writer.reserve()
        let fontFile = glyphlessFont().map { _ in writer.reserve() }
        var kids: [Int] = []
        for entry in pages {
            let page = writer.reserve()
            let contents = writer.reserve()
            kids.append(page)
            writer.set(
                page,
                "<< /Type /Page /Parent \(pagesRoot) 0 R /MediaBox [0 0 \(number(entry.width)) \(number(entry.height))] /Resources << /Font << /F1 \(font) 0 R >> >> /Contents \(contents) 0 R >>"
            )
            writer.setStream(
                contents, dictionary: "",
                data: Array(content(entry.page, width: entry.width, height: entry.height).utf8))
        }
        writer.set(catalog, "<< /Type /Catalog /Pages \(pagesRoot) 0 R >>")
        writer.set(
            pagesRoot,
            "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>")
        writer.set(
            font,
            "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H /DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>"
        )
        writer.set(
            cidFont,
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor \(descriptor) 0 R /DW \(Int(glyphWidth)) /CIDToGIDMap \(cidToGID) 0 R >>"
        )
        writer.setStream(toUnicode, dictionary: "", data: Array(unicodeMap().utf8))
        var fontEntry = ""
        if let fontFile, let bytes = glyphlessFont() {
            writer.setStream(fontFile, dictionary: "/Length1 \(bytes.count)", data: bytes)
            fontEntry = " /FontFile2 \(fontFile) 0 R"
        }
        writer.set(
            descriptor,
            "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 \(Int(glyphWidth)) 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80\(fontEntry) >>"
        )
        // Every character code shows glyph 1 of the glyphless font (a blank of the same width).
        writer.setStream(cidToGID, dictionary: "", data: Array([[UInt8]](repeating: [0, 1], count: 65536).joined()))
        return writer.finish(root: catalog)
    }

    /// One page's text: lines top to bottom as given, each word at its box on the line's baseline.
    static func content(_ page: OCRPage?, width: Double, height: Double) -> String {
        guard let page, page.width > 0, page.height > 0 else { return "" }
        let sx = width / Double(page.width)
        let sy = height / Double(page.height)
        var out = "BT\n3 Tr\n"
        let lines = page.lines.filter { !$0.words.isEmpty }
        for line in lines {
            // About the font size the words' ink shows (ink is some three quarters of the em;
            // the median word, not the line's box, which skew makes taller), but never taller
            // than the distance to the next line above or below: text reaching into a
            // neighbouring line is merged with it by text extraction.
            let heights = line.words.map(\.box.height).sorted()
            var size = Double(heights[heights.count / 2]) * emPerInk
            let bottom = line.box.y + line.box.height
            for other in lines {
                let shared = ReadingOrder.overlap(
                    line.box.x, line.box.x + line.box.width, other.box.x, other.box.x + other.box.width)
                let pitch = abs(other.box.y + other.box.height - bottom)
                if shared > 0, pitch > 0 { size = min(size, Double(pitch) * maximumPitchShare) }
            }
            size = max(1, size * sy)
            let baseline = height - Double(bottom) * sy
            out += "/F1 \(number(size)) Tf\n"
            for (i, word) in line.words.enumerated() {
                let last = i + 1 == line.words.count
                let text = last ? word.text : word.text + " "
                let codes = Array(text.unicodeScalars)
                guard !codes.isEmpty else { continue }
                let x = Double(word.box.x) * sx
                let right = last ? Double(word.box.x + word.box.width) : Double(line.words[i + 1].box.x)
                let target = max(1, right * sx - x)
                let natural = Double(codes.count) * glyphWidth / 1000 * size
                out += "\(number(100 * target / natural)) Tz 1 0 0 1 \(number(x)) \(number(baseline)) Tm <"
                for c in codes {
                    let v = c.value <= 0xFFFF ? c.value : 0xFFFD
                    out += String(format: "%04X", v)
                }
                out += "> Tj\n"
            }
        }
        return out + "ET\n"
    }

    /// Character code → Unicode: the identity on the Basic Multilingual Plane.
    static func unicodeMap() -> String {
        var out = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        for chunk in stride(from: 0, to: 256, by: 100) {
            let end = min(chunk + 100, 256)
            out += "\(end - chunk) beginbfrange\n"
            for high in chunk..<end {
                let h = String(format: "%02X", high)
                out += "<\(h)00> <\(h)FF> <\(h)00>\n"
            }
            out += "endbfrange\n"
        }
        return out + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    }

    /// Tesseract's glyphless TrueType font (`pdf.ttf`, shipped with libtesseract), when installed:
    /// embedded so viewers need no substitute font. Without it the font is named only.
    static func glyphlessFont() -> [UInt8]? {
        for folder in LanguageData.searchPath() {
            if let data = FileManager.default.contents(atPath: folder + "/pdf.ttf") { return Array(data) }
        }
        return nil
    }

    static func number(_ x: Double) -> String {
        var s = String(format: "%.2f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}

/// Numbers objects, collects their bytes and writes the cross-reference table.
struct PDFObjectWriter {
    private var objects: [[UInt8]?] = []

    mutating func reserve() -> Int {
        objects.append(nil)
        return objects.count
    }

    mutating func set(_ number: Int, _ body: String) {
        objects[number - 1] = Array("\(number) 0 obj\n\(body)\nendobj\n".utf8)
    }

    mutating func setStream(_ number: Int, dictionary: String, data: [UInt8]) {
        var bytes = Array(
            "\(number) 0 obj\n<< /Length \(data.count)\(dictionary.isEmpty ? "" : " " + dictionary) >>\nstream\n".utf8)
        bytes += data
        bytes += Array("\nendstream\nendobj\n".utf8)
        objects[number - 1] = bytes
    }

    func finish(root: Int) -> [UInt8] {
        var out = Array("%PDF-1.5\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for object in objects {
            offsets.append(out.count)
            out += object ?? []
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root \(root) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }
}
