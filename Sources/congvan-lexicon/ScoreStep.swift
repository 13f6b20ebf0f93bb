import ArgumentParser
import CongVanCore
import CongVanRestore
import Foundation

/// `congvan-lexicon score`: how the built language model scores a sentence, word by word, to
/// trace why the restorer prefers one reading over another.
struct ScoreStep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Print ln P of each token of correct Vietnamese sentences under restore-lm.cvlex."
    )

    @Option(help: "Folder holding restore-lm.cvlex.")
    var lexicons = "Lexicons"

    @Argument(help: "Sentences to score, in correct Vietnamese (one per argument).")
    var sentences: [String]

    func run() throws {
        let lm = try LanguageModel(path: lexicons + "/" + Restorer.languageModelFile)
        for sentence in sentences {
            for line in lm.explain(sentence.precomposedStringWithCanonicalMapping) { print(line) }
        }
    }
}
