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
    /// The first type of each hash; `sameHash[t]` the next type whose scalars hash alike
    /// (-1: none), for the rare collision.
    private var byHash = OpenTable<Int32>(filler: -1, capacity: 1024)
    private var sameHash: [Int32] = []

    var count: Int { spans.count }

    init(lines: [[Unicode.Scalar]], pieces: [[Piece]]) {
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
        if h == OpenTable<Int32>.empty { h -= 1 }
        let first = byHash[h] ?? -1
        var t = first
        while t >= 0 {
            if raw(t, in: lines).elementsEqual(text) { return t }
            t = sameHash[Int(t)]
        }
        let new = Int32(spans.count)
        spans.append((Int32(li), Int32(start), Int32(end)))
        sameHash.append(first)
        byHash.set(new, for: h)
        return new
    }
}
