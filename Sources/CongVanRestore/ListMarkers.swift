import CongVanCore

/// Lettered list items follow the Vietnamese alphabet (a) b) c) d) đ) e) g) …), which the
/// language model cannot see across items: a stripped or misread `d)` is `d)` after `c)` and
/// `đ)` after `d)`. The marker's reading is taken from its predecessor where its letter allows.
extension RestorationSession {
    static let listLetters: [Unicode.Scalar] = Array("abcdđeghiklmnopqrstuvxy".unicodeScalars)

    func orderListMarkers(_ choices: inout Choices) {
        var previous: Unicode.Scalar? = nil
        for li in lines.indices {
            guard let first = pieces[li].first, first.kind == .word, first.end - first.start == 1,
                  first.end < lines[li].count, lines[li][first.end] == ")" else { continue }
            let raw = Vietnamese.lowercase(String(lines[li][first.start]))
            var letter = raw.unicodeScalars.first!
            if let choice = choices[li].first ?? nil {
                letter = restorer.index.spellings[Int(choice.candidates[choice.chosen].id)].first ?? letter
                if let expected = Self.successor(of: previous),
                   Vietnamese.foldKey(String(expected)) == Vietnamese.foldKey(raw),
                   let k = choice.candidates.firstIndex(where: { restorer.index.spellings[Int($0.id)] == [expected] }) {
                    choices[li][0]?.chosen = k
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
