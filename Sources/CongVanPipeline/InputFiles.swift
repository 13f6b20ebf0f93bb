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

    /// Files named directly, and files with a known extension found (recursively) in folders,
    /// sorted and without duplicates; hidden files and folders, OCR ground truth (`*.gt.txt`)
    /// and anything under `excluded`
    /// (the output folder, so a rerun does not read its own `.txt` output) are left out.
    /// A missing path or a named file of another type becomes a failure.
    /// With `grouping`, the page images of one letter become one input (`PageGroups`).
    public static func collect(
        _ inputs: [String], excluding excluded: [String] = [], grouping: PageGrouping = .none
    )
        -> (files: [InputFile], failures: [ConvertFailure], skipped: Int)
    {
        let fm = FileManager.default
        let excludedPrefixes = excluded.map { canonical($0) + "/" }
        func isExcluded(_ path: String) -> Bool {
            let c = canonical(path) + "/"
            return excludedPrefixes.contains { c.hasPrefix($0) }
        }
        var found: [(String, StoredDocument.InputType)] = []
        var failures: [ConvertFailure] = []
        var skipped = 0
        for input in inputs {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: input, isDirectory: &isDir) else {
                failures.append(ConvertFailure(path: input, reason: PipelineError.fileNotFound(path: input)))
                continue
            }
            if !isDir.boolValue {
                if let type = type(of: input) {
                    found.append((input, type))
                } else {
                    failures.append(ConvertFailure(path: input, reason: PipelineError.unsupportedType(path: input)))
                }
                continue
            }
            if isExcluded(input) { continue }
            let base = URL(fileURLWithPath: input)
            guard
                let walker = fm.enumerator(
                    at: base, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey],
                    options: [.skipsHiddenFiles])
            else {
                failures.append(
                    ConvertFailure(
                        path: input,
                        reason: PipelineError.unreadable(path: input, reason: "the folder cannot be listed")))
                continue
            }
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
                let path =
                    input.hasSuffix("/") ? input + relative(url, to: base) : input + "/" + relative(url, to: base)
                if values?.isDirectory == true {
                    if isExcluded(path) { walker.skipDescendants() }
                    continue
                }
                guard values?.isRegularFile == true else { continue }
                if let type = type(of: path), !isGroundTruth(path) { found.append((path, type)) } else { skipped += 1 }
            }
        }
        var seen = Set<String>()
        let unique = found.filter { seen.insert(canonical($0.0)).inserted }.sorted { $0.0 < $1.0 }
        let types = Dictionary(unique, uniquingKeysWith: { a, _ in a })
        let documents = PageGroups.group(unique.map(\.0), isImage: { types[$0] == .image }, by: grouping)
        let names = outputNames(documents.map { $0.name ?? $0.files[0] })
        let files = zip(documents, names).map { document, name in
            InputFile(
                path: document.name ?? document.files[0], type: types[document.files[0]]!, outputName: name,
                pages: document.files)
        }
        return (files, failures, skipped)
    }

    /// `page.gt.txt` beside `page.png` is an OCR ground-truth file (the tesstrain convention),
    /// not a document; found in a folder it is left alone (named on its own it is converted).
    static func isGroundTruth(_ path: String) -> Bool { path.lowercased().hasSuffix(".gt.txt") }

    static func type(of path: String) -> StoredDocument.InputType? {
        extensions[URL(fileURLWithPath: path).pathExtension.lowercased()]
    }

    /// `letter.png` → `letter`; when two inputs share a stem the extension is kept
    /// (`letter.tif`, `letter.pdf`), and when they share the whole file name a short hash of
    /// the path tells them apart.
    static func outputNames(_ paths: [String]) -> [String] {
        let files = paths.map { URL(fileURLWithPath: $0).lastPathComponent }
        let stems = files.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        var stemCount: [String: Int] = [:]
        var fileCount: [String: Int] = [:]
        for s in stems { stemCount[s, default: 0] += 1 }
        for f in files { fileCount[f, default: 0] += 1 }
        return paths.indices.map { i in
            if stemCount[stems[i]] == 1 { return stems[i] }
            if fileCount[files[i]] == 1 { return files[i] }
            return files[i] + "-" + ContentHash.hex(of: Array(canonical(paths[i]).utf8)).prefix(8)
        }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func relative(_ url: URL, to base: URL) -> String {
        let full = url.standardizedFileURL.path
        let root = base.standardizedFileURL.path
        return full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : url.lastPathComponent
    }
}
