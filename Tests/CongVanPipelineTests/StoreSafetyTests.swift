import CongVanCore
import CongVanStore
import CongVanTestSupport
import Foundation
import GRDB
import Testing

@testable import CongVanPipeline

/// What convert writes, and when: output names that never collide, outputs only for stored
/// documents, a store whose file alone is whole, and files it refuses left untouched.
@Suite("Convert: output files and the store file")
struct StoreSafetyTests {
    func options(_ dir: TempFolder, _ inputs: [String]? = nil, force: Bool = false) -> ConvertOptions {
        ConvertOptions(
            inputs: inputs ?? [dir.file("in")], databasePath: dir.file("db.sqlite"), outputDirectory: dir.file("out"),
            jobs: 2, force: force)
    }

    func outputs(_ dir: TempFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.file("out")).sorted()
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test("x.txt beside x.png and x.txt.txt get three distinct output names")
    func namesNeverCollideInABatch() throws {
        let dir = TempFolder()
        dir.write("in/x.txt", "TARGET 2024 A\n")
        dir.write("in/x.png", "IMAGETARGET 2024 B\n")
        dir.write("in/x.txt.txt", "TARGET 2024 C\n")
        let summary = try Converter.run(options(dir), stages: fakeStages())
        #expect(summary.converted == 3)
        let json = try outputs(dir).filter { $0.hasSuffix(".json") }
        #expect(json.count == 3, "\(json)")
        let communes = try json.map { try text(dir.file("out/" + $0)) }.map { body in
            ["A", "B", "C"].filter { body.contains("\"name\" : \"\($0)\"") }
        }
        #expect(communes.sorted { $0.first ?? "" < $1.first ?? "" } == [["A"], ["B"], ["C"]])
    }

    @Test("two letter.txt converted in separate runs keep separate outputs, and a rerun changes nothing")
    func namesAreStableAcrossRuns() throws {
        let dir = TempFolder()
        let a = dir.write("a/letter.txt", "TARGET 2024 A\n")
        let b = dir.write("b/letter.txt", "TARGET 2024 B\n")
        _ = try Converter.run(options(dir, [a]), stages: fakeStages())
        _ = try Converter.run(options(dir, [b]), stages: fakeStages())
        #expect(try text(dir.file("out/letter.txt")) == "TARGET 2024 A\n")
        let other = try #require(try outputs(dir).first { $0 != "letter.txt" && $0.hasSuffix(".txt") })
        #expect(try text(dir.file("out/" + other)) == "TARGET 2024 B\n")
        // Both in one run now: each keeps the name it was given.
        let again = try Converter.run(options(dir, [a, b]), stages: fakeStages())
        #expect(again.unchanged == 2)
        #expect(try text(dir.file("out/letter.txt")) == "TARGET 2024 A\n")
        #expect(try text(dir.file("out/" + other)) == "TARGET 2024 B\n")
        #expect(try outputs(dir).count == 4)
    }

