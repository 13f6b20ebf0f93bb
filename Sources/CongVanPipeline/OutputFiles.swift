import CongVanCore
import Foundation

/// The `--out` folder: `<name>.txt` (restored text) and `<name>.json` (record) per document.
enum OutputFiles {
    /// Checks the folder can be used, creating it when needed, and removes the partial files a
    /// killed run left (`AtomicFile.removeLeftovers`).
    static func prepare(_ folder: String) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw PipelineError.outputFolder(path: folder, reason: "a file of that name exists")
            }
        } else {
            do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw PipelineError.outputFolder(path: folder, reason: error.localizedDescription)
            }
        }
        guard fm.isWritableFile(atPath: folder) else {
            throw PipelineError.outputFolder(path: folder, reason: "it is not writable")
        }
        AtomicFile.removeLeftovers(in: folder)
    }

    /// Whether both files are there with exactly this content.
    static func current(text: String, json: String, name: String, in folder: String) -> Bool {
        for (file, data) in contents(text: text, json: json, name: name) {
            guard let there = FileManager.default.contents(atPath: folder + "/" + file), there == data else {
                return false
            }
        }
        return true
    }

    /// Writes both files atomically (temporary file, then rename), so a killed run leaves whole
    /// files only.
    static func write(text: String, json: String, name: String, in folder: String) throws {
        for (file, data) in contents(text: text, json: json, name: name) {
            let path = folder + "/" + file
            do { try AtomicFile.write(data, to: path) } catch {
                throw PipelineError.outputNotWritten(path: path, reason: error.localizedDescription)
            }
        }
    }

    private static func contents(text: String, json: String, name: String) -> [(String, Data)] {
        let body = text.hasSuffix("\n") ? text : text + "\n"
        return [(name + ".txt", Data(body.utf8)), (name + ".json", Data((json + "\n").utf8))]
    }
}
