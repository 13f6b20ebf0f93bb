/// A setting that gets past an error, named for what it does, not for a flag: the library
/// words its errors for any caller, and the command line adds the flag that makes the change
/// (`--lossy`, `--db`, `--out`, `--jobs`).
public enum Remedy: String, Sendable, CaseIterable {
    /// Decode the text anyway, invalid bytes replaced by U+FFFD.
    case lossyDecoding
    /// Choose another store (or create one where this one was meant to be).
    case otherStore
    /// Choose another output folder.
    case otherOutputFolder
    /// Run one worker or more.
    case moreJobs
}

/// An error whose way out is a setting the caller can change.
public protocol RemediableError: Error {
    var remedy: Remedy? { get }
}
