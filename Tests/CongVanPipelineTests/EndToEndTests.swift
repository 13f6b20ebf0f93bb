import CongVanCore
import CongVanStore
import Foundation
import Testing
@testable import CongVanPipeline

/// The worked examples: convert the bundled seeds, then every commune a worked-example record
/// names in a target must come back from `query` with that target's year.
@Suite("End to end: seeds to store to query", .enabled(if: EndToEnd.lexiconsAvailable,
       "needs Lexicons/ with the restoration and gazetteer lexicons (scripts/build-lexicons.sh)"), .serialized)
struct EndToEndTests {
    @Test("every commune of the worked examples is found with its target's year and document")
    func workedExamplesQueryable() throws {
        let dir = TempFolder()
        let options = ConvertOptions(inputs: [CLI.repository + "/Fixtures/seeds"], databasePath: dir.file("s.sqlite"),
                                     outputDirectory: dir.file("out"), jobs: 2)
        let summary = try Converter.run(options, stages: try Stages.standard(lexiconDirectory: CLI.lexicons))
        #expect(summary.converted == 5 && summary.failures.isEmpty)
        #expect(summary.restored == 3, "the three English-OCR seeds (000, 002, 003) need restoration")
        let store = try Store.openForReading(path: dir.file("s.sqlite"))
        let expectations = try EndToEnd.expectations()
        #expect(expectations.count >= 8)
        for e in expectations {
            let hits = try store.query(CommuneQuery(name: Vietnamese.foldKey(e.commune)))
            let fromSeed = hits.filter { $0.document.source.hasSuffix("/" + e.source) }
            #expect(fromSeed.contains { $0.year == e.year && $0.commune == e.commune },
                    "\(e.commune) \(e.year.map(String.init) ?? "-") from \(e.source): got \(hits.map { "\($0.commune) \($0.year.map(String.init) ?? "-") \($0.document.source)" })")
            if let province = e.province {
                #expect(fromSeed.allSatisfy { $0.province == province }, "\(e.commune): province")
            }
        }
        // The same commune queried with a typo and with the other tone placement still answers.
        #expect(try store.query(CommuneQuery(name: "Hưng Đạp")).contains { $0.commune == "Hưng Đạo" })
        #expect(try store.query(CommuneQuery(name: "Thái Niên", year: 2020)).count == 1)
    }
}

enum EndToEnd {
    static var lexiconsAvailable: Bool {
        ["restore-lm.cvlex", "restore-channel.cvlex", "gazetteer.cvlex"].allSatisfy {
            FileManager.default.fileExists(atPath: CLI.lexicons + "/" + $0)
        }
    }

    struct Expectation { var source: String; var commune: String; var year: Int?; var province: String? }

    /// From `Tests/Fixtures/records/*.json`: one per commune named in a target, with the commune's
    /// own year where the record gives one, else the target's.
    static func expectations() throws -> [Expectation] {
        let folder = CLI.repository + "/Tests/Fixtures/records"
        var out: [Expectation] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where file.hasSuffix(".json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
            guard let record = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let source = record["source"] as? String else { continue }
            let provinces = Dictionary((record["communes"] as? [[String: Any]] ?? []).compactMap { c in
                (c["name"] as? String).map { ($0, c["province"] as? String) }
            }, uniquingKeysWith: { a, _ in a })
            for target in record["targets"] as? [[String: Any]] ?? [] {
                let year = target["year"] as? Int
                for c in target["communes"] as? [Any] ?? [] {
                    if let name = c as? String {
                        out.append(Expectation(source: source, commune: name, year: year, province: provinces[name] ?? nil))
                    } else if let object = c as? [String: Any], let name = object["name"] as? String {
                        out.append(Expectation(source: source, commune: name, year: object["year"] as? Int ?? year,
                                               province: provinces[name] ?? nil))
                    }
                }
            }
        }
        return out
    }
}
