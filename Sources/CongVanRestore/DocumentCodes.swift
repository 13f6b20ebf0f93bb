import CongVanCore

/// The parts of document codes as they are really written (`QĐ`, `TTg`, `HĐND`, `BCĐTW`), so
/// restoration writes a code part by part from spellings it has seen, never letter by letter:
/// `01/BCDTW-VPDP` → `01/BCĐTW-VPĐP`, where reading `VPDP` as two abbreviations gave `VPĐĐ`.
///
/// Two tables, both counted over the training text by the language-model step of the builder
/// (`Lexicons/SOURCES.md`):
/// - `written`: each part of a code (`03/2022/NQ-HĐND` → `NQ`, `HĐND`) and each abbreviation
///   standing as a word (`BCĐ`, `UBND`), as written;
/// - `initials`: the initials of agencies' names (`Văn phòng Điều phối nông thôn mới` → `VPĐ`,
///   `VPĐP`, `VPĐPN`, …), which is how an agency's code is made. Only those with a `Đ` or `D` are
///   kept (the letter they decide), and they are consulted only for a part no written spelling fits.
public struct DocumentCodes: Sendable {
    public static let section = LexiconSection.documentCodes
    /// A spelling must have been seen this often to be kept…
    static let minCount = 3
    /// …and this many times more often than the part's own spelling to replace it.
    static let dominance = 5
    /// Initials are taken for names of at most this many letters.
    static let maxInitials = 8

    public let written: [String: Int]
    public let initials: [String: Int]
    let bestWritten: [String: (form: String, count: Int)]
    let bestInitials: [String: (form: String, count: Int)]

    public init(written: [String: Int] = [:], initials: [String: Int] = [:]) {
        self.written = written.filter { $0.value >= Self.minCount }
        self.initials = initials.filter { $0.value >= Self.minCount }
        bestWritten = AbbreviationTable.best(self.written)
        bestInitials = AbbreviationTable.best(self.initials)
    }

    /// The spelling of one part of a code, or nil to leave it as written. The part is matched
    /// with `Đ` and `D` folded (in garble also with the letters English OCR reads for `Đ`: `P`,
    /// `B`, each such reading counting a fifth: `VPDP` is `VPĐP`, not `VPĐĐ`, though the latter
    /// is the more frequent); the spelling found must dominate the part's own.
    func restorePart(_ part: String, garbled: Bool) -> String? {
        guard part.unicodeScalars.count >= 2 else { return nil }
        if let top = AbbreviationTable.topSpelling(
            part, in: bestWritten, garbled: garbled, misreadPenalty: Self.dominance)
        {
            return top.form != part && top.count >= Self.dominance * max(written[part] ?? 0, 1) ? top.form : nil
        }
        guard
            let top = AbbreviationTable.topSpelling(
                part, in: bestInitials, garbled: garbled, misreadPenalty: Self.dominance),
            top.form != part,
            top.count >= Self.dominance * max(initials[part] ?? 0, 1)
        else { return nil }
        return top.form
    }

    /// A whole code with each part restored: separators, digits and unknown parts as written.
    func restore(_ code: ArraySlice<Unicode.Scalar>, garbled: Bool) -> String {
        var out = UTF8Writer(capacity: code.count + 4)
        var partStart: Int? = nil
        func flush(_ end: Int) {
            guard let s = partStart else { return }
            let part = UTF8Writer.string(code[s..<end])
            out.append(restorePart(part, garbled: garbled) ?? part)
            partStart = nil
        }
        for i in code.indices {
            if Self.isPartBreak(code[i]) {
                flush(i)
                out.append(code[i])
            } else if partStart == nil {
                partStart = i
            }
        }
        flush(code.endIndex)
        return out.string
    }

    @inline(__always) static func isPartBreak(_ s: Unicode.Scalar) -> Bool {
        Tokenizer.isSeparator(s) || Tokenizer.isSpace(s)
    }

    // MARK: Building

    /// Counts the codes' parts, the abbreviations and the agencies' initials of one line.
    public static func collect(_ line: TokenizedLine, written: inout [String: Int], initials: inout [String: Int]) {
        let scalars = line.scalars
        for p in line.pieces where p.kind == .code || p.kind == .word {
            var start = p.start
            for i in p.start...p.end where i == p.end || isPartBreak(scalars[i]) {
                let part = scalars[start..<i]
                start = i + 1
                guard isAbbreviation(part, inCode: p.kind == .code) else { continue }
                written[UTF8Writer.string(part), default: 0] += 1
            }
        }
        collectInitials(line, into: &initials)
    }

