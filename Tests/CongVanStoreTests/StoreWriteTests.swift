import CongVanCore
import CongVanTestSupport
import Foundation
import GRDB
import Testing

@testable import CongVanStore

@Suite("Store: saving documents")
struct StoreWriteTests {
    @Test("saving the same content twice changes nothing")
    func sameContentIsUnchanged() throws {
        let dir = TempFolder()
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        let doc = document(
            "a.txt", targets: [target("đạt chuẩn nông thôn mới", quantity: 2, communes: [hungDaoCaoBang])])
        #expect(try store.save(doc) == .added)
        let before = try store.counts()
        #expect(try store.status(path: "a.txt", contentHash: doc.contentHash) == .current)
        #expect(try store.save(doc) == .unchanged)
        #expect(try store.counts() == before)
        #expect(before == StoreCounts(documents: 1, files: 1, targets: 1, achievements: 0, communes: 0))
    }

    @Test("a changed file replaces its old rows")
    func changedFileReplacesRows() throws {
        let dir = TempFolder()
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        _ = try store.save(
            document("a.txt", hash: "h1", targets: [target("cũ", communes: [hungDaoCaoBang])], text: "bản cũ"))
        let outcome = try store.save(
            document("a.txt", hash: "h2", targets: [target("mới", communes: [hungDaoHaiDuong])], text: "bản mới"))
        #expect(outcome == .replaced)
        #expect(try store.counts().documents == 1)
        let hits = try store.query(CommuneQuery(name: "Hưng Đạo"))
        #expect(hits.map(\.indicator) == ["mới"])
        #expect(try store.search("cũ").isEmpty)
        #expect(try store.search("mới").count == 1)
    }

    @Test("a copy of stored content under another path is linked, not converted again")
    func copyIsLinked() throws {
        let dir = TempFolder()
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        _ = try store.save(document("a.txt", hash: "h1"))
        #expect(try store.status(path: "b.txt", contentHash: "h1") == .storedElsewhere)
        #expect(try store.link(path: "b.txt", contentHash: "h1"))
        #expect(try store.status(path: "b.txt", contentHash: "h1") == .current)
        #expect(try !store.link(path: "c.txt", contentHash: "unknown"))
        #expect(try store.counts() == StoreCounts(documents: 1, files: 2, targets: 0, achievements: 0, communes: 0))
    }

    @Test("each file keeps the output name it was given, and no two files share one, case aside")
    func outputNamesAreUniqueAndKept() throws {
        let dir = TempFolder()
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        for path in ["a/letter.txt", "b/letter.txt", "c/Letter.txt"] { _ = try store.save(document(path)) }
        let a = try store.outputName(forPath: "a/letter.txt", preferring: ["letter"])
        let b = try store.outputName(forPath: "b/letter.txt", preferring: ["letter"])
        let c = try store.outputName(forPath: "c/Letter.txt", preferring: ["Letter"])
        #expect(a == "letter")
        #expect(Set([a, b, c].map { $0.lowercased() }).count == 3)
        #expect(b.hasPrefix("letter.txt-") && c.hasPrefix("Letter.txt-"))
        #expect(try store.outputName(forPath: "b/letter.txt", preferring: ["zzz"]) == b)
    }

    @Test("content stored as an image is new to a text file of the same bytes")
    func statusMindsTheInputType() throws {
        let dir = TempFolder()
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        var doc = document("scan.png", hash: "h1")
        doc.inputType = .image
        _ = try store.save(doc)
        #expect(try store.status(path: "scan.txt", contentHash: "h1", inputType: .text) == .new)
        #expect(try !store.link(path: "scan.txt", contentHash: "h1", inputType: .text))
        #expect(try store.status(path: "scan.jpg", contentHash: "h1", inputType: .image) == .storedElsewhere)
    }

    @Test("a document is kept while another path still refers to it")
    func sharedDocumentSurvivesOnePathChanging() throws {
        let dir = TempFolder()
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        _ = try store.save(document("a.txt", hash: "h1"))
        _ = try store.link(path: "b.txt", contentHash: "h1")
        _ = try store.save(document("a.txt", hash: "h2"))
        #expect(try store.counts().documents == 2)
        _ = try store.save(document("b.txt", hash: "h3"))
        #expect(try store.counts().documents == 2)
        #expect(try store.status(path: "b.txt", contentHash: "h1") == .new)
    }

