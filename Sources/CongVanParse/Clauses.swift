import CongVanCore

/// A stretch of the body between clause breaks (`;`, `.`, bullets, enumerators), with the
/// headings it sits under. Targets are read clause by clause.
struct Clause {
    let range: Range<Int>
    /// The enclosing headings, outermost first.
    let headings: [Heading]
    /// The layout block (paragraph, item, heading, table row) the clause is in.
    var block: Int = 0
    /// Clauses of one sentence share this number: a `;` goes on, a full stop or a block ends it.
    var sentence: Int = 0
    /// A table row or a cell of a table set out line by line.
    var inTable = false
}

/// A section heading, read once: whether it announces goals or results, and its year.
struct Heading {
    let forward: Bool
    let results: Bool
    let year: Int?
    let yearStart: Int?

    init(_ line: String) {
        // `Chương trình mục tiêu quốc gia` names a programme; it announces nothing.
        let key = Vietnamese.foldKey(line).replacingOccurrences(of: "muc tieu quoc gia", with: "")
        forward = TargetLexicon.forwardHeadings.contains { key.contains($0) }
        results = TargetLexicon.resultHeadings.contains { key.contains($0) }
        let span = YearText.first(in: line)
        year = span?.year
        yearStart = span?.start
    }
}

enum ClauseSplitter {
    /// Splits `tokens` into clauses at `;`, full stops, list items, headings and the block
    /// boundaries of `layout`; each heading updates the heading context.
    static func split(_ tokens: [Token], layout: Layout, lineText: (Int) -> String) -> [Clause] {
        var clauses: [Clause] = []
        var stack: [(level: Int, heading: Heading)] = []
        var start = 0
        var depth = 0
        var sentence = 0
        var sentenceEnded = false
        func close(_ end: Int) {
            if end > start {
                if sentenceEnded, !clauses.isEmpty { sentence += 1 }
                let block = layout.blockOf(line: tokens[start].line)
                if let last = clauses.last, last.block != block, last.sentence == sentence { sentence += 1 }
                clauses.append(
                    Clause(
                        range: start..<end, headings: stack.map(\.heading), block: block, sentence: sentence,
                        inTable: layout.tableLines.contains(tokens[start].line)))
                let t = tokens[end - 1]
                sentenceEnded = t.kind == .punct && [".", "!", "?", ":"].contains(t.text) && depth == 0
            }
            start = end
        }
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.lineStart {
                if let level = layout.headingLevels[t.line] {
                    close(i)
                    sentenceEnded = true
                    depth = 0
                    stack.removeAll { $0.level >= level }
                    stack.append((level, Heading(lineText(t.line))))
                } else if startsItem(tokens, at: i) || layout.blockStarts.contains(t.line) {
                    close(i)
                    sentenceEnded = true
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
                    // The stop of an enumerator (`1. Xã A`) does not end its item.
                    let enumerator = i >= 1 && tokens[i - 1].lineStart && enumeratorLength(tokens, at: i - 1) == 2
                    // A number after the stop starts a sentence when a count follows it (`… (Gia
                    // Lộc). 3 xã đăng ký …`).
                    let count =
                        i + 2 < tokens.count && tokens[i + 1].isNumber && tokens[i + 1].spaceBefore
                        && TargetLexicon.match(TargetLexicon.entityUnits, tokens, at: i + 2) != nil
                    if depth == 0, !enumerator, i + 1 < tokens.count,
                        tokens[i + 1].kind != .number || tokens[i + 1].lineStart || count,
                        tokens[i + 1].isTitle || tokens[i + 1].lineStart || tokens[i + 1].kind == .punct || count
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
