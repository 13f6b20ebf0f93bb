import CongVanCore

/// The keys commune names are stored and matched under.
enum NameKey {
    /// Case- and diacritic-free, single-spaced: `Hưng  Đạo` → `hung dao`.
    static func fold(_ name: String) -> String { Vietnamese.foldKey(Vietnamese.squeezeSpaces(name)) }

    /// Lower case with tones as digits, single-spaced: equal for `Hoà` and `Hòa`.
    static func tone(_ name: String) -> String { Vietnamese.toneKey(Vietnamese.squeezeSpaces(name)) }

    /// What a person typed without a leading commune-level unit type (`xã Hưng Đạo`, `phường
    /// 15`, `thị trấn …`): the communes are what `query` looks for.
    static func withoutUnitType(_ typed: String) -> String {
        guard let (type, name) = Vietnamese.UnitType.split(typed), type.level == .commune else { return typed }
        return name
    }

    /// The folded key of what a person typed, without a leading unit type.
    static func queryFold(_ typed: String) -> String { fold(withoutUnitType(typed)) }

    /// The tone key of what a person typed, without a leading unit type.
    static func queryTone(_ typed: String) -> String { tone(withoutUnitType(typed)) }

    /// True when `a` and `b` differ by at most one insertion, deletion, substitution or swap of
    /// two neighbouring letters (one typo).
    static func withinOneTypo(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        switch long.count - short.count {
        case 0:
            var first = -1
            for i in 0..<short.count where short[i] != long[i] {
                if first < 0 {
                    first = i
                    continue
                }
                // A second difference: only a swap of neighbours is still one typo.
                return i == first + 1 && short[first] == long[i] && short[i] == long[first]
                    && short[(i + 1)...] == long[(i + 1)...]
            }
            return true
        case 1:
            var i = 0
            while i < short.count, short[i] == long[i] { i += 1 }
            return short[i...] == long[(i + 1)...]
        default:
            return false
        }
    }
}
