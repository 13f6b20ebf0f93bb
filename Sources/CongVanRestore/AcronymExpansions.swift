import CongVanCore

/// Acronyms the language model does not know, read by it as the words they stand for.
///
/// `NTM` is in every New Rural Development directive but not in the legal corpus, so to the model
/// it is `<unk>`, and the word after it has no context (`NTM tỉnh` became `NTM tính`). Read as
/// `nông thôn mới`, the same position gets the statistics of the written-out phrase. Expansions
/// come from definitions in the training text, `nông thôn mới (NTM)`: an all-capital word of
/// three letters or more (two are too ambiguous: `ĐT`) in brackets after as many words as it has
/// letters, whose initials they are, seen at least twice.
public struct AcronymExpansions: Sendable {
    public static let section = LexiconSection.acronyms
    /// Definitions needed before an expansion is trusted.
    static let minCount = 2
    /// Word ids of each expansion, by the acronym as written (`NTM`).
    public let expansions: [String: [UInt16]]

    public init(expansions: [String: [UInt16]] = [:]) { self.expansions = expansions }

    /// The words `acronym` stands for, if the model does not know it but knows them.
    func expansion(of acronym: String) -> [UInt16]? { expansions[acronym] }

    // MARK: Building

    /// Counts the definitions in `line` (acronym → written-out words → occurrences).
    public static func collect(_ line: TokenizedLine, into counts: inout [String: [String: Int]]) {
        let (scalars, pieces) = (line.scalars, line.pieces)
        for (i, p) in pieces.enumerated() where p.kind == .word {
            let letters = scalars[p.start..<p.end]
            let k = letters.count
            guard k >= 3, k <= 8, i >= k, letters.allSatisfy(Tokenizer.isUpper),
                p.start > 0, scalars[p.start - 1] == "(", p.end < scalars.count, scalars[p.end] == ")"
            else { continue }
            let words = pieces[(i - k)..<i]
            guard words.allSatisfy({ $0.kind == .word }),
                !words.dropLast().contains(where: { $0.breakAfter || $0.commaAfter }),
                zip(words, letters).allSatisfy({ w, a in
                    Vietnamese.foldKey(String(scalars[w.start])) == Vietnamese.foldKey(String(a))
                })
            else { continue }
            let expansion = words.map { LMToken.wordKey(scalars[$0.start..<$0.end]) }.joined(separator: " ")
            counts[String(String.UnicodeScalarView(letters)), default: [:]][expansion, default: 0] += 1
        }
    }

    /// Each acronym's most frequent expansion, for acronyms outside the vocabulary whose
    /// expansion's words are all in it.
    public init(counts: [String: [String: Int]], vocabulary: Vocabulary) {
        var out: [String: [UInt16]] = [:]
        for (acronym, forms) in counts where vocabulary.id(of: Vietnamese.lowercase(acronym)) == LMToken.unknown {
            guard let best = forms.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }),
                best.value >= Self.minCount
            else { continue }
            let ids = best.key.split(separator: " ").map { vocabulary.id(of: String($0)) }
            if !ids.contains(LMToken.unknown) { out[acronym] = ids }
        }
        expansions = out
    }

    public func write(into w: inout ByteWriter) {
        w.append(UInt32(expansions.count))
        for (acronym, ids) in expansions.sorted(by: { $0.key < $1.key }) {
            w.append(acronym)
            w.append(UInt32(ids.count))
            for id in ids { w.append(id) }
        }
    }

    static func read(_ raw: UnsafeRawBufferPointer) throws(CoreError) -> AcronymExpansions {
        var r = ByteReader(raw)
        var out: [String: [UInt16]] = [:]
        for _ in 0..<(try r.read(UInt32.self)) {
            let acronym = try r.readString()
            var ids: [UInt16] = []
            for _ in 0..<(try r.read(UInt32.self)) { ids.append(try r.read(UInt16.self)) }
            out[acronym] = ids
        }
        return AcronymExpansions(expansions: out)
    }
}
