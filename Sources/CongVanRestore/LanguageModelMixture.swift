import CongVanCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A static mixture of the legal-text trigram model with a general-language bigram model, stored
/// as one backoff model (the way SRILM's `-mix-lm` merges models), so decoding costs nothing more.
///
/// Counts merged into the legal model could not do this: `bao` is followed by `gồm` thousands of
/// times in law, so even a frequent general pair such as `bao nhiêu` kept a probability below
/// what the unseen `bảo nhiều` got by backing off. Mixed, `P(w | v)` is
/// `(1 − λ) P_legal(w | v) + λ P_general(w | v)` for every context the general list knows, so a
/// pair that is common in ordinary Vietnamese keeps a floor the legal statistics cannot push it
/// under, and the legal model still decides everything the general list does not cover.
struct LanguageModelMixture {
    /// Word pairs with counts (`u << 16 | w`), from a frequency-ranked general-language list.
    var pairs: [UInt32: UInt32]
    /// How the list writes each pair's second word, where not in lower case (by count).
    var cases: [UInt32: LanguageModelBuilder.CaseCounts] = [:]
    /// Pairs the list writes with their first word in lower case somewhere (a capital there
    /// tells nothing: a pair may open a sentence).
    var lowerFirst: Set<UInt32> = []
    /// The general model's share λ in the contexts it knows.
    var weight: Double

    /// Pairs of a ranked list as written, counted by Zipf's law from their rank (`N / rank`, at
    /// least 1): the list gives order, not frequencies. A pair's spellings are counted together,
    /// with how its second word was written (`Dương Hòa` is a name, `đường hoa` is not).
    static func pairs(
        ranked: [(String, String)], vocabulary: Vocabulary
    )
        -> (counts: [UInt32: UInt32], cases: [UInt32: LanguageModelBuilder.CaseCounts], lowerFirst: Set<UInt32>)
    {
        var out: [UInt32: UInt32] = [:]
        var cases: [UInt32: LanguageModelBuilder.CaseCounts] = [:]
        var lowerFirst = Set<UInt32>()
        let n = Double(ranked.count)
        for (rank, (a, b)) in ranked.enumerated() {
            let u = vocabulary.id(of: Vietnamese.lowercase(a))
            let w = vocabulary.id(of: Vietnamese.lowercase(b))
            guard u != LMToken.unknown, w != LMToken.unknown else { continue }
            let key = UInt32(u) << 16 | UInt32(w)
            let c = UInt32(max(1, n / Double(rank + 1)))
            out[key, default: 0] += c
            if WordCase(Array(a.unicodeScalars)[...]) == .lower { lowerFirst.insert(key) }
            let written = WordCase(Array(b.unicodeScalars)[...])
            guard written != .lower else { continue }
            cases[key, default: .init()].add(written, times: c)
        }
        return (out, cases, lowerFirst)
    }

    /// Whether the list takes pair `key` for a name's (its second word capitalised, almost never
    /// in lower case); nil when the list does not have the pair.
    func isName(_ key: UInt32) -> Bool? {
        guard let c = pairs[key] else { return nil }
        return cases[key]?.isProper(count: c) ?? false
    }

    /// The general model: interpolated Kneser-Ney bigrams over the pairs, backing off to the
    /// legal model's unigrams (the list has no sentence boundaries from which to learn its own).
    struct General {
        var probability: [UInt32: Double] = [:]
        var gamma: [Int: Double] = [:]
    }

    func general(unigram p1: [Double]) -> General {
        typealias Builder = LanguageModelBuilder
        let d = Builder.discounts(Builder.countsOfCounts(pairs.values))
        var stats: [Int: Builder.ContextStats] = [:]
        for (key, c) in pairs { Builder.add(c, d, to: &stats[Int(key >> 16), default: .init()]) }
        var g = General()
        for (u, s) in stats { g.gamma[u] = s.gamma(d) }
        for (key, c) in pairs {
            let u = Int(key >> 16)
            g.probability[key] = Builder.discounted(c, d, total: stats[u]!.total) + g.gamma[u]! * p1[Int(key & 0xFFFF)]
        }
        return g
    }

