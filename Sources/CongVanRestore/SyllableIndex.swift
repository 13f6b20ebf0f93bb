import CongVanCore

/// The syllables the language model knows, indexed for candidate search: a trie over their
/// ASCII skeletons (`được` → `duoc`), each skeleton listing the syllables that share it.
///
/// Everything is in flat arrays (no array per node or per word): the index is rebuilt or read
/// at every start-up, where 50,000 small arrays cost more than the rest of the load.
struct SyllableIndex: Sendable {
    let trie: SkeletonTrie
    /// Lower-case scalars of each vocabulary word (none for specials), end to end: word i's
    /// are `scalars[spellingStart[i] ..< spellingStart[i + 1]]`.
    private let scalars: [Unicode.Scalar]
    /// The same as `Symbols` codes, for the channel's inner loop (same offsets).
    private let codes: [UInt8]
    private let spellingStart: [Int32]
    /// The other tone-mark placement of each syllable that has one (`khóa` → `khoá`), as codes:
    /// a scan may use either, and the channel sees the difference.
    let otherPlacementCodes: [[UInt8]?]
    /// Whether each vocabulary word is a valid syllable.
    let isSyllable: [Bool]
    /// Abbreviations the model knows (`hđnd`), by ASCII skeleton.
    let abbreviations: [String: [UInt16]]
    /// Per node, half the log unigram probability of its commonest syllable (0 for inner nodes).
    private(set) var nodePrior: [Float] = []

    init(languageModel lm: LanguageModel) {
        self.init(vocabulary: lm.vocabulary, trie: lm.storedTrie)
        var prior = [Float](repeating: 0, count: trie.nodeCount)
        for node in 0..<trie.nodeCount {
            prior[node] = 0.5 * (trie.words(at: node).map { lm.logProb($0) }.max() ?? 0)
        }
        nodePrior = prior
    }

    /// The index of a vocabulary; `trie` is the one stored with the model, if any (else built).
    init(vocabulary: Vocabulary, trie stored: SkeletonTrie? = nil) {
        var scalars: [Unicode.Scalar] = []
        var codes: [UInt8] = []
        var start: [Int32] = [0]
        scalars.reserveCapacity(vocabulary.count * 6)
        codes.reserveCapacity(vocabulary.count * 6)
        start.reserveCapacity(vocabulary.count + 1)
        var isSyllable: [Bool] = []
        isSyllable.reserveCapacity(vocabulary.count)
        var abbreviations: [String: [UInt16]] = [:]
        var other = [[UInt8]?](repeating: nil, count: vocabulary.count)
        for (i, w) in vocabulary.words.enumerated() {
            let special = i < LMToken.specials.count
            let first = scalars.count
            if !special {
                for s in w.unicodeScalars {
                    scalars.append(s)
                    codes.append(Symbols.code(s))
                }
            }
            start.append(Int32(scalars.count))
            let valid = !special && vocabulary.isSyllable[i]
            isSyllable.append(valid)
            if !special && !valid { abbreviations[Vietnamese.foldKey(w), default: []].append(UInt16(i)) }
            // Only syllables ending in o/u + a/e/y (no coda) can have two placements.
            let n = scalars.count - first
            if valid, n >= 2,
                "oeuy".unicodeScalars.contains(Vietnamese.asciiBase(scalars[first + n - 2])),
                "aey".unicodeScalars.contains(Vietnamese.asciiBase(scalars[first + n - 1])),
                let o = SyllableGrammar.otherPlacement(Array(scalars[first...]))
            {
                other[i] = Symbols.codes(o)
            }
        }
        self.scalars = scalars
        self.codes = codes
        spellingStart = start
        otherPlacementCodes = other
        self.isSyllable = isSyllable
        self.abbreviations = abbreviations
        trie = stored ?? SkeletonTrie(vocabulary: vocabulary)
    }

    /// Word `id`'s lower-case scalars.
    @inline(__always)
    func spelling(_ id: UInt16) -> ArraySlice<Unicode.Scalar> {
        scalars[Int(spellingStart[Int(id)])..<Int(spellingStart[Int(id) + 1])]
    }

    /// Word `id`'s `Symbols` codes.
    @inline(__always)
    func spellingCodes(_ id: UInt16) -> ArraySlice<UInt8> {
        codes[Int(spellingStart[Int(id)])..<Int(spellingStart[Int(id) + 1])]
    }

    /// The node whose skeleton is exactly `skeleton` (ASCII, lower case), if syllables end there.
    func node(forSkeleton skeleton: String) -> Int? {
        var node = 0
        for c in skeleton.utf8 {
            guard let next = trie.child(of: node, letter: c) else { return nil }
            node = next
        }
        return trie.hasWords(node) ? node : nil
    }
}

