import CongVanCore
import Foundation
import Testing

@testable import CongVanParse

@Suite("Gazetteer")
struct GazetteerTests {
    /// Two snapshots of a made-up province: a district merged away, a commune renamed
    /// (`Hoà` → `Hòa`), the same commune name in two districts, and a 2025 successor.
    static let snapshot1 = #"""
        {"data": [{"level1_id": "04", "name": "Tỉnh Cao Bằng", "type": "Tỉnh", "level2s": [
          {"level2_id": "040", "name": "Thành phố Cao Bằng", "type": "Thành phố", "level3s": [
            {"level3_id": "01705", "name": "Xã Hưng Đạo", "type": "Xã"}]},
          {"level2_id": "043", "name": "Huyện Bảo Lạc", "type": "Huyện", "level3s": [
            {"level3_id": "01351", "name": "Xã Hưng Đạo", "type": "Xã"}]},
          {"level2_id": "044", "name": "Huyện Thông Nông", "type": "Huyện", "level3s": [
            {"level3_id": "01378", "name": "Xã Ngọc Động", "type": "Xã"},
            {"level3_id": "01380", "name": "Xã Lương Hoà", "type": "Xã"}]}]}]}
        """#
    static let snapshot2 = #"""
        {"data": [{"level1_id": "04", "name": "Tỉnh Cao Bằng", "type": "Tỉnh", "level2s": [
          {"level2_id": "040", "name": "Thành phố Cao Bằng", "type": "Thành phố", "level3s": [
            {"level3_id": "01705", "name": "Xã Hưng Đạo", "type": "Xã"}]},
          {"level2_id": "043", "name": "Huyện Bảo Lạc", "type": "Huyện", "level3s": [
            {"level3_id": "01351", "name": "Xã Hưng Đạo", "type": "Xã"}]},
          {"level2_id": "045", "name": "Huyện Hà Quảng", "type": "Huyện", "level3s": [
            {"level3_id": "01378", "name": "Xã Ngọc Động", "type": "Xã"},
            {"level3_id": "01380", "name": "Xã Lương Hòa", "type": "Xã"}]}]}]}
        """#
    static let splits = #"""
        {"data": [{"level1_id": "04", "name": "Tỉnh Cao Bằng", "splits": [{"new_id": "04", "name": "Tỉnh Cao Bằng"}],
          "level3s": [{"level3_id": "01705", "name": "Xã Hưng Đạo", "splits": [{"new_id": "01273", "name": "Phường Thục Phán"}]}]}]}
        """#

    static func built() throws -> Gazetteer {
        let bytes = try GazetteerBuilder.build(
            snapshotJSON: [Data(snapshot1.utf8), Data(snapshot2.utf8)],
            splitsJSON: Data(splits.utf8))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gaz-\(UUID()).cvlex").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try Gazetteer(path: path)  // the mapping outlives the file's name
    }

    @Test("the builder keeps every version a unit had and the snapshots it appears in")
    func versionsAcrossSnapshots() throws {
        let g = try Self.built()
        let ngocDong = g.units(named: "Ngọc Động", level: .commune)
        #expect(ngocDong.count == 2)
        #expect(Set(ngocDong.compactMap { g.parent(of: $0)?.name }) == ["Thông Nông", "Hà Quảng"])
        let thongNong = try #require(g.units(named: "Thông Nông", level: .district).first)
        #expect(thongNong.snapshots == ["2019-12"])
        #expect(thongNong.type == "huyện")
        #expect(
            g.units(named: "Hưng Đạo", level: .commune).first { $0.code == "01705" }?.successor == "Phường Thục Phán")
    }

    @Test("names match across tone-mark placement, case and missing diacritics")
    func tolerantMatching() throws {
        let g = try Self.built()
        #expect(Set(g.units(named: "Lương Hòa").map(\.code)) == ["01380"])
        #expect(Set(g.units(named: "LƯƠNG HOÀ").map(\.code)) == ["01380"])
        #expect(Set(g.units(named: "Luong Hoa").map(\.code)) == ["01380"])
        #expect(g.units(named: "Không Có").isEmpty)
    }

    @Test("a source file that is missing or not the expected JSON is reported, not crashed on")
    func badSources() {
        #expect(throws: ParseError.self) { try GazetteerBuilder.build(directory: "/nonexistent") }
        #expect(throws: ParseError.self) {
            try GazetteerBuilder.build(snapshotJSON: [Data("{}".utf8)], splitsJSON: nil)
        }
    }

    @Test("the committed gazetteer holds all three Cao Bằng communes named Hưng Đạo")
    func committedDuplicates() throws {
        let g = Fixtures.gazetteer
        let hungDao = g.units(named: "Hưng Đạo", level: .commune).filter {
            g.parent(of: $0).flatMap { g.parent(of: $0) }?.name == "Cao Bằng"
        }
        #expect(Set(hungDao.map(\.code)) == ["01705", "01351", "01783"])
        #expect(Set(hungDao.compactMap { g.parent(of: $0)?.name }) == ["Cao Bằng", "Bảo Lạc", "Nguyên Bình"])
    }

    @Test("districts merged in 2020 still resolve: Thông Nông, Trà Lĩnh, Phục Hòa, Quảng Uyên")
    func mergedDistricts() {
        let g = Fixtures.gazetteer
        for name in ["Thông Nông", "Trà Lĩnh", "Phục Hòa", "Phục Hoà", "Quảng Uyên"] {
            let units = g.units(named: name, level: .district)
            #expect(units.contains { $0.snapshots == ["2019-12"] && g.parent(of: $0)?.name == "Cao Bằng" }, "\(name)")
        }
        #expect(g.units(named: "Quảng Hòa", level: .district).contains { !$0.snapshots.contains("2019-12") })
    }
}

@Suite("Commune resolution")
struct CommuneResolutionTests {
    func communes(_ text: String) -> DirectiveRecord {
        Fixtures.parser.parse(text, source: "test")
    }

    @Test("a duplicate name is settled by the district written next to it")
    func byWrittenDistrict() {
        let r = communes("UBND TỈNH CAO BẰNG\n\nSố: 1/UBND-KT\n\nHỗ trợ xã Hưng Đạo, huyện Bảo Lạc làm đường.")
        #expect(r.communes.map(\.district) == ["Bảo Lạc"])
        #expect(r.communes.first?.code == "01351")
        #expect(r.communes.first?.ambiguous == false)
    }

    @Test("a duplicate name is settled by the issuing district")
    func byIssuer() {
        let r = communes("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CAO BẰNG\n\nSố: 2/UBND\n\nHướng dẫn xã Hưng Đạo rà soát tiêu chí.")
        #expect(r.communes.map(\.district) == ["Cao Bằng"])
        #expect(r.communes.first?.successor == "Phường Thục Phán")
    }

    @Test("a duplicate name is settled by the other communes listed with it")
    func byNeighbours() {
        let r = communes(
            "UBND TỈNH CAO BẰNG\n\nSố: 3/UBND-KT\n\nHướng dẫn UBND các xã Hưng Đạo, Vĩnh Quang, Chu Trinh thực hiện.")
        #expect(r.communes.map(\.name) == ["Hưng Đạo", "Vĩnh Quang", "Chu Trinh"])
        #expect(r.communes.allSatisfy { $0.district == "Cao Bằng" && !$0.ambiguous })
    }

    @Test("a name that stays ambiguous is reported with its candidates, not guessed")
    func staysAmbiguous() {
        let r = communes("UBND TỈNH CAO BẰNG\n\nSố: 4/UBND-KT\n\nKiểm tra xã Hưng Đạo.")
        let m = try! #require(r.communes.first)
        #expect(m.ambiguous)
        #expect(m.district == nil)
        #expect(m.province == "Cao Bằng")
        #expect(m.candidates.count == 3)
        #expect(r.warnings.contains { $0.contains("Hưng Đạo") && $0.contains("ambiguous") })
    }

    @Test("a commune of a district merged in 2020 resolves under the district the text names")
    func mergedDistrictCommune() {
        let r = communes(
            "UBND TỈNH CAO BẰNG\n\nSố: 5/UBND-KT\nCao Bằng, ngày 10 tháng 01 năm 2020\n\nLạc được triển khai tại xã Ngọc Động, huyện Thông Nông."
        )
        #expect(r.communes.map(\.district) == ["Thông Nông"])
        #expect(r.communes.first?.code == "01378")
    }

    @Test("an old tone-mark placement and upper-case words do not create or lose communes")
    func toneAndCase() {
        let r = communes(
            "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\n\nSố: 6/UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nxã Hoà Mỹ, huyện Cái Nước; Cộng hòa xã hội chủ nghĩa."
        )
        #expect(r.communes.map { Vietnamese.toneKey($0.name) } == [Vietnamese.toneKey("Hòa Mỹ")])
        #expect(r.communes.first?.district == "Cái Nước")
    }
}

@Suite("Communes outside the body")
struct HeaderCommuneTests {
    @Test("a commune named in the subject line is listed")
    func subjectCommune() {
        let r = Fixtures.parser.parse(
            "UBND HUYỆN BẢO LẠC\n\nSố: 7/UBND\nV/v hỗ trợ xã Hưng Đạo làm đường\n\nBảo Lạc, ngày 2 tháng 3 năm 2023\n\nNội dung.",
            source: "t")
        #expect(r.communes.map(\.code) == ["01351"])
    }
}

@Suite("Names reused after a merger")
struct ReusedNameTests {
    @Test("a name two communes bore at different times resolves by the document's year")
    func byYear() {
        // Cải Viên (Hà Quảng) was 01405 until 2020; the commune merged from Vân An took its name (01402).
        let old = Fixtures.parser.parse(
            "UBND TỈNH CAO BẰNG\n\nSố: 9/UBND-KT\nCao Bằng, ngày 5 tháng 12 năm 2019\n\nHỗ trợ xã Cải Viên, huyện Hà Quảng.",
            source: "t")
        #expect(old.communes.map(\.code) == ["01405"])
        let new = Fixtures.parser.parse(
            "UBND TỈNH CAO BẰNG\n\nSố: 9/UBND-KT\nCao Bằng, ngày 5 tháng 12 năm 2023\n\nHỗ trợ xã Cải Viên, huyện Hà Quảng.",
            source: "t")
        #expect(new.communes.map(\.code) == ["01402"])
    }
}
