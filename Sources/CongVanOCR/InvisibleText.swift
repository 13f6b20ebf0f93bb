import Foundation

/// Removes a PDF's invisible text (render mode 3: the text layer an earlier OCR laid over scanned
/// pages) and keeps everything else, so a restored text layer can replace it without the old
/// reading staying searchable beside it — what `ocrmypdf --redo-ocr` does.
///
/// qpdf writes the PDF in its QDF form (content streams uncompressed, each page's marked), the
/// text objects drawn in mode 3 are cut out of every page's content streams, `fix-qdf` puts the
/// lengths right, and qpdf writes the PDF compressed again.
enum InvisibleText {
    /// Writes `input` without its invisible text to `output`.
    static func strip(_ input: String, to output: String, scratch folder: String) throws(OCRError) {
        let qdf = folder + "/strip.qdf"
        let fixed = folder + "/strip-fixed.qdf"
        var result = try PDFRasteriser.run(
            "qpdf", ["--qdf", "--object-streams=disable", input, qdf], package: "qpdf")
        guard result.status == 0 || result.status == 3, let data = FileManager.default.contents(atPath: qdf) else {
            throw .corruptPDF(path: input, page: nil, reason: result.reason(default: "qpdf could not read it"))
        }
        let edited = stripPages(Array(data))
        do { try Data(edited).write(to: URL(fileURLWithPath: qdf)) } catch {
            throw .unreadable(path: qdf, reason: error.localizedDescription)
        }
        result = try PDFRasteriser.run("fix-qdf", [qdf], package: "qpdf", stdoutFile: fixed)
        guard result.status == 0 else {
            throw .corruptPDF(path: input, page: nil, reason: result.reason(default: "fix-qdf failed"))
        }
        result = try PDFRasteriser.run(
            "qpdf", ["--deterministic-id", "--compress-streams=y", "--object-streams=generate", fixed, output],
            package: "qpdf")
        guard result.status == 0 || result.status == 3 else {
            throw .corruptPDF(path: input, page: nil, reason: result.reason(default: "qpdf could not write it"))
        }
    }

    /// The QDF file with every page content stream filtered (`filter`).
    static func stripPages(_ qdf: [UInt8]) -> [UInt8] {
        let marker = Array("%% Contents for page".utf8)
        let streamStart = Array("stream\n".utf8)
        let streamEnd = Array("\nendstream".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(qdf.count)
        var i = 0
        while let m = find(marker, in: qdf, from: i) {
            guard let s = find(streamStart, in: qdf, from: m), let e = find(streamEnd, in: qdf, from: s) else { break }
            let body = s + streamStart.count
            out += qdf[i..<body]
            out += filter(Array(qdf[body..<e]))
            i = e
        }
        out += qdf[i...]
        return out
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count, start <= hay.count - needle.count else { return nil }
        var i = start
        while i <= hay.count - needle.count {
            if hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// A content stream without the text objects (`BT` … `ET`) whose text is all drawn in
    /// render mode 3. Strings, comments and inline images are skipped over whole, so a `BT` or
    /// `ET` inside them is not taken for an operator; render mode is tracked across `q`/`Q`.
    static func filter(_ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var mode = 0
        var saved: [Int] = []
        var lastNumber: Int?
        var objectStart: Int?
        var shownVisible = false
        var shownInvisible = false
        var copied = 0
        var i = 0
        let n = content.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C || b == 0 }
        func isDelimiter(_ b: UInt8) -> Bool { "()<>[]{}/%".utf8.contains(b) }
        while i < n {
            let b = content[i]
            if isSpace(b) {
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "%"):
                while i < n, content[i] != 0x0A, content[i] != 0x0D { i += 1 }
                continue
            case UInt8(ascii: "("):
                var depth = 0
                while i < n {
                    let c = content[i]
                    if c == UInt8(ascii: "\\") {
                        i += 2
                        continue
                    }
                    if c == UInt8(ascii: "(") { depth += 1 }
                    if c == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 {
                            i += 1
                            break
                        }
                    }
                    i += 1
                }
                lastNumber = nil
                continue
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                UInt8(ascii: "}"):
                if b == UInt8(ascii: "<"), i + 1 < n, content[i + 1] != UInt8(ascii: "<") {
                    while i < n, content[i] != UInt8(ascii: ">") { i += 1 }
                }
                i += 1
                lastNumber = nil
                continue
            case UInt8(ascii: "/"):
                i += 1
                while i < n, !isSpace(content[i]), !isDelimiter(content[i]) { i += 1 }
                lastNumber = nil
                continue
            default:
                break
            }
            let start = i
            while i < n, !isSpace(content[i]), !isDelimiter(content[i]) { i += 1 }
            let token = content[start..<i]
            if let value = Int(String(decoding: token, as: UTF8.self)) {
                lastNumber = value
                continue
            }
            switch String(decoding: token, as: UTF8.self) {
            case "BT":
                objectStart = start
                shownVisible = false
                shownInvisible = false
            case "ET":
                if let from = objectStart, shownInvisible, !shownVisible {
                    out += content[copied..<from]
                    copied = i
                }
                objectStart = nil
            case "Tr":
                mode = lastNumber ?? mode
            case "q":
                saved.append(mode)
            case "Q":
                mode = saved.popLast() ?? mode
            case "Tj", "TJ", "'", "\"":
                if mode == 3 { shownInvisible = true } else { shownVisible = true }
            case "BI":
                // Inline image: its data runs to an `EI` standing alone.
                if let id = find(Array("ID".utf8), in: content, from: i) {
                    var j = id + 2
                    while j + 2 < n {
                        if isSpace(content[j]), content[j + 1] == UInt8(ascii: "E"),
                            content[j + 2] == UInt8(ascii: "I"),
                            j + 3 >= n || isSpace(content[j + 3])
                        {
                            break
                        }
                        j += 1
                    }
                    i = min(n, j + 3)
                }
            default:
                break
            }
            lastNumber = nil
        }
        out += content[copied...]
        return out
    }
}
