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

    @Argument(help: "A text file (UTF-8), or - for standard input.")
    var file: String

    @Option(help: "Restore degraded text first: auto (when it looks degraded), always, never.")
    var restore: RestoreMode = .auto

    @Flag(help: "Replace invalid UTF-8 bytes with U+FFFD instead of refusing the file.")
    var lossy = false

    @Option(help: "The Lexicons folder (default: found next to the executable or the working folder).")
    var lexicons: String?

    func run() async throws {
        do {
            let text = try TextInput.read(path: file, lossy: lossy)
            let directory = lexicons ?? LexiconLocator.directory()
            let parser = DirectiveParser(gazetteer: try Gazetteer.load(lexiconDirectory: directory))
            let source = file == "-" ? "stdin" : URL(fileURLWithPath: file).lastPathComponent
            let record = parser.parse(text, source: source, restore: restore) {
                RestorerAdapter(restorer: try Restorer.load(lexiconDirectory: directory))
            }
            print(try RecordJSON.encode(record))
        } catch {
            FileHandle.standardError.write(Data("congvan parse: \(error.localizedDescription)\n".utf8))
            throw ExitCode.failure
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
