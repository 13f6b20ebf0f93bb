import ArgumentParser
import CongVanCore

/// One front end for every subcommand, as swift-argument-parser's `math` example is built: the
/// options several commands share are `@OptionGroup`s (`Options.swift`), argument checks are in
/// `validate()`, and every error reaches the person through `CommandFailure` as one sentence.
@main
struct CongVan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "congvan",
        abstract: "Scanned Vietnamese directives to clean text and queryable records.",
        discussion: """
            Text arguments (a commune name, search words) are read in NFC, as documents are: \
            decomposed input typed on a Mac finds the same as composed input.
            """,
        version: CongVanVersion.current,
        subcommands: [Convert.self, Query.self, Search.self, Restore.self, OCR.self, Parse.self]
    )
}
