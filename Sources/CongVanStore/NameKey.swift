import CongVanCore

/// The keys commune names are stored and matched under.
enum NameKey {
    /// Case- and diacritic-free, single-spaced: `Hưng  Đạo` → `hung dao`.
    static func fold(_ name: String) -> String { Vietnamese.foldKey(collapse(name)) }

    /// Lower case with tones as digits, single-spaced: equal for `Hoà` and `Hòa`.
    static func tone(_ name: String) -> String { Vietnamese.toneKey(collapse(name)) }

    /// Unit types a person may type before the name (`xã Hưng Đạo`), folded.
    static let typePrefixes = ["xa ", "phuong ", "thi tran "]

    /// The folded key of what a person typed, without a leading unit type.
    static func queryFold(_ typed: String) -> String {
        var key = fold(typed)
        for p in typePrefixes where key.hasPrefix(p) && key.count > p.count {
            key.removeFirst(p.count)
            break
        }
        return key
    }

    /// The tone key of what a person typed, without a leading unit type.
    static func queryTone(_ typed: String) -> String {
        let folded = fold(typed)
        let words = collapse(typed).split(separator: " ")
        for p in typePrefixes where folded.hasPrefix(p) && folded.count > p.count {
            let drop = p.split(separator: " ").count
            return tone(words.dropFirst(drop).joined(separator: " "))
        }
        return tone(typed)
    }

    /// Trims and turns every run of white space into one space.
    static func collapse(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for u in s.unicodeScalars {
            if u.properties.isWhitespace {
                space = !out.isEmpty
            } else {
                if space {
                    out.append(" ")
                    space = false
                }
                out.append(u)
            }
        }
        return String(out)
    }

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
