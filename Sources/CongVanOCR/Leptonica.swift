internal import CLeptonica
import CongVanCore
import Foundation

/// A page raster owned by Leptonica. Every Leptonica pointer in the module lives in this file:
/// each `Pix` is owned by exactly one `PageImage` and destroyed in its `deinit`.
final class PageImage {
    /// Owned; never nil.
    private var pix: UnsafeMutablePointer<Pix>
    private let c: CVLeptonica

    private init(owning pix: UnsafeMutablePointer<Pix>, _ c: CVLeptonica) {
        self.pix = pix
        self.c = c
    }

    deinit {
        var p: UnsafeMutablePointer<Pix>? = pix
        c.pixDestroy(&p)
    }

    /// Leptonica's functions, opened on first use (Debian ships the library as `liblept5`).
    static let library = SharedLibrary.load(
        SharedLibrary.names(
            linux: ["liblept.so.5", "libleptonica.so.6", "liblept.so", "libleptonica.so"],
            macOS: ["liblept.5.dylib", "libleptonica.6.dylib", "libleptonica.dylib"]),
        package: "liblept5", symbols: String(cString: cv_leptonica_symbols()), as: CVLeptonica.self
    ).map { c in
        // Leptonica reports failures by printing; callers get our own errors instead.
        _ = c.setMsgSeverity(Int32(L_SEVERITY_NONE))
        return c
    }

    /// The function table, or `.libraryMissing`.
    private static func functions() throws(OCRError) -> CVLeptonica { try library.get() }

    var width: Int { Int(c.pixGetWidth(pix)) }
    var height: Int { Int(c.pixGetHeight(pix)) }
    var depth: Int { Int(c.pixGetDepth(pix)) }
    /// Resolution recorded in the file, or 0 when it has none.
    var resolution: Int { Int(c.pixGetXRes(pix)) }

    /// Records the resolution (pages rasterised from PDF carry none in the file).
    func setResolution(_ dpi: Int) {
        _ = c.pixSetResolution(pix, Int32(dpi), Int32(dpi))
    }

    /// The raster as Tesseract's C API takes it (an opaque `struct Pix *`); valid while `self` lives.
    var opaquePix: OpaquePointer { OpaquePointer(pix) }

    // MARK: Reading

    /// Decodes one image (PNG, JPEG, PNM, BMP, first page of a TIFF) from a file.
    static func read(path: String) throws(OCRError) -> PageImage? { try decode(path: path).image }

    /// Decodes one image from a file, with what libpng or libjpeg wrote to standard error on the
    /// way (`Premature end of JPEG file`), which is kept out of the terminal.
    static func decode(path: String) throws(OCRError) -> (image: PageImage?, messages: String) {
        let c = try functions()
        let (image, messages) = LibraryMessages.capturing { c.pixRead(path).map { PageImage(owning: $0, c) } }
        return (image, messages)
    }

    /// Decodes one image from bytes in memory.
    static func read(bytes: [UInt8]) throws(OCRError) -> PageImage? {
        let c = try functions()
        return LibraryMessages.capturing {
            bytes.withUnsafeBufferPointer { buf in
                c.pixReadMem(buf.baseAddress, buf.count).map { PageImage(owning: $0, c) }
            }
        }.result
    }

    /// Decodes page `index` (0-based) of a TIFF file, with libtiff's messages.
    static func readTIFF(path: String, page index: Int) throws(OCRError) -> (image: PageImage?, messages: String) {
        let c = try functions()
        let (image, messages) = LibraryMessages.capturing {
            c.pixReadTiff(path, Int32(index)).map { PageImage(owning: $0, c) }
        }
        return (image, messages)
    }

    // MARK: Transforms (each returns a new image; nil when Leptonica refuses)

    /// 8-bit grey: alpha blended onto white first (transparent PNGs are otherwise black),
    /// colour maps removed, colour converted by luminance, 1/2/4/16-bit depths widened or narrowed.
    func grey() -> PageImage? {
        var source = pix
        var blended: UnsafeMutablePointer<Pix>? = nil
        defer { c.pixDestroy(&blended) }
        if c.pixGetSpp(pix) == 4 {
            blended = c.pixAlphaBlendUniform(pix, 0xFFFF_FF00)
            if let b = blended { source = b }
        }
        return c.pixConvertTo8(source, 0).map { PageImage(owning: $0, c) }
    }

    /// Straightened image and the angle found (degrees); the image is unchanged (a copy) when no
    /// confident skew is found.
    func deskewed() -> (image: PageImage, angle: Double)? {
        var angle: Float = 0
        var confidence: Float = 0
        guard let d = c.pixFindSkewAndDeskew(pix, 2, &angle, &confidence) else { return nil }
        return (PageImage(owning: d, c), confidence > 0 ? Double(angle) : 0)
    }

