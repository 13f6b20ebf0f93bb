import CongVanCore

/// Abbreviations as the corpus writes them (`QĐ`, `HĐND`, `BCĐ`, `TTg`), to restore the letters
/// of document codes (`263/QP-TTg` → `263/QĐ-TTg`) without touching codes it does not know.
public struct AbbreviationTable: Sendable {
    /// Most frequent spelling and its count, by ASCII skeleton in lower case.
    let bySkeleton: [String: (form: String, count: Int)]
    /// Spelling counts of letter runs (`QĐ`, `QD`).
    public let counts: [String: Int]
    /// Whole code shapes with digits masked (`#/QĐ-TTg`): the context that tells `QĐ` from `QP`.
    public let patterns: [String: Int]
    let bestPattern: [String: (form: String, count: Int)]
    /// A spelling must have been seen this often to be written into a code…
    static let minCount = 3
    /// …and this many times more often than the input's own spelling.
    static let dominance = 5

    public init(counts: [String: Int], patterns: [String: Int] = [:]) {
        self.counts = counts.filter { $0.value >= Self.minCount }
        self.patterns = patterns.filter { $0.value >= Self.minCount }
        bySkeleton = Self.best(self.counts)
        bestPattern = Self.best(self.patterns)
    }

    static func best(_ counts: [String: Int]) -> [String: (form: String, count: Int)] {
        var best: [String: (form: String, count: Int)] = [:]
        for (form, c) in counts {
            let key = Vietnamese.foldKey(form)
            if c > best[key]?.count ?? 0 { best[key] = (form, c) }
        }
        return best
    }

    /// Letters that English OCR produces for `Đ`.
    static let dLookalikes: Set<Unicode.Scalar> = ["P", "p", "B", "b", "D", "d"]
    /// Stripped text only loses the stroke.
    static let dStripped: Set<Unicode.Scalar> = ["D", "d"]

    /// A whole code with its abbreviations restored (`263/QP-TTg` → `263/QĐ-TTg`), or nil.
    func restoreCode(_ code: String, garbled: Bool) -> String? {
        let scalars = Array(code.unicodeScalars)
        let shape = Self.pattern(scalars[...])
        if let hit = lookup(shape, in: bestPattern, counts: patterns, garbled: garbled), hit != shape {
            // Write the pattern's letters back over the code, keeping its digits.
            var out = UTF8Writer(capacity: code.utf8.count)
            var pattern = Array(hit.unicodeScalars)[...]
            var i = 0
            while i < scalars.count {
                if Tokenizer.isDigit(scalars[i]) {
                    while i < scalars.count && Tokenizer.isDigit(scalars[i]) {
                        out.append(scalars[i])
                        i += 1
                    }
                    pattern = pattern.dropFirst()  // the '#'
                } else {
                    out.append(pattern.first ?? scalars[i])
                    pattern = pattern.dropFirst()
                    i += 1
                }
            }
            return out.string
        }
        return nil
    }

    /// Digits masked: `03/2022/NQ-HĐND` → `#/#/NQ-HĐND`.
    static func pattern(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var out = UTF8Writer(capacity: s.count)
        var inDigits = false
        for c in s {
            if Tokenizer.isDigit(c) {
                if !inDigits { out.append("#") }
                inDigits = true
            } else {
                out.append(c)
                inDigits = false
            }
        }
        return out.string
    }

    /// The corpus spelling of an abbreviation read from a code, or nil to leave it as it is.
    /// Accepts a changed letter only where `Đ` was read as a look-alike.
    func restore(_ run: String, garbled: Bool) -> String? {
        // Every cut of the run is tried below: a run longer than any abbreviation would cost its
        // length squared.
        guard run.unicodeScalars.count >= 2, run.unicodeScalars.count <= Self.longestAbbreviation else { return nil }
        if let hit = lookup(run, in: bySkeleton, counts: counts, garbled: garbled) { return hit == run ? nil : hit }
        guard counts[run] == nil else { return nil }
        // Two known abbreviations written together (BCDTW = BCĐ + TW).
        let scalars = Array(run.unicodeScalars)
        var best: (String, Int)? = nil
        for cut in 2..<max(2, scalars.count - 1) where scalars.count >= 4 {
            let left = UTF8Writer.string(scalars[..<cut])
            let right = UTF8Writer.string(scalars[cut...])
            let l = lookup(left, in: bySkeleton, counts: counts, garbled: garbled) ?? (counts[left] != nil ? left : nil)
            let r =
                lookup(right, in: bySkeleton, counts: counts, garbled: garbled) ?? (counts[right] != nil ? right : nil)
            guard let l, let r else { continue }
            let score = min(counts[l] ?? 0, counts[r] ?? 0)
            if score > best?.1 ?? 0 { best = (l + r, score) }
        }
        if let (form, _) = best, form != run, form.contains("Đ") { return form }
        return nil
    }

    /// The dominant known spelling with the same skeleton, trying `Đ` for each look-alike
    /// letter; nil when none dominates the input's own spelling.
    func lookup(
        _ run: String, in best: [String: (form: String, count: Int)], counts: [String: Int], garbled: Bool
    ) -> String? {
        guard let top = Self.topSpelling(run, in: best, garbled: garbled) else { return nil }
        let own = counts[run] ?? 0
        return top.count >= Self.dominance * max(own, 1) || top.form == run ? top.form : nil
    }

