/// The distinct word pieces of a text ("types", as opposed to their occurrences), so per-word
/// work (lookup keys, the degradation judgement, the candidate reading) runs once per distinct
/// spelling instead of once per occurrence. Documents repeat their words: 2,000 lines of legal
/// text have 31,809 word tokens and about 3,000 types. Types are interned by their scalars with
/// FNV-1a, so no String is built or hashed per occurrence (Swift hashes a non-ASCII String
/// through its normalisation, which costs more than the rest of a lookup).
struct TokenTypes {
    /// Per line, per piece: the piece's type, or -1 for pieces that are not words.
    private(set) var ofPiece: [[Int32]]
    /// Each type's first occurrence: its line and scalar range there.
    private(set) var spans: [(line: Int32, start: Int32, end: Int32)] = []
    /// Open-addressing slots: a type number + 1 (0 for empty), and the full hash beside it.
    private var slots: [Int32]
    private var hashes: [UInt64]

    var count: Int { spans.count }

    init(lines: [[Unicode.Scalar]], pieces: [[Piece]]) {
        slots = [Int32](repeating: 0, count: 1024)
        hashes = [UInt64](repeating: 0, count: 1024)
        ofPiece = []
        ofPiece.reserveCapacity(lines.count)
        for (li, ps) in pieces.enumerated() {
            var row = [Int32](repeating: -1, count: ps.count)
            for (pi, p) in ps.enumerated() where p.kind == .word {
                row[pi] = intern(lines, li, p.start, p.end)
            }
            ofPiece.append(row)
        }
    }

    /// The scalars of type `t` as written at its first occurrence.
    func raw(_ t: Int32, in lines: [[Unicode.Scalar]]) -> ArraySlice<Unicode.Scalar> {
        let s = spans[Int(t)]
        return lines[Int(s.line)][Int(s.start)..<Int(s.end)]
    }

    private mutating func intern(_ lines: [[Unicode.Scalar]], _ li: Int, _ start: Int, _ end: Int) -> Int32 {
        let text = lines[li][start..<end]
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for s in text { h = (h ^ UInt64(s.value)) &* 0x0100_0000_01b3 }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while slots[i] != 0 {
            let t = slots[i] - 1
            if hashes[i] == h && raw(t, in: lines).elementsEqual(text) { return t }
            i = (i + 1) & mask
        }
        let t = Int32(spans.count)
        spans.append((Int32(li), Int32(start), Int32(end)))
        slots[i] = t + 1
        hashes[i] = h
        if spans.count * 2 > slots.count { grow() }
        return t
    }

    /// Doubles the slots (load stays at most one half) and re-places every type by its hash.
    private mutating func grow() {
        let oldSlots = slots, oldHashes = hashes
        slots = [Int32](repeating: 0, count: oldSlots.count * 2)
        hashes = [UInt64](repeating: 0, count: oldSlots.count * 2)
        let mask = slots.count - 1
        for (k, t) in oldSlots.enumerated() where t != 0 {
            let h = oldHashes[k]
            var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = t
            hashes[i] = h
        }
    }
}
