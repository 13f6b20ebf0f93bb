import CongVanCore
import CongVanStore
import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanPipeline

/// The worked examples: convert the bundled `Fixtures/` (the five seed texts and the page images
/// rendered from seeds 001 and 004), then every commune a worked-example record names in a target
/// must come back from `query` with that target's year, from the seed and from its scanned pages.
@Suite(
    "End to end: Fixtures to store to query",
    .enabled(
        if: EndToEnd.available,
        "needs Lexicons/ with the restoration and gazetteer lexicons (scripts/build-lexicons.sh) and tesseract-ocr-vie"),
    .serialized)
struct EndToEndTests {
    @Test("every commune of the worked examples is found with its target's year and document")
    func workedExamplesQueryable() throws {
        let dir = TempFolder()
        let options = ConvertOptions(
            inputs: [Repository.root + "/Fixtures"], databasePath: dir.file("s.sqlite"),
            outputDirectory: dir.file("out"), jobs: 2)
        let stages = try Stages.standard(lexiconDirectory: Repository.lexicons)
        let summary = try Converter.run(options, stages: stages)
        #expect(summary.failures.isEmpty, "\(summary.failures.map(\.message))")
        #expect(summary.converted == 23, "5 seeds, 16 page images, a 2-page TIFF and a 2-page PDF")
        #expect(summary.pages == 20)
        #expect(summary.restored >= 3, "the three English-OCR seeds (000, 002, 003) need restoration")
        let store = try Store.openForReading(path: dir.file("s.sqlite"))
        let expectations = try EndToEnd.expectations()
        #expect(expectations.count >= 8)
        for e in expectations {
            let hits = try store.query(CommuneQuery(name: Vietnamese.foldKey(e.commune)))
            let fromSeed = hits.filter { $0.document.source.hasSuffix("/" + e.source) }
            #expect(
                fromSeed.contains { $0.year == e.year && $0.commune == e.commune },
                "\(e.commune) \(e.year.map(String.init) ?? "-") from \(e.source): got \(hits.map { "\($0.commune) \($0.year.map(String.init) ?? "-") \($0.document.source)" })"
            )
            if let province = e.province {
                #expect(fromSeed.allSatisfy { $0.province == province }, "\(e.commune): province")
            }
        }
        // Seed 001's target sentence is on page 2 of its rendered letter: OCR'd from the clean and
        // the scan-like image, it must give the same communes and year.
        for e in expectations where e.source.hasPrefix("001_") {
            let hits = try store.query(CommuneQuery(name: e.commune))
            for page in ["letter001-clean-p2.png", "letter001-scan-p2.png"] {
                #expect(
                    hits.contains {
                        $0.document.source.hasSuffix("/" + page) && $0.year == e.year && $0.commune == e.commune
                    },
                    "\(e.commune) \(e.year.map(String.init) ?? "-") from \(page)")
            }
        }
        // A typo still finds the commune.
        #expect(try store.query(CommuneQuery(name: "Hưng Đạp")).contains { $0.commune == "Hưng Đạo" })

        // Converting the same folder again changes nothing.
        let before = try store.counts()
        let again = try Converter.run(options, stages: stages)
        #expect(again.unchanged == 23 && again.converted == 0 && again.pages == 0)
        #expect(try Store.openForReading(path: dir.file("s.sqlite")).counts() == before)
    }
}

enum EndToEnd {
    static var available: Bool {
        CLI.lexiconsAvailable && CLI.tesseractVietnamese
    }

    struct Expectation {
        var source: String
        var commune: String
        var year: Int?
        var province: String?
    }

    /// From `Tests/Fixtures/records/*.json`: one per commune named in a target, with the commune's
    /// own year where the record gives one, else the target's.
    static func expectations() throws -> [Expectation] {
        let folder = Repository.root + "/Tests/Fixtures/records"
        var out: [Expectation] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where file.hasSuffix(".json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
            guard let record = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let source = record["source"] as? String
            else { continue }
            let provinces = Dictionary(
                (record["communes"] as? [[String: Any]] ?? []).compactMap { c in
                    (c["name"] as? String).map { ($0, c["province"] as? String) }
                }, uniquingKeysWith: { a, _ in a })
            for target in record["targets"] as? [[String: Any]] ?? [] {
                let year = target["year"] as? Int
                for c in target["communes"] as? [Any] ?? [] {
                    if let name = c as? String {
                        out.append(
                            Expectation(source: source, commune: name, year: year, province: provinces[name] ?? nil))
                    } else if let object = c as? [String: Any], let name = object["name"] as? String {
                        out.append(
                            Expectation(
                                source: source, commune: name, year: object["year"] as? Int ?? year,
                                province: provinces[name] ?? nil))
                    }
                }
            }
        }
        return out
    }
}
