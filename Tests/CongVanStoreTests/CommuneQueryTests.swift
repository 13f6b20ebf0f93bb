import CongVanCore
import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanStore

@Suite("Store: query by commune")
struct CommuneQueryTests {
    /// A store with Hưng Đạo in two provinces, Hòa An written with both tone placements, and an
    /// achievement.
    func makeStore(_ dir: TempFolder) throws -> Store {
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        _ = try store.save(
            document(
                "002.txt", kind: "Kế hoạch",
                targets: [
                    target(
                        "đạt chuẩn nông thôn mới nâng cao", quantity: 2, year: nil,
                        communes: [
                            hungDaoCaoBang,
                            TargetCommune(name: "Vĩnh Quang", year: 2025, district: "Cao Bằng", province: "Cao Bằng"),
                        ],
                        line: 40),
                    target(
                        "đạt chuẩn nông thôn mới kiểu mẫu", quantity: 1, year: 2025,
                        communes: [
                            TargetCommune(name: "Hưng Đạo", year: 2025, district: "Cao Bằng", province: "Cao Bằng")
                        ], line: 42),
                ]))
        _ = try store.save(
            document(
                "hd.txt", kind: "Công văn", number: "12/UBND", date: "2021-03-01",
                targets: [
                    target("đạt chuẩn nông thôn mới", quantity: 1, year: 2022, communes: [hungDaoHaiDuong])
                ],
                achievements: [
                    target("đã đạt chuẩn nông thôn mới", quantity: 1, year: 2020, communes: [hungDaoHaiDuong])
                ]))
        _ = try store.save(
            document(
                "ha.txt",
                targets: [
                    target(
                        "nâng cao", quantity: 1, year: 2023,
                        communes: [TargetCommune(name: "Hoà An", district: "Hòa An", province: "Cao Bằng")]),
                    target(
                        "kiểu mẫu", quantity: 1, year: 2024,
                        communes: [TargetCommune(name: "Hóa An", district: "Biên Hòa", province: "Đồng Nai")]),
                ]))
        return store
    }

