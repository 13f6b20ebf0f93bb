import ArgumentParser
import CongVanCore
import CongVanParse
import CongVanRestore
import CongVanStore
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
            let adapter = Lazy { RestorerAdapter(restorer: try Restorer.load(lexiconDirectory: directory)) }
            var record = parser.parse(input, source: source, restore: restore) { try adapter.get() }
            let restored =
                restore == .always
                || (restore == .auto && ((try? adapter.get().needsRestoration(input)) ?? false))
            let hash = file == "-" ? ContentHash.hex(of: Array(input.utf8)) : try ContentHash.hex(ofFile: file)
            record.provenance = Provenance(
                contentHash: hash, restored: restored,
                pages: [PageProvenance(file: source, page: 1, read: .text, restored: restored)])
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

/// A value made on first use and kept (the restorer loads only if the text needs it).
private final class Lazy<Value> {
    private let make: () throws -> Value
    private var value: Value?
    init(_ make: @escaping () throws -> Value) { self.make = make }
    func get() throws -> Value {
        if let value { return value }
        let made = try make()
        value = made
        return made
    }
}
