import ArgumentParser

struct Convert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "convert", abstract: "Not available yet.")

    func run() async throws {
        throw ValidationError("congvan convert is not available yet.")
    }
}
