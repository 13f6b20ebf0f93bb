import Foundation

/// The text primitives every stage shares, each written once: white space, digits, composition
/// (NFC), and the words that name a kind of administrative unit. Folding and letter case are
/// in `Vietnamese.swift`. Index and query, builder and reader, all call these, so they cannot
/// drift apart.
extension Vietnamese {
    // MARK: White space

    /// White space as it occurs in documents: Unicode's White_Space (tab to carriage return,
    /// space, NEL, no-break space, the typographic spaces, line and paragraph separators),
    /// plus the zero-width space and the byte-order mark, which only ever separate words.
    /// Decided without a Unicode property lookup.
    @inline(__always)
    public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20: return true
        case 0..<0x80: return false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// Every run of white space made one space, none at either end: `  Hưng\u{A0} Đạo ` →
    /// `Hưng Đạo`. Returns `text` itself when nothing changes.
    public static func squeezeSpaces(_ text: String) -> String {
        var changed = false
        var pendingSpace = false
        var any = false
        for s in text.unicodeScalars {
            if isSpace(s) {
                if !any || pendingSpace || s != " " { changed = true }
                pendingSpace = any
            } else {
                pendingSpace = false
                any = true
            }
        }
        if pendingSpace { changed = true }
        guard changed else { return text }
        var out = UTF8Writer(capacity: text.utf8.count)
        var space = false
        for s in text.unicodeScalars {
            if isSpace(s) {
                space = !out.bytes.isEmpty
            } else {
                if space { out.append(" ") }
                space = false
                out.append(s)
            }
        }
        return out.string
    }

    // MARK: Digits

    /// An ASCII digit, the only digits Vietnamese documents write.
    @inline(__always)
    public static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    // MARK: Composition

    /// A combining mark that NFC may fold into the letter before it (the marks a decomposed
    /// Vietnamese text carries are all in 0300–036F).
    @inline(__always)
    static func isCombining(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x300...0x36F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: return true
        default: return false
        }
    }

    /// The text in NFC; itself when it holds nothing composition could change (checked without
    /// Foundation, which dominates on long texts). Text typed or pasted on a Mac is often NFD:
    /// `Hưng Đạo` then holds `u` + U+031B + ... and matches nothing precomposed.
    public static func composed(_ text: String) -> String {
        TextInput.needsComposition(text) ? text.precomposedStringWithCanonicalMapping : text
    }

    // MARK: Administrative units

    /// The kinds of administrative unit and the words that name them in running text.
    public enum UnitType: String, Sendable, CaseIterable, Codable {
        case province = "tỉnh"
        case city = "thành phố"
        case district = "huyện"
        case urbanDistrict = "quận"
        case town = "thị xã"
        case commune = "xã"
        case ward = "phường"
        case township = "thị trấn"

        /// The level of the hierarchy a unit of this kind sits at. A `thành phố` is a province
        /// (centrally run) or a district (provincial city); the parser tells them apart.
        public enum Level: Sendable { case province, district, commune }

        public var level: Level {
            switch self {
            case .province: .province
            case .city, .district, .urbanDistrict, .town: .district
            case .commune, .ward, .township: .commune
            }
        }

        /// The words in lower case with their marks (`thị trấn`).
        public var words: String { rawValue }

        /// The words folded (`thi tran`).
        public var folded: String { Vietnamese.foldKey(rawValue) }

        /// The folded last word (`tran`, `xa`, `pho`): what ends the type before a name.
        public var lastWordFolded: String { String(folded.split(separator: " ").last ?? "") }

        /// Every type, longer names first, so `thị xã` is tried before `xã`.
        public static let longestFirst: [UnitType] = allCases.sorted {
            ($0.rawValue.unicodeScalars.count, $1.rawValue) > ($1.rawValue.unicodeScalars.count, $0.rawValue)
        }

        /// The unit type `name` starts with, and the name after it, compared without case or
        /// marks and with white space squeezed: `Xã  Hưng Đạo` → (`.commune`, `Hưng Đạo`); nil
        /// when `name` starts with no type or is nothing but one.
        public static func split(_ name: String) -> (type: UnitType, name: String)? {
            let words = Vietnamese.squeezeSpaces(name).split(separator: " ")
            let folded = words.map { Vietnamese.foldKey(String($0)) }
            for type in longestFirst {
                let typeWords = type.folded.split(separator: " ").map(String.init)
                guard folded.count > typeWords.count, Array(folded.prefix(typeWords.count)) == typeWords else {
                    continue
                }
                return (type, words.dropFirst(typeWords.count).joined(separator: " "))
            }
            return nil
        }
    }
}