    /// The most frequent spelling in `best` that differs from `run` at most by `Đ` where `run`
    /// has a look-alike of it (`D`; in garble also `P`, `B`), or nil if there is none. With a
    /// `misreadPenalty`, a spelling's count is divided by it for each `Đ` it reads in place of a
    /// letter other than `D` (a misread letter is less likely than a lost stroke).
    static func topSpelling(
        _ run: String, in best: [String: (form: String, count: Int)], garbled: Bool, misreadPenalty: Int = 1
    ) -> (form: String, count: Int)? {
        let lookalikes = garbled ? Self.dLookalikes : Self.dStripped
        let scalars = Array(run.unicodeScalars)
        let positions = scalars.indices.filter { lookalikes.contains(scalars[$0]) }.prefix(4)
        var top: (form: String, count: Int)? = nil
        var topScore = 0.0
        for mask in 0..<(1 << positions.count) {
            var variant = scalars
            for (bit, pos) in positions.enumerated() where mask & (1 << bit) != 0 { variant[pos] = "D" }
            let key = Vietnamese.foldKey(UTF8Writer.string(variant))
            guard let hit = best[key] else { continue }
            let hitScalars = Array(hit.form.unicodeScalars)
            guard hitScalars.count == scalars.count else { continue }
            // Only Đ may differ from the input's own letters.
            let compatible = zip(hitScalars, scalars).allSatisfy { h, s in
                h == s || (h == "Đ" && lookalikes.contains(s))
            }
            guard compatible else { continue }
            var score = Double(hit.count)
            if misreadPenalty > 1 {
                for (h, s) in zip(hitScalars, scalars) where h == "Đ" && s != "D" && s != "d" {
                    score /= Double(misreadPenalty)
                }
            }
            if score > topScore {
                top = hit
                topScore = score
            }
        }
        return top
    }

    // MARK: Lexicon sections

    public func write(into w: inout ByteWriter) {
        CountTables.write([counts, patterns], into: &w)
    }

    static func read(_ raw: UnsafeRawBufferPointer) throws(CoreError) -> AbbreviationTable {
        let tables = try CountTables.read(raw, tables: 2)
        return AbbreviationTable(counts: tables[0], patterns: tables[1])
    }

    /// Collects abbreviation spellings from a line: code segments, whole code shapes, and
    /// all-capital words that are not syllables.
    public static func collect(_ line: TokenizedLine, runs: inout [String: Int], patterns: inout [String: Int]) {
        let scalars = line.scalars
        for p in line.pieces where p.kind == .code || p.kind == .word {
            let piece = scalars[p.start..<p.end]
            if p.kind == .code { patterns[pattern(piece), default: 0] += 1 }
            for run in letterRuns(piece) where run.count >= 2 {
                let uppers = run.filter { Tokenizer.isUpper($0) }.count
                guard uppers >= 2 else { continue }
                let s = UTF8Writer.string(run)
                if p.kind == .word && (uppers != run.count || SyllableGrammar.isValid(s)) { continue }
                // Abbreviations are initials: ASCII letters and Đ, never marked vowels.
                guard run.allSatisfy({ $0.value < 128 || $0 == "Đ" || $0 == "đ" }) else { continue }
                runs[s, default: 0] += 1
            }
        }
    }

    /// Longer letter runs are no abbreviation (the corpus's longest are about a dozen letters).
    static let longestAbbreviation = 24

    /// What English OCR reads for a slash between two letters.
    static let slashLookalikes: Set<Unicode.Scalar> = ["I", "l", "i", "1", "|", "!"]

    /// A code whose slash OCR read as a letter (`VIV`, `Viv` for `V/v`): the corpus spelling of
    /// the one code shape the token gives with a slash in place of a look-alike, letters
    /// compared without case (`v` and `V` differ only in size); nil if none or several.
    func slashCode(_ token: ArraySlice<Unicode.Scalar>) -> String? {
        guard token.count >= 3, token.count <= 12 else { return nil }
        var found: String? = nil
        for i in token.indices.dropFirst().dropLast() where Self.slashLookalikes.contains(token[i]) {
            let left = token[..<i]
            let right = token[(i + 1)...]
            guard left.allSatisfy(Tokenizer.isLetter), right.allSatisfy(Tokenizer.isLetter) else { continue }
            let variant = UTF8Writer.string(left) + "/" + UTF8Writer.string(right)
            guard let hit = bestPattern[Vietnamese.foldKey(variant)] else { continue }
            if found != nil && found != hit.form { return nil }
            found = hit.form
        }
        return found
    }

    /// Maximal runs of letters inside a code (`03/2022/NQ-HĐND` → NQ, HĐND).
    static func letterRuns(_ s: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
        var out: [ArraySlice<Unicode.Scalar>] = []
        var start: Int? = nil
        for i in s.indices {
            if Tokenizer.isLetter(s[i]) {
                if start == nil { start = i }
            } else if let st = start {
                out.append(s[st..<i])
                start = nil
            }
        }
        if let st = start { out.append(s[st..<s.endIndex]) }
        return out
    }
}
