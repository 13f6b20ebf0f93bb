import ArgumentParser
import CongVanCore
import Foundation

/// The one way a subcommand reports an error: `congvan <command>: <sentence>` on standard error,
/// the flag that gets past it where there is one, control characters from file names escaped,
/// and exit status 1 (no usage text: the arguments were fine, the input was not).
enum CommandFailure {
    static func message(_ error: any Error) -> String {
        var text = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
        if let remedy = (error as? any RemediableError)?.remedy {
            if text.hasSuffix(".") { text.removeLast() }
            text += " (\(remedy.flag))."
        }
        return TerminalText.escaped(text)
    }

    static func print(_ command: String, _ error: any Error) {
        printLine("congvan \(command): " + message(error))
    }

    /// A line on standard error.
    static func printLine(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension ParsableCommand {
    /// Runs `body`; an error is printed by `CommandFailure` and ends the command with status 1.
    func reportingFailure<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let exit as ExitCode { throw exit } catch {
            CommandFailure.print(Self._commandName, error)
            throw ExitCode.failure
        }
    }
}
