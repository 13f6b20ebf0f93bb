internal import CLeptonica
import CongVanCore
import Foundation

/// A page raster owned by Leptonica. Every Leptonica pointer in the module lives in this file:
/// each `Pix` is owned by exactly one `PageImage` and destroyed in its `deinit`.
final class PageImage {
    /// Owned; never nil.
    private var pix: UnsafeMutablePointer<Pix>

    private init(owning pix: UnsafeMutablePointer<Pix>) { self.pix = pix }

    deinit {
        var p: UnsafeMutablePointer<Pix>? = pix
        pixDestroy(&p)
    }

    /// Leptonica reports failures by printing; callers get our own errors instead.
    private static let silenced: Void = { _ = setMsgSeverity(Int32(L_SEVERITY_NONE)) }()

    var width: Int { Int(pixGetWidth(pix)) }
    var height: Int { Int(pixGetHeight(pix)) }
    var depth: Int { Int(pixGetDepth(pix)) }
    /// Resolution recorded in the file, or 0 when it has none.
    var resolution: Int { Int(pixGetXRes(pix)) }

    /// Records the resolution (pages rasterised from PDF carry none in the file).
    func setResolution(_ dpi: Int) {
        _ = pixSetResolution(pix, Int32(dpi), Int32(dpi))
    }

    /// The raster as Tesseract's C API takes it (an opaque `struct Pix *`); valid while `self` lives.
    var opaquePix: OpaquePointer { OpaquePointer(pix) }

    // MARK: Reading

    /// Decodes one image (PNG, JPEG, PNM, BMP, first page of a TIFF) from a file.
    static func read(path: String) -> PageImage? {
        _ = silenced
        return pixRead(path).map(PageImage.init(owning:))
    }

    /// Decodes one image from bytes in memory.
    static func read(bytes: [UInt8]) -> PageImage? {
        _ = silenced
        return bytes.withUnsafeBufferPointer { buf in
            pixReadMem(buf.baseAddress, buf.count).map(PageImage.init(owning:))
        }
    }

    /// Decodes page `index` (0-based) of a TIFF file.
    static func readTIFF(path: String, page index: Int) -> PageImage? {
        _ = silenced
        return pixReadTiff(path, Int32(index)).map(PageImage.init(owning:))
    }

    /// Number of pages (directories) in a TIFF file, or nil when it cannot be parsed.
    static func tiffPageCount(path: String) -> Int? {
        _ = silenced
        guard let fp = fopenReadStream(path) else { return nil }
        defer { fclose(fp) }
        var n: Int32 = 0
        guard tiffGetCount(fp, &n) == 0, n > 0 else { return nil }
        return Int(n)
    }

    // MARK: Transforms (each returns a new image; nil when Leptonica refuses)

    /// 8-bit grey: alpha blended onto white first (transparent PNGs are otherwise black),
    /// colour maps removed, colour converted by luminance, 1/2/4/16-bit depths widened or narrowed.
    func grey() -> PageImage? {
        var source = pix
        var blended: UnsafeMutablePointer<Pix>? = nil
        defer { pixDestroy(&blended) }
        if pixGetSpp(pix) == 4 {
            blended = pixAlphaBlendUniform(pix, 0xFFFF_FF00)
            if let b = blended { source = b }
        }
        return pixConvertTo8(source, 0).map(PageImage.init(owning:))
    }

    /// Straightened image and the angle found (degrees); the image is unchanged (a copy) when no
    /// confident skew is found.
    func deskewed() -> (image: PageImage, angle: Double)? {
        var angle: Float = 0, confidence: Float = 0
        guard let d = pixFindSkewAndDeskew(pix, 2, &angle, &confidence) else { return nil }
        return (PageImage(owning: d), confidence > 0 ? Double(angle) : 0)
    }

    /// Flattens uneven illumination (shadows, yellowed paper) so the background is uniform white.
    func backgroundNormalised() -> PageImage? {
        pixBackgroundNormSimple(pix, nil, nil).map(PageImage.init(owning:))
    }

