import CongVanCore
import Foundation

/// `convert`'s progress on standard error: a bar redrawn in place on a terminal, one plain line
/// per document otherwise (logs, CI) or when verbose, only failures when quiet; and the summary
/// at the end. File names and messages are escaped for the terminal (`TerminalText`).
public final class ProgressDisplay: Sendable {
    /// How much is shown.
    public enum Detail: Sendable {
        /// Failures only (each as it happens, and the list at the end).
        case quiet
        /// A bar on a terminal, a line per document otherwise; the summary.
        case normal
        /// A line per document everywhere; the summary with the files left alone.
        case verbose
    }

    private let terminal: Bool
    private let detail: Detail
    private let write: @Sendable (String) -> Void
    private let start = Date()
    private struct Screen {
        var lastDraw = Date.distantPast
        var barShown = false
    }
    private let screen = LockedValue(Screen())

    /// `write` defaults to standard error.
    public init(
        terminal: Bool, detail: Detail = .normal,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.terminal = terminal
        self.detail = detail
        self.write = write
    }

    public func handle(_ event: ConvertEvent) {
        screen.withLock { draw(event, &$0) }
    }

    private func draw(_ event: ConvertEvent, _ screen: inout Screen) {
        switch detail {
        case .quiet:
            if case .failed(let failure) = event.outcome { write("failed: " + Self.shown(failure.message) + "\n") }
        case .normal where terminal:
            if case .failed(let failure) = event.outcome {
                write(clearLine + "failed: " + Self.shown(failure.message) + "\n")
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
        case .normal, .verbose:
            let counter = "[\(event.done)/\(event.total)]"
            let path = Self.shown(event.path)
            switch event.outcome {
            case .converted(let pages, let restored, let replaced, let textLayerPages):
                var notes: [String] = []
                if pages > 0 { notes.append("\(pages) \(pages == 1 ? "page" : "pages")") }
                if textLayerPages > 0 {
                    notes.append("\(textLayerPages) \(textLayerPages == 1 ? "page" : "pages") from the text layer")
                }
                if restored { notes.append("restored") }
                if replaced { notes.append("replaces the earlier version") }
                write(
                    "\(counter) converted \(path)\(notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")")\n")
            case .unchanged:
                write("\(counter) unchanged \(path)\n")
            case .failed(let failure):
                write("\(counter) failed: \(Self.shown(failure.message))\n")
            }
        }
    }

    private let clearLine = "\r\u{1B}[K"

    /// A name or message from the input, safe on a terminal.
    static func shown(_ text: String) -> String { TerminalText.escaped(text) }

    private func bar(_ e: ConvertEvent, elapsed: Double) -> String {
        let width = 30
        let filled = e.total == 0 ? width : width * e.done / e.total
        let rate = elapsed > 0 ? Double(e.done) / elapsed : 0
        let name = Self.shown(URL(fileURLWithPath: e.path).lastPathComponent)
        let failed = e.failed > 0 ? "  \(e.failed) failed" : ""
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
            + "\(e.done)/\(e.total)\(failed)  \(String(format: "%.1f", rate)) docs/s  \(name.prefix(40))"
    }

    /// The closing report: figures, then every failure with its reason, then (for each way past a
    /// failure the caller can offer, such as a flag) one line of `advice`. Quiet: the failures
    /// only. Verbose: the files left alone too.
    public static func summary(
        _ s: ConvertSummary, database: String, output: String?, detail: Detail = .normal,
        advice: (Remedy) -> String? = { _ in nil }
    ) -> String {
        var out = ""
        if detail != .quiet {
            out +=
                "\(s.documents) \(s.documents == 1 ? "document" : "documents") in \(String(format: "%.1f", s.seconds)) s: "
            out += "\(s.converted) converted, \(s.unchanged) unchanged, \(s.failures.count) failed; "
            out += "\(s.pages) \(s.pages == 1 ? "page" : "pages") OCR'd, "
            if s.textLayerPages > 0 {
                out += "\(s.textLayerPages) read from PDF text \(s.textLayerPages == 1 ? "layer" : "layers"), "
            }
            out += "\(s.restored) restored.\n"
            if !s.skipped.isEmpty {
                let n = s.skipped.count
                out +=
                    "\(n) other \(n == 1 ? "file" : "files") in the input folders \(n == 1 ? "was" : "were") left alone"
                out += detail == .verbose ? ":\n" + s.skipped.map { "  " + shown($0) + "\n" }.joined() : ".\n"
            }
            out += "Store: \(shown(database))" + (output.map { "; text and records in \(shown($0))/" } ?? "") + "\n"
        }
        if !s.failures.isEmpty {
            out += "Failed:\n"
            for f in s.failures.sorted(by: { $0.path < $1.path }) { out += "  " + shown(f.message) + "\n" }
            for remedy in Remedy.allCases where s.failures.contains(where: { $0.remedy == remedy }) {
                if let line = advice(remedy) { out += line + "\n" }
            }
        }
        return out
    }
}
