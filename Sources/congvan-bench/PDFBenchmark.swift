import ArgumentParser
import CongVanCore
import CongVanPipeline
import Foundation

/// `congvan-bench convert-pdf`: pages/second of `convert` on born-digital PDFs (every page read
/// from its text layer, then restoration check, parse, output files, store), against poppler's
/// `pdftotext` run over the same files with the same number of parallel jobs, in the same run.
struct ConvertPDFBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert-pdf",
        abstract: "convert throughput (pages/s) on born-digital PDFs, against pdftotext in the same run."
    )

    @Option(help: "The born-digital PDF copied (each copy with a distinct trailing comment, so each is new).")
    var pdf = "Fixtures/documents/letter004-digital.pdf"

    @Option(help: "Copies of it.")
    var copies = 200

    @Option(help: "Worker threads, and pdftotext processes at once.")
    var jobs = 2

    @Option(help: "Rounds (each a fresh store); the figures of every round are printed.")
    var rounds = 3

    func run() throws {
        BenchRun.header()
        let source = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let scratch = BenchRun.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let folder = scratch + "/pdfs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var files: [String] = []
        for i in 0..<copies {
            let path = folder + String(format: "/d%05d.pdf", i)
            try (source + Data("\n% copy \(i)\n".utf8)).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let t0 = Date()
        let stages = try Stages.standard()
        print(String(format: "stages loaded in %.2f s (not counted below)", Date().timeIntervalSince(t0)))
        print("\(copies) copies of \(pdf), \(jobs) jobs")
        for round in 1...rounds {
            let options = ConvertOptions(
                inputs: [folder], databasePath: scratch + "/r\(round).sqlite",
                outputDirectory: scratch + "/out\(round)",
                jobs: jobs)
            let summary = try Converter.run(options, stages: stages)
            let pages = summary.textLayerPages + summary.pages
            guard summary.failures.isEmpty, summary.converted == copies, summary.pages == 0 else {
                throw ValidationError("round \(round): \(summary.failures.first?.message ?? "pages were OCR'd")")
            }
            let peer = try pdftotext(files)
            print(
                String(
                    format:
                        "round %d: congvan convert %d pages in %.2f s = %.0f pages/s; pdftotext -bbox-layout alone %.2f s = %.0f pages/s; pdftotext (plain text) %.2f s = %.0f pages/s; convert / pdftotext plain = %.2f",
                    round, pages, summary.seconds, Double(pages) / summary.seconds, peer.bbox,
                    Double(pages) / peer.bbox, peer.plain, Double(pages) / peer.plain,
                    (Double(pages) / summary.seconds) / (Double(pages) / peer.plain)))
        }
    }

    /// Seconds for pdftotext over every file, `jobs` processes at a time: as CongVan calls it
    /// (`-bbox-layout`) and plain (`pdftotext FILE OUT`, what a person runs).
    func pdftotext(_ files: [String]) throws -> (bbox: Double, plain: Double) {
        guard
            let tool = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { throw ValidationError("pdftotext is not installed (apt-get install poppler-utils)") }
        func timed(_ arguments: @escaping @Sendable (String) -> [String]) throws -> Double {
            let start = Date()
            let next = LockedValue(0)
            WorkerThreads.run(jobs, name: "congvan.bench.pdftotext") { _ in
                while let i = next.withLock({ n -> Int? in
                    guard n < files.count else { return nil }
                    defer { n += 1 }
                    return n
                }) {
                    _ = try? ChildProcess.run(tool, arguments(files[i]), quiet: true)
                }
            }
            return Date().timeIntervalSince(start)
        }
        let bbox = try timed { ["-bbox-layout", "-enc", "UTF-8", $0, "/dev/null"] }
        let plain = try timed { [$0, "/dev/null"] }
        return (bbox, plain)
    }
}
