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

    /// Decodes bytes by one rule over the whole input: UTF-16 (with a byte-order mark, or
    /// without one when every other byte is NUL often enough) is decoded; otherwise the bytes
    /// must be UTF-8 text (a UTF-8 byte-order mark is dropped), and a NUL byte anywhere, or
    /// control bytes making more than 2% of the input, mark it as binary. Line ends become
    /// `\n` (CRLF and lone CR alike); the text is composed to NFC.
    public static func decode(_ bytes: [UInt8], source: String, lossy: Bool = false) throws(CoreError) -> String {
        var text: String
        if let utf16 = try decodeUTF16(bytes, source: source, lossy: lossy) {
            text = utf16
        } else {
            var body = bytes[...]
            if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
            if looksBinary(body) { throw .binaryInput(source: source) }
            if let bad = firstInvalidUTF8(body) {
                if !lossy { throw .invalidUTF8(source: source, offset: bad + (bytes.count - body.count)) }
            }
            text = String(decoding: body, as: UTF8.self)
        }
        if text.utf8.contains(13) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return needsComposition(text) ? text.precomposedStringWithCanonicalMapping : text
    }

    /// The text of UTF-16 input, or nil when the bytes are not UTF-16: a byte-order mark says so,
    /// or (without one) an even length with NUL bytes on one side only, making at least a
    /// quarter of that side's bytes (Vietnamese in UTF-16 has a zero high byte for every ASCII
    /// letter, space and digit).
    static func decodeUTF16(_ bytes: [UInt8], source: String, lossy: Bool) throws(CoreError) -> String? {
        var littleEndian: Bool
        var start = 0
        if bytes.starts(with: [0xFF, 0xFE]) && !bytes.starts(with: [0xFF, 0xFE, 0, 0]) {
            littleEndian = true
            start = 2
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            littleEndian = false
            start = 2
        } else {
            guard bytes.count >= 4, bytes.count % 2 == 0 else { return nil }
            var zeros = (even: 0, odd: 0)
            for i in stride(from: 0, to: bytes.count, by: 2) {
                if bytes[i] == 0 { zeros.even += 1 }
                if bytes[i + 1] == 0 { zeros.odd += 1 }
            }
            let half = bytes.count / 2
            if zeros.even == 0, zeros.odd * 4 >= half {
                littleEndian = true
            } else if zeros.odd == 0, zeros.even * 4 >= half {
                littleEndian = false
            } else {
                return nil
            }
        }
        guard (bytes.count - start) % 2 == 0 else { throw .invalidUTF16(source: source, offset: bytes.count - 1) }
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        for i in stride(from: start, to: bytes.count, by: 2) {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
        }
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var consumed = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                // Control characters (NUL included) are as binary in UTF-16 as in UTF-8.
                if s.value < 32 && s.value != 9 && s.value != 10 && s.value != 13 && s.value != 12 {
                    throw .binaryInput(source: source)
                }
                scalars.append(s)
                consumed += s.utf16.count
            case .emptyInput:
                break loop
            case .error:
                if !lossy { throw .invalidUTF16(source: source, offset: start + 2 * consumed) }
                scalars.append("\u{FFFD}")
                consumed += 1
            }
        }
        return String(scalars)
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

    /// Binary: a NUL byte anywhere, or more than 2% control bytes other than tab, newline, CR
    /// and form feed. The whole input is read (a NUL past the first 64 KiB once let text through
    /// whose end no search could find).
    static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        if bytes.isEmpty { return false }
        var control = 0
        for b in bytes where b < 32 {
            if b == 0 { return true }
            if b != 9 && b != 10 && b != 13 && b != 12 { control += 1 }
        }
        return control * 50 > bytes.count
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