/// A trie over syllable skeletons in compressed-row form: node n's children are entries
/// `childStart[n] ..< childStart[n + 1]` of `childLetter`/`childNode`, its syllables
/// `words[wordStart[n] ..< wordStart[n + 1]]`. Built from the vocabulary, or read as it was
/// stored in the language model's lexicon (same numbering and order either way).
struct SkeletonTrie: Sendable, Equatable {
    var childStart: [UInt32]
    var childLetter: [UInt8]
    var childNode: [UInt32]
    var wordStart: [UInt32]
    var words: [UInt16]

    var nodeCount: Int { childStart.count - 1 }

    @inline(__always)
    func children(of node: Int) -> Range<Int> { Int(childStart[node])..<Int(childStart[node + 1]) }

    @inline(__always)
    func words(at node: Int) -> ArraySlice<UInt16> { words[Int(wordStart[node])..<Int(wordStart[node + 1])] }

    @inline(__always)
    func hasWords(_ node: Int) -> Bool { wordStart[node] != wordStart[node + 1] }

    @inline(__always)
    func child(of node: Int, letter: UInt8) -> Int? {
        for k in children(of: node) where childLetter[k] == letter { return Int(childNode[k]) }
        return nil
    }

    init(childStart: [UInt32], childLetter: [UInt8], childNode: [UInt32], wordStart: [UInt32], words: [UInt16]) {
        self.childStart = childStart
        self.childLetter = childLetter
        self.childNode = childNode
        self.wordStart = wordStart
        self.words = words
    }

    /// The trie of the vocabulary's syllables, inserted in id order (nodes numbered as created).
    init(vocabulary: Vocabulary) {
        var children: [[(UInt8, Int32)]] = [[]]
        var wordsAt: [[UInt16]] = [[]]
        for (i, valid) in vocabulary.isSyllable.enumerated() where valid && i >= LMToken.specials.count {
            var node = 0
            for c in Vietnamese.foldKey(vocabulary.words[i]).utf8 {
                if let next = children[node].first(where: { $0.0 == c })?.1 {
                    node = Int(next)
                } else {
                    children.append([])
                    wordsAt.append([])
                    children[node].append((c, Int32(children.count - 1)))
                    node = children.count - 1
                }
            }
            wordsAt[node].append(UInt16(i))
        }
        childStart = [0]
        childLetter = []
        childNode = []
        wordStart = [0]
        words = []
        for n in children.indices {
            for (c, child) in children[n] {
                childLetter.append(c)
                childNode.append(UInt32(child))
            }
            childStart.append(UInt32(childLetter.count))
            words += wordsAt[n]
            wordStart.append(UInt32(words.count))
        }
    }

    /// Lexicon sections (written next to the model's vocabulary).
    static let sections = LexiconSection.skeletonTrie

    func write(into writer: inout LexiconWriter) {
        writer.add(Self.sections[0], array: childStart)
        writer.add(Self.sections[1], childLetter)
        writer.add(Self.sections[2], array: childNode)
        writer.add(Self.sections[3], array: wordStart)
        writer.add(Self.sections[4], array: words)
    }

    /// The stored trie, checked for consistency with a vocabulary of `vocabularySize` words.
    static func read(from file: LexiconFile, vocabularySize: Int) throws(CoreError) -> SkeletonTrie {
        let t = SkeletonTrie(
            childStart: Array(try file.array(sections[0], of: UInt32.self)),
            childLetter: Array(try file.array(sections[1], of: UInt8.self)),
            childNode: Array(try file.array(sections[2], of: UInt32.self)),
            wordStart: Array(try file.array(sections[3], of: UInt32.self)),
            words: Array(try file.array(sections[4], of: UInt16.self)))
        let nodes = t.childStart.count - 1
        guard nodes >= 1, t.wordStart.count == nodes + 1, t.childLetter.count == t.childNode.count,
            t.childStart.last.map(Int.init) == t.childNode.count, t.wordStart.last.map(Int.init) == t.words.count,
            zip(t.childStart, t.childStart.dropFirst()).allSatisfy({ $0 <= $1 }),
            zip(t.wordStart, t.wordStart.dropFirst()).allSatisfy({ $0 <= $1 }),
            t.childNode.allSatisfy({ Int($0) < nodes }), t.words.allSatisfy({ Int($0) < vocabularySize })
        else {
            throw .lexiconCorrupt(path: file.path, reason: "syllable index")
        }
        return t
    }
}
