/// Builds text as UTF-8 bytes and makes one `String` at the end: appending scalars one by one
/// to a `String.UnicodeScalarView` is far slower on the restoration hot path.
public struct UTF8Writer {
    public var bytes: [UInt8] = []

    @inlinable public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inlinable public mutating func append(_ s: Unicode.Scalar) {
        // Byte by byte: a temporary buffer and a bulk append cost more for two or three bytes.
        Self.forEachByte(of: s) { bytes.append($0) }
    }

    /// Writes the UTF-8 bytes of `s` at `buffer[at...]` (room for 4 needed); returns their count.
    @inlinable @inline(__always)
    public static func encode(_ s: Unicode.Scalar, into buffer: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int {
        var n = 0
        forEachByte(of: s) {
            buffer[i + n] = $0
            n += 1
        }
        return n
    }

    /// Calls `body` with each UTF-8 byte of `s`, first to last: the one encoder both writers use.
    @inlinable @inline(__always)
    static func forEachByte(of s: Unicode.Scalar, _ body: (UInt8) -> Void) {
        let v = s.value
        if v < 0x80 {
            body(UInt8(v))
            return
        }
        if v < 0x800 {
            body(UInt8(0xC0 | v >> 6))
        } else {
            if v < 0x10000 {
                body(UInt8(0xE0 | v >> 12))
            } else {
                body(UInt8(0xF0 | v >> 18))
                body(UInt8(0x80 | v >> 12 & 0x3F))
            }
            body(UInt8(0x80 | v >> 6 & 0x3F))
        }
        body(UInt8(0x80 | v & 0x3F))
    }

    @inlinable public mutating func append(_ s: ArraySlice<Unicode.Scalar>) { for c in s { append(c) } }

    @inlinable public mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    @inlinable public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// A string written as UTF-8 straight into its own storage (no intermediate array; up to 15
    /// bytes it stays inline, with no allocation at all). `write` gets room for at least
    /// `capacity` bytes and returns how many it wrote, or nil when it ran out of room.
    @inlinable
    public static func string(capacity: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Int?) -> String? {
        var ranOut = false
        let s = String(unsafeUninitializedCapacity: capacity) { buffer in
            guard let n = write(buffer) else {
                ranOut = true
                return 0
            }
            return n
        }
        return ranOut ? nil : s
    }

    /// The string of `scalars`, encoded straight into its storage: `String(String.UnicodeScalarView(x))`
    /// appends scalar by scalar through the generic path, thousands of instructions for a word.
    @inlinable
    public static func string<C: Collection<Unicode.Scalar>>(_ scalars: C) -> String {
        String(unsafeUninitializedCapacity: 4 * scalars.count) { buffer in
            var n = 0
            for s in scalars { n += encode(s, into: buffer, at: n) }
            return n
        }
    }

    /// Writes `s` at `buffer[n...]` and advances `n`; false when it does not fit.
    @inlinable @inline(__always)
    public static func put(_ s: Unicode.Scalar, into buffer: UnsafeMutableBufferPointer<UInt8>, at n: inout Int) -> Bool
    {
        let v = s.value
        guard n + (v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4) <= buffer.count else { return false }
        n += encode(s, into: buffer, at: n)
        return true
    }
}
