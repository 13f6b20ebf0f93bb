import Foundation

/// The worker threads of a batch (`convert`'s documents, `ocr`'s pages): `count` threads with a
/// stack large enough for Tesseract and the restorer's decoder, which recurse deeply, each
/// running `body` with its number until `body` returns. One pool for every stage, so each
/// batch sizes and names its threads the same way.
public struct WorkerThreads: Sendable {
    /// Stack of each worker thread (the default 512 KiB of a secondary thread is too small).
    public static let stackSize = 16 << 20

    private let finished: DispatchGroup

    /// Starts the threads and returns at once; `wait()` blocks until every one has returned.
    public static func start(
        _ count: Int, name: String = "congvan.worker", _ body: @escaping @Sendable (_ worker: Int) -> Void
    ) -> WorkerThreads {
        let finished = DispatchGroup()
        for worker in 0..<max(1, count) {
            finished.enter()
            let thread = Thread {
                body(worker)
                finished.leave()
            }
            thread.name = "\(name).\(worker)"
            thread.stackSize = stackSize
            thread.start()
        }
        return WorkerThreads(finished: finished)
    }

    /// Runs `count` workers and returns when all have finished.
    public static func run(
        _ count: Int, name: String = "congvan.worker", _ body: @escaping @Sendable (_ worker: Int) -> Void
    ) {
        start(count, name: name, body).wait()
    }

    public func wait() { finished.wait() }
}
