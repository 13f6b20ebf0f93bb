/// Stage 2's output: the repaired text, line for line, and per token what changed and how sure
/// the restorer is, so a person can review the doubtful ones.

public struct RestoredText: Sendable, Codable, Equatable {
    /// The restored text; line N is the restoration of input line N.
    public var text: String
    /// Every word token (not punctuation or spaces), in order.
    public var tokens: [RestoredToken]
    public var degradation: Degradation
    public init(text: String, tokens: [RestoredToken], degradation: Degradation) {
        self.text = text
        self.tokens = tokens
        self.degradation = degradation
    }
}

public struct RestoredToken: Sendable, Codable, Equatable {
    /// 1-based line number in the input.
    public var line: Int
    public var input: String
    public var output: String
    /// Posterior probability of `output`, 0–1.
    public var confidence: Double
    /// The next best readings, most probable first.
    public var alternatives: [Alternative]
    public init(line: Int, input: String, output: String, confidence: Double, alternatives: [Alternative]) {
        self.line = line
        self.input = input
        self.output = output
        self.confidence = confidence
        self.alternatives = alternatives
    }
}

public struct Alternative: Sendable, Codable, Equatable {
    public var text: String
    public var probability: Double
    public init(text: String, probability: Double) {
        self.text = text
        self.probability = probability
    }
}

/// How damaged an input looks, measured before restoring it.
public struct Degradation: Sendable, Codable, Equatable {
    /// Word tokens examined.
    public var tokens: Int
    /// Share of word tokens that are not valid Vietnamese syllables (in any case or marking).
    public var invalidShare: Double
    /// Share of word tokens mixing letters and digits (`s6`, `x4`).
    public var digitInWordShare: Double
    /// Share of word tokens carrying marks Vietnamese never puts there (`€`, `¢`, `§`, `é` on a
    /// consonant cluster that allows none).
    public var impossibleMarkShare: Double
    /// Share of word tokens carrying any Vietnamese mark at all.
    public var markedShare: Double
    /// The kind of input the measures point to.
    public var kind: InputKind

    public init(
        tokens: Int, invalidShare: Double, digitInWordShare: Double, impossibleMarkShare: Double, markedShare: Double,
        kind: InputKind
    ) {
        self.tokens = tokens
        self.invalidShare = invalidShare
        self.digitInWordShare = digitInWordShare
        self.impossibleMarkShare = impossibleMarkShare
        self.markedShare = markedShare
        self.kind = kind
    }

    public enum InputKind: String, Sendable, Codable {
        /// Proper Vietnamese: leave it alone.
        case clean
        /// Diacritics removed, letters intact.
        case stripped
        /// Vietnamese-model OCR: marks present but some tones slipped.
        case toneSlips
        /// English-model OCR: marks gone and letters mangled.
        case garbled
        /// Too little text to tell.
        case unknown
    }

    /// Whether restoration should run at all (`parse --restore auto`).
    public var needsRestoration: Bool { kind != .clean && kind != .unknown }
}
