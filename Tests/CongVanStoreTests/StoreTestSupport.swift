import CongVanCore
import CongVanTestSupport
import Foundation

@testable import CongVanStore

func target(
    _ indicator: String, quantity: Double? = nil, unit: String? = "xã", year: Int? = nil,
    communes: [TargetCommune], sentence: String? = nil, line: Int = 1
) -> Target {
    Target(
        quantity: quantity, unit: unit, indicator: indicator, year: year, communes: communes,
        sentence: sentence ?? "Phấn đấu \(indicator).", line: line)
}

func document(
    _ path: String, hash: String? = nil, kind: String = "Kế hoạch", number: String? = nil, date: String? = nil,
    targets: [Target] = [], achievements: [Target] = [], text: String = "Văn bản"
) -> StoredDocument {
    let record = DirectiveRecord(
        source: path, kind: kind, number: number, date: date, targets: targets, achievements: achievements)
    return StoredDocument(
        path: path, contentHash: hash ?? ContentHash.hex(of: Array((path + text).utf8)),
        inputType: .text, pages: 1, restored: false, record: record, text: text)
}

let hungDaoCaoBang = TargetCommune(name: "Hưng Đạo", year: 2024, district: "Cao Bằng", province: "Cao Bằng")
let hungDaoHaiDuong = TargetCommune(name: "Hưng Đạo", district: "Chí Linh", province: "Hải Dương")
