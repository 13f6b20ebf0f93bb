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

    @OptionGroup var text: TextInputOptions

    @OptionGroup var lexicons: LexiconOptions

    func run() async throws {
        try await reportingFailure {
            let input = try TextInput.read(path: file, lossy: text.lossy)
            let restorer = try Restorer.load(lexiconDirectory: lexicons.directory)
            // Kept to the end of the process, as compilers keep their ASTs: freeing its tens of
            // thousands of small tables one by one would cost more than restoring a short file.
            _ = Unmanaged.passRetained(restorer)
            let restored = restorer.restore(input, details: format == .json)
            try CommandOutput.write(try RestoreOutput.render(restored, as: format), to: output)
        }
    }
}

extension RestoreFormat: ExpressibleByArgument {}
