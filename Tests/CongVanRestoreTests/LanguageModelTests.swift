import CongVanCore
import Foundation
import Testing

@testable import CongVanRestore

@Suite("Language model")
struct LanguageModelTests {
    static let corpus = [
        "xây dựng nông thôn mới", "nông thôn mới nâng cao", "xây dựng nông thôn mới kiểu mẫu",
        "các xã đạt chuẩn nông thôn mới", "xây dựng đô thị mới", "nông dân mới",
        "phấn đấu đạt chuẩn nông thôn mới", "các xã phấn đấu", "đạt chuẩn nông thôn mới nâng cao",
    ]

    static func build(
        cutoff: Int = 1, corpus: [String] = corpus, general: [(String, String)] = [],
        generalWeight: Double = 0.3, names: [String] = []
    ) throws -> LanguageModelData {
        var options = LanguageModelBuilder.Options()
        options.minSyllableCount = 1
        options.trigramCutoff = cutoff
        options.generalWeight = generalWeight
        let builder = LanguageModelBuilder(options: options)
        let source: LanguageModelBuilder.LineSource = { body in corpus.forEach(body) }
        let vocabulary = try builder.vocabulary { body in
            corpus.forEach(body)
            names.forEach(body)
        }
        return try builder.build(source, vocabulary: vocabulary, generalBigrams: general, names: names)
    }

    /// General-language pairs, most frequent first, over the test corpus's words.
    static let general = [("nông", "dân"), ("đô", "thị"), ("mới", "nông"), ("dân", "các"), ("thị", "xã")]

    @Test(
        "probabilities after any context sum to one, with and without pruning or general pairs",
        arguments: [(1, false), (2, false), (1, true), (2, true)])
    func backoffModelIsNormalised(cutoff: Int, mixed: Bool) throws {
        let lm = LanguageModel(data: try Self.build(cutoff: cutoff, general: mixed ? Self.general : []))
        let v = lm.vocabulary
        for (u, w) in [
            ("nông", "thôn"), ("xây", "dựng"), ("<s>", "các"), ("mới", "nâng"), ("đô", "thị"), ("thị", "mới"),
        ] {
            let total = (0..<v.count).map { Double(exp(lm.logProb(UInt16($0), after: v.id(of: u), v.id(of: w)))) }
                .reduce(0, +)
            #expect(abs(total - 1) < 0.01, "context \(u) \(w) sums to \(total)")
        }
    }