    /// Mixes `legal` with the general model. Unigrams stay the legal ones. A known context's
    /// backoff weight mixes exactly (both models back off to the same unigrams); a trigram
    /// context's weight is renormalised over its stored trigrams.
    func mix(_ legal: LanguageModelData) -> LanguageModelData {
        let v = legal.words.count
        let p1 = legal.unigrams.map { exp(Double($0.0)) }
        let bow1 = legal.unigrams.map { exp(Double($0.1)) }
        let g = general(unigram: p1)
        let lambda = weight

        var legalBigram: [UInt32: (p: Double, bow: Double)] = [:]
        legalBigram.reserveCapacity(legal.bigrams.count)
        for (key, lp, lb) in legal.bigrams { legalBigram[key] = (exp(Double(lp)), exp(Double(lb))) }
        func legalP(_ key: UInt32) -> Double {
            legalBigram[key]?.p ?? bow1[Int(key >> 16)] * p1[Int(key & 0xFFFF)]
        }
        func generalP(_ key: UInt32) -> Double? {
            guard let gamma = g.gamma[Int(key >> 16)] else { return nil }
            return g.probability[key] ?? gamma * p1[Int(key & 0xFFFF)]
        }
        func mixedP(_ key: UInt32) -> Double {
            guard let pg = generalP(key) else { return legalP(key) }
            return (1 - lambda) * legalP(key) + lambda * pg
        }

        // Trigrams first, against the mixed bigram below them; then each context's new weight.
        var trigrams: [(UInt64, Float)] = []
        trigrams.reserveCapacity(legal.trigrams.count)
        var sums: [UInt32: (stored: Double, lower: Double)] = [:]
        for (key, lp) in legal.trigrams.sorted(by: { $0.0 < $1.0 }) {
            let context = UInt32(truncatingIfNeeded: key >> 16)
            let suffix = UInt32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            var p = exp(Double(lp))
            if let pg = generalP(suffix) { p = (1 - lambda) * p + lambda * pg }
            trigrams.append((key, Float(log(p))))
            sums[context, default: (0, 0)].stored += p
            sums[context, default: (0, 0)].lower += mixedP(suffix)
        }

        var keys = Set(legalBigram.keys)
        keys.formUnion(g.probability.keys)
        var bigrams: [(UInt32, Float, Float)] = []
        bigrams.reserveCapacity(keys.count)
        for key in keys.sorted() {
            var bow = 1.0
            if let s = sums[key] { bow = max(1e-12, 1 - s.stored) / max(1e-12, 1 - s.lower) }
            bigrams.append((key, Float(log(mixedP(key))), Float(log(bow))))
        }
        var unigrams = legal.unigrams
        for u in 0..<v {
            guard let gamma = g.gamma[u] else { continue }
            unigrams[u].1 = Float(log((1 - lambda) * bow1[u] + lambda * gamma))
        }
        // A name's n-gram in both sources, or in the one that knows it.
        let properBigrams = Set(
            keys.filter { key in
                let legalName: Bool? = legalBigram[key] == nil ? nil : legal.properBigrams.contains(key)
                let generalName = isName(key)
                return legalName != false && generalName != false && (legalName == true || generalName == true)
            })
        let properTrigrams = legal.properTrigrams.filter {
            isName(UInt32(truncatingIfNeeded: $0 & 0xFFFF_FFFF)) != false
        }
        // A pair's first word: the list can only say it is common (written in lower case).
        let properBigramStarts = legal.properBigramStarts.filter { !lowerFirst.contains($0) }
        return LanguageModelData(
            words: legal.words, unigrams: unigrams, bigrams: bigrams, trigrams: trigrams,
            properBigrams: properBigrams, properTrigrams: properTrigrams,
            properBigramStarts: properBigramStarts)
    }
}
