/// The names of the sections of the lexicon files, one constant per section: the builder
/// (`congvan-lexicon`) writes and the stages read under the same name, never two spellings.
public enum LexiconSection {
    // restore-lm.cvlex: the syllable language model and what restoration keeps beside it.
    public static let vocabularyOffsets = "lm.vocab.off"
    public static let vocabularyStrings = "lm.vocab.str"
    public static let vocabularySyllables = "lm.vocab.syl"
    public static let vocabularyKeys = "lm.vocab.key"
    public static let unigrams = "lm.uni"
    public static let bigrams = "lm.bi"
    public static let trigrams = "lm.tri"
    public static let bigramFilter = "lm.bi.filter"
    public static let trigramFilter = "lm.tri.filter"
    /// Suffix of a filter's block-start array (`lm.bi.filter.start`).
    public static let filterBlockSuffix = ".start"
    /// The skeleton trie: child starts, letters, nodes, word starts, words.
    public static let skeletonTrie = [
        "idx.child.start", "idx.child.letter", "idx.child.node", "idx.word.start", "idx.word",
    ]
    public static let abbreviations = "abbr"
    public static let documentCodes = "codes"
    public static let acronyms = "acronyms"
    public static let places = "places"
    public static let properNouns = "names.proper"

    // restore-channel.cvlex: one OCR channel per model that made the text.
    public static let englishChannel = "ch.eng"
    public static let vietnameseChannel = "ch.vie"
    /// The channel section of OCR model `kind` (`eng`, `vie`).
    public static func channel(_ kind: String) -> String { "ch." + kind }

    // gazetteer.cvlex
    public static let gazetteerStrings = "gaz.strings"
    public static let gazetteerUnits = "gaz.units"
    public static let gazetteerToneHash = "gaz.tone.hash"
    public static let gazetteerToneUnit = "gaz.tone.unit"
    public static let gazetteerFoldHash = "gaz.fold.hash"
    public static let gazetteerFoldUnit = "gaz.fold.unit"
    public static let gazetteerToneKey = "gaz.tone.key"
    public static let gazetteerFoldKey = "gaz.fold.key"
    public static let gazetteerMeta = "gaz.meta"
}
