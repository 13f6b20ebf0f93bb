import CongVanCore

/// Estimates a syllable trigram model with interpolated modified Kneser-Ney smoothing
/// (Chen & Goodman 1998), prunes rare trigrams and stores the rest as a backoff model whose
/// weights renormalise exactly what pruning removed.
public struct LanguageModelBuilder {
    public struct Options: Sendable {
        /// A valid syllable joins the vocabulary when seen at least this often.
        public var minSyllableCount = 2
        /// Other words (abbreviations such as `ubnd`) need this many occurrences…
        public var minOtherCount = 30
        /// …and at most this many of them are kept.
        public var maxOtherWords = 3000
        /// Trigrams seen fewer times are pruned (their mass goes to the backoff weight).
        public var trigramCutoff = 2
        /// The general-language bigram model's share in the contexts it knows.
        public var generalWeight = 0.3
        public init() {}
    }

    /// A line source that can be read more than once (the builder makes two passes).
    public typealias LineSource = (_ body: (String) -> Void) throws -> Void

    public let options: Options
    public init(options: Options = Options()) { self.options = options }

    // MARK: Vocabulary

    /// Picks the vocabulary: specials, valid syllables (one spelling per tone key, the most
    /// frequent), then frequent other words. `extraSyllables` (a spelling dictionary's entries)
    /// join when the grammar accepts them, so rare but real syllables can still be restored.
    public func vocabulary(_ source: LineSource, extraSyllables: [String] = []) rethrows -> Vocabulary {
        var counts: [String: Int] = [:]
        try source { line in
            LMToken.sentences(of: line) { words in
                for w in words where !w.hasPrefix("<") && w != "," { counts[w, default: 0] += 1 }
            }
        }
        var syllableTotals: [String: Int] = [:]
        var bestSpelling: [String: (String, Int)] = [:]
        var others: [(String, Int)] = []
        for (w, c) in counts {
            if SyllableGrammar.isValid(w) {
                let key = Vietnamese.toneKey(w)
                syllableTotals[key, default: 0] += c
                // Ties go to the smaller spelling: the dictionary's order differs run to run.
                if let (b, bc) = bestSpelling[key], bc > c || bc == c && b < w { continue }
                bestSpelling[key] = (w, c)
            } else if c >= options.minOtherCount, w.unicodeScalars.allSatisfy({ Tokenizer.isLetter($0) }) {
                others.append((w, c))
            }
        }
        var entries: [(String, Int)] = syllableTotals.compactMap { key, total in
            total >= options.minSyllableCount ? (bestSpelling[key]!.0, total) : nil
        }
        // An unmarked word whose skeleton is a syllable's is that syllable with its marks lost
        // (the corpus has some unaccented text); it must not become a word of its own.
        let skeletons = Set(syllableTotals.keys.compactMap { bestSpelling[$0].map { Vietnamese.foldKey($0.0) } })
        others.removeAll { skeletons.contains($0.0) }
        var known = Set(entries.map { Vietnamese.toneKey($0.0) })
        for extra in extraSyllables {
            let w = Vietnamese.lowercase(extra)
            guard SyllableGrammar.isValid(w), known.insert(Vietnamese.toneKey(w)).inserted else { continue }
            entries.append((bestSpelling[Vietnamese.toneKey(w)]?.0 ?? w, syllableTotals[Vietnamese.toneKey(w)] ?? 0))
        }
        entries += others.sorted { $0.1 > $1.1 }.prefix(options.maxOtherWords)
        entries.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return Vocabulary(words: LMToken.specials + entries.map(\.0))
    }

    // MARK: Estimation

