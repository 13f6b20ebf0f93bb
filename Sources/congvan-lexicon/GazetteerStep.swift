import ArgumentParser
import CongVanParse
import Foundation

/// `congvan-lexicon gazetteer`: administrative units of the three snapshots and their 2025
/// successors, from `data/gazetteer`, to `Lexicons/gazetteer.cvlex`.
struct GazetteerStep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Build the gazetteer of provinces, districts and communes (2019-12, 2021-02, 2025-03, 2025 reform)."
    )

    @OptionGroup var options: BuilderOptions

    func run() throws {
        let bytes = try GazetteerBuilder.build(directory: options.dataPath("gazetteer"))
        try FileManager.default.createDirectory(atPath: options.out, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: options.outPath(Gazetteer.fileName)), options: .atomic)
        let gazetteer = try Gazetteer(path: options.outPath(Gazetteer.fileName))
        print(
            "gazetteer: \(gazetteer.count) unit versions, \(bytes.count) bytes → \(options.outPath(Gazetteer.fileName))"
        )
    }
}