    @Test("a sentence's account lists each token with the order that scored it, and adds up")
    func explainAddsUp() throws {
        let lm = LanguageModel(data: try Self.build())
        let lines = lm.explain("xây dựng nông thôn mới. các xã")
        let rows = lines.map { $0.split(separator: "\t").map(String.init) }
        #expect(
            rows.map(\.[0]) == ["xây", "dựng", "nông", "thôn", "mới", "</s>", "total", "các", "xã", "</s>", "total"])
        #expect(rows[3][2] == "3")
        let sum = rows[0..<6].map { Float($0[1])! }.reduce(0, +)
        #expect(abs(sum - Float(rows[6][1])!) < 0.01)
        #expect(sum < 0)
    }

    @Test("a continuation seen in training beats an unseen one")
    func seenBeatsUnseen() throws {
        let lm = LanguageModel(data: try Self.build())
        let v = lm.vocabulary
        #expect(
            lm.logProb(v.id(of: "mới"), after: v.id(of: "nông"), v.id(of: "thôn"))
                > lm.logProb(v.id(of: "dân"), after: v.id(of: "nông"), v.id(of: "thôn")))
    }

    @Test("a pair common in ordinary language beats one the legal text only reaches by backing off")
    func generalPairsLiftEverydayPhrasing() throws {
        // Law writes `bao gồm` and `bảo đảm`, `nhiều` everywhere and `bao nhiêu` once; a general
        // list ranks `bao nhiêu` first. `xã` follows both readings in neither source.
        let legal =
            Array(repeating: "bao gồm các xã", count: 30) + Array(repeating: "có nhiều xã", count: 30)
            + ["bảo đảm", "bảo vệ", "bảo hiểm", "bảo quản", "bảo lưu", "bảo tồn", "bao nhiêu"]
        func prefersEverydayReading(_ data: LanguageModelData) -> Bool {
            let lm = LanguageModel(data: data)
            let v = lm.vocabulary
            func score(_ a: String, _ b: String) -> Float {
                lm.logProb(v.id(of: a), after: LMToken.sentenceStart, LMToken.sentenceStart)
                    + lm.logProb(v.id(of: b), after: LMToken.sentenceStart, v.id(of: a))
                    + lm.logProb(v.id(of: "xã"), after: v.id(of: a), v.id(of: b))
            }
            return score("bao", "nhiêu") > score("bảo", "nhiều")
        }
        let general = [("bao", "nhiêu"), ("bảo", "vệ"), ("nhiều", "người")]
        #expect(!prefersEverydayReading(try Self.build(corpus: legal)))
        #expect(prefersEverydayReading(try Self.build(corpus: legal, general: general)))
    }

    @Test("either tone-mark placement maps to the same word")
    func tonePlacementSharesId() {
        let v = Vocabulary(words: LMToken.specials + ["hòa", "thủy"])
        #expect(v.id(of: "hoà") == v.id(of: "hòa"))
        #expect(v.id(of: "thuỷ") == v.id(of: "thủy"))
        #expect(v.id(of: "hóa") == LMToken.unknown)
    }

    @Test("the model written to a lexicon file reads back with the same probabilities")
    func fileRoundTrip() throws {
        let data = try Self.build()
        var writer = LexiconWriter()
        LanguageModel.write(data, into: &writer)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lm-\(UUID()).cvlex").path
        try writer.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try LanguageModel(path: path)
        let inMemory = LanguageModel(data: data)
        let v = inMemory.vocabulary
        let (a, b, c) = (v.id(of: "đạt"), v.id(of: "chuẩn"), v.id(of: "nông"))
        #expect(fromFile.logProb(c, after: a, b) == inMemory.logProb(c, after: a, b))
    }

    @Test("a model file built with other special tokens is refused, not read as garbage")
    func refusesOtherSpecials() throws {
        var data = try Self.build()
        data.words[Int(LMToken.comma)] = "<comma>"
        var writer = LexiconWriter()
        LanguageModel.write(data, into: &writer)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lm-\(UUID()).cvlex").path
        try writer.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: CoreError.self) { try LanguageModel(path: path) }
        #expect(error?.localizedDescription.contains("special tokens") == true)
    }

    @Test(
        "batched lookups give exactly what one lookup at a time gives, over every pair and triple, for words in either case",
        arguments: (0..<8).map { LowerCase(u: $0 & 4 != 0, v: $0 & 2 != 0, w: $0 & 1 != 0) })
    func batchedLookupsMatchSingleOnes(lower: LowerCase) throws {
        let lm = LanguageModel(data: try Self.build(names: Self.units))
        let ids = (0..<lm.vocabulary.count).map(UInt16.init)
        let n = ids.count
        var pairs = [Float](repeating: 0, count: n * n)
        ids.withUnsafeBufferPointer { i in
            pairs.withUnsafeMutableBufferPointer { lm.bigramLogProbs(from: i, to: i, lower: lower, into: $0) }
        }
        // A chain of three lists, each the whole vocabulary: every triple, u-major.
        let chain = ids + ids + ids
        let at = [0, n, 2 * n, 3 * n]
        let cases = [lower.u, lower.v, lower.w]
        var triples = [Float](repeating: 0, count: n * n * n)
        chain.withUnsafeBufferPointer { c in
            at.withUnsafeBufferPointer { a in
                cases.withUnsafeBufferPointer { l in
                    triples.withUnsafeMutableBufferPointer { lm.logProbs(chain: c, at: a, lower: l, into: $0) }
                }
            }
        }
        var mismatches = 0
        for u in 0..<n {
            for v in 0..<n {
                for w in 0..<n
                where triples[(u * n + v) * n + w] != lm.logProb(UInt16(w), after: UInt16(u), UInt16(v), lower: lower) {
                    mismatches += 1
                }
                for w in 0..<n where u == 0 && pairs[v * n + w] != lm.logProb(UInt16(w), after: UInt16(v), lower: lower)
                {
                    mismatches += 1
                }
            }
        }
        #expect(mismatches == 0)
        #expect(Set(triples).count > 10, "the model distinguishes contexts")
    }

    /// Units' lines, as the gazetteer gives them to the builder.
    static let units = ["xã Dương Hòa, huyện Hải Dương", "xã Hòa Bình, huyện Hải Dương", "xã Tân Dân, huyện Hải Dương"]

    @Test("a word written in lower case backs off past a name's n-grams; the same word capitalised uses them")
    func namesNGramsDoNotCountForLowerCase() throws {
        let lm = LanguageModel(
            data: try Self.build(corpus: Self.corpus + ["trồng đường hoa ở các xã"], names: Self.units))
        let v = lm.vocabulary
        let (xa, duong, hoa) = (v.id(of: "xã"), v.id(of: "dương"), v.id(of: "hòa"))
        let named = lm.logProb(hoa, after: xa, duong)
        let common = lm.logProb(hoa, after: xa, duong, lower: .init(w: true))
        #expect(named > common + 1, "capitalised \(named), lower case \(common)")
        // The pair too: after a context with no trigram, capitals are answered by the pair, lower
        // case by the unigram (which in a model this small may score higher, so compare orders).
        #expect(lm.order(of: duong, after: LMToken.comma, xa) == 2)
        #expect(lm.order(of: duong, after: LMToken.comma, xa, lower: .init(w: true)) == 1)
        // Common words are unaffected.
        let (nong, thon, moi) = (v.id(of: "nông"), v.id(of: "thôn"), v.id(of: "mới"))
        #expect(
            lm.logProb(moi, after: nong, thon, lower: .init(u: true, v: true, w: true))
                == lm.logProb(moi, after: nong, thon))
    }

    @Test("what follows a name's word does not count after the same word written in lower case")
    func namesContinuationsDoNotCountAfterLowerCase() throws {
        // Every unit line of the district writes `Lãng ,` or ends on it; running text writes `lãng phí`.
        let units = ["xã Tân Lãng, huyện Văn Lãng", "xã Hoàng Văn Thụ, huyện Văn Lãng"]
        let lm = LanguageModel(
            data: try Self.build(corpus: Self.corpus + ["chống lãng phí", "tiết kiệm, chống lãng phí"], names: units))
        let v = lm.vocabulary
        let (tan, lang, phi, comma) = (v.id(of: "tân"), v.id(of: "lãng"), v.id(of: "phí"), LMToken.comma)
        let lower = LowerCase(u: true, v: true)
        // After the name, the pair and the trigram answer; after `lãng` in lower case, neither.
        #expect(lm.order(of: comma, after: tan, lang) == 3)
        #expect(lm.order(of: comma, after: tan, lang, lower: lower) == 1)
        #expect(lm.logProb(comma, after: lang) > lm.logProb(comma, after: lang, lower: lower))
        // The common word's own continuation is unaffected.
        #expect(lm.logProb(phi, after: lang, lower: lower) == lm.logProb(phi, after: lang))
    }

    @Test("running text that writes a pair in lower case outweighs a list that capitalises it in many lines")
    func listRepeatsAreOneName() throws {
        let text = Self.corpus + ["khảo sát hải dương và ven biển", "tỉnh Hải Dương báo cáo"]
        let lm = LanguageModel(data: try Self.build(corpus: text, names: Self.units))
        let v = lm.vocabulary
        let (hai, duong) = (v.id(of: "hải"), v.id(of: "dương"))
        #expect(lm.logProb(duong, after: hai, lower: .init(v: true, w: true)) == lm.logProb(duong, after: hai))
    }

    @Test("a chain of lists of different widths scores each triple as one lookup does")
    func chainOfUnevenListsMatchesSingleLookups() throws {
        let (lm, words) = try smallModelAndWords()
        let lists: [[UInt16]] = [
            [LMToken.sentenceStart], [words[2], words[0]], [words[3]], [words[4], words[8], words[9]],
            [LMToken.sentenceEnd],
        ]
        let chain = lists.flatMap { $0 }
        var at = [0]
        for l in lists { at.append(at.last! + l.count) }
        var expected: [Float] = []
        for j in 2..<lists.count {
            for u in lists[j - 2] {
                for v in lists[j - 1] { for w in lists[j] { expected.append(lm.logProb(w, after: u, v)) } }
            }
        }
        var got = [Float](repeating: .nan, count: expected.count)
        chain.withUnsafeBufferPointer { c in
            at.withUnsafeBufferPointer { a in
                [Bool](repeating: false, count: lists.count).withUnsafeBufferPointer { l in
                    got.withUnsafeMutableBufferPointer { lm.logProbs(chain: c, at: a, lower: l, into: $0) }
                }
            }
        }
        #expect(got == expected)
    }

    @Test("every trigram's context is a stored bigram, as the batched lookups assume")
    func trigramContextsAreBigrams() throws {
        #expect(LanguageModel(data: try Self.build(cutoff: 1)).trigramContextsAreBigrams)
        #expect(LanguageModel(data: try Self.build(cutoff: 2)).trigramContextsAreBigrams)
        let committed = try LanguageModel(path: packageRoot + "/Lexicons/" + Restorer.languageModelFile)
        #expect(committed.trigramContextsAreBigrams)
    }
}

