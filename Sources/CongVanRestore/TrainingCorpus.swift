import CongVanCore
import Foundation

/// The text the restoration models learn from, assembled from `../shared/data`.
///
/// Held-out rule (shared with `scripts/ocr_pairs.py`): a line of `legal/phapdien-diepxuan.txt`
/// whose 1-based number is divisible by 100 is never trained on; it is kept for evaluation.
public struct TrainingCorpus: Sendable {
    public let dataDirectory: String
    /// The project's glossary of directive phrasing (`Lexicons/sources/directive-phrases.txt`).
    public let phrasesFile: String?
    /// How many times each glossary phrase counts: 15 million corpus tokens would drown 160 lines.
    public static let phraseWeight = 20

    public init(dataDirectory: String, phrasesFile: String? = nil) {
        self.dataDirectory = dataDirectory
        self.phrasesFile = phrasesFile
    }

    public static let mainCorpus = "corpus/legal/phapdien-diepxuan.txt"
    public static let heldOutModulus = 100

    public static func isHeldOut(lineNumber: Int) -> Bool { lineNumber % heldOutModulus == 0 }

    /// Corpus files and how many times each is read (in-domain text counts for more).
    public var files: [(path: String, weight: Int)] {
        [
            (Self.mainCorpus, 1),
            ("corpus/legal/dvhcvn-resolutions.txt", 2),
            ("corpus/debian/manpages-vi.txt", 1),
        ]
    }

    /// Calls `body` with every training line: the corpus files minus held-out lines, then one
    /// line per administrative unit naming it with its district and province.
    public func forEachTrainingLine(_ body: (String) -> Void) throws {
        try forEachTextLine(body, units: true)
    }

    /// The training lines of running text: all but the units' lines, which the language model
    /// builder reads as a list (`LanguageModelBuilder.build(_:vocabulary:generalBigrams:names:)`).
    public func forEachRunningTextLine(_ body: (String) -> Void) throws {
        try forEachTextLine(body, units: false)
    }

    private func forEachTextLine(_ body: (String) -> Void, units: Bool) throws {
        for (file, weight) in files {
            let path = dataDirectory + "/" + file
            let holdOut = file == Self.mainCorpus
            for _ in 0..<weight {
                try Self.forEachLine(path) { number, line in
                    if holdOut && Self.isHeldOut(lineNumber: number) { return }
                    body(line)
                }
            }
        }
        if units { for line in try gazetteerLines() { body(line) } }
        if let phrasesFile {
            var phrases: [String] = []
            try Self.forEachLine(phrasesFile) { _, line in
                if !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    phrases.append(line.precomposedStringWithCanonicalMapping)
                }
            }
            for _ in 0..<Self.phraseWeight { phrases.forEach(body) }
        }
    }

    /// Word pairs of Tesseract's Vietnamese bigram list (general web text), most frequent first,
    /// as written (the case tells names from common words). Pairs with no mark on either word are left out: most are web text typed
    /// without diacritics (`cho cac`, `ta se`) or English, and would teach the model that
    /// stripped spellings are words.
    public func generalBigrams() throws -> [(String, String)] {
        var out: [(String, String)] = []
        try Self.forEachLine(dataDirectory + "/corpus/tesseract-langdata/vie.word.bigrams") { _, line in
            let words = line.precomposedStringWithCanonicalMapping.split(separator: " ")
            guard words.count == 2, words.allSatisfy({ $0.unicodeScalars.allSatisfy(Tokenizer.isLetter) }),
                !words.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } })
            else { return }
            out.append((String(words[0]), String(words[1])))
        }
        return out
    }

    /// Held-out lines of the main corpus.
    public func forEachHeldOutLine(_ body: (String) -> Void) throws {
        try Self.forEachLine(dataDirectory + "/" + Self.mainCorpus) { number, line in
            if Self.isHeldOut(lineNumber: number) { body(line) }
        }
    }

    /// "xã Trường Hà, huyện Hà Quảng, tỉnh Cao Bằng" for every unit of every snapshot (deduplicated),
    /// so place names and their administrative words are in the model. The words for a kind of
    /// unit are written in lower case, as running text writes them: only the names are names.
    public func gazetteerLines() throws -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for snapshot in ["units-2019-12.json", "units-2021-02.json", "units-2025-03.json"] {
            let url = URL(fileURLWithPath: dataDirectory + "/gazetteer/" + snapshot)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
            for province in json?["data"] as? [[String: Any]] ?? [] {
                let p = province["name"] as? String ?? ""
                for district in province["level2s"] as? [[String: Any]] ?? [] {
                    let d = district["name"] as? String ?? ""
                    for commune in district["level3s"] as? [[String: Any]] ?? [] {
                        let names = [commune["name"] as? String ?? "", d, p].map(Self.lowercasingKind)
                        let line = names.joined(separator: ", ").precomposedStringWithCanonicalMapping
                        if seen.insert(line).inserted { out.append(line) }
                    }
                }
            }
        }
        return out
    }

    /// A unit's name with its first letter (that of its kind: `Xã`, `Thành phố`) in lower case.
    static func lowercasingKind(_ name: String) -> String {
        guard let first = name.first else { return name }
        return Vietnamese.lowercase(String(first)) + name.dropFirst()
    }

    /// Streams a UTF-8 file line by line (1-based numbers) without loading it whole as a String.
    static func forEachLine(_ path: String, _ body: (Int, String) -> Void) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw CoreError.fileNotFound(path: path) }
        var number = 0
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var start = 0
            let n = raw.count
            while start < n {
                var end = start
                while end < n && raw[end] != 10 { end += 1 }
                number += 1
                let line = String(decoding: UnsafeRawBufferPointer(rebasing: raw[start..<end]), as: UTF8.self)
                body(number, line)
                start = end + 1
            }
        }
    }
}