    /// Counts n-grams over `source` and estimates the model. `generalBigrams` (a frequency-ranked
    /// list of general-language word pairs, most frequent first) are mixed in with weight
    /// `options.generalWeight` (`LanguageModelMixture`).
    ///
    /// `names` (one line per administrative unit) are counted like `source`, but as a list: an
    /// n-gram's capitals there are one piece of evidence that it is a name's, however many
    /// units repeat it (`Tỉnh Hải Dương` closes hundreds of lines; law writes `hải dương` too).
    public func build(
        _ source: LineSource, vocabulary: Vocabulary, generalBigrams: [(String, String)] = [],
        names: [String] = []
    ) rethrows -> LanguageModelData {
        var c1 = [UInt32](repeating: 0, count: vocabulary.count)
        var c2: [UInt32: UInt32] = [:]
        var c3: [UInt64: UInt32] = [:]
        // How the last word of each n-gram was written, where not in lower case (most are), and
        // a pair's first word.
        var case2: [UInt32: CaseCounts] = [:]
        var caseBefore2: [UInt32: CaseCounts] = [:]
        var case3: [UInt64: CaseCounts] = [:]
        var ids: [UInt16] = []
        var cache: [String: UInt16] = [:]
        var listed = Set<UInt64>()
        let firstWord = UInt16(LMToken.specials.count)
        func count(_ line: String, listed list: Bool) {
            LMToken.sentences(of: line) { words, cases in
                ids.removeAll(keepingCapacity: true)
                ids.append(LMToken.sentenceStart)
                for w in words {
                    if let id = cache[w] {
                        ids.append(id)
                    } else {
                        let id = vocabulary.id(of: w)
                        cache[w] = id
                        ids.append(id)
                    }
                }
                ids.append(LMToken.sentenceEnd)
                for i in 1..<ids.count {
                    c1[Int(ids[i])] += 1
                    let k2 = UInt32(ids[i - 1]) << 16 | UInt32(ids[i])
                    c2[k2, default: 0] += 1
                    let k3 = i >= 2 ? UInt64(ids[i - 2]) << 32 | UInt64(ids[i - 1]) << 16 | UInt64(ids[i]) : nil
                    if let k3 { c3[k3, default: 0] += 1 }
                    // A list's repeats of an n-gram tell nothing (a trigram key never has its top
                    // bit set, so bigrams share the set).
                    let repeated2 = list && !listed.insert(UInt64(k2) | 1 << 63).inserted
                    if i >= 2, ids[i - 1] >= firstWord {
                        let before = repeated2 ? .other : cases[i - 2]
                        if before != .lower { caseBefore2[k2, default: CaseCounts()].add(before) }
                    }
                    guard ids[i] >= firstWord, i < ids.count - 1 else { continue }
                    let written2 = repeated2 ? .other : cases[i - 1]
                    if written2 != .lower { case2[k2, default: CaseCounts()].add(written2) }
                    guard let k3 else { continue }
                    let written3 = list && !listed.insert(k3).inserted ? .other : cases[i - 1]
                    if written3 != .lower { case3[k3, default: CaseCounts()].add(written3) }
                }
            }
        }
        try source { count($0, listed: false) }
        for line in names { count(line, listed: true) }
        var legal = estimate(vocabularySize: vocabulary.count, words: vocabulary.words, c2: c2, c3: c3)
        legal.properBigrams = Set(case2.compactMap { key, k in k.isProper(count: c2[key]!) ? key : nil })
        legal.properBigramStarts = Set(caseBefore2.compactMap { key, k in k.isProper(count: c2[key]!) ? key : nil })
        legal.properTrigrams = Set(case3.compactMap { key, k in k.isProper(count: c3[key]!) ? key : nil })
        guard !generalBigrams.isEmpty, options.generalWeight > 0 else { return legal }
        let pairs = LanguageModelMixture.pairs(ranked: generalBigrams, vocabulary: vocabulary)
        return LanguageModelMixture(
            pairs: pairs.counts, cases: pairs.cases, lowerFirst: pairs.lowerFirst,
            weight: options.generalWeight
        ).mix(legal)
    }

    /// How often a word of an n-gram (its last, or a pair's first) was written capitalised
    /// inside a sentence, and how often in a way that tells nothing (capitals throughout, a
    /// sentence's first word); the rest of its count is lower case.
    struct CaseCounts {
        var capitalised: UInt32 = 0, other: UInt32 = 0

        mutating func add(_ c: WordCase, times n: UInt32 = 1) {
            if c == .capitalised { capitalised += n } else if c == .other { other += n }
        }

        /// A name's n-gram at this word: the training text writes the word capitalised there and
        /// (almost) never in lower case, so it says nothing of a word written in lower case.
        func isProper(count: UInt32) -> Bool {
            capitalised > 0 && (count - capitalised - other) * 10 < capitalised
        }
    }

    /// Modified Kneser-Ney discounts D1, D2, D3+ from counts of counts.
    static func discounts(_ countsOfCounts: [Int]) -> (Double, Double, Double) {
        let n = countsOfCounts.map { Double(max($0, 1)) }
        let y = n[1] / (n[1] + 2 * n[2])
        let d1 = max(0.05, 1 - 2 * y * n[2] / n[1])
        let d2 = max(d1, 2 - 3 * y * n[3] / n[2])
        let d3 = max(d2, 3 - 4 * y * n[4] / n[3])
        return (d1, d2, d3)
    }

    static func discount(_ c: UInt32, _ d: (Double, Double, Double)) -> Double {
        c == 0 ? 0 : c == 1 ? d.0 : c == 2 ? d.1 : d.2
    }

