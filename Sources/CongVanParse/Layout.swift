import CongVanCore
import Foundation

/// The body's structure read from line layout before any meaning: which lines start a block
/// (paragraph, list item, heading, table row, a title or caption standing alone), and which
/// block each line belongs to.
///
/// Two layouts occur. Letters (typed or OCR'd) wrap a paragraph over lines of about the same
/// width, so a line continues its paragraph unless it is short and the next one opens a new unit.
/// Web copies and typed files write a paragraph per line, so every line ends its block unless it
/// ends with `,` `;` `:` or the next line goes on in lower case. A line without final punctuation
/// followed by a new unit is a title, byline or caption: it ends its block in either layout.
struct Layout {
    /// 1-based line numbers of the lines that start a block.
    private(set) var blockStarts: Set<Int> = []
    /// Section headings: 1-based line → level (1 outermost).
    private(set) var headingLevels: [Int: Int] = [:]
    /// Titles, bylines and captions: short lines without final punctuation standing alone.
    private(set) var standalone: Set<Int> = []
    /// 1-based line → block number (increasing through the text).
    private(set) var block: [Int: Int] = [:]
    /// Table rows (`|` or tab separated) and the cells of a table copied one cell per line: a
    /// run of at least four short lines without final punctuation.
    private(set) var tableLines: Set<Int> = []

    init(lines: [String], folded: FoldedLines, range: Range<Int>) {
        guard !range.isEmpty else { return }
        headingLevels = Self.headingLevels(lines, folded: folded, in: range)
        let lengths = range.map { lines[$0].count }.filter { $0 >= 20 }.sorted()
        let typical = lengths.isEmpty ? 80 : lengths[min(lengths.count - 1, lengths.count * 3 / 4)]
        let linePerParagraph = typical > 160
        // Some files leave a blank line after every line: there one blank line separates nothing.
        // (Lines wrapped inside sentences, most not ending like one.) Where each line is a
        // paragraph, a blank line between them is a paragraph break as usual.
        let filled = range.filter { !lines[$0].isEmpty }
        let gaps = zip(filled, filled.dropFirst()).filter { $1 - $0 == 2 }
        let open = gaps.filter { !Self.endsLikeSentence(lines[$0.0]) }.count
        let doubleSpaced =
            !linePerParagraph && filled.count > 4 && gaps.count * 5 >= (filled.count - 1) * 3 && open * 2 >= gaps.count
        var previousEnds = true
        var current = 0
        for i in range {
            let line = lines[i]
            if line.isEmpty {
                let single =
                    i > range.lowerBound && i + 1 < range.upperBound && !lines[i - 1].isEmpty
                    && !lines[i + 1].isEmpty
                if !(doubleSpaced && single) { previousEnds = true }
                continue
            }
            let n = i + 1
            let starts =
                previousEnds || headingLevels[n] != nil || Self.opensItem(line, folded, i)
                || Self.isTableRow(line)
            if starts {
                blockStarts.insert(n)
                current += 1
            }
            block[n] = current
            let next = ((i + 1)..<range.upperBound).first { !lines[$0].isEmpty }
            previousEnds = Self.endsBlock(
                line, next: next.map { lines[$0] }, typical: typical, linePerParagraph: linePerParagraph,
                isHeading: headingLevels[n] != nil)
            if previousEnds, !Self.endsLikeSentence(line), next != nil, line.count < 160 {
                standalone.insert(n)
            }
            if Self.isTableRow(line) { tableLines.insert(n) }
        }
        var run: [Int] = []
        func closeRun() {
            if run.count >= 4 { tableLines.formUnion(run) }
            run = []
        }
        for i in range where !lines[i].isEmpty {
            let line = lines[i]
            if line.count <= 40, !line.hasSuffix("."), !line.hasSuffix(";"), !Self.opensItem(line, folded, i) {
                run.append(i + 1)
            } else {
                closeRun()
            }
        }
        closeRun()
    }

