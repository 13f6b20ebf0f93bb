import ArgumentParser
import CongVanCore
import CongVanPipeline
import CongVanStore
import Foundation

/// `congvan-bench convert-txt`: documents/second of `convert` on `.txt` inputs (the corpus of
/// `scripts/make_bench_corpus.py`), into a fresh store, with the time spent in each stage.
struct ConvertTxtBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert-txt",
        abstract: "convert throughput (documents/s) on generated .txt directives."
    )

    @Option(help: "Folder of .txt directives (python3 scripts/make_bench_corpus.py).")
    var corpus = ".cache/bench-corpus"

    @Option(help: "Worker threads.")
    var jobs = 2

    @Flag(help: "Also write the --out files (convert does by default).")
    var noOutputs = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: corpus) else {
            throw ValidationError("\(corpus) is missing: run python3 scripts/make_bench_corpus.py first")
        }
        BenchRun.header()
        let t0 = Date()
        let clock = StageClock()
        let stages = clock.wrap(try Stages.standard())
        print(String(format: "stages loaded in %.2f s (not counted below)", Date().timeIntervalSince(t0)))
        let scratch = BenchRun.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let options = ConvertOptions(
            inputs: [corpus], databasePath: scratch + "/bench.sqlite",
            outputDirectory: noOutputs ? nil : scratch + "/out", jobs: jobs)
        let cpu0 = BenchRun.cpuSeconds()
        let first = try Converter.run(options, stages: stages)
        BenchRun.report("first run (all new)", first, clock: clock, jobs: jobs, cpu: BenchRun.cpuSeconds() - cpu0)
        let restored = clock.restoredShare
        print(
            String(
                format: "  %d of %d documents needed restoration (%.0f%% of restore-stage calls)", first.restored,
                first.converted, restored * 100))
        clock.reset()
        let cpu1 = BenchRun.cpuSeconds()
        let second = try Converter.run(options, stages: stages)
        BenchRun.report(
            "second run (all unchanged)", second, clock: clock, jobs: jobs, cpu: BenchRun.cpuSeconds() - cpu1)
        let counts = try Store.openForReading(path: options.databasePath).counts()
        print("store: \(counts.documents) documents, \(counts.targets) targets, \(counts.achievements) achievements")
    }
}

/// `congvan-bench convert-images`: on page images, the share of `convert`'s time spent outside
/// OCR (hashing, restoration check, parsing, output files, the store).
struct ConvertImagesBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert-images",
        abstract: "convert on page images: share of the time outside the OCR stage."
    )

    @Option(help: "Folder of page images and PDFs.")
    var images = "Fixtures"

    @Option(help: "Worker threads (1 measures the share exactly).")
    var jobs = 1

    func run() throws {
        BenchRun.header()
        let clock = StageClock()
        let stages = clock.wrap(try Stages.standard())
        let scratch = BenchRun.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // Only the images: the seeds' .txt files are not part of this measurement.
        let files = try FileManager.default.contentsOfDirectory(atPath: images).sorted()
            .filter {
                ["png", "jpg", "jpeg", "tif", "tiff", "pdf"].contains(
                    URL(fileURLWithPath: $0).pathExtension.lowercased())
            }
            .map { images + "/" + $0 }
        let options = ConvertOptions(
            inputs: files, databasePath: scratch + "/bench.sqlite", outputDirectory: scratch + "/out", jobs: jobs)
        let cpu0 = BenchRun.cpuSeconds()
        let summary = try Converter.run(options, stages: stages)
        BenchRun.report("images", summary, clock: clock, jobs: jobs, cpu: BenchRun.cpuSeconds() - cpu0)
        // Worker time = jobs × wall time; with one job it is exactly the run's time, with more it
        // also counts workers idling at the end, which only makes the share outside OCR look larger.
        let busy = summary.seconds * Double(jobs)
        print(
            String(
                format: "  time outside OCR: %.3f s of %.1f s of worker time = %.2f%%",
                busy - clock.ocr, busy, 100 * (busy - clock.ocr) / busy))
    }
}

/// Adds up the time each stage takes, across all workers.
final class StageClock: Sendable {
    struct Totals {
        var ocr = 0.0, restore = 0.0, parse = 0.0, restoreCalls = 0, restored = 0
    }
    private let totals = LockedValue(Totals())

    var ocr: Double { totals.current.ocr }
    var restore: Double { totals.current.restore }
    var parse: Double { totals.current.parse }
    var restoredShare: Double {
        let t = totals.current
        return t.restoreCalls == 0 ? 0 : Double(t.restored) / Double(t.restoreCalls)
    }

    func reset() { totals.withLock { $0 = Totals() } }

    func wrap(_ stages: Stages) -> Stages {
        Stages(
            makeReader: { [self] in
                let reader = try stages.makeReader()
                return { files in
                    let t = Date()
                    defer { self.totals.withLock { $0.ocr += Date().timeIntervalSince(t) } }
                    return try reader(files)
                }
            },
            restore: { [self] text, fromOCR in
                let t = Date()
                let r = stages.restore(text, fromOCR)
                totals.withLock {
                    $0.restore += Date().timeIntervalSince(t)
                    $0.restoreCalls += 1
                    if r.restored { $0.restored += 1 }
                }
                return r
            },
            parse: { [self] text, source in
                let t = Date()
                defer { self.totals.withLock { $0.parse += Date().timeIntervalSince(t) } }
                return stages.parse(text, source)
            })
    }
}

enum BenchRun {
    static func header() {
        print(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; date: \(ISO8601DateFormatter().string(from: Date()))"
        )
        if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
            print("load average: \(load.split(separator: " ").prefix(3).joined(separator: " "))")
        }
    }

    static func scratch() -> String {
        let path = NSTemporaryDirectory() + "congvan-bench-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// User + system CPU time of this process so far: on a machine shared with other jobs, the
    /// work done per CPU-second is steadier than wall time.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func report(_ label: String, _ s: ConvertSummary, clock: StageClock, jobs: Int, cpu: Double) {
        print(
            String(
                format:
                    "%@: %d documents (%d converted, %d unchanged, %d failed, %d pages) in %.2f s = %.1f documents/s with %d jobs",
                label, s.documents, s.converted, s.unchanged, s.failures.count, s.pages, s.seconds,
                Double(s.documents) / s.seconds, jobs))
        let busy = s.seconds * Double(jobs)
        print(
            String(
                format:
                    "  worker time %.2f s: OCR %.2f s, restoration (check + restore) %.2f s, parse %.2f s, the rest (hash, files, store) %.2f s",
                busy, clock.ocr, clock.restore, clock.parse, busy - clock.ocr - clock.restore - clock.parse))
        print(
            String(
                format:
                    "  CPU time %.2f s (user + system): %.1f documents per CPU-second, %.1f documents/s if %d cores were all ours",
                cpu, Double(s.documents) / cpu, Double(s.documents) / cpu * Double(jobs), jobs))
        for f in s.failures.prefix(5) { print("  failed: \(f.message)") }
    }
}