    /// Count c's discounted share of a context whose counts total `total`.
    static func discounted(_ c: UInt32, _ d: (Double, Double, Double), total: Double) -> Double {
        max(Double(c) - discount(c, d), 0) / total
    }

    /// How many of `counts` are 1, 2, 3 and 4 (index 0 unused), for `discounts`.
    static func countsOfCounts<S: Sequence>(_ counts: S) -> [Int] where S.Element == UInt32 {
        var n = [0, 0, 0, 0, 0]
        for c in counts where c >= 1 && c <= 4 { n[Int(c)] += 1 }
        return n
    }

    /// Per-context sums: total count and how many continuations have count 1, 2, 3+.
    struct ContextStats {
        var total = 0.0, n1 = 0.0, n2 = 0.0, n3 = 0.0

        /// The share the discounts free for the lower order (interpolation weight γ).
        func gamma(_ d: (Double, Double, Double)) -> Double { (d.0 * n1 + d.1 * n2 + d.2 * n3) / total }
    }

    func estimate(
        vocabularySize v: Int, words: [String], c2: [UInt32: UInt32], c3: [UInt64: UInt32]
    ) -> LanguageModelData {
        // Continuation counts: a bigram's is the number of distinct words before it, except after <s>.
        var c2k: [UInt32: UInt32] = [:]
        c2k.reserveCapacity(c2.count)
        for (key, _) in c3 { c2k[UInt32(truncatingIfNeeded: key & 0xFFFF_FFFF), default: 0] += 1 }
        for (key, count) in c2 where key >> 16 == UInt32(LMToken.sentenceStart) { c2k[key] = count }
        var c1k = [UInt32](repeating: 0, count: v)
        for (key, _) in c2 { c1k[Int(key & 0xFFFF)] += 1 }

        let d1 = Self.discounts(Self.countsOfCounts(c1k))
        let d2 = Self.discounts(Self.countsOfCounts(c2k.values))
        let d3 = Self.discounts(Self.countsOfCounts(c3.values))

        // Unigrams, interpolated with the uniform distribution.
        var uniStats = ContextStats()
        for c in c1k { Self.add(c, d1, to: &uniStats) }
        let gamma1 = uniStats.gamma(d1)
        var p1 = [Double](repeating: 0, count: v)
        for w in 0..<v {
            p1[w] = Self.discounted(c1k[w], d1, total: uniStats.total) + gamma1 / Double(v - 1)
        }
        p1[Int(LMToken.sentenceStart)] = 0

        // Bigrams.
        var biStats = [ContextStats](repeating: ContextStats(), count: v)
        for (key, c) in c2k { Self.add(c, d2, to: &biStats[Int(key >> 16)]) }
        func gamma2(_ u: Int) -> Double {
            let s = biStats[u]
            return s.total > 0 ? s.gamma(d2) : 1
        }
        func p2(_ key: UInt32) -> Double {
            let u = Int(key >> 16)
            let w = Int(key & 0xFFFF)
            let s = biStats[u]
            guard s.total > 0 else { return p1[w] }
            let c = c2k[key] ?? 0
            return Self.discounted(c, d2, total: s.total) + gamma2(u) * p1[w]
        }
        // Every observed bigram is kept; its backoff weight renormalises the unigram tail.
        var bigramProb: [UInt32: Double] = [:]
        bigramProb.reserveCapacity(c2k.count)
        var storedSum = [Double](repeating: 0, count: v)
        var lowerSum = [Double](repeating: 0, count: v)
        // Sums of probabilities in key order, so every build rounds alike and gives the same bytes.
        for key in c2k.keys.sorted() {
            let p = p2(key)
            bigramProb[key] = p
            storedSum[Int(key >> 16)] += p
            lowerSum[Int(key >> 16)] += p1[Int(key & 0xFFFF)]
        }
        var bow1 = [Double](repeating: 1, count: v)
        for u in 0..<v where lowerSum[u] > 0 {
            bow1[u] = max(1e-12, 1 - storedSum[u]) / max(1e-12, 1 - lowerSum[u])
        }

        // Trigrams.
        var triStats: [UInt32: ContextStats] = [:]
        for (key, c) in c3 {
            Self.add(c, d3, to: &triStats[UInt32(truncatingIfNeeded: key >> 16), default: ContextStats()])
        }
        var trigrams: [(UInt64, Float)] = []
        var triStored: [UInt32: (Double, Double)] = [:]
        for (key, c) in c3.sorted(by: { $0.key < $1.key }) where c >= UInt32(options.trigramCutoff) {
            let ctx = UInt32(truncatingIfNeeded: key >> 16)
            let suffix = UInt32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            let s = triStats[ctx]!
            let gamma3 = s.gamma(d3)
            let lower = bigramProb[suffix] ?? bow1[Int(suffix >> 16)] * p1[Int(suffix & 0xFFFF)]
            let p = Self.discounted(c, d3, total: s.total) + gamma3 * lower
            trigrams.append((key, Float(log(p))))
            triStored[ctx, default: (0, 0)].0 += p
            triStored[ctx, default: (0, 0)].1 += lower
        }
        var bigrams: [(UInt32, Float, Float)] = []
        bigrams.reserveCapacity(bigramProb.count)
        for (key, p) in bigramProb {
            var bow = 1.0
            if let (stored, lower) = triStored[key] {
                bow = max(1e-12, 1 - stored) / max(1e-12, 1 - lower)
            }
            bigrams.append((key, Float(log(p)), Float(log(bow))))
        }
        let unigrams = (0..<v).map { (Float(p1[$0] > 0 ? log(p1[$0]) : -99), Float(log(bow1[$0]))) }
        return LanguageModelData(words: words, unigrams: unigrams, bigrams: bigrams, trigrams: trigrams)
    }

