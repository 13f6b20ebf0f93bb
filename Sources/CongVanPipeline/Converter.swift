import CongVanCore
import CongVanOCR
import CongVanStore
import Foundation

/// A document `convert` could not convert, and why.
public struct ConvertFailure: Sendable, Equatable {
    public var path: String
    /// One sentence naming the file and what went wrong.
    public var message: String
    /// The setting that would get past it, if one would.
    public var remedy: Remedy?

    public init(path: String, message: String, remedy: Remedy? = nil) {
        self.path = path
        self.message = message
        self.remedy = remedy
    }
    init(path: String, reason: any Error) {
        self.path = path
        let text = (reason as? any LocalizedError)?.errorDescription ?? "\(reason)"
        message = text.contains(path) ? text : "\(path): \(text)"
        remedy = (reason as? any RemediableError)?.remedy
    }
}

/// What happened to one input.
public enum DocumentOutcome: Sendable, Equatable {
    /// Converted and stored (new content, or new content for a known path); `pages`: pages
    /// OCR'd, `textLayerPages`: PDF pages read from their text layer.
    case converted(pages: Int, restored: Bool, replaced: Bool, textLayerPages: Int = 0)
    /// Its content was already in the store.
    case unchanged
    case failed(ConvertFailure)
}

/// One finished input, for progress displays.
public struct ConvertEvent: Sendable {
    public var path: String
    public var outcome: DocumentOutcome
    /// Inputs finished so far (this one included) and in all.
    public var done: Int
    public var total: Int
    public var failed: Int
}

/// The end-of-run figures.
public struct ConvertSummary: Sendable, Equatable {
    /// Inputs considered (including those that failed).
    public var documents = 0
    /// Converted and stored in this run.
    public var converted = 0
    /// Already stored and left as they were.
    public var unchanged = 0
    /// Pages OCR'd in this run.
    public var pages = 0
    /// PDF pages read from their text layer in this run.
    public var textLayerPages = 0
    /// Converted documents whose text was restored.
    public var restored = 0
    /// Files in the input folders with other extensions (or OCR ground truth), left alone.
    public var skipped: [String] = []
    public var failures: [ConvertFailure] = []
    public var seconds = 0.0

    public init() {}
}

/// Settings of one `convert` run.
public struct ConvertOptions: Sendable {
    public var inputs: [String]
    public var databasePath: String
    /// Where `<name>.txt` and `<name>.json` go; nil writes none.
    public var outputDirectory: String?
    public var jobs: Int
    /// Convert again even documents whose content is already stored.
    public var force: Bool
    /// Replace invalid UTF-8 in `.txt` inputs with U+FFFD instead of refusing the file.
    public var lossy: Bool
    /// How page images become documents.
    public var grouping: PageGrouping
    /// Also write `<name>.pdf` to the output folder: the pages with an invisible text layer of
    /// the restored words (for image and PDF inputs).
    public var searchablePDF: Bool

    public init(
        inputs: [String], databasePath: String = "congvan.sqlite", outputDirectory: String? = "out",
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, force: Bool = false, lossy: Bool = false,
        grouping: PageGrouping = .auto, searchablePDF: Bool = false
    ) {
        self.inputs = inputs
        self.databasePath = databasePath
        self.outputDirectory = outputDirectory
        self.jobs = jobs
        self.force = force
        self.lossy = lossy
        self.grouping = grouping
        self.searchablePDF = searchablePDF
    }
}

/// `congvan convert`: files in, records in the store and files in `--out`.
///
/// `jobs` worker threads take the next input as they free up, and carry it through every stage
/// (hash, OCR, restoration, parse, output files, one store transaction), so memory holds at most
/// one document per worker whatever the batch size. A document that fails is listed and the
/// batch goes on.
public enum Converter {
    /// The largest `.txt` input, in bytes. A directive is tens of kilobytes; at 10 MiB (about
    /// 4,000 pages) `convert` peaks near 225 MB, at 20 MiB it passed 300 MB (parsing holds the
    /// text several times over). Images have their own budget (`ImageHeader.pixelBudget`).
    public static let textLimit = 10 << 20

