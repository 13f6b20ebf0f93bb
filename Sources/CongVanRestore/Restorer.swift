import CongVanCore
import Foundation
import Synchronization

/// Repairs degraded Vietnamese: puts back diacritics and undoes OCR confusions, line for line.
///
/// A noisy-channel decoder: each word token gets candidate syllables the channel can explain
/// (a mixture of identity, stripped marks, Vietnamese-OCR slips and English-OCR garble, weighted
/// per document), and a syllable trigram model picks the sequence by Viterbi over each
/// paragraph. Load once (lexicons are memory-mapped) and share across threads.
public final class Restorer: Sendable {
    public struct Settings: Sendable {
        /// Weight of the channel score against the language model.
        public var channelWeight: Float = 0.8
        /// Log-score penalty per letter for keeping a token the model does not know.
        public var unknownLetterPenalty: Float = 2.5
        /// Log-score penalty per digit or symbol inside a token kept as an unknown word.
        public var unknownSymbolPenalty: Float = 6
        /// Further penalty for keeping an unknown token that is a well-formed syllable.
        public var unknownSyllablePenalty: Float = 4
        /// Extra cost of reading a bare number as a word (`13` → `là`).
        public var numberAsWordPenalty: Float = 3.0
        /// Candidates per token in the trigram pass (the input itself always among them)…
        public var maxCandidates = 8
        /// …cut in context from a pool of this many (half for input that is not garbled)…
        public var candidatePool = 32
        /// A reading enters the pool only within this many nats of the token's best reading…
        public var candidateMargin: Float = 14
        /// …both ranked by channel plus this times the unigram log-probability. At 1 that is the
        /// noisy channel's posterior without context; at 0.5 (before 2026-12-04) rare syllables a
        /// letter away (`đì`, `dứ`, `ổi`) filled the pool of `di` and left out `đã`.
        public var poolUnigramWeight: Float = 1
        /// …keeping only those whose bigram score is within this many nats of the best.
        public var pruningMargin: Float = 6
        /// Skeletons taken from the trie search per token…
        public var searchLimit = 20
        /// …within a channel cost (nats) of `searchBase + searchPerCharacter × length`.
        public var searchBase: Float = 6
        public var searchPerCharacter: Float = 2.4
        /// Decoding passes after the first that re-estimate the channel from the document.
        public var adaptationPasses = 1
        /// Pseudo-count of the trained channel when adapting it to a document.
        public var adaptationStrength = 8.0
        /// Weight of the document cache model in the second pass (0 turns it off).
        public var cacheWeight: Float = 0.05
        /// Confident words at which the cache gets half its weight.
        public var cacheEvidence: Float = 100
        /// Weight of the name prior on the surname and middle word of a person's name.
        public var nameWeight: Float = 1
        /// Weight of the proper-noun prior on the given name (0 turns it off).
        public var givenNameWeight: Float = 0.5
        /// Log-odds given to a unit's name read from the gazetteer after its cue word (0: off).
        public var placeWeight: Float = 3
        public init() {}

        /// Settings with `name=value` overrides, comma-separated (from `CONGVAN_RESTORE_SETTINGS`,
        /// for tuning experiments); unknown names are ignored.
        public init(overrides: String) {
            self.init()
            for item in overrides.split(separator: ",") {
                let kv = item.split(separator: "=", maxSplits: 1).map {
                    String($0).trimmingCharacters(in: .whitespaces)
                }
                guard kv.count == 2, let v = Double(kv[1]) else { continue }
                switch kv[0] {
                case "channelWeight": channelWeight = Float(v)
                case "unknownLetterPenalty": unknownLetterPenalty = Float(v)
                case "unknownSymbolPenalty": unknownSymbolPenalty = Float(v)
                case "unknownSyllablePenalty": unknownSyllablePenalty = Float(v)
                case "numberAsWordPenalty": numberAsWordPenalty = Float(v)
                case "maxCandidates": maxCandidates = Int(v)
                case "candidatePool": candidatePool = Int(v)
                case "poolUnigramWeight": poolUnigramWeight = Float(v)
                case "pruningMargin": pruningMargin = Float(v)
                case "candidateMargin": candidateMargin = Float(v)
                case "searchLimit": searchLimit = Int(v)
                case "searchBase": searchBase = Float(v)
                case "searchPerCharacter": searchPerCharacter = Float(v)
                case "adaptationPasses": adaptationPasses = Int(v)
                case "adaptationStrength": adaptationStrength = v
                case "cacheWeight": cacheWeight = Float(v)
                case "cacheEvidence": cacheEvidence = Float(v)
                case "nameWeight": nameWeight = Float(v)
                case "givenNameWeight": givenNameWeight = Float(v)
                case "placeWeight": placeWeight = Float(v)
                default: continue
                }
            }
        }

