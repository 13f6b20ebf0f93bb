import CongVanCore

/// The syllable trigram model at run time, read in place from a memory-mapped lexicon.
///
/// N-grams live in open-addressing hash tables of packed 64-bit slots (key and quantised
/// log-probability together), so a lookup is one multiply and usually one cache line; a small
/// filter per table (`NGramFilter`) answers most lookups of absent n-grams without the table.
public final class LanguageModel: @unchecked Sendable {
    public let vocabulary: Vocabulary
    let file: LexiconFile?
    private let unigrams: UnsafeBufferPointer<Float>  // logp, bow interleaved
    let bigrams: UnsafeBufferPointer<UInt64>
    let trigrams: UnsafeBufferPointer<UInt64>
    /// Which keys the tables may hold: most probes are for n-grams they do not.
    let bigramFilter: NGramFilter
    let trigramFilter: NGramFilter
    /// Keeps in-memory tables alive when the model was not loaded from a file (tests).
    private let owned: [Any]
    /// The syllable index's trie as the builder stored it (nil: built at load).
    let storedTrie: SkeletonTrie?

    static let syllableSection = LexiconSection.vocabularySyllables
    static let keySection = LexiconSection.vocabularyKeys
    static let bigramFilterSection = LexiconSection.bigramFilter
    static let trigramFilterSection = LexiconSection.trigramFilter
    static let blockSuffix = LexiconSection.filterBlockSuffix
    /// Filter sizes: the bigram filter is probed about five times as often, so it gets the
    /// lower false-positive rate (about 1% against 3%).
    static let bigramFilterBits = 12
    static let trigramFilterBits = 8

    static let emptySlot = UInt64.max
    static let probScale: Float = 1000

    public convenience init(path: String) throws(CoreError) {
        let file = try LexiconFile(path: path)
        try self.init(file: file)
    }

    init(file: LexiconFile) throws(CoreError) {
        self.file = file
        let offsets = try file.array(LexiconSection.vocabularyOffsets, of: UInt32.self)
        let strings = try file.section(LexiconSection.vocabularyStrings)
        var words: [String] = []
        words.reserveCapacity(max(offsets.count - 1, 0))
        for i in 0..<max(offsets.count - 1, 0) {
            let a = Int(offsets[i])
            let b = Int(offsets[i + 1])
            guard a <= b, b <= strings.count else {
                throw .lexiconCorrupt(path: file.path, reason: "vocabulary offsets")
            }
            words.append(String(decoding: UnsafeRawBufferPointer(rebasing: strings[a..<b]), as: UTF8.self))
        }
        // Word ids are positions: a model built with other special tokens would read as garbage.
        guard words.starts(with: LMToken.specials) else {
            throw .lexiconCorrupt(
                path: file.path,
                reason:
                    "its special tokens are not this build's \(LMToken.specials.joined(separator: " ")): another version built it"
            )
        }
        if file.sectionNames.contains(Self.syllableSection) {
            // The analysis stored by the builder: no parsing of every word at start-up.
            let flags = try file.array(Self.syllableSection, of: UInt8.self)
            var r = ByteReader(try file.section(Self.keySection))
            var keys: [String] = []
            keys.reserveCapacity(words.count)
            for _ in 0..<(try r.read(UInt32.self)) { keys.append(try r.readString()) }
            guard flags.count == words.count, keys.count == words.count else {
                throw .lexiconCorrupt(path: file.path, reason: "vocabulary analysis")
            }
            vocabulary = Vocabulary(words: words, isSyllable: flags.map { $0 != 0 }, keys: keys)
            storedTrie = try SkeletonTrie.read(from: file, vocabularySize: words.count)
        } else {
            vocabulary = Vocabulary(words: words)
            storedTrie = nil
        }
        unigrams = try file.array(LexiconSection.unigrams, of: Float.self)
        bigrams = try file.array(LexiconSection.bigrams, of: UInt64.self)
        trigrams = try file.array(LexiconSection.trigrams, of: UInt64.self)
        guard unigrams.count == 2 * words.count, !bigrams.isEmpty, !trigrams.isEmpty else {
            throw .lexiconCorrupt(path: file.path, reason: "language model tables")
        }
        if file.sectionNames.contains(Self.bigramFilterSection) {
            func filter(_ name: String) throws(CoreError) -> NGramFilter {
                guard
                    let f = NGramFilter(
                        blockStart: try file.array(name + Self.blockSuffix, of: UInt32.self),
                        words: try file.array(name, of: UInt64.self)),
                    f.blocks == words.count
                else { throw .lexiconCorrupt(path: file.path, reason: "n-gram filter \(name)") }
                return f
            }
            bigramFilter = try filter(Self.bigramFilterSection)
            trigramFilter = try filter(Self.trigramFilterSection)
        } else {
            (bigramFilter, trigramFilter) = Self.filters(
                bigrams: bigrams, trigrams: trigrams, vocabularySize: words.count)
        }
        owned = []
    }

