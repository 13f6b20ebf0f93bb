import Foundation

/// The `--out` folder: `<name>.txt` (restored text) and `<name>.json` (record) per document.
enum OutputFiles {
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
    }

    static func exist(name: String, in folder: String) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: folder + "/" + name + ".txt")
            && fm.fileExists(atPath: folder + "/" + name + ".json")
    }

    /// Writes both files atomically (temporary file, then rename), so a killed run leaves whole
    /// files only.
    static func write(text: String, json: String, name: String, in folder: String) throws {
        let body = text.hasSuffix("\n") ? text : text + "\n"
        for (file, data) in [(name + ".txt", Data(body.utf8)), (name + ".json", Data((json + "\n").utf8))] {
            let path = folder + "/" + file
            do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                throw PipelineError.outputNotWritten(path: path, reason: error.localizedDescription)
            }
        }
    }
}
