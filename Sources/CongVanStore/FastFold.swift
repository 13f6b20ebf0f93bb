import CongVanCore

/// `Vietnamese.foldKey` for whole documents (the search index folds every stored text): the same
/// result, built on UTF-8 bytes so ASCII, most of any Vietnamese text, costs one comparison.
enum FastFold {
    static func foldKey(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    out.append(b >= 65 && b <= 90 ? b + 32 : b)
                    i += 1
                    continue
                }
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { value = value << 6 | (UInt32(bytes[i + k]) & 0x3F) }
                let base = Vietnamese.asciiBase(Unicode.Scalar(value)!)
                if base.isASCII {
                    let a = UInt8(base.value)
                    out.append(a >= 65 && a <= 90 ? a + 32 : a)
                } else {
                    out.append(contentsOf: bytes[i..<(i + length)])
                }
                i += length
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
