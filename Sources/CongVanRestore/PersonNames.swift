import CongVanCore
import Foundation

/// Vietnamese personal names put surname first, and a few surnames cover most people. The legal
/// corpus has almost no names, so in a signer's line its statistics read `Trinh Xuan Truong` as
/// `Trình` (a common sentence opener) and `Pham Van Dong` as `Phẩm Vận Động`. Where a run of
/// capitalised words is almost surely a name, its first word is scored by how common each reading
/// is as a surname, its middle word by how common it is as one, and its given name also by how
/// often the training text capitalises the word (`docs/restoration.md`).
public struct PersonNames: Sendable {
    /// Approximate share of the population per surname (national figures as commonly cited,
    /// e.g. in Wikipedia's "Vietnamese name"); the less common surnames, including those of the
    /// northern mountain provinces' peoples (Tày, Nùng, Thái, H'Mông), share a flat 0.2%.
    static let surnameShares: [(String, Float)] =
        [
            ("nguyễn", 0.384), ("trần", 0.121), ("lê", 0.095), ("phạm", 0.07), ("hoàng", 0.041),
            ("huỳnh", 0.01), ("phan", 0.045), ("vũ", 0.025), ("võ", 0.014), ("đặng", 0.021),
            ("bùi", 0.02), ("đỗ", 0.014), ("hồ", 0.013), ("ngô", 0.013), ("dương", 0.01), ("lý", 0.005),
        ]
        + [
            "đinh", "lâm", "mai", "trương", "đào", "cao", "hà", "lương", "tạ", "trịnh", "đoàn", "tô",
            "lưu", "triệu", "kiều", "thái", "quách", "chu", "hứa", "vương", "tống", "lại", "phùng",
            "châu", "giang", "la", "lã", "mạc", "tăng", "từ", "nghiêm", "diệp", "khúc", "thân", "doãn",
            "khuất", "nông", "bế", "lục", "đàm", "lò", "sầm", "mông", "hầu", "vi", "ma", "giàng", "lù",
            "sùng", "lăng", "vàng", "lường", "quàng", "cầm",
        ].map { ($0, 0.002) }

    /// The middle word of a three- or four-word name: `Văn` for most men and `Thị` for most women
    /// (approximate shares), then a flat 1% for the other common ones.
    static let middleShares: [(String, Float)] =
        [("văn", 0.25), ("thị", 0.3)]
        + [
            "đức", "hữu", "quang", "xuân", "minh", "thanh", "ngọc", "công", "hồng", "thế", "đình",
            "quốc", "trọng", "mạnh", "bá", "kim", "duy", "tiến", "anh", "thu", "hoàng", "tuấn", "việt",
            "hải", "như", "phương", "khánh", "huy", "trung", "thành", "đăng", "gia", "bảo", "tấn",
            "hoài", "nhật", "vĩnh", "phúc", "chí", "diệu", "mỹ", "thúy", "lan",
        ].map { ($0, 0.01) }

    /// The middle words without marks: inside a sentence, three or four capitalised words are
    /// taken for a name only when the second is spelt like one (`Pham Gia Tuc`, not
    /// `Hoang Su Phi`).
    static let middleSkeletons = Set(middleShares.map { Vietnamese.foldKey($0.0) })

    /// What a name word that is on neither list is taken to cost, as a share: the lists cover
    /// nearly everyone, so the thousands of other syllables share what little is left. (At 0.1%
    /// the general-language model's `vận động` outweighed `Văn` in `Pham Van Dong`.)
    static let otherShare: Float = 0.0001

    /// Which word of a name a piece is.
    enum Part: Sendable { case surname, middle, given }

    /// ln(share / otherShare) per vocabulary id, for each part.
    let surnames: [UInt16: Float]
    let middles: [UInt16: Float]
    /// ln(1 + n) per vocabulary id, n the times the training text wrote the word capitalised
    /// inside a sentence (`properNounSection`); empty when the lexicon has no such section.
    let given: [Float]

