import ArgumentParser
import CongVanCore
import CongVanRestore
import Foundation

/// `congvan restore`: degraded Vietnamese in, proper Vietnamese out, line for line.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Repair OCR-garbled or diacritic-stripped Vietnamese text.",
        discussion: "Reads FILE (or standard input for -) and writes the restored text with the same lines."
    )

    @Argument(help: "Text file to restore, or - for standard input.")
    var file = "-"

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "text: the restored text; json: per token input, output, confidence and alternatives.")
    var format: RestoreFormat = .text

    @Flag(help: "Replace invalid UTF-8 bytes instead of refusing the file.")
    var lossy = false

    func run() async throws {
        let text = try TextInput.read(path: file, lossy: lossy)
        let restorer = try Restorer.load()
        // Kept to the end of the process, as compilers keep their ASTs: freeing its tens of
        // thousands of small tables one by one would cost more than restoring a short file.
        _ = Unmanaged.passRetained(restorer)
        let restored = restorer.restore(text, details: format == .json)
        let out = try RestoreOutput.render(restored, as: format)
        try CommandOutput.write(out, to: output)
    }
}

extension RestoreFormat: ExpressibleByArgument {}
