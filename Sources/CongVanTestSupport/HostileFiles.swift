import Foundation

/// Inputs a hostile or careless user hands over, made byte by byte so no tool is needed to make
/// them: a valid PNG far too large to decode, PDFs poppler cannot open.
public enum HostileFiles {
    /// A valid 8-bit grey PNG of `width` × `height` black pixels. The image data is one deflate
    /// block of fixed-Huffman back-references (258 zero bytes each), so 30,000 × 30,000 pixels
    /// (900 MB decoded) take about 5.7 MB.
    public static func blankPNG(width: Int, height: Int) -> Data {
        var out = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func chunk(_ type: String, _ body: Data) {
            var length = UInt32(body.count).bigEndian
            out.append(Data(bytes: &length, count: 4))
            var typed = Data(type.utf8)
            typed.append(body)
            out.append(typed)
            var crc = CRC32.of(typed).bigEndian
            out.append(Data(bytes: &crc, count: 4))
        }
        var header = Data()
        for v in [UInt32(width), UInt32(height)] {
            var be = v.bigEndian
            header.append(Data(bytes: &be, count: 4))
        }
        header.append(contentsOf: [8, 0, 0, 0, 0])  // 8 bits, grey, deflate, no filter, no interlace
        chunk("IHDR", header)

        // Each row is a filter byte (0) and `width` zero bytes: all of it is zeros.
        let total = height * (width + 1)
        var bits = BitWriter()
        bits.append(0b1, count: 1)  // BFINAL
        bits.append(0b01, count: 2)  // BTYPE = fixed Huffman (LSB first)
        bits.appendCode(0b0011_0000, count: 8)  // literal 0
        var left = total - 1
        while left >= 258 {
            bits.appendCode(0b1100_0101, count: 8)  // length code 285: 258 bytes
            bits.appendCode(0, count: 5)  // distance code 0: 1 back
            left -= 258
        }
        for _ in 0..<left { bits.appendCode(0b0011_0000, count: 8) }
        bits.appendCode(0, count: 7)  // end of block
        var zlib = Data([0x78, 0x01])
        zlib.append(bits.finish())
        // Adler-32 of zeros: a stays 1, b adds 1 per byte.
        let adler = UInt32(total % 65_521) << 16 | 1
        var be = adler.bigEndian
        zlib.append(Data(bytes: &be, count: 4))
        chunk("IDAT", zlib)
        chunk("IEND", Data())
        return out
    }

    /// A one-page PDF protected by a user password (poppler: "Incorrect password").
    public static func encryptedPDF() -> Data {
        pdf(
            objects: [
                "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
                "<< /Filter /Standard /V 1 /R 2 /O <\(String(repeating: "11", count: 32))> /U <\(String(repeating: "22", count: 32))> /P -4 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            ],
            trailer:
                "/Root 1 0 R /Encrypt 3 0 R /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]")
    }

    /// A PDF whose page tree is empty.
    public static func pagelessPDF() -> Data {
        pdf(
            objects: ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"],
            trailer: "/Root 1 0 R")
    }

    static func pdf(objects: [String], trailer: String) -> Data {
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj \(body) endobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(format: "%010d 00000 n \n", o) }
        out += "trailer << /Size \(objects.count + 1) \(trailer) >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }
}

/// Bits packed as deflate packs them: from the least significant bit of each byte; Huffman codes
/// from their most significant bit.
struct BitWriter {
    private var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var filled = 0

    mutating func append(_ value: UInt64, count: Int) {
        buffer |= value << filled
        filled += count
        while filled >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            filled -= 8
        }
    }

    mutating func appendCode(_ code: UInt64, count: Int) {
        var reversed: UInt64 = 0
        for k in 0..<count where code & (1 << k) != 0 { reversed |= 1 << (count - 1 - k) }
        append(reversed, count: count)
    }

    mutating func finish() -> Data {
        if filled > 0 { bytes.append(UInt8(buffer & 0xFF)) }
        return Data(bytes)
    }
}

/// CRC-32 (ISO-HDLC), as PNG chunks carry it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func of(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