    /// Two capitals or more, letters only (`&` allowed inside: `NN&PTNT`), no marked vowel; a
    /// word standing alone must also be no syllable (`BCĐ`, not `MỤC`).
    static func isAbbreviation(_ part: ArraySlice<Unicode.Scalar>, inCode: Bool) -> Bool {
        guard part.count >= 2, part.count <= 12, let first = part.first, Tokenizer.isLetter(first) else {
            return false
        }
        var uppers = 0
        for s in part {
            guard s == "&" || (Tokenizer.isLetter(s) && (s.value < 128 || s == "Đ" || s == "đ")) else { return false }
            if Tokenizer.isUpper(s) { uppers += 1 }
        }
        guard uppers >= 2 else { return false }
        return inCode || (uppers == part.count && !SyllableGrammar.isValid(scalars: part))
    }

    /// Nouns that head an agency's name, lower case, one or two syllables.
    static let headNouns: [[String]] = [
        ["văn", "phòng"], ["ủy", "ban"], ["uỷ", "ban"], ["hội", "đồng"], ["tổng", "cục"], ["chi", "cục"],
        ["trung", "tâm"], ["thanh", "tra"], ["kho", "bạc"], ["ban"], ["bộ"], ["sở"], ["cục"], ["vụ"], ["viện"],
        ["phòng"], ["đoàn"], ["hội"], ["quỹ"],
    ]
    /// Words that end a name: what follows it in a sentence, and the locality it serves
    /// (`Văn phòng Điều phối nông thôn mới tỉnh` is coded `VPĐP`, not `VPĐPNTMT`).
    static let nameEnds: Set<String> = [
        "của", "về", "theo", "tại", "trong", "với", "cho", "để", "là", "được", "có", "các", "những", "đã", "sẽ", "từ",
        "đến", "trên", "thuộc", "này", "đó", "tỉnh", "huyện", "xã", "thành", "quận", "phường", "thị", "cấp", "năm",
        "số", "ngày", "khi", "thì", "phải", "không", "đối", "hoặc",
    ]

    /// The initials of each agency name in the line, every prefix longer than the head noun.
    static func collectInitials(_ line: TokenizedLine, into initials: inout [String: Int]) {
        let (scalars, pieces) = (line.scalars, line.pieces)
        func word(_ k: Int) -> String? {
            guard k < pieces.count, pieces[k].kind == .word else { return nil }
            return Vietnamese.lowercase(UTF8Writer.string(scalars[pieces[k].start..<pieces[k].end]))
        }
        /// Piece `k` follows piece `k - 1` after one space, with nothing between.
        func follows(_ k: Int) -> Bool {
            let a = pieces[k - 1]
            return !a.breakAfter && !a.commaAfter && pieces[k].start == a.end + 1 && scalars[a.end] == " "
        }
        var i = 0
        while i < pieces.count {
            defer { i += 1 }
            guard pieces[i].kind == .word, Tokenizer.isUpper(scalars[pieces[i].start]), let first = word(i) else {
                continue
            }
            guard
                let head = headNouns.first(where: { h in
                    h[0] == first && h.indices.allSatisfy { j in j == 0 || (word(i + j) == h[j] && follows(i + j)) }
                })
            else { continue }
            var k = i + head.count
            // The name proper starts with a capital (`Ban Chỉ đạo`, not `ban hành`).
            guard k < pieces.count, word(k) != nil, follows(k), Tokenizer.isUpper(scalars[pieces[k].start]) else {
                continue
            }
            var letters: [Unicode.Scalar] = (i..<k).map { initial(scalars[pieces[$0].start]) }
            while k < pieces.count, letters.count < maxInitials, let w = word(k), follows(k), !nameEnds.contains(w) {
                if w != "và" {
                    letters.append(initial(scalars[pieces[k].start]))
                    if letters.contains(where: { $0 == "Đ" || $0 == "D" }) {
                        initials[UTF8Writer.string(letters[...]), default: 0] += 1
                    }
                }
                k += 1
            }
        }
    }

    /// A syllable's initial as codes write it: `Đ` kept, other letters without marks, capital.
    static func initial(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s == "Đ" || s == "đ" { return "Đ" }
        let b = Vietnamese.asciiBase(s)
        return b.value >= 97 && b.value <= 122 ? Unicode.Scalar(b.value - 32)! : b
    }

    // MARK: Lexicon section

    public func write(into w: inout ByteWriter) {
        CountTables.write([written, initials], into: &w)
    }

    static func read(_ raw: UnsafeRawBufferPointer) throws(CoreError) -> DocumentCodes {
        let tables = try CountTables.read(raw, tables: 2)
        return DocumentCodes(written: tables[0], initials: tables[1])
    }
}
