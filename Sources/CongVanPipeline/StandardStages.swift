import CongVanCore
import CongVanOCR
import CongVanParse
import CongVanRestore

extension Stages {
    /// The real stages: an OCR engine per worker, one `Restorer` and one `DirectiveParser`
    /// shared by all. Loads the lexicons now, so a missing one stops the run before any document
    /// is read; the OCR language data is checked when the first image needs it. With
    /// `parallelEngines` (more than one worker) each engine keeps to its own thread.
    /// `ocr`: which pages are OCR'd (PDF pages with a usable text layer are not, by default).
    public static func standard(
        language: String = "vie", tessdataPath: String? = nil,
        lexiconDirectory: String = LexiconLocator.directory(),
        parallelEngines: Bool = true, ocr: OCRMode = .auto
    ) throws -> Stages {
        let restorer: Restorer
        let parser: DirectiveParser
        do {
            restorer = try Restorer.load(lexiconDirectory: lexiconDirectory)
        } catch {
            throw PipelineError.stageUnavailable(stage: "restoration", reason: error.localizedDescription)
        }
        do {
            parser = DirectiveParser(gazetteer: try Gazetteer.load(lexiconDirectory: lexiconDirectory))
        } catch {
            throw PipelineError.stageUnavailable(stage: "the parser", reason: error.localizedDescription)
        }
        return Stages(
            makeReader: {
                if parallelEngines { OCREngine.prepareWorkerThread() }
                let reader = DocumentReader(mode: ocr, language: language, dataPath: tessdataPath)
                return { files in try reader.read(files) }
            },
            restore: { text, fromOCR in
                // OCR output always goes through: the Vietnamese model's tone slips (`QUYÉT`,
                // `sô`) pass the degradation check, and correct text comes out unchanged.
                if fromOCR {
                    let restored = restorer.restore(text, details: false).text
                    return Restoration(text: restored, restored: restored != text)
                }
                guard restorer.assess(sample(text)).needsRestoration else {
                    return Restoration(text: text, restored: false)
                }
                return Restoration(text: restorer.restore(text, details: false).text, restored: true)
            },
            parse: { text, source in parser.parse(text, source: source) })
    }
}

/// Lines spread evenly over the text, about `limit` scalars in all: enough to judge how degraded
/// a document is (one OCR engine made all of it) at a bounded cost, since judging every line of a
/// long clean letter cost more than parsing it.
func sample(_ text: String, limit: Int = 2_000) -> String {
    // Counted in UTF-8 bytes (about two per Vietnamese letter), which costs nothing to know.
    let bytes = text.utf8.count
    guard bytes > 2 * limit else { return text }
    let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    let stride = max(1, Int((Double(bytes) / Double(2 * limit)).rounded(.up)))
    var out = ""
    for (i, line) in lines.enumerated() where i % stride == 0 {
        if !out.isEmpty { out += "\n" }
        out += Substring(line)
    }
    return out
}
