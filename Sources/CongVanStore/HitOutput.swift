import CongVanCore
import Foundation

/// How `query` and `search` print their results.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// For people: grouped per commune, one block per hit.
    case table
    /// An array of objects (fields as in `TargetHit` / `SearchHit`).
    case json
    /// One object per line (JSON Lines), keys sorted: for `jq`, streaming readers and appending.
    case jsonl
    /// One row per hit, with a header row (RFC 4180 quoting).
    case csv
}

/// Renders query and search results.
public enum HitOutput {
    public static func render(
        _ hits: [TargetHit], as format: OutputFormat, query: CommuneQuery, scope: QueryScope = .commune
    ) throws -> String {
        switch format {
        case .json: return try json(hits)
        case .jsonl: return try jsonLines(hits)
        case .csv:
            let header = [
                "commune", "district", "province", "code", "type", "indicator", "level", "quantity", "quantity_max",
                "unit", "year", "year_start", "scope", "sentence", "line", "match", "document_kind", "document_number",
                "document_date",
                "document_issuer", "document_subject", "document_source",
            ]
            let rows = hits.map { h in
                [
                    h.commune, h.district, h.province, h.code, h.type, h.indicator, h.level, h.quantity.map(number),
                    h.quantityMax.map(number),
                    h.unit, h.year.map(String.init), h.yearStart.map(String.init), h.scope, h.sentence, String(h.line),
                    h.match.rawValue,
                    h.document.kind,
                    h.document.number, h.document.date, h.document.issuer, h.document.subject, h.document.source,
                ]
            }
            return csv(header: header, rows: rows, text: ["code", "document_number"])
        case .table: return table(hits, query: query, scope: scope)
        }
    }

    public static func render(_ hits: [SearchHit], as format: OutputFormat, text: String) throws -> String {
        switch format {
        case .json: return try json(hits)
        case .jsonl: return try jsonLines(hits)
        case .csv:
            let rows = hits.map { h in
                [
                    h.document.kind, h.document.number, h.document.date, h.document.subject, h.document.source,
                    String(h.line), String(format: "%.3f", h.score), h.snippet,
                ]
            }
            return csv(
                header: [
                    "document_kind", "document_number", "document_date", "document_subject", "document_source",
                    "line", "score", "snippet",
                ], rows: rows, text: ["document_number"])
        case .table:
            guard !hits.isEmpty else { return "No document contains \(shown(text)).\n" }
            var out = ""
            for (i, h) in hits.enumerated() {
                out += "\(i + 1). \(shown(describe(h.document))) — \(shown(h.document.source)):\(h.line)\n"
                out += "   \(shown(h.snippet))\n"
            }
            return out
        }
    }

    /// Text from documents and file names, escaped for the terminal (table output only: JSON and
    /// CSV keep it as it is).
    static func shown(_ text: String) -> String { TerminalText.escaped(text) }

    static func table(_ hits: [TargetHit], query: CommuneQuery, scope: QueryScope = .commune) -> String {
        let what =
            query.status ?? (query.includeAchievements ? "target or achievement" : "target")
        let year = query.year.map { " for \($0)" } ?? ""
        let level = query.canonicalLevel.map { " at level \($0)" } ?? ""
        let name = query.name.isEmpty ? query.province ?? "" : query.name
        guard !hits.isEmpty else {
            switch scope {
            case .commune: return "No \(what)\(level) names the commune \(shown(name))\(year).\n"
            case .district, .province:
                return "No \(what)\(level) names a commune of the \(scope.rawValue) \(shown(name))\(year).\n"
            }
        }
        var out = ""
        if scope != .commune {
            let communes = Set(hits.map(\.unitKey)).count
            // The unit as the documents name it (`huyện bao thang` → `Bảo Thắng`).
            let unit = (scope == .district ? hits.first?.district : hits.first?.province) ?? name
            out +=
                "\(scope == .district ? "District" : "Province") \(shown(unit)): \(communes) \(communes == 1 ? "commune" : "communes"), \(hits.count) \(hits.count == 1 ? "hit" : "hits")\n\n"
        }
        var unit: TargetHit.UnitKey?
        for h in hits {
            if h.unitKey != unit {
                unit = h.unitKey
                if !out.isEmpty { out += "\n" }
                let count = hits.lazy.filter { $0.unitKey == h.unitKey }.count
                let place = [
                    h.district.map { "district \($0)" } ?? "district unknown",
                    h.province.map { "province \($0)" } ?? "province unknown",
                ]
                var note = ""
                if h.match == .typo { note = " — closest name to \(shown(query.name))" }
                out +=
                    "\(shown(h.commune)) (\(shown(place.joined(separator: ", ")))): \(count) \(count == 1 ? "hit" : "hits")\(note)\n"
            }
            let figure = [quantity(h), h.indicator].compactMap { $0 }.joined(separator: " ")
            let year = h.year.map { y in h.yearStart.map { "\($0)-\(y)" } ?? String(y) } ?? "----"
            let label = h.type == "achievement" ? " [achieved]" : ""
            out += "  \(year)  \(figure.isEmpty ? "(no figure)" : shown(figure))\(label)\n"
            if let scope = h.scope { out += "        scope: \(shown(scope))\n" }
            out += "        \(shown(describe(h.document))) — \(shown(h.document.source)):\(h.line)\n"
            out += "        “\(shown(excerpt(h.sentence, around: h.commune)))”\n"
        }
        return out
    }

