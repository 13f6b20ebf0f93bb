// swift-tools-version: 6.1
import PackageDescription

// Library modules hold every stage's logic; the executables are thin shells over them.
// Stages pass plain value types (CongVanCore) so each can be tested and benchmarked alone:
// page image → OCRDocument → RestoredText → DirectiveRecord → store.
let package = Package(
    name: "CongVan",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "congvan", targets: ["congvan"]),
        .executable(name: "congvan-lexicon", targets: ["congvan-lexicon"]),
        .executable(name: "congvan-bench", targets: ["congvan-bench"]),
        .library(
            name: "CongVanKit",
            targets: ["CongVanCore", "CongVanOCR", "CongVanRestore", "CongVanParse", "CongVanStore", "CongVanPipeline"]
        ),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // C libraries' headers (apt: libtesseract-dev, libleptonica-dev); never visible outside
        // CongVanOCR. Not linked: CongVanOCR opens the libraries with dlopen when the first page is
        // read (see CTesseract/shim.h), so restore, parse and query start without loading
        // libtesseract and its ~60 dependencies. No pkg-config here, since SwiftPM would link
        // its `-l` flags into every executable.
        .systemLibrary(name: "CTesseract", providers: [.apt(["libtesseract-dev"])]),
        .systemLibrary(name: "CLeptonica", providers: [.apt(["libleptonica-dev"])]),

        // Shared value types, Vietnamese text primitives, input decoding, the lexicon container.
        .target(name: "CongVanCore"),
        // Stage 1: page images and PDFs to OCR lines.
        .target(name: "CongVanOCR", dependencies: ["CongVanCore", "CTesseract", "CLeptonica"]),
        // Stage 2: degraded Vietnamese to proper Vietnamese (channel model + syllable n-gram LM).
        .target(name: "CongVanRestore", dependencies: ["CongVanCore"]),
        // Stage 3: restored text to a directive record; the gazetteer of administrative units.
        .target(name: "CongVanParse", dependencies: ["CongVanCore"]),
        // Stage 4: records in SQLite, queries by commune.
        .target(
            name: "CongVanStore",
            dependencies: ["CongVanCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The batch job that chains the four stages.
        .target(
            name: "CongVanPipeline",
            dependencies: ["CongVanCore", "CongVanOCR", "CongVanRestore", "CongVanParse", "CongVanStore"]
        ),

        .executableTarget(
            name: "congvan",
            dependencies: [
                "CongVanCore", "CongVanOCR", "CongVanRestore", "CongVanParse", "CongVanStore", "CongVanPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "congvan-lexicon",
            dependencies: [
                "CongVanCore", "CongVanRestore", "CongVanParse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "congvan-bench",
            dependencies: ["CongVanPipeline", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // What every test target shares: the repository's paths, temporary folders, running the
        // built executable. Foundation only, so it never hides a stage's dependency.
        .target(name: "CongVanTestSupport"),
        .testTarget(name: "CongVanCoreTests", dependencies: ["CongVanCore", "CongVanTestSupport"]),
        .testTarget(name: "CongVanOCRTests", dependencies: ["CongVanOCR", "CongVanTestSupport"]),
        .testTarget(name: "CongVanRestoreTests", dependencies: ["CongVanRestore", "CongVanTestSupport"]),
        .testTarget(name: "CongVanParseTests", dependencies: ["CongVanParse", "CongVanRestore", "CongVanTestSupport"]),
        .testTarget(name: "CongVanStoreTests", dependencies: ["CongVanStore", "CongVanTestSupport"]),
        .testTarget(name: "CongVanPipelineTests", dependencies: ["CongVanPipeline", "CongVanTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
