import CongVanCore

/// A Bloom filter over the keys of an n-gram table, in blocks: each key belongs to the block
/// of one of its words (a bigram's first word, a trigram's middle one) and sets four bits of
/// one 64-bit word of that block, a block having about `bitsPerKey` bits per key.
///
/// Most probes of a lattice ask for n-grams the model does not have (nine in ten bigrams of the
/// pruning pass), and this answers "absent" from a table a tenth the size of the model's. A
/// lattice probes one word against a whole candidate list, so those probes share one block,
/// usually one cache line. It never answers "absent" for a stored key.
struct NGramFilter: Equatable {
    /// Block b is `words[blockStart[b] ..< blockStart[b + 1]]`.
    let blockStart: UnsafeBufferPointer<UInt32>
    let words: UnsafeBufferPointer<UInt64>
    /// Owns the arrays when the filter was built in memory, not read from a file.
    private let storage: Storage?

    private final class Storage {
        let blockStart: UnsafeMutableBufferPointer<UInt32>
        let words: UnsafeMutableBufferPointer<UInt64>
        init(blockStart: [UInt32]) {
            self.blockStart = .allocate(capacity: blockStart.count)
            _ = self.blockStart.initialize(from: blockStart)
            words = .allocate(capacity: Int(blockStart.last ?? 0))
            words.initialize(repeating: 0)
        }
        deinit {
            blockStart.deallocate()
            words.deallocate()
        }
    }

    /// A filter over the keys of a packed table's occupied slots: entry `e` (any but `empty`)
    /// has key `key(e)` and goes to block `block(e)` (below `blocks`).
    init(
        table: UnsafeBufferPointer<UInt64>, empty: UInt64, blocks: Int, bitsPerKey: Int,
        key: (UInt64) -> UInt64, block: (UInt64) -> Int
    ) {
        var counts = [Int](repeating: 0, count: blocks)
        for e in table where e != empty { counts[block(e)] += 1 }
        var start = [UInt32](repeating: 0, count: blocks + 1)
        for b in 0..<blocks { start[b + 1] = start[b] + UInt32((counts[b] * bitsPerKey + 63) / 64) }
        let storage = Storage(blockStart: start)
        self.storage = storage
        blockStart = UnsafeBufferPointer(storage.blockStart)
        words = UnsafeBufferPointer(storage.words)
        for e in table where e != empty {
            let h = Self.mix(key(e))
            storage.words[word(h, block: block(e))!] |= Self.bits(h)  // a counted block: not empty
        }
    }

    /// A filter stored in lexicon sections (read in place); nil if the two do not fit together.
    init?(blockStart: UnsafeBufferPointer<UInt32>, words: UnsafeBufferPointer<UInt64>) {
        guard let last = blockStart.last, Int(last) == words.count,
            zip(blockStart, blockStart.dropFirst()).allSatisfy({ $0 <= $1 })
        else { return nil }
        self.blockStart = blockStart
        self.words = words
        storage = nil
    }

    var blocks: Int { blockStart.count - 1 }

    /// False only if `key` (of block `block`) was not among the keys the filter was built from.
    @inline(__always)
    func mayContain(_ key: UInt64, block: Int) -> Bool {
        let h = Self.mix(key)
        let b = Self.bits(h)
        guard let w = word(h, block: block) else { return false }
        return words[w] & b == b
    }

    /// The word of block `block` that hash `h` picks; nil for an empty block (no key has it).
    @inline(__always)
    private func word(_ h: UInt64, block: Int) -> Int? {
        let start = Int(blockStart[block])
        let size = Int(blockStart[block + 1]) - start
        guard size > 0 else { return nil }
        return start + Int(truncatingIfNeeded: h.multipliedFullWidth(by: UInt64(size)).high)
    }

    /// splitmix64's finaliser: every output bit depends on every key bit, so the word (high
    /// bits) and the four bit positions (low bits) are independent.
    @inline(__always)
    static func mix(_ key: UInt64) -> UInt64 {
        var z = key &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    static func bits(_ h: UInt64) -> UInt64 {
        1 << (h & 63) | 1 << ((h >> 6) & 63) | 1 << ((h >> 12) & 63) | 1 << ((h >> 18) & 63)
    }

    static func == (a: NGramFilter, b: NGramFilter) -> Bool {
        a.blockStart.elementsEqual(b.blockStart) && a.words.elementsEqual(b.words)
    }
}
