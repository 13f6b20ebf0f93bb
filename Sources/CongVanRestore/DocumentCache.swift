import Foundation

/// A cache language model of the document itself (Kuhn & De Mori 1990): words and word pairs
/// the first pass read with confidence are interpolated into the trigram model for the second
/// pass, so a document's own vocabulary (its place names, its phrasing) informs the rest of it
/// where the legal-domain statistics mislead.
struct DocumentCache: Sendable {
    /// Counts per vocabulary id (dense: looked up in the decoder's inner loop).
    private(set) var unigrams: [Float]
    private(set) var bigrams = PairCounts()
    private(set) var total: Float = 0
    let weight: Float
    private let keepLog: Float

    init(vocabularySize: Int, weight: Float) {
        unigrams = [Float](repeating: 0, count: vocabularySize)
        self.weight = weight
        keepLog = log1p(-weight)
    }

    var isEmpty: Bool { total == 0 }

    /// The same counts under another interpolation weight.
    func weighted(_ w: Float) -> DocumentCache {
        var c = DocumentCache(vocabularySize: unigrams.count, weight: w)
        c.unigrams = unigrams
        c.bigrams = bigrams
        c.total = total
        return c
    }

    /// Counts a decoded word, weighted by how sure the decoder was of it.
    mutating func add(_ w: UInt16, after v: UInt16?, weight c: Float = 1) {
        unigrams[Int(w)] += c
        total += c
        if let v { bigrams.add(c, to: UInt32(v) << 16 | UInt32(w)) }
    }

    /// P_cache(w | v), half unigram, half bigram, or nil when the document never read `w` with confidence. Depends on the
    /// pair only, so the decoder looks it up once per pair rather than once per trigram.
    @inline(__always)
    func probability(_ w: UInt16, after v: UInt16) -> Float? {
        let cw = unigrams[Int(w)]
        guard cw > 0 else { return nil }
        var p = 0.5 * cw / total
        let cv = unigrams[Int(v)]
        if cv > 0, let pair = bigrams.count(of: UInt32(v) << 16 | UInt32(w)) { p += 0.5 * pair / cv }
        return p
    }

    /// ln((1 − λ)·P_lm + λ·P_cache) for a model score and a cache probability from
    /// `probability(_:after:)`.
    @inline(__always)
    func mix(_ lp: Float, cacheProbability p: Float?) -> Float {
        guard let p else { return lp + keepLog }
        return log((1 - weight) * exp(lp) + weight * p)
    }
}

/// Counts by word pair (`v << 16 | w`).
typealias PairCounts = OpenTable<Float>

extension OpenTable where Value == Float {
    init() { self.init(filler: 0) }

    /// The count of `key`, or nil if it was never added.
    @inline(__always)
    func count(of key: UInt32) -> Float? { self[UInt64(key)] }

    mutating func add(_ c: Float, to key: UInt32) { update(UInt64(key), initial: 0) { $0 += c } }
}
