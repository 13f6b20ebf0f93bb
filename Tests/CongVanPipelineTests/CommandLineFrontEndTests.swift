import CongVanCore
import CongVanTestSupport
import Foundation
import Testing

/// The `congvan` front end as a person meets it: flags every subcommand shares, argument checks,
/// text arguments in any normal form, and output that neither changes from run to run nor lets
/// a file's bytes drive the terminal.
@Suite(
    "congvan front end (command line)",
    .enabled(if: CLI.binary != nil && CLI.lexiconsAvailable, "needs the built congvan and Lexicons/"), .serialized)
struct CommandLineFrontEndTests {
    /// A store holding seed 001 (Thái Niên, Lào Cai) and seed 004, converted from text.
    func convertedSeeds(_ dir: TempFolder) throws {
        for prefix in ["001", "004"] {
            dir.write("in/\(prefix).txt", try Repository.seed(prefix).text)
        }
        let run = try CLI.run(["convert", "in", "--db", "s.sqlite", "--out", "out"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test("--version prints the version records carry in their provenance, and nothing else")
    func version() throws {
        let run = try CLI.run(["--version"], in: NSTemporaryDirectory())
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == CongVanVersion.current)
        #expect(CongVanVersion.current.split(separator: ".").count == 3)
    }

    @Test("search --limit 0 and convert --jobs 0 are refused before anything runs")
    func argumentChecks() throws {
        let dir = TempFolder()
        let limit = try CLI.run(["search", "xa", "--db", "s.sqlite", "--limit", "0"], in: dir.path)
        #expect(limit.status != 0 && limit.stderr.contains("--limit must be at least 1"), "\(limit.stderr)")
        let jobs = try CLI.run(["convert", "in", "--jobs", "0"], in: dir.path)
        #expect(jobs.status != 0 && jobs.stderr.contains("--jobs must be at least 1"), "\(jobs.stderr)")
        let both = try CLI.run(["convert", "in", "-q", "-v"], in: dir.path)
        #expect(both.status != 0 && both.stderr.contains("cannot be used together"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("congvan.sqlite")))
    }

    @Test("query hung dao unquoted is query \"hung dao\"; decomposed arguments find what composed ones find")
    func wordsAndNormalForms() throws {
        let dir = TempFolder()
        try convertedSeeds(dir)
        let quoted = try CLI.run(["query", "thai nien", "--db", "s.sqlite"], in: dir.path)
        #expect(quoted.status == 0 && quoted.stdout.contains("Thái Niên (district Bảo Thắng"), "\(quoted.stdout)")
        let unquoted = try CLI.run(["query", "thai", "nien", "--db", "s.sqlite"], in: dir.path)
        #expect(unquoted.stdout == quoted.stdout)
        let decomposed = try CLI.run(
            ["query", "Thái Niên".decomposedStringWithCanonicalMapping, "--db", "s.sqlite"], in: dir.path)
        #expect(decomposed.stdout.contains("Thái Niên (district Bảo Thắng"), "\(decomposed.stdout)")
        let search = try CLI.run(["search", "nông thôn mới", "--db", "s.sqlite", "--format", "csv"], in: dir.path)
        let searchNFD = try CLI.run(
            ["search", "nông thôn mới".decomposedStringWithCanonicalMapping, "--db", "s.sqlite", "--format", "csv"],
            in: dir.path)
        #expect(search.stdout.components(separatedBy: "\r\n").count >= 3, "\(search.stdout)")
        #expect(searchNFD.stdout == search.stdout)
    }

    @Test("query and search print the same JSON bytes in every run")
    func jsonIsByteStable() throws {
        let dir = TempFolder()
        try convertedSeeds(dir)
        for arguments in [["query", "thai nien"], ["search", "dat chuan"]] {
            let runs = try (0..<3).map { _ in
                try CLI.run(arguments + ["--db", "s.sqlite", "--format", "json"], in: dir.path).stdout
            }
            #expect(runs[0].count > 100 && Set(runs).count == 1, "\(arguments)")
        }
    }

    @Test("-q prints only failures; -v adds a line per document and the files left alone")
    func quietAndVerbose() throws {
        let dir = TempFolder()
        dir.write("in/001.txt", try Repository.seed("001").text)
        dir.write("in/notes.md", "not a document")
        dir.write("in/bad.txt", bytes: Array("Công văn ".utf8) + [0xFF, 0x0A])
        let quiet = try CLI.run(["convert", "in", "--db", "q.sqlite", "--out", "q", "-q"], in: dir.path)
        #expect(quiet.status == 1)
        #expect(
            quiet.stderr.split(separator: "\n").filter { !$0.contains("bad.txt") && !$0.hasPrefix("Failed:") }
                .allSatisfy { $0.contains("--lossy") }, "\(quiet.stderr)")
        #expect(!quiet.stderr.contains("converted"))
        let verbose = try CLI.run(["convert", "in", "--db", "v.sqlite", "--out", "v", "-v"], in: dir.path)
        #expect(verbose.stderr.contains("converted in/001.txt"))
        #expect(verbose.stderr.contains("left alone:\n  in/notes.md\n"), "\(verbose.stderr)")
        #expect(verbose.stderr.contains("pass --lossy"))
    }

    @Test("escape sequences in a file name or a document are shown escaped, never sent to the terminal")
    func controlSequencesEscaped() throws {
        let dir = TempFolder()
        let title = "\u{1B}]0;pwned\u{07}"
        let red = "\u{1B}[31m"
        var text = try Repository.seed("001").text
        text += "\nGhi chú \(red)đạt chuẩn\(red) kiểm tra\n"
        dir.write("in/x\(title).txt", text)
        let convert = try CLI.run(["convert", "in", "--db", "s.sqlite", "--out", "out", "-v"], in: dir.path)
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(!convert.stderr.contains("\u{1B}") && !convert.stderr.contains("\u{07}"))
        #expect(convert.stderr.contains("x\\x1B]0;pwned\\x07.txt"), "\(convert.stderr)")
        let search = try CLI.run(["search", "ghi chu kiem tra", "--db", "s.sqlite"], in: dir.path)
        #expect(search.status == 0 && !search.stdout.isEmpty, "\(search.stderr)")
        #expect(!search.stdout.contains("\u{1B}") && search.stdout.contains("\\x1B[31m"), "\(search.stdout)")
        // The JSON keeps the text as it is (escaped by JSON's own rules).
        let json = try CLI.run(["search", "ghi chu kiem tra", "--db", "s.sqlite", "--format", "json"], in: dir.path)
        #expect(json.stdout.contains("\\u001b[31m"), "\(json.stdout)")
    }

    @Test("a store path that is a folder is named as a folder, not as a disk I/O error")
    func storeIsAFolder() throws {
        let dir = TempFolder()
        dir.folder("store")
        for arguments in [["query", "x"], ["search", "x"]] {
            let run = try CLI.run(arguments + ["--db", "store"], in: dir.path)
            #expect(run.status == 1 && run.stderr.contains("store: the store cannot be opened (it is a folder)"))
            #expect(!run.stderr.contains("I/O"))
        }
    }
}