    /// Builds the model in memory from builder output (used by tests and the builder's checks).
    public init(data: LanguageModelData) {
        let tables = Self.layout(data)
        file = nil
        vocabulary = Vocabulary(words: data.words)
        storedTrie = nil
        let uni = UnsafeMutableBufferPointer<Float>.allocate(capacity: tables.uni.count)
        _ = uni.initialize(from: tables.uni)
        let bi = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: tables.bi.count)
        _ = bi.initialize(from: tables.bi)
        let tri = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: tables.tri.count)
        _ = tri.initialize(from: tables.tri)
        unigrams = UnsafeBufferPointer(uni)
        bigrams = UnsafeBufferPointer(bi)
        trigrams = UnsafeBufferPointer(tri)
        (bigramFilter, trigramFilter) = Self.filters(
            bigrams: bigrams, trigrams: trigrams, vocabularySize: data.words.count)
        owned = [OwnedBuffers(uni: uni, bi: bi, tri: tri)]
    }

    private final class OwnedBuffers {
        let uni: UnsafeMutableBufferPointer<Float>
        let bi: UnsafeMutableBufferPointer<UInt64>
        let tri: UnsafeMutableBufferPointer<UInt64>
        init(
            uni: UnsafeMutableBufferPointer<Float>, bi: UnsafeMutableBufferPointer<UInt64>,
            tri: UnsafeMutableBufferPointer<UInt64>
        ) {
            self.uni = uni
            self.bi = bi
            self.tri = tri
        }
        deinit {
            uni.deallocate()
            bi.deallocate()
            tri.deallocate()
        }
    }

    /// The filters of the two tables. A key's block is its word before last (`filterBlock`):
    /// the first word of a bigram, the middle word of a trigram.
    static func filters(
        bigrams: UnsafeBufferPointer<UInt64>, trigrams: UnsafeBufferPointer<UInt64>,
        vocabularySize: Int
    ) -> (NGramFilter, NGramFilter) {
        (
            NGramFilter(
                table: bigrams, empty: emptySlot, blocks: vocabularySize, bitsPerKey: bigramFilterBits,
                key: { $0 >> 32 }, block: { filterBlock($0 >> 32) }),
            NGramFilter(
                table: trigrams, empty: emptySlot, blocks: vocabularySize, bitsPerKey: trigramFilterBits,
                key: { $0 >> 16 }, block: { filterBlock($0 >> 16) })
        )
    }

    @inline(__always)
    static func filterBlock(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key >> 16) & 0xFFFF) }

    // MARK: Lookup

    @inline(__always)
    static func slot(_ key: UInt64, _ count: Int) -> Int {
        let h = (key &+ 0x9E37_79B9) &* 0x9E37_79B9_7F4A_7C15
        return Int(h.multipliedFullWidth(by: UInt64(count)).high)
    }

    /// The bigram entry for `key`, whose home slot (`slot(key, …)`) holds `home`: a batch reads
    /// every home slot first, and the chain is walked only on a collision.
    @inline(__always)
    func bigram(_ key: UInt64, home: UInt64) -> UInt64? {
        if home >> 32 == key { return home }
        if home == Self.emptySlot { return nil }
        var i = Self.slot(key, bigrams.count)
        while true {
            i += 1
            if i == bigrams.count { i = 0 }
            let e = bigrams[i]
            if e == Self.emptySlot { return nil }
            if e >> 32 == key { return e }
        }
    }

    @inline(__always)
    func trigram(_ key: UInt64, home: UInt64) -> UInt64? {
        if home >> 16 == key { return home }
        if home == Self.emptySlot { return nil }
        var i = Self.slot(key, trigrams.count)
        while true {
            i += 1
            if i == trigrams.count { i = 0 }
            let e = trigrams[i]
            if e == Self.emptySlot { return nil }
            if e >> 16 == key { return e }
        }
    }

    @inline(__always)
    private func bigram(_ key: UInt64) -> UInt64? {
        bigram(key, home: Self.home(key, in: bigrams, filter: bigramFilter))
    }

    /// The home slot of `key` in `table`, or an empty slot without reading the table if `filter`
    /// rules the key out (one key at a time; `homes(of:in:filter:into:)` does batches).
    @inline(__always)
    private static func home(_ key: UInt64, in table: UnsafeBufferPointer<UInt64>, filter: NGramFilter) -> UInt64 {
        filter.mayContain(key, block: filterBlock(key)) ? table[slot(key, table.count)] : emptySlot
    }

    // Packed entries: a bigram is key << 32 | name flags, -ln P << 16 | ln backoff, a trigram
    // key << 16 | name flag, -ln P. The flags are the top bits of the 16 bits of -ln P: the
    // last word's (both tables) and, for a bigram, its first word's.
    static let nameFlag: UInt64 = 0x8000
    static let nameBeforeFlag: UInt64 = 0x4000
    @inline(__always) static func probability(bigram e: UInt64) -> Float {
        -Float(UInt16(truncatingIfNeeded: e >> 16) & 0x3FFF) / probScale
    }
    @inline(__always) static func backoff(bigram e: UInt64) -> Float {
        Float(Int16(bitPattern: UInt16(truncatingIfNeeded: e))) / probScale
    }
    @inline(__always) static func probability(trigram e: UInt64) -> Float {
        -Float(UInt16(truncatingIfNeeded: e) & 0x7FFF) / probScale
    }

    /// Whether a stored n-gram is a name's, which a word written in lower case backs off past.
    @inline(__always) static func isName(bigram e: UInt64) -> Bool { e & nameFlag << 16 != 0 }
    @inline(__always) static func isName(trigram e: UInt64) -> Bool { e & nameFlag != 0 }
    /// Whether a stored pair's first word is a name's (`Lãng ,` closes a district's name in
    /// every unit line of it; `lãng` in lower case is followed by `phí`).
    @inline(__always) static func isNameBefore(bigram e: UInt64) -> Bool { e & nameBeforeFlag << 16 != 0 }

    /// Whether pair entry `e` counts for words written as `lower` says (its `v` and `w`).
    @inline(__always) static func counts(bigram e: UInt64, _ lower: LowerCase) -> Bool {
        !(lower.w && isName(bigram: e)) && !(lower.v && isNameBefore(bigram: e))
    }

    /// Whether the context `u v` with pair entry `e` is a name's for words written as `lower`
    /// says: then it tells nothing of what follows, and the pair `v w` answers alone.
    @inline(__always) static func isNameContext(_ e: UInt64, _ lower: LowerCase) -> Bool {
        (lower.u && isNameBefore(bigram: e)) || (lower.v && isName(bigram: e))
    }

    /// ln P(w | v) from the pair's entry, else backed off to the unigram; `lower`: which of
    /// `v` and `w` are written in lower case, so a name's pair does not count for them.
    @inline(__always)
    func logProb(_ w: UInt16, after v: UInt16, entry: UInt64?, lower: LowerCase = .none) -> Float {
        if let entry, Self.counts(bigram: entry, lower) { return Self.probability(bigram: entry) }
        return unigrams[Int(v) * 2 + 1] + unigrams[Int(w) * 2]
    }

    /// ln P(w).
    @inline(__always)
    public func logProb(_ w: UInt16) -> Float { unigrams[Int(w) * 2] }

    /// ln P(w | v), backing off to the unigram; `lower`: which of `v` and `w` are written in
    /// lower case.
    @inline(__always)
    public func logProb(_ w: UInt16, after v: UInt16, lower: LowerCase = .none) -> Float {
        logProb(w, after: v, entry: bigram(Self.bigramKey(v, w)), lower: lower)
    }

    /// ln P(w | u v), backing off to the bigram; `lower`: which of `u`, `v` and `w` are
    /// written in lower case. A context that is a name's for them is skipped (no backoff
    /// weight: its trigrams are not a share of what a lower-case word continues with).
    @inline(__always)
    public func logProb(_ w: UInt16, after u: UInt16, _ v: UInt16, lower: LowerCase = .none) -> Float {
        let context = bigram(Self.bigramKey(u, v))
        if let context, Self.isNameContext(context, lower) { return logProb(w, after: v, lower: lower) }
        let key = Self.trigramKey(u, v, w)
        if let e = trigram(key, home: Self.home(key, in: trigrams, filter: trigramFilter)),
            !(lower.w && Self.isName(trigram: e))
        {
            return Self.probability(trigram: e)
        }
        let bow = context.map(Self.backoff(bigram:)) ?? 0
        return bow + logProb(w, after: v, lower: lower)
    }

    /// The order that answers P(w | u v): 3 for a stored trigram, 2 for a stored bigram, 1
    /// after backing off to the unigram (for `explain`).
    func order(of w: UInt16, after u: UInt16, _ v: UInt16, lower: LowerCase = .none) -> Int {
        let key = Self.trigramKey(u, v, w)
        if let context = bigram(Self.bigramKey(u, v)), !Self.isNameContext(context, lower),
            let e = trigram(key, home: Self.home(key, in: trigrams, filter: trigramFilter)),
            !(lower.w && Self.isName(trigram: e))
        {
            return 3
        }
        guard let e = bigram(Self.bigramKey(v, w)) else { return 1 }
        return Self.counts(bigram: e, lower) ? 2 : 1
    }

    // MARK: Checks

    /// Whether the filters are those the tables give (for tests of a stored lexicon).
    var filtersMatchTables: Bool {
        let (bi, tri) = Self.filters(bigrams: bigrams, trigrams: trigrams, vocabularySize: vocabulary.count)
        return bi == bigramFilter && tri == trigramFilter
    }

    /// Whether every stored trigram's context is a stored bigram, as `logProbs(chain:at:into:)`
    /// relies on (for tests of a built model).
    var trigramContextsAreBigrams: Bool {
        trigrams.allSatisfy { $0 == Self.emptySlot || bigram($0 >> 32) != nil }
    }

    // MARK: Layout

    /// -ln P in thousandths, at most 32.767 for a trigram and 16.383 for a bigram (a stored
    /// n-gram is never that rare: the built model's rarest pair is under 15), leaving the top
    /// bits for the name flags.
    static func quantizeProb(_ lp: Float, max: Float = 32767) -> UInt64 {
        UInt64(UInt16(Swift.min(max, Swift.max(0, (-lp * probScale).rounded()))))
    }

    static func quantizeBow(_ lb: Float) -> UInt64 {
        UInt64(UInt16(bitPattern: Int16(min(32767, max(-32768, (lb * probScale).rounded())))))
    }

    static func table(count: Int, load: Double = 0.75) -> [UInt64] {
        [UInt64](repeating: emptySlot, count: max(8, Int(Double(count) / load) + 1))
    }

    static func insert(_ entry: UInt64, key: UInt64, into t: inout [UInt64]) {
        var i = slot(key, t.count)
        while t[i] != emptySlot {
            i += 1
            if i == t.count { i = 0 }
        }
        t[i] = entry
    }

    static func layout(_ data: LanguageModelData) -> (uni: [Float], bi: [UInt64], tri: [UInt64]) {
        var uni: [Float] = []
        uni.reserveCapacity(data.unigrams.count * 2)
        for (lp, lb) in data.unigrams {
            uni.append(lp)
            uni.append(lb)
        }
        // Inserted in key order, so the same counts always give the same bytes (the builder's
        // dictionaries iterate in a different order each run).
        var bi = table(count: data.bigrams.count, load: 0.5)
        for (key, lp, lb) in data.bigrams.sorted(by: { $0.0 < $1.0 }) {
            let flags =
                (data.properBigrams.contains(key) ? nameFlag : 0)
                | (data.properBigramStarts.contains(key) ? nameBeforeFlag : 0)
            insert(
                UInt64(key) << 32 | (quantizeProb(lp, max: 16383) | flags) << 16 | quantizeBow(lb), key: UInt64(key),
                into: &bi)
        }
        var tri = table(count: data.trigrams.count)
        for (key, lp) in data.trigrams.sorted(by: { $0.0 < $1.0 }) {
            insert(
                key << 16 | quantizeProb(lp) | (data.properTrigrams.contains(key) ? nameFlag : 0), key: key, into: &tri)
        }
        return (uni, bi, tri)
    }

    /// Adds the model's sections to a lexicon file.
    public static func write(_ data: LanguageModelData, into writer: inout LexiconWriter) {
        var offsets: [UInt32] = [0]
        var strings: [UInt8] = []
        for w in data.words {
            strings += Array(w.utf8)
            offsets.append(UInt32(strings.count))
        }
        writer.add(LexiconSection.vocabularyOffsets, array: offsets)
        writer.add(LexiconSection.vocabularyStrings, strings)
        // The vocabulary's analysis and skeleton trie, so loading does not redo them.
        let (syllable, keys) = Vocabulary.analyse(data.words)
        writer.add(syllableSection, syllable.map { $0 ? UInt8(1) : 0 })
        var keyBytes = ByteWriter()
        keyBytes.append(UInt32(keys.count))
        for k in keys { keyBytes.append(k) }
        writer.add(keySection, keyBytes.bytes)
        SkeletonTrie(vocabulary: Vocabulary(words: data.words, isSyllable: syllable, keys: keys)).write(into: &writer)
        let t = layout(data)
        writer.add(LexiconSection.unigrams, array: t.uni.map(\.bitPattern))
        writer.add(LexiconSection.bigrams, array: t.bi)
        writer.add(LexiconSection.trigrams, array: t.tri)
        let (bigramFilter, trigramFilter) = t.bi.withUnsafeBufferPointer { bi in
            t.tri.withUnsafeBufferPointer { tri in filters(bigrams: bi, trigrams: tri, vocabularySize: data.words.count)
            }
        }
        for (name, filter) in [(bigramFilterSection, bigramFilter), (trigramFilterSection, trigramFilter)] {
            writer.add(name + blockSuffix, array: Array(filter.blockStart))
            writer.add(name, array: Array(filter.words))
        }
    }

    public var sizes: (vocabulary: Int, bigramSlots: Int, trigramSlots: Int) {
        (vocabulary.count, bigrams.count, trigrams.count)
    }
}

/// Which words of an n-gram `u v w` the text being read writes in lower case: names' n-grams
/// (their words capitalised in training, almost never in lower case) do not count for those.
public struct LowerCase: Hashable, Sendable {
    public var u: Bool, v: Bool, w: Bool

    public init(u: Bool = false, v: Bool = false, w: Bool = false) {
        self.u = u
        self.v = v
        self.w = w
    }

    public static let none = LowerCase()
}
