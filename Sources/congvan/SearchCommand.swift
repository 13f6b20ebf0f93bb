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
            occur as a phrase: congvan search '"nông thôn mới" Hưng Đạo'.
            """
    )

    @Argument(help: "Words to find.")
    var text: String

    @Option(help: "The store to read.")
    var db = "congvan.sqlite"

    @Option(help: "At most this many documents, best first.")
    var limit = 20

    @Option(help: "table, json, jsonl (one object per line) or csv.")
    var format: OutputFormat = .table

    func run() async throws {
        do {
            let store = try Store.openForReading(path: db)
            let hits = try store.search(text, limit: limit)
            try CommandOutput.write(try HitOutput.render(hits, as: format, text: text), to: nil)
        } catch {
            FileHandle.standardError.write(Data("congvan search: \(error.localizedDescription)\n".utf8))
            throw ExitCode.failure
        }
    }
}
