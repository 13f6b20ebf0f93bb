import ArgumentParser
import CongVanCore
import CongVanRestore
import Foundation

/// `congvan-lexicon lm`: the syllable trigram model for restoration.
struct LanguageModelStep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lm",
        abstract: "Build the syllable trigram language model (restore-lm.cvlex)."
    )

    @OptionGroup var options: BuilderOptions

    @Option(help: "Prune trigrams seen fewer times than this.")
    var trigramCutoff = 1

    @Option(name: .customLong("general-bigrams"), help: "Add Tesseract's ranked Vietnamese bigram list (true/false).")
    var useGeneralBigrams = true

    @Option(help: "The general-language bigrams' share in the mixed model (0 to 1).")
    var generalWeight = LanguageModelBuilder.Options().generalWeight

    @Option(help: "Hunspell dictionary whose syllables cross-check and extend the inventory (Debian: hunspell-vi).")
    var hunspell = "/usr/share/hunspell/vi_VN.dic"

    func run() throws {
        guard let dic = FileManager.default.contents(atPath: hunspell) else {
            throw ValidationError("\(hunspell) is missing; install it with: apt-get install hunspell-vi")
        }
        let extra = String(decoding: dic, as: UTF8.self).split(separator: "\n").dropFirst()
            .map { String($0.split(separator: "/").first ?? "").precomposedStringWithCanonicalMapping }
        let corpus = TrainingCorpus(
            dataDirectory: options.data, phrasesFile: options.outPath("sources/directive-phrases.txt"))
        var settings = LanguageModelBuilder.Options()
        settings.trigramCutoff = trigramCutoff
        settings.generalWeight = generalWeight
        let builder = LanguageModelBuilder(options: settings)
        let clock = ContinuousClock()
        let start = clock.now
        let vocabulary = try builder.vocabulary(corpus.forEachTrainingLine, extraSyllables: extra)
        log("vocabulary: \(vocabulary.count) words (\(clock.now - start))")
        let bigrams = useGeneralBigrams ? try corpus.generalBigrams() : []
        let data = try builder.build(
            corpus.forEachRunningTextLine, vocabulary: vocabulary, generalBigrams: bigrams,
            names: try corpus.gazetteerLines())
        log(
            "n-grams: \(data.bigrams.count) bigrams, \(data.trigrams.count) trigrams (\(clock.now - start)); names': \(data.properBigrams.count) bigrams, \(data.properTrigrams.count) trigrams, \(data.properBigramStarts.count) bigrams by their first word"
        )
        // One more pass over the corpus, each line tokenized once for every collector.
        var runs: [String: Int] = [:]
        var patterns: [String: Int] = [:]
        var codeParts: [String: Int] = [:]
        var agencyInitials: [String: Int] = [:]
        var definitions: [String: [String: Int]] = [:]
        var properNouns = [UInt32](repeating: 0, count: vocabulary.count)
        try corpus.forEachTrainingLine {
            let line = TokenizedLine($0)
            AbbreviationTable.collect(line, runs: &runs, patterns: &patterns)
            DocumentCodes.collect(line, written: &codeParts, initials: &agencyInitials)
            AcronymExpansions.collect(line, into: &definitions)
            PersonNames.countProperNouns(line, vocabulary: vocabulary, into: &properNouns)
        }
        let table = AbbreviationTable(counts: runs, patterns: patterns)
        log("abbreviations: \(table.counts.count) spellings and \(table.patterns.count) code shapes seen 3+ times")
        let codes = DocumentCodes(written: codeParts, initials: agencyInitials)
        log(
            "document codes: \(codes.written.count) written parts and \(codes.initials.count) agencies' initials with D or Đ seen 3+ times"
        )
        log("proper nouns: \(properNouns.reduce(0) { $0 + Int($1) }) capitalised words inside sentences")
        var writer = LexiconWriter()
        LanguageModel.write(data, into: &writer)
        writer.add(PersonNames.properNounSection, array: properNouns)
        let units = try corpus.gazetteerLines().flatMap { $0.components(separatedBy: ", ") }
        let places = PlaceNames.encode(units: units, vocabulary: vocabulary)
        log("places: \(places.filter { $0 == LMToken.unknown }.count) unit names")
        writer.add(PlaceNames.section, array: places)
        let acronyms = AcronymExpansions(counts: definitions, vocabulary: vocabulary)
        log(
            "acronyms outside the vocabulary, read as their definitions: \(acronyms.expansions.keys.sorted().joined(separator: ", "))"
        )
        var expansions = ByteWriter()
        acronyms.write(into: &expansions)
        writer.add(AcronymExpansions.section, expansions.bytes)
        var abbr = ByteWriter()
        table.write(into: &abbr)
        writer.add(LexiconSection.abbreviations, abbr.bytes)
        var codeSection = ByteWriter()
        codes.write(into: &codeSection)
        writer.add(DocumentCodes.section, codeSection.bytes)
        try writer.write(to: options.outPath("restore-lm.cvlex"))
        log("wrote \(options.outPath("restore-lm.cvlex")) (\(writer.data().count / 1_048_576) MiB)")
    }
}

func log(_ message: String) {
    FileHandle.standardError.write(Data(("congvan-lexicon: " + message + "\n").utf8))
}
