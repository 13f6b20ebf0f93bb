import CongVanCore
import CongVanStore
import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanPipeline

/// `--group`: the page images of one letter become one document.
@Suite("Page grouping")
struct PageGroupTests {
    @Test(
        "each page-number pattern gives the stem and the page",
        arguments: [
            ("name-p1", "name", 1), ("name_p12", "name", 12), ("name_001", "name", 1), ("name (2)", "name", 2),
            ("name page 3", "name", 3), ("name-page-3", "name", 3), ("Name Page3", "Name", 3),
            ("cong van trang 2", "cong van", 2), ("letter001-clean-p4", "letter001-clean", 4),
        ])
    func patterns(name: String, stem: String, page: Int) {
        let found = PageGroups.pageNumber(of: name)
        #expect(found?.stem == stem && found?.page == page)
    }

    @Test(
        "names without a page number are not pages",
        arguments: ["name", "name2", "report-2023", "letter004-clean-p1-2", "p1", "_001", "name (x)", "name_12345"])
    func notPages(name: String) {
        #expect(PageGroups.pageNumber(of: name) == nil)
    }

    static func isImage(_ path: String) -> Bool { !path.hasSuffix(".pdf") && !path.hasSuffix(".txt") }

    @Test("auto: numbered pages with one stem in one folder are one document in page order")
    func auto() {
        let paths = [
            "a/letter-p10.png", "a/letter-p2.png", "a/letter-p1.png", "a/other.png", "a/scan_001.jpg", "a/scan_002.jpg",
            "b/letter-p3.png", "a/letter-p4.pdf",
        ]
        let groups = PageGroups.group(paths, isImage: Self.isImage, by: .auto)
        #expect(
            groups.map(\.name)
                == ["a/letter", "a/other.png", "a/scan", "b/letter-p3.png", "a/letter-p4.pdf"].map {
                    $0.hasSuffix(".png") || $0.hasSuffix(".pdf") ? nil : $0
                })
        #expect(groups[0].files == ["a/letter-p1.png", "a/letter-p2.png", "a/letter-p10.png"])
        #expect(groups[2].files == ["a/scan_001.jpg", "a/scan_002.jpg"])
        #expect(groups.last?.files == ["a/letter-p4.pdf"], "a PDF is a document of its own")
    }

    @Test("auto: an unnumbered Scan.jpg beside Scan (2).jpg is the first page; a repeated page number groups nothing")
    func windowsCopiesAndDuplicates() {
        let groups = PageGroups.group(
            ["x/Scan (2).jpg", "x/Scan (3).jpg", "x/Scan.jpg"], isImage: Self.isImage, by: .auto)
        #expect(groups.count == 1 && groups[0].files == ["x/Scan.jpg", "x/Scan (2).jpg", "x/Scan (3).jpg"])
        let twice = PageGroups.group(["y/a-p1.png", "y/a-p1.jpg", "y/a-p2.png"], isImage: Self.isImage, by: .auto)
        #expect(twice.allSatisfy { $0.name == nil && $0.files.count == 1 })
    }

    @Test("folder: every folder's images are one document in natural order; none: one file, one document")
    func folderAndNone() {
        let paths = ["s/img10.png", "s/img2.png", "s/img1.png", "t/only.png", "s/notes.txt"]
        let folder = PageGroups.group(paths, isImage: Self.isImage, by: .folder)
        #expect(folder.map(\.name) == ["s", nil, nil])
        #expect(folder[0].files == ["s/img1.png", "s/img2.png", "s/img10.png"])
        #expect(PageGroups.group(paths, isImage: Self.isImage, by: .none).count == 5)
    }

    @Test("collect names a group's output after its stem, and keeps each page file")
    func collectGroups() throws {
        let dir = TempFolder()
        for name in ["letter-p1.png", "letter-p2.png", "alone.png", "letter.txt"] {
            dir.write(name, "x")
        }
        let (files, failures, _) = InputFiles.collect([dir.path], grouping: .auto)
        #expect(failures.isEmpty)
        let group = try #require(files.first { $0.pages.count == 2 })
        #expect(group.path == dir.path + "/letter" && group.type == .image)
        #expect(group.pages == [dir.path + "/letter-p1.png", dir.path + "/letter-p2.png"])
        // letter.txt shares the stem: the names stay apart.
        #expect(Set(files.map(\.outputName)).count == files.count)
        #expect(files.count == 3)
    }

    @Test("a group's output name goes through the store: kept from run to run, never another stored file's")
    func groupNamedByTheStore() throws {
        let dir = TempFolder()
        dir.write("one/letter.txt", "Số: 1/UBND\nTARGET 2025 Hung Dao")
        dir.write("two/letter-p1.png", "IMAGE Số: 2/UBND\nTARGET 2024 Vinh Quang")
        dir.write("two/letter-p2.png", "IMAGE page two")
        dir.write("two/scan.v2-p1.png", "IMAGE Số: 3/UBND")
        dir.write("two/scan.v2-p2.png", "IMAGE page two")
        func convert(_ folder: String) throws -> ConvertSummary {
            try Converter.run(
                ConvertOptions(
                    inputs: [dir.file(folder)], databasePath: dir.file("s.sqlite"), outputDirectory: dir.file("out"),
                    jobs: 1),
                stages: fakeStages())
        }
        #expect(try convert("one").converted == 1)
        #expect(try convert("two").converted == 2)
        func record(_ name: String) throws -> String {
            try String(contentsOfFile: dir.file("out/" + name + ".json"), encoding: .utf8)
        }
        // `letter` is one/letter.txt's: the group of two/ gets a name of its own, not that one.
        #expect(try record("letter").contains("\"1/UBND\""))
        let outputs = try FileManager.default.contentsOfDirectory(atPath: dir.file("out")).sorted()
        let groupName = try #require(outputs.first { $0.hasPrefix("letter-") && $0.hasSuffix(".json") })
        #expect(try record(String(groupName.dropLast(5))).contains("\"2/UBND\""))
        // A stem with a dot keeps it: there is no extension to take off.
        #expect(try record("scan.v2").contains("\"3/UBND\""))
        // Run again: nothing converted, no new name.
        #expect(try convert("two").unchanged == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("out")).sorted() == outputs)
    }

    @Test("a page break is a form-feed line; restored lines go back to their pages and words")
    func pagedText() {
        func line(_ text: String, block: Int) -> OCRLine {
            OCRLine(
                words: text.split(separator: " ").enumerated().map { i, w in
                    OCRWord(text: String(w), confidence: 90, box: PixelBox(x: i * 100, y: 0, width: 90, height: 30))
                }, box: PixelBox(x: 0, y: 0, width: 300, height: 30), block: block)
        }
        let document = OCRDocument(
            source: "x", language: "vie",
            pages: [
                OCRPage(
                    index: 0, width: 100, height: 100, lines: [line("Uy ban", block: 0), line("xa Hung", block: 1)],
                    meanConfidence: 90),
                OCRPage(index: 1, width: 100, height: 100, lines: [line("Noi nhan", block: 0)], meanConfidence: 90),
            ])
        let paged = PagedText(document)
        #expect(paged.text == "Uy ban\n\nxa Hung\n\u{0C}\nNoi nhan")
        let (restored, changed) = paged.restoredDocument(document, restored: "Ủy ban\n\nxã Hưng Đạo\n\u{0C}\nNoi nhan")
        #expect(changed == [true, false])
        #expect(restored.pages[0].lines[0].words.map(\.text) == ["Ủy", "ban"])
        #expect(restored.pages[0].lines[0].words[1].box == document.pages[0].lines[0].words[1].box)
        let three = restored.pages[0].lines[1].words
        #expect(three.map(\.text) == ["xã", "Hưng", "Đạo"])
        #expect(three.allSatisfy { $0.box.x >= 0 && $0.box.x + $0.box.width <= 300 })
    }
}

