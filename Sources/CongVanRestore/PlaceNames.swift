import CongVanCore

/// The names of administrative units (communes, districts, provinces) from the gazetteer. After
/// the word that introduces one (`xã`, `huyện`, `tỉnh`, `phường`, `thị trấn`, `thành phố`), a
/// run of capitalised words spelt like a unit's name is most likely that name: `các xã: Den
/// Sang, A Mu Sung` is `Dền Sáng, A Mú Sung` (Lào Cai), not `Đến Sáng`, which ordinary language
/// prefers. The language model knows the names as word pairs; this knows them as names.
/// (`@unchecked`: `ids` is read-only memory of the model's lexicon file, which the restorer keeps.)
public struct PlaceNames: @unchecked Sendable {
    /// Section of `restore-lm.cvlex`: each unit name's word ids, followed by `<unk>` (0).
    public static let section = LexiconSection.places

    /// Words that introduce a unit's name, by the hash of their letters without marks (`thị
    /// trấn`, `thị xã`, `thành phố` end in `trấn`, `xã`, `phố`).
    static let cues = Set(Vietnamese.UnitType.allCases.map { hash($0.lastWordFolded.unicodeScalars) })

    /// The section (names' word ids, each followed by 0), memory-mapped with the model.
    let ids: UnsafeBufferPointer<UInt16>
    /// Where in `ids` the first name with a key starts, by the hash of its letters without marks
    /// (`den sang`); `sameKey` chains the rare other spellings with the same letters.
    let byKey: [UInt64: Int32]
    let sameKey: [Int32: Int32]

    init(vocabulary: Vocabulary, section: UnsafeBufferPointer<UInt16>?) {
        ids = section ?? UnsafeBufferPointer(start: nil, count: 0)
        var byKey: [UInt64: Int32] = [:]
        var sameKey: [Int32: Int32] = [:]
        byKey.reserveCapacity(ids.count / 3)
        var wordHash = [UInt64](repeating: 0, count: vocabulary.count)  // 0: not yet hashed
        var key = Self.seed
        var start = 0
        for (i, id) in ids.enumerated() {
            guard id != LMToken.unknown else {
                if let first = byKey.updateValue(Int32(start), forKey: key) { sameKey[Int32(start)] = first }
                key = Self.seed
                start = i + 1
                continue
            }
            if wordHash[Int(id)] == 0 { wordHash[Int(id)] = Self.hash(vocabulary.words[Int(id)].unicodeScalars) }
            key = Self.combine(key, wordHash[Int(id)])
        }
        self.byKey = byKey
        self.sameKey = sameKey
    }

    /// Every spelling (word ids) of the names whose letters hash to `key`.
    func spellings(_ key: UInt64) -> [[UInt16]]? {
        guard var at = byKey[key] else { return nil }
        var out: [[UInt16]] = []
        while true {
            var end = Int(at)
            while ids[end] != LMToken.unknown { end += 1 }
            out.append(Array(ids[Int(at)..<end]))
            guard let next = sameKey[at] else { return out }
            at = next
        }
    }

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a over a word's letters without marks, in lower case: names are matched without
    /// building a string per word, and each vocabulary word is hashed once.
    static func hash<S: Sequence<Unicode.Scalar>>(_ word: S) -> UInt64 {
        var h = seed
        for s in word {
            h = (h ^ UInt64(Vietnamese.keyScalar(s).value)) &* 0x0100_0000_01b3
        }
        return h | 1
    }

    /// The key of a run of words: each word's hash folded into the key of the words before it.
    static func combine(_ key: UInt64, _ word: UInt64) -> UInt64 {
        (key ^ word) &* 0x0100_0000_01b3 &+ 0x9e37_79b9_7f4a_7c15
    }

    /// The section's contents: the distinct names (unit type removed) of `units` whose words are
    /// all in the vocabulary, two to four words long, in sorted order.
    public static func encode(units: [String], vocabulary: Vocabulary) -> [UInt16] {
        var names = Set<String>()
        for unit in units {
            var name = Vietnamese.lowercase(unit)
            guard let type = Vietnamese.UnitType.longestFirst.first(where: { name.hasPrefix($0.words + " ") }) else {
                continue
            }
            name.removeFirst(type.words.count + 1)
            names.insert(name)
        }
        var out: [UInt16] = []
        for name in names.sorted() {
            let ids = name.split(separator: " ").map { vocabulary.id(of: String($0)) }
            guard (2...4).contains(ids.count), !ids.contains(LMToken.unknown) else { continue }
            out += ids + [LMToken.unknown]
        }
        return out
    }

    /// The ids a unit's name allows at each word it covers, by `line << 32 | piece`: runs of two
    /// to four capitalised words after a cue word, or after a comma that ends such a run (a list
    /// of communes), whose letters without marks are a unit's name. The longest name wins.
    /// `spellings` finds a name by key; it is only called when a run qualifies, so documents
    /// that name no unit never build the table.
    static func runs(
        lines: [[Unicode.Scalar]], pieces: [[Piece]], spellings: (UInt64) -> [[UInt16]]?
    ) -> [Int: [UInt16]] {
        var out: [Int: [UInt16]] = [:]
        for (li, ps) in pieces.enumerated() where ps.count >= 3 {
            let line = lines[li]
            func isCapitalised(_ i: Int) -> Bool { PersonNames.isCapitalised(ps[i], in: line, minimumLength: 1) }
            func isCue(_ i: Int) -> Bool { ps[i].kind == .word && cues.contains(hash(line[ps[i].start..<ps[i].end])) }
            var listEnd = -1  // the last piece of the previous name, when a comma follows it
            var i = 1
            while i + 1 < ps.count {
                guard isCapitalised(i), isCapitalised(i + 1),
                    listEnd == i - 1 && ps[i - 1].commaAfter || isCue(i - 1)
                else {
                    i += 1
                    continue
                }
                var length = 1
                while length < 4, i + length < ps.count, !ps[i + length - 1].breakAfter, !ps[i + length - 1].commaAfter,
                    isCapitalised(i + length)
                {
                    length += 1
                }
                var keys: [UInt64] = []
                var key = seed
                for k in i..<(i + length) {
                    key = combine(key, hash(line[ps[k].start..<ps[k].end]))
                    keys.append(key)
                }
                var matched = 0
                for n in stride(from: length, through: 2, by: -1) {
                    guard let spellings = spellings(keys[n - 1]) else { continue }
                    for k in 0..<n { out[li << 32 | (i + k)] = spellings.map { $0[k] } }
                    matched = n
                    break
                }
                listEnd = matched > 0 ? i + matched - 1 : -1
                i += max(matched, 1)
            }
        }
        return out
    }
}

extension RestorationSession {
    /// The candidates of word piece `pi` of line `li` with the unit-name reading favoured, or nil
    /// when the piece is in no unit's name (or the name's reading is not among its candidates).
    func placeCandidates(_ candidates: [ScoredCandidate], line li: Int, piece pi: Int) -> [ScoredCandidate]? {
        guard !placeRuns.isEmpty, settings.placeWeight > 0, let allowed = placeRuns[li << 32 | pi],
            candidates.contains(where: { allowed.contains($0.id) })
        else { return nil }
        return candidates.map { c in
            var c = c
            if allowed.contains(c.id) { c.bias += settings.placeWeight }
            return c
        }
    }
}
