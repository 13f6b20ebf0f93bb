/// Bigram scores between two candidate lists, kept for the rest of a document: directives
/// repeat their phrases (a third to a half of adjacent token pairs recur), and one pair of
/// garbled tokens costs up to a thousand model probes.
final class TransitionCache {
    struct Key: Hashable {
        var from: [UInt16]
        var to: [UInt16]
    }

    private var table: [Key: [Float]] = [:]
    private var stored = 0
    /// Scores kept at most (4 bytes each), so a long input does not grow the cache without bound.
    let capacity: Int

    init(capacity: Int = 2_000_000) { self.capacity = capacity }

    /// Pairs smaller than this are cheaper to probe than to look up.
    static let minimumPairs = 24

    func scores(from: [UInt16], to: [UInt16], compute: () -> [Float]) -> [Float] {
        let key = Key(from: from, to: to)
        if let hit = table[key] { return hit }
        let value = compute()
        if stored + value.count <= capacity {
            table[key] = value
            stored += value.count
        }
        return value
    }
}