    /// 1-bit image by Sauvola local thresholding (grey input only).
    func sauvolaBinarised() -> PageImage? {
        var out: UnsafeMutablePointer<Pix>? = nil
        let tilesX = Int32(max(1, width / 800)), tilesY = Int32(max(1, height / 800))
        guard pixSauvolaBinarizeTiled(pix, 8, 0.34, tilesX, tilesY, nil, &out) == 0, let d = out else {
            return nil
        }
        return PageImage(owning: d)
    }

    /// Image scaled by `factor` with linear interpolation (grey input).
    func scaled(by factor: Double) -> PageImage? {
        pixScaleGrayLI(pix, Float(factor), Float(factor)).map(PageImage.init(owning:))
    }

    /// Unsharp mask to restore stroke edges after upscaling (grey input).
    func sharpened() -> PageImage? {
        pixUnsharpMaskingGray(pix, 1, 0.4).map(PageImage.init(owning:))
    }

    /// Regions of ink that none of `covered` explains: the page binarised, the covered boxes
    /// (grown by `margin`) erased, what is left closed by `join` pixels so nearby marks merge, and
    /// the bounding boxes of the resulting blobs that are at least `minWidth` × `minHeight`, with
    /// the share of their area that is ink. Grey input.
    func uncoveredInk(covered: [PixelBox], margin: Int, join: Int, minWidth: Int, minHeight: Int) -> [(box: PixelBox, density: Double)] {
        var ink: UnsafeMutablePointer<Pix>? = pixThresholdToBinary(pix, 128)
        defer { pixDestroy(&ink) }
        guard ink != nil else { return [] }
        for b in covered {
            var box: UnsafeMutablePointer<Box>? = boxCreate(
                Int32(max(0, b.x - margin)), Int32(max(0, b.y - margin)), Int32(b.width + 2 * margin), Int32(b.height + 2 * margin))
            defer { boxDestroy(&box) }
            if box != nil { _ = pixClearInRect(ink, box) }
        }
        var blobs: UnsafeMutablePointer<Pix>? = pixCloseSafeBrick(nil, ink, Int32(join), Int32(join))
        defer { pixDestroy(&blobs) }
        guard blobs != nil else { return [] }
        var boxes: UnsafeMutablePointer<Boxa>? = pixConnCompBB(blobs, 8)
        defer { boxaDestroy(&boxes) }
        guard boxes != nil else { return [] }
        var regions: [(PixelBox, Double)] = []
        for i in 0..<boxaGetCount(boxes) {
            var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
            guard boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h) == 0, Int(w) >= minWidth, Int(h) >= minHeight else { continue }
            var box: UnsafeMutablePointer<Box>? = boxCreate(x, y, w, h)
            defer { boxDestroy(&box) }
            var count: Int32 = 0
            _ = pixCountPixelsInRect(ink, box, &count, nil)
            regions.append((PixelBox(x: Int(x), y: Int(y), width: Int(w), height: Int(h)), Double(count) / Double(w * h)))
        }
        return regions
    }

    /// Writes the image as PNG (for inspecting what the engine sees).
    func writePNG(to path: String) -> Bool {
        pixWrite(path, pix, Int32(IFF_PNG)) == 0
    }

    // MARK: Writing multi-page files (test inputs)

    /// Writes `pages` as one multi-page TIFF (zip-compressed).
    static func writeTIFF(_ pages: [PageImage], to path: String) -> Bool {
        for (i, page) in pages.enumerated() {
            guard pixWriteTiff(path, page.pix, Int32(IFF_TIFF_ZIP), i == 0 ? "w" : "a") == 0 else { return false }
        }
        return true
    }

    /// Writes `pages` as a PDF, one image per page, laid out at `dpi`.
    static func writePDF(_ pages: [PageImage], dpi: Int, to path: String) -> Bool {
        guard let pixa = pixaCreate(Int32(pages.count)) else { return false }
        defer {
            var p: UnsafeMutablePointer<Pixa>? = pixa
            pixaDestroy(&p)
        }
        for page in pages where pixaAddPix(pixa, page.pix, Int32(L_COPY)) != 0 { return false }
        return pixaConvertToPdf(pixa, Int32(dpi), 1, Int32(L_FLATE_ENCODE), 0, nil, path) == 0
    }
}
