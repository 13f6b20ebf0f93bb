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
            are listed separately with their district and province. A name of several words may be \
            quoted or not: congvan query hung dao is congvan query "hung dao".
            """
    )

    @Argument(help: "Commune name, e.g. \"Hưng Đạo\" or hung dao.")
    var name: [String]

    @OptionGroup var store: StoreOptions

    @Option(help: "Only hits for this year.")
    var year: Int?

    @Flag(help: "Include achievements (reported results), not only targets.")
    var all = false

    @OptionGroup var output: HitFormatOptions

    func validate() throws {
        guard !joinedWords(name).allSatisfy(\.isWhitespace) else { throw ValidationError("give a commune name.") }
    }

    func run() async throws {
        try await reportingFailure {
            let store = try Store.openForReading(path: store.db)
            let query = CommuneQuery(name: joinedWords(name), year: year, includeAchievements: all)
            let hits = try store.query(query)
            try CommandOutput.write(try HitOutput.render(hits, as: output.format, query: query), to: nil)
        }
    }
}
