import CongVanCore

/// Plan figures from a results table whose columns are `TH` (done) and `KH` (plan) years:
/// each row's value in the plan column becomes a target.
enum TableTargets {
    static func extract(lines: [String]) -> [Target] {
        var out: [Target] = []
        var i = 0
        while i < lines.count {
            guard TextTools.containsASCII(lines[i], "KH") else {
                i += 1
                continue
            }
            let labels = lines[i].split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "-" }).map {
                Vietnamese.fold(String($0))
            }
            let columns = labels.filter { $0 == "TH" || $0 == "KH" }
            guard columns.count >= 2, let plan = columns.lastIndex(of: "KH") else {
                i += 1
                continue
            }
            // Column years on the header line or the next non-empty one.
            var years = yearsAtEnd(lines[i], count: columns.count)
            var rowStart = i + 1
            if years == nil,
                let n = (i + 1..<min(lines.count, i + 3)).first(where: { !TextTools.trim(lines[$0]).isEmpty })
            {
                years = yearsAtEnd(lines[n], count: columns.count)
                if years != nil { rowStart = n + 1 }
            }
            let planYear = years.map { $0[plan] }
            var misses = 0
            var r = rowStart
            // Rows with fewer figures than columns are skipped (which cell is blank cannot be
            // told); the table ends after a few lines without figures.
            while r < lines.count, misses < 4 {
                if let t = row(lines[r], line: r + 1, columns: columns.count, plan: plan, year: planYear) {
                    out.append(t)
                    misses = 0
                } else if !TextTools.trim(lines[r]).isEmpty, !endsWithNumber(lines[r]) {
                    misses += 1
                }
                r += 1
            }
            i = r
        }
        return out
    }

    /// The last `count` tokens of a line when they are all years (an OCR slip in one is tolerated
    /// when the others are years: `4015 2018 2019 2020`).
    static func yearsAtEnd(_ line: String, count: Int) -> [Int]? {
        let nums = line.split(whereSeparator: { $0 == " " || $0 == "|" }).suffix(count).compactMap { Int($0) }
        guard nums.count == count, nums.allSatisfy({ (1000...9999).contains($0) }),
            nums.filter({ (1990...2100).contains($0) }).count >= count - 1
        else { return nil }
        return nums
    }

    static func endsWithNumber(_ line: String) -> Bool {
        line.split(separator: " ").last.map { Quantity.number(String($0)) != nil } ?? false
    }

    static func row(_ text: String, line: Int, columns: Int, plan: Int, year: Int?) -> Target? {
        let tokens = Tokenizer.tokenize(lines: [text], firstLine: line)
        var end = tokens.count
        var values: [Double] = []
        while end > 0, tokens[end - 1].isNumber, let v = Quantity.number(tokens[end - 1].text) {
            values.insert(v, at: 0)
            end -= 1
        }
        guard values.count >= columns else { return nil }
        values = Array(values.suffix(columns))
        // Label: after the row number, before the unit column.
        var start = 0
        while start < end, tokens[start].isNumber || tokens[start].kind == .punct { start += 1 }
        var unit: String?
        if end > start,
            let u = TargetLexicon.match(TargetLexicon.entityUnits + TargetLexicon.measureUnits, tokens, at: end - 1),
            u.keys.count == 1
        {
            unit = Vietnamese.lowercase(tokens[end - 1].text)
            end -= 1
        }
        while end > start, tokens[end - 1].kind == .punct { end -= 1 }
        guard end > start else { return nil }
        let label = tokens.text(start..<end)
        return Target(
            quantity: values[plan], unit: unit, indicator: label, year: year,
            sentence: Vietnamese.squeezeSpaces(text), line: line)
    }
}
