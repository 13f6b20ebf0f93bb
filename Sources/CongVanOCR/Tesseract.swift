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

    /// Tesseract keeps some settings (like `debug_file`) in process-wide globals, so engines are
    /// created one at a time.
    private static let creation = NSLock()

    /// Loads `language` (e.g. "vie" or "vie+eng") from the tessdata folder `dataPath`.
    /// Returns nil when Tesseract refuses to initialise (the caller has already checked that the
    /// `.traineddata` files exist, so this means they are unreadable or damaged).
    init?(language: String, dataPath: String) {
        Self.creation.lock()
        defer { Self.creation.unlock() }
        guard let h = TessBaseAPICreate() else { return nil }
        // Tesseract prints warnings (e.g. "Estimating resolution") to stderr; errors reach the
        // user through OCRError instead.
        _ = TessBaseAPISetVariable(h, "debug_file", "/dev/null")
        guard TessBaseAPIInit3(h, dataPath, language) == 0 else {
            TessBaseAPIDelete(h)
            return nil
        }
        handle = h
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// Sets a Tesseract parameter by name; false when Tesseract does not know it.
    @discardableResult
    func set(_ name: String, _ value: String) -> Bool {
        TessBaseAPISetVariable(handle, name, value) != 0
    }

    /// Recognises `image` and returns Tesseract's text lines (in Tesseract's order) with their
    /// words, word confidences and boxes; `line.block` is Tesseract's block number.
    /// Returns nil when recognition fails.
    /// `region`: only that part of the image (boxes stay in whole-image coordinates).
    func recognize(_ image: PageImage, segmentation: PageSegmentation, region: PixelBox? = nil) -> [OCRLine]? {
        TessBaseAPISetPageSegMode(handle, segmentation.tesseractMode)
        TessBaseAPISetImage2(handle, .init(image.opaquePix))
        if let r = region { TessBaseAPISetRectangle(handle, Int32(r.x), Int32(r.y), Int32(r.width), Int32(r.height)) }
        defer { TessBaseAPIClear(handle) }
        guard TessBaseAPIRecognize(handle, nil) == 0 else { return nil }
        guard let it = TessBaseAPIGetIterator(handle) else { return [] }
        defer { TessResultIteratorDelete(it) }
        let page = TessResultIteratorGetPageIterator(it)

        var lines: [OCRLine] = []
        var block = -1
        repeat {
            if TessPageIteratorIsAtBeginningOf(page, RIL_BLOCK) != 0 { block += 1 }
            if TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 || lines.isEmpty {
                guard let box = Self.box(page, RIL_TEXTLINE) else { continue }
                lines.append(OCRLine(words: [], box: box, block: max(block, 0)))
            }
            guard let raw = TessResultIteratorGetUTF8Text(it, RIL_WORD) else { continue }
            let text = String(cString: raw)
            TessDeleteText(raw)
            guard !text.allSatisfy(\.isWhitespace), let box = Self.box(page, RIL_WORD) else { continue }
            let confidence = TessResultIteratorConfidence(it, RIL_WORD)
            lines[lines.count - 1].words.append(
                OCRWord(text: text.precomposedStringWithCanonicalMapping, confidence: confidence, box: box))
        } while TessResultIteratorNext(it, RIL_WORD) != 0
        return lines.filter { !$0.words.isEmpty }
    }

    private static func box(_ page: OpaquePointer?, _ level: TessPageIteratorLevel) -> PixelBox? {
        var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
        guard TessPageIteratorBoundingBox(page, level, &left, &top, &right, &bottom) != 0 else { return nil }
        return PixelBox(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top))
    }

    /// Tesseract's version string, e.g. "5.3.0".
    static var version: String { String(cString: TessVersion()) }

    /// Makes Tesseract's OpenMP loops started from the calling thread run on that thread alone.
    /// libgomp reads `OMP_THREAD_LIMIT` once, when the process loads it, so setting the variable
    /// from inside the process is too late; `omp_set_max_active_levels(0)` is the runtime
    /// equivalent (a team of one for every parallel region) but is a per-thread setting, so each
    /// worker calls it. With one engine per core, OpenMP's extra threads only contend.
    static func limitOpenMPToOneThread() {
        setenv("OMP_THREAD_LIMIT", "1", 1)  // for child processes and an OpenMP not yet loaded
        typealias SetLevels = @convention(c) (Int32) -> Void
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "omp_set_max_active_levels") else {
            return  // Tesseract built without OpenMP: nothing to limit
        }
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
        }
    }
}
