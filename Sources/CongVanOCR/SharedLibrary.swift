import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tesseract and Leptonica are opened with dlopen on first use instead of being linked (see
/// `Sources/CTesseract/shim.h`), so `restore`, `parse` and `query` start without loading them.
/// This is the one place that opens them and resolves their functions.
enum SharedLibrary {
    /// Opens the first of `candidates` (file names for the dynamic loader) that loads and
    /// resolves `symbols` (space-separated) into `Table`, a C struct with one function pointer
    /// per symbol in the same order (`CVTesseract`, `CVLeptonica`). The library stays loaded.
    /// `.libraryMissing` names the apt package and the loader's reason.
    static func load<Table>(
        _ candidates: [String], package: String, symbols: String, as: Table.Type
    ) -> Result<Table, OCRError> {
        func missing(_ reason: String) -> Result<Table, OCRError> {
            .failure(.libraryMissing(library: candidates[0], package: package, reason: reason))
        }
        let names = symbols.split(separator: " ").map(String.init)
        guard MemoryLayout<Table>.size == names.count * MemoryLayout<UnsafeRawPointer>.size else {
            return missing("its function table does not match the \(names.count) names")
        }
        var reason = "not found"
        for (i, file) in candidates.enumerated() {
            guard let handle = dlopen(file, RTLD_NOW | RTLD_LOCAL) else {
                if i == 0, let error = dlerror() { reason = String(cString: error) }
                continue
            }
            let slots = UnsafeMutableRawPointer.allocate(
                byteCount: MemoryLayout<Table>.size, alignment: MemoryLayout<Table>.alignment)
            defer { slots.deallocate() }
            for (j, name) in names.enumerated() {
                guard let function = dlsym(handle, name) else {
                    dlclose(handle)
                    return missing("\(file) has no \(name); another version of the library?")
                }
                slots.storeBytes(
                    of: function, toByteOffset: j * MemoryLayout<UnsafeRawPointer>.stride,
                    as: UnsafeMutableRawPointer.self)
            }
            return .success(slots.load(as: Table.self))
        }
        return missing(reason)
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