    /// Section of `restore-lm.cvlex` with the proper-noun counts (`UInt32` per vocabulary id).
    public static let properNounSection = LexiconSection.properNouns

    init(vocabulary: Vocabulary, properNouns: UnsafeBufferPointer<UInt32>? = nil) {
        func logOdds(_ shares: [(String, Float)]) -> [UInt16: Float] {
            var odds: [UInt16: Float] = [:]
            for (name, share) in shares {
                let id = vocabulary.id(of: name)
                guard id != LMToken.unknown else { continue }
                odds[id] = max(odds[id] ?? -.infinity, log(share / Self.otherShare))
            }
            return odds
        }
        surnames = logOdds(Self.surnameShares)
        middles = logOdds(Self.middleShares)
        given = properNouns.map { $0.count == vocabulary.count ? $0.map { log1p(Float($0)) } : [] } ?? []
    }

    /// `candidates` with each one's log-odds as `part` added to its bias (weighted), or nil
    /// when none of them is a known surname or middle word (for those parts).
    func reading(_ candidates: [ScoredCandidate], as part: Part, weight: Float) -> [ScoredCandidate]? {
        func score(_ id: UInt16) -> Float? {
            switch part {
            case .surname: surnames[id]
            case .middle: middles[id]
            case .given: Int(id) < given.count ? given[Int(id)] : 0
            }
        }
        guard part == .given || candidates.contains(where: { score($0.id) != nil }) else { return nil }
        return candidates.map { c in
            var c = c
            c.bias += weight * (score(c.id) ?? 0)
            return c
        }
    }

    /// Whether piece `p` of `line` is written capitalised: an upper-case first letter, then at
    /// least `minimumLength - 1` more scalars, none upper case or a digit. Names need two
    /// letters (a lone capital is more often a list marker or an initial); a unit's name may
    /// have a one-letter word (`A Mú Sung`).
    static func isCapitalised(_ p: Piece, in line: [Unicode.Scalar], minimumLength: Int = 2) -> Bool {
        guard p.kind == .word, p.end - p.start >= minimumLength, Tokenizer.isUpper(line[p.start]) else { return false }
        return line[(p.start + 1)..<p.end].allSatisfy { !Tokenizer.isUpper($0) && !Tokenizer.isDigit($0) }
    }

    /// Adds the capitalised words of `line` that do not start a sentence to `counts` (by
    /// vocabulary id): the training text's proper nouns (places, bodies, people), whose
    /// syllables are the stock that given names are drawn from.
    public static func countProperNouns(_ line: TokenizedLine, vocabulary: Vocabulary, into counts: inout [UInt32]) {
        let (scalars, pieces) = (line.scalars, line.pieces)
        for i in pieces.indices.dropFirst() where !pieces[i - 1].breakAfter && isCapitalised(pieces[i], in: scalars) {
            let id = vocabulary.id(of: UTF8Writer.string(scalars[pieces[i].start..<pieces[i].end]))
            if id != LMToken.unknown { counts[Int(id)] += 1 }
        }
    }
}