    /// The sentence on one line, or for a long one about `width` characters around the commune's
    /// name (the JSON and CSV keep it whole).
    static func excerpt(_ sentence: String, around name: String, width: Int = 240) -> String {
        // One line in the table, however the sentence was wrapped.
        let sentence = Vietnamese.squeezeSpaces(sentence)
        let scalars = Array(sentence.unicodeScalars)
        guard scalars.count > width else { return sentence }
        let folded = Array(Vietnamese.foldKey(sentence).unicodeScalars)
        let key = Array(NameKey.fold(name).unicodeScalars)
        var at = 0
        if !key.isEmpty, folded.count == scalars.count {
            at = (0...(folded.count - key.count)).first { folded[$0..<($0 + key.count)].elementsEqual(key) } ?? 0
        }
        let start = max(0, min(at - width / 2, scalars.count - width))
        let end = min(scalars.count, start + width)
        let body = String(String.UnicodeScalarView(scalars[start..<end])).trimmingCharacters(in: .whitespaces)
        return (start > 0 ? "…" : "") + body + (end < scalars.count ? "…" : "")
    }

    /// `6 xã`, `100 %`, `5–10 xóm`, or nil when the target has no number.
    static func quantity(_ h: TargetHit) -> String? {
        guard let q = h.quantity else { return nil }
        var s = number(q)
        if let m = h.quantityMax { s += "–" + number(m) }
        if let unit = h.unit { s += unit == "%" ? "%" : " " + unit }
        return s
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    /// `Kế hoạch 272/KH-UBND of 2022-09-14`, with what is missing said plainly.
    static func describe(_ d: TargetHit.Document) -> String {
        let kind = d.kind ?? "Document"
        let number = d.number.map { " " + $0 } ?? " (no number)"
        let date = d.date.map { " of " + $0 } ?? ", undated"
        return kind + number + date
    }

    static func json<T: Encodable>(_ value: T) throws -> String { try JSONText.encode(value) + "\n" }

    /// One compact object per line, keys sorted.
    static func jsonLines<T: Encodable>(_ values: [T]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = ""
        for value in values { out += String(decoding: try encoder.encode(value), as: UTF8.self) + "\n" }
        return out
    }

    /// RFC 4180 rows. Columns named in `text` (codes such as `02917`, document numbers such as
    /// `05/KH-UBND`) are always quoted, the mark spreadsheets take for text, so their leading
    /// zeros and slashes are not read as a number or a date.
    static func csv(header: [String], rows: [[String?]], text: Set<String> = []) -> String {
        let quoted = header.map { text.contains($0) }
        func field(_ s: String?, _ column: Int) -> String {
            guard let s else { return "" }
            if quoted[column] || s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        var out = header.joined(separator: ",") + "\r\n"
        for r in rows { out += r.enumerated().map { field($1, $0) }.joined(separator: ",") + "\r\n" }
        return out
    }
}
