import CongVanCore
import CongVanRestore
import Foundation
import Testing

@testable import CongVanParse

/// Compares a record with a worked example field by field: every field the example gives must
/// be reproduced; lists are compared without order.
enum ExampleComparison {
    static func differences(_ record: DirectiveRecord, _ example: [String: Any]) throws -> [String] {
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as! [String: Any]
        var diffs: [String] = []
        for (key, expected) in example where key != "source" {
            let actual = encoded[key] ?? NSNull()
            switch key {
            case "addressees":
                if Counted(expected as! [String]) != Counted(actual as! [String]) {
                    diffs.append("\(key): \(actual) ≠ \(expected)")
                }
            case "references":
                let e = Counted((expected as! [[String: Any]]).map(canonical))
                let a = Counted((actual as! [[String: Any]]).map(canonical))
                if e != a { diffs.append("references: \(a.items) ≠ \(e.items)") }
            case "communes":
                let e = expected as! [[String: Any]]
                let fields = Set(e.flatMap(\.keys))
                let a = (actual as! [[String: Any]]).map { $0.filter { fields.contains($0.key) } }
                if Counted(e.map(canonical)) != Counted(a.map(canonical)) { diffs.append("communes: \(a) ≠ \(e)") }
            case "targets", "achievements":
                diffs += targetDifferences(key, actual as! [[String: Any]], expected as! [[String: Any]])
            default:
                if canonical(actual) != canonical(expected) { diffs.append("\(key): \(actual) ≠ \(expected)") }
            }
        }
        return diffs
    }

    /// Each example target must match a distinct output target on the fields it gives, and
    /// there must be no output target left over.
    static func targetDifferences(_ key: String, _ actual: [[String: Any]], _ expected: [[String: Any]]) -> [String] {
        var unused = Array(actual.indices)
        var diffs: [String] = []
        for e in expected {
            if let i = unused.firstIndex(where: { targetMatches(actual[$0], e) }) {
                unused.remove(at: i)
            } else {
                diffs.append("\(key): no match for \(e)")
            }
        }
        for i in unused {
            diffs.append("\(key): unexpected \(actual[i]["indicator"] ?? "?") (\(actual[i]["quantity"] ?? "?"))")
        }
        return diffs
    }

    static func targetMatches(_ a: [String: Any], _ e: [String: Any]) -> Bool {
        for (field, value) in e {
            if field == "communes" {
                let ec = value as! [Any]
                let ac = a["communes"] as! [[String: Any]]
                let names = ec.map { ($0 as? String) ?? (($0 as! [String: Any])["name"] as! String) }
                guard Counted(names) == Counted(ac.map { $0["name"] as! String }) else { return false }
                for case let c as [String: Any] in ec {
                    let match = ac.first { $0["name"] as? String == c["name"] as? String }!
                    for (k, v) in c where canonical(match[k] ?? NSNull()) != canonical(v) { return false }
                }
            } else if canonical(a[field] ?? NSNull()) != canonical(value) {
                return false
            }
        }
        return true
    }

    /// A comparable form of a JSON value (numbers compared as numbers).
    static func canonical(_ v: Any) -> String {
        switch v {
        case is NSNull: return "null"
        case let n as NSNumber where !(v is Bool): return String(n.doubleValue)
        case let s as String: return "\"\(s)\""
        case let d as [String: Any]:
            return "{" + d.keys.sorted().map { "\($0):\(canonical(d[$0]!))" }.joined(separator: ",") + "}"
        case let a as [Any]: return "[" + a.map(canonical).joined(separator: ",") + "]"
        default: return "\(v)"
        }
    }

    /// A multiset, for comparing lists without order.
    struct Counted: Equatable {
        let items: [String: Int]
        init(_ list: [String]) { items = list.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
    }
}

@Suite("Worked examples")
struct WorkedExampleTests {
    func check(_ number: String, text: String? = nil) throws {
        let seed = try Fixtures.seed(number)
        let record = Fixtures.parser.parse(text ?? seed.text, source: seed.name)
        let diffs = try ExampleComparison.differences(record, try Fixtures.example(number))
        #expect(diffs.isEmpty, "\(number): \(diffs.joined(separator: "\n"))")
        #expect(record.source == seed.name)
    }

    @Test("seed 001 (clean công văn) reproduces every field of its worked example")
    func seed001() throws { try check("001") }

