import ArgumentParser

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Not available yet.")

    func run() async throws {
        throw ValidationError("congvan restore is not available yet.")
    }
}
