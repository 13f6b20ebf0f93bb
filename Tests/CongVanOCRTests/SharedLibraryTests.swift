import Foundation
import Testing
@testable import CongVanOCR

@Suite("Shared libraries")
struct SharedLibraryTests {
    @Test("a library the loader cannot open is reported with the apt package to install")
    func missingLibraryNamesPackage() {
        let result = SharedLibrary.load(["libcongvan-absent.so.1", "libcongvan-absent.so"], package: "libcongvan-absent1") {
            name, error -> UnsafePointer<Int32>? in
            if dlopen(name, RTLD_NOW) == nil { error = UnsafePointer(dlerror()) }
            return nil
        }
        guard case .failure(.libraryMissing(let library, let package, let reason)) = result else {
            Issue.record("expected .libraryMissing, got \(result)")
            return
        }
        #expect(library == "libcongvan-absent.so.1")
        #expect(package == "libcongvan-absent1")
        #expect(reason.contains("libcongvan-absent.so.1"))  // the loader's own reason
        #expect(OCRError.libraryMissing(library: library, package: package, reason: reason).localizedDescription
            .hasSuffix("install the apt package libcongvan-absent1."))
    }

    @Test("the later candidates are tried when the first name is absent")
    func laterCandidate() throws {
        let table = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        table.initialize(to: 7)
        defer { table.deallocate() }
        var tried: [String] = []
        let result = SharedLibrary.load(["libcongvan-absent.so.1", "libc.so.6"], package: "libc6") {
            name, error -> UnsafePointer<Int32>? in
            tried.append(name)
            return dlopen(name, RTLD_NOW) == nil ? nil : UnsafePointer(table)
        }
        #expect(tried == ["libcongvan-absent.so.1", "libc.so.6"])
        #expect(try result.get() == 7)
    }

    @Test("Tesseract and Leptonica are opened on first use and report Tesseract's version")
    func installedLibrariesLoad() throws {
        _ = try PageImage.library.get()
        let version = try #require(TesseractAPI.version)
        #expect(version.first?.isNumber == true)
    }
}
