import ArgumentParser
import Foundation

/// Where the builder reads its sources and writes its output.
struct BuilderOptions: ParsableArguments {
    @Option(help: "The shared data folder (corpus/, gazetteer/).")
    var data: String = "../shared/data"

    @Option(help: "Output folder for the lexicon files.")
    var out: String = "Lexicons"

    func dataPath(_ relative: String) -> String { data + "/" + relative }
    func outPath(_ file: String) -> String { out + "/" + file }
}
