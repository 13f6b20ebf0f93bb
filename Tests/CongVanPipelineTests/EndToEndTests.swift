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
        #expect(
            summary.converted == 19,
            "5 seeds; the page images as 6 letters (4 grouped by page number, 2 single pages); a 2-page TIFF and a 2-page PDF; a born-digital PDF, a PDF with an English-OCR text layer, photographed pages, 3 first pages with handwritten fields"
        )
        #expect(summary.pages == 26, "the 23 page images, the TIFF's and the scanned PDF's pages")
        #expect(summary.textLayerPages == 7, "the born-digital PDF's 3 pages and the English-OCR PDF's 4")
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
        // Seed 001's target sentence is on page 2 of its rendered letter: the pages of the clean and
        // of the scan-like letter are one document each, which gives the target once, with the same
        // communes and year. So does the PDF whose text layer an English-model OCR made, once
        // restored, for all but one commune at most (A Mú Sung is read "A Mu Sung" and lost).
        var fromEnglishOCR = 0
        let seed001 = expectations.filter { $0.source.hasPrefix("001_") }
        for e in seed001 {
            let hits = try store.query(CommuneQuery(name: e.commune))
            func found(_ document: String) -> Int {
                hits.filter {
                    $0.document.source.hasSuffix("/" + document) && $0.year == e.year && $0.commune == e.commune
                }.count
            }
            for document in ["letter001-clean", "letter001-scan"] {
                #expect(found(document) == 1, "\(e.commune) \(e.year.map(String.init) ?? "-") from \(document)")
            }
            #expect(found("documents/letter001-englishocr.pdf") <= 1)
            fromEnglishOCR += found("documents/letter001-englishocr.pdf")
        }
        #expect(fromEnglishOCR >= seed001.count - 1)
        // Every record the fixtures produce follows the committed schema, with its provenance.
        let schema = try RecordSchema.load()
        let records = try FileManager.default.contentsOfDirectory(atPath: dir.file("out")).filter {
            $0.hasSuffix(".json")
        }
        #expect(records.count == 19)
        for name in records {
            let record = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: dir.file("out/" + name))))
            #expect(schema.violations(record) == [], "\(name)")
            let pages = record.object?["provenance"]?.object?["pages"]?.array ?? []
            #expect(!pages.isEmpty, "\(name): provenance lists the pages")
        }
        let digital = try JSONValue.parse(
            try Data(contentsOf: URL(fileURLWithPath: dir.file("out/letter004-digital.json"))))
        #expect(
            digital.object?["provenance"]?.object?["pages"]?.array?.map { $0.object?["read"]?.string }
                == ["textLayer", "textLayer", "textLayer"])

        // The photographed letter's number is blank, not handwritten: the tall letters of the V/v
        // line under it do not count as writing in the blank.
        let photo = try #require(
            try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: dir.file("out/letter004-photo.json")))).object
        )
        #expect(photo["numberSuffix"]?.string == "UBND-NNPTNT" && photo["date"]?.string == "2023-03")
        #expect(photo["warnings"]?.array?.contains { $0.string?.contains("handwritten") == true } == false)
        #expect(photo["targets"]?.array?.count == 3, "each target once")

        // Handwritten fields: the number left out with its printed suffix, or read; never wrong.
        for font in ["dkg", "breip", "humor"] {
            let path = dir.file("out/letter004-handwritten-\(font).json")
            let record = try #require(try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: path))).object)
            #expect(record["numberSuffix"]?.string == "UBND-NNPTNT", "\(font)")
            #expect(record["date"]?.string?.hasPrefix("2023-03") == true, "\(font)")
            #expect(record["warnings"]?.array?.contains { $0.string?.contains("handwritten") == true } == true)
        }

        // A typo still finds the commune.
        #expect(try store.query(CommuneQuery(name: "Hưng Đạp")).contains { $0.commune == "Hưng Đạo" })

        // Converting the same folder again changes nothing.
        let before = try store.counts()
        let again = try Converter.run(options, stages: stages)
        #expect(again.unchanged == 19 && again.converted == 0 && again.pages == 0 && again.textLayerPages == 0)
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