@Suite("Record schema")
struct RecordSchemaTests {
    @Test("the schema's validator rejects what the schema forbids")
    func validatorRejects() throws {
        let schema = try RecordSchema.load()
        let bad = try JSONValue.parse(Data(#"{"source": 3, "date": "June", "extra": true}"#.utf8))
        let violations = schema.violations(bad)
        #expect(violations.contains("$.source: not [\"string\"]"))
        #expect(violations.contains { $0.hasPrefix("$.date: June does not match") })
        #expect(
            violations.contains("$.extra is not in the schema") || violations.contains("$: extra is not in the schema"))
        #expect(violations.contains("$: provenance is missing"))
    }

    @Test("records of text, OCR'd pages and grouped pages carry provenance and follow the schema")
    func fakeStageRecords() throws {
        let dir = TempFolder()
        dir.write("in/a-p1.png", "IMAGE Số: 1/UBND\nTARGET 2025 Hung Dao")
        dir.write("in/a-p2.png", "IMAGE page two")
        dir.write("in/b.txt", "Số: 2/UBND\nTARGET 2024 Vinh Quang")
        let options = ConvertOptions(
            inputs: [dir.file("in")], databasePath: dir.file("s.sqlite"), outputDirectory: dir.file("out"), jobs: 1)
        let summary = try Converter.run(options, stages: fakeStages())
        #expect(summary.converted == 2 && summary.pages == 2)
        let schema = try RecordSchema.load()
        let grouped = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: dir.file("out/a.json"))))
        #expect(schema.violations(grouped) == [])
        let pages = grouped.object?["provenance"]?.object?["pages"]?.array ?? []
        #expect(pages.compactMap { $0.object?["file"]?.string } == ["a-p1.png", "a-p2.png"])
        #expect(pages.compactMap { $0.object?["read"]?.string } == ["ocr", "ocr"])
        let text = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: dir.file("out/b.json"))))
        #expect(schema.violations(text) == [])
        let hash = text.object?["provenance"]?.object?["contentHash"]?.string
        #expect(hash == ContentHash.hex(of: Array("Số: 2/UBND\nTARGET 2024 Vinh Quang".utf8)))
    }
}