        /// The defaults, with any overrides from the environment applied.
        public static var fromEnvironment: Settings {
            Settings(overrides: ProcessInfo.processInfo.environment["CONGVAN_RESTORE_SETTINGS"] ?? "")
        }
    }

    let lm: LanguageModel
    let index: SyllableIndex
    let english: EditChannel
    let vietnamese: EditChannel
    /// The trie search for readings of garble, built when garble first comes (9 M instructions
    /// that stripped, Vietnamese-OCR or clean text never needs).
    var search: CandidateSearch { lazySearch.value }
    private let lazySearch: LazyValue<CandidateSearch>
    /// The gazetteer's unit names, made when a document first names a unit.
    private let lazyPlaces: LazyValue<PlaceNames>
    var places: PlaceNames { lazyPlaces.value }
    let abbreviations: AbbreviationTable
    /// The parts of document codes, which codes are restored from.
    let codes: DocumentCodes
    let acronyms: AcronymExpansions
    let names: PersonNames
    public let settings: Settings
    /// Readings of tokens seen in earlier documents.
    let candidateCache = CandidateCache(budget: 50_000)
    /// Bounded by the scores kept (4 bytes each).
    let transitionCache = TransitionCache(budget: 4_000_000, cost: \.count)
    /// Documents begun so far (see `beginDocument`).
    private let documentsBegun = Atomic<Int>(0)

    public static let languageModelFile = "restore-lm.cvlex"
    public static let channelFile = "restore-channel.cvlex"

    /// Loads the restoration lexicons from `directory` (default: the project's `Lexicons/`).
    public static func load(
        lexiconDirectory directory: String = LexiconLocator.directory(), settings: Settings = .fromEnvironment
    ) throws -> Restorer {
        let lmFile = try LexiconFile(path: directory + "/" + languageModelFile)
        let lm = try LanguageModel(file: lmFile)
        let abbreviations = try AbbreviationTable.read(try lmFile.section(LexiconSection.abbreviations))
        // Lexicons built before the code table have no such section: codes are left as written.
        let codes =
            lmFile.sectionNames.contains(DocumentCodes.section)
            ? try DocumentCodes.read(try lmFile.section(DocumentCodes.section)) : DocumentCodes()
        // Lexicons built before acronym expansions have no such section: none are expanded.
        let acronyms =
            lmFile.sectionNames.contains(AcronymExpansions.section)
            ? try AcronymExpansions.read(try lmFile.section(AcronymExpansions.section)) : AcronymExpansions()
        let channelFile = try LexiconFile(path: directory + "/" + channelFile)
        var r = ByteReader(try channelFile.section(LexiconSection.englishChannel))
        let english = try EditChannel.read(from: &r)
        r = ByteReader(try channelFile.section(LexiconSection.vietnameseChannel))
        let vietnamese = try EditChannel.read(from: &r)
        return Restorer(
            languageModel: lm, english: english, vietnamese: vietnamese, abbreviations: abbreviations,
            codes: codes, acronyms: acronyms, settings: settings)
    }

    public init(
        languageModel: LanguageModel, english: EditChannel, vietnamese: EditChannel,
        abbreviations: AbbreviationTable = AbbreviationTable(counts: [:]), codes: DocumentCodes = DocumentCodes(),
        acronyms: AcronymExpansions = AcronymExpansions(), settings: Settings = Settings()
    ) {
        lm = languageModel
        index = SyllableIndex(languageModel: languageModel)
        names = PersonNames(
            vocabulary: languageModel.vocabulary,
            properNouns: try? languageModel.file?.array(PersonNames.properNounSection, of: UInt32.self))
        self.english = english
        self.vietnamese = vietnamese
        lazySearch = LazyValue { CandidateSearch(channels: [english, vietnamese]) }
        lazyPlaces = LazyValue {
            PlaceNames(
                vocabulary: languageModel.vocabulary,
                section: try? languageModel.file?.array(PlaceNames.section, of: UInt16.self))
        }
        self.abbreviations = abbreviations
        self.codes = codes
        self.acronyms = acronyms
        self.settings = settings
    }

