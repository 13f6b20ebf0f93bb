import CongVanCore

/// Lettered list items follow the Vietnamese alphabet (a) b) c) d) đ) e) g) …), which the
/// language model cannot see across items: a stripped or misread `d)` is `d)` after `c)` and
/// `đ)` after `d)`. The marker's reading is taken from its predecessor where its letter allows.
extension RestorationSession {
    static let listLetters: [Unicode.Scalar] = Array("abcdđeghiklmnopqrstuvxy".unicodeScalars)

    /// A line's first piece, one or two characters followed by `)`: an item marker (`a)`, and
    /// in garble `d)` or `bp)` for `đ)` and `b)`).
    func isListMarker(_ li: Int, _ pi: Int) -> Bool {
        guard pi == 0, let p = pieces[li].first, p.kind == .word, p.end - p.start <= 2 else { return false }
        return p.end < lines[li].count && lines[li][p.end] == ")"
    }

    /// In garble a marker is read as a letter of the list alphabet (or, one character, left as
    /// it is): its letter readings, and the letters its first character may stand for (`d` → d,
    /// đ; `bp` → b with `p` for debris), scored by the channel on the whole observation.
    func markerReadings(_ candidates: [ScoredCandidate], key: String) -> [ScoredCandidate] {
        guard let first = key.unicodeScalars.first else { return candidates }
        let vocabulary = restorer.lm.vocabulary
        let observed = Symbols.codes(key.unicodeScalars)
        let single = Symbols.codes([first])
        var out = candidates.filter { c in
            let s = restorer.index.spelling(c.id)
            return c.keep || s.count == 1 && Self.listLetters.contains(s[s.startIndex])
        }
        for letter in Self.listLetters where Vietnamese.foldKey(String(letter)) == Vietnamese.foldKey(String(first)) {
            let id = vocabulary.id(of: String(letter))
            guard id != LMToken.unknown, !out.contains(where: { !$0.keep && $0.id == id }) else { continue }
            func score(_ channel: EditChannel) -> Float {
                let whole = channelScore(channel, observed, id)
                return whole > -.infinity ? whole : channelScore(channel, single, id)
            }
            out.append(
                ScoredCandidate(
                    id: id, keep: false, identical: false, stripped: key.unicodeScalars.count == 1,
                    logVietnamese: score(restorer.vietnamese), logEnglish: score(english)))
        }
        // Two characters are no marker as they stand: keep them only if no letter explains them.
        if key.unicodeScalars.count == 2 && out.count > 1 { out.removeAll(where: \.keep) }
        return out
    }

    func orderListMarkers(_ choices: inout Choices) {
        var previous: Unicode.Scalar? = nil
        for li in lines.indices {
            guard isListMarker(li, 0), let first = pieces[li].first else { continue }
            let raw = Vietnamese.lowercase(String(lines[li][first.start]))
            var letter = raw.unicodeScalars.first!
            if let choice = choices[li].first ?? nil {
                let chosen = choices.best(choice)
                if !chosen.keep { letter = restorer.index.spelling(chosen.id).first ?? letter }
                if let expected = Self.successor(of: previous),
                    Vietnamese.foldKey(String(expected)) == Vietnamese.foldKey(raw),
                    let k = (0..<choice.count).first(where: {
                        restorer.index.spelling(choices.candidate(choice, $0).id) == [expected]
                    })
                {
                    choices.byLine[li][0]?.chosen = Int32(k)
                    letter = expected
                }
            }
            previous = letter
        }
    }

    static func successor(of letter: Unicode.Scalar?) -> Unicode.Scalar? {
        guard let letter, let i = listLetters.firstIndex(of: letter), i + 1 < listLetters.count else { return nil }
        return listLetters[i + 1]
    }
}
