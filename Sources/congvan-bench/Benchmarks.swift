import ArgumentParser

/// Registered benchmarks.
let benchmarks: [any ParsableCommand.Type] = [RestoreBenchmark.self, ParseBenchmark.self, StoreBenchmark.self, ConvertTxtBenchmark.self, ConvertImagesBenchmark.self]
