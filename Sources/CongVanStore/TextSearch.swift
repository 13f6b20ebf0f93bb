import CongVanCore
import Foundation
import GRDB

/// `congvan search TEXT`: full-text search over the restored text.
///
/// SQLite's `unicode61` tokenizer folds most diacritics but not `đ`, so the index holds the text
/// folded by `Vietnamese.foldKey` (one scalar for one scalar) and queries are folded the same way:
/// `dat chuan` finds `đạt chuẩn`. Snippets are cut from the original text at the same scalar
/// offsets, so they keep their diacritics.
public struct SearchHit: Sendable, Codable, Equatable {
    public var document: TargetHit.Document
    /// A window of the restored text around the best match, matches marked «like this».
    public var snippet: String
    /// 1-based line of the restored text where the snippet's first match is.
    public var line: Int
    /// bm25 relevance (higher is better).
    public var score: Double

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(document, forKey: .document)
        try c.encode(snippet, forKey: .snippet)
        try c.encode(line, forKey: .line)
        try c.encode(score, forKey: .score)
    }
}

extension Store {
    /// Documents whose restored text has every word of `text` (a part in double quotes must occur
    /// as that phrase), best first.
    public func search(_ text: String, limit: Int = 20) throws(StoreError) -> [SearchHit] {
        let parsed = SearchTerms(text)
        guard !parsed.words.isEmpty else { throw .invalidQuery("'\(text)' has no word to search for") }
        return try read("searching") { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.kind, d.number, d.date, d.issuer, d.subject, d.source, d.restored_text, -bm25(document_text) AS score
                    FROM document_text JOIN documents d ON d.id = document_text.rowid
                    WHERE document_text MATCH ? ORDER BY bm25(document_text) LIMIT ?
                    """, arguments: [parsed.ftsQuery, max(1, limit)])
            return rows.map { row in
                let (snippet, line) = Snippet.make(text: row["restored_text"], words: Set(parsed.words))
                return SearchHit(
                    document: .init(
                        kind: row["kind"], number: row["number"], date: row["date"], issuer: row["issuer"],
                        subject: row["subject"], source: row["source"]),
                    snippet: snippet, line: line, score: row["score"])
            }
        }
    }
}

/// The folded words of a search and the FTS5 query that finds them: every bare word and every
/// quoted phrase must occur. Words are quoted for FTS5, so no input is read as query syntax.
struct SearchTerms {
    var words: [String] = []
    var ftsQuery = ""

    init(_ text: String) {
        var parts: [String] = []
        for (i, segment) in Vietnamese.foldKey(text).split(separator: "\"", omittingEmptySubsequences: false)
            .enumerated()
        {
            let tokens = Self.tokens(String(segment))
            guard !tokens.isEmpty else { continue }
            words += tokens
            if i % 2 == 1 {
                parts.append("\"" + tokens.joined(separator: " ") + "\"")
            } else {
                parts += tokens.map { "\"" + $0 + "\"" }
            }
        }
        ftsQuery = parts.joined(separator: " ")
    }

    /// Runs of letters and digits, as unicode61 splits them.
    static func tokens(_ folded: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for u in folded.unicodeScalars {
            if u.properties.isAlphabetic || u.properties.numericType != nil {
                current.append(u)
            } else if !current.isEmpty {
                out.append(String(current))
                current = .init()
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }
}

/// Cuts a snippet of about `width` words around the place where most of the searched words occur
/// close together.
enum Snippet {
    static func make(text: String, words: Set<String>, width: Int = 24) -> (String, Int) {
        let original = Array(text.unicodeScalars)
        let folded = Array(Vietnamese.foldKey(text).unicodeScalars)
        guard original.count == folded.count else { return (String(text.prefix(200)), 1) }
        // Word spans in scalar offsets, and which of them are searched words.
        var spans: [(start: Int, end: Int, hit: Bool)] = []
        var i = 0
        func isWord(_ u: Unicode.Scalar) -> Bool { u.properties.isAlphabetic || u.properties.numericType != nil }
        while i < folded.count {
            guard isWord(folded[i]) else {
                i += 1
                continue
            }
            let start = i
            while i < folded.count, isWord(folded[i]) { i += 1 }
            let word = String(String.UnicodeScalarView(folded[start..<i]))
            spans.append((start, i, words.contains(word)))
        }
        guard !spans.isEmpty else { return ("", 1) }
        // The window with the most distinct searched words; ties go to the earliest.
        var bestStart = 0
        var bestScore = -1
        for s in spans.indices where spans[s].hit {
            var seen = Set<String>()
            for k in s..<min(spans.count, s + width) where spans[k].hit {
                seen.insert(String(String.UnicodeScalarView(folded[spans[k].start..<spans[k].end])))
            }
            if seen.count > bestScore {
                bestScore = seen.count
                bestStart = s
            }
        }
        let first = max(0, bestStart - width / 4)
        let last = min(spans.count - 1, first + width - 1)
        var out = first > 0 ? "…" : ""
        var cursor = spans[first].start
        for k in first...last {
            out += flatten(original[cursor..<spans[k].start])
            let word = String(String.UnicodeScalarView(original[spans[k].start..<spans[k].end]))
            out += spans[k].hit ? "«" + word + "»" : word
            cursor = spans[k].end
        }
        if last < spans.count - 1 { out += "…" }
        let line = 1 + original[..<spans[bestStart].start].reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        return (out, line)
    }

    /// The text between two words on one line: runs of white space become one space.
    private static func flatten(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for u in scalars {
            if Vietnamese.isSpace(u) {
                space = true
                continue
            }
            if space {
                out.append(" ")
                space = false
            }
            out.append(u)
        }
        if space { out.append(" ") }
        return String(out)
    }
}