    /// Runs the batch. Throws only for what stops every document (no inputs, store or output
    /// folder unusable); `onEvent` is called once per input, from the worker threads, one call at
    /// a time.
    public static func run(
        _ options: ConvertOptions, stages: @autoclosure () throws -> Stages,
        onEvent: @escaping @Sendable (ConvertEvent) -> Void = { _ in }
    ) throws -> ConvertSummary {
        let start = Date()
        guard options.jobs >= 1 else { throw PipelineError.invalidJobs(options.jobs) }
        let excluded = [options.outputDirectory].compactMap { $0 }
        let (files, inputFailures, skipped) = InputFiles.collect(
            options.inputs, excluding: excluded, grouping: options.grouping)
        guard !files.isEmpty || !inputFailures.isEmpty else { throw PipelineError.noInputs }
        let store = try Store.openForWriting(path: options.databasePath)
        if let out = options.outputDirectory { try OutputFiles.prepare(out) }
        let stages = try stages()

        let state = BatchState(total: files.count + inputFailures.count, onEvent: onEvent)
        for failure in inputFailures { state.finish(failure.path, .failed(failure)) }
        let work = Work(files: files, store: store, stages: stages, options: options)
        let workers = min(options.jobs, max(1, files.count))
        WorkerThreads.run(workers, name: "congvan.convert") { _ in
            var reader: Result<PageReader, any Error>?
            while let file = state.next(from: files) {
                let outcome = work.convert(file, reader: &reader)
                state.finish(file.path, outcome)
            }
        }
        store.checkpoint()
        var summary = state.summary
        summary.skipped = skipped
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}

/// One document through every stage.
struct Work: Sendable {
    let files: [InputFile]
    let store: Store
    let stages: Stages
    let options: ConvertOptions

    func convert(_ file: InputFile, reader: inout Result<PageReader, any Error>?) -> DocumentOutcome {
        do {
            return try convertOrThrow(file, reader: &reader)
        } catch {
            return .failed(ConvertFailure(path: file.path, reason: error))
        }
    }

    private func convertOrThrow(
        _ file: InputFile, reader: inout Result<PageReader, any Error>?
    ) throws -> DocumentOutcome {
        let path = file.path
        for page in file.pages {
            let size = (try? FileManager.default.attributesOfItem(atPath: page)[.size] as? Int) ?? nil
            guard let size else {
                throw PipelineError.unreadable(path: page, reason: "it has disappeared or cannot be inspected")
            }
            guard size > 0 else { throw PipelineError.emptyFile(path: page) }
            if file.type == .text, size > Converter.textLimit {
                throw PipelineError.textTooLarge(path: page, bytes: size, limit: Converter.textLimit)
            }
        }
        var bytes: [UInt8] = []
        var hash: String
        do {
            if file.type == .text {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                hash = ContentHash.hex(of: bytes)
            } else {
                hash = try ContentHash.hex(ofFile: file.pages[0])
                if file.pages.count > 1 {
                    // A document of several files: the hash of their hashes, in page order.
                    var hashes = hash + "\n"
                    for page in file.pages.dropFirst() { hashes += try ContentHash.hex(ofFile: page) + "\n" }
                    hash = ContentHash.hex(of: Array(hashes.utf8))
                }
            }
        } catch {
            throw PipelineError.unreadable(path: path, reason: error.localizedDescription)
        }
        let key = store.storedPath(forFile: path)
        if !options.force {
            switch try store.status(path: key, contentHash: hash, inputType: file.type) {
            case .current:
                try repairOutputs(file, key: key, hash: hash)
                // A stored document still gets the searchable PDF asked for, once.
                if try !searchablePDFMissing(file, key: key) { return .unchanged }
            case .storedElsewhere:
                if try store.link(path: key, contentHash: hash, inputType: file.type) {
                    try repairOutputs(file, key: key, hash: hash)
                    if try !searchablePDFMissing(file, key: key) { return .unchanged }
                }
            case .new:
                break
            }
        }

        var text: String
        var document: OCRDocument?
        var paged: PagedText?
        if file.type == .text {
            text = try TextInput.decode(bytes, source: path, lossy: options.lossy)
            bytes = []
            guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else {
                throw PipelineError.noText(path: path, pages: 1)
            }
        } else {
            if reader == nil { reader = Result { try stages.makeReader() } }
            let read = try reader!.get()(file.pages)
            paged = PagedText(read)
            text = paged!.text
            document = read
            guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else {
                throw PipelineError.noText(path: path, pages: read.pages.count)
            }
        }
        let ocrPages = document?.pages.filter { $0.reading == .ocr }.count ?? 0
        let restoration = stages.restore(text, ocrPages > 0)
        text = restoration.text
        var record = stages.parse(text, URL(fileURLWithPath: path).lastPathComponent)
        if let first = document?.pages.first { HeaderFieldRecord.apply(first.fields, to: &record) }
        record.provenance = provenance(file, hash: hash, document: document, paged: paged, restoration: restoration)
        let json = try Store.recordJSON(record)
        let saved = try store.save(
            StoredDocument(
                path: key, contentHash: hash, inputType: file.type, pages: document?.pages.count ?? 0,
                restored: restoration.restored, record: record, text: text, recordJSON: json),
            replacing: options.force)
        // The output files only once the store holds the document: a failed commit leaves none
        // behind, and files that could not be written are made again by the next run.
        if let out = options.outputDirectory {
            let name = try store.outputName(forPath: key, preferring: [file.outputName])
            if saved == .unchanged {
                // A concurrent run stored it first (or it was read again for its searchable
                // PDF): the stored rows are the ones to match.
                try repairOutputs(file, key: key, hash: hash)
            } else {
                try OutputFiles.write(text: text, json: json, name: name, in: out)
            }
            if options.searchablePDF, let document, let paged {
                let (restored, changed) = paged.restoredDocument(document, restored: restoration.text)
                // A PDF page whose own text layer was read and kept needs no other.
                let overlay = restored.pages.indices.map { restored.pages[$0].reading == .ocr || changed[$0] }
                let pdf = out + "/" + name + ".pdf"
                do { try SearchablePDF.write(restored, overlay: overlay, to: pdf) } catch {
                    throw PipelineError.outputNotWritten(path: pdf, reason: error.localizedDescription)
                }
            }
        }
        if saved == .unchanged { return .unchanged }
        return .converted(
            pages: ocrPages, restored: restoration.restored, replaced: saved == .replaced,
            textLayerPages: (document?.pages.count ?? 0) - ocrPages)
    }

