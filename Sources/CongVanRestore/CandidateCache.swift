import Foundation

/// Each observed token's document-independent readings, shared by every document a `Restorer`
/// restores (batches repeat their vocabulary and their OCR's confusions), bounded in size and
/// safe to use from several threads.
final class CandidateCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: [ScoredCandidate]] = [:]
    let capacity: Int

    init(capacity: Int = 50_000) { self.capacity = capacity }

    /// The cached readings of `key` (searched for garble or looked up by skeleton), computing
    /// them outside the lock on a miss.
    func value(for key: String, garbled: Bool, compute: () -> [ScoredCandidate]) -> [ScoredCandidate] {
        let k = garbled ? "g\u{1}" + key : "s\u{1}" + key
        lock.lock()
        let hit = entries[k]
        lock.unlock()
        if let hit { return hit }
        let value = compute()
        lock.lock()
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[k] = value
        lock.unlock()
        return value
    }
}
