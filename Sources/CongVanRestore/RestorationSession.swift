import CongVanCore
import Foundation

/// One restoration of one text: measure it, decode every paragraph, adapt the channel to the
/// document from its own confident readings, decode again, and write the lines back.
struct RestorationSession {
    let restorer: Restorer
    let lines: [[Unicode.Scalar]]
    let pieces: [[Piece]]
    /// The distinct word pieces, numbered.
    let types: TokenTypes
    /// Runs of words that look like persons' names (`PersonNames.runs`).
    let nameRuns: [Int: NameRun]
    /// The ids a unit's name allows at each piece it covers, by `line << 32 | piece`.
    let placeRuns: [Int: [UInt16]]
    let degradation: Degradation
    var mixture: ChannelMixture
    var english: EditChannel
    var cache: [String: Reading] = [:]
    /// Per word type: its reading, once met in this pass (`cache` finds the readings that
    /// types differing only in case share).
    var typeReadings: [Reading?] = []
    /// Confident readings of the previous pass, for the document cache model.
    var documentCache: DocumentCache? = nil
    /// Confident readings of the pass under way, for the next pass's cache model (nil in the
    /// last pass: no pass would use them).
    var collecting: DocumentCache?

    /// A token's candidates, the lattice slot made of them, and the token's serial number in
    /// `observedKeys` (which also names the candidate list for `TransitionRows`).
    /// A class, not a struct: it is handed out for every word token, and one reference costs
    /// one retain where three arrays cost three.
    final class Reading {
        let candidates: [ScoredCandidate]
        let slot: Decoder.Slot
        let serial: Int32

        init(candidates: [ScoredCandidate], slot: Decoder.Slot, serial: Int32) {
            self.candidates = candidates
            self.slot = slot
            self.serial = serial
        }
    }
    /// Every distinct observed token met, in order of first meeting.
    var observedKeys: [String] = []
    /// Bigram scores between candidate lists met in this document (pruning pass).
    var transitionRows = TransitionRows()

    /// Where a decoded slot came from.
    struct Owner {
        var line: Int
        var piece: Int
    }

    /// The outcome for one word (or number) piece. Plain data (the candidates stay in the
    /// `Choices` pools), so handing choices around costs no reference counting.
    struct Choice {
        /// Which pool of `Choices` holds this token's candidates: `range` there, numbered from 0 here.
        var pool: Int32
        var range: Range<Int32>
        var chosen: Int32
        /// Posterior of the chosen reading; NaN from a last pass that computed none (the text
        /// alone was asked for).
        var confidence: Float
        /// Where the posterior per candidate starts in `Choices.probabilities` (-1: not kept; they
        /// are kept only when token details are asked for).
        var probabilitiesAt: Int32

        var count: Int { range.count }
    }

    /// Choices per line and piece (nil for pieces not decoded), with the candidate pools and
    /// posteriors they point into.
    struct Choices {
        var byLine: [[Choice?]]
        /// One per decoded chunk: its candidates.
        var pools: [[ScoredCandidate]] = []
        var probabilities: [Float] = []

        init(lines: Int) { byLine = [[Choice?]](repeating: [], count: lines) }

        var isEmpty: Bool { byLine.isEmpty }

        subscript(line: Int) -> [Choice?] { byLine[line] }

        func candidate(_ c: Choice, _ k: Int) -> ScoredCandidate { pools[Int(c.pool)][Int(c.range.lowerBound) + k] }
        func best(_ c: Choice) -> ScoredCandidate { candidate(c, Int(c.chosen)) }
        func probability(_ c: Choice, _ k: Int) -> Float { probabilities[Int(c.probabilitiesAt) + k] }
    }

    func emptyChoices() -> Choices { Choices(lines: lines.count) }

    /// Whether to report every token with its alternatives (`--format json`, the API default).
    let details: Bool
    /// Whether to consult and fill the restorer's cross-document caches.
    let sharesCaches: Bool

