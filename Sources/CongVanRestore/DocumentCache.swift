import Foundation

/// A cache language model of the document itself (Kuhn & De Mori 1990): words and word pairs
/// the first pass read with confidence are interpolated into the trigram model for the second
/// pass, so a document's own vocabulary (its place names, its phrasing) informs the rest of it
/// where the legal-domain statistics mislead.
struct DocumentCache: Sendable {
    private(set) var unigrams: [UInt16: Float] = [:]
    private(set) var bigrams: [UInt32: Float] = [:]
    private(set) var total: Float = 0
    let weight: Float

    init(weight: Float) { self.weight = weight }

    init(weight: Float, copying other: DocumentCache) {
        self = DocumentCache(weight: weight, unigrams: other.unigrams, bigrams: other.bigrams, total: other.total)
    }

    private init(weight: Float, unigrams: [UInt16: Float], bigrams: [UInt32: Float], total: Float) {
        self.weight = weight; self.unigrams = unigrams; self.bigrams = bigrams; self.total = total
    }

    var isEmpty: Bool { total == 0 }

    mutating func add(_ w: UInt16, after v: UInt16?) {
        unigrams[w, default: 0] += 1
        total += 1
        if let v { bigrams[UInt32(v) << 16 | UInt32(w), default: 0] += 1 }
    }

    /// ln((1 − λ)·P_lm + λ·P_cache), P_cache half unigram, half bigram.
    @inline(__always)
    func mix(_ lp: Float, _ w: UInt16, after v: UInt16) -> Float {
        guard let cw = unigrams[w] else { return lp + log1p(-weight) }
        var p = 0.5 * cw / total
        if let cv = unigrams[v], let pair = bigrams[UInt32(v) << 16 | UInt32(w)] { p += 0.5 * pair / cv }
        return log((1 - weight) * exp(lp) + weight * p)
    }
}
