import CongVanCore
import Foundation

/// Runs several engines over many files at once: N threads, one `OCREngine` each, sharing out
/// pages (not files), so one long PDF keeps every engine busy too. A file that fails does not stop
/// the batch.
public enum OCRBatch {
    /// Recognises `files` with `jobs` engines and calls `deliver` on the calling thread once per
    /// file, in input order, as soon as that file and all before it are done; a file's failure is
    /// delivered as `.failure` (naming the file and the reason) and the batch goes on.
    /// Throws only when the engines cannot be created (e.g. missing language data), before any
    /// file is read.
    /// `mode`: PDF pages with a usable text layer are read from it (`.auto`, `.never`) instead of
    /// being OCR'd; with `.never` no engine is made and images fail.
    public static func run(
        files: [String], jobs: Int, language: String = "vie", dataPath: String? = nil,
        options: OCROptions = .standard, mode: OCRMode = .auto,
        deliver: (_ index: Int, _ result: Result<OCRDocument, OCRError>) -> Void
    ) throws(OCRError) {
        guard jobs >= 1 else { throw .invalidArgument("the number of engines must be at least 1, not \(jobs)") }
        guard !files.isEmpty else { return }
        var engines: [OCREngine?] = []
        for _ in 0..<jobs {
            engines.append(
                mode == .never ? nil : try OCREngine(language: language, dataPath: dataPath, options: options))
        }
        let state = BatchState(files: files, mode: mode)
        let handoffs = engines.map(Handoff.init)  // each engine is used by one thread only from here on
        let workers = WorkerThreads.start(jobs, name: "congvan.ocr") { worker in
            // OpenMP settings belong to the thread that makes them.
            if jobs > 1 { TesseractAPI.limitOpenMPToOneThread() }
            let engine = handoffs[worker].take()
            while let unit = state.nextUnit() {
                let result: Result<OCRPage, OCRError>
                do throws(OCRError) {
                    guard let engine else { throw .ocrDisabled(path: unit.source.path) }
                    result = .success(try engine.recognize(unit.source, page: unit.page))
                } catch {
                    result = .failure(error)
                }
                state.complete(file: unit.file, page: unit.page, result)
            }
        }
        engines.removeAll()
        for index in files.indices {
            deliver(index, state.waitForFile(index, language: language))
        }
        workers.wait()
    }
}

/// Moves a non-Sendable value to the one thread that will use it.
private final class Handoff<Value>: @unchecked Sendable {
    private var value: Value?
    init(_ value: Value) { self.value = value }
    func take() -> Value {
        defer { value = nil }
        return value!
    }
}

/// The batch's shared bookkeeping, guarded by one condition lock: which page to hand out next and
/// what each file has produced so far.
private final class BatchState: @unchecked Sendable {
    struct Unit {
        var file: Int
        var source: PageSource
        var page: Int
    }

    struct Progress {
        var pages: [OCRPage?] = []
        var outstanding = 0
        var allHandedOut = false
        var error: OCRError?
        var done: Bool { allHandedOut && outstanding == 0 }
    }

    private let condition = NSCondition()
    private let files: [String]
    private let mode: OCRMode
    private var progress: [Progress]
    private var nextFile = 0
    /// The file being handed out and its pages still to OCR, in order.
    private var open: (file: Int, source: PageSource, pending: ArraySlice<Int>)?

    init(files: [String], mode: OCRMode) {
        self.files = files
        self.mode = mode
        progress = Array(repeating: Progress(), count: files.count)
    }

    /// The next page to recognise, opening files in order as needed; nil when all are handed out.
    func nextUnit() -> Unit? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let current = open {
                if progress[current.file].error == nil, let page = current.pending.first {
                    progress[current.file].outstanding += 1
                    if current.pending.count == 1 {
                        progress[current.file].allHandedOut = true
                        open = nil
                    } else {
                        open!.pending = current.pending.dropFirst()
                    }
                    return Unit(file: current.file, source: current.source, page: page)
                }
                progress[current.file].allHandedOut = true
                open = nil
                condition.broadcast()
                continue
            }
            guard nextFile < files.count else { return nil }
            let file = nextFile
            nextFile += 1
            do throws(OCRError) {
                let path = files[file]
                if mode != .always, try PageSource.sniff(path) == .pdf {
                    // Pages with a usable text layer are done at once; the others are OCR'd.
                    let layer = try PDFTextLayer.read(path)
                    progress[file].pages = layer.enumerated().map { index, page in
                        PDFTextLayer.isUsable(page) || mode == .never ? PDFTextLayer.ocrPage(page, index: index) : nil
                    }
                    let pending = layer.indices.filter { progress[file].pages[$0] == nil }
                    open = (file, PageSource(path: path, format: .pdf, pageCount: layer.count), pending[...])
                } else {
                    if mode == .never { throw .ocrDisabled(path: path) }
                    let source = try PageSource.open(path)
                    progress[file].pages = Array(repeating: nil, count: source.pageCount)
                    open = (file, source, Array(0..<source.pageCount)[...])
                }
            } catch {
                progress[file].error = error
                progress[file].allHandedOut = true
                condition.broadcast()
            }
        }
    }

    func complete(file: Int, page: Int, _ result: Result<OCRPage, OCRError>) {
        condition.lock()
        defer { condition.unlock() }
        progress[file].outstanding -= 1
        switch result {
        case .success(let p): progress[file].pages[page] = p
        case .failure(let e): if progress[file].error == nil { progress[file].error = e }
        }
        condition.broadcast()
    }

    /// Blocks until file `index` is finished, then hands over (and forgets) its result.
    func waitForFile(_ index: Int, language: String) -> Result<OCRDocument, OCRError> {
        condition.lock()
        defer { condition.unlock() }
        while !progress[index].done { condition.wait() }
        let record = progress[index]
        progress[index].pages = []
        if let error = record.error { return .failure(error) }
        return .success(OCRDocument(source: files[index], language: language, pages: record.pages.compactMap { $0 }))
    }
}
