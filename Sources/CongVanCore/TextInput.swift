import Foundation

/// Turns raw bytes into the text every stage works on: checked UTF-8, no BOM, `\n` line ends,
/// NFC. Normalising once here means no later stage has to.
public enum TextInput {
    /// Reads a file (or standard input for `-`) as document text.
    public static func read(path: String, lossy: Bool = false) throws(CoreError) -> String {
        let bytes: [UInt8]
        if path == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw .fileNotFound(path: path)
            }
            if isDir.boolValue { throw .unreadable(path: path, reason: "it is a folder") }
            do {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw .unreadable(path: path, reason: error.localizedDescription)
            }
        }
        return try decode(bytes, source: path == "-" ? "standard input" : path, lossy: lossy)
    }

    /// Decodes bytes, refusing binary data and reporting the first invalid UTF-8 byte.
    public static func decode(_ bytes: [UInt8], source: String, lossy: Bool = false) throws(CoreError) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if looksBinary(body) { throw .binaryInput(source: source) }
        if let bad = firstInvalidUTF8(body) {
            if !lossy { throw .invalidUTF8(source: source, offset: bad + (bytes.count - body.count)) }
        }
        var text = String(decoding: body, as: UTF8.self)
        if body.contains(13) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return needsComposition(text) ? text.precomposedStringWithCanonicalMapping : text
    }

    /// False when the text is certainly NFC already: no combining marks and no conjoining jamo,
    /// the only scalars that composition can change. Most inputs (precomposed Vietnamese) pass,
    /// and skip Foundation's normalisation, which dominates start-up on large files.
    static func needsComposition(_ text: String) -> Bool {
        for s in text.unicodeScalars where s.value >= 0x300 {
            switch s.value {
            case 0x300...0x36F, 0x483...0x489, 0x591...0x5C7, 0x610...0x61A, 0x64B...0x65F, 0x900...0x0DFF,
                0x1100...0x11FF, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0x302A...0x302F,
                0x3099...0x309A, 0xAC00...0xD7A3, 0xFE20...0xFE2F:
                return true
            default:
                continue
            }
        }
        return false
    }

    /// Binary: a NUL byte, or more than 2% control bytes other than tab, newline, CR and form feed,
    /// in the first 64 KiB.
    static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        let sample = bytes.prefix(65_536)
        if sample.isEmpty { return false }
        var control = 0
        for b in sample {
            if b == 0 { return true }
            if b < 32 && b != 9 && b != 10 && b != 13 && b != 12 { control += 1 }
        }
        return control * 50 > sample.count
    }

    /// Offset of the first byte that breaks UTF-8, or nil when all of it is valid.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var minimum: UInt32
            var value: UInt32
            switch b {
            case 0xC2...0xDF:
                need = 1
                minimum = 0x80
                value = UInt32(b & 0x1F)
            case 0xE0...0xEF:
                need = 2
                minimum = 0x800
                value = UInt32(b & 0x0F)
            case 0xF0...0xF4:
                need = 3
                minimum = 0x10000
                value = UInt32(b & 0x07)
            default: return i - bytes.startIndex
            }
            guard i + need < end else { return i - bytes.startIndex }
            for k in 1...need {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i - bytes.startIndex }
                value = value << 6 | UInt32(c & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) {
                return i - bytes.startIndex
            }
            i += need + 1
        }
        return nil
    }
}
