import Foundation

/// An input file opened for OCR: its format and page count, with pages decoded one at a time so
/// a 200-page PDF or TIFF never has more than one page raster in memory.
struct PageSource {
    enum Format: String {
        case png = "PNG"
        case jpeg = "JPEG"
        case tiff = "TIFF"
        case pdf = "PDF"
    }

    /// Resolution pdftoppm renders PDF pages at.
    static let pdfDPI = 300

    let path: String
    let format: Format
    let pageCount: Int

    /// Checks the file exists and is a supported format (by its first bytes, not its name) and
    /// counts its pages. Decoding errors of single-page images surface in `page(_:)`.
    static func open(_ path: String) throws(OCRError) -> PageSource {
        let format = try sniff(path)
        switch format {
        case .png, .jpeg:
            _ = try ImageHeader.pages(of: path, format: format)
            return PageSource(path: path, format: format, pageCount: 1)
        case .tiff:
            // Counted from the directories, each checked against the file's length: libtiff
            // stops quietly at the last whole page of a truncated file.
            let pages = try ImageHeader.pages(of: path, format: format)
            return PageSource(path: path, format: format, pageCount: pages.count)
        case .pdf:
            return PageSource(path: path, format: format, pageCount: try PDFRasteriser.pageCount(path))
        }
    }

    /// Decodes page `index` (0-based) with its resolution set when known (0 when not).
    func page(_ index: Int) throws(OCRError) -> PageImage {
        switch format {
        case .png, .jpeg:
            let (image, messages) = try PageImage.decode(path: path)
            guard let image else {
                throw .corruptImage(
                    path: path, page: nil,
                    reason:
                        "the \(format.rawValue) data cannot be decoded\(Self.quoted(messages)); the file may be truncated"
                )
            }
            return image
        case .tiff:
            let (image, messages) = try PageImage.readTIFF(path: path, page: index)
            guard let image else {
                throw .corruptImage(
                    path: path, page: pageCount > 1 ? index : nil,
                    reason: "the TIFF page cannot be decoded\(Self.quoted(messages))")
            }
            return image
        case .pdf:
            return try PDFRasteriser.render(path, page: index, dpi: Self.pdfDPI)
        }
    }

    /// A library's own words, to follow our reason: ` — “libpng error: Read Error”`.
    static func quoted(_ messages: String) -> String { messages.isEmpty ? "" : " — “\(messages.prefix(200))”" }

    /// The format from the file's first bytes.
    static func sniff(_ path: String) throws(OCRError) -> Format {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .unreadable(path: path, reason: "it is a folder")
        // Opening a pipe would wait for a writer forever.
        case S_IFIFO: throw .unreadable(path: path, reason: "it is a named pipe (FIFO), not a file")
        default: throw .unreadable(path: path, reason: "it is not a regular file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        let head: [UInt8]
        do { head = Array(try handle.read(upToCount: 1024) ?? Data()) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        if head.isEmpty { throw .unreadable(path: path, reason: "the file is empty") }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A])
            || head.starts(with: [0x49, 0x49, 0x2B, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2B])
        {
            return .tiff
        }
        // PDF readers accept the header anywhere in the first KiB.
        let marker: [UInt8] = Array("%PDF-".utf8)
        if head.count >= marker.count,
            (0...(head.count - marker.count)).contains(where: { head[$0..<$0 + marker.count].elementsEqual(marker) })
        {
            return .pdf
        }
        throw .unreadable(path: path, reason: "not a PNG, JPEG, TIFF or PDF file")
    }
}

/// PDF pages to rasters through poppler-utils (`pdfinfo`, `pdftoppm`), one page at a time, each in
/// a temporary folder that is removed before the page is returned.
enum PDFRasteriser {
    static func pageCount(_ path: String) throws(OCRError) -> Int {
        let result = try run("pdfinfo", [path])
        // poppler words these for its own command line ("Command Line Error: Incorrect password").
        if result.stderr.contains("Incorrect password") { throw .encryptedPDF(path: path) }
        if result.stderr.contains("Invalid page count 0") { throw .emptyPDF(path: path) }
        guard result.status == 0 else {
            throw .corruptPDF(path: path, page: nil, reason: result.reason(default: "pdfinfo failed"))
        }
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("Pages:") {
            if let n = Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) {
                if n > 0 { return n }
                throw .emptyPDF(path: path)
            }
        }
        throw .emptyPDF(path: path)
    }

    /// The resolution to render page `index` at: `dpi`, or less for a page so large that `dpi`
    /// would give more pixels than the budget (an A0 poster at 300 dpi is 140 megapixels).
    static func resolution(_ path: String, page index: Int, dpi: Int) throws(OCRError) -> Int {
        let number = String(index + 1)
        let result = try run("pdfinfo", ["-f", number, "-l", number, path])
        // "Page    1 size:  595.2 x 841.92 pts (A4)"
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("Page") && line.contains(" size:") {
            let fields = line.split(separator: " ").compactMap { Double($0) }
            guard fields.count >= 3 else { break }
            let (w, h) = (fields[1] / 72, fields[2] / 72)  // inches
            guard w > 0, h > 0 else { break }
            let fit = (Double(ImageHeader.pixelBudget) / (w * h)).squareRoot()
            return max(1, min(dpi, Int(fit.rounded(.down))))
        }
        return dpi
    }

    static func render(_ path: String, page index: Int, dpi: Int) throws(OCRError) -> PageImage {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("congvan-ocr-\(UUID().uuidString)").path
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false) } catch {
            throw .unreadable(path: path, reason: "cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let number = String(index + 1)
        let base = (folder as NSString).appendingPathComponent("page")
        let dpi = try resolution(path, page: index, dpi: dpi)
        let result = try run(
            "pdftoppm", ["-r", String(dpi), "-gray", "-f", number, "-l", number, "-singlefile", path, base])
        if result.stderr.contains("Incorrect password") { throw .encryptedPDF(path: path) }
        guard result.status == 0, let image = try PageImage.read(path: base + ".pgm") else {
            throw .corruptPDF(path: path, page: index, reason: result.reason(default: "pdftoppm produced no image"))
        }
        image.setResolution(dpi)
        return image
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The tool's last message, as the reason of an error.
        func reason(default fallback: String) -> String {
            let last = stderr.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) }
            return last.flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        }
    }

    /// Runs `tool`; with `stdoutFile`, its standard output goes to that file (binary output).
    static func run(
        _ tool: String, _ arguments: [String], package: String = "poppler-utils", stdoutFile: String? = nil
    ) throws(OCRError) -> Output {
        guard let executable = locate(tool) else { throw .toolMissing(tool: tool, package: package) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        var file: FileHandle?
        if let stdoutFile {
            guard FileManager.default.createFile(atPath: stdoutFile, contents: nil),
                let handle = FileHandle(forWritingAtPath: stdoutFile)
            else { throw .unreadable(path: stdoutFile, reason: "cannot be created") }
            file = handle
            process.standardOutput = handle
        } else {
            process.standardOutput = out
        }
        defer { try? file?.close() }
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw .toolMissing(tool: tool, package: package) }
        // Drain stderr on another thread so neither pipe can fill up and block the tool.
        let errData = ErrorPipeReader(err.fileHandleForReading)
        let stdoutData = file == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: errData.wait(), as: UTF8.self))
    }

    /// `PATH` lookup (poppler-utils puts its tools in /usr/bin).
    static func locate(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        return folders.map { ($0 as NSString).appendingPathComponent(tool) }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Reads a pipe to its end on a background thread.
private final class ErrorPipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
