import CongVanCore
import Testing

@testable import CongVanRestore

@Suite("Acronym expansions")
struct AcronymExpansionsTests {
    static let vocabulary = Vocabulary(
        words: LMToken.specials + ["nông", "thôn", "mới", "ủy", "ban", "nhân", "dân", "ubnd", "điều", "tra", "tỉnh"])

    static func definitions(_ lines: [String]) -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for line in lines { AcronymExpansions.collect(TokenizedLine(line), into: &counts) }
        return counts
    }

    @Test("a bracketed acronym after the words whose initials it spells is a definition")
    func collectsDefinitions() {
        let counts = Self.definitions([
            "Chương trình xây dựng nông thôn mới (NTM) giai đoạn 2021 - 2025",
            "Ủy ban nhân dân (UBND) tỉnh",
            "kết quả điều tra (ĐT) và (XYZ) theo nông thôn, mới (NTM)",
        ])
        #expect(counts["NTM"] == ["nông thôn mới": 1])
        #expect(counts["UBND"] == ["ủy ban nhân dân": 1])
        // Two letters are too ambiguous; initials that do not match, or a comma inside, are no definition.
        #expect(counts["ĐT"] == nil)
        #expect(counts["XYZ"] == nil)
    }

    @Test("only acronyms the model lacks, defined twice, with every word known, are expanded")
    func keepsUsableExpansions() {
        let counts = Self.definitions([
            "nông thôn mới (NTM)", "nông thôn mới (NTM)", "Ủy ban nhân dân (UBND)",
            "Ủy ban nhân dân (UBND)", "điều tra mới (ĐTM)", "điều tra mới (ĐTM)",
            "nông thôn tỉnh (NTT)",
        ])
        let table = AcronymExpansions(counts: counts, vocabulary: Self.vocabulary)
        let v = Self.vocabulary
        #expect(table.expansion(of: "NTM") == ["nông", "thôn", "mới"].map(v.id(of:)))
        #expect(table.expansion(of: "UBND") == nil)  // the model knows `ubnd` itself
        #expect(table.expansion(of: "ĐTM") == ["điều", "tra", "mới"].map(v.id(of:)))
        #expect(table.expansion(of: "NTT") == nil)  // seen once
    }

    @Test("the table reads back from its lexicon section unchanged")
    func roundTrip() throws {
        let table = AcronymExpansions(expansions: ["NTM": [6, 7, 8], "ĐTM": [14, 15, 8]])
        var w = ByteWriter()
        table.write(into: &w)
        let bytes = w.bytes
        let read = try bytes.withUnsafeBytes { try AcronymExpansions.read($0) }
        #expect(read.expansions == table.expansions)
    }
}
