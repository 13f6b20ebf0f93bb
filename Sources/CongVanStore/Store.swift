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
    /// processed when the path cannot be written; a file that is not a CongVan store (another
    /// program's database, a newer CongVan's store, not SQLite at all) is refused untouched.
    public static func openForWriting(path: String) throws(StoreError) -> Store {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDir)
        if exists, isDir.boolValue {
            throw .cannotOpen(path: path, reason: "it is a folder")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !fm.fileExists(atPath: folder) {
            do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw .cannotOpen(path: path, reason: "its folder cannot be created: \(error.localizedDescription)")
            }
        }
        try checkWritable(path, folder: folder)
        // Creating and migrating a store is not safe against another process doing the same at
        // the same moment (GRDB reads the applied migrations outside the migration's
        // transaction), so openers take turns on a lock of the folder. A folder lock, not a
        // lock of the database file: closing a descriptor of that file would drop SQLite's own
        // locks on it.
        let folderLock = FolderLock(folder)
        defer { folderLock.release() }
        // Opening a pool switches the file to WAL, which writes to it: an existing file is first
        // inspected read-only, so one that is refused is left exactly as it was.
        if exists, ((try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) > 0 {
            try inspect(path)
        }
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

    /// SQLite opens a file it may not write read-only without a word, and in WAL mode with a
    /// `-wal` file present even takes the write lock; the failure then comes with the first
    /// commit, after a document's work. So the file, its `-wal` and `-shm` files and (when one of
    /// those must be created) its folder are checked for write access first.
    static func checkWritable(_ path: String, folder: String) throws(StoreError) {
        let fm = FileManager.default
        var mustCreate = false
        for file in [path, path + "-wal", path + "-shm"] {
            if fm.fileExists(atPath: file) {
                if access(file, W_OK) != 0 { throw .readOnly(path: path) }
            } else {
                mustCreate = true
            }
        }
        if mustCreate, access(folder.isEmpty ? "." : folder, W_OK) != 0 { throw .readOnly(path: path) }
    }

    /// Reads an existing file's schema without changing it (read-only, and as an immutable file
    /// when even a read-only connection would need to create a `-shm` file).
    private static func inspect(_ path: String) throws(StoreError) {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "congvan.store.inspect"
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try checkSchema(queue, path: path)
            try queue.close()
        } catch {
            throw StoreError.from(error, path: path, operation: "opening the store")
        }
    }

    /// Opens an existing store for `query` and `search`; never creates or changes the file, so a
    /// store on a read-only disk or owned by another user can still be queried.
    public static func openForReading(path: String) throws(StoreError) -> Store {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw .missing(path: path) }
        if isDir.boolValue { throw .cannotOpen(path: path, reason: "it is a folder") }
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

    /// Whether `path` (as `storedPath(forFile:)` gives it) already holds `contentHash`. With
    /// `inputType`, content stored as another type is new: the same bytes under a `.txt` name
    /// and a `.png` name are two inputs, and one that fails must fail in every run.
    public func status(
        path: String, contentHash: String, inputType: StoredDocument.InputType? = nil
    ) throws(StoreError) -> FileStatus {
        try read("looking up \(path)") { db in
            guard let id = try Self.document(db, contentHash: contentHash, inputType: inputType) else { return .new }
            let current = try Int64.fetchOne(db, sql: "SELECT document_id FROM files WHERE path = ?", arguments: [path])
            return current == id ? .current : .storedElsewhere
        }
    }

    /// Points `path` at content already stored (a copy or a moved file); false when the content
    /// is not stored (it must then be converted and saved).
    public func link(
        path: String, contentHash: String, inputType: StoredDocument.InputType? = nil
    ) throws(StoreError) -> Bool {
        try write("recording \(path)") { db in
            guard let id = try Self.document(db, contentHash: contentHash, inputType: inputType) else { return false }
            try Self.point(db, path: path, at: id)
            return true
        }
    }

    /// The document holding `contentHash` (of `inputType`, when given).
    static func document(
        _ db: Database, contentHash: String, inputType: StoredDocument.InputType?
    ) throws -> Int64? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT id, input_type FROM documents WHERE content_hash = ?", arguments: [contentHash])
        else { return nil }
        if let inputType, (row["input_type"] as String) != inputType.rawValue { return nil }
        return row["id"]
    }

    /// Saves one document and its rows in one transaction. With `replacing`, content already
    /// stored gets this conversion's rows in place of its old ones (`convert --force`): the
    /// document keeps its id and every path that refers to it.
    public func save(_ doc: StoredDocument, replacing: Bool = false) throws(StoreError) -> SaveOutcome {
        let json: String
        if let given = doc.recordJSON { json = given } else { json = try Self.recordJSON(doc.record) }
        let folded = Vietnamese.foldKey(doc.text)
        return try write("saving \(doc.path)") { db in
            if let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM documents WHERE content_hash = ?", arguments: [doc.contentHash])
            {
                guard replacing else {
                    try Self.point(db, path: doc.path, at: id)
                    return .unchanged
                }
                try Self.deleteRows(db, of: id)
                try Self.insert(db, doc, json: json, folded: folded, replacing: id)
                try Self.point(db, path: doc.path, at: id)
                return .replaced
            }
            let id = try Self.insert(db, doc, json: json, folded: folded)
            return try Self.point(db, path: doc.path, at: id) ? .replaced : .added
        }
    }

    /// Removes the rows that hang from a document (not the document's own row, which the paths
    /// referring to it need).
    static func deleteRows(_ db: Database, of id: Int64) throws {
        try db.execute(sql: "DELETE FROM document_text WHERE rowid = ?", arguments: [id])
        for table in ["communes", "targets", "\"references\""] {
            try db.execute(sql: "DELETE FROM \(table) WHERE document_id = ?", arguments: [id])
        }
    }

    /// The `--out` name of the file at `path`: the one it was given before, else the first of
    /// `preferred` that no other file of the store has (case aside), else the file's name with a
    /// hash of its path, which no other path has. Kept from then on, so a document's output
    /// files keep their names from run to run and no two files ever share them.
    public func outputName(forPath path: String, preferring preferred: [String]) throws(StoreError) -> String {
        let given = try read("looking up \(path)") { db in
            try String.fetchOne(db, sql: "SELECT output_name FROM files WHERE path = ?", arguments: [path])
        }
        if let given { return given }
        let leaf = URL(fileURLWithPath: path).lastPathComponent
        let hash = ContentHash.hex(of: Array(path.utf8))
        let candidates = preferred + [leaf + "-" + hash.prefix(8), leaf + "-" + hash]
        return try write("naming the output of \(path)") { db in
            if let given = try String.fetchOne(
                db, sql: "SELECT output_name FROM files WHERE path = ?", arguments: [path])
            {
                return given
            }
            for name in candidates {
                let taken =
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM files WHERE output_name = ? COLLATE NOCASE)",
                        arguments: [name]) ?? true
                guard !taken else { continue }
                try db.execute(sql: "UPDATE files SET output_name = ? WHERE path = ?", arguments: [name, path])
                guard db.changesCount == 1 else {
                    throw StoreError.failed(
                        path: self.path, operation: "naming the output of \(path)", reason: "the file is not stored")
                }
                return name
            }
            throw StoreError.failed(
                path: self.path, operation: "naming the output of \(path)", reason: "every name is taken")
        }
    }

    /// Writes everything committed into the database file itself and empties the `-wal` file, so
    /// a copy of the database file alone is the whole store. Best effort: while another process
    /// reads or writes the store the WAL cannot be emptied, and the last one to finish does it.
    public func checkpoint() {
        guard let writer else { return }
        _ = try? writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
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

    /// Inserts the document's rows; with `replacing`, that document's own row is updated instead
    /// (its other rows were deleted) and keeps its id.
    @discardableResult
    static func insert(
        _ db: Database, _ doc: StoredDocument, json: String, folded: String, replacing existing: Int64? = nil
    ) throws -> Int64 {
        let r = doc.record
        let values: [(any DatabaseValueConvertible)?] = [
            doc.contentHash, doc.path, doc.inputType.rawValue, doc.pages, doc.restored, r.kind, r.number,
            r.numberSuffix, r.date, r.place, r.issuer, r.subject, r.signer, json, doc.text,
            ISO8601DateFormatter().string(from: Date()),
        ]
        let columns = """
            content_hash, source, input_type, pages, restored, kind, number, number_suffix, date, place, issuer, \
            subject, signer, record_json, restored_text, converted_at
            """
        let id: Int64
        if let existing {
            try db.execute(
                sql: "UPDATE documents SET (\(columns)) = (\(databaseQuestionMarks(count: values.count))) WHERE id = ?",
                arguments: StatementArguments(values + [existing]))
            id = existing
        } else {
            try db.cachedStatement(
                sql: "INSERT INTO documents (\(columns)) VALUES (\(databaseQuestionMarks(count: values.count)))"
            ).execute(arguments: StatementArguments(values))
            id = db.lastInsertedRowID
        }
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
                INSERT INTO targets (document_id, kind, position, quantity, quantity_max, unit, indicator, year, scope, sentence, line,
                    level, year_start)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let targetCommune = try db.cachedStatement(
            sql: """
                INSERT INTO target_communes (target_id, position, name, name_fold, name_tone, district, province, code, year,
                    year_start, district_fold, province_fold)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let name = try db.cachedStatement(sql: "INSERT OR IGNORE INTO commune_names (name_fold) VALUES (?)")
        for (kind, list) in [("target", r.targets), ("achievement", r.achievements)] {
            for (i, t) in list.enumerated() {
                try target.execute(arguments: [
                    id, kind, i, t.quantity, t.quantityMax, t.unit, t.indicator, t.year, t.scope, t.sentence, t.line,
                    t.level, t.yearStart,
                ])
                let targetID = db.lastInsertedRowID
                for (k, c) in t.communes.enumerated() {
                    let fold = NameKey.fold(c.name)
                    try targetCommune.execute(arguments: [
                        targetID, k, c.name, fold, NameKey.tone(c.name), c.district, c.province, c.code, c.year,
                        c.yearStart, c.district.map(NameKey.fold), c.province.map(NameKey.fold),
                    ])
                    try name.execute(arguments: [fold])
                }
            }
        }
        return id
    }

    /// The record as stored and as `convert` writes it to `<name>.json`: keys sorted, `null` kept.
    public static func recordJSON(_ record: DirectiveRecord) throws(StoreError) -> String {
        do { return try RecordJSON.encode(record) } catch {
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
            let record = try RecordJSON.decode(row["record_json"])
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
