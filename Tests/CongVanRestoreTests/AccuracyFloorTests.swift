import CongVanCore
import Foundation
import Testing

@testable import CongVanRestore

/// Regression guards on the measured accuracy (the benchmark figures are in BENCHMARKS.md).
/// Scoring follows ../shared/tools/score_restore.py: word tokens in NFC lower case, aligned by
/// edit distance per line; `a|b` in gold accepts either; `?` is not scored.
@Suite("Restoration accuracy floors")
struct AccuracyFloorTests {
    static func tokens(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        for ch in Vietnamese.lowercase(s).unicodeScalars {
            if ch.properties.isAlphabetic || ch.properties.numericType != nil || ch == "|" || ch == "?" {
                cur.unicodeScalars.append(ch)
            } else if !cur.isEmpty {
                out.append(cur)
                cur = ""
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    /// Matched gold tokens of one line (edit-distance alignment, ties broken towards matches).
    static func matched(gold: [String], out: [String]) -> (Int, Int) {
        let ok = { (g: String, o: String) in g == "?" || g.split(separator: "|").contains { $0 == o } }
        var prev = (0...out.count).map { ($0, 0) }
        for i in 1...max(gold.count, 1) where !gold.isEmpty {
            var cur = [(i, 0)] + [(Int, Int)](repeating: (0, 0), count: out.count)
            for j in 1...max(out.count, 1) where !out.isEmpty {
                let good = ok(gold[i - 1], out[j - 1])
                let options = [
                    (prev[j - 1].0 + (good ? 0 : 1), prev[j - 1].1 + (good && gold[i - 1] != "?" ? 1 : 0)),
                    (prev[j].0 + 1, prev[j].1), (cur[j - 1].0 + 1, cur[j - 1].1),
                ]
                cur[j] = options.min { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }!
            }
            prev = cur
        }
        return (prev[out.count].1, gold.filter { $0 != "?" }.count)
    }

    static func accuracy(gold: [Int: String], output: String) -> Double {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var good = 0
        var total = 0
        for (n, g) in gold {
            let (k, t) = matched(gold: tokens(g), out: n - 1 < lines.count ? tokens(lines[n - 1]) : [])
            good += k
            total += t
        }
        return Double(good) / Double(max(total, 1))
    }

    static func seed(_ prefix: String) throws -> String {
        let dir = packageRoot + "/Fixtures/seeds"
        let name = try FileManager.default.contentsOfDirectory(atPath: dir).first {
            $0.hasPrefix(prefix) && $0.hasSuffix(".txt")
        }
        return try TextInput.read(path: dir + "/" + #require(name))
    }

    @Test("seed 002 (English-model OCR) against the development gold stays at or above 97%")
    func devGoldFloor() throws {
        var gold: [Int: String] = [:]
        for line in try TextInput.read(path: packageRoot + "/Tests/Fixtures/002.gold.tsv").split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2, let n = Int(parts[0]) { gold[n] = String(parts[1]) }
        }
        let acc = Self.accuracy(gold: gold, output: sharedRestorer.restore(try Self.seed("002")).text)
        #expect(acc >= 0.97, "accuracy \(acc)")
    }

    @Test("seeds 001 and 004 stripped of every mark come back at or above 98.5%")
    func strippedSeedsFloor() throws {
        for prefix in ["001", "004"] {
            let clean = try Self.seed(prefix)
            var gold: [Int: String] = [:]
            for (i, l) in clean.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                gold[i + 1] = String(l)
            }
            let acc = Self.accuracy(gold: gold, output: sharedRestorer.restore(Vietnamese.fold(clean)).text)
            #expect(acc >= 0.985, "seed \(prefix): accuracy \(acc)")
            #expect(
                Self.accuracy(gold: gold, output: sharedRestorer.restore(clean).text) >= 0.999,
                "seed \(prefix) unchanged")
        }
    }
}
