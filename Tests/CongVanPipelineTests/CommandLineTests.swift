import CongVanCore
import CongVanStore
import CongVanTestSupport
import Foundation
import GRDB
import Testing

/// `congvan convert`, `query` and `search` run as processes with the real stages: reliability on
/// bad input, concurrent runs, a read-only store and a killed run.
@Suite(
    "congvan convert / query / search (command line)",
    .enabled(
        if: CLI.realStagesAvailable,
        "needs the built congvan, Lexicons/ (scripts/build-lexicons.sh) and tesseract-ocr-vie"), .serialized)
struct CommandLineTests {
    static let seeds = Repository.root + "/Fixtures/seeds"

    /// `count` clean directives: seed 001 and 004 with a line that makes each one distinct.
    func cleanDirectives(_ count: Int, in folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let texts = try ["001_77e30c44357ba8c1.txt", "004_19799acd80ce45fc.txt"].map {
            try String(contentsOfFile: Self.seeds + "/" + $0, encoding: .utf8)
        }
        for i in 0..<count {
            try (texts[i % 2] + "\n(Bản \(i))\n").write(
                toFile: folder + "/d\(i).txt", atomically: true, encoding: .utf8)
        }
    }

    @Test("bad files are each reported with a reason, good ones are stored, and the exit status is 1")
    func badFilesInAFolder() throws {
        let dir = TempFolder()
        try FileManager.default.copyItem(
            atPath: Self.seeds + "/001_77e30c44357ba8c1.txt", toPath: dir.file("in/good.txt").creatingFolder())
        try FileManager.default.copyItem(
            atPath: Repository.root + "/Fixtures/letter004-clean-p1.png", toPath: dir.file("in/good.png"))
        let png = try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Fixtures/letter004-clean-p2.png"))
        dir.write("in/corrupt.png", bytes: Array(png.prefix(2000)))
        dir.write("in/empty.png", bytes: [])
        dir.write("in/binary.txt", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: CLI.binary!)).prefix(4096)))
        dir.write(
            "in/latin1.txt",
            bytes: Array("Công văn số 12: ".utf8) + [0x50, 0x68, 0xE1, 0x74, 0x20, 0x74, 0x72, 0x69, 0xEA, 0x6E, 0x0A])
        dir.write(
            "in/nopages.pdf",
            "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        )
        let run = try CLI.run(["convert", "in", "--db", "s.sqlite", "--out", "out", "--jobs", "2"], in: dir.path)
        #expect(!run.crashed)
        #expect(run.status == 1)
        for bad in ["corrupt.png", "empty.png", "binary.txt", "latin1.txt", "nopages.pdf"] {
            let line = run.stderr.split(separator: "\n").first { $0.contains("in/" + bad) && !$0.hasPrefix("[") }
            #expect(line != nil, "no failure line for \(bad) in:\n\(run.stderr)")
        }
        #expect(run.stderr.contains("2 converted, 0 unchanged, 5 failed"), "\(run.stderr)")
        let store = try Store.openForReading(path: dir.file("s.sqlite"))
        #expect(try store.counts().documents == 2)
        // The two good inputs share the name `good`, so their outputs keep the extension.
        for file in ["good.txt.json", "good.txt.txt", "good.png.json", "good.png.txt"] {
            #expect(FileManager.default.fileExists(atPath: dir.file("out/" + file)), "\(file)")
        }
    }

    @Test("two convert runs on one store at the same time both succeed and store each document once")
    func twoRunsAtOnce() throws {
        let dir = TempFolder()
        try cleanDirectives(60, in: dir.file("in"))
        let runs = (0..<2).map { _ in
            CLI.start(["convert", "in", "--db", "s.sqlite", "--out", "out", "--jobs", "2"], in: dir.path)
        }
        for r in runs { try r.run() }
        for r in runs { r.waitUntilExit() }
        #expect(runs.map(\.terminationStatus) == [0, 0])
        let counts = try Store.openForReading(path: dir.file("s.sqlite")).counts()
        #expect(counts.documents == 60 && counts.files == 60)
        let again = try CLI.run(["convert", "in", "--db", "s.sqlite", "--out", "out"], in: dir.path)
        #expect(again.status == 0 && again.stderr.contains("0 converted, 60 unchanged, 0 failed"))
    }

    @Test("a run killed midway leaves a consistent store and the next run finishes the rest")
    func killedRunResumes() throws {
        let dir = TempFolder()
        let total = 150
        try cleanDirectives(total, in: dir.file("in"))
        let first = CLI.start(["convert", "in", "--db", "s.sqlite", "--out", "out", "--jobs", "2"], in: dir.path)
        try first.run()
        var stored = 0
        let deadline = Date().addingTimeInterval(120)
        while stored < 25, Date() < deadline, first.isRunning {
            Thread.sleep(forTimeInterval: 0.01)
            stored = (try? Store.openForReading(path: dir.file("s.sqlite")).counts().documents) ?? 0
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let queue = try DatabaseQueue(path: dir.file("s.sqlite"))
        let (integrity, orphans, partial) = try queue.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.document_id = d.id) OR NOT EXISTS (SELECT 1 FROM document_text t WHERE t.rowid = d.id)"
                ),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM documents")
            )
        }
        #expect(integrity == "ok")
        #expect(orphans == 0)
        let kept = try #require(partial)
        #expect(kept > 0 && kept < total, "the run was not interrupted midway (\(kept) of \(total) stored)")
        let second = try CLI.run(["convert", "in", "--db", "s.sqlite", "--out", "out", "--jobs", "2"], in: dir.path)
        #expect(second.status == 0)
        #expect(
            second.stderr.contains("\(total - kept) converted, \(kept) unchanged, 0 failed")
                || second.stderr.contains("unchanged, 0 failed"), "\(second.stderr)")
        #expect(try Store.openForReading(path: dir.file("s.sqlite")).counts().documents == total)
    }

    @Test("a read-only store is refused before any work, with a clear message, and can still be queried")
    func readOnlyStore() throws {
        let dir = TempFolder()
        try cleanDirectives(2, in: dir.file("in"))
        #expect(try CLI.run(["convert", "in", "--db", "s.sqlite", "--out", "out"], in: dir.path).status == 0)
        try cleanDirectives(4, in: dir.file("in"))
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: 0o444], ofItemAtPath: dir.file("s.sqlite"))
        try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: dir.file("out"))
        try fm.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        defer { try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path) }

        let refused = try CLI.run(
            ["convert", "in", "--db", "s.sqlite", "--out", "out"], in: dir.path, asUnprivileged: true)
        #expect(!refused.crashed && refused.status == 1)
        #expect(refused.stderr.contains("s.sqlite: the store cannot be written"), "\(refused.stderr)")
        #expect(try Store.openForReading(path: dir.file("s.sqlite")).counts().documents == 2)

        let newFile = try CLI.run(
            ["convert", "in", "--db", "new.sqlite", "--out", "out"], in: dir.path, asUnprivileged: true)
        #expect(!newFile.crashed && newFile.status == 1)
        #expect(newFile.stderr.contains("new.sqlite"), "\(newFile.stderr)")
        #expect(!fm.fileExists(atPath: dir.file("new.sqlite")))

        let query = try CLI.run(
            ["query", "Thái Niên", "--db", "s.sqlite", "--format", "json"], in: dir.path, asUnprivileged: true)
        #expect(query.status == 0, "\(query.stderr)")
    }

    @Test("a read-only store whose -wal file is there is refused before any document is read")
    func readOnlyStoreWithWAL() throws {
        let dir = TempFolder()
        try cleanDirectives(2, in: dir.file("in"))
        #expect(try CLI.run(["convert", "in", "--db", "s.sqlite", "--out", "out"], in: dir.path).status == 0)
        try cleanDirectives(4, in: dir.file("in"))
        let fm = FileManager.default
        // The WAL of a writer that was killed, a commit still in it, writable; the database
        // file is not. (Copied while the writer is open: closing empties and deletes it.)
        let writer = try DatabasePool(path: dir.file("s.sqlite"))
        try writer.write { db in try db.execute(sql: "INSERT INTO commune_names VALUES ('zz')") }
        for suffix in ["-wal", "-shm"] {
            try fm.copyItem(atPath: dir.file("s.sqlite" + suffix), toPath: dir.file("saved" + suffix))
        }
        try writer.close()
        for suffix in ["-wal", "-shm"] {
            try? fm.removeItem(atPath: dir.file("s.sqlite" + suffix))
            try fm.moveItem(atPath: dir.file("saved" + suffix), toPath: dir.file("s.sqlite" + suffix))
        }
        for (file, mode) in [
            ("s.sqlite", 0o444), ("s.sqlite-wal", 0o666), ("s.sqlite-shm", 0o666), ("out", 0o777), ("", 0o777),
        ] {
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: dir.file(file))
        }
        try fm.removeItem(atPath: dir.file("out"))
        let refused = try CLI.run(
            ["convert", "in", "--db", "s.sqlite", "--out", "out"], in: dir.path, asUnprivileged: true)
        #expect(!refused.crashed && refused.status == 1)
        #expect(refused.stderr.contains("s.sqlite: the store cannot be written"), "\(refused.stderr)")
        // Refused as a whole, before any document: no document line, no list of failures.
        #expect(!refused.stderr.contains("in/d"), "\(refused.stderr)")
        #expect(!fm.fileExists(atPath: dir.file("out/d2.txt")))
    }

    @Test("query prints JSON, CSV and a table for people; search finds words without diacritics")
    func queryAndSearchOutput() throws {
        let dir = TempFolder()
        try cleanDirectives(2, in: dir.file("in"))
        #expect(try CLI.run(["convert", "in", "--db", "s.sqlite", "--out", "out"], in: dir.path).status == 0)

        let json = try CLI.run(["query", "thai nien", "--db", "s.sqlite", "--format", "json"], in: dir.path)
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let hit = try #require(hits.first)
        #expect(hit["commune"] as? String == "Thái Niên")
        #expect(hit["year"] as? Int == 2020)
        #expect((hit["document"] as? [String: Any])?["number"] as? String == "417/UBND-NLN")

        let csv = try CLI.run(["query", "Thai Nien", "--db", "s.sqlite", "--format", "csv"], in: dir.path)
        #expect(csv.stdout.hasPrefix("commune,district,province,code,type,indicator,level,quantity"))
        let table = try CLI.run(["query", "Thái Niên", "--db", "s.sqlite"], in: dir.path)
        #expect(table.stdout.contains("Thái Niên (district Bảo Thắng, province Lào Cai)"), "\(table.stdout)")
        // A district or a province is answered as one; --province, --level and --status filter.
        let district = try CLI.run(["query", "huyện", "Bảo", "Thắng", "--db", "s.sqlite"], in: dir.path)
        #expect(district.stdout.hasPrefix("District Bảo Thắng: "), "\(district.stdout)")
        let province = try CLI.run(
            ["query", "--province", "lao cai", "--level", "ntm", "--db", "s.sqlite", "--format", "json"], in: dir.path)
        let inProvince = try #require(
            try JSONSerialization.jsonObject(with: Data(province.stdout.utf8)) as? [[String: Any]])
        #expect(inProvince.contains { $0["commune"] as? String == "Thái Niên" })
        #expect(
            inProvince.allSatisfy {
                $0["province"] as? String == "Lào Cai" && $0["level"] as? String == "nông thôn mới"
            })
        let bad = try CLI.run(["query", "Thái Niên", "--status", "done", "--db", "s.sqlite"], in: dir.path)
        #expect(bad.status != 0 && bad.stderr.contains("--status is target or achievement"))

        let search = try CLI.run(["search", "trung khanh", "--db", "s.sqlite", "--format", "json"], in: dir.path)
        let found = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]])
        #expect(found.count == 1)

        let missing = try CLI.run(["query", "Thái Niên", "--db", "none.sqlite"], in: dir.path)
        #expect(missing.status != 0 && missing.stderr.contains("none.sqlite: no store here yet"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("none.sqlite")))
    }
}
