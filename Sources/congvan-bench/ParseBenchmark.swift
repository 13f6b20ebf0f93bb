import ArgumentParser
import CongVanCore
import CongVanParse
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `congvan-bench parse`: gazetteer load and lookup, and directives parsed per second on one
/// and on all cores. Peer in the same run: building the gazetteer from its JSON sources, which
/// is what loading would cost without the memory-mapped lexicon.
struct ParseBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Directive parsing and gazetteer lookup speed.")

    @Option(help: "The shared data folder (seeds are read from its parent's seeds/).")
    var data: String = "../shared/data"

    @Option(help: "The Lexicons folder.")
    var lexicons: String = "Lexicons"

    @Option(help: "Passes over the document set.")
    var passes: Int = 50

    @Option(help: "Gazetteer name lookups timed.")
    var lookups: Int = 200_000

    @Flag(help: "Skip the peer (building the gazetteer from JSON).")
    var noPeer = false

    func run() throws {
        let seeds = URL(fileURLWithPath: data).deletingLastPathComponent().appendingPathComponent("seeds")
        var docs: [(String, String)] = []
        for dir in [seeds, URL(fileURLWithPath: data).appendingPathComponent("real-scans")] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()) ?? []
            where name.hasSuffix(".txt") {
                docs.append((name, try TextInput.read(path: dir.appendingPathComponent(name).path)))
            }
        }
        guard !docs.isEmpty else { throw ValidationError("no documents under \(seeds.path)") }

        var clock = ContinuousClock.now
        let gazetteer = try Gazetteer.load(lexiconDirectory: lexicons)
        let load = ContinuousClock.now - clock
        clock = .now
        if !noPeer { _ = try GazetteerBuilder.build(directory: data + "/gazetteer") }
        let fromJSON = ContinuousClock.now - clock
        print(
            "gazetteer load (mmap): \(ms(load)) ms" + (noPeer ? "" : "; peer, building from JSON: \(ms(fromJSON)) ms"))

        let names = [
            "Hưng Đạo", "Vĩnh Quang", "Chu Trinh", "Thái Niên", "A Mú Sung", "Hoà An", "Luong Can", "Không Có",
        ]
        clock = .now
        var found = 0
        for i in 0..<lookups { found &+= gazetteer.units(named: names[i % names.count]).count }
        let lookupTime = ContinuousClock.now - clock
        if lookups > 0 {
            print(
                "name lookup: \(String(format: "%.2f", us(lookupTime) / Double(lookups))) µs per name (\(found) units found)"
            )
        }

        let parser = DirectiveParser(gazetteer: gazetteer)
        let total = passes * docs.count
        var bytes = 0
        for d in docs { bytes += d.1.utf8.count }
        clock = .now
        let cpuStart = threadCPUSeconds()
        for _ in 0..<passes { for d in docs { _ = parser.parse(d.1, source: d.0) } }
        let cpu = threadCPUSeconds() - cpuStart
        let single = ContinuousClock.now - clock
        print(
            "parse, 1 thread: \(total) docs (\(docs.count) distinct, \(bytes / docs.count) bytes avg) in \(ms(single)) ms = \(Int(Double(total) / sec(single))) docs/s wall; "
                + "\(String(format: "%.2f", cpu * 1000 / Double(total))) ms CPU per doc = \(Int(Double(total) / cpu)) docs per CPU-second"
        )

        let workers = ProcessInfo.processInfo.activeProcessorCount
        let shared = docs
        clock = .now
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < total {
                let d = shared[i % shared.count]
                _ = parser.parse(d.1, source: d.0)
                i += workers
            }
        }
        let multi = ContinuousClock.now - clock
        print("parse, \(workers) threads sharing one parser: \(Int(Double(total) / sec(multi))) docs/s")
    }

    /// CPU time of the calling thread: unlike wall time, not inflated when other jobs share the cores.
    func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func sec(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    func ms(_ d: Duration) -> String { String(format: "%.1f", sec(d) * 1000) }
    func us(_ d: Duration) -> Double { sec(d) * 1e6 }
}
