import ArgumentParser

/// Registered benchmarks.
let benchmarks: [any ParsableCommand.Type] = [
    OCRBenchmark.self, RestoreBenchmark.self, ParseBenchmark.self, StoreBenchmark.self,
    ConvertTxtBenchmark.self, ConvertImagesBenchmark.self, ConvertPDFBenchmark.self,
]
