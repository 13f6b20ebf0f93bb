import Foundation

/// Bigram scores between two candidate lists, shared by every document a `Restorer` restores:
/// directives repeat their phrases within a document and across a batch (a third to a half of
/// adjacent token pairs recur), and one pair of garbled tokens costs up to a thousand model
/// probes. Bounded in size and safe to use from several threads.
final class TransitionCache: @unchecked Sendable {
    struct Key: Hashable {
        var from: [UInt16]
        var to: [UInt16]
    }

    private let lock = NSLock()
    private var table: [Key: [Float]] = [:]
    private var stored = 0
    /// Scores kept at most (4 bytes each); the cache starts afresh when it is full.
    let capacity: Int

    init(capacity: Int = 4_000_000) { self.capacity = capacity }

    /// Pairs smaller than this are cheaper to probe than to look up.
    static let minimumPairs = 24

    /// The cached scores of `from` × `to`, computing them outside the lock on a miss.
    func scores(from: [UInt16], to: [UInt16], compute: () -> [Float]) -> [Float] {
        let key = Key(from: from, to: to)
        lock.lock()
        let hit = table[key]
        lock.unlock()
        if let hit { return hit }
        let value = compute()
        lock.lock()
        if stored + value.count > capacity {
            table.removeAll(keepingCapacity: true)
            stored = 0
        }
        table[key] = value
        stored += value.count
        lock.unlock()
        return value
    }
}
