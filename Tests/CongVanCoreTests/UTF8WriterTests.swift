import Testing

@testable import CongVanCore

@Suite("UTF-8 writer")
struct UTF8WriterTests {
    @Test("scalars of one to four UTF-8 bytes come out as Swift encodes them, appended singly or as a slice")
    func encodesEveryScalarLength() {
        let text = "a Đ ở ệ € 𝄞 x"
        var single = UTF8Writer()
        var sliced = UTF8Writer()
        for s in text.unicodeScalars { single.append(s) }
        sliced.append(Array(text.unicodeScalars)[...])
        #expect(single.bytes == Array(text.utf8))
        #expect(sliced.string == text)
        #expect(UTF8Writer.string(text.unicodeScalars) == text)
    }
}
