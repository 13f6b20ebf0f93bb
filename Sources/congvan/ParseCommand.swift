import ArgumentParser
import CongVanCore
import CongVanParse
import CongVanRestore
import Foundation

struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Read one directive's text into a JSON record (kind, number, date, issuer, communes, targets…)."
    )

    @Argument(help: "A text file (UTF-8 or UTF-16), or - for standard input.")
    var file: String

    @Option(help: "Restore degraded text first: auto (when it looks degraded), always, never.")
    var restore: RestoreMode = .auto

    @OptionGroup var text: TextInputOptions

    @OptionGroup var lexicons: LexiconOptions

    func run() async throws {
        try await reportingFailure {
            let input = try TextInput.read(path: file, lossy: text.lossy)
            let directory = lexicons.directory
            let parser = DirectiveParser(gazetteer: try Gazetteer.load(lexiconDirectory: directory))
            let source = file == "-" ? "stdin" : URL(fileURLWithPath: file).lastPathComponent
            let record = parser.parse(input, source: source, restore: restore) {
                RestorerAdapter(restorer: try Restorer.load(lexiconDirectory: directory))
            }
            try CommandOutput.write(try RecordJSON.encode(record), to: nil)
        }
    }
}

extension RestoreMode: ExpressibleByArgument {}

/// Stage 2 behind the parser's `TextRestoring` interface.
private struct RestorerAdapter: TextRestoring {
    let restorer: Restorer
    func needsRestoration(_ text: String) -> Bool { restorer.assess(text).needsRestoration }
    func restore(_ text: String) -> String { restorer.restore(text).text }
}
