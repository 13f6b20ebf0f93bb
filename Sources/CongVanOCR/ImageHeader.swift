import Foundation

/// What an image file says about itself before any pixel is decoded: each page's size, read
/// from the PNG `IHDR` chunk, the JPEG frame header, or every TIFF directory. A page over the
/// pixel budget is refused before decoding (a 948 KB PNG of 30,000 × 30,000 pixels decodes to
/// 4 GB), and a TIFF whose directories or strips point past the end of the file is truncated:
/// libtiff would quietly stop at the last whole page.
enum ImageHeader {
    /// Pixels per page above which a page is refused. At 25 megapixels an RGB page peaks at
    /// about 260 MB in `convert` (grey: about 200 MB); an A4 page at 300 dpi is 8.7 megapixels,
    /// at 500 dpi 24.2.
    static let pixelBudget = 25_000_000

    /// Pixels Tesseract is given at most: a larger page is scaled down to this once decoded and
    /// turned grey. Tesseract's memory grows with the glyphs as well as the pixels: a grey page
    /// of 24.6 megapixels with large print peaked at 310 MB, at 16 megapixels at 233 MB.
    static let ocrPixels = 16_000_000

    struct Size: Equatable {
        var width: Int
        var height: Int
        var pixels: Int { width * height }
    }

    /// Page sizes of a PNG, JPEG or TIFF file (one per page), checked against the budget and,
    /// for TIFF, against the file's length.
    static func pages(of path: String, format: PageSource.Format) throws(OCRError) -> [Size] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        // Mapped, not copied: only the headers are read, and a TIFF's directories.
        let bytes = data
        let sizes: [Size]
        switch format {
        case .png:
            guard let size = png(bytes) else {
                throw .corruptImage(path: path, page: nil, reason: "the PNG header cannot be read")
            }
            sizes = [size]
        case .jpeg:
            guard let size = jpeg(bytes) else {
                throw .corruptImage(path: path, page: nil, reason: "the JPEG has no readable frame header")
            }
            sizes = [size]
        case .tiff:
            sizes = try tiff(bytes, path: path)
        case .pdf:
            return []
        }
        for (i, size) in sizes.enumerated() {
            try checkBudget(size, path: path, page: sizes.count > 1 ? i : nil)
        }
        return sizes
    }

    static func checkBudget(_ size: Size, path: String, page: Int?) throws(OCRError) {
        guard size.width > 0, size.height > 0 else {
            throw .corruptImage(
                path: path, page: page, reason: "its header gives a size of \(size.width) × \(size.height)")
        }
        guard size.pixels <= pixelBudget else {
            throw .imageTooLarge(path: path, page: page, width: size.width, height: size.height, budget: pixelBudget)
        }
    }

    // MARK: PNG and JPEG

    static func png(_ b: Data) -> Size? {
        // Signature (8), IHDR length (4) and type (4), then width and height.
        guard b.count >= 24, b[12..<16].elementsEqual(Array("IHDR".utf8)) else { return nil }
        return Size(width: Int(bigEndian(b, 16, 4)), height: Int(bigEndian(b, 20, 4)))
    }

    static func jpeg(_ b: Data) -> Size? {
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF {
                i += 1
                continue
            }
            // Markers without a length: TEM, RSTn, SOI.
            if marker == 0x01 || (0xD0...0xD8).contains(marker) {
                i += 2
                continue
            }
            let length = Int(bigEndian(b, i + 2, 2))
            // Start of frame (any coding) except DHT, JPG and DAC.
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                return Size(width: Int(bigEndian(b, i + 7, 2)), height: Int(bigEndian(b, i + 5, 2)))
            }
            if marker == 0xDA || marker == 0xD9 { return nil }  // scan data before any frame header
            i += 2 + length
        }
        return nil
    }

    // MARK: TIFF

    /// Every directory's page size, following the chain of directories and checking that each
    /// one, and each strip or tile it points to, lies inside the file.
    static func tiff(_ b: Data, path: String) throws(OCRError) -> [Size] {
        guard b.count >= 8 else { throw .corruptImage(path: path, page: nil, reason: "the TIFF header is cut short") }
        let little = b[0] == 0x49
        let big = (little ? Int(b[2]) | Int(b[3]) << 8 : Int(b[2]) << 8 | Int(b[3])) == 43
        func read(_ at: Int, _ n: Int) -> Int? {
            guard at >= 0, at + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n { v |= Int(b[at + (little ? k : n - 1 - k)]) << (8 * k) }
            return v
        }
        let offsetSize = big ? 8 : 4
        guard var next = read(big ? 8 : 4, offsetSize) else {
            throw .corruptImage(path: path, page: nil, reason: "the TIFF header is cut short")
        }
        var sizes: [Size] = []
        var seen = Set<Int>()
        func truncated(_ page: Int) -> OCRError {
            let whole = page == 0 ? "no page is whole" : page == 1 ? "page 1 is whole" : "pages 1–\(page) are whole"
            return .corruptImage(
                path: path, page: page,
                reason: "the file is truncated: it ends before page \(page + 1) is complete; \(whole)")
        }
        while next != 0 {
            let page = sizes.count
            guard seen.insert(next).inserted, page < 100_000 else {
                throw .corruptImage(path: path, page: page, reason: "its directories form a loop")
            }
            guard let count = read(next, big ? 8 : 2) else { throw truncated(page) }
            let entrySize = big ? 20 : 12
            let first = next + (big ? 8 : 2)
            guard first + count * entrySize + offsetSize <= b.count else { throw truncated(page) }
            var width = 0
            var height = 0
            var offsets: [Int] = []
            var lengths: [Int] = []
            for e in 0..<count {
                let at = first + e * entrySize
                guard let tag = read(at, 2), let type = read(at + 2, 2), let n = read(at + 4, big ? 8 : 4) else {
                    throw truncated(page)
                }
                let unit: Int
                switch type {
                case 3: unit = 2  // SHORT
                case 4, 13: unit = 4  // LONG, IFD
                case 16, 18: unit = 8  // LONG8, IFD8
                default: continue
                }
                guard [256, 257, 273, 279, 324, 325].contains(tag), n >= 1, n < 10_000_000 else { continue }
                let inline = n * unit <= offsetSize
                guard let base = inline ? at + 4 + (big ? 8 : 4) : read(at + 4 + (big ? 8 : 4), offsetSize),
                    base + n * unit <= b.count
                else { throw truncated(page) }
                var values: [Int] = []
                values.reserveCapacity(n)
                for k in 0..<n {
                    guard let v = read(base + k * unit, unit) else { throw truncated(page) }
                    values.append(v)
                }
                switch tag {
                case 256: width = values[0]
                case 257: height = values[0]
                case 273, 324: offsets = values
                default: lengths = values
                }
            }
            for (offset, length) in zip(offsets, lengths) where offset + length > b.count { throw truncated(page) }
            sizes.append(Size(width: width, height: height))
            guard let following = read(first + count * entrySize, offsetSize) else { throw truncated(page) }
            if following != 0, following >= b.count { throw truncated(page + 1) }
            next = following
        }
        guard !sizes.isEmpty else { throw .corruptImage(path: path, page: nil, reason: "the TIFF has no pages") }
        return sizes
    }

    private static func bigEndian(_ b: Data, _ at: Int, _ n: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<n { v = v << 8 | UInt32(b[at + k]) }
        return v
    }
}
