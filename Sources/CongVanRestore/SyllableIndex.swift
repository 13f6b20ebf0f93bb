import CongVanCore

/// The syllables the language model knows, indexed for candidate search: a trie over their
/// ASCII skeletons (`được` → `duoc`), each skeleton listing the syllables that share it.
struct SyllableIndex: Sendable {
    struct Node: Sendable {
        /// Child per ASCII letter: (letter, node index).
        var children: [(UInt8, Int32)] = []
        /// Vocabulary ids of the syllables whose skeleton ends here.
        var words: [UInt16] = []
    }

    var nodes: [Node] = [Node()]
    /// Lower-case scalars of each vocabulary word (empty for specials).
    let spellings: [[Unicode.Scalar]]
    /// The same as `Symbols` codes, for the channel's inner loop.
    let spellingCodes: [[UInt8]]
    /// The other tone-mark placement of each syllable that has one (`khóa` → `khoá`), as codes:
    /// a scan may use either, and the channel sees the difference.
    let otherPlacementCodes: [[UInt8]?]
    /// Whether each vocabulary word is a valid syllable.
    let isSyllable: [Bool]
    /// Abbreviations the model knows (`hđnd`), by ASCII skeleton.
    let abbreviations: [String: [UInt16]]
    /// Per node, half the log unigram probability of its commonest syllable (0 for inner nodes).
    var nodePrior: [Float] = []

    init(languageModel lm: LanguageModel) {
        self.init(vocabulary: lm.vocabulary)
        nodePrior = nodes.map { node in 0.5 * (node.words.map { lm.logProb($0) }.max() ?? 0) }
    }

    init(vocabulary: Vocabulary) {
        var spellings: [[Unicode.Scalar]] = []
        var isSyllable: [Bool] = []
        var abbreviations: [String: [UInt16]] = [:]
        for (i, w) in vocabulary.words.enumerated() {
            let special = i < LMToken.specials.count
            spellings.append(special ? [] : Array(w.unicodeScalars))
            let valid = !special && vocabulary.isSyllable[i]
            isSyllable.append(valid)
            if !special && !valid { abbreviations[Vietnamese.foldKey(w), default: []].append(UInt16(i)) }
        }
        self.spellings = spellings
        spellingCodes = spellings.map(Symbols.codes)
        otherPlacementCodes = spellings.enumerated().map { i, s in
            // Only syllables ending in o/u + a/e/y (no coda) can have two placements.
            guard isSyllable[i], s.count >= 2,
                  "oeuy".unicodeScalars.contains(Vietnamese.asciiBase(s[s.count - 2])),
                  "aey".unicodeScalars.contains(Vietnamese.asciiBase(s[s.count - 1])) else { return nil }
            return SyllableGrammar.otherPlacement(s).map(Symbols.codes)
        }
        self.isSyllable = isSyllable
        self.abbreviations = abbreviations
        for (i, valid) in isSyllable.enumerated() where valid {
            insert(Array(Vietnamese.foldKey(vocabulary.words[i]).utf8), id: UInt16(i))
        }
    }

    /// The node whose skeleton is exactly `skeleton` (ASCII, lower case), if syllables end there.
    func node(forSkeleton skeleton: String) -> Int? {
        var node = 0
        for c in skeleton.utf8 {
            guard let next = nodes[node].children.first(where: { $0.0 == c }) else { return nil }
            node = Int(next.1)
        }
        return nodes[node].words.isEmpty ? nil : node
    }

    private mutating func insert(_ key: [UInt8], id: UInt16) {
        var node = 0
        for c in key {
            if let next = nodes[node].children.first(where: { $0.0 == c })?.1 {
                node = Int(next)
            } else {
                nodes.append(Node())
                nodes[node].children.append((c, Int32(nodes.count - 1)))
                node = nodes.count - 1
            }
        }
        nodes[node].words.append(id)
    }
}