    /// Flattens uneven illumination (shadows, yellowed paper) so the background is uniform white.
    func backgroundNormalised() -> PageImage? {
        c.pixBackgroundNormSimple(pix, nil, nil).map { PageImage(owning: $0, c) }
    }

    /// 1-bit image by Sauvola local thresholding (grey input only).
    func sauvolaBinarised() -> PageImage? {
        var out: UnsafeMutablePointer<Pix>? = nil
        let tilesX = Int32(max(1, width / 800))
        let tilesY = Int32(max(1, height / 800))
        guard c.pixSauvolaBinarizeTiled(pix, 8, 0.34, tilesX, tilesY, nil, &out) == 0, let d = out else {
            return nil
        }
        return PageImage(owning: d, c)
    }

    /// Image scaled by `factor` with linear interpolation (grey input).
    func scaled(by factor: Double) -> PageImage? {
        c.pixScaleGrayLI(pix, Float(factor), Float(factor)).map { PageImage(owning: $0, c) }
    }

    /// Unsharp mask to restore stroke edges after upscaling (grey input).
    func sharpened() -> PageImage? {
        c.pixUnsharpMaskingGray(pix, 1, 0.4).map { PageImage(owning: $0, c) }
    }

    /// Regions of ink that none of `covered` explains: the page binarised, the covered boxes
    /// (grown by `margin`) erased, what is left closed by `join` pixels so nearby marks merge, and
    /// the bounding boxes of the resulting blobs that are at least `minWidth` × `minHeight`, with
    /// the share of their area that is ink. Grey input.
    func uncoveredInk(
        covered: [PixelBox], margin: Int, join: Int, minWidth: Int, minHeight: Int
    ) -> [(box: PixelBox, density: Double)] {
        var ink: UnsafeMutablePointer<Pix>? = c.pixThresholdToBinary(pix, 128)
        defer { c.pixDestroy(&ink) }
        guard ink != nil else { return [] }
        for b in covered {
            var box: UnsafeMutablePointer<Box>? = c.boxCreate(
                Int32(max(0, b.x - margin)), Int32(max(0, b.y - margin)), Int32(b.width + 2 * margin),
                Int32(b.height + 2 * margin))
            defer { c.boxDestroy(&box) }
            if box != nil { _ = c.pixClearInRect(ink, box) }
        }
        var blobs: UnsafeMutablePointer<Pix>? = c.pixCloseSafeBrick(nil, ink, Int32(join), Int32(join))
        defer { c.pixDestroy(&blobs) }
        guard blobs != nil else { return [] }
        var boxes: UnsafeMutablePointer<Boxa>? = c.pixConnCompBB(blobs, 8)
        defer { c.boxaDestroy(&boxes) }
        guard boxes != nil else { return [] }
        var regions: [(PixelBox, Double)] = []
        for i in 0..<c.boxaGetCount(boxes) {
            var x: Int32 = 0
            var y: Int32 = 0
            var w: Int32 = 0
            var h: Int32 = 0
            guard c.boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h) == 0, Int(w) >= minWidth, Int(h) >= minHeight else {
                continue
            }
            var box: UnsafeMutablePointer<Box>? = c.boxCreate(x, y, w, h)
            defer { c.boxDestroy(&box) }
            var count: Int32 = 0
            _ = c.pixCountPixelsInRect(ink, box, &count, nil)
            regions.append(
                (PixelBox(x: Int(x), y: Int(y), width: Int(w), height: Int(h)), Double(count) / Double(w * h)))
        }
        return regions
    }

    /// Share of `box` (clipped to the image) that is ink: pixels darker than mid-grey. Grey input.
    func inkShare(in box: PixelBox) -> Double {
        let x0 = max(0, box.x)
        let y0 = max(0, box.y)
        let x1 = min(width, box.x + box.width)
        let y1 = min(height, box.y + box.height)
        guard x1 > x0, y1 > y0 else { return 0 }
        var ink: UnsafeMutablePointer<Pix>? = c.pixThresholdToBinary(pix, 128)
        defer { c.pixDestroy(&ink) }
        var rect: UnsafeMutablePointer<Box>? = c.boxCreate(Int32(x0), Int32(y0), Int32(x1 - x0), Int32(y1 - y0))
        defer { c.boxDestroy(&rect) }
        guard ink != nil, rect != nil else { return 0 }
        var count: Int32 = 0
        guard c.pixCountPixelsInRect(ink, rect, &count, nil) == 0 else { return 0 }
        return Double(count) / Double((x1 - x0) * (y1 - y0))
    }

    /// Writes the image as PNG (for inspecting what the engine sees).
    func writePNG(to path: String) -> Bool {
        c.pixWrite(path, pix, Int32(IFF_PNG)) == 0
    }

    // MARK: One-page PDFs (the image layer of a searchable PDF)

    /// A one-page PDF of an image file (PNG, JPEG, single-page TIFF), its compressed data taken
    /// over as it is where PDF has the same filter (JPEG, PNG's deflate), at the file's resolution
    /// (300 dpi when it records none). Nil when Leptonica refuses the file.
    /// The image libraries' messages (libpng, libjpeg) are caught, not printed (`LibraryMessages`).
    static func singlePagePDF(file path: String) throws(OCRError) -> (pdf: [UInt8]?, messages: String) {
        let c = try functions()
        c.l_pdfSetDateAndVersion(0)  // no creation date: the same input gives the same bytes
        let (pdf, messages) = LibraryMessages.capturing { () -> [UInt8]? in
            var data: UnsafeMutablePointer<UInt8>? = nil
            var count = 0
            guard c.convertUnscaledToPdfData(path, nil, &data, &count) == 0, let data else { return nil }
            defer { c.lept_free(data) }
            return Array(UnsafeBufferPointer(start: data, count: count))
        }
        return (pdf, messages)
    }

    /// A one-page PDF of this image: CCITT G4 for a 1-bit image, deflate otherwise, laid out at
    /// `dpi`.
    func singlePagePDF(dpi: Int) -> [UInt8]? {
        c.l_pdfSetDateAndVersion(0)
        var data: UnsafeMutablePointer<UInt8>? = nil
        var count = 0
        let type = depth == 1 ? L_G4_ENCODE : L_FLATE_ENCODE
        guard c.pixConvertToPdfData(pix, Int32(type), 0, &data, &count, 0, 0, Int32(dpi), nil, nil, 0) == 0,
            let data
        else { return nil }
        defer { c.lept_free(data) }
        return Array(UnsafeBufferPointer(start: data, count: count))
    }

    // MARK: Writing multi-page files (test inputs)

    /// Writes `pages` as one multi-page TIFF (zip-compressed).
    static func writeTIFF(_ pages: [PageImage], to path: String) throws(OCRError) -> Bool {
        let c = try functions()
        for (i, page) in pages.enumerated() {
            guard c.pixWriteTiff(path, page.pix, Int32(IFF_TIFF_ZIP), i == 0 ? "w" : "a") == 0 else { return false }
        }
        return true
    }

    /// Writes `pages` as a PDF, one image per page, laid out at `dpi`.
    static func writePDF(_ pages: [PageImage], dpi: Int, to path: String) throws(OCRError) -> Bool {
        let c = try functions()
        guard let pixa = c.pixaCreate(Int32(pages.count)) else { return false }
        defer {
            var p: UnsafeMutablePointer<Pixa>? = pixa
            c.pixaDestroy(&p)
        }
        for page in pages where c.pixaAddPix(pixa, page.pix, Int32(L_COPY)) != 0 { return false }
        return c.pixaConvertToPdf(pixa, Int32(dpi), 1, Int32(L_FLATE_ENCODE), 0, nil, path) == 0
    }
}