@Suite("N-gram filter")
struct NGramFilterTests {
    @Test("the filter keeps every stored key and rules out most others")
    func filterHasNoFalseNegatives() {
        var rng = SplitMix(seed: 5)
        let empty = UInt64.max
        // Keys in 50 blocks of very different sizes (block = bits 16-31, as a bigram's first word).
        var table = [UInt64](repeating: empty, count: 40_000)
        var stored = Set<UInt64>()
        for _ in 0..<12_000 {
            let block = UInt64(rng.next() % 50) % (1 + rng.next() % 50)
            let key = block << 16 | rng.next() % 60_000
            stored.insert(key)
        }
        for (i, key) in stored.enumerated() { table[i] = key << 32 }
        let filter = table.withUnsafeBufferPointer {
            NGramFilter(
                table: $0, empty: empty, blocks: 50, bitsPerKey: 12, key: { $0 >> 32 }, block: { Int($0 >> 48) })
        }
        #expect(stored.allSatisfy { filter.mayContain($0, block: Int($0 >> 16)) })
        var falsePositives = 0
        var absent = 0
        for _ in 0..<20_000 {
            let key = (rng.next() % 50) << 16 | rng.next() % 60_000
            guard !stored.contains(key) else { continue }
            absent += 1
            if filter.mayContain(key, block: Int(key >> 16)) { falsePositives += 1 }
        }
        #expect(Double(falsePositives) < 0.03 * Double(absent), "\(falsePositives) of \(absent)")
    }

