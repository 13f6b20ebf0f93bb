import ArgumentParser

struct OCR: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ocr", abstract: "Not available yet.")

    func run() async throws {
        throw ValidationError("congvan ocr is not available yet.")
    }
}