    @Test("seed 004 (blank number and day) reproduces every field of its worked example")
    func seed004() throws { try check("004") }

    /// Seed 002 is English-model OCR garble: it can only be parsed through restoration.
    @Test("seed 002 through restoration reproduces every field of its worked example")
    func seed002() throws {
        let seed = try Fixtures.seed("002")
        let restorer = try Restorer.load(lexiconDirectory: Fixtures.repo.appendingPathComponent("Lexicons").path)
        try check("002", text: restorer.restore(seed.text).text)
    }

    @Test("the gold lines of seed 002 give its subject and all its citations")
    func seed002Gold() throws {
        var lines = [String](repeating: "", count: 60)
        let gold = try String(contentsOf: Fixtures.committed.appendingPathComponent("002.gold.tsv"), encoding: .utf8)
        for row in gold.split(separator: "\n") {
            let parts = row.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let n = Int(parts[0]), n <= 60 else { continue }
            // `khóa|khoá`: either spelling is right; take the first.
            lines[n - 1] = parts[1].replacingOccurrences(of: #"\|\S+"#, with: "", options: .regularExpression)
        }
        let record = Fixtures.parser.parse(lines.joined(separator: "\n"), source: "002")
        let example = try Fixtures.example("002")
        #expect(record.subject == example["subject"] as? String)
        let expected = (example["references"] as! [[String: Any]]).map(ExampleComparison.canonical)
        let actual = (try JSONSerialization.jsonObject(with: JSONEncoder().encode(record.references)) as! [Any]).map(
            ExampleComparison.canonical)
        #expect(ExampleComparison.Counted(actual) == ExampleComparison.Counted(expected))
        #expect(record.targets.isEmpty)
    }

    @Test(
        "real-scan ground truths give kind, number, date and issuer from their headers",
        .enabled(if: Fixtures.hasRealScans, "the real scans are read from ../shared/data"))
    func realScanHeaders() throws {
        let expected: [String: (kind: String, number: String?, suffix: String?, date: String, issuer: String)] = [
            "real_cv_3722_metro": ("Công văn", "3722/VPCP-CN", nil, "2026-04-28", "Văn phòng Chính phủ"),
            "real_hanoi_kh_173_festival": ("Kế hoạch", nil, "KH-UBND", "2026", "UBND thành phố Hà Nội"),
            "real_qd_729_ttg": ("Quyết định", "729/QĐ-TTg", nil, "2026-04-23", "Thủ tướng Chính phủ"),
            "real_tt_21_bct_fuel": ("Thông tư", "21/2026/TT-BCT", nil, "2026-04-28", "Bộ Công Thương"),
        ]
        for (name, e) in expected {
            let url = Fixtures.shared.appendingPathComponent("data/real-scans/\(name).gt.txt")
            let text = try String(contentsOf: url, encoding: .utf8).precomposedStringWithCanonicalMapping
            let r = Fixtures.parser.parse(text, source: name)
            #expect(r.kind == e.kind, "\(name)")
            #expect(r.number == e.number, "\(name)")
            #expect(r.numberSuffix == e.suffix, "\(name)")
            #expect(r.date == e.date, "\(name)")
            #expect(r.issuer == e.issuer, "\(name)")
            #expect(r.place == "Hà Nội", "\(name)")
        }
    }
}

@Suite("Worked-example comparison")
struct ExampleComparisonTests {
    @Test("a wrong field, a missing list item or an extra target is noticed")
    func noticesDifferences() throws {
        var record = DirectiveRecord(source: "x", kind: "Công văn", number: "1/UBND", addressees: ["A", "B"])
        record.targets = [
            Target(quantity: 2, unit: "xã", indicator: "đạt chuẩn nông thôn mới", year: 2020, sentence: "", line: 1)
        ]
        let example: [String: Any] = [
            "kind": "Công văn", "number": "1/UBND", "addressees": ["B", "A"],
            "targets": [
                ["quantity": 2, "unit": "xã", "indicator": "đạt chuẩn nông thôn mới", "year": 2020, "communes": []]
            ],
        ]
        #expect(try ExampleComparison.differences(record, example).isEmpty)
        var wrong = example
        wrong["number"] = "2/UBND"
        wrong["addressees"] = ["A"]
        wrong["targets"] = [] as [Any]
        #expect(try ExampleComparison.differences(record, wrong).count == 3)
    }
}