    @Test("a name typed decomposed (NFD, as macOS may give it) or with stray spaces finds what the composed name finds")
    func decomposedNameMatches() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let composed = try store.query(CommuneQuery(name: "Hưng Đạo"))
        #expect(!composed.isEmpty)
        for typed in [
            "Hưng Đạo".decomposedStringWithCanonicalMapping, "xã\u{A0} Hưng  Đạo ",
            "XÃ HƯNG ĐẠO".decomposedStringWithCanonicalMapping,
        ] {
            let hits = try store.query(CommuneQuery(name: typed))
            #expect(hits.map(\.commune) == composed.map(\.commune), "\(typed.debugDescription)")
            #expect(hits.map(\.match) == composed.map(\.match), "\(typed.debugDescription)")
        }
    }

    @Test("case and diacritics do not matter: hung dao finds Hưng Đạo")
    func foldedMatch() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let plain = try store.query(CommuneQuery(name: "hung dao"))
        let marked = try store.query(CommuneQuery(name: "HƯNG ĐẠO"))
        #expect(plain.count == 3)
        #expect(Set(plain.map(\.sentence)) == Set(marked.map(\.sentence)))
        #expect(marked.allSatisfy { $0.match == .exact })
        #expect(plain.allSatisfy { $0.match == .folded })
        #expect(try store.query(CommuneQuery(name: "xã Hưng Đạo")).count == 3)
    }

    @Test("a name shared by communes in different provinces is listed per commune")
    func sharedNameListedPerUnit() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let hits = try store.query(CommuneQuery(name: "Hưng Đạo"))
        let units = hits.map { "\($0.district ?? "-"), \($0.province ?? "-")" }
        // Grouped: all of one unit before the other, each unit's hits by year.
        #expect(units == ["Cao Bằng, Cao Bằng", "Cao Bằng, Cao Bằng", "Chí Linh, Hải Dương"])
        #expect(hits.map(\.year) == [2024, 2025, 2022])
        let table = try HitOutput.render(hits, as: .table, query: CommuneQuery(name: "Hưng Đạo"))
        #expect(table.contains("Hưng Đạo (district Cao Bằng, province Cao Bằng): 2 hits"))
        #expect(table.contains("Hưng Đạo (district Chí Linh, province Hải Dương): 1 hit"))
    }

    @Test("a commune's own year in a target wins over the target's year")
    func communeYearWins() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let vinhQuang = try store.query(CommuneQuery(name: "Vinh Quang"))
        #expect(vinhQuang.map(\.year) == [2025])
        #expect(vinhQuang.first?.quantity == 2)
        #expect(
            try store.query(CommuneQuery(name: "Hưng Đạo", year: 2025)).map(\.indicator) == [
                "đạt chuẩn nông thôn mới kiểu mẫu"
            ])
        #expect(try store.query(CommuneQuery(name: "Hưng Đạo", year: 1999)).isEmpty)
    }

    @Test("tone-mark placement does not matter and the same tones rank first")
    func toneRanking() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let hits = try store.query(CommuneQuery(name: "Hòa An"))
        #expect(hits.map(\.commune) == ["Hoà An", "Hóa An"])
        #expect(hits.map(\.match) == [.exact, .folded])
        #expect(try store.query(CommuneQuery(name: "Hóa An")).map(\.commune) == ["Hóa An", "Hoà An"])
    }

    @Test("one typo is tolerated when no name matches exactly")
    func oneTypo() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        for typo in ["hung dap", "hugn dao", "hung da", "hungg dao", "Vinh Qaung"] {
            let hits = try store.query(CommuneQuery(name: typo))
            #expect(!hits.isEmpty, "\(typo)")
            #expect(hits.allSatisfy { $0.match == .typo })
        }
        #expect(try store.query(CommuneQuery(name: "hong dap")).isEmpty)
        #expect(try store.query(CommuneQuery(name: "Tân Thượng")).isEmpty)
    }

    @Test("achievements are listed only when asked for")
    func achievementsOnRequest() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let targets = try store.query(CommuneQuery(name: "Hưng Đạo"))
        let all = try store.query(CommuneQuery(name: "Hưng Đạo", includeAchievements: true))
        #expect(!targets.contains { $0.type == "achievement" })
        #expect(all.count == targets.count + 1)
        #expect(all.contains { $0.type == "achievement" && $0.year == 2020 })
    }

    @Test("each hit carries the document it came from")
    func hitDocument() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let hit = try #require(try store.query(CommuneQuery(name: "Hưng Đạo")).last)
        #expect(
            hit.document
                == TargetHit.Document(
                    kind: "Công văn", number: "12/UBND", date: "2021-03-01", issuer: nil,
                    subject: nil, source: "hd.txt"))
    }

    @Test("a name with neither letters nor digits is refused with a message")
    func emptyName() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        #expect(throws: StoreError.self) { try store.query(CommuneQuery(name: "  - ")) }
        #expect(try store.query(CommuneQuery(name: "Phường 12")).isEmpty)
    }

    @Test("one-typo check accepts one edit or one swap and nothing more")
    func typoDistance() {
        func near(_ a: String, _ b: String) -> Bool { NameKey.withinOneTypo(Array(a.utf8), Array(b.utf8)) }
        #expect(near("hung dao", "hung dao"))
        #expect(near("hung dao", "hung da"))
        #expect(near("hung dao", "hung daoo"))
        #expect(near("hung dao", "hung dai"))
        #expect(near("hung dao", "hung doa"))
        #expect(!near("hung dao", "hung dia"))
        #expect(!near("hung dao", "hnug doa"))
        #expect(!near("hung dao", "hun da"))
    }
}

@Suite("Store: output formats")
struct HitOutputTests {
    let hit = TargetHit(
        commune: "Hưng Đạo", district: "Cao Bằng", province: "Cao Bằng", code: nil, type: "target",
        indicator: "đạt chuẩn, \"nâng cao\"", quantity: 2, quantityMax: nil, unit: "xã", year: 2024, scope: nil,
        sentence: "Phấn đấu\nđạt", line: 3, match: .exact,
        document: .init(kind: "Kế hoạch", number: nil, date: nil, issuer: nil, subject: nil, source: "a.txt"))

