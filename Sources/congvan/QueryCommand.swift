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

    @Argument(help: "Commune, district or province, e.g. \"Hưng Đạo\", hung dao, \"huyện Trùng Khánh\".")
    var name: [String] = []

    @OptionGroup var store: StoreOptions

    @Option(help: "Only communes of this province (with --province alone: every commune of it).")
    var province: String?

    @Option(help: "Only hits for this year.")
    var year: Int?

    @Option(help: "Only this level: ntm, \"nâng cao\", \"kiểu mẫu\", or a criteria count (\"19 tiêu chí\").")
    var level: String?

    @Option(help: "Only targets or only achievements (target|achievement).")
    var status: String?

    @Flag(help: "Include achievements (reported results), not only targets.")
    var all = false

    @OptionGroup var output: HitFormatOptions

    func validate() throws {
        guard !joinedWords(name).allSatisfy(\.isWhitespace) || province != nil else {
            throw ValidationError("give a commune, district or province name, or --province.")
        }
        if let status, !["target", "achievement"].contains(status) {
            throw ValidationError("--status is target or achievement, not '\(status)'.")
        }
    }

    func run() async throws {
        try await reportingFailure {
            let store = try Store.openForReading(path: store.db)
            let query = CommuneQuery(
                name: joinedWords(name), province: province.map(Vietnamese.composed), year: year,
                includeAchievements: all,
                level: level.map(Vietnamese.composed),
                status: status)
            let answer = try store.answer(query)
            try CommandOutput.write(
                try HitOutput.render(answer.hits, as: output.format, query: query, scope: answer.scope), to: nil)
        }
    }
}