    /// Counts a document in; whether it should use the cross-document caches. They pay off only
    /// from the second document on: within one document the session's own tables already catch
    /// every repeat, so the first (and, for `congvan restore`, only) one would just fill them.
    func beginDocument() -> Bool {
        documentsBegun.add(1, ordering: .relaxed).oldValue > 0
    }

    /// Measures how degraded `text` looks, without restoring it.
    public func assess(_ text: String) -> Degradation {
        let lines = Self.lines(text)
        let types = TokenTypes(lines: lines, pieces: lines.map(Tokenizer.pieces))
        return DegradationMeter(index: index, vocabulary: lm.vocabulary).measure(lines: lines, types: types)
    }

    /// Restores `text` (NFC); line N of the result is line N of the input. With `details`, every
    /// word token is reported with its confidence and alternatives; without, `tokens` is empty
    /// (less memory and time when only the text is wanted).
    ///
    /// A text longer than `segmentBytes` is restored a segment of whole lines at a time, so memory
    /// stays bounded whatever the input's size (each session holds its lines, tokens and lattices:
    /// about 45 bytes per input byte); the segments' texts and tokens are joined, and the
    /// degradation reported is the first segment's.
    public func restore(_ text: String, details: Bool = true) -> RestoredText {
        guard text.utf8.count > Self.segmentBytes else {
            var session = RestorationSession(restorer: self, lines: Self.lines(text), details: details)
            return session.run()
        }
        var out = UTF8Writer(capacity: text.utf8.count + text.utf8.count / 8)
        var tokens: [RestoredToken] = []
        var degradation: Degradation?
        var linesBefore = 0
        for (i, segment) in Self.segments(text).enumerated() {
            var session = RestorationSession(restorer: self, lines: Self.lines(String(segment)), details: details)
            let part = session.run()
            if i > 0 { out.append("\n") }
            out.append(part.text)
            tokens += part.tokens.map { t in
                var t = t
                t.line += linesBefore
                return t
            }
            degradation = degradation ?? part.degradation
            linesBefore += segment.utf8.reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        }
        return RestoredText(text: out.string, tokens: tokens, degradation: degradation!)
    }

    /// Above this many UTF-8 bytes a text is restored in segments (`restore`): 1 MiB is about
    /// 400 pages of a directive and peaks near 150 MB.
    static let segmentBytes = 1 << 20

    /// `text` cut at line ends into pieces of at most `segmentBytes` (a longer line is a piece of
    /// its own), without their joining line ends.
    static func segments(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        var out: [Substring] = []
        var segmentStart = utf8.startIndex
        var segmentSize = 0
        var lineStart = utf8.startIndex
        func close(before next: String.Index) {
            // The segment ends at the line end before `next`, which joins it to the next one.
            out.append(text[segmentStart..<utf8.index(before: next)])
            segmentStart = next
            segmentSize = 0
        }
        var i = utf8.startIndex
        while i < utf8.endIndex {
            if utf8[i] == 10 {
                let lineSize = utf8.distance(from: lineStart, to: i) + 1
                if segmentSize > 0, segmentSize + lineSize > segmentBytes { close(before: lineStart) }
                segmentSize += lineSize
                lineStart = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if segmentSize > 0, segmentSize + utf8.distance(from: lineStart, to: utf8.endIndex) > segmentBytes {
            close(before: lineStart)
        }
        out.append(text[segmentStart...])
        return out
    }

    /// The text's lines as scalars (split on scalars: `Character` splitting segments graphemes
    /// and cost more than the meter; input line ends are already `\n`).
    static func lines(_ text: String) -> [[Unicode.Scalar]] {
        // Decoded once into one buffer, then each line copied out whole: appending scalar by
        // scalar regrew every line's array several times.
        var all: [Unicode.Scalar] = []
        all.reserveCapacity(text.utf8.count)
        all.append(contentsOf: text.unicodeScalars)
        var out: [[Unicode.Scalar]] = []
        var start = 0
        for (i, s) in all.enumerated() where s == "\n" {
            out.append(Array(all[start..<i]))
            start = i + 1
        }
        out.append(Array(all[start...]))
        return out
    }
}
