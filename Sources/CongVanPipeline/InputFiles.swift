import CongVanStore
import Foundation

/// One file `convert` will process.
public struct InputFile: Sendable, Equatable {
    /// The file; for page images grouped into one document, the group's name (folder and stem).
    public var path: String
    public var type: StoredDocument.InputType
    /// Base name (without extension) of its `--out` files, unique within the batch.
    public var outputName: String
    /// The files holding its pages, in page order: `[path]` for a document of one file.
    public var pages: [String]

    public init(path: String, type: StoredDocument.InputType, outputName: String, pages: [String]? = nil) {
        self.path = path
        self.type = type
        self.outputName = outputName
        self.pages = pages ?? [path]
    }
}

/// Expands `convert`'s arguments into the files to process.
public enum InputFiles {
    public static let extensions: [String: StoredDocument.InputType] = [
        "png": .image, "jpg": .image, "jpeg": .image, "tif": .image, "tiff": .image, "pdf": .pdf, "txt": .text,
    ]

    /// Files named directly, and files with a known extension found (recursively, links to folders
    /// followed) in folders, sorted and without duplicates; hidden files and folders, OCR ground
    /// truth (`*.gt.txt`) and anything under `excluded` (the output folder, so a rerun does not
    /// read its own `.txt` output) are left out. A missing path, a named file of another type, a
    /// folder that cannot be listed, a name that is not UTF-8 and a pipe or device become
    /// failures (`FolderWalk`). With `grouping`, the page images of one letter become one input
    /// (`PageGroups`), named like any other input (`outputNames`).
    public static func collect(
        _ inputs: [String], excluding excluded: [String] = [], grouping: PageGrouping = .none
    )
        -> (files: [InputFile], failures: [ConvertFailure], skipped: [String])
    {
        let excludedPrefixes = excluded.map { canonical($0) + "/" }
        func isExcluded(_ path: String) -> Bool {
            let c = canonical(path) + "/"
            return excludedPrefixes.contains { c.hasPrefix($0) }
        }
        let walk = FolderWalk.walk(inputs, isExcluded: isExcluded, typeOf: type(of:), isGroundTruth: isGroundTruth)
        let found = walk.files.map { ($0.path, $0.type) }
        var seen = Set<String>()
        let unique = found.filter { seen.insert(canonical($0.0)).inserted }.sorted { $0.0 < $1.0 }
        let types = Dictionary(unique, uniquingKeysWith: { a, _ in a })
        let documents = PageGroups.group(unique.map(\.0), isImage: { types[$0] == .image }, by: grouping)
        let names = outputNames(documents.map { $0.name ?? $0.files[0] }, groups: documents.map { $0.name != nil })
        let files = zip(documents, names).map { document, name in
            InputFile(
                path: document.name ?? document.files[0], type: types[document.files[0]]!, outputName: name,
                pages: document.files)
        }
        return (files, walk.failures, walk.skipped.sorted())
    }

    /// `page.gt.txt` beside `page.png` is an OCR ground-truth file (the tesstrain convention),
    /// not a document; found in a folder it is left alone (named on its own it is converted).
    static func isGroundTruth(_ path: String) -> Bool { path.lowercased().hasSuffix(".gt.txt") }

    static func type(of path: String) -> StoredDocument.InputType? {
        extensions[URL(fileURLWithPath: path).pathExtension.lowercased()]
    }

    /// `letter.png` → `letter`; when two inputs share a stem the extension is kept
    /// (`letter.tif`, `letter.pdf`), and when they share the whole file name a short hash of
    /// the path tells them apart. A name one rule gives that another rule gives another input
    /// (`x.txt` for both `x.txt` beside `x.png` and `x.txt.txt`) gets the hash too. These are
    /// the names the batch asks for; the store keeps the name a file had before, and gives a
    /// taken one a hash (`Store.outputName`). A group of page images (`groups[i]`) is named by
    /// its stem, which has no extension to take off (`scan.v2` for `scan.v2-p1.png` …).
    static func outputNames(_ paths: [String], groups: [Bool] = []) -> [String] {
        let files = paths.map { URL(fileURLWithPath: $0).lastPathComponent }
        let stems = files.indices.map { i in
            i < groups.count && groups[i]
                ? files[i] : URL(fileURLWithPath: files[i]).deletingPathExtension().lastPathComponent
        }
        var stemCount: [String: Int] = [:]
        var fileCount: [String: Int] = [:]
        for s in stems { stemCount[s, default: 0] += 1 }
        for f in files { fileCount[f, default: 0] += 1 }
        func hashed(_ i: Int) -> String {
            files[i] + "-" + ContentHash.hex(of: Array(canonical(paths[i]).utf8)).prefix(8)
        }
        let first = paths.indices.map { i in
            if stemCount[stems[i]] == 1 { return stems[i] }
            if fileCount[files[i]] == 1 { return files[i] }
            return hashed(i)
        }
        var used: [String: Int] = [:]
        for name in first { used[name.lowercased(), default: 0] += 1 }
        return paths.indices.map { used[first[$0].lowercased()] == 1 ? first[$0] : hashed($0) }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
