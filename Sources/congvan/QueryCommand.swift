import ArgumentParser
import CongVanCore
import CongVanStore
import Foundation

/// `congvan query NAME`: the targets that name a commune.
struct Query: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "List the targets (and with --all the achievements) that name a commune.",
        discussion: """
            NAME matches whatever the case, diacritics and tone-mark placement (hung dao = Hưng Đạo, \
            Hoà = Hòa), with one typo tolerated when no name matches exactly. Communes sharing a name \
            are listed separately with their district and province.
            """
    )

    @Argument(help: "Commune name, e.g. \"Hưng Đạo\" or \"hung dao\".")
    var name: String

    @Option(help: "The store to read.")
    var db = "congvan.sqlite"

    @Option(help: "Only hits for this year.")
    var year: Int?

    @Flag(help: "Include achievements (reported results), not only targets.")
    var all = false

    @Option(help: "table, json, jsonl (one object per line) or csv.")
    var format: OutputFormat = .table

    func run() async throws {
        do {
            let store = try Store.openForReading(path: db)
            let query = CommuneQuery(name: name, year: year, includeAchievements: all)
            let hits = try store.query(query)
            try CommandOutput.write(try HitOutput.render(hits, as: format, query: query), to: nil)
        } catch {
            FileHandle.standardError.write(Data("congvan query: \(error.localizedDescription)\n".utf8))
            throw ExitCode.failure
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
