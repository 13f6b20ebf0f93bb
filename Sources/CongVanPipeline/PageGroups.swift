import Foundation

/// How page images become documents (`--group`).
public enum PageGrouping: String, Sendable, CaseIterable {
    /// Images in one folder sharing a stem and numbered as pages (`name-p1.png`, `name_001.jpg`,
    /// `name (2).jpg`, `name page 3.tif`) are one document, in page order.
    case auto
    /// Every folder's images are one document, in file-name order (numbers compared as numbers).
    case folder
    /// One file, one document.
    case none
}

/// Groups the page images of one letter into one input. Only images are grouped (PNG, JPEG,
/// TIFF); a PDF or text file is always a document of its own.
enum PageGroups {
    /// The stem and page number of a page image's name (without extension), or nil when the
    /// name carries no page number: `name-p1`, `name_p1`, `name_001`, `name (2)`, `name page 3`,
    /// `name-page-3`, `name trang 3` (Vietnamese "page"); case does not matter.
    static func pageNumber(of stem: String) -> (stem: String, page: Int)? {
        let scalars = Array(stem.unicodeScalars)
        var end = scalars.count
        // "name (2)"
        if end >= 4, scalars[end - 1] == ")" {
            var start = end - 1
            while start > 0, isDigit(scalars[start - 1]) { start -= 1 }
            if start < end - 1, start >= 2, scalars[start - 1] == "(", scalars[start - 2] == " " {
                return make(scalars, stemEnd: start - 2, digits: start..<(end - 1))
            }
            return nil
        }
        var start = end
        while start > 0, isDigit(scalars[start - 1]) { start -= 1 }
        guard start < end, start > 0, end - start <= 4 else { return nil }
        let digits = start..<end
        end = start
        let lower = String(String.UnicodeScalarView(scalars[..<end])).lowercased()
        // "name page 3", "name-page-3", "name_page3", "name trang 3"
        for word in ["page", "trang"] {
            for after in ["", " ", "-", "_"] {
                for before in [" ", "-", "_"] where lower.hasSuffix(before + word + after) {
                    let cut = (before + word + after).unicodeScalars.count
                    return make(scalars, stemEnd: end - cut, digits: digits)
                }
            }
        }
        // "name-p1", "name_p1", "name p1"
        if lower.hasSuffix("p"), end >= 2, [" ", "-", "_"].contains(scalars[end - 2]) {
            return make(scalars, stemEnd: end - 2, digits: digits)
        }
        // "name_001"
        if scalars[end - 1] == "_" { return make(scalars, stemEnd: end - 1, digits: digits) }
        return nil
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }

    private static func make(_ scalars: [Unicode.Scalar], stemEnd: Int, digits: Range<Int>) -> (String, Int)? {
        guard stemEnd > 0, let page = Int(String(String.UnicodeScalarView(scalars[digits]))) else { return nil }
        let stem = String(String.UnicodeScalarView(scalars[..<stemEnd]))
        guard stem.contains(where: { !$0.isWhitespace }) else { return nil }
        return (stem, page)
    }

    /// One entry per document: `(name, files)`, where `name` is the group's path (folder and
    /// stem, or the folder itself) or nil for a file that stays a document of its own.
    /// The order of `paths` is kept, a group taking the place of its first file.
    static func group(
        _ paths: [String], isImage: (String) -> Bool, by grouping: PageGrouping
    )
        -> [(name: String?, files: [String])]
    {
        guard grouping != .none else { return paths.map { (nil, [$0]) } }
        var members: [String: [(page: Int, name: String, path: String)]] = [:]
        var keyOf: [Int: String] = [:]
        var unnumbered: [Int: String] = [:]
        for (i, path) in paths.enumerated() where isImage(path) {
            let url = URL(fileURLWithPath: path)
            let folder = (path as NSString).deletingLastPathComponent
            let file = url.lastPathComponent
            let key: String
            let page: Int
            switch grouping {
            case .auto:
                let stem = url.deletingPathExtension().lastPathComponent
                guard let numbered = pageNumber(of: stem) else {
                    // `Scan.jpg` beside `Scan (2).jpg`: the unnumbered first page, if a group forms.
                    unnumbered[i] = folder.isEmpty ? stem : folder + "/" + stem
                    continue
                }
                key = folder.isEmpty ? numbered.stem : folder + "/" + numbered.stem
                page = numbered.page
            case .folder:
                key = folder.isEmpty ? "." : folder
                page = 0
            case .none:
                continue
            }
            keyOf[i] = key
            members[key, default: []].append((page, file, path))
        }
        for (i, key) in unnumbered where members[key] != nil {
            keyOf[i] = key
            members[key]!.append((0, URL(fileURLWithPath: paths[i]).lastPathComponent, paths[i]))
        }
        var out: [(name: String?, files: [String])] = []
        var emitted = Set<String>()
        for (i, path) in paths.enumerated() {
            guard let key = keyOf[i], let group = members[key], group.count > 1 else {
                out.append((nil, [path]))
                continue
            }
            // Two files claiming one page number: not a clear page sequence, so no group.
            if grouping == .auto, Set(group.map(\.page)).count != group.count {
                out.append((nil, [path]))
                continue
            }
            guard emitted.insert(key).inserted else { continue }
            let ordered = group.sorted {
                $0.page != $1.page
                    ? $0.page < $1.page
                    : $0.name.compare($1.name, options: [.numeric, .caseInsensitive]) == .orderedAscending
            }
            out.append((key, ordered.map(\.path)))
        }
        return out
    }
}