    /// The block of a 1-based line (0 before the first).
    func blockOf(line: Int) -> Int { block[line] ?? 0 }

    // MARK: Line classes

    static func endsLikeSentence(_ line: String) -> Bool {
        guard let last = line.unicodeScalars.last else { return false }
        return ".!?;:,".unicodeScalars.contains(last) || last == "…"
    }

    /// Whether the block ends after `line`.
    static func endsBlock(
        _ line: String, next: String?, typical: Int, linePerParagraph: Bool, isHeading: Bool
    )
        -> Bool
    {
        guard let next else { return true }
        if isHeading || isTableRow(line) || isTableRow(next) { return true }
        let last = line.unicodeScalars.last!
        // A list or clause goes on over the break.
        if ",;(-–/".unicodeScalars.contains(last) { return false }
        if last == ":" { return true }
        let nextOpens = opensUnit(next)
        if !nextOpens { return false }
        if linePerParagraph { return true }
        if ".!?".unicodeScalars.contains(last) || last == "…" {
            return line.count < typical * 4 / 5
        }
        // No final punctuation: a title, byline or caption when short or upper case.
        return line.count < typical * 7 / 10 || TextTools.upperShare(line) > 0.9
    }

    /// A line that starts with a capital, a digit, a bullet or an opening quote or bracket.
    static func opensUnit(_ line: String) -> Bool {
        guard let f = line.unicodeScalars.first(where: { $0 != " " }) else { return false }
        if let l = Vietnamese.letter(f) { return l.isUpper }
        return !(f == "," || f == ";" || f == "." || f == ")")
    }

    static func isTableRow(_ line: String) -> Bool {
        line.utf8.filter { $0 == 0x7C }.count >= 2 || line.utf8.contains(0x09)
    }

    static let bullets: Set<Unicode.Scalar> = ["-", "+", "•", "*", "–", "—", "·", "▪", "●", "○", "◦", "✓"]

    /// A bullet or an enumerator opens the line (`folded[i]` is made only for a possible enumerator).
    static func opensItem(_ line: String, _ folded: FoldedLines, _ i: Int) -> Bool {
        guard let f = line.unicodeScalars.first else { return false }
        if bullets.contains(f) { return true }
        return DirectiveParser.mayBeEnumerated(line) && folded[i].firstMatch(DirectiveParser.enumerated) != nil
    }

    /// Section headings: an enumerated line (`III.`, `1.`, `2.1`, `a)`) that ends with a colon,
    /// or ends without punctuation and is followed by another item; upper-case lines too.
    static func headingLevels(_ lines: [String], folded: FoldedLines, in range: Range<Int>) -> [Int: Int] {
        var out: [Int: Int] = [:]
        for i in range {
            let t = lines[i]
            guard !t.isEmpty, t.count < 160 else { continue }
            guard DirectiveParser.mayBeEnumerated(t), case let f = folded[i],
                let m = f.firstMatch(DirectiveParser.enumerated)
            else {
                if TextTools.upperShare(t) > 0.9, t.count > 8 { out[i + 1] = 1 }
                continue
            }
            let level =
                m.range(at: 1).location != NSNotFound
                ? 1
                : m.range(at: 2).location != NSNotFound
                    ? (f.text(m.range(at: 2))!.contains(".") ? 3 : 2) : 4
            let last = t.last!
            if last == ":" {
                out[i + 1] = level
            } else if !".;,".contains(last) {
                let n = ((i + 1)..<min(lines.count, i + 4)).first { !lines[$0].isEmpty }
                let next = n.map { lines[$0] } ?? ""
                if next.isEmpty
                    || (DirectiveParser.mayBeEnumerated(next)
                        && folded[n!].firstMatch(DirectiveParser.enumerated) != nil)
                    || "-+•".contains(next.first!) || TextTools.upperShare(t) > 0.9
                {
                    out[i + 1] = level
                }
            }
        }
        return out
    }
}
