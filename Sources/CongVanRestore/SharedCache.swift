import CongVanCore
import Foundation

/// A cache shared by every document and thread a `Restorer` serves: batches repeat their
/// vocabulary, their OCR's confusions and their phrases. Bounded by a budget of `cost` units and
/// emptied when full; values are computed outside the lock.
final class SharedCache<Key: Hashable, Value>: @unchecked Sendable {
    private struct Entries {
        var table: [Key: Value] = [:]
        var spent = 0
    }
    private let entries = LockedValue(Entries())
    let budget: Int
    let cost: (Value) -> Int

    init(budget: Int, cost: @escaping (Value) -> Int = { _ in 1 }) {
        self.budget = budget
        self.cost = cost
    }

    func value(for key: Key, compute: () -> Value) -> Value {
        if let hit = entries.withLock({ $0.table[key] }) { return hit }
        let value = compute()
        let c = cost(value)
        entries.withLock { e in
            if e.spent + c > budget {
                e.table.removeAll(keepingCapacity: true)
                e.spent = 0
            }
            e.table[key] = value
            e.spent += c
        }
        return value
    }
}

/// A value made on first use, once, whichever thread asks first: parts of the restorer that only
/// some inputs need (the garble search) are not built for the others.
final class LazyValue<Value>: @unchecked Sendable {
    private let made = LockedValue<Value?>(nil)
    private let make: () -> Value

    init(_ make: @escaping () -> Value) { self.make = make }

    var value: Value {
        made.withLock { made in
            if let made { return made }
            let v = make()
            made = v
            return v
        }
    }
}

/// A token's document-independent readings (the search and the channel scores under the trained
/// channels), per token and search mode.
struct CandidateKey: Hashable {
    var token: String
    var garbled: Bool
}

/// The bigram scores between two candidate lists: one pair of garbled tokens costs up to a
/// thousand model probes, and a third to a half of adjacent token pairs recur in a directive.
struct TransitionKey: Hashable {
    var from: [UInt16]
    var to: [UInt16]
    /// Which of the tokens behind `from` and `to` are written in lower case.
    var lower: LowerCase

    /// Pairs smaller than this are cheaper to probe than to look up.
    static let minimumPairs = 24
}

typealias CandidateCache = SharedCache<CandidateKey, [ScoredCandidate]>
typealias TransitionCache = SharedCache<TransitionKey, [Float]>
