import ArgumentParser

/// Rebuilds `Lexicons/` from `../shared/data`. Each step is a subcommand in its own file;
/// `scripts/build-lexicons.sh` runs them all in order.
@main
struct LexiconBuilder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "congvan-lexicon",
        abstract: "Build CongVan's lexicons from the shared corpus, word lists and gazetteer.",
        subcommands: builderSteps + [ScoreStep.self]
    )
}
