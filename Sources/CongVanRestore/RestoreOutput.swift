import CongVanCore
import Foundation

public enum RestoreFormat: String, CaseIterable, Sendable {
    case text, json
}

/// Renders a restoration for the `restore` command.
public enum RestoreOutput {
    public static func render(_ restored: RestoredText, as format: RestoreFormat) throws -> String {
        switch format {
        case .text:
            return restored.text
        case .json:
            return try JSONText.encode(restored)
        }
    }
}
