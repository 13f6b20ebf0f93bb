import Testing

@testable import CongVanRestore

@Suite("Tokenizer")
struct TokenizerTests {
    func kinds(_ line: String) -> [(String, Piece.Kind)] {
        let s = Array(line.unicodeScalars)
        return Tokenizer.pieces(s).map { (String(String.UnicodeScalarView(s[$0.start..<$0.end])), $0.kind) }
    }

    @Test("document codes, numbers and dates are told apart from words")
    func classifiesPieces() {
        let k = kinds("Căn cứ Quyết định số 263/QĐ-TTg ngày 22/02/2022, đạt 48,5%")
        #expect(k.map(\.0) == ["Căn", "cứ", "Quyết", "định", "số", "263/QĐ-TTg", "ngày", "22/02/2022", "đạt", "48,5%"])
        #expect(k[5].1 == .code)
        #expect(k[7].1 == .number)
        #expect(k[9].1 == .number)
        #expect(k[0].1 == .word)
    }

    @Test("a word's vocabulary key is its lower case, for Vietnamese and other letters alike")
    func wordKeysAreLowerCase() {
        let key = { (w: String) in LMToken.wordKey(Array(w.unicodeScalars)[...]) }
        #expect(key("ĐƯỢC") == "được")
        #expect(key("Nông") == "nông")
        #expect(key("x4") == "x4")
        #expect(key("TI€U") == "ti€u")
        #expect(key("ÄRGER") == "ärger")
        #expect(key("ΣΟΦΊΑ") == "σοφία")
        #expect(key("") == "")
    }

    @Test("OCR debris stays inside the word it damaged")
    func keepsDebrisInWords() {
        #expect(kinds("ti€u chí x4 s6 m&i").map(\.0) == ["ti€u", "chí", "x4", "s6", "m&i"])
        #expect(kinds("x4").first?.1 == .word)
    }

    @Test("punctuation glued between words splits them; separators in codes do not")
    func splitsGluedPunctuation() {
        #expect(kinds("tổ;chức việc)điều").map(\.0) == ["tổ", "chức", "việc", "điều"])
        #expect(kinds("tỉnh/huyện V/v").map(\.1) == [.word, .word, .code])
    }

    @Test("an issuer after a spaced dash is the rest of the code, not a word of the sentence")
    func joinsSpacedCodes() {
        let s = Array("số 272/KH - UBND ngày, 263/QĐ-TTg - UBND tỉnh, năm 2021 - UBND".unicodeScalars)
        let p = Tokenizer.pieces(s)
        #expect(p.map(\.kind) == [.word, .code, .code, .word, .code, .word, .word, .word, .number, .word])
        #expect(p.map(\.continuesCode) == [false, false, true, false, false, false, false, false, false, false])
        var tokens: [String] = []
        LMToken.sentences(of: "số 272/KH - UBND ngày") { tokens += $0 }
        #expect(tokens == ["số", "<code>", "ngày"])
    }

    @Test(
        "in garble a code made only of lower-case words with misread letters is those words (chi/x3 → chi, x3), a real code stays one"
    )
    func garbledWordCodesSplit() {
        let s = Array("10,62 tiéu chi/x3), quan/x4; 272/KH-UBND TH1 19/3/2020".unicodeScalars)
        var p = Tokenizer.pieces(s)
        Tokenizer.splitGarbledCodes(s, &p)
        #expect(
            p.map { String(String.UnicodeScalarView(s[$0.start..<$0.end])) } == [
                "10,62", "tiéu", "chi", "x3", "quan", "x4", "272/KH-UBND", "TH1", "19/3/2020",
            ])
        #expect(p.map(\.kind) == [.number, .word, .word, .word, .word, .word, .code, .code, .number])
        // The boundary after the code is the last word's.
        #expect(p[3].breakAfter == false && p[3].commaAfter && p[5].breakAfter)
    }

    @Test("e-mail addresses and URLs pass through as one piece")
    func verbatimPieces() {
        #expect(
            kinds("gửi vanthu@caobang.gov.vn và https://caobang.gov.vn/tin").map(\.1) == [
                .word, .verbatim, .word, .verbatim,
            ])
    }

    @Test("sentence ends and commas are marked on the piece before them")
    func marksBoundaries() {
        let s = Array("xã, huyện. Tỉnh".unicodeScalars)
        let p = Tokenizer.pieces(s)
        #expect(p[0].commaAfter && !p[0].breakAfter)
        #expect(p[1].breakAfter)
        #expect(!p[2].breakAfter)
    }

    @Test("a comma or full stop standing alone after a space still marks the piece before it")
    func marksDetachedBoundaries() {
        let s = Array("xã , huyện . Tỉnh".unicodeScalars)
        let p = Tokenizer.pieces(s)
        #expect(p.count == 3)
        #expect(p[0].commaAfter && !p[0].breakAfter)
        #expect(p[1].breakAfter && !p[1].commaAfter)
        #expect(!p[2].breakAfter)
    }

    @Test("every occurrence of a spelling gets one type, and spellings differing in case or marks get their own")
    func internsWordTypes() {
        // Enough distinct words to make the table grow several times.
        let filler = (0..<3000).map { "w\($0)x" }.joined(separator: " ")
        let text = ["Xã xa XÃ xã 2021 xa", filler, "xã, Xã 263/QĐ-TTg xa"]
        let lines = text.map { Array($0.unicodeScalars) }
        let pieces = lines.map(Tokenizer.pieces)
        let types = TokenTypes(lines: lines, pieces: pieces)
        func spelling(_ li: Int, _ pi: Int) -> String {
            let t = types.ofPiece[li][pi]
            return t < 0 ? "-" : String(String.UnicodeScalarView(types.raw(t, in: lines)))
        }
        let first = types.ofPiece[0]
        #expect(first[0] != first[1] && first[0] != first[2] && first[0] != first[3])
        #expect(first[1] == first[5] && first[1] == types.ofPiece[2][3])
        #expect(first[4] == -1 && types.ofPiece[2][2] == -1)
        #expect(types.ofPiece[2][0] == first[3] && types.ofPiece[2][1] == first[0])
        #expect(types.count == 4 + 3000)
        for li in lines.indices {
            for pi in pieces[li].indices where pieces[li][pi].kind == .word {
                let p = pieces[li][pi]
                #expect(spelling(li, pi) == String(String.UnicodeScalarView(lines[li][p.start..<p.end])))
            }
        }
    }
}