    init(restorer: Restorer, lines: [[Unicode.Scalar]], details: Bool) {
        self.restorer = restorer
        self.lines = lines
        self.details = details
        sharesCaches = restorer.beginDocument()
        var pieces = lines.map(Tokenizer.pieces)
        var types = TokenTypes(lines: lines, pieces: pieces)
        degradation = DegradationMeter(index: restorer.index, vocabulary: restorer.lm.vocabulary).measure(
            lines: lines, types: types)
        if degradation.kind == .garbled {
            for li in lines.indices { Self.recutGarble(lines[li], &pieces[li], restorer: restorer) }
            types = TokenTypes(lines: lines, pieces: pieces)
        }
        self.pieces = pieces
        self.types = types
        nameRuns = PersonNames.runs(lines: lines, pieces: pieces)
        placeRuns =
            restorer.settings.placeWeight > 0
            ? PlaceNames.runs(lines: lines, pieces: pieces) { [restorer] in restorer.places.spellings($0) } : [:]
        typeReadings = [Reading?](repeating: nil, count: types.count)
        mixture = ChannelMixture(weights: ChannelMixture.prior(for: degradation.kind))
        english = restorer.english
        collecting = DocumentCache(vocabularySize: restorer.lm.vocabulary.count, weight: 0)
    }

    var settings: Restorer.Settings { restorer.settings }
    /// Lattices of pass 1, rescored by later passes.
    var keptChunks: [Chunk] = []
    /// Inputs with more word tokens than this are decoded in one pass (no adaptation): the
    /// first pass's lattices are not kept, so memory does not grow with them.
    static let maxTokensForSecondPass = 300_000
    /// A line at least this long was probably wrapped by the page, not ended by the writer.
    static let wrappedLineLength = 45

    mutating func run() -> RestoredText {
        var choices = firstPass()
        cache.removeAll()
        typeReadings = [Reading?](repeating: nil, count: types.count)
        for pass in 0..<settings.adaptationPasses where adapts && !choices.isEmpty && !keptChunks.isEmpty {
            adapt(to: choices)
            if settings.cacheWeight > 0, let collected = collecting, !collected.isEmpty {
                // A cache of a few words is no distribution yet: its weight grows with the
                // evidence (`có bao nhiêu` alone must not become `cơ bao nhiêu` because `bao`
                // and `nhiêu` are each a fifth of its cache).
                let trust = collected.total / (collected.total + settings.cacheEvidence)
                documentCache = collected.weighted(settings.cacheWeight * trust)
            }
            collecting =
                pass + 1 < settings.adaptationPasses
                ? DocumentCache(vocabularySize: restorer.lm.vocabulary.count, weight: 0) : nil
            choices = laterPass()
        }
        orderListMarkers(&choices)
        return assemble(choices)
    }

    // MARK: Adaptation

    /// Whether later passes adapt to this document (clean text is left as it is).
    var adapts: Bool { settings.adaptationPasses > 0 && degradation.kind != .clean }

    /// Re-estimates the mixture weights from the decoded tokens, and the English-OCR channel
    /// from the confident readings, so the second pass knows this document's confusions.
    mutating func adapt(to choices: Choices) {
        var totals = SIMD4<Double>()
        var n = 0.0
        var counts: [EditChannel.RuleKey: Double] = [:]
        // A document repeats its words: each (spelling, reading) pair is aligned once and its
        // rules counted as often as it was read.
        var repeats: [UInt64: (line: Int, piece: Int, times: Double)] = [:]
        func align(_ li: Int, _ pi: Int, _ id: UInt16, times: Double) {
            let p = pieces[li][pi]
            let observed = Array(Tokenizer.observedKey(lines[li][p.start..<p.end]).unicodeScalars)
            for op in english.alignment(observed: observed, truth: Array(restorer.index.spelling(id))) {
                counts[op, default: 0] += times
            }
        }
        for (li, byPiece) in choices.byLine.enumerated() {
            for (pi, choice) in byPiece.enumerated() {
                guard let choice else { continue }
                let c = choices.best(choice)
                let r = mixture.responsibilities(c)
                totals += r
                n += 1
                guard choice.confidence >= 0.8, r[3] > 0.5, restorer.index.isSyllable[Int(c.id)] else { continue }
                let t = types.ofPiece[li][pi]
                guard t >= 0 else {
                    align(li, pi, c.id, times: 1)
                    continue
                }
                repeats[UInt64(t) << 16 | UInt64(c.id), default: (li, pi, 0)].times += 1
            }
        }
        for (key, seen) in repeats { align(seen.line, seen.piece, UInt16(truncatingIfNeeded: key), times: seen.times) }
        let prior = ChannelMixture.prior(for: degradation.kind)
        let strength = 30.0
        mixture = ChannelMixture(weights: (0..<4).map { (totals[$0] + strength * prior[$0]) / (n + strength) })
        guard !counts.isEmpty else { return }
        english = english.adapted(counts: counts, strength: settings.adaptationStrength)
    }
}
