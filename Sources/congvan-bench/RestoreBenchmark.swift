import ArgumentParser
import CongVanCore
import CongVanRestore
import Foundation

/// `congvan-bench restore FILE`: tokens per second of restoration, start-up included, by running
/// `congvan restore` as a separate process (as a user would), plus in-process load and decode
/// times and the peak resident memory of the child.
struct RestoreBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Measure restoration speed on a text file.")

    @Argument(help: "Text file to restore.")
    var file: String

    @Option(
        name: .customLong("repeat"),
        help: "Timed runs of the executable (the median is reported); 0 for in-process figures only.")
    var runs = 5

    @Option(help: "The congvan executable to time.")
    var congvan = ".build/release/congvan"

    @Flag(
        help:
            "Restore in process with every token's confidence and alternatives (what `--format json` does); by default only the text, as `congvan restore` writes it."
    )
    var details = false

    func run() throws {
        let text = try TextInput.read(path: file)
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
        let clock = ContinuousClock()

        var t0 = clock.now
        let restorer = try Restorer.load()
        let load = clock.now - t0
        t0 = clock.now
        _ = restorer.restore(text, details: details)
        let decode = clock.now - t0
        print(
            "in process: load \(ms(load)) ms, restore \(ms(decode)) ms, \(Int(Double(tokens) / seconds(decode))) tokens/s"
        )

        guard runs > 0 else { return }  // --repeat 0: in-process figures only (for callgrind)
        var walls: [Double] = []
        for _ in 0..<runs {
            let start = clock.now
            let status = try ChildProcess.run(congvan, ["restore", file, "-o", "/dev/null"])
            guard status == 0 else { throw ValidationError("congvan restore failed with status \(status)") }
            walls.append(seconds(clock.now - start))
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let median = walls.sorted()[walls.count / 2]
        print(
            "congvan restore: \(tokens) tokens in \(String(format: "%.3f", median)) s (median of \(walls.count)) = "
                + "\(Int(Double(tokens) / median)) tokens/s (start-up included), peak RSS \(usage.ru_maxrss / 1024) MB")
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    func ms(_ d: Duration) -> Int { Int(seconds(d) * 1000) }
}