    @Test("the committed lexicon's stored filters are what its tables give")
    func storedFiltersMatchRebuilt() throws {
        let lm = try LanguageModel(path: packageRoot + "/Lexicons/" + Restorer.languageModelFile)
        #expect(lm.filtersMatchTables, "rebuild the lexicon with congvan-lexicon lm")
    }
}

@Suite("Stored analysis")
struct StoredAnalysisTests {
    @Test("the committed lexicon's stored vocabulary analysis and skeleton trie are what the vocabulary gives")
    func storedIndexMatchesRebuilt() throws {
        let lm = try LanguageModel(path: packageRoot + "/Lexicons/" + Restorer.languageModelFile)
        let stored = try #require(lm.storedTrie, "the lexicon has no stored index: rebuild it with congvan-lexicon lm")
        let rebuilt = Vocabulary(words: lm.vocabulary.words)
        #expect(lm.vocabulary.isSyllable == rebuilt.isSyllable)
        #expect(stored == SkeletonTrie(vocabulary: rebuilt))
        for w in ["được", "khoá", "khóa", "hđnd", "nông", "xyz"] {
            #expect(lm.vocabulary.id(of: w) == rebuilt.id(of: w), "\(w)")
        }
    }

    @Test("pair counts add up and are found again as the table grows")
    func pairCountsMatchDictionary() {
        var rng = SplitMix(seed: 3)
        var table = PairCounts()
        var reference: [UInt32: Float] = [:]
        for _ in 0..<5000 {
            let key = UInt32(rng.next() % 700) << 16 | UInt32(rng.next() % 700)
            let c = Float(rng.next() % 10) / 10
            table.add(c, to: key)
            reference[key, default: 0] += c
        }
        #expect(table.count == reference.count)
        for (k, v) in reference { #expect(table.count(of: k) == v) }
        #expect(table.count(of: 701 << 16) == nil)
    }
}
