import CongVanCore

/// Lookups in batches. A probe that branches on its first read before issuing the next waits
/// out a whole cache miss each time; these issue every read of a batch before looking at any,
/// so the misses overlap, and walk the rare collision chains afterwards.
extension LanguageModel {
    /// The home slots of `keys` in `table` (an empty slot where `filter` rules a key out), in
    /// two sweeps with no branch on a value still loading: every filter word, then the table
    /// reads (a ruled-out key reads slot 0 instead, which stays cached), so the misses overlap.
    @inline(__always)
    static func homes(
        of keys: UnsafeBufferPointer<UInt64>, in table: UnsafeBufferPointer<UInt64>,
        filter: NGramFilter, into homes: UnsafeMutableBufferPointer<UInt64>
    ) {
        for j in 0..<keys.count { homes[j] = filter.mayContain(keys[j], block: filterBlock(keys[j])) ? UInt64.max : 0 }
        for j in 0..<keys.count {
            let keep = homes[j]
            let e = table[Int(truncatingIfNeeded: UInt64(slot(keys[j], table.count)) & keep)]
            homes[j] = e | ~keep  // ~keep: all ones, the empty slot
        }
    }

    /// ln P(w | v) for every v in `from` and w in `to`, row by row, into `out`; `lower`: which
    /// of the tokens behind `from` (`v`) and `to` (`w`) are written in lower case.
    func bigramLogProbs(
        from: UnsafeBufferPointer<UInt16>, to: UnsafeBufferPointer<UInt16>, lower: LowerCase = .none,
        into out: UnsafeMutableBufferPointer<Float>
    ) {
        let count = from.count * to.count
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * count) { buffer in
            let keys = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            let homes = UnsafeMutableBufferPointer(rebasing: buffer[count...])
            var j = 0
            for v in from {
                for w in to {
                    keys[j] = Self.bigramKey(v, w)
                    j += 1
                }
            }
            Self.homes(of: UnsafeBufferPointer(keys), in: bigrams, filter: bigramFilter, into: homes)
            j = 0
            for v in from {
                for w in to {
                    out[j] = logProb(w, after: v, entry: bigram(keys[j], home: homes[j]), lower: lower)
                    j += 1
                }
            }
        }
    }

    /// ln P(w | u v), as `logProb(_:after:_:)` gives it, for every triple of consecutive lists
    /// of a chain: list j is `ids[at[j] ..< at[j + 1]]`, and the triples of lists j - 2, j - 1
    /// and j (u-major, then v, then w) follow those of list j - 1 in `out`, from j = 2.
    /// `lower[j]`: the token behind list j is written in lower case, so names' n-grams do not
    /// count for it (nor a context that is a name's, as in `logProb(_:after:_:lower:)`).
    ///
    /// A trigram's context (u v) is always a stored bigram (the builder keeps every bigram it
    /// saw), so the bigrams between neighbouring lists are looked up once, trigrams only behind
    /// a stored context, and every backoff uses a bigram already in hand.
    func logProbs(
        chain ids: UnsafeBufferPointer<UInt16>, at: UnsafeBufferPointer<Int>, lower: UnsafeBufferPointer<Bool>,
        into out: UnsafeMutableBufferPointer<Float>
    ) {
        let lists = at.count - 1
        guard lists >= 3 else { return }
        @inline(__always) func width(_ j: Int) -> Int { at[j + 1] - at[j] }
        // Bigram entries between lists j - 1 and j (an empty slot: not stored) at pairAt[j].
        var pairAt = [Int](repeating: 0, count: lists + 1)
        for j in 1..<lists { pairAt[j + 1] = pairAt[j] + width(j - 1) * width(j) }
        let pairCount = pairAt[lists]
        // Keys and home slots, of the pairs first, then of the trigrams behind usable contexts.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * max(pairCount, out.count)) { buffer in
            let half = buffer.count / 2
            let keys = UnsafeMutableBufferPointer(rebasing: buffer[0..<half])
            let homes = UnsafeMutableBufferPointer(rebasing: buffer[half...])
            var pairs = [UInt64](repeating: Self.emptySlot, count: pairCount)
            var p = 0
            for j in 1..<lists {
                for v in at[j - 1]..<at[j] {
                    for w in at[j]..<at[j + 1] {
                        keys[p] = Self.bigramKey(ids[v], ids[w])
                        p += 1
                    }
                }
            }
            Self.homes(
                of: UnsafeBufferPointer(rebasing: keys[0..<pairCount]), in: bigrams, filter: bigramFilter, into: homes)
            for p in 0..<pairCount { pairs[p] = bigram(keys[p], home: homes[p]) ?? Self.emptySlot }
            // The context of lists j - 2 and j - 1 (readings u, v), or an empty slot where it is
            // not stored or is a name's for how the tokens are written: no trigram behind it.
            func usableContext(_ j: Int, _ u: Int, _ v: Int, _ written: LowerCase) -> UInt64 {
                let e = pairs[pairAt[j - 1] + u * width(j - 1) + v]
                return e == Self.emptySlot || Self.isNameContext(e, written) ? Self.emptySlot : e
            }
            @inline(__always) func writtenAt(_ j: Int) -> LowerCase {
                LowerCase(u: lower[j - 2], v: lower[j - 1], w: lower[j])
            }
            var t = 0
            for j in 2..<lists {
                let ku = width(j - 2)
                let kv = width(j - 1)
                let kw = width(j)
                let written = writtenAt(j)
                for u in 0..<ku {
                    for v in 0..<kv where usableContext(j, u, v, written) != Self.emptySlot {
                        for w in 0..<kw {
                            keys[t] = Self.trigramKey(ids[at[j - 2] + u], ids[at[j - 1] + v], ids[at[j] + w])
                            t += 1
                        }
                    }
                }
            }
            Self.homes(of: UnsafeBufferPointer(rebasing: keys[0..<t]), in: trigrams, filter: trigramFilter, into: homes)
            var o = 0
            t = 0
            for j in 2..<lists {
                let ku = width(j - 2)
                let kv = width(j - 1)
                let kw = width(j)
                let written = writtenAt(j)
                for u in 0..<ku {
                    for v in 0..<kv {
                        let context = usableContext(j, u, v, written)
                        let vid = ids[at[j - 1] + v]
                        let bow = context == Self.emptySlot ? 0 : Self.backoff(bigram: context)
                        for w in 0..<kw {
                            if context != Self.emptySlot {
                                defer { t += 1 }
                                if let e = trigram(keys[t], home: homes[t]), !(written.w && Self.isName(trigram: e)) {
                                    out[o] = Self.probability(trigram: e)
                                    o += 1
                                    continue
                                }
                            }
                            let pair = pairs[pairAt[j] + v * kw + w]
                            out[o] =
                                bow
                                + logProb(
                                    ids[at[j] + w], after: vid, entry: pair == Self.emptySlot ? nil : pair,
                                    lower: written)
                            o += 1
                        }
                    }
                }
            }
        }
    }

    @inline(__always) static func bigramKey(_ v: UInt16, _ w: UInt16) -> UInt64 { UInt64(v) << 16 | UInt64(w) }
    @inline(__always) static func trigramKey(_ u: UInt16, _ v: UInt16, _ w: UInt16) -> UInt64 {
        UInt64(u) << 32 | UInt64(v) << 16 | UInt64(w)
    }
}
