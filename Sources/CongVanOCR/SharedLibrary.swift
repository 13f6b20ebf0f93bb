import Foundation

/// Tesseract and Leptonica are opened with dlopen on first use instead of being linked (see
/// `Sources/CTesseract/shim.h`), so `restore`, `parse` and `query` start without loading them.
enum SharedLibrary {
    /// The first of `candidates` (file names for the dynamic loader) that `open` loads: a copy of
    /// its table of functions, or `.libraryMissing` naming the apt package and the loader's reason.
    static func load<Table>(
        _ candidates: [String], package: String,
        _ open: (_ name: String, _ error: inout UnsafePointer<CChar>?) -> UnsafePointer<Table>?
    ) -> Result<Table, OCRError> {
        var reason = "not found"
        for name in candidates {
            var error: UnsafePointer<CChar>?
            if let table = open(name, &error) { return .success(table.pointee) }
            if name == candidates.first, let error { reason = String(cString: error) }
        }
        return .failure(.libraryMissing(library: candidates[0], package: package, reason: reason))
    }

    /// Platform file names, most specific first.
    static func names(linux: [String], macOS: [String]) -> [String] {
        #if os(macOS)
        return macOS
        #else
        return linux
        #endif
    }
}