    static func add(_ c: UInt32, _ d: (Double, Double, Double), to s: inout ContextStats) {
        s.total += Double(c)
        switch c {
        case 0: break
        case 1: s.n1 += 1
        case 2: s.n2 += 1
        default: s.n3 += 1
        }
    }
}

/// The vocabulary: word strings by id, and the lookup that maps any spelling of a syllable
/// (either tone placement) to its id.
public struct Vocabulary: Sendable {
    public let words: [String]
    /// Whether each word is a valid syllable (parsed once, here).
    public let isSyllable: [Bool]
    private let byKey: [String: UInt16]

    public init(words: [String]) {
        let (syllable, keys) = Self.analyse(words)
        self.init(words: words, isSyllable: syllable, keys: keys)
    }

    /// Which words are syllables, and each word's lookup key: what a lexicon stores so that
    /// loading need not redo it.
    static func analyse(_ words: [String]) -> (isSyllable: [Bool], keys: [String]) {
        let syllable = words.map(SyllableGrammar.isValid)
        return (syllable, words.indices.map { key(words[$0], isSyllable: syllable[$0]) })
    }

    /// A vocabulary whose analysis was stored with it: which words are syllables, and each
    /// word's lookup key (a syllable's is its `toneKey`, so either tone placement finds it).
    init(words: [String], isSyllable: [Bool], keys: [String]) {
        precondition(words.count < Int(UInt16.max), "vocabulary too large for 16-bit ids")
        precondition(isSyllable.count == words.count && keys.count == words.count)
        self.words = words
        self.isSyllable = isSyllable
        var map: [String: UInt16] = [:]
        map.reserveCapacity(words.count)
        for (i, key) in keys.enumerated() { map[key] = UInt16(i) }
        byKey = map
    }

    public var count: Int { words.count }

    static func key(_ w: String, isSyllable: Bool) -> String { isSyllable ? Vietnamese.toneKey(w) : w }

    static func key(_ w: String) -> String { key(w, isSyllable: SyllableGrammar.isValid(w)) }

    /// The id of a token string (`<num>`, `,`, or a lower-cased word); `<unk>` when absent.
    public func id(of token: String) -> UInt16 {
        byKey[Self.key(token)] ?? LMToken.unknown
    }
}

/// A built model before it is laid out in a lexicon file.
public struct LanguageModelData: Sendable {
    public var words: [String]
    /// Natural-log probability and backoff weight per word id.
    public var unigrams: [(Float, Float)]
    /// Key `u << 16 | w`, log probability, log backoff weight.
    public var bigrams: [(UInt32, Float, Float)]
    /// Key `u << 32 | v << 16 | w`, log probability.
    public var trigrams: [(UInt64, Float)]
    /// Keys of the n-grams that belong to names (`CaseCounts.isProper`): a word written in
    /// lower case backs off past them.
    public var properBigrams: Set<UInt32> = []
    public var properTrigrams: Set<UInt64> = []
    /// Keys of the pairs whose first word is a name's (`Lãng ,`).
    public var properBigramStarts: Set<UInt32> = []

    public init(
        words: [String], unigrams: [(Float, Float)], bigrams: [(UInt32, Float, Float)], trigrams: [(UInt64, Float)],
        properBigrams: Set<UInt32> = [], properTrigrams: Set<UInt64> = [], properBigramStarts: Set<UInt32> = []
    ) {
        self.words = words
        self.unigrams = unigrams
        self.bigrams = bigrams
        self.trigrams = trigrams
        self.properBigrams = properBigrams
        self.properTrigrams = properTrigrams
        self.properBigramStarts = properBigramStarts
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
