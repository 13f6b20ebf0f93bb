import Foundation

/// Writes a command's result to a file (atomically) or to standard output.
public enum CommandOutput {
    public static func write(_ text: String, to path: String?) throws {
        let body = text.hasSuffix("\n") || text.isEmpty ? text : text + "\n"
        if let path, path != "-" {
            do {
                try Data(body.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw CoreError.unreadable(path: path, reason: "cannot write: \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(body.utf8))
        }
    }
}
