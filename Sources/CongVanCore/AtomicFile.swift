import Foundation

/// Writing a file whole or not at all: the bytes go to a hidden temporary file beside it, which
/// is renamed over the file once complete. The temporary file's name carries the writer's
/// process id and a number of its own (`.congvan-<pid>-<n>.<name>.tmp`), so what a killed
/// process left can be told from what a running one is writing, and removed.
public enum AtomicFile {
    static let prefix = ".congvan-"
    static let suffix = ".tmp"
    /// Numbers the temporary files of this process: two threads may write the same file at once.
    private static let serial = LockedValue(0)

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws {
        let temporary = temporaryPath(for: path)
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
            try moveInPlace(temporary, over: path)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Puts the file at `source` (made elsewhere, e.g. in the temporary folder) at `path`
    /// atomically: copied to a temporary file beside `path`, then renamed over it.
    public static func place(_ source: String, at path: String) throws {
        let temporary = temporaryPath(for: path)
        do {
            try FileManager.default.copyItem(atPath: source, toPath: temporary)
            try moveInPlace(temporary, over: path)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let n = serial.withLock { n in
            n += 1
            return n
        }
        return url.deletingLastPathComponent().path + "/" + prefix + "\(getpid())-\(n)." + url.lastPathComponent
            + suffix
    }

    private static func moveInPlace(_ temporary: String, over path: String) throws {
        guard rename(temporary, path) == 0 else {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }

    /// Removes the temporary files of writers that are no longer running, and those Foundation's
    /// own atomic writes (`.dat.nosync…`) left over an hour ago (CongVan used them before).
    public static func removeLeftovers(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            let path = folder + "/" + name
            if name.hasPrefix(prefix), name.hasSuffix(suffix) {
                let pid = name.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
                guard let id = Int32(pid), id != getpid(), kill(id, 0) != 0, errno == ESRCH else { continue }
                unlink(path)
            } else if name.hasPrefix(".dat.nosync") {
                let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
                if let modified, Date().timeIntervalSince(modified) > 3600 { unlink(path) }
            }
        }
    }
}
