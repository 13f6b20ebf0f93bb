import CongVanCore
import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanStore

@Suite("Store: full-text search")
struct TextSearchTests {
    func makeStore(_ dir: TempFolder) throws -> Store {
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        _ = try store.save(
            document(
                "a.txt", number: "1/KH",
                text: """
                    Kế hoạch xây dựng nông thôn mới.
                    Phấn đấu đến năm 2024 xã Hưng Đạo đạt chuẩn nông thôn mới nâng cao.
                    """))
        _ = try store.save(document("b.txt", number: "2/CV", text: "Đẩy nhanh tiến độ giải ngân vốn đầu tư công."))
        return store
    }

    @Test("search ignores diacritics and đ on both sides")
    func diacriticInsensitive() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        #expect(try store.search("dat chuan").map(\.document.source) == ["a.txt"])
        #expect(try store.search("ĐẠT CHUẨN").map(\.document.source) == ["a.txt"])
        #expect(try store.search("dau tu cong").map(\.document.source) == ["b.txt"])
    }

    @Test("every word must occur, and a quoted part as a phrase")
    func wordsAndPhrases() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        #expect(try store.search("nông thôn giải ngân").isEmpty)
        #expect(try store.search("\"nâng cao nông thôn\"").isEmpty)
        #expect(try store.search("\"nông thôn mới nâng cao\"").count == 1)
    }

    @Test("query syntax characters in the text are searched as words, not run")
    func syntaxIsInert() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        #expect(try store.search("Hưng Đạo AND OR NOT*").isEmpty)
        #expect(try store.search("hưng (đạo) -").count == 1)
        #expect(throws: StoreError.self) { try store.search(" \"\" - ") }
    }

    @Test("the snippet keeps the diacritics, marks the matches and gives the line")
    func snippetFromOriginal() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let hit = try #require(try store.search("hung dao").first)
        #expect(hit.snippet.contains("xã «Hưng» «Đạo» đạt chuẩn"))
        #expect(hit.line == 2)
    }
}

@Suite("Store: index and query fold alike")
struct IndexQueryAgreementTests {
    /// Capitals by the kernel's letter case (`String.uppercased` turns the ligature `ﬁ` into two letters).
    func upper(_ word: String) -> String {
        String(String.UnicodeScalarView(word.unicodeScalars.map { Vietnamese.uppercase($0) ?? $0 }))
    }

    @Test("every word of every seed, typed decomposed, in capitals or without marks, finds its document")
    func everyWordIsFound() throws {
        let dir = TempFolder()
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        let seeds = try Repository.seedTexts()
        for (i, text) in seeds.enumerated() { _ = try store.save(document("seed\(i).txt", text: text)) }
        for (i, text) in seeds.enumerated() {
            let words = Set(SearchTerms.tokens(text.lowercased()).filter { $0.unicodeScalars.count >= 3 })
            for word in words.sorted().enumerated().filter({ $0.offset % 10 == 0 }).map(\.element) {
                for typed in [
                    word, word.decomposedStringWithCanonicalMapping, upper(word), Vietnamese.fold(word),
                ] {
                    let hits = try store.search(typed, limit: 100)
                    #expect(hits.contains { $0.document.source == "seed\(i).txt" }, "\(typed) in seed \(i)")
                }
            }
        }
    }
}