    @Test("an output file overwritten by hand is repaired by the next run, which reports it unchanged")
    func overwrittenOutputIsRepaired() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 A\n")
        _ = try Converter.run(options(dir), stages: fakeStages())
        try "something else\n".write(toFile: dir.file("out/a.txt"), atomically: true, encoding: .utf8)
        let again = try Converter.run(options(dir), stages: fakeStages())
        #expect(again.unchanged == 1)
        #expect(try text(dir.file("out/a.txt")) == "TARGET 2024 A\n")
    }

    @Test("--force replaces the stored rows instead of leaving the old ones, and says so")
    func forceReplacesRows() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 Hung Dao\n")
        _ = try Converter.run(options(dir), stages: fakeStages())
        // A newer parser reads the same file differently.
        var newer = fakeStages()
        let parse = newer.parse
        newer.parse = { text, source in
            var record = parse(text, source)
            record.targets = record.targets.map { t in
                var t = t
                t.year = 2030
                return t
            }
            return record
        }
        let events = Events()
        let summary = try Converter.run(options(dir, force: true), stages: newer) { events.append($0.outcome) }
        #expect(summary.converted == 1 && summary.unchanged == 0)
        #expect(events.all == [.converted(pages: 0, restored: true, replaced: true)])
        let store = try Store.openForReading(path: dir.file("db.sqlite"))
        #expect(try store.query(CommuneQuery(name: "Hưng Đạo")).map(\.year) == [2030])
        let counts = try store.counts()
        #expect(counts.documents == 1 && counts.files == 1 && counts.targets == 1)
        #expect(try text(dir.file("out/a.json")).contains("2030"))
    }

    @Test("a document whose store transaction fails gets no output files")
    func noOutputsWithoutCommit() throws {
        let dir = TempFolder()
        dir.write("in/good.txt", "TARGET 2024 A\n")
        dir.write("in/refused.txt", "TARGET 2024 B\n")
        // A store that refuses one document at commit time, as a full disk would.
        let pool = try DatabasePool(path: dir.file("db.sqlite"))
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE documents (id INTEGER PRIMARY KEY)")
            try db.execute(sql: "DROP TABLE documents")
        }
        try pool.close()
        _ = try Store.openForWriting(path: dir.file("db.sqlite"))
        let queue = try DatabaseQueue(path: dir.file("db.sqlite"))
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.source LIKE '%refused%'
                    BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END
                    """)
        }
        try queue.close()
        let summary = try Converter.run(options(dir), stages: fakeStages())
        #expect(summary.converted == 1 && summary.failures.count == 1)
        #expect(try outputs(dir) == ["good.json", "good.txt"])
    }

    @Test("the same bytes under a .txt name fail in every run, not only the first")
    func wrongExtensionFailsEveryRun() throws {
        let dir = TempFolder()
        let image = Array("IMAGETARGET 2024 A\n".utf8) + [0, 1, 2, 0]
        dir.write("in/scan.png", bytes: image)
        dir.write("in/scan-copy.txt", bytes: image)
        for run in 0..<2 {
            let summary = try Converter.run(options(dir), stages: fakeStages())
            #expect(summary.failures.map(\.path) == [dir.file("in/scan-copy.txt")], "run \(run)")
            #expect(summary.failures.first?.message.contains("binary") == true)
        }
    }

    @Test("after a run the database file alone holds every document (the WAL is emptied)")
    func walIsCheckpointed() throws {
        let dir = TempFolder()
        for i in 0..<5 { dir.write("in/d\(i).txt", "TARGET 2024 Xã \(i)\n") }
        _ = try Converter.run(options(dir), stages: fakeStages())
        let wal = (try? FileManager.default.attributesOfItem(atPath: dir.file("db.sqlite-wal"))[.size] as? Int) ?? 0
        #expect(wal == 0)
        try FileManager.default.copyItem(atPath: dir.file("db.sqlite"), toPath: dir.file("copy.sqlite"))
        #expect(try Store.openForReading(path: dir.file("copy.sqlite")).counts().documents == 5)
    }

    @Test("another program's database, or a newer CongVan's store, is refused and left byte for byte as it was")
    func refusedStoreIsUntouched() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 A\n")
        let foreign = try DatabaseQueue(path: dir.file("foreign.sqlite"))
        try foreign.write { db in try db.execute(sql: "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)") }
        try foreign.close()
        let newer = try DatabaseQueue(path: dir.file("newer.sqlite"))
        try newer.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1'), ('v2'), ('v99')")
            try db.execute(sql: "CREATE TABLE documents (id INTEGER PRIMARY KEY)")
        }
        try newer.close()
        for name in ["foreign.sqlite", "newer.sqlite"] {
            let before = try Data(contentsOf: URL(fileURLWithPath: dir.file(name)))
            var opts = options(dir)
            opts.databasePath = dir.file(name)
            #expect(throws: StoreError.self) { try Converter.run(opts, stages: fakeStages()) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir.file(name))) == before, "\(name) changed")
            #expect(!FileManager.default.fileExists(atPath: dir.file(name + "-wal")), "\(name) got a WAL")
        }
    }

    @Test("partial files of a killed run are removed; a running writer's are kept")
    func leftoversAreRemoved() throws {
        let dir = TempFolder()
        dir.write("in/a.txt", "TARGET 2024 A\n")
        dir.write("out/.congvan-999999999-3.a.txt.tmp", "partial")
        dir.write("out/.congvan-1-1.b.txt.tmp", "being written by a live process")
        let old = dir.write("out/.dat.nosync1A2B.xYz123", "partial, from an older CongVan")
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: old)
        _ = try Converter.run(options(dir), stages: fakeStages())
        #expect(try outputs(dir) == [".congvan-1-1.b.txt.tmp", "a.json", "a.txt"])
    }
}
