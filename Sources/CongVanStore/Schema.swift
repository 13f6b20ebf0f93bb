import GRDB

/// The store's tables, created by numbered migrations so a store written by an older CongVan is
/// upgraded in place and never rebuilt.
///
/// - `documents`: one row per distinct content (SHA-256 of the file's bytes), with the header
///   fields, the record as JSON and the restored text.
/// - `files`: which path holds which document; a changed file points its path at a new document
///   and the old one goes when no path refers to it any more.
/// - `communes`: the communes a document names (`DirectiveRecord.communes`).
/// - `targets`: targets and achievements (`kind`), each with its figures and sentence;
///   `achievements` is a view of the achievement rows.
/// - `target_communes`: the communes a target names, with the folded and tone keys that
///   `query` matches on.
/// - `references`: documents a directive cites.
/// - `commune_names`: every distinct folded commune name, the short list a typo is matched against.
/// - `document_text`: FTS5 over the folded restored text (see `TextSearch`).
///
/// v3 keeps a target's `level` and `year_start` (a period's first year), a commune's own
/// `year_start`, and the folded district and province of each commune a target names, so
/// `query` answers for a district or a province.
///
/// v2 gives each file its `--out` name (`files.output_name`), chosen once and kept: names are
/// unique across the store (case aside), so two inputs never write the same output file, in
/// one run or in several.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE documents (
                        id INTEGER PRIMARY KEY,
                        content_hash TEXT NOT NULL UNIQUE,
                        source TEXT NOT NULL,
                        input_type TEXT NOT NULL,
                        pages INTEGER NOT NULL,
                        restored INTEGER NOT NULL,
                        kind TEXT, number TEXT, number_suffix TEXT, date TEXT, place TEXT,
                        issuer TEXT, subject TEXT, signer TEXT,
                        record_json TEXT NOT NULL,
                        restored_text TEXT NOT NULL,
                        converted_at TEXT NOT NULL
                    );
                    CREATE TABLE files (
                        path TEXT PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
                    ) WITHOUT ROWID;
                    CREATE INDEX files_document ON files(document_id);
                    CREATE TABLE communes (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        name TEXT NOT NULL, name_fold TEXT NOT NULL, name_tone TEXT NOT NULL,
                        type TEXT, district TEXT, province TEXT, code TEXT, successor TEXT,
                        ambiguous INTEGER NOT NULL, candidates TEXT NOT NULL
                    );
                    CREATE INDEX communes_document ON communes(document_id);
                    CREATE INDEX communes_fold ON communes(name_fold);
                    CREATE TABLE targets (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL CHECK (kind IN ('target', 'achievement')),
                        position INTEGER NOT NULL,
                        quantity REAL, quantity_max REAL, unit TEXT, indicator TEXT, year INTEGER, scope TEXT,
                        sentence TEXT NOT NULL, line INTEGER NOT NULL
                    );
                    CREATE INDEX targets_document ON targets(document_id);
                    CREATE VIEW achievements AS SELECT * FROM targets WHERE kind = 'achievement';
                    CREATE TABLE target_communes (
                        target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        name TEXT NOT NULL, name_fold TEXT NOT NULL, name_tone TEXT NOT NULL,
                        district TEXT, province TEXT, code TEXT, year INTEGER
                    );
                    CREATE INDEX target_communes_fold ON target_communes(name_fold);
                    CREATE INDEX target_communes_target ON target_communes(target_id);
                    CREATE TABLE "references" (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        kind TEXT, number TEXT, date TEXT
                    );
                    CREATE INDEX references_document ON "references"(document_id);
                    CREATE TABLE commune_names (name_fold TEXT PRIMARY KEY) WITHOUT ROWID;
                    CREATE VIRTUAL TABLE document_text USING fts5(text, tokenize = 'unicode61');
                    """)
        }
        m.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    ALTER TABLE files ADD COLUMN output_name TEXT;
                    CREATE UNIQUE INDEX files_output_name ON files(output_name COLLATE NOCASE);
                    """)
        }
        m.registerMigration("v3") { db in
            try db.execute(
                sql: """
                    ALTER TABLE targets ADD COLUMN level TEXT;
                    ALTER TABLE targets ADD COLUMN year_start INTEGER;
                    ALTER TABLE target_communes ADD COLUMN year_start INTEGER;
                    ALTER TABLE target_communes ADD COLUMN district_fold TEXT;
                    ALTER TABLE target_communes ADD COLUMN province_fold TEXT;
                    CREATE INDEX target_communes_district ON target_communes(district_fold);
                    CREATE INDEX target_communes_province ON target_communes(province_fold);
                    """)
            // Rows written before v3 get the folded keys of the places they already name.
            let rows = try Row.fetchAll(db, sql: "SELECT rowid, district, province FROM target_communes")
            for row in rows {
                let district: String? = row["district"]
                let province: String? = row["province"]
                try db.execute(
                    sql: "UPDATE target_communes SET district_fold = ?, province_fold = ? WHERE rowid = ?",
                    arguments: [district.map(NameKey.fold), province.map(NameKey.fold), row["rowid"] as Int64])
            }
        }
        return m
    }
}
