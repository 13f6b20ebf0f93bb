import ArgumentParser
import CongVanCore
import CongVanOCR
import Foundation

/// `congvan-bench ocr`: throughput of the OCR stage against the `tesseract` CLI run page by page,
/// and CER against plain `tesseract -l vie`, both measured in the same run on the same pages.
struct OCRBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "OCR stage: pages/s against the tesseract CLI, CER against plain tesseract -l vie."
    )

    @Option(help: "Folder of real scans (<name>_p1.png with <name>.gt.txt).")
    var scans = "../shared/data/real-scans"

    @Option(help: "Folder of rendered fixtures (<name>.png with <name>.gt.txt); skipped when absent.")
    var fixtures = "Fixtures"

    @Option(help: "Engines for the library run.")
    var jobs = 2

    @Option(help: "Times the page set is processed by each side in the speed run.")
    var rounds = 1

    @Flag(help: "Also time the tesseract CLI with OMP_THREAD_LIMIT=1.")
    var cliSingleThread = false

    @Flag(help: "Skip the speed run.")
    var noSpeed = false

    @Flag(help: "Skip the CER comparison.")
    var noAccuracy = false

    @Flag(help: "Instead: CER of each preprocessing / segmentation setting on every page with truth.")
    var sweep = false

    @Option(help: "With --sweep: only these setting numbers (comma-separated).")
    var only: String?

    @Option(help: "With --sweep: write each setting's text to DIR/<setting number>/<page>.txt.")
    var dump: String?

    func run() throws {
        let pages = try BenchPages.find(scans: scans, fixtures: fixtures)
        guard !pages.isEmpty else { throw ValidationError("no pages with ground truth in \(scans) or \(fixtures)") }
        print(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(BenchPages.cpuModel()); tesseract \(BenchPages.tesseractVersion())"
        )
        print("date: \(ISO8601DateFormatter().string(from: Date()))")
        if sweep { return try runSweep(pages) }
        if !noAccuracy { try runAccuracy(pages.filter { $0.isRealScan }) }
        if !noSpeed { try runSpeed(pages.map(\.image)) }
    }

    /// CER of congvan ocr (default settings) against plain `tesseract IMAGE stdout -l vie`.
    func runAccuracy(_ pages: [BenchPage]) throws {
        print("\nCER on \(pages.count) real scans (lower is better)")
        print(pad("page", 34) + pad("tesseract -l vie", 18) + pad("congvan ocr", 14) + "better?")
        var ours: [Result<OCRDocument, OCRError>] = []
        try OCRBatch.run(files: pages.map(\.image), jobs: jobs) { _, r in ours.append(r) }
        var wins = 0
        for (page, result) in zip(pages, ours) {
            let plain = try Tesseract.cli(page.image).text
            let plainCER = CharacterErrorRate.compute(hypothesis: plain, truth: page.truth)
            let oursCER = CharacterErrorRate.compute(hypothesis: try result.get().text, truth: page.truth)
            if oursCER < plainCER { wins += 1 }
            print(
                pad(page.name, 34) + pad(percent(plainCER), 18) + pad(percent(oursCER), 14)
                    + (oursCER < plainCER ? "yes" : "NO"))
        }
        print("congvan ocr below plain tesseract on \(wins) of \(pages.count)")
    }

    /// Pages/s of the library with `jobs` engines against one `tesseract` process per page, in turn.
    func runSpeed(_ images: [String]) throws {
        var cliTime = 0.0
        var cliOneThreadTime = 0.0
        var libraryTime = 0.0
        var pagesDone = 0
        for _ in 0..<rounds {
            for image in images { cliTime += try Tesseract.cli(image).seconds }
            if cliSingleThread {
                for image in images { cliOneThreadTime += try Tesseract.cli(image, ompThreadLimit: 1).seconds }
            }
            let start = Date()
            var failures = 0
            try OCRBatch.run(files: images, jobs: jobs) { _, r in
                if case .failure = r { failures += 1 }
            }
            libraryTime += Date().timeIntervalSince(start)
            if failures > 0 { throw ValidationError("\(failures) pages failed in the library run") }
            pagesDone += images.count
        }
        let n = Double(pagesDone)
        print("\nThroughput on \(images.count) pages × \(rounds) round(s)")
        print("  tesseract CLI, one process per page:   \(rate(n, cliTime)) pages/s (\(seconds(cliTime)))")
        if cliSingleThread {
            print(
                "  same, OMP_THREAD_LIMIT=1:              \(rate(n, cliOneThreadTime)) pages/s (\(seconds(cliOneThreadTime)))"
            )
        }
        print(
            "  congvan ocr library, --jobs \(jobs):         \(rate(n, libraryTime)) pages/s (\(seconds(libraryTime)))")
        print(
            "  ratio library / CLI: \(String(format: "%.2f", cliTime / libraryTime))×"
                + (cliSingleThread
                    ? "; against OMP_THREAD_LIMIT=1 CLI: \(String(format: "%.2f", cliOneThreadTime / libraryTime))×"
                    : ""))
    }

    /// Every setting on every page with truth: which preprocessing and segmentation help.
    func runSweep(_ pages: [BenchPage]) throws {
        let base = OCROptions()
        func with(_ change: (inout OCROptions) -> Void) -> OCROptions {
            var o = base
            change(&o)
            return o
        }
        let settings: [(String, OCROptions)] = [
            ("plain tesseract (psm 3)", .plain),
            (
                "psm 3 + reading order",
                OCROptions(segmentation: .auto, deskew: false, minimumConfidence: 0, rereadUncoveredInk: false)
            ),
            (
                "psm 3 + order + deskew",
                OCROptions(segmentation: .auto, minimumConfidence: 0, rereadUncoveredInk: false)
            ),
            ("psm 3 + order + deskew + conf", OCROptions(segmentation: .auto, rereadUncoveredInk: false)),
            ("psm 4 + order + deskew + conf", OCROptions(rereadUncoveredInk: false)),
            ("DEFAULT (+ reread uncovered ink)", base),
            ("default, no deskew", with { $0.deskew = false }),
            ("default, keep conf < 20", with { $0.minimumConfidence = 0 }),
            ("default, drop conf < 35", with { $0.minimumConfidence = 35 }),
            ("default, Tesseract order", with { $0.readingOrder = false }),
            ("default + background norm", with { $0.normaliseBackground = true }),
            ("default + Sauvola", with { $0.sauvola = true }),
            ("default + upscale to 300 dpi", with { $0.upscaleBelowDPI = 300 }),
            ("default, psm 6", with { $0.segmentation = .singleBlock }),
            ("default, psm 11", with { $0.segmentation = .sparse }),
        ]
        print("\nCER per setting (\(pages.count) pages)")
        print(pad("setting", 34) + pages.map { pad(String($0.name.prefix(14)), 16) }.joined() + "mean")
        let chosen = only.map { Set($0.split(separator: ",").compactMap { Int($0) }) }
        for (number, (name, options)) in settings.enumerated() where chosen?.contains(number) ?? true {
            var cers: [Double] = []
            try OCRBatch.run(files: pages.map(\.image), jobs: jobs, options: options) { i, r in
                let text = (try? r.get().text) ?? ""
                if let dump {
                    let folder = "\(dump)/\(number)"
                    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    try? text.write(toFile: "\(folder)/\(pages[i].name).txt", atomically: true, encoding: .utf8)
                }
                cers.append(CharacterErrorRate.compute(hypothesis: text, truth: pages[i].truth))
            }
            let mean = cers.reduce(0, +) / Double(cers.count)
            print(pad("\(number) \(name)", 34) + cers.map { pad(percent($0), 16) }.joined() + percent(mean))
        }
    }

    func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }
    func percent(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
    func rate(_ n: Double, _ t: Double) -> String { String(format: "%.3f", n / t) }
    func seconds(_ t: Double) -> String { String(format: "%.1f s", t) }
}

