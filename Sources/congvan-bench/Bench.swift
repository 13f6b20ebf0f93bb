import ArgumentParser

/// Benchmarks of each stage. Each is a subcommand in its own file; results go to BENCHMARKS.md
/// with machine, command and date, compared against a peer measured in the same run.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "congvan-bench",
        abstract: "Measure CongVan's stages (run in release mode).",
        subcommands: benchmarks
    )
}
