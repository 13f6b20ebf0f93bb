import CongVanCore
import CongVanOCR
import Foundation

/// Runs the built `congvan` executable, as a person or a script would.
enum CLI {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The executable built beside the test bundle (`swift build --build-tests` builds both).
    static var binary: String? {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
            .appendingPathComponent("congvan").path
        for candidate in [besideTests, repository + "/.build/debug/congvan"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    /// The lexicons the real stages load (`CONGVAN_LEXICONS`, else the repository's `Lexicons/`).
    static var lexicons: String {
        ProcessInfo.processInfo.environment["CONGVAN_LEXICONS"].flatMap { $0.isEmpty ? nil : $0 } ?? repository
            + "/Lexicons"
    }

    /// Whether the real stages can run here: the executable, the restoration and gazetteer
    /// lexicons (`scripts/build-lexicons.sh`) and Tesseract's Vietnamese data.
    static var realStagesAvailable: Bool {
        binary != nil && EndToEnd.available
    }

    /// Tesseract's Vietnamese data (apt package tesseract-ocr-vie) in a folder the OCR stage searches.
    static var tesseractVietnamese: Bool {
        LanguageData.searchPath().contains { FileManager.default.fileExists(atPath: $0 + "/vie.traineddata") }
    }

    struct Run {
        var status: Int32
        /// True when the process died of a signal (a crash) rather than exiting.
        var crashed: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs `congvan ARGS` in `directory`; with `asUnprivileged`, as user nobody when the tests run
    /// as root (so file permissions apply).
    static func run(_ arguments: [String], in directory: String, asUnprivileged: Bool = false) throws -> Run {
        let p = start(arguments, in: directory, asUnprivileged: asUnprivileged)
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(
            status: p.terminationStatus, crashed: p.terminationReason == .uncaughtSignal,
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A configured, not yet started process (output to /dev/null unless set by the caller).
    static func start(_ arguments: [String], in directory: String, asUnprivileged: Bool = false) -> Process {
        let p = Process()
        if asUnprivileged && geteuid() == 0 {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary!] + arguments
        } else {
            p.executableURL = URL(fileURLWithPath: binary!)
            p.arguments = arguments
        }
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["CONGVAN_LEXICONS"] = lexicons
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        return p
    }
}
