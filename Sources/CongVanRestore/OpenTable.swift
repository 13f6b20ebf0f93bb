/// A map from 64-bit integer keys to values in one open-addressing table (linear probing, at
/// most half full): the decoder's per-document tables are probed for every candidate pair,
/// where a `Dictionary` would hash each key with SipHash.
struct OpenTable<Value>: Sendable where Value: Sendable {
    /// Never a key.
    static var empty: UInt64 { .max }
    private var keys: [UInt64]
    private var values: [Value]
    private let filler: Value
    private(set) var count = 0
    var isEmpty: Bool { count == 0 }

    /// An empty table; `filler` fills the unused value slots.
    init(filler: Value, capacity: Int = 64) {
        var size = 64
        while size < 2 * capacity { size *= 2 }
        self.filler = filler
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [Value](repeating: filler, count: size)
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & (keys.count - 1)
    }

    @inline(__always)
    private func slot(of key: UInt64) -> (index: Int, found: Bool) {
        var i = home(key)
        while true {
            let k = keys[i]
            if k == key { return (i, true) }
            if k == Self.empty { return (i, false) }
            i = (i + 1) & (keys.count - 1)
        }
    }

    /// The value of `key`, or nil if it was never set.
    @inline(__always)
    subscript(key: UInt64) -> Value? {
        let (i, found) = slot(of: key)
        return found ? values[i] : nil
    }

    /// Sets `key`'s value to `initial` if it has none, then applies `change` to it.
    @inline(__always)
    mutating func update(_ key: UInt64, initial: Value, _ change: (inout Value) -> Void) {
        let (i, found) = slot(of: key)
        if found {
            change(&values[i])
            return
        }
        keys[i] = key
        values[i] = initial
        change(&values[i])
        count += 1
        if count * 2 > keys.count { grow() }
    }

    mutating func set(_ value: Value, for key: UInt64) { update(key, initial: value) { _ in } }

    mutating func removeAll() {
        for i in keys.indices { keys[i] = Self.empty }
        for i in values.indices { values[i] = filler }
        count = 0
    }

    private mutating func grow() {
        let old = (keys, values)
        keys = [UInt64](repeating: Self.empty, count: old.0.count * 2)
        values = [Value](repeating: filler, count: old.0.count * 2)
        count = 0
        for (k, v) in zip(old.0, old.1) where k != Self.empty { set(v, for: k) }
    }
}
