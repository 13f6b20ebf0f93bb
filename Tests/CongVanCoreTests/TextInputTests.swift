import Foundation
import Testing

@testable import CongVanCore

@Suite("Text input")
struct TextInputTests {
    @Test("invalid UTF-8 is reported with its byte offset")
    func invalidUTF8NamesOffset() {
        let bytes = Array("xã hội ".utf8) + [0xC3, 0x28] + Array(" tiếp".utf8)
        #expect(throws: CoreError.invalidUTF8(source: "t.txt", offset: 10)) {
            try TextInput.decode(bytes, source: "t.txt")
        }
    }

    @Test("lossy decoding replaces invalid bytes instead of failing")
    func lossyReplacesInvalidBytes() throws {
        let text = try TextInput.decode([0x61, 0xFF, 0x62], source: "t", lossy: true)
        #expect(text == "a\u{FFFD}b")
    }

    @Test("binary data is refused")
    func binaryIsRefused() {
        #expect(throws: CoreError.binaryInput(source: "b")) {
            try TextInput.decode([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13], source: "b")
        }
    }

    @Test("input is normalised to NFC with plain line ends and no BOM")
    func normalisesToNFC() throws {
        let decomposed = "Ha\u{0300}\r\nno\u{0302}\u{0323}i"
        let text = try TextInput.decode([0xEF, 0xBB, 0xBF] + Array(decomposed.utf8), source: "t")
        #expect(text == "Hà\nnội")
        #expect(try TextInput.decode([], source: "e") == "")
    }

    @Test("a missing file names the path")
    func missingFileIsNamed() {
        #expect(throws: CoreError.fileNotFound(path: "/nonexistent/x.txt")) {
            try TextInput.read(path: "/nonexistent/x.txt")
        }
    }
}

@Suite("NFC quick check")
struct NFCQuickCheckTests {
    @Test("precomposed Vietnamese skips normalisation; combining marks do not")
    func quickCheck() {
        #expect(!TextInput.needsComposition("Cộng hòa xã hội chủ nghĩa Việt Nam – “Độc lập”"))
        #expect(TextInput.needsComposition("Ho\u{0302}\u{0323}i"))
    }
}
