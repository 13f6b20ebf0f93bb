import CongVanCore
import Foundation
import Testing

@testable import CongVanRestore

/// Restoration is linear in the input: one absurdly long token (a run of letters with no space,
/// as a damaged file or a hostile one holds) is read like any other word nobody knows, kept as
/// written, and costs memory in proportion to its length, not its square.
@Suite("Long input")
struct LongInputTests {
    let r = sharedRestorer

    /// `count` scalars drawn from `alphabet` by a fixed generator, so a failure repeats.
    static func run(_ alphabet: String, count: Int, seed: UInt64) -> String {
        let letters = Array(alphabet.unicodeScalars)
        var state = seed
        var out = String.UnicodeScalarView()
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(letters[Int(state >> 33) % letters.count])
        }
        return String(out)
    }

    @Test(
        "a 100,000-letter run is kept as written and the words around it are still restored",
        arguments: [
            ("abcdeghiklmnopqrstuvxy", "stripped lower case"),
            ("ABCDEGHIKLMNOPQRSTUVXY", "capitals"),
            ("abc1é6đxy", "garble with digits and marks"),
            ("ăâêôơưđàáạ", "marked letters only"),
        ])
    func hundredThousandLetters(alphabet: String, kind: String) {
        let long = Self.run(alphabet, count: 100_000, seed: UInt64(alphabet.unicodeScalars.count))
        let out = r.restore("Uy ban nhan dan xa " + long + " thuc hien ke hoach\n", details: false).text
        #expect(out.hasPrefix("Ủy ban nhân dân xã "), "\(kind)")
        #expect(out.contains(" " + long + " "), "\(kind): the long run must come out as it went in")
        #expect(out.hasSuffix(" thực hiện kế hoạch\n"), "\(kind)")
    }

    @Test("many long runs in one document are each kept, lines and spaces where they were")
    func manyLongRunsKeepTheirLines() {
        let lines = (0..<40).map { i in
            "tai xa \(Self.run("abcdeghiklmnopqrstuvxy", count: 2_500, seed: UInt64(i))) nam 2025"
        }
        let out = r.restore(lines.joined(separator: "\n"), details: false).text
        let outLines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(outLines.count == lines.count)
        for (a, b) in zip(lines, outLines) {
            #expect(b.split(separator: " ").count == a.split(separator: " ").count)
            #expect(b.split(separator: " ")[2] == a.split(separator: " ")[2])
        }
    }
}

@Suite("Long input: segments")
struct SegmentTests {
    @Test("a long text is cut at line ends into segments that join back to it exactly")
    func segmentsJoinBack() {
        let line = String(repeating: "Phấn đấu đạt chuẩn nông thôn mới ", count: 40)
        for text in [
            Array(repeating: line, count: 1_000).joined(separator: "\n"),
            Array(repeating: line, count: 1_000).joined(separator: "\n") + "\n",
            "\n\n" + String(repeating: "x", count: Restorer.segmentBytes * 2) + "\nngắn\n",
            "",
        ] {
            let parts = Restorer.segments(text)
            #expect(parts.joined(separator: "\n") == text)
            #expect(parts.allSatisfy { $0.utf8.count <= Restorer.segmentBytes || !$0.contains("\n") })
        }
        #expect(Restorer.segments(Array(repeating: line, count: 1_000).joined(separator: "\n")).count > 1)
    }

    @Test("a text restored in segments keeps its lines, and its tokens' line numbers")
    func segmentedRestoration() {
        let line = "Uy ban nhan dan xa Hung Dao de nghi cac so, ban, nganh tap trung thuc hien cac noi dung sau"
        let lines = Array(repeating: line, count: Restorer.segmentBytes / line.utf8.count + 200)
        let restored = sharedRestorer.restore(lines.joined(separator: "\n"), details: true)
        let outLines = restored.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(outLines.count == lines.count)
        #expect(outLines.first == outLines.last)
        #expect(outLines.last?.hasPrefix("Ủy ban nhân dân xã Hưng Đạo") == true, "\(outLines.last ?? "")")
        #expect(restored.tokens.last?.line == lines.count)
    }
}
