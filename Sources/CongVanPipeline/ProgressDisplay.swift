import CongVanCore
import Foundation

/// `convert`'s progress on standard error: a bar redrawn in place on a terminal, one plain line
/// per document otherwise (logs, CI), and the summary at the end.
public final class ProgressDisplay: Sendable {
    private let terminal: Bool
    private let write: @Sendable (String) -> Void
    private let start = Date()
    private struct Screen {
        var lastDraw = Date.distantPast
        var barShown = false
    }
    private let screen = LockedValue(Screen())

    /// `write` defaults to standard error.
    public init(
        terminal: Bool, write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.terminal = terminal
        self.write = write
    }

    public func handle(_ event: ConvertEvent) {
        screen.withLock { draw(event, &$0) }
    }

    private func draw(_ event: ConvertEvent, _ screen: inout Screen) {
        if terminal {
            if case .failed(let failure) = event.outcome {
                write(clearLine + "failed: " + failure.message + "\n")
                screen.barShown = false
            }
            let now = Date()
            guard event.done == event.total || now.timeIntervalSince(screen.lastDraw) >= 0.1 || !screen.barShown else {
                return
            }
            screen.lastDraw = now
            write(clearLine + bar(event, elapsed: now.timeIntervalSince(start)))
            screen.barShown = true
            if event.done == event.total {
                write("\n")
                screen.barShown = false
            }
        } else {
            let counter = "[\(event.done)/\(event.total)]"
            switch event.outcome {
            case .converted(let pages, let restored, let replaced):
                var notes: [String] = []
                if pages > 0 { notes.append("\(pages) \(pages == 1 ? "page" : "pages")") }
                if restored { notes.append("restored") }
                if replaced { notes.append("replaces the earlier version") }
                write(
                    "\(counter) converted \(event.path)\(notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")")\n"
                )
            case .unchanged:
                write("\(counter) unchanged \(event.path)\n")
            case .failed(let failure):
                write("\(counter) failed: \(failure.message)\n")
            }
        }
    }

    private let clearLine = "\r\u{1B}[K"

    private func bar(_ e: ConvertEvent, elapsed: Double) -> String {
        let width = 30
        let filled = e.total == 0 ? width : width * e.done / e.total
        let rate = elapsed > 0 ? Double(e.done) / elapsed : 0
        let name = URL(fileURLWithPath: e.path).lastPathComponent
        let failed = e.failed > 0 ? "  \(e.failed) failed" : ""
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
            + "\(e.done)/\(e.total)\(failed)  \(String(format: "%.1f", rate)) docs/s  \(name.prefix(40))"
    }

    /// The closing report: figures, then every failure with its reason.
    public static func summary(_ s: ConvertSummary, database: String, output: String?) -> String {
        var out =
            "\(s.documents) \(s.documents == 1 ? "document" : "documents") in \(String(format: "%.1f", s.seconds)) s: "
        out += "\(s.converted) converted, \(s.unchanged) unchanged, \(s.failures.count) failed; "
        out += "\(s.pages) \(s.pages == 1 ? "page" : "pages") OCR'd, \(s.restored) restored.\n"
        if !s.skipped.isEmpty {
            let n = s.skipped.count
            out +=
                "\(n) other \(n == 1 ? "file" : "files") in the input folders \(n == 1 ? "was" : "were") left alone.\n"
        }
        out += "Store: \(database)" + (output.map { "; text and records in \($0)/" } ?? "") + "\n"
        if !s.failures.isEmpty {
            out += "Failed:\n"
            for f in s.failures.sorted(by: { $0.path < $1.path }) { out += "  " + f.message + "\n" }
        }
        return out
    }
}
