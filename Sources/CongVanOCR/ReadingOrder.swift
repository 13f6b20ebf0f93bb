import CongVanCore

/// Puts a page's lines in reading order from their boxes alone.
///
/// Vietnamese letters set blocks side by side (issuer | national motto, "Nơi nhận" | signature);
/// Tesseract reads such a row as one line or interleaves the two blocks line by line. Here:
/// 1. lines are cut where a horizontal gap is far wider than word spacing (a column gutter);
/// 2. pieces that are vertically close and overlap horizontally form blocks;
/// 3. blocks are ordered by recursive XY-cut: split into bands at horizontal gaps (top to bottom),
///    split a band into columns at vertical gaps (left to right), recurse; a left block is thus
///    read before the block beside it, and bands separated by space keep their order.
public enum ReadingOrder {
    /// A gap wider than this many median line heights separates columns...
    static let gutterPerLineHeight = 1.0
    /// ...and also wider than this many median word gaps.
    static let gutterPerWordGap = 4.0
    /// Pieces closer vertically than this many line heights can share a block.
    static let blockJoinPerLineHeight = 0.8
    /// A mark without letters or digits below this confidence...
    static let speckConfidence: Float = 70
    /// ...and further than this many median word gaps from both neighbours is dropped.
    static let speckGapPerWordGap = 1.2
    /// Pieces share a block only if they overlap horizontally by this much of the narrower one.
    static let minSharedWidth = 0.5
    /// Blocks overlapping vertically by less than this many line heights are still separate bands.
    static let bandOverlapPerLineHeight = 0.25

    /// `lines` (any order, as Tesseract gives them) rearranged in reading order, cut at gutters,
    /// with `block` numbered 0, 1, … in reading order.
    public static func arrange(_ lines: [OCRLine]) -> [OCRLine] {
        let textLines = lines.filter { !$0.words.isEmpty }
        guard !textLines.isEmpty else { return [] }
        let lineHeight = median(textLines.map { Double($0.box.height) })
        let rows = textLines.compactMap { dropRules($0, lineHeight: lineHeight) }
        guard !rows.isEmpty else { return [] }
        let gap = wordGap(rows)
        let gutter = max(gutterPerLineHeight * lineHeight, gutterPerWordGap * gap, 1)
        let pieces = rows.map { dropSpecks($0, wordGap: gap) }.flatMap { split($0, gutter: gutter) }
        let blocks = group(pieces, lineHeight: lineHeight)
        var out: [OCRLine] = []
        let slack = Int(bandOverlapPerLineHeight * lineHeight)
        for (index, block) in xyCut(blocks, slack: slack).enumerated() {
            for var line in block.lines {
                line.block = index
                out.append(line)
            }
        }
        return out
    }

    /// The line without "words" that are drawn rules (the short line under an issuer's name or the
    /// motto): no letter or digit, and wider than a line is high. They are not text, and they
    /// would glue the blocks above and below them together.
    static func dropRules(_ line: OCRLine, lineHeight: Double) -> OCRLine? {
        let words = line.words.filter { word in
            let isRule = Double(word.box.width) > lineHeight && !hasLetterOrDigit(word)
            return !isRule
        }
        if words.isEmpty { return nil }
        if words.count == line.words.count { return line }
        return OCRLine(words: words, box: union(words.map(\.box)), block: line.block)
    }

    /// Median horizontal gap between neighbouring words of a line.
    static func wordGap(_ lines: [OCRLine]) -> Double {
        var gaps: [Double] = []
        for line in lines {
            let words = line.words.sorted { $0.box.x < $1.box.x }
            for (a, b) in zip(words, words.dropFirst()) {
                gaps.append(Double(b.box.x - (a.box.x + a.box.width)))
            }
        }
        return gaps.isEmpty ? 0 : median(gaps)
    }

    /// The line cut at every gap of at least `gutter` pixels; each piece gets its own box.
    static func split(_ line: OCRLine, gutter: Double) -> [OCRLine] {
        let words = line.words.sorted { $0.box.x < $1.box.x }
        var pieces: [[OCRWord]] = [[]]
        var rightEdge = Int.min
        for word in words {
            if !pieces[pieces.count - 1].isEmpty, Double(word.box.x - rightEdge) >= gutter {
                pieces.append([])
            }
            pieces[pieces.count - 1].append(word)
            rightEdge = max(rightEdge, word.box.x + word.box.width)
        }
        if pieces.count == 1 { return [OCRLine(words: words, box: line.box, block: line.block)] }
        return pieces.map { OCRLine(words: $0, box: union($0.map(\.box)), block: line.block) }
    }

    /// The line without specks: marks with no letter or digit that Tesseract doubts and that stand
    /// apart from both neighbours (a speck in a column gutter would otherwise bridge it).
    static func dropSpecks(_ line: OCRLine, wordGap: Double) -> OCRLine {
        let words = line.words.sorted { $0.box.x < $1.box.x }
        var kept: [OCRWord] = []
        for (i, word) in words.enumerated() {
            if !hasLetterOrDigit(word), word.confidence < speckConfidence {
                let left = i > 0 ? Double(word.box.x - (words[i - 1].box.x + words[i - 1].box.width)) : .infinity
                let right = i + 1 < words.count ? Double(words[i + 1].box.x - (word.box.x + word.box.width)) : .infinity
                if min(left, right) > speckGapPerWordGap * wordGap { continue }
            }
            kept.append(word)
        }
        if kept.count == words.count || kept.isEmpty { return line }
        return OCRLine(words: kept, box: union(kept.map(\.box)), block: line.block)
    }

