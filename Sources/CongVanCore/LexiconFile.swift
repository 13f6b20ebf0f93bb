import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The project's lexicon container, read by memory-mapping so start-up costs no parsing.
///
/// Layout (little-endian): the 8-byte magic `CVLEX\0\0\u{1}`, a UInt32 section count, a UInt32
/// reserved word, then per section a 24-byte NUL-padded name, a UInt64 offset and a UInt64 length.
/// Every payload starts on an 8-byte boundary so sections can be read as typed arrays in place.
public final class LexiconFile: @unchecked Sendable {
    public static let magic: [UInt8] = Array("CVLEX".utf8) + [0, 0, 1]
    static let nameBytes = 24

    public let path: String
    private let base: UnsafeMutableRawPointer
    private let size: Int
    private let table: [String: UnsafeRawBufferPointer]

    /// Maps `path` read-only; the mapping lives as long as this object.
    public init(path: String) throws(CoreError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .lexiconMissing(path: path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size >= 16 else {
            throw .lexiconCorrupt(path: path, reason: "too short")
        }
        size = Int(st.st_size)
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw .lexiconCorrupt(path: path, reason: "cannot be mapped")
        }
        base = p
        let raw = UnsafeRawBufferPointer(start: p, count: size)
        do {
            table = try Self.readTable(raw, path: path)
        } catch {
            munmap(p, size)
            throw error
        }
    }

    deinit { munmap(base, size) }

    private static func readTable(
        _ raw: UnsafeRawBufferPointer, path: String
    ) throws(CoreError) -> [String: UnsafeRawBufferPointer] {
        guard Array(raw.prefix(8)) == magic else { throw .lexiconCorrupt(path: path, reason: "not a CongVan lexicon") }
        let count = Int(raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian)
        let entry = nameBytes + 16
        guard 16 + count * entry <= raw.count else { throw .lexiconCorrupt(path: path, reason: "truncated table") }
        var out: [String: UnsafeRawBufferPointer] = [:]
        for i in 0..<count {
            let at = 16 + i * entry
            let nameSlice = raw[at..<(at + nameBytes)].prefix { $0 != 0 }
            let name = String(decoding: nameSlice, as: UTF8.self)
            let offset = Int(raw.loadUnaligned(fromByteOffset: at + nameBytes, as: UInt64.self).littleEndian)
            let length = Int(raw.loadUnaligned(fromByteOffset: at + nameBytes + 8, as: UInt64.self).littleEndian)
            guard offset >= 0, length >= 0, offset + length <= raw.count else {
                throw .lexiconCorrupt(path: path, reason: "section \(name) out of bounds")
            }
            out[name] = UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)])
        }
        return out
    }

    public var sectionNames: [String] { table.keys.sorted() }

    /// A section's bytes; valid while this object is alive.
    public func section(_ name: String) throws(CoreError) -> UnsafeRawBufferPointer {
        guard let s = table[name] else { throw .lexiconCorrupt(path: path, reason: "no section \(name)") }
        return s
    }

    /// A section read as a typed array in place (payloads are 8-byte aligned).
    public func array<T>(_ name: String, of: T.Type) throws(CoreError) -> UnsafeBufferPointer<T> {
        let s = try section(name)
        guard s.count % MemoryLayout<T>.stride == 0 else {
            throw .lexiconCorrupt(path: path, reason: "section \(name) has a partial element")
        }
        return s.bindMemory(to: T.self)
    }
}

/// Builds a lexicon container in memory and writes it out.
public struct LexiconWriter {
    private var sections: [(name: String, bytes: [UInt8])] = []

    public init() {}

    public mutating func add(_ name: String, _ bytes: [UInt8]) {
        precondition(name.utf8.count < LexiconFile.nameBytes, "section name too long: \(name)")
        sections.append((name, bytes))
    }

    public mutating func add<T: FixedWidthInteger>(_ name: String, array: [T]) {
        var w = ByteWriter()
        for v in array { w.append(v) }
        add(name, w.bytes)
    }

