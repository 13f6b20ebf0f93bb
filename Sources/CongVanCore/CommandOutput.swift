import Foundation

/// Writes a command's result to a file (atomically) or to standard output.
public enum CommandOutput {
    public static func write(_ text: String, to path: String?) throws(CoreError) {
        let body = text.hasSuffix("\n") || text.isEmpty ? text : text + "\n"
        if let path, path != "-" {
            do { try AtomicFile.write(Data(body.utf8), to: path) } catch {
                throw .notWritten(path: path, reason: error.localizedDescription)
            }
        } else {
            do { try FileHandle.standardOutput.write(contentsOf: Data(body.utf8)) } catch {
                throw .notWritten(path: "standard output", reason: error.localizedDescription)
            }
        }
    }
}
