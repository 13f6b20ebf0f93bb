/// The Leptonica steps run on a page before Tesseract sees it, chosen by `OCROptions`.
struct Preprocessor {
    let options: OCROptions

    struct Prepared {
        var image: PageImage
        /// Factor the page was scaled by (boxes are divided by it afterwards).
        var scale: Double
    }

    /// Width of an A4 page in inches; estimates the resolution of images that record none.
    static let a4Inches = 8.27

    func prepare(_ page: PageImage, source: String, page index: Int?) throws(OCRError) -> Prepared {
        func step(_ result: PageImage?, _ what: String) throws(OCRError) -> PageImage {
            guard let result else { throw .corruptImage(path: source, page: index, reason: "\(what) failed") }
            return result
        }
        var image = try step(page.grey(), "conversion to 8-bit grey")
        var scale = 1.0
        if image.width * image.height > ImageHeader.ocrPixels {
            // Tesseract's memory grows with the pixels and with the size of the glyphs: a large
            // page is read at the working size (16 megapixels, an A4 page at 330 dpi).
            // (A hair under the exact factor: Leptonica rounds the new sides up.)
            scale = 0.999 * (Double(ImageHeader.ocrPixels) / Double(image.width * image.height)).squareRoot()
            image = try step(image.scaled(by: scale), "downscaling")
        }
        if options.deskew, let straight = image.deskewed() { image = straight.image }
        if options.normaliseBackground { image = try step(image.backgroundNormalised(), "background normalisation") }
        if options.upscaleBelowDPI > 0, scale == 1 {
            let dpi = page.resolution > 0 ? Double(page.resolution) : Double(page.width) / Self.a4Inches
            if dpi < Double(options.upscaleBelowDPI) * 0.9 {
                // Never past the working size: a large image that says 72 dpi would grow 17-fold.
                let fit = (Double(ImageHeader.ocrPixels) / Double(max(1, page.width * page.height))).squareRoot()
                scale = min(Double(options.upscaleBelowDPI) / dpi, max(1, fit))
                if scale > 1 { image = try step(image.scaled(by: scale), "upscaling") } else { scale = 1 }
            }
        }
        if options.sauvola { image = try step(image.sauvolaBinarised(), "binarisation") }
        return Prepared(image: image, scale: scale)
    }
}
