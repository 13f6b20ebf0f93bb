import Foundation
import Testing

@testable import CongVanCore

@Suite("Lexicon container")
struct LexiconFileTests {
    @Test("sections written are read back in place, typed and aligned")
    func roundTrip() throws {
        var w = LexiconWriter()
        w.add("bytes", [1, 2, 3])
        w.add("ints", array: [UInt64(7), 1 << 40])
        var b = ByteWriter()
        b.append("nông thôn")
        b.append(Float(0.5))
        w.add("mixed", b.bytes)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lex-\(UUID()).bin").path
        try w.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let file = try LexiconFile(path: path)
        #expect(Array(try file.section("bytes")) == [1, 2, 3])
        #expect(Array(try file.array("ints", of: UInt64.self)) == [7, 1 << 40])
        var r = ByteReader(try file.section("mixed"))
        #expect(try r.readString() == "nông thôn")
        #expect(try r.readFloat() == 0.5)
    }

    @Test("a file that is not a lexicon is rejected with a reason")
    func rejectsForeignFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lex-\(UUID()).bin").path
        try Data(repeating: 65, count: 64).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: CoreError.lexiconCorrupt(path: path, reason: "not a CongVan lexicon")) {
            try LexiconFile(path: path)
        }
        #expect(throws: CoreError.lexiconMissing(path: "/nonexistent.lex")) {
            try LexiconFile(path: "/nonexistent.lex")
        }
    }
}