extension PersonNames {
    /// Runs of words that look like persons' names, by `line << 32 | first piece`: two to four
    /// capitalised words that either fill the rest of a line from a sentence start (a signature:
    /// `Trinh Xuan Truong`, `./. *Trinh Xuan Truong*`) or follow `ông`, `bà` or `đồng chí`
    /// (`ong Nguyen Van A,`), or, anywhere else, three or four whose second is spelt like a
    /// middle word (`Chinh phu Pham Gia Tuc co y kien`). Judged from the input's shape alone;
    /// the decoder takes a run for a name when its first word can be read as a surname.
    static func runs(lines: [[Unicode.Scalar]], pieces: [[Piece]]) -> [Int: NameRun] {
        // A line starts a sentence unless it continues a long line that did not end one.
        func startsSentence(_ li: Int) -> Bool {
            guard li > 0, let last = pieces[li - 1].last else { return true }
            return last.breakAfter || lines[li - 1].count < RestorationSession.wrappedLineLength
        }
        var runs: [Int: NameRun] = [:]
        func name(_ li: Int, _ first: Int, _ count: Int, signature: Bool) {
            if (2...4).contains(count) {
                runs[li << 32 | first] = NameRun(line: li, first: first, count: count, signature: signature)
            }
        }
        for (li, ps) in pieces.enumerated() where ps.count >= 2 {
            let line = lines[li]
            func isCapitalised(_ i: Int) -> Bool { Self.isCapitalised(ps[i], in: line) }
            func folded(_ i: Int) -> String {
                Vietnamese.foldKey(UTF8Writer.string(line[ps[i].start..<ps[i].end]))
            }
            // A signature: the line's last pieces, from a sentence start.
            var first = ps.count
            while first > 0, isCapitalised(first - 1),
                first == ps.count || !(ps[first - 1].breakAfter || ps[first - 1].commaAfter)
            {
                first -= 1
            }
            if first < ps.count, first == 0 ? startsSentence(li) : ps[first - 1].breakAfter {
                name(li, first, ps.count - first, signature: true)
            }
            // After a form of address, or with a middle word, inside a line.
            var i = 1
            while i < ps.count {
                defer { i += 1 }
                guard isCapitalised(i), !isCapitalised(i - 1) || ps[i - 1].breakAfter || ps[i - 1].commaAfter,
                    runs[li << 32 | i] == nil
                else { continue }
                var end = i
                while end < ps.count, isCapitalised(end) {
                    end += 1
                    if ps[end - 1].breakAfter || ps[end - 1].commaAfter { break }
                }
                let joined = !(ps[i - 1].breakAfter || ps[i - 1].commaAfter) && ps[i - 1].kind == .word
                let cue = joined ? folded(i - 1) : ""
                let addressed =
                    cue == "ong" || cue == "ba"
                    || (cue == "chi" && i >= 2 && folded(i - 2) == "dong" && !ps[i - 2].commaAfter)
                if addressed || (3...4).contains(end - i) && Self.middleSkeletons.contains(folded(i + 1)) {
                    name(li, i, end - i, signature: false)
                }
                i = end - 1
            }
        }
        return runs
    }
}

/// A run of words taken for a person's name: which words of its line belong to it.
struct NameRun {
    let line: Int
    let first: Int
    let count: Int
    /// The run fills a line from a sentence start (a signature): nothing before it tells what
    /// its first word is, and the language model's sentence openers (`Trình`) mislead.
    let signature: Bool

    /// The part piece `pi` of `line` plays in the name, or nil outside it.
    func part(line li: Int, piece pi: Int) -> PersonNames.Part? {
        guard li == line, pi >= first, pi < first + count else { return nil }
        switch pi - first {
        case 0: return .surname
        case 1 where count >= 3: return .middle
        default: return .given
        }
    }
}

extension RestorationSession {
    /// The candidates of word piece `pi` of line `li` scored as part of a person's name, and
    /// whether the language model should leave the slot out (a signature's surname, a middle
    /// word: the legal corpus knows nothing of them), or nil when the piece is in no name.
    /// Starts `run` at a name run whose first word reads as a surname.
    func nameCandidates(
        _ candidates: [ScoredCandidate], line li: Int, piece pi: Int,
        run: inout NameRun?
    ) -> (candidates: [ScoredCandidate], unscored: Bool)? {
        guard !nameRuns.isEmpty else { return nil }
        if let start = nameRuns[li << 32 | pi] { run = start }
        guard let current = run, let part = current.part(line: li, piece: pi) else { return nil }
        let weight = part == .given ? settings.givenNameWeight : settings.nameWeight
        guard weight > 0, let scored = restorer.names.reading(candidates, as: part, weight: weight) else {
            if current.first == pi { run = nil }  // no surname reading: not taken for a name
            return nil
        }
        return (scored, part == .middle || part == .surname && current.signature)
    }
}
