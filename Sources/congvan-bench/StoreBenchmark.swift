import ArgumentParser
import CongVanCore
import CongVanStore
import Foundation

/// `congvan-bench query`: latency of `query` on a store of 100,000 targets.
///
/// Builds (once, cached under `.cache/`) a store of synthetic directives whose targets name
/// communes drawn from the gazetteer, with their real districts and provinces, so shared names
/// (there are dozens of Tân Tiến) and the typo scan over all distinct names cost what they cost
/// on a real store. Then times queries typed as people type them: without diacritics, with them,
/// with one typo, and names that are in no target.
struct StoreBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "query latency (p50/p95) on a store of N targets."
    )

    @Option(help: "Gazetteer tree (dvhcvn sorted.json) the commune names are drawn from.")
    var gazetteer = "../shared/data/gazetteer/units-2021-02.sorted.json"

    @Option(help: "Store to build or reuse.")
    var db = ".cache/bench-query.sqlite"

    @Option(help: "Targets in the store.")
    var targets = 100_000

    @Option(help: "Queries to time.")
    var queries = 2_000

    @Option(help: "Also time this many whole `congvan query` commands (process start included); 0 skips.")
    var commands = 200

    @Option(help: "The congvan executable for --commands.")
    var congvan = ".build/release/congvan"

    @Flag(help: "Rebuild the store even if it exists.")
    var rebuild = false

    func run() throws {
        print(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; date: \(ISO8601DateFormatter().string(from: Date()))"
        )
        let communes = try Self.loadCommunes(gazetteer)
        print(
            "gazetteer: \(communes.count) communes, \(Set(communes.map { Vietnamese.foldKey($0.name) }).count) distinct folded names"
        )
        var rng = SplitMix(seed: 7)
        if rebuild || !FileManager.default.fileExists(atPath: db) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            try build(communes, rng: &rng)
        }
        let store = try Store.openForReading(path: db)
        let counts = try store.counts()
        print("store: \(db): \(counts.documents) documents, \(counts.targets) targets")

        let sample = (0..<queries).map { i in
            Self.typed(communes[Int(rng.next() % UInt64(communes.count))].name, kind: i % 10, rng: &rng)
        }
        _ = try store.query(CommuneQuery(name: sample[0]))  // warm the page cache
        var times: [Double] = []
        var byKind: [String: [Double]] = [:]
        var hits = 0
        for (i, name) in sample.enumerated() {
            let t0 = DispatchTime.now().uptimeNanoseconds
            hits += try store.query(CommuneQuery(name: name)).count
            let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
            times.append(ms)
            byKind[Self.kindNames[i % 10], default: []].append(ms)
        }
        print("in-process Store.query, \(sample.count) queries (\(hits) hits): " + Self.percentiles(times))
        for kind in Set(Self.kindNames).sorted() {
            print("  \(kind) (\(byKind[kind]!.count)): " + Self.percentiles(byKind[kind]!))
        }

        guard commands > 0 else { return }
        guard FileManager.default.isExecutableFile(atPath: congvan) else {
            print("skipping whole-command timing: \(congvan) not found (bash scripts/build-release.sh congvan)")
            return
        }
        var wall: [Double] = []
        for name in sample.prefix(commands) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try ChildProcess.run(congvan, ["query", name, "--db", db, "--format", "json"], quiet: true)
            wall.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        print("whole `congvan query --format json` command, \(wall.count) runs: " + Self.percentiles(wall))
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<20 {
            _ = try ChildProcess.run(congvan, ["--help"], quiet: true)
        }
        print(
            String(
                format: "  (for scale: `congvan --help` takes %.1f ms per run)",
                Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / 20))
    }

    struct Commune {
        var name: String
        var district: String
        var province: String
        var code: String
    }

    static func loadCommunes(_ path: String) throws -> [Commune] {
        guard let data = FileManager.default.contents(atPath: path),
            let tree = try JSONSerialization.jsonObject(with: data) as? [[Any]]
        else {
            throw ValidationError("cannot read the gazetteer tree \(path)")
        }
        var out: [Commune] = []
        for province in tree {
            guard let pname = province[1] as? String, let districts = province[4] as? [[Any]] else { continue }
            for district in districts {
                guard let dname = district[1] as? String, let communes = district[4] as? [[Any]] else { continue }
                for c in communes {
                    if let code = c[0] as? String, let name = c[1] as? String {
                        out.append(Commune(name: name, district: dname, province: pname, code: code))
                    }
                }
            }
        }
        return out
    }

    /// 10 targets per document, each naming 1 to 3 communes of one district.
    func build(_ communes: [Commune], rng: inout SplitMix) throws {
        let store = try Store.openForWriting(path: db)
        let indicators = [
            "đạt chuẩn nông thôn mới", "đạt chuẩn nông thôn mới nâng cao", "đạt chuẩn nông thôn mới kiểu mẫu",
            "hoàn thành tiêu chí giao thông", "xóm đạt chuẩn nông thôn mới",
        ]
        let byDistrict = Dictionary(
            grouping: communes.indices, by: { communes[$0].district + "|" + communes[$0].province })
        let districts = Array(byDistrict.values)
        let documents = (targets + 9) / 10
        let t0 = Date()
        for d in 0..<documents {
            var list: [Target] = []
            for k in 0..<min(10, targets - d * 10) {
                let pool = districts[Int(rng.next() % UInt64(districts.count))]
                let named = (0..<(1 + Int(rng.next() % 3))).map { _ in
                    communes[pool[Int(rng.next() % UInt64(pool.count))]]
                }
                let year = 2020 + Int(rng.next() % 11)
                let indicator = indicators[k % indicators.count]
                let sentence =
                    "Phấn đấu đến năm \(year) có \(named.count) xã (\(named.map(\.name).joined(separator: ", "))) \(indicator)."
                list.append(
                    Target(
                        quantity: Double(named.count), unit: "xã", indicator: indicator, year: year,
                        communes: named.map {
                            TargetCommune(
                                name: $0.name, year: year, district: $0.district, province: $0.province, code: $0.code)
                        },
                        sentence: sentence, line: 10 + k))
            }
            let record = DirectiveRecord(
                source: "bench-\(d).txt", kind: "Kế hoạch", number: "\(d + 1)/KH-UBND", date: "2023-03-01",
                targets: list)
            let text = list.map(\.sentence).joined(separator: "\n")
            _ = try store.save(
                StoredDocument(
                    path: "bench/\(d).txt", contentHash: ContentHash.hex(of: Array("bench\(d)".utf8)),
                    inputType: .text, pages: 0, restored: false, record: record, text: text))
        }
        let seconds = Date().timeIntervalSince(t0)
        print(
            String(
                format: "built %d documents (%d targets) in %.1f s: %.0f documents/s through Store.save", documents,
                targets, seconds, Double(documents) / seconds))
    }

    /// The name as a person might type it: kinds 0-5 without diacritics, 6-7 as written, 8 with
    /// one typo, 9 a name in no target.
    static func typed(_ name: String, kind: Int, rng: inout SplitMix) -> String {
        switch kind {
        case 0...5: return Vietnamese.foldKey(name)
        case 6, 7: return name
        case 8:
            var s = Array(Vietnamese.foldKey(name).unicodeScalars)
            let i = Int(rng.next() % UInt64(s.count))
            s[i] = s[i] == "x" ? "q" : "x"
            return String(String.UnicodeScalarView(s))
        default: return "Không Có Xã \(rng.next() % 1000)"
        }
    }

    static let kindNames =
        Array(repeating: "no diacritics", count: 6) + ["as written", "as written", "one typo", "no such name"]

    static func percentiles(_ ms: [Double]) -> String {
        let s = ms.sorted()
        func p(_ q: Double) -> Double { s[min(s.count - 1, Int((Double(s.count) * q).rounded(.up)) - 1)] }
        return String(
            format: "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", p(0.5), p(0.95), p(0.99), s.last ?? 0)
    }
}

/// A small deterministic generator, so every run builds the same store and asks the same queries.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
