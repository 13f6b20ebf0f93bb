import ArgumentParser
import CongVanCore
import CongVanStore
import Foundation

/// `congvan search TEXT`: full-text search over the restored text.
struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find documents whose restored text contains every word of TEXT.",
        discussion: """
            Case and diacritics do not matter (dat chuan = đạt chuẩn). A part in double quotes must \
            occur as a phrase: congvan search '"nông thôn mới" Hưng Đạo'. Several arguments are one \
            text: congvan search dat chuan = congvan search "dat chuan".
            """
    )

    @Argument(help: "Words to find.")
    var text: [String]

    @OptionGroup var store: StoreOptions

    @Option(help: "At most this many documents, best first (1 or more).")
    var limit = 20

    @OptionGroup var output: HitFormatOptions

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, not \(limit).") }
    }

    func run() async throws {
        try await reportingFailure {
            let store = try Store.openForReading(path: store.db)
            let words = joinedWords(text)
            let hits = try store.search(words, limit: limit)
            try CommandOutput.write(try HitOutput.render(hits, as: output.format, text: words), to: nil)
        }
    }
}
