import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program and waits for it with `waitpid`, for timing whole commands. Foundation's
/// `Process.waitUntilExit` polls a run loop and rounds a short child's time up to its next 50 ms
/// step, which is most of a 30 ms command and a fifth of a 250 ms one.
enum ChildProcess {
    /// Starts `path` with `arguments` (standard output and error to /dev/null when `quiet`) and
    /// returns its exit status; 128 + the signal if a signal ended it.
    static func run(_ path: String, _ arguments: [String], quiet: Bool = false) throws -> Int32 {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard rc == 0 else { throw ValidationError("cannot start \(path): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ValidationError("waiting for \(path) failed") }
        }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
