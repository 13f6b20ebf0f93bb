import Foundation
import Testing

@testable import CongVanOCR

@Suite("Shared libraries")
struct SharedLibraryTests {
    /// Two C functions from libc, as a table of function pointers.
    typealias LibcTable = (strlen: @convention(c) (UnsafePointer<CChar>) -> Int, abs: @convention(c) (Int32) -> Int32)

    @Test("a library the loader cannot open is reported with the apt package to install")
    func missingLibraryNamesPackage() {
        let result = SharedLibrary.load(
            ["libcongvan-absent.so.1", "libcongvan-absent.so"], package: "libcongvan-absent1",
            symbols: "strlen abs", as: LibcTable.self)
        guard case .failure(.libraryMissing(let library, let package, let reason)) = result else {
            Issue.record("expected .libraryMissing, got \(result)")
            return
        }
        #expect(library == "libcongvan-absent.so.1")
        #expect(package == "libcongvan-absent1")
        #expect(reason.contains("libcongvan-absent.so.1"))  // the loader's own reason
        #expect(
            OCRError.libraryMissing(library: library, package: package, reason: reason).localizedDescription
                .hasSuffix("install the apt package libcongvan-absent1."))
    }

    @Test("the later candidates are tried, and the table's functions are the library's")
    func laterCandidateFillsTable() throws {
        let table = try SharedLibrary.load(
            ["libcongvan-absent.so.1", "libc.so.6"], package: "libc6",
            symbols: "strlen abs", as: LibcTable.self
        ).get()
        #expect(table.strlen("thôn") == 5)
        #expect(table.abs(-7) == 7)
    }

    @Test("a library without one of the functions, or a table of the wrong size, is refused")
    func missingSymbolOrWrongTable() {
        let noSymbol = SharedLibrary.load(
            ["libc.so.6"], package: "libc6", symbols: "strlen congvan_absent", as: LibcTable.self)
        guard case .failure(.libraryMissing(_, _, let reason)) = noSymbol else {
            Issue.record("expected .libraryMissing, got \(noSymbol)")
            return
        }
        #expect(reason.contains("congvan_absent"))
        #expect(throws: OCRError.self) {
            try SharedLibrary.load(["libc.so.6"], package: "libc6", symbols: "strlen", as: LibcTable.self).get()
        }
    }

    @Test("Tesseract and Leptonica are opened on first use and report Tesseract's version")
    func installedLibrariesLoad() throws {
        _ = try PageImage.library.get()
        let version = try #require(TesseractAPI.version)
        #expect(version.first?.isNumber == true)
    }
}
