import CongVanStore
import Foundation

/// What `convert`'s inputs hold: the files to convert, the ones that cannot be (each with its
/// reason) and the ones left alone.
struct FoundFiles {
    var files: [(path: String, type: StoredDocument.InputType)] = []
    var failures: [ConvertFailure] = []
    /// Files in the input folders that are not documents (other extensions, OCR ground truth).
    var skipped: [String] = []
}

/// Walks `convert`'s inputs with the system's own calls (`stat`, `readdir`), so that nothing is
/// passed over in silence: a symbolic link to a folder is followed (once: a loop ends where a
/// folder was already walked), a folder that cannot be listed, a name that is not UTF-8, a
/// named pipe or device, and a link to nothing are each listed with their reason. A pipe is
/// never opened (reading one would wait forever).
enum FolderWalk {
    static func walk(
        _ inputs: [String], isExcluded: (String) -> Bool, typeOf: (String) -> StoredDocument.InputType?,
        isGroundTruth: (String) -> Bool
    ) -> FoundFiles {
        var found = FoundFiles()
        var walked = Set<FileID>()
        for input in inputs {
            switch inspect(Array(input.utf8)) {
            case .missing(let dangling):
                let reason: PipelineError =
                    dangling ? .brokenLink(path: input) : .fileNotFound(path: input)
                found.failures.append(ConvertFailure(path: input, reason: reason))
            case .failed(let reason):
                found.failures.append(
                    ConvertFailure(path: input, reason: PipelineError.unreadable(path: input, reason: reason)))
            case .special(let kind):
                found.failures.append(
                    ConvertFailure(path: input, reason: PipelineError.notRegularFile(path: input, kind: kind)))
            case .file:
                if let type = typeOf(input) {
                    found.files.append((input, type))
                } else {
                    found.failures.append(
                        ConvertFailure(path: input, reason: PipelineError.unsupportedType(path: input)))
                }
            case .folder(let id):
                guard !isExcluded(input), walked.insert(id).inserted else { continue }
                let base = input.hasSuffix("/") && input.count > 1 ? String(input.dropLast()) : input
                walkFolder(
                    base, into: &found, walked: &walked, isExcluded: isExcluded, typeOf: typeOf,
                    isGroundTruth: isGroundTruth)
            }
        }
        return found
    }

    private static func walkFolder(
        _ folder: String, into found: inout FoundFiles, walked: inout Set<FileID>, isExcluded: (String) -> Bool,
        typeOf: (String) -> StoredDocument.InputType?, isGroundTruth: (String) -> Bool
    ) {
        guard let dir = opendir(folder) else {
            let reason = "the folder cannot be listed: " + String(cString: strerror(errno))
            found.failures.append(
                ConvertFailure(path: folder, reason: PipelineError.unreadable(path: folder, reason: reason)))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            // Hidden files and folders (and `.`, `..`) are not documents.
            if name.first == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        closedir(dir)
        for name in names {
            let bytes = Array(folder.utf8) + [UInt8(ascii: "/")] + name
            guard let path = String(validating: bytes, as: UTF8.self) else {
                // Such a name cannot travel through the stages (every path is text); it is
                // reported with the bad bytes shown as \xNN, unless its type is not ours anyway.
                let shown = folder + "/" + escaped(name)
                let state = inspect(bytes)
                if case .file = state, typeOf(shown) == nil {
                    found.skipped.append(shown)
                } else {
                    found.failures.append(ConvertFailure(path: shown, reason: PipelineError.nameNotUTF8(path: shown)))
                }
                continue
            }
            switch inspect(bytes) {
            case .missing:
                if typeOf(path) != nil {
                    found.failures.append(ConvertFailure(path: path, reason: PipelineError.brokenLink(path: path)))
                } else {
                    found.skipped.append(path)
                }
            case .failed(let reason):
                found.failures.append(
                    ConvertFailure(path: path, reason: PipelineError.unreadable(path: path, reason: reason)))
            case .special(let kind):
                if typeOf(path) != nil {
                    found.failures.append(
                        ConvertFailure(path: path, reason: PipelineError.notRegularFile(path: path, kind: kind)))
                } else {
                    found.skipped.append(path)
                }
            case .file:
                if let type = typeOf(path), !isGroundTruth(path) {
                    found.files.append((path, type))
                } else {
                    found.skipped.append(path)
                }
            case .folder(let id):
                guard !isExcluded(path), walked.insert(id).inserted else { continue }
                walkFolder(
                    path, into: &found, walked: &walked, isExcluded: isExcluded, typeOf: typeOf,
                    isGroundTruth: isGroundTruth)
            }
        }
    }

    /// A folder's identity, to walk it once however many links lead to it.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    enum State {
        /// Nothing there; `dangling` when a symbolic link points at nothing.
        case missing(dangling: Bool)
        case failed(reason: String)
        case file
        case folder(FileID)
        /// A named pipe, socket or device: never opened.
        case special(kind: String)
    }

    /// What is at `path` (raw bytes), links followed.
    static func inspect(_ path: [UInt8]) -> State {
        let cPath = path.map { CChar(bitPattern: $0) } + [0]
        var info = stat()
        guard stat(cPath, &info) == 0 else {
            let error = errno
            var link = stat()
            if error == ENOENT || error == ENOTDIR {
                return .missing(dangling: lstat(cPath, &link) == 0)
            }
            if error == ELOOP { return .failed(reason: "a loop of symbolic links") }
            return .failed(reason: String(cString: strerror(error)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder(FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        case S_IFIFO: return .special(kind: "a named pipe (FIFO)")
        case S_IFSOCK: return .special(kind: "a socket")
        case S_IFCHR, S_IFBLK: return .special(kind: "a device")
        default: return .special(kind: "not a regular file")
        }
    }

    /// The name with every byte that is not part of valid UTF-8 written as `\xNN`.
    static func escaped(_ name: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < name.count {
            var decoded: String? = nil
            for length in 1...4 where i + length <= name.count {
                if let s = String(validating: name[i..<(i + length)], as: UTF8.self) {
                    decoded = s
                    i += length
                    break
                }
            }
            if let decoded {
                out += decoded
            } else {
                out += String(format: "\\x%02X", name[i])
                i += 1
            }
        }
        return out
    }
}
