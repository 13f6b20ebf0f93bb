import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanStore

@Suite("Content hash")
struct ContentHashTests {
    @Test("digests match the published SHA-256 test vectors")
    func knownVectors() {
        #expect(ContentHash.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            ContentHash.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        #expect(
            ContentHash.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("hashing in uneven pieces gives the same digest as hashing at once")
    func incrementalEqualsWhole() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var h = ContentHash()
        var i = 0
        for size in [1, 63, 64, 65, 1000, 3] + Array(repeating: 500, count: 20) where i < bytes.count {
            let end = min(bytes.count, i + size)
            h.update(bytes[i..<end])
            i = end
        }
        h.update(bytes[i...])
        #expect(h.finalize() == ContentHash.hex(of: bytes))
    }

    @Test("a file's digest is the digest of its bytes")
    func fileDigest() throws {
        let dir = TempFolder()
        let bytes = Array(repeating: Array("Hưng Đạo\n".utf8), count: 200_000).flatMap { $0 }
        try Data(bytes).write(to: URL(fileURLWithPath: dir.file("a.txt")))
        #expect(try ContentHash.hex(ofFile: dir.file("a.txt")) == ContentHash.hex(of: bytes))
    }
}