    /// Whether `convert --pdf` should write a searchable PDF for this stored document that its
    /// `--out` folder lacks (the document is then read again).
    private func searchablePDFMissing(_ file: InputFile, key: String) throws -> Bool {
        guard options.searchablePDF, file.type != .text, let out = options.outputDirectory else { return false }
        let name = try store.outputName(forPath: key, preferring: [file.outputName])
        return !FileManager.default.fileExists(atPath: out + "/" + name + ".pdf")
    }

    /// The record's provenance: the content hash, and each page's file and how it was read.
    private func provenance(
        _ file: InputFile, hash: String, document: OCRDocument?, paged: PagedText?, restoration: Restoration
    ) -> Provenance {
        func name(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
        guard let document, let paged else {
            return Provenance(
                contentHash: hash, restored: restoration.restored,
                pages: [PageProvenance(file: name(file.path), page: 1, read: .text, restored: restoration.restored)])
        }
        let changed = paged.restoredDocument(document, restored: restoration.text).changed
        let pages = document.pages.enumerated().map { i, page in
            PageProvenance(
                file: name(page.file ?? file.pages[0]), page: page.index + 1,
                read: page.reading == .textLayer ? .textLayer : .ocr, restored: changed[i])
        }
        return Provenance(contentHash: hash, restored: restoration.restored, pages: pages)
    }

    /// A document left as it is still gets its `--out` files if they are missing or not what the
    /// store holds (a new `--out` folder, files deleted or overwritten by hand or by an older
    /// CongVan), from what the store holds.
    private func repairOutputs(_ file: InputFile, key: String, hash: String) throws {
        guard let out = options.outputDirectory else { return }
        let name = try store.outputName(forPath: key, preferring: [file.outputName])
        guard let stored = try store.storedOutput(contentHash: hash) else { return }
        var record = stored.record
        record.source = URL(fileURLWithPath: file.path).lastPathComponent
        let json = try Store.recordJSON(record)
        guard !OutputFiles.current(text: stored.text, json: json, name: name, in: out) else { return }
        try OutputFiles.write(text: stored.text, json: json, name: name, in: out)
    }
}

/// The batch's shared bookkeeping under one lock: which input is next and the running totals.
final class BatchState: Sendable {
    private struct Counts {
        var nextIndex = 0
        var done = 0
        var summary = ConvertSummary()
    }
    private let counts: LockedValue<Counts>
    private let total: Int
    private let onEvent: @Sendable (ConvertEvent) -> Void

    init(total: Int, onEvent: @escaping @Sendable (ConvertEvent) -> Void) {
        self.total = total
        self.onEvent = onEvent
        var start = Counts()
        start.summary.documents = total
        counts = LockedValue(start)
    }

    var summary: ConvertSummary { counts.withLock { $0.summary } }

    func next(from files: [InputFile]) -> InputFile? {
        counts.withLock { c in
            guard c.nextIndex < files.count else { return nil }
            defer { c.nextIndex += 1 }
            return files[c.nextIndex]
        }
    }

    /// Counts the outcome and reports it; events are delivered one at a time, in the order counted.
    func finish(_ path: String, _ outcome: DocumentOutcome) {
        counts.withLock { c in
            c.done += 1
            switch outcome {
            case .converted(let pages, let restored, _, let textLayerPages):
                c.summary.converted += 1
                c.summary.pages += pages
                c.summary.textLayerPages += textLayerPages
                if restored { c.summary.restored += 1 }
            case .unchanged:
                c.summary.unchanged += 1
            case .failed(let failure):
                c.summary.failures.append(failure)
            }
            onEvent(
                ConvertEvent(path: path, outcome: outcome, done: c.done, total: total, failed: c.summary.failures.count)
            )
        }
    }
}
