import CongVanCore
import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanStore

/// `query` for a district or a province, and its filters by level, status and year.
@Suite("Store: query by district and province")
struct PlaceQueryTests {
    /// Two districts of Tuyên Quang and one of Lào Cai, targets and achievements at three levels.
    func makeStore(_ dir: TempFolder) throws -> Store {
        let store = try Store.openForWriting(path: dir.file("s.sqlite"))
        func commune(_ name: String, _ district: String, _ province: String, year: Int? = nil) -> TargetCommune {
            TargetCommune(name: name, year: year, district: district, province: province)
        }
        var plan = target(
            "đạt chuẩn nông thôn mới nâng cao", quantity: 2, year: 2025,
            communes: [commune("Trung Môn", "Yên Sơn", "Tuyên Quang"), commune("Chân Sơn", "Yên Sơn", "Tuyên Quang")])
        plan.level = "nâng cao"
        plan.yearStart = 2021
        var model = target(
            "đạt chuẩn nông thôn mới kiểu mẫu", quantity: 1, year: 2024,
            communes: [commune("Tân Trào", "Sơn Dương", "Tuyên Quang")])
        model.level = "kiểu mẫu"
        var done = target(
            "đạt chuẩn nông thôn mới", year: 2019, communes: [commune("Lang Quán", "Yên Sơn", "Tuyên Quang")])
        done.level = "nông thôn mới"
        var lc = target(
            "đạt chuẩn nông thôn mới", quantity: 1, year: 2024, communes: [commune("Yên Sơn", "Bảo Yên", "Lào Cai")])
        lc.level = "nông thôn mới"
        _ = try store.save(document("kh.txt", kind: "Kế hoạch", targets: [plan, model], achievements: [done]))
        _ = try store.save(document("lc.txt", kind: "Kế hoạch", targets: [lc]))
        return store
    }

    @Test("a district's name with its type word lists every commune of it, grouped by commune")
    func districtWithType() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let answer = try store.answer(CommuneQuery(name: "huyện Yên Sơn"))
        #expect(answer.scope == .district)
        #expect(answer.hits.map(\.commune) == ["Chân Sơn", "Trung Môn"])
        #expect(answer.hits.allSatisfy { $0.yearStart == 2021 && $0.year == 2025 && $0.level == "nâng cao" })
        // Without the type word the name is a commune's first (xã Yên Sơn of Lào Cai).
        #expect(try store.answer(CommuneQuery(name: "yen son")).scope == .commune)
    }

    @Test("a name that is no commune's in the store but a district's or a province's is answered as one")
    func districtOrProvinceWithoutType() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let district = try store.answer(CommuneQuery(name: "son duong"))
        #expect(district.scope == .district && district.hits.map(\.commune) == ["Tân Trào"])
        let province = try store.answer(CommuneQuery(name: "Tuyên Quang", includeAchievements: true))
        #expect(province.scope == .province)
        #expect(Set(province.hits.map(\.commune)) == ["Trung Môn", "Chân Sơn", "Tân Trào", "Lang Quán"])
        let table = try HitOutput.render(
            province.hits, as: .table, query: CommuneQuery(name: "Tuyên Quang"), scope: .province)
        #expect(table.hasPrefix("Province Tuyên Quang: 4 communes, 4 hits"))
    }

    @Test("--province alone lists a province; with a name it keeps that province's units only")
    func provinceOption() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        #expect(try store.answer(CommuneQuery(name: "", province: "tỉnh Lào Cai")).hits.map(\.commune) == ["Yên Sơn"])
        // In Tuyên Quang, Yên Sơn is no commune of the store but a district.
        let inTuyenQuang = try store.answer(CommuneQuery(name: "yên sơn", province: "Tuyên Quang"))
        #expect(inTuyenQuang.scope == .district && inTuyenQuang.hits.map(\.commune) == ["Chân Sơn", "Trung Môn"])
    }

    @Test("level, status and year filters, the level typed any way")
    func filters() throws {
        let dir = TempFolder()
        let store = try makeStore(dir)
        let q = CommuneQuery(name: "Tuyên Quang", level: "kieu mau")
        #expect(try store.query(q).map(\.commune) == ["Tân Trào"])
        let done = try store.query(CommuneQuery(name: "huyện Yên Sơn", status: "achievement"))
        #expect(done.map(\.commune) == ["Lang Quán"] && done.allSatisfy { $0.type == "achievement" })
        #expect(try store.query(CommuneQuery(name: "Tuyên Quang", year: 2024, level: "ntm")).isEmpty)
        #expect(try store.query(CommuneQuery(name: "Lào Cai", year: 2024, level: "NTM")).map(\.commune) == ["Yên Sơn"])
        let none = try HitOutput.render(
            [], as: .table, query: CommuneQuery(name: "Sơn Dương", year: 2030), scope: .district)
        #expect(none == "No target names a commune of the district Sơn Dương for 2030.\n")
    }
}
