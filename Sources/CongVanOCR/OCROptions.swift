/// How Tesseract splits a page into blocks and lines before reading it.
public enum PageSegmentation: String, Sendable, CaseIterable {
    /// Full layout analysis (Tesseract's `--psm 3`).
    case auto
    /// One column of text of variable sizes (`--psm 4`).
    case singleColumn
    /// One uniform block of text (`--psm 6`).
    case singleBlock
    /// As much text as possible in no particular order (`--psm 11`).
    case sparse
    /// One line of text (`--psm 7`): the letterhead's handwritten fields are re-read so.
    case singleLine
    /// One word (`--psm 8`).
    case singleWord
}

/// What is done to a page before and after Tesseract reads it. The defaults are the settings that
/// measured best on the real scans and fixtures (see BENCHMARKS.md, OCR); the other values
/// exist so the benchmark can show what each step is worth.
public struct OCROptions: Sendable, Hashable {
    public var segmentation: PageSegmentation
    /// Straighten the page (Leptonica's skew search).
    public var deskew: Bool
    /// Flatten the page's background before Tesseract binarises it.
    public var normaliseBackground: Bool
    /// Binarise with Sauvola's local threshold instead of Tesseract's global Otsu.
    public var sauvola: Bool
    /// Pages whose resolution (recorded or estimated) is below this are scaled up to it; 0 = never.
    public var upscaleBelowDPI: Int
    /// Words Tesseract is less confident of than this (0–100) are dropped as noise: stamps, seals,
    /// signatures and handwriting read as text. 0 keeps everything.
    public var minimumConfidence: Float
    /// Read again, as single blocks, the regions with ink where the first pass found no words:
    /// Tesseract's layout analysis drops text that a seal or signature overlaps (the signer's
    /// title and name).
    public var rereadUncoveredInk: Bool
    /// Put side-by-side blocks (issuer | motto, "Nơi nhận" | signature) in reading order.
    public var readingOrder: Bool
    /// Find the letterhead's number and date fields, join their rows and re-read what was
    /// written in their gaps with recognition constrained to digits (`HeaderFields`).
    public var headerFields: Bool

    public init(
        segmentation: PageSegmentation = .singleColumn,
        deskew: Bool = true,
        normaliseBackground: Bool = false,
        sauvola: Bool = false,
        upscaleBelowDPI: Int = 0,
        minimumConfidence: Float = 20,
        rereadUncoveredInk: Bool = true,
        readingOrder: Bool = true,
        headerFields: Bool = true
    ) {
        self.segmentation = segmentation
        self.deskew = deskew
        self.normaliseBackground = normaliseBackground
        self.sauvola = sauvola
        self.upscaleBelowDPI = upscaleBelowDPI
        self.minimumConfidence = minimumConfidence
        self.rereadUncoveredInk = rereadUncoveredInk
        self.readingOrder = readingOrder
        self.headerFields = headerFields
    }

    /// The measured best settings (the initialiser's defaults).
    public static let standard = OCROptions()

    /// Tesseract alone: its own layout and binarisation, no preprocessing, Tesseract's line order.
    public static let plain = OCROptions(
        segmentation: .auto, deskew: false, minimumConfidence: 0, rereadUncoveredInk: false, readingOrder: false,
        headerFields: false)
}
