internal import CTesseract
import CongVanCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One Tesseract engine (`TessBaseAPI`) with its language model loaded. Every Tesseract pointer in
/// the module lives in this file. Not thread-safe: one per worker thread, reused across pages.
final class TesseractAPI {
    private let handle: OpaquePointer
    private let c: CVTesseract

    /// libtesseract's functions, opened on first use (Debian ships it as `libtesseract5`).
    static let library = SharedLibrary.load(
        SharedLibrary.names(
            linux: ["libtesseract.so.5", "libtesseract.so"], macOS: ["libtesseract.5.dylib", "libtesseract.dylib"]),
        package: "libtesseract5", symbols: String(cString: cv_tesseract_symbols()), as: CVTesseract.self)

    /// Tesseract keeps some settings (like `debug_file`) in process-wide globals, so engines are
    /// created one at a time.
    private static let creation = LockedValue(())

    /// Loads `language` (e.g. "vie" or "vie+eng") from the tessdata folder `dataPath`.
    /// Returns nil when Tesseract refuses to initialise (the caller has already checked that the
    /// `.traineddata` files exist, so this means they are unreadable or damaged).
    /// Throws `.libraryMissing` when libtesseract cannot be loaded.
    init?(language: String, dataPath: String) throws(OCRError) {
        let c = try Self.library.get()
        let made = Self.creation.withLock { _ -> OpaquePointer? in
            guard let h = c.TessBaseAPICreate() else { return nil }
            // Tesseract prints warnings (e.g. "Estimating resolution") to stderr; errors reach the
            // user through OCRError instead.
            _ = c.TessBaseAPISetVariable(h, "debug_file", "/dev/null")
            guard c.TessBaseAPIInit3(h, dataPath, language) == 0 else {
                c.TessBaseAPIDelete(h)
                return nil
            }
            return h
        }
        guard let h = made else { return nil }
        handle = h
        self.c = c
    }

    deinit {
        c.TessBaseAPIEnd(handle)
        c.TessBaseAPIDelete(handle)
    }

    /// Sets a Tesseract parameter by name; false when Tesseract does not know it.
    @discardableResult
    func set(_ name: String, _ value: String) -> Bool {
        c.TessBaseAPISetVariable(handle, name, value) != 0
    }

    /// Recognises `image` and returns Tesseract's text lines (in Tesseract's order) with their
    /// words, word confidences and boxes; `line.block` is Tesseract's block number.
    /// Returns nil when recognition fails.
    /// `region`: only that part of the image (boxes stay in whole-image coordinates).
    func recognize(_ image: PageImage, segmentation: PageSegmentation, region: PixelBox? = nil) -> [OCRLine]? {
        c.TessBaseAPISetPageSegMode(handle, segmentation.tesseractMode)
        c.TessBaseAPISetImage2(handle, .init(image.opaquePix))
        if let r = region { c.TessBaseAPISetRectangle(handle, Int32(r.x), Int32(r.y), Int32(r.width), Int32(r.height)) }
        defer { c.TessBaseAPIClear(handle) }
        guard c.TessBaseAPIRecognize(handle, nil) == 0 else { return nil }
        guard let it = c.TessBaseAPIGetIterator(handle) else { return [] }
        defer { c.TessResultIteratorDelete(it) }
        let page = c.TessResultIteratorGetPageIterator(it)

        var lines: [OCRLine] = []
        var block = -1
        repeat {
            if c.TessPageIteratorIsAtBeginningOf(page, RIL_BLOCK) != 0 { block += 1 }
            if c.TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 || lines.isEmpty {
                guard let box = box(page, RIL_TEXTLINE) else { continue }
                lines.append(OCRLine(words: [], box: box, block: max(block, 0)))
            }
            guard let raw = c.TessResultIteratorGetUTF8Text(it, RIL_WORD) else { continue }
            let text = String(cString: raw)
            c.TessDeleteText(raw)
            guard !text.allSatisfy(\.isWhitespace), let box = box(page, RIL_WORD) else { continue }
            let confidence = c.TessResultIteratorConfidence(it, RIL_WORD)
            lines[lines.count - 1].words.append(
                OCRWord(text: text.precomposedStringWithCanonicalMapping, confidence: confidence, box: box))
        } while c.TessResultIteratorNext(it, RIL_WORD) != 0
        return lines.filter { !$0.words.isEmpty }
    }

    /// The digits read in `region` of `image` with recognition limited to `0`–`9`, and their mean
    /// confidence; empty when nothing is read.
    func readDigits(
        _ image: PageImage, region: PixelBox, segmentation: PageSegmentation
    ) -> (
        text: String, confidence: Float
    ) {
        set("tessedit_char_whitelist", "0123456789")
        defer { set("tessedit_char_whitelist", "") }
        let words = (recognize(image, segmentation: segmentation, region: region) ?? []).flatMap(\.words)
        let text = words.map(\.text).joined().filter(\.isNumber)
        guard !words.isEmpty, !text.isEmpty else { return ("", 0) }
        return (text, words.map(\.confidence).reduce(0, +) / Float(words.count))
    }

    private func box(_ page: OpaquePointer?, _ level: TessPageIteratorLevel) -> PixelBox? {
        var left: Int32 = 0
        var top: Int32 = 0
        var right: Int32 = 0
        var bottom: Int32 = 0
        guard c.TessPageIteratorBoundingBox(page, level, &left, &top, &right, &bottom) != 0 else { return nil }
        return PixelBox(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top))
    }

    /// Tesseract's version string, e.g. "5.3.0", or nil when libtesseract cannot be loaded.
    static var version: String? { (try? library.get())?.TessVersion().map { String(cString: $0) } }

    /// Makes Tesseract's OpenMP loops started from the calling thread run on that thread alone.
    /// libgomp reads `OMP_THREAD_LIMIT` once, when it is loaded (with libtesseract, by the first
    /// engine), so the variable only helps engines of a later process; `omp_set_max_active_levels(0)`
    /// is the runtime equivalent (a team of one for every parallel region) but is a per-thread
    /// setting, so each worker calls it. With one engine per core, OpenMP's extra threads only contend.
    static func limitOpenMPToOneThread() {
        setenv("OMP_THREAD_LIMIT", "1", 1)  // for child processes and an OpenMP not yet loaded
        // libgomp came with libtesseract, if Tesseract was built with OpenMP; never load it here.
        typealias SetLevels = @convention(c) (Int32) -> Void
        guard (try? library.get()) != nil, let openMP = dlopen("libgomp.so.1", RTLD_NOW | RTLD_NOLOAD) else { return }
        defer { dlclose(openMP) }
        guard let symbol = dlsym(openMP, "omp_set_max_active_levels") else { return }
        unsafeBitCast(symbol, to: SetLevels.self)(0)
    }
}

extension PageSegmentation {
    fileprivate var tesseractMode: TessPageSegMode {
        switch self {
        case .auto: return PSM_AUTO
        case .singleColumn: return PSM_SINGLE_COLUMN
        case .singleBlock: return PSM_SINGLE_BLOCK
        case .sparse: return PSM_SPARSE_TEXT
        case .singleLine: return PSM_SINGLE_LINE
        case .singleWord: return PSM_SINGLE_WORD
        }
    }
}
