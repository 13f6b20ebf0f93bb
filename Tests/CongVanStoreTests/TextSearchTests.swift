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

@Suite("Store: folding for the index")
struct FastFoldTests {
    @Test("the index's byte-level fold gives exactly Vietnamese.foldKey")
    func sameAsFoldKey() throws {
        let texts = ["", "ĐẠT CHUẨN Nông thôn mới — Hoà/Hòa, “ngoặc” 😀 ß Ω é̂"] + (try Repository.seedTexts())
        for t in texts { #expect(FastFold.foldKey(t) == Vietnamese.foldKey(t)) }
    }
}
