import Foundation

/// Finds Tesseract's language data (`<tessdata>/<lang>.traineddata`) the way Tesseract does, so a
/// missing language pack is reported as such (with the apt package to install) instead of as a
/// failed engine.
public enum LanguageData {
    /// Folders searched when no data path is given: `TESSDATA_PREFIX` (Tesseract 4/5 meaning, then
    /// the 3.x meaning with `tessdata/` below it), then the usual Debian, Homebrew and source-build
    /// locations.
    public static func searchPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var folders: [String] = []
        if let prefix = environment["TESSDATA_PREFIX"], !prefix.isEmpty {
            folders += [prefix, (prefix as NSString).appendingPathComponent("tessdata")]
        }
        folders += [
            "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
            "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata",
        ]
        return folders.map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 }
    }

    /// The language codes of a Tesseract language string ("vie+eng" → ["vie", "eng"]).
    public static func components(of language: String) throws(OCRError) -> [String] {
        let parts = language.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        let valid = parts.allSatisfy { part in
            !part.isEmpty
                && part.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
                        || $0 == "-"
                }
        }
        guard valid else { throw .invalidLanguage(language) }
        return parts
    }

    /// Debian's package for a language code ("vie" → "tesseract-ocr-vie", "chi_sim" → "tesseract-ocr-chi-sim").
    public static func aptPackage(for code: String) -> String {
        "tesseract-ocr-" + code.lowercased().replacingOccurrences(of: "_", with: "-")
    }

    /// The folder that holds every component of `language`: `dataPath` itself when given, else the
    /// first folder of `searchPath()` that has them all. Throws `.languageDataMissing` naming the
    /// first missing component's package when none has.
    public static func locate(
        language: String, dataPath: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(OCRError) -> String {
        let codes = try components(of: language)
        let folders = dataPath.map { [$0] } ?? searchPath(environment: environment)
        let fm = FileManager.default
        func has(_ code: String, in folder: String) -> Bool {
            fm.isReadableFile(atPath: (folder as NSString).appendingPathComponent("\(code).traineddata"))
        }
        if let folder = folders.first(where: { folder in codes.allSatisfy { has($0, in: folder) } }) {
            return folder
        }
        let missing = codes.first { code in !folders.contains { has(code, in: $0) } } ?? codes[0]
        throw .languageDataMissing(language: missing, searched: folders, package: aptPackage(for: missing))
    }
}
