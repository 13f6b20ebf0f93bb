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

    static func build(cutoff: Int = 1) throws -> LanguageModelData {
        var options = LanguageModelBuilder.Options()
        options.minSyllableCount = 1
        options.trigramCutoff = cutoff
        let builder = LanguageModelBuilder(options: options)
        let source: LanguageModelBuilder.LineSource = { body in corpus.forEach(body) }
        let vocabulary = try builder.vocabulary(source)
        return try builder.build(source, vocabulary: vocabulary)
    }

    @Test("probabilities after any context sum to one, with and without pruning", arguments: [1, 2])
    func backoffModelIsNormalised(cutoff: Int) throws {
        let lm = LanguageModel(data: try Self.build(cutoff: cutoff))
        let v = lm.vocabulary
        for (u, w) in [("nông", "thôn"), ("xây", "dựng"), ("<s>", "các"), ("mới", "nâng")] {
            let total = (0..<v.count).map { Double(exp(lm.logProb(UInt16($0), after: v.id(of: u), v.id(of: w)))) }.reduce(0, +)
            #expect(abs(total - 1) < 0.01, "context \(u) \(w) sums to \(total)")
        }
    }

    @Test("a continuation seen in training beats an unseen one")
    func seenBeatsUnseen() throws {
        let lm = LanguageModel(data: try Self.build())
        let v = lm.vocabulary
        #expect(lm.logProb(v.id(of: "mới"), after: v.id(of: "nông"), v.id(of: "thôn"))
                > lm.logProb(v.id(of: "dân"), after: v.id(of: "nông"), v.id(of: "thôn")))
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

    @Test("batched lookups give exactly what one lookup at a time gives, over every pair and triple")
    func batchedLookupsMatchSingleOnes() throws {
        let lm = LanguageModel(data: try Self.build())
        let ids = (0..<lm.vocabulary.count).map(UInt16.init)
        var pairs = [Float](repeating: 0, count: ids.count * ids.count)
        ids.withUnsafeBufferPointer { i in pairs.withUnsafeMutableBufferPointer { lm.bigramLogProbs(from: i, to: i, into: $0) } }
        var keys: [UInt64] = []
        for u in ids { for v in ids { for w in ids { keys.append(UInt64(u) << 32 | UInt64(v) << 16 | UInt64(w)) } } }
        var triples = [Float](repeating: 0, count: keys.count)
        keys.withUnsafeBufferPointer { k in triples.withUnsafeMutableBufferPointer { lm.logProbs(triples: k, into: $0) } }
        var mismatches = 0
        for (j, key) in keys.enumerated() {
            let (u, v, w) = (UInt16(key >> 32), UInt16(key >> 16 & 0xFFFF), UInt16(key & 0xFFFF))
            if triples[j] != lm.logProb(w, after: u, v) { mismatches += 1 }
            if u == 0, pairs[Int(v) * ids.count + Int(w)] != lm.logProb(w, after: v) { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(Set(triples).count > 10, "the model distinguishes contexts")
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
        for w in ["được", "khoá", "khóa", "hđnd", "nông", "xyz"] { #expect(lm.vocabulary.id(of: w) == rebuilt.id(of: w), "\(w)") }
    }

    @Test("pair counts add up and are found again as the table grows")
    func pairCountsMatchDictionary() {
        var rng = SplitMix(seed: 3)
        var table = PairCounts(), reference: [UInt32: Float] = [:]
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