    @Test("query and search JSON list keys in sorted order, so the output is the same bytes in every run")
    func jsonKeysSorted() throws {
        // Foundation on Linux orders a keyed container by hash, which changes from run to run.
        func inOrder(_ json: String, _ keys: [String]) -> Bool {
            let at = keys.map { json.range(of: "\"\($0)\" :")?.lowerBound }
            return !at.contains(nil) && at == at.sorted { $0! < $1! }
        }
        let query = try HitOutput.render([hit], as: .json, query: CommuneQuery(name: "x"))
        #expect(
            inOrder(
                query, ["code", "commune", "district", "document", "indicator", "line", "match", "province", "year"]))
        #expect(inOrder(query, ["date", "issuer", "kind", "number", "source", "subject"]))
        let search = try HitOutput.render(
            [SearchHit(document: hit.document, snippet: "«Hưng Đạo»", line: 3, score: 1.5)], as: .json, text: "x")
        #expect(inOrder(search, ["document", "line", "score", "snippet"]))
    }

    @Test("JSON lists every field, with null for what is absent")
    func jsonHasEveryField() throws {
        let out = try HitOutput.render([hit], as: .json, query: CommuneQuery(name: "x"))
        let array = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        let object = try #require(array.first)
        #expect(
            Set(object.keys) == [
                "commune", "district", "province", "code", "type", "indicator", "level", "quantity", "quantityMax",
                "unit", "year", "yearStart", "scope", "sentence", "line", "match", "document",
            ])
        #expect(object["code"] is NSNull)
        let document = try #require(object["document"] as? [String: Any])
        #expect(Set(document.keys) == ["kind", "number", "date", "issuer", "subject", "source"])
        #expect(document["number"] is NSNull)
    }

    @Test("CSV quotes commas, quotes and line breaks")
    func csvQuoting() throws {
        let out = try HitOutput.render([hit], as: .csv, query: CommuneQuery(name: "x"))
        let lines = out.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("commune,district,province,code,type,indicator,level,quantity"))
        #expect(lines[1].contains(",\"đạt chuẩn, \"\"nâng cao\"\"\",,2,,xã,2024,,,\"Phấn đấu\nđạt\",3,exact,"))
    }

    @Test("CSV quotes codes and document numbers, so a spreadsheet keeps 02917 and 05/KH-UBND as written")
    func csvKeepsLeadingZeros() throws {
        var coded = hit
        coded.code = "02917"
        coded.document.number = "05/KH-UBND"
        let out = try HitOutput.render([coded], as: .csv, query: CommuneQuery(name: "x"))
        let row = out.components(separatedBy: "\r\n")[1]
        #expect(row.hasPrefix("Hưng Đạo,Cao Bằng,Cao Bằng,\"02917\",target,"))
        #expect(row.contains(",\"05/KH-UBND\","))
    }

    @Test("JSON Lines: one compact object per hit and line, keys sorted")
    func jsonLines() throws {
        var second = hit
        second.commune = "Vĩnh Quang"
        let out = try HitOutput.render([hit, second], as: .jsonl, query: CommuneQuery(name: "x"))
        let lines = out.split(separator: "\n")
        #expect(lines.count == 2 && out.hasSuffix("\n"))
        for (line, name) in zip(lines, ["Hưng Đạo", "Vĩnh Quang"]) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["commune"] as? String == name)
            #expect(line.hasPrefix("{\"code\":null,\"commune\":"))
        }
        let search = try HitOutput.render(
            [SearchHit(document: hit.document, snippet: "đạt", line: 3, score: 1.5)], as: .jsonl, text: "x")
        #expect(search.split(separator: "\n").count == 1)
    }

    @Test("the table shows a long sentence around the commune's name, JSON keeps it whole")
    func longSentenceExcerpt() throws {
        var long = hit
        long.sentence =
            String(repeating: "các mục tiêu, nhiệm vụ đề ra của năm 2020, ", count: 12) + "gồm: xã Hưng Đạo, huyện X; "
            + String(repeating: "và tiếp tục ", count: 30)
        let table = try HitOutput.render([long], as: .table, query: CommuneQuery(name: "x"))
        let line = try #require(table.split(separator: "\n").first { $0.contains("“") })
        #expect(line.contains("gồm: xã Hưng Đạo, huyện X") && line.contains("“…") && line.hasSuffix("…”"))
        #expect(line.count < 270)
        let json = try HitOutput.render([long], as: .json, query: CommuneQuery(name: "x"))
        #expect(json.contains(long.sentence))
    }

    @Test("the table says plainly when nothing names the commune")
    func emptyTable() throws {
        let out = try HitOutput.render([TargetHit](), as: .table, query: CommuneQuery(name: "Pha Long", year: 2030))
        #expect(out == "No target names the commune Pha Long for 2030.\n")
    }
}
