import CongVanCore
import CongVanTestSupport
import Foundation
import Testing

/// Properties of the text kernel, on every seed text and on generated input.
@Suite("Text kernel")
struct TextKernelTests {
    /// Texts that mix everything a document or a person may type: every Vietnamese letter in
    /// both cases, ASCII, digits, white space of several kinds, punctuation, combining marks,
    /// letters of other scripts and emoji. Seeded, so a failure repeats.
    static let generated: [String] = {
        var pieces: [String] = []
        for row in [
            "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị", "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ",
            "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ", "đ",
        ] {
            for c in row { pieces += [String(c), String(c).uppercased()] }
        }
        pieces += ["b", "C", "x", "Q", "0", "7", "9", " ", "  ", "\t", "\n", "\u{A0}", "\u{2009}", "\u{200B}"]
        pieces += [",", ".", "/", "-", "–", "“", "”", "%", "«", "»", "\u{0301}", "\u{0323}", "\u{0302}"]
        pieces += ["ß", "Ω", "日", "😀", "xã", "Hưng Đạo", "thị trấn", "Hoà", "Hòa"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        return (0..<1_500).map { _ in (0..<(next() % 40)).map { _ in pieces[next() % pieces.count] }.joined() }
    }()

    static var samples: [String] { generated + ((try? Repository.seedTexts()) ?? []) }

    func nfd(_ s: String) -> String { s.decomposedStringWithCanonicalMapping }
    func nfc(_ s: String) -> String { s.precomposedStringWithCanonicalMapping }

    @Test("folding is idempotent")
    func foldIdempotent() {
        for s in Self.samples {
            #expect(Vietnamese.foldKey(Vietnamese.foldKey(s)) == Vietnamese.foldKey(s))
            #expect(Vietnamese.fold(Vietnamese.fold(s)) == Vietnamese.fold(s))
        }
    }

    @Test("decomposed and composed input fold, key and tone alike")
    func normalisationInvariant() {
        for s in Self.samples {
            #expect(Vietnamese.foldKey(nfd(s)) == Vietnamese.foldKey(nfc(s)), "\(s.debugDescription)")
            #expect(Vietnamese.fold(nfd(s)) == Vietnamese.fold(nfc(s)))
            #expect(Vietnamese.toneKey(nfd(s)) == Vietnamese.toneKey(nfc(s)))
        }
    }

    @Test("on composed text the fold maps one scalar to one scalar, so offsets carry over")
    func foldKeepsOffsets() {
        for s in Self.samples.map(nfc) {
            #expect(Vietnamese.fold(s).unicodeScalars.count == s.unicodeScalars.count)
            #expect(Vietnamese.foldKey(s).unicodeScalars.count == s.unicodeScalars.count)
        }
    }

    @Test("the key is the fold in lower case, and has no Vietnamese mark left")
    func keyIsLoweredFold() {
        for s in Self.samples {
            let key = Vietnamese.foldKey(s)
            #expect(key == Vietnamese.lowercase(Vietnamese.fold(s)))
            #expect(!key.unicodeScalars.contains { Vietnamese.isMarked($0) || ("A"..."Z").contains($0) })
        }
    }

    @Test("keying scalar by scalar (as the restorer hashes place names) gives the fold key")
    func keyScalarIsFoldKey() {
        for s in Self.samples.map(nfc) where !s.unicodeScalars.contains(where: { (0x300...0x36F).contains($0.value) }) {
            let keyed = String(String.UnicodeScalarView(s.unicodeScalars.map(Vietnamese.keyScalar)))
            #expect(keyed == Vietnamese.foldKey(s))
        }
    }

    @Test("squeezing leaves single spaces between the same words, none at the ends, and is idempotent")
    func squeeze() {
        for s in Self.samples {
            let q = Vietnamese.squeezeSpaces(s)
            #expect(Vietnamese.squeezeSpaces(q) == q)
            #expect(!q.hasPrefix(" ") && !q.hasSuffix(" ") && !q.contains("  "))
            #expect(!q.unicodeScalars.contains { Vietnamese.isSpace($0) && $0 != " " })
            let words = s.unicodeScalars.split(whereSeparator: Vietnamese.isSpace).map { String($0) }
            #expect(q.unicodeScalars.split(separator: " ").map { String($0) } == words)
        }
        #expect(Vietnamese.squeezeSpaces(" Hưng\u{A0}\u{2009}Đạo\n") == "Hưng Đạo")
    }

    @Test("white space is Unicode's, plus the zero-width space and the byte-order mark")
    func spaces() {
        for v in UInt32(0)...0x3100 {
            guard let s = Unicode.Scalar(v) else { continue }
            #expect(Vietnamese.isSpace(s) == (s.properties.isWhitespace || v == 0x200B), "U+\(String(v, radix: 16))")
        }
        #expect(Vietnamese.isSpace("\u{FEFF}"))
    }

    @Test("digits are the ASCII digits")
    func digits() {
        for v in UInt32(0)...0x2000 {
            guard let s = Unicode.Scalar(v) else { continue }
            #expect(Vietnamese.isDigit(s) == ("0"..."9").contains(s))
        }
    }

    @Test("every Vietnamese letter changes case and back")
    func caseRoundTrip() {
        for s in Self.generated.joined().unicodeScalars where Vietnamese.letter(s) != nil {
            let lower = Vietnamese.lowercase(s)!
            let upper = Vietnamese.uppercase(s)!
            #expect(Vietnamese.lowercase(upper) == lower && Vietnamese.uppercase(lower) == upper)
            #expect(String(upper) == String(lower).uppercased())
        }
    }

    @Test("a unit type is found before a name whatever the case, marks, spacing or normal form")
    func unitTypes() {
        for type in Vietnamese.UnitType.allCases {
            for typed in [type.words, type.words.uppercased(), Vietnamese.fold(type.words), nfd(type.words)] {
                let split = Vietnamese.UnitType.split(typed + "  Hưng Đạo")
                #expect(split?.type == type, "\(typed)")
                #expect(split?.name == "Hưng Đạo")
            }
            #expect(Vietnamese.UnitType.split(type.words) == nil)
        }
        // `thị xã` is a type of its own, not `xã` after a name `thị`.
        #expect(Vietnamese.UnitType.split("thị xã Sa Pa")?.type == .town)
        #expect(Vietnamese.UnitType.split("Hưng Đạo") == nil)
        #expect(
            Vietnamese.UnitType.allCases.map(\.lastWordFolded).sorted()
                == ["huyen", "pho", "phuong", "quan", "tinh", "tran", "xa", "xa"])
    }
}

@Suite("Terminal text")
struct TerminalTextTests {
    @Test("control characters and bidirectional overrides are escaped; Vietnamese text is untouched")
    func escapes() {
        #expect(TerminalText.escaped("x\u{1B}]0;t\u{07}.txt") == "x\\x1B]0;t\\x07.txt")
        #expect(TerminalText.escaped("a\u{9B}b\u{7F}c\u{202E}d") == "a\\x9Bb\\x7Fc\\u{202E}d")
        #expect(TerminalText.escaped("dòng 1\ndòng 2") == "dòng 1\\x0Adòng 2")
        #expect(TerminalText.escaped("dòng 1\n\tdòng 2", keepingLineBreaks: true) == "dòng 1\n\tdòng 2")
        let plain = "Ủy ban nhân dân xã Hưng Đạo — “đạt chuẩn” 100%"
        #expect(TerminalText.escaped(plain) == plain)
    }
}