    @Test("every part of the record lands in its table and the JSON comes back whole")
    func recordRoundTrip() throws {
        let dir = TempFolder()
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        var doc = document(
            "x.txt", number: "417/UBND-NLN", date: "2020-02-07",
            targets: [target("đạt chuẩn", quantity: 6, year: 2020, communes: [hungDaoCaoBang, hungDaoHaiDuong])],
            achievements: [target("đã đạt", quantity: 1, year: 2019, communes: [hungDaoCaoBang])])
        doc.record.references = [DocumentReference(kind: "Kế hoạch", number: "242/KH-UBND", date: "2016-09-09")]
        doc.record.communes = [CommuneMention(name: "Hưng Đạo", type: "xã", district: "Cao Bằng", province: "Cao Bằng")]
        _ = try store.save(doc)
        #expect(try store.counts() == StoreCounts(documents: 1, files: 1, targets: 1, achievements: 1, communes: 1))
        let back = try #require(try store.storedOutput(contentHash: doc.contentHash))
        #expect(back.record == doc.record)
        #expect(back.text == doc.text)
        let refs = try store.reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \"references\"") }
        #expect(refs == 1)
    }

    @Test("reopening a store keeps its rows and does not migrate again")
    func reopenKeepsRows() throws {
        let dir = TempFolder()
        do {
            let store = try Store.openForWriting(path: dir.file("s.sqlite"))
            _ = try store.save(document("a.txt"))
        }
        let again = try Store.openForWriting(path: dir.file("s.sqlite"))
        #expect(try again.counts().documents == 1)
        let reader = try Store.openForReading(path: dir.file("s.sqlite"))
        #expect(try reader.counts().documents == 1)
    }

    @Test("two writers on one file both get all their documents in")
    func concurrentWriters() async throws {
        let dir = TempFolder()
        let path = dir.file("s.sqlite")
        _ = try Store.openForWriting(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let store = try Store.openForWriting(path: path)
                    for i in 0..<60 {
                        // Half the documents are the same in both writers: one of them stores it.
                        let name = i % 2 == 0 ? "shared\(i).txt" : "w\(writer)-\(i).txt"
                        _ = try store.save(document(name, targets: [target("t\(i)", communes: [hungDaoCaoBang])]))
                    }
                }
            }
            try await group.waitForAll()
        }
        let counts = try Store.openForReading(path: path).counts()
        #expect(counts.documents == 30 + 2 * 30)
        #expect(counts.targets == 90)
    }

    @Test("several writers creating the same new store at once all open it")
    func concurrentCreation() async throws {
        for round in 0..<6 {
            let dir = TempFolder()
            let path = dir.file("new-\(round).sqlite")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<4 {
                    group.addTask {
                        let store = try Store.openForWriting(path: path)
                        _ = try store.save(document("w\(i).txt"))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try Store.openForReading(path: path).counts().documents == 4)
        }
    }

    @Test("a file that is not a store is refused with a clear message and left alone")
    func notAStoreIsRefused() throws {
        let dir = TempFolder()
        let junk = dir.file("junk.sqlite")
        try Data("this is not a database, just some text long enough to fill a header……".utf8).write(
            to: URL(fileURLWithPath: junk))
        let before = try Data(contentsOf: URL(fileURLWithPath: junk))
        #expect { try Store.openForWriting(path: junk) } throws: { error in
            guard case .notAStore = error as? StoreError else { return false }
            return (error as! StoreError).errorDescription!.contains("not a CongVan store")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: junk)) == before)

        let foreign = dir.file("other.sqlite")
        let queue = try DatabaseQueue(path: foreign)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes (x)") }
        #expect(throws: StoreError.self) { try Store.openForWriting(path: foreign) }
        let tables = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["notes"])
    }

    @Test("querying where no store exists says to convert first and creates nothing")
    func missingStore() {
        let dir = TempFolder()
        #expect(throws: StoreError.missing(path: dir.file("none.sqlite"))) {
            try Store.openForReading(path: dir.file("none.sqlite"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("none.sqlite")))
    }

    @Test("a folder given as the database path is refused")
    func folderIsRefused() {
        let dir = TempFolder()
        #expect(throws: StoreError.self) { try Store.openForWriting(path: dir.path) }
    }

    @Test("file paths below the store's folder are recorded relative to it")
    func storedPaths() throws {
        let dir = TempFolder()
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        #expect(store.storedPath(forFile: dir.file("seeds/001.txt")) == "seeds/001.txt")
        #expect(store.storedPath(forFile: "/etc/hosts") == "/etc/hosts")
    }
}
