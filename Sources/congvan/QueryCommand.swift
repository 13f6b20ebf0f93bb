import ArgumentParser

struct Query: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "Not available yet.")

    func run() async throws {
        throw ValidationError("congvan query is not available yet.")
    }
}
