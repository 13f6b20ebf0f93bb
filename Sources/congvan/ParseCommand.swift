import ArgumentParser

struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Not available yet.")

    func run() async throws {
        throw ValidationError("congvan parse is not available yet.")
    }
}