struct BenchPage {
    var name: String
    var image: String
    var truth: String
    var isRealScan: Bool
}

enum BenchPages {
    /// Real scans (`<name>_p1.png` + `<name>.gt.txt`) and fixtures (`<name>.png` + `<name>.gt.txt`).
    static func find(scans: String, fixtures: String) throws -> [BenchPage] {
        var pages: [BenchPage] = []
        for (folder, real) in [(scans, true), (fixtures, false)] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(".png") {
                var stem = String(name.dropLast(4))
                if real, stem.hasSuffix("_p1") { stem = String(stem.dropLast(3)) }
                let truthPath = (folder as NSString).appendingPathComponent(stem + ".gt.txt")
                guard FileManager.default.fileExists(atPath: truthPath) else { continue }
                pages.append(
                    BenchPage(
                        name: stem, image: (folder as NSString).appendingPathComponent(name),
                        truth: try TextInput.read(path: truthPath), isRealScan: real))
            }
        }
        return pages
    }

    static func cpuModel() -> String {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
        let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.map { $0.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) }
            ?? "unknown CPU"
    }

    static func tesseractVersion() -> String {
        guard let out = try? Tesseract.run(["--version"]) else { return "?" }
        return out.text.split(separator: "\n").first.map(String.init) ?? "?"
    }
}

/// The `tesseract` command-line program, the peer the stage is measured against.
enum Tesseract {
    struct Output {
        var text: String
        var seconds: Double
    }

    /// `tesseract IMAGE stdout -l vie`, timed from launch to exit.
    static func cli(_ image: String, language: String = "vie", ompThreadLimit: Int? = nil) throws -> Output {
        try run(
            [image, "stdout", "-l", language],
            environment: ompThreadLimit.map { ["OMP_THREAD_LIMIT": String($0)] } ?? [:])
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tesseract"] + arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "OMP_THREAD_LIMIT")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = Date().timeIntervalSince(start)
        guard process.terminationStatus == 0 else {
            throw ValidationError(
                "tesseract \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return Output(text: String(decoding: data, as: UTF8.self), seconds: elapsed)
    }
}
