/// Builds text as UTF-8 bytes and makes one `String` at the end: appending scalars one by one
/// to a `String.UnicodeScalarView` is far slower on the restoration hot path.
struct UTF8Writer {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ s: Unicode.Scalar) {
        let v = s.value
        switch v {
        case 0..<0x80:
            bytes.append(UInt8(v))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | v >> 6)); bytes.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | v >> 12)); bytes.append(UInt8(0x80 | v >> 6 & 0x3F)); bytes.append(UInt8(0x80 | v & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | v >> 18)); bytes.append(UInt8(0x80 | v >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | v >> 6 & 0x3F)); bytes.append(UInt8(0x80 | v & 0x3F))
        }
    }

    mutating func append(_ s: ArraySlice<Unicode.Scalar>) { for c in s { append(c) } }

    mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
