import CongVanCore

/// Kinds of documents and the codes that mark them in a number (`242/KH-UBND`).
enum DocumentKinds {
    /// Canonical name and number code; longer names first so `Thông tư liên tịch` wins over `Thông tư`.
    static let all: [(name: String, code: String?)] = [
        ("Thông tư liên tịch", "TTLT"), ("Chương trình hành động", "CTr"), ("Công văn", nil), ("Kế hoạch", "KH"),
        ("Báo cáo", "BC"), ("Quyết định", "QĐ"), ("Nghị quyết", "NQ"), ("Thông báo", "TB"), ("Thông tư", "TT"),
        ("Chỉ thị", "CT"), ("Tờ trình", "TTr"), ("Nghị định", "NĐ"), ("Chương trình", "CTr"), ("Hướng dẫn", "HD"),
        ("Kết luận", "KL"), ("Công điện", "CĐ"), ("Đề án", "ĐA"), ("Giấy mời", "GM"), ("Quy chế", "QC"),
        ("Quy định", nil), ("Luật", nil), ("Pháp lệnh", nil),
    ]

    /// Fold key of a kind name → canonical name (`ke hoach` → `Kế hoạch`).
    static let byFold: [String: String] = {
        var m: [String: String] = [:]
        for k in all { m[Vietnamese.foldKey(k.name)] = k.name }
        m["chuong trinh hanh dong"] = "Chương trình"
        return m
    }()

    /// Number code (fold, lower case) → kind.
    static let byCode: [String: String] = {
        var m: [String: String] = [:]
        for k in all { if let c = k.code, m[Vietnamese.foldKey(c)] == nil { m[Vietnamese.foldKey(c)] = k.name } }
        m["ctr"] = "Chương trình"
        return m
    }()

    /// The kind a number's first letter code names: `12-NQ/TU` → Nghị quyết, `03/2022/NQ-HĐND`
    /// → Nghị quyết, OCR's `263/QP-TTg` → Quyết định; `417/UBND-NLN` → nil. Only the first code is a kind: after it come the
    /// issuer and its department (`123/SNN-KH` is a letter from the department's planning office).
    static func kind(ofNumber number: String) -> String? {
        let parts = number.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard let first = parts.dropFirst().first(where: { !$0.allSatisfy(\.isNumber) }) else { return nil }
        return byCode[Vietnamese.foldKey(repairCodes(String(first)))]
    }

    /// Codes written with `Đ`, which OCR often reads as `P`, `b` or `D` (`QP-TTg`, `HPND`).
    static let codesWithD = ["QĐ", "NĐ", "HĐND", "BCĐ", "VPĐP", "CĐ", "ĐA", "BCĐTW", "ĐU", "TTĐT", "ĐTN"]
    private static let dVariants: Set<Character> = ["Đ", "D", "P", "b", "Đ"]

    /// Puts `Đ` back into code parts that are a known code but for it: `867/Qb-UBND` →
    /// `867/QĐ-UBND`. Parts that already are known codes, or match none, stay as written.
    static func repairCodes(_ number: String) -> String {
        var out = ""
        var part = ""
        func flush() {
            if !part.isEmpty, !codesWithD.contains(part),
                let known = codesWithD.first(where: { code in
                    code.count == part.count
                        && zip(code, part).allSatisfy { c, p in c == p || (c == "Đ" && dVariants.contains(p)) }
                })
            {
                out += known
            } else {
                out += part
            }
            part = ""
        }
        for c in number {
            if c == "-" || c == "/" {
                flush()
                out.append(c)
            } else {
                part.append(c)
            }
        }
        flush()
        return out
    }

    /// Removes spaces inside a written number: `272/KH - UBND` → `272/KH-UBND`.
    static func normalizeNumber(_ s: String) -> String {
        String(s.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }
}
