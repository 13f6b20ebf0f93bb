import Foundation

/// Runs the built `congvan` executable, as a person or a script would.
public enum CLI {
    /// The executable built beside the test bundle (`swift build --build-tests` builds both).
    public static var binary: String? {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
            .appendingPathComponent("congvan").path
        for candidate in [besideTests, Repository.root + "/.build/debug/congvan"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    public struct Run: Sendable {
        public var status: Int32
        /// True when the process died of a signal (a crash) rather than exiting.
        public var crashed: Bool
        public var stdout: String
        public var stderr: String
    }

    /// Runs `congvan ARGS` in `directory`; with `asUnprivileged`, as user nobody when the tests run
    /// as root (so file permissions apply). `input` is written to its standard input.
    public static func run(
        _ arguments: [String], in directory: String, asUnprivileged: Bool = false, environment: [String: String] = [:],
        input: Data? = nil
    ) throws -> Run {
        let p = start(arguments, in: directory, asUnprivileged: asUnprivileged, environment: environment)
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let stdin = Pipe()
        p.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try p.run()
        if let input {
            // Written from another thread so a large input cannot block against unread output.
            Thread.detachNewThread {
                stdin.fileHandleForWriting.write(input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        // Both pipes drained at once: a child filling one while the parent waits on the other
        // would never finish.
        nonisolated(unsafe) var errData = Data()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        p.waitUntilExit()
        return Run(
            status: p.terminationStatus, crashed: p.terminationReason == .uncaughtSignal,
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A configured, not yet started process (output to /dev/null unless set by the caller).
    public static func start(
        _ arguments: [String], in directory: String, asUnprivileged: Bool = false, environment: [String: String] = [:]
    ) -> Process {
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
        env["CONGVAN_LEXICONS"] = Repository.lexicons
        env.merge(environment) { $1 }
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        return p
    }
}
