import CongVanCore

/// A stretch of the body between clause breaks (`;`, `.`, bullets, enumerators), with the
/// headings it sits under. Targets are read clause by clause.
struct Clause {
    let range: Range<Int>
    /// The enclosing headings, outermost first.
    let headings: [Heading]
}

/// A section heading, read once: whether it announces goals or results, and its year.
struct Heading {
    let forward: Bool
    let results: Bool
    let year: Int?

    /// The first `nam YYYY` (1900–2099) in a folded key.
    static func year(in key: String) -> Int? {
        let b = Array(key.utf8)
        var i = 0
        while i + 8 <= b.count {
            if b[i] == 0x6E, b[i + 1] == 0x61, b[i + 2] == 0x6D, b[i + 3] == 0x20,
                i == 0 || b[i - 1] == 0x20, (4...7).allSatisfy({ (0x30...0x39).contains(b[i + $0]) }),
                i + 8 == b.count || !(0x30...0x39).contains(b[i + 8])
            {
                let y = (4...7).reduce(0) { $0 * 10 + Int(b[i + $1] - 0x30) }
                if (1900...2099).contains(y) { return y }
            }
            i += 1
        }
        return nil
    }

    init(_ line: String) {
        // `Chương trình mục tiêu quốc gia` names a programme; it announces nothing.
        let key = Vietnamese.foldKey(line).replacingOccurrences(of: "muc tieu quoc gia", with: "")
        forward = TargetLexicon.forwardHeadings.contains { key.contains($0) }
        results = TargetLexicon.resultHeadings.contains { key.contains($0) }
        year = Self.year(in: key)
    }
}

enum ClauseSplitter {
    /// Splits `tokens` into clauses. `headingLines` are the lines judged to be section headings
    /// (see `headingLevel`); each starts a clause and updates the heading context.
    static func split(_ tokens: [Token], headingLevels: [Int: Int], lineText: (Int) -> String) -> [Clause] {
        var clauses: [Clause] = []
        var stack: [(level: Int, heading: Heading)] = []
        var start = 0
        var depth = 0
        func close(_ end: Int) {
            if end > start { clauses.append(Clause(range: start..<end, headings: stack.map(\.heading))) }
            start = end
        }
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.lineStart {
                if let level = headingLevels[t.line] {
                    close(i)
                    depth = 0
                    stack.removeAll { $0.level >= level }
                    stack.append((level, Heading(lineText(t.line))))
                } else if startsItem(tokens, at: i) {
                    close(i)
                    depth = 0
                }
            }
            if t.kind == .punct {
                switch t.text {
                case "(": depth += 1
                case ")": depth = max(0, depth - 1)
                case ";" where depth == 0:
                    close(i + 1)
                case ".", "!", "?":
                    if depth == 0, i + 1 < tokens.count, tokens[i + 1].kind != .number || tokens[i + 1].lineStart,
                        tokens[i + 1].isTitle || tokens[i + 1].lineStart || tokens[i + 1].kind == .punct
                    {
                        close(i + 1)
                    }
                default: break
                }
            }
            i += 1
        }
        close(tokens.count)
        return clauses
    }

    /// A line opening with a bullet (`-`, `+`, `•`) or an enumerator (`1.`, `2.1`, `a)`, `III.`).
    static func startsItem(_ tokens: [Token], at i: Int) -> Bool {
        let t = tokens[i]
        if t.kind == .punct, ["-", "+", "•", "–", "*", "—"].contains(t.text) { return true }
        return enumeratorLength(tokens, at: i) > 0
    }

    /// Tokens taken by an enumerator at `i` (`1.` = 2, `2.1` = 1, `a)` = 2), or 0.
    static func enumeratorLength(_ tokens: [Token], at i: Int) -> Int {
        guard i + 1 < tokens.count else { return 0 }
        let t = tokens[i]
        let next = tokens[i + 1]
        if t.kind == .number, t.text.count <= 4, !t.text.contains(",") {
            let head = t.text.split(separator: ".").first ?? ""
            guard head.count <= 2 else { return 0 }
            if t.text.contains(".") { return 1 }
            if next.isPunct(".") || next.isPunct(")") { return 2 }
            return 0
        }
        if t.kind == .word, next.isPunct(")") || next.isPunct("."), !next.spaceBefore {
            if t.text.unicodeScalars.count == 1, Vietnamese.letter(t.text.unicodeScalars.first!) != nil,
                next.isPunct(")")
            {
                return 2
            }
            if isRoman(t.text), next.isPunct(".") { return 2 }
        }
        return 0
    }

    static func isRoman(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 5 && s.allSatisfy { "IVX".contains($0) }
    }
}
