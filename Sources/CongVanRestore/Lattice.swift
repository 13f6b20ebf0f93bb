/// A stretch of candidate readings in flat buffers: slot i's candidates are
/// `ids[at[i] ..< at[i + 1]]` with their channel scores in `scores`. One buffer per field (not an
/// array per slot) so building, pruning and decoding a chunk cost no allocation per token.
struct Lattice {
    /// Offsets of each slot's candidates; `at.count == count + 1`.
    var at: [Int] = [0]
    /// LM token id per candidate.
    var ids: [UInt16] = []
    /// Channel log-score per candidate (already weighted).
    var scores: [Float] = []
    /// Per slot: skip its LM probability (a sentence-start marker).
    var unscored: [Bool] = []
    /// Per slot: its token is written in lower case (names' n-grams do not count for it).
    var lower: [Bool] = []

    init() {}

    /// A lattice of the given slots, in order.
    init(_ slots: [Decoder.Slot]) {
        for s in slots { append(ids: s.ids, scores: s.scores, unscored: s.unscored, lower: s.lower) }
    }

    var count: Int { unscored.count }

    /// Number of candidates of slot i.
    @inline(__always) func width(_ i: Int) -> Int { at[i + 1] - at[i] }

    /// Slot i's candidate range in the flat buffers.
    @inline(__always) func range(_ i: Int) -> Range<Int> { at[i]..<at[i + 1] }

    mutating func append<I: Collection<UInt16>, S: Collection<Float>>(
        ids: I, scores: S, unscored: Bool = false, lower: Bool = false
    ) {
        self.ids.append(contentsOf: ids)
        self.scores.append(contentsOf: scores)
        self.unscored.append(unscored)
        self.lower.append(lower)
        at.append(self.ids.count)
    }

    /// Room for `slots` slots of `candidates` candidates in all, so a chunk's buffers are not
    /// copied (and their pages touched afresh) each time they double.
    mutating func reserve(slots: Int, candidates: Int) {
        at.reserveCapacity(slots + 1)
        unscored.reserveCapacity(slots)
        lower.reserveCapacity(slots)
        ids.reserveCapacity(candidates)
        scores.reserveCapacity(candidates)
    }

    /// A slot with one fixed token (punctuation, a sentence mark, a number, an acronym).
    mutating func append(fixed id: UInt16, unscored: Bool = false) {
        ids.append(id)
        scores.append(0)
        self.unscored.append(unscored)
        lower.append(false)
        at.append(ids.count)
    }

    /// The lattice cut to the candidates at the given flat indices (ascending, at least one
    /// per slot).
    func keeping(_ kept: [Int]) -> Lattice {
        var out = Lattice()
        out.at.reserveCapacity(at.count)
        out.ids.reserveCapacity(kept.count)
        out.scores.reserveCapacity(kept.count)
        out.unscored = unscored
        out.lower = lower
        var slot = 0
        for k in kept {
            while k >= at[slot + 1] {
                slot += 1
                out.at.append(out.ids.count)
            }
            out.ids.append(ids[k])
            out.scores.append(scores[k])
        }
        while out.at.count < at.count { out.at.append(out.ids.count) }
        return out
    }
}

/// Bigram scores between candidate lists already met in one document, keyed by the two lists'
/// names, in one flat buffer: a directive repeats its word pairs, so the pruning pass finds a
/// third to a half of its rows here instead of probing the model.
struct TransitionRows {
    /// A list without a name (made for one token only): never cached.
    static let unnamed = Int32.min
    /// The name of a one-token list (punctuation, sentence marks, numbers, acronyms).
    static func fixedName(_ id: UInt16) -> Int32 { -2 - Int32(id) }
    /// The virtual `<s>` before a chunk's first slot.
    static let sentenceStart = fixedName(LMToken.sentenceStart)
    /// Rows with fewer pairs are probed: a lookup would cost as much.
    static let minimumPairs = 4
    /// Floats kept before the rows are forgotten.
    static let budget = 2_000_000

    var offsets = OpenTable<Int>(filler: 0)
    var store: [Float] = []

    static func key(_ from: Int32, _ to: Int32) -> UInt64? {
        guard from != unnamed, to != unnamed else { return nil }
        return UInt64(UInt32(bitPattern: from)) << 32 | UInt64(UInt32(bitPattern: to))
    }

    /// Forgets every row once the budget is spent (between chunks, so no row in use moves).
    /// The store is reserved whole at first use: growing it by doubling would copy it each time.
    mutating func makeRoom() {
        if store.capacity == 0 { store.reserveCapacity(Self.budget) }
        guard store.count > Self.budget else { return }
        store.removeAll(keepingCapacity: true)
        offsets.removeAll()
    }
}
