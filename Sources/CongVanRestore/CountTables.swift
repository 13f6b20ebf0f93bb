import CongVanCore

/// Tables of counted forms (`form → count`) as lexicon sections store them: per table its size,
/// then each form and its count, forms sorted so a rebuild gives the same bytes.
enum CountTables {
    static func write(_ tables: [[String: Int]], into w: inout ByteWriter) {
        for table in tables {
            let kept = table.sorted { $0.key < $1.key }
            w.append(UInt32(kept.count))
            for (form, c) in kept {
                w.append(form)
                w.append(UInt32(c))
            }
        }
    }

    static func read(_ raw: UnsafeRawBufferPointer, tables count: Int) throws(CoreError) -> [[String: Int]] {
        var r = ByteReader(raw)
        var tables: [[String: Int]] = []
        for _ in 0..<count {
            var t: [String: Int] = [:]
            for _ in 0..<(try r.read(UInt32.self)) {
                let form = try r.readString()
                t[form] = Int(try r.read(UInt32.self))
            }
            tables.append(t)
        }
        return tables
    }
}
