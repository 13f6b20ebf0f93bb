import CongVanCore
import Foundation

/// When `congvan parse` restores the text before parsing it.
public enum RestoreMode: String, Sendable, CaseIterable {
    /// Restore only text that the restorer judges degraded.
    case auto
    case always
    case never
}

/// What parsing needs from stage 2. The parser itself takes plain text; this lets the caller
/// plug restoration in front of it without the parser depending on the restorer.
public protocol TextRestoring: Sendable {
    func needsRestoration(_ text: String) -> Bool
    /// Restored text, line N for line N of the input.
    func restore(_ text: String) -> String
}

extension DirectiveParser {
    /// Restores `text` as `mode` asks, then parses it. `loadRestorer` is only called when
    /// restoration may be needed; if it throws, the text is parsed as it is and the record says so.
    public func parse(
        _ text: String, source: String, restore mode: RestoreMode,
        loadRestorer: () throws -> any TextRestoring
    ) -> DirectiveRecord {
        guard mode != .never, text.contains(where: { $0.isLetter }) else { return parse(text, source: source) }
        let restorer: any TextRestoring
        do {
            restorer = try loadRestorer()
        } catch {
            var record = parse(text, source: source)
            record.warnings.insert(
                "restoration is unavailable (\(error.localizedDescription)); the text was parsed as it is", at: 0)
            return record
        }
        if mode == .auto, !restorer.needsRestoration(text) { return parse(text, source: source) }
        return parse(restorer.restore(text), source: source)
    }
}