    static func hasLetterOrDigit(_ word: OCRWord) -> Bool {
        word.text.unicodeScalars.contains { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    struct Block {
        var lines: [OCRLine]
        var box: PixelBox
    }

    /// Union-find of pieces that overlap horizontally and are less than a fraction of a line
    /// height apart vertically; each block's lines top to bottom.
    static func group(_ pieces: [OCRLine], lineHeight: Double) -> [Block] {
        var parent = Array(pieces.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        let maxGap = blockJoinPerLineHeight * lineHeight
        for i in pieces.indices {
            for j in pieces.indices where j > i {
                let a = pieces[i].box
                let b = pieces[j].box
                // Half the narrower piece: a stamp or seal touching a block's corner stays apart.
                let shared = overlap(a.x, a.x + a.width, b.x, b.x + b.width)
                guard Double(shared) >= minSharedWidth * Double(min(a.width, b.width)) else { continue }
                let gap = max(b.y - (a.y + a.height), a.y - (b.y + b.height))
                // Overlapping rows are one text line that the gutter split, or overprinting.
                if Double(gap) < maxGap { parent[root(i)] = root(j) }
            }
        }
        var members: [Int: [OCRLine]] = [:]
        var order: [Int] = []
        for i in pieces.indices {
            let r = root(i)
            if members[r] == nil { order.append(r) }
            members[r, default: []].append(pieces[i])
        }
        return order.map { r in
            let lines = rowOrder(members[r]!)
            return Block(lines: lines, box: union(lines.map(\.box)))
        }
    }

    /// Lines top to bottom; lines sharing a row (overlapping by half the lower one's height) left
    /// to right, so the pieces of one cut line keep their order even if one sits a little higher.
    static func rowOrder(_ lines: [OCRLine]) -> [OCRLine] {
        let sorted = lines.sorted { $0.box.y + $0.box.height / 2 < $1.box.y + $1.box.height / 2 }
        var rows: [[OCRLine]] = []
        for line in sorted {
            if let last = rows.last?.last {
                let shared = overlap(last.box.y, last.box.y + last.box.height, line.box.y, line.box.y + line.box.height)
                if Double(shared) >= 0.5 * Double(min(last.box.height, line.box.height)) {
                    rows[rows.count - 1].append(line)
                    continue
                }
            }
            rows.append([line])
        }
        return rows.flatMap { $0.sorted { $0.box.x < $1.box.x } }
    }

    /// Blocks in reading order: bands at horizontal gaps top to bottom, then columns at vertical
    /// gaps left to right, recursively; where neither cut exists, top to bottom.
    /// `slack`: vertical overlap that does not join bands (descenders, a stamp's edge).
    static func xyCut(_ blocks: [Block], slack: Int) -> [Block] {
        guard blocks.count > 1 else { return blocks }
        let bands = partition(blocks, start: { $0.box.y }, end: { $0.box.y + $0.box.height - slack })
        if bands.count > 1 { return bands.flatMap { xyCut($0, slack: slack) } }
        let columns = partition(blocks, start: { $0.box.x }, end: { $0.box.x + $0.box.width })
        if columns.count > 1 { return columns.flatMap { xyCut($0, slack: slack) } }
        return blocks.sorted { ($0.box.y, $0.box.x) < ($1.box.y, $1.box.x) }
    }

    /// Splits items into runs whose [start, end) intervals chain into each other, in order of start.
    static func partition(_ blocks: [Block], start: (Block) -> Int, end: (Block) -> Int) -> [[Block]] {
        let sorted = blocks.sorted { start($0) < start($1) }
        var groups: [[Block]] = []
        var reach = Int.min
        for block in sorted {
            if groups.isEmpty || start(block) >= reach {
                groups.append([block])
            } else {
                groups[groups.count - 1].append(block)
            }
            reach = max(reach, end(block))
        }
        return groups
    }

    static func overlap(_ a0: Int, _ a1: Int, _ b0: Int, _ b1: Int) -> Int {
        min(a1, b1) - max(a0, b0)
    }

    static func overlapArea(_ a: PixelBox, _ b: PixelBox) -> Int {
        max(0, overlap(a.x, a.x + a.width, b.x, b.x + b.width))
            * max(0, overlap(a.y, a.y + a.height, b.y, b.y + b.height))
    }

    static func union(_ boxes: [PixelBox]) -> PixelBox {
        guard let first = boxes.first else { return PixelBox(x: 0, y: 0, width: 0, height: 0) }
        var x0 = first.x
        var y0 = first.y
        var x1 = first.x + first.width
        var y1 = first.y + first.height
        for b in boxes.dropFirst() {
            x0 = min(x0, b.x)
            y0 = min(y0, b.y)
            x1 = max(x1, b.x + b.width)
            y1 = max(y1, b.y + b.height)
        }
        return PixelBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