/// The image libraries under Leptonica (libpng, libjpeg, libtiff) print their warnings and
/// errors straight to standard error, between `convert`'s progress lines. Decoding is done one
/// image at a time with standard error pointed at a temporary file; what was written there is
/// handed to the caller, which puts it in its own error message or drops it.
enum LibraryMessages {
    private static let turn = LockedValue(())

    static func capturing<T>(_ body: () -> T) -> (result: T, messages: String) {
        turn.withLock { _ in
            fflush(nil)
            guard let file = tmpfile() else { return (body(), "") }
            defer { fclose(file) }
            let saved = dup(STDERR_FILENO)
            guard saved >= 0, dup2(fileno(file), STDERR_FILENO) >= 0 else {
                if saved >= 0 { close(saved) }
                return (body(), "")
            }
            let result = body()
            fflush(nil)
            dup2(saved, STDERR_FILENO)
            close(saved)
            let length = ftell(file)
            guard length > 0 else { return (result, "") }
            rewind(file)
            var bytes = [UInt8](repeating: 0, count: min(length, 4096))
            let read = fread(&bytes, 1, bytes.count, file)
            let lines = String(decoding: bytes.prefix(read), as: UTF8.self).split(separator: "\n")
            let text = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return (result, text.joined(separator: "; "))
        }
    }
}
