import ArgumentParser
import CongVanCore
import CongVanRestore
import Foundation

/// `congvan-lexicon channel`: the OCR channel models, learned from rendered-and-OCR'd pairs
/// (`scripts/ocr_pairs.py`) and smoothed towards the glyph-shape prior.
struct ChannelStep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channel",
        abstract: "Train the English- and Vietnamese-OCR channel models (restore-channel.cvlex)."
    )

    @OptionGroup var options: BuilderOptions

    @Option(help: "Folder with eng-train.tsv and vie-train.tsv from scripts/ocr_pairs.py.")
    var pairs = ".cache/pairs"

    @Flag(help: "Build from the shape prior alone (no pairs needed).")
    var priorOnly = false

    func run() throws {
        var writer = LexiconWriter()
        for (kind, weights) in [("eng", ShapePrior.Weights.english), ("vie", ShapePrior.Weights.vietnamese)] {
            let trainer = ChannelTrainer(prior: ShapePrior(weights: weights))
            let channel: EditChannel
            if priorOnly {
                channel = trainer.priorChannel()
            } else {
                let path = pairs + "/\(kind)-train.tsv"
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ValidationError(
                        "\(path) is missing; generate it with: python3 scripts/ocr_pairs.py --out \(pairs)")
                }
                var wordPairs: [(truth: [Unicode.Scalar], observed: [Unicode.Scalar])] = []
                let rows = String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst()
                for row in rows {
                    let cols = row.split(separator: "\t", omittingEmptySubsequences: false)
                    guard cols.count >= 7 else { continue }
                    let truth = String(cols[5]).precomposedStringWithCanonicalMapping
                    let ocr = String(cols[6]).precomposedStringWithCanonicalMapping
                    wordPairs += ChannelTrainer.wordPairs(truth: truth, observed: ocr)
                }
                log("\(kind): \(rows.count) line pairs, \(wordPairs.count) word pairs")
                channel = trainer.train(pairs: wordPairs)
            }
            var w = ByteWriter()
            channel.write(into: &w)
            writer.add(LexiconSection.channel(kind), w.bytes)
            for letter in ["đ", "ư", "ơ", "ê", "ố", "ợ"] {
                log(
                    "\(kind) \(letter): "
                        + channel.topReadings(of: letter, count: 6).map {
                            "\($0.0.isEmpty ? "∅" : $0.0) \(String(format: "%.2f", exp($0.1)))"
                        }.joined(separator: ", "))
            }
        }
        try writer.write(to: options.outPath(Restorer.channelFile))
        log("wrote \(options.outPath(Restorer.channelFile))")
    }
}
