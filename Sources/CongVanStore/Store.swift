import CongVanCore
import Foundation
import GRDB

/// The SQLite store of converted directives (GRDB, WAL mode).
///
/// Writers hold a `DatabasePool`: each document is saved in one IMMEDIATE transaction, so a run
/// killed midway leaves whole documents only, and two `convert` runs on one file take turns
/// (busy timeout) instead of failing. Readers (`query`, `search`) open the file read-only and are
/// never blocked by a writer.
public final class Store: Sendable {
    /// How long a write waits for another process's transaction before giving up.
    public static let busyTimeout: Double = 60

    /// The database file as the user named it.
    public let path: String
    let reader: any DatabaseReader
    let writer: (any DatabaseWriter)?
    /// Folder the stored file paths are relative to (the database's folder).
    let baseDirectory: String

    private init(path: String, reader: any DatabaseReader, writer: (any DatabaseWriter)?) {
        self.path = path
        self.reader = reader
        self.writer = writer
        baseDirectory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    }

    /// Opens (creating and migrating as needed) a store to write to. Fails before any document is
    /// processed when the path cannot be written.
    public static func openForWriting(path: String) throws(StoreError) -> Store {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw .cannotOpen(path: path, reason: "it is a folder")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !fm.fileExists(atPath: folder) {
            do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw .cannotOpen(path: path, reason: "its folder cannot be created: \(error.localizedDescription)")
            }
        }
        // Creating and migrating a store is not safe against another process doing the same at
        // the same moment (GRDB reads the applied migrations outside the migration's
        // transaction), so openers take turns on a lock of the folder. A folder lock, not a
        // lock of the database file: closing a descriptor of that file would drop SQLite's own
        // locks on it.
        let folderLock = FolderLock(folder)
        defer { folderLock.release() }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "congvan.store"
        // WAL with synchronous=NORMAL: a commit is atomic and survives a killed process; only a
        // power cut can lose the last commits, never consistency.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            try checkSchema(pool, path: path)
            try Schema.migrator.migrate(pool)
            // Opening never writes when the schema is current; take the write lock once so a
            // read-only file fails here, not after the first document has been OCR'd.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS write_probe(x)")
                try db.execute(sql: "ROLLBACK")
            }
            return Store(path: path, reader: pool, writer: pool)
        } catch {
            throw StoreError.from(error, path: path, operation: "opening the store")
        }
    }

    /// Opens an existing store for `query` and `search`; never creates or changes the file, so a
    /// store on a read-only disk or owned by another user can still be queried.
    public static func openForReading(path: String) throws(StoreError) -> Store {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        do {
            return try openReader(path, sqlitePath: path)
        } catch {
            // A WAL store needs its `-shm` file even to read. In a folder this user cannot write,
            // where no writer can be at work either, read the file as immutable instead.
            guard case .readOnly = error else { throw error }
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let uri =
                "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute)
                + "?immutable=1"
            return try openReader(path, sqlitePath: uri)
        }
    }

    private static func openReader(_ path: String, sqlitePath: String) throws(StoreError) -> Store {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "congvan.store.read"
        do {
            let queue = try DatabaseQueue(path: sqlitePath, configuration: config)
            let tables = try queue.read { db in try db.tableExists("documents") && db.tableExists("target_communes") }
            guard tables else { throw StoreError.notAStore(path: path, reason: "it has no CongVan tables") }
            try checkSchema(queue, path: path)
            return Store(path: path, reader: queue, writer: nil)
        } catch {
            throw StoreError.from(error, path: path, operation: "opening the store")
        }
    }

    /// Refuses a store that has migrations this version does not know.
    private static func checkSchema(_ reader: any DatabaseReader, path: String) throws {
        let known = Set(Schema.migrator.migrations)
        let applied: [String] = try reader.read { db in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        if applied.contains(where: { !known.contains($0) }) { throw StoreError.newerSchema(path: path) }
        if !applied.isEmpty {
            let hasDocuments = try reader.read { db in try db.tableExists("documents") }
            if !hasDocuments { throw StoreError.notAStore(path: path, reason: "it belongs to another program") }
        } else {
            // An existing database with tables of its own is someone else's: do not add ours.
            let foreign = try reader.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") ?? 0
            }
            if foreign > 0 {
                throw StoreError.notAStore(path: path, reason: "it is an SQLite database of another program")
            }
        }
    }

    /// How a file's path is recorded: relative to the database's folder when the file is below
    /// it (so a project folder can move with its store), absolute otherwise.
    public func storedPath(forFile file: String) -> String {
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path
        let base = URL(fileURLWithPath: baseDirectory).resolvingSymlinksInPath().path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    // MARK: Writing

    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        guard let writer else { throw .readOnly(path: path) }
        do { return try writer.write(body) } catch { throw StoreError.from(error, path: path, operation: operation) }
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try reader.read(body) } catch { throw StoreError.from(error, path: path, operation: operation) }
    }

    /// Whether `path` (as `storedPath(forFile:)` gives it) already holds `contentHash`.
    public func status(path: String, contentHash: String) throws(StoreError) -> FileStatus {
        try read("looking up \(path)") { db in
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM documents WHERE content_hash = ?", arguments: [contentHash])
            else {
                return .new
            }
            let current = try Int64.fetchOne(db, sql: "SELECT document_id FROM files WHERE path = ?", arguments: [path])
            return current == id ? .current : .storedElsewhere
        }
    }

    /// Points `path` at content already stored (a copy or a moved file); false when the content
    /// is not stored (it must then be converted and saved).
    public func link(path: String, contentHash: String) throws(StoreError) -> Bool {
        try write("recording \(path)") { db in
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM documents WHERE content_hash = ?", arguments: [contentHash])
            else {
                return false
            }
            try Self.point(db, path: path, at: id)
            return true
        }
    }

    /// Saves one document and its rows in one transaction.
    public func save(_ doc: StoredDocument) throws(StoreError) -> SaveOutcome {
        let json: String
        if let given = doc.recordJSON { json = given } else { json = try Self.recordJSON(doc.record) }
        let folded = FastFold.foldKey(doc.text)
        return try write("saving \(doc.path)") { db in
            if let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM documents WHERE content_hash = ?", arguments: [doc.contentHash])
            {
                try Self.point(db, path: doc.path, at: id)
                return .unchanged
            }
            let id = try Self.insert(db, doc, json: json, folded: folded)
            return try Self.point(db, path: doc.path, at: id) ? .replaced : .added
        }
    }

    /// Moves `path` to document `id`; drops the document it pointed at before if no path refers
    /// to it any more. True when `path` pointed at another document before.
    @discardableResult
    static func point(_ db: Database, path: String, at id: Int64) throws -> Bool {
        let old = try Int64.fetchOne(db, sql: "SELECT document_id FROM files WHERE path = ?", arguments: [path])
        if old == id { return false }
        try db.execute(
            sql:
                "INSERT INTO files (path, document_id) VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET document_id = excluded.document_id",
            arguments: [path, id])
        guard let old else { return false }
        let stillUsed =
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM files WHERE document_id = ?)", arguments: [old])
            ?? false
        if !stillUsed {
            try db.execute(sql: "DELETE FROM document_text WHERE rowid = ?", arguments: [old])
            try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [old])
        }
        return true
    }

    static func insert(_ db: Database, _ doc: StoredDocument, json: String, folded: String) throws -> Int64 {
        let r = doc.record
        try db.cachedStatement(
            sql: """
                INSERT INTO documents (content_hash, source, input_type, pages, restored, kind, number, number_suffix,
                    date, place, issuer, subject, signer, record_json, restored_text, converted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            doc.contentHash, doc.path, doc.inputType.rawValue, doc.pages, doc.restored, r.kind, r.number,
            r.numberSuffix, r.date, r.place, r.issuer, r.subject, r.signer, json, doc.text,
            ISO8601DateFormatter().string(from: Date()),
        ])
        let id = db.lastInsertedRowID
        try db.cachedStatement(sql: "INSERT INTO document_text (rowid, text) VALUES (?, ?)").execute(arguments: [
            id, folded,
        ])

        let commune = try db.cachedStatement(
            sql: """
                INSERT INTO communes (document_id, position, name, name_fold, name_tone, type, district, province, code,
                    successor, ambiguous, candidates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (i, c) in r.communes.enumerated() {
            let candidates = String(decoding: try JSONEncoder().encode(c.candidates), as: UTF8.self)
            try commune.execute(arguments: [
                id, i, c.name, NameKey.fold(c.name), NameKey.tone(c.name), c.type, c.district,
                c.province, c.code, c.successor, c.ambiguous, candidates,
            ])
        }
        let reference = try db.cachedStatement(
            sql: "INSERT INTO \"references\" (document_id, position, kind, number, date) VALUES (?, ?, ?, ?, ?)")
        for (i, ref) in r.references.enumerated() {
            try reference.execute(arguments: [id, i, ref.kind, ref.number, ref.date])
        }
        let target = try db.cachedStatement(
            sql: """
                INSERT INTO targets (document_id, kind, position, quantity, quantity_max, unit, indicator, year, scope, sentence, line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let targetCommune = try db.cachedStatement(
            sql: """
                INSERT INTO target_communes (target_id, position, name, name_fold, name_tone, district, province, code, year)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let name = try db.cachedStatement(sql: "INSERT OR IGNORE INTO commune_names (name_fold) VALUES (?)")
        for (kind, list) in [("target", r.targets), ("achievement", r.achievements)] {
            for (i, t) in list.enumerated() {
                try target.execute(arguments: [
                    id, kind, i, t.quantity, t.quantityMax, t.unit, t.indicator, t.year, t.scope, t.sentence, t.line,
                ])
                let targetID = db.lastInsertedRowID
                for (k, c) in t.communes.enumerated() {
                    let fold = NameKey.fold(c.name)
                    try targetCommune.execute(arguments: [
                        targetID, k, c.name, fold, NameKey.tone(c.name), c.district, c.province, c.code, c.year,
                    ])
                    try name.execute(arguments: [fold])
                }
            }
        }
        return id
    }

    /// The record as stored and as `convert` writes it to `<name>.json`: keys sorted, `null` kept.
    public static func recordJSON(_ record: DirectiveRecord) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { return String(decoding: try encoder.encode(record), as: UTF8.self) } catch {
            throw .failed(path: record.source, operation: "encoding the record", reason: error.localizedDescription)
        }
    }

    // MARK: Reading back

    /// The restored text and record JSON stored for a content hash (to rewrite `--out` files of a
    /// document that needs no new conversion).
    public func storedOutput(contentHash: String) throws(StoreError) -> (text: String, record: DirectiveRecord)? {
        try read("reading a stored document") { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT restored_text, record_json FROM documents WHERE content_hash = ?",
                    arguments: [contentHash])
            else { return nil }
            let record = try JSONDecoder().decode(DirectiveRecord.self, from: Data((row["record_json"] as String).utf8))
            return (row["restored_text"], record)
        }
    }

    public func counts() throws(StoreError) -> StoreCounts {
        try read("counting rows") { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return StoreCounts(
                documents: try count("SELECT count(*) FROM documents"),
                files: try count("SELECT count(*) FROM files"),
                targets: try count("SELECT count(*) FROM targets WHERE kind = 'target'"),
                achievements: try count("SELECT count(*) FROM achievements"),
                communes: try count("SELECT count(*) FROM communes"))
        }
    }
}

/// An exclusive `flock` on a folder, held while a writer opens and migrates the store. Best
/// effort: a folder that cannot be opened is simply not locked.
private final class FolderLock {
    private var fd: Int32

    init(_ folder: String) {
        fd = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if fd >= 0 { while flock(fd, LOCK_EX) != 0 && errno == EINTR {} }
    }

    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
