import ArgumentParser

@main
struct CongVan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "congvan",
        abstract: "Scanned Vietnamese directives to clean text and queryable records.",
        subcommands: [Convert.self, Query.self, Search.self, Restore.self, OCR.self, Parse.self]
    )
}
