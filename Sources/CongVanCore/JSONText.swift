import Foundation

/// JSON as every command prints it: pretty, keys sorted, slashes as they are. Sorted keys make
/// the output byte-stable: Foundation's encoder on Linux orders a keyed container by hash,
/// which changes from run to run.
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A directive record as JSON: what `parse` prints, what `convert` writes to `<name>.json` and
/// what the store keeps. Encoded here and nowhere else.
public enum RecordJSON {
    public static func encode(_ record: DirectiveRecord) throws -> String { try JSONText.encode(record) }

    public static func decode(_ json: String) throws -> DirectiveRecord {
        try JSONDecoder().decode(DirectiveRecord.self, from: Data(json.utf8))
    }
}
