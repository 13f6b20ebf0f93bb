import CongVanCore

/// A year or a period (`2021-2025`) a statement names.
struct YearSpan: Equatable {
    var year: Int
    var start: Int?
    /// Named as a programme's or a set of criteria's period (`giai đoạn 2021-2025`).
    var period = false
}

/// Years as the body writes them.
enum YearText {
    /// The years a programme's statements can name.
    static let plausible = 1990...2100

    /// A four-digit number token that is a plausible year.
    static func year(_ t: Token) -> Int? {
        guard t.isNumber, t.text.utf8.count == 4, let y = Int(t.text), plausible.contains(y) else { return nil }
        return y
    }

    /// A year expression at `i`: `năm 2024`, `năm 2021-2025`, `giai đoạn 2021 - 2025`,
    /// `(2021-2025)`; dates (`tháng 6 năm 2020`, `10/5/2023`) count as weaker evidence of the
    /// year of an event. `so với năm 2018` compares and `nhiệm kỳ 2020-2025` names a term: neither
    /// counts. Returns the span, the index of its last year token and whether it is a date.
    static func expression(in tokens: [Token], at i: Int, limit: Int) -> (span: YearSpan, last: Int, date: Bool)? {
        let t = tokens[i]
        func range(from j: Int) -> (YearSpan, Int)? {
            guard j < limit, let y = year(tokens[j]) else { return nil }
            if j + 2 < limit, ["-", "–", "—"].contains(tokens[j + 1].text), let y2 = year(tokens[j + 2]), y2 > y {
                return (YearSpan(year: y2, start: y), j + 2)
            }
            return (YearSpan(year: y), j)
        }
        if t.key == K.nam {
            guard let (span, last) = range(from: i + 1) else { return nil }
            if i >= 2, tokens.matches(TargetLexicon.compare.keys, at: i - 2) { return nil }
            // `tháng 6 năm 2020`, `tháng 6/2020`: a date.
            let isDate = i >= 2 && tokens[i - 1].isNumber && tokens[i - 2].key == K.thang
            return (span, last, isDate)
        }
        if t.key == K.doan, i >= 1, tokens[i - 1].key == K.giai, var (span, last) = range(from: i + 1) {
            span.period = span.start != nil
            return (span, last, false)
        }
        if t.isPunct("("), let (span, last) = range(from: i + 1), span.start != nil, last + 1 < limit,
            tokens[last + 1].isPunct(")")
        {
            return (span, last, false)
        }
        // `đạt chuẩn nông thôn mới 2019`: a bare year right after a level.
        if let y = year(t), i >= 1, TargetLexicon.levelEnds.contains(tokens[i - 1].key),
            i + 1 >= limit || tokens[i + 1].kind == .punct && !tokens[i + 1].isPunct("/")
        {
            return (YearSpan(year: y), i, false)
        }
        // `10/5/2023`, `tháng 5/2023`, `tháng 6-2022`: the year of a dated event (not
        // `03/2022/NQ-HĐND`, a number).
        if let y = year(t), i >= 2,
            tokens[i - 1].isPunct("/")
                || tokens[i - 1].isPunct("-") && i >= 3
                    && tokens[i - 3].key == K.thang,
            tokens[i - 2].isNumber, tokens[i - 2].text.count <= 2,
            !(i + 1 < limit && tokens[i + 1].isPunct("/"))
        {
            return (YearSpan(year: y), i, true)
        }
        return nil
    }

    /// Every year expression in `range`, skipping the tokens of `excluded` (years that belong to
    /// a named commune) and terms of office (`nhiệm kỳ 2020-2025`).
    static func expressions(
        in tokens: [Token], _ range: Range<Int>, excluded: Set<Int> = []
    )
        -> [(position: Int, span: YearSpan, date: Bool)]
    {
        var out: [(Int, YearSpan, Bool)] = []
        var i = range.lowerBound
        // A cited document (`Quyết định số 18/QĐ-TTg ngày … ban hành quy định … giai đoạn
        // 2021-2025`): its date and its title's years are not the statement's.
        var citationEnd = range.lowerBound
        while i < range.upperBound {
            if i < citationEnd {
                i += 1
                continue
            }
            if tokens[i].key == K.so, i + 2 < range.upperBound, tokens[i + 1].isNumber,
                tokens[i + 2].isPunct("/") || tokens[i + 2].isPunct("-")
            {
                // The code, then its date (`ngày 02/8/2022`, `ngày 5 tháng 6 năm 2023`), then
                // its issuer (`của Thủ tướng Chính phủ`): when a title follows (`ban hành`, `về
                // việc`), it runs to the end of the clause.
                var end = i + 3
                while end < range.upperBound,
                    !tokens[end].spaceBefore || tokens[end].isPunct("/")
                        || tokens[end].isPunct("-")
                {
                    end += 1
                }
                if end < range.upperBound, tokens[end].key == K.ngay {
                    end += 1
                    while end < range.upperBound,
                        tokens[end].isNumber || tokens[end].isPunct("/") || tokens[end].isPunct("-")
                            || tokens[end].key == K.thang || tokens[end].key == K.nam
                    {
                        end += 1
                    }
                }
                var title = end
                if title < range.upperBound, tokens[title].key == K.cua {
                    title += 1
                    while title < min(range.upperBound, end + 8), tokens[title].isWord,
                        TargetLexicon.match(TargetLexicon.citationTitles, tokens, at: title) == nil
                    {
                        title += 1
                    }
                }
                // Only a document cited as a reference (`theo quy định tại Quyết định số …`); one
                // whose issuing the text reports (`ban hành Quyết định số … phê duyệt danh sách …
                // giai đoạn 2021-2025`) says what the statement is.
                let reference = (max(range.lowerBound, i - 4)..<i).contains {
                    TargetLexicon.referenceMarkers.contains(tokens[$0].key)
                }
                let titled = reference && TargetLexicon.match(TargetLexicon.citationTitles, tokens, at: title) != nil
                citationEnd = titled ? range.upperBound : end
                continue
            }
            if let e = expression(in: tokens, at: i, limit: range.upperBound), !excluded.contains(e.last) {
                let term = i >= 1 && (tokens[i - 1].key == K.ky || tokens[i - 1].key == K.khoa)
                if !term { out.append((i, e.span, e.date)) }
                i = e.last + 1
                continue
            }
            i += 1
        }
        return out
    }

    /// The first year a line of text names (`Năm 2023, Yên Sơn có thêm…`), for titles and headings.
    static func first(in text: String) -> YearSpan? {
        let tokens = Tokenizer.tokenize(lines: [text])
        return expressions(in: tokens, 0..<tokens.count).first { !$0.date }?.span
    }
}