    public func data() -> [UInt8] {
        var w = ByteWriter()
        w.bytes += LexiconFile.magic
        w.append(UInt32(sections.count))
        w.append(UInt32(0))
        var offset = 16 + sections.count * (LexiconFile.nameBytes + 16)
        offset = (offset + 7) & ~7
        for s in sections {
            var name = Array(s.name.utf8)
            name += [UInt8](repeating: 0, count: LexiconFile.nameBytes - name.count)
            w.bytes += name
            w.append(UInt64(offset))
            w.append(UInt64(s.bytes.count))
            offset = (offset + s.bytes.count + 7) & ~7
        }
        for s in sections {
            w.align(8)
            w.bytes += s.bytes
        }
        return w.bytes
    }

    /// Writes atomically, so a failed build never leaves a half-written lexicon behind.
    public func write(to path: String) throws {
        try Data(data()).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Little-endian serialisation helpers for lexicon sections.
public struct ByteWriter {
    public var bytes: [UInt8] = []
    public init() {}

    public mutating func append<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ v: Float) { append(v.bitPattern) }

    /// A UInt32 length and the UTF-8 bytes.
    public mutating func append(_ s: String) {
        let u = Array(s.utf8)
        append(UInt32(u.count))
        bytes += u
    }

    public mutating func align(_ n: Int) {
        while bytes.count % n != 0 { bytes.append(0) }
    }
}

/// Sequential reader matching `ByteWriter`, bounds-checked so a damaged file raises an error.
///
/// The reads are inlinable: lexicon loading reads tens of thousands of numbers, and a call
/// through the generic entry point from another module cost ten times the read itself.
public struct ByteReader {
    @usableFromInline let raw: UnsafeRawBufferPointer
    @usableFromInline var position = 0

    public init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    public var offset: Int { position }
    public var isAtEnd: Bool { position >= raw.count }

    @inlinable
    public mutating func read<T: FixedWidthInteger>(_: T.Type) throws(CoreError) -> T {
        let n = MemoryLayout<T>.size
        guard position + n <= raw.count else { throw .lexiconCorrupt(path: "section", reason: "truncated") }
        let v = raw.loadUnaligned(fromByteOffset: position, as: T.self)
        position += n
        return T(littleEndian: v)
    }

    @inlinable
    public mutating func readFloat() throws(CoreError) -> Float {
        Float(bitPattern: try read(UInt32.self))
    }

    public mutating func readString() throws(CoreError) -> String {
        let n = Int(try read(UInt32.self))
        guard position + n <= raw.count else { throw .lexiconCorrupt(path: "section", reason: "truncated string") }
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: raw[position..<(position + n)]), as: UTF8.self)
        position += n
        return s
    }
}

/// Finds the `Lexicons/` folder: `$CONGVAN_LEXICONS`, then `./Lexicons`, then a `Lexicons/`
/// in `../share/congvan/Lexicons` beside an installed executable (`scripts/install.sh`), then a
/// `Lexicons/` beside or above the running executable (covers `.build/release/congvan`), then the
/// source tree.
public enum LexiconLocator {
    public static func directory() -> String {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["CONGVAN_LEXICONS"], !env.isEmpty { return env }
        let cwd = fm.currentDirectoryPath + "/Lexicons"
        if fm.fileExists(atPath: cwd + "/SOURCES.md") { return cwd }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        // An installed binary (scripts/install.sh): PREFIX/bin/congvan, PREFIX/share/congvan/Lexicons.
        let installed = dir.deletingLastPathComponent().appendingPathComponent("share/congvan/Lexicons").path
        if fm.fileExists(atPath: installed + "/SOURCES.md") { return installed }
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("Lexicons").path
            if fm.fileExists(atPath: candidate + "/SOURCES.md") { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Lexicons").path
        return source
    }

    public static func path(_ file: String) -> String { directory() + "/" + file }
}
