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

@Suite("Text input: one rule for the whole input")
struct WholeInputTests {
    static let sample = "Ủy ban nhân dân xã Hưng Đạo\nPhấn đấu năm 2025 đạt chuẩn nông thôn mới.\n"

    @Test("a NUL byte far past the start still marks the input as binary")
    func lateNulIsBinary() {
        var bytes = Array(String(repeating: Self.sample, count: 2_000).utf8)
        #expect(bytes.count > 70_000)
        bytes.insert(0, at: 70_000)
        #expect(throws: CoreError.binaryInput(source: "late.txt")) { try TextInput.decode(bytes, source: "late.txt") }
    }

    @Test("control bytes are counted over the whole input, not its first 64 KiB")
    func controlBytesCountedThroughout() {
        let clean = Array(String(repeating: "a", count: 70_000).utf8)
        let noisy = clean + [UInt8](repeating: 1, count: 10_000)
        #expect(throws: CoreError.binaryInput(source: "n")) { try TextInput.decode(noisy, source: "n") }
    }

    func utf16(_ text: String, littleEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for u in text.utf16 {
            let (hi, lo) = (UInt8(u >> 8), UInt8(u & 0xFF))
            out += littleEndian ? [lo, hi] : [hi, lo]
        }
        return out
    }

    @Test(
        "UTF-16 text is decoded, with or without a byte-order mark, either byte order",
        arguments: [(true, true), (false, true), (true, false), (false, false)])
    func utf16IsDecoded(littleEndian: Bool, bom: Bool) throws {
        let bytes = utf16(
            Self.sample.replacingOccurrences(of: "\n", with: "\r\n"), littleEndian: littleEndian, bom: bom)
        #expect(try TextInput.decode(bytes, source: "u") == Self.sample)
    }

    @Test("UTF-16 with a broken surrogate is reported as such, not as binary")
    func brokenUTF16() throws {
        let bytes =
            utf16("xã ", littleEndian: true, bom: true) + [0x00, 0xD8] + utf16(" hội", littleEndian: true, bom: false)
        #expect(throws: CoreError.invalidUTF16(source: "u", offset: 8)) { try TextInput.decode(bytes, source: "u") }
        #expect(try TextInput.decode(bytes, source: "u", lossy: true) == "xã \u{FFFD} hội")
    }

    @Test("CR LF and lone CR line ends both become LF")
    func lineEnds() throws {
        #expect(try TextInput.decode(Array("a\r\nb\rc\n".utf8), source: "t") == "a\nb\nc\n")
    }
}
