import CongVanCore
import Foundation
import GRDB

/// Errors of the Store stage, worded for the person running `congvan`: one sentence naming the
/// database and what to do about it.
public enum StoreError: LocalizedError, RemediableError, Sendable, Equatable {
    /// `query`/`search` on a path where no store exists yet.
    case missing(path: String)
    /// The file or its folder cannot be written (permissions, read-only file system).
    case readOnly(path: String)
    /// The file exists but is not an SQLite database, or is damaged.
    case notAStore(path: String, reason: String)
    /// A store written by a newer CongVan, with tables this version does not know.
    case newerSchema(path: String)
    case cannotOpen(path: String, reason: String)
    /// Another process held the write lock for longer than the busy timeout.
    case busy(path: String, seconds: Double)
    case diskFull(path: String)
    /// Any other SQLite failure while doing `operation`.
    case failed(path: String, operation: String, reason: String)
    /// A query the store cannot run (empty name, no searchable word).
    case invalidQuery(String)

    public var errorDescription: String? {
        switch self {
        case .missing(let path):
            return "\(path): no store here yet; convert documents into it first, or choose another store."
        case .readOnly(let path):
            return
                "\(path): the store cannot be written (read-only file or folder); choose another store or fix its permissions."
        case .notAStore(let path, let reason):
            return "\(path): not a CongVan store (\(reason)); choose another store."
        case .newerSchema(let path):
            return "\(path): the store was written by a newer CongVan; update congvan to use it."
        case .cannotOpen(let path, let reason):
            return "\(path): the store cannot be opened (\(reason)); choose another store."
        case .busy(let path, let seconds):
            return
                "\(path): another process is holding the store locked (waited up to \(Int(seconds)) s); try again when it has finished."
        case .diskFull(let path):
            return "\(path): the disk is full; free some space and run again (documents already stored are kept)."
        case .failed(let path, let operation, let reason):
            return "\(path): \(operation) failed (\(reason))."
        case .invalidQuery(let why):
            return "\(why)."
        }
    }

    public var remedy: Remedy? {
        switch self {
        case .missing, .readOnly, .notAStore, .cannotOpen: .otherStore
        default: nil
        }
    }

    /// Translates an SQLite failure into the error a person can act on.
    static func from(
        _ error: any Error, path: String, operation: String, busyTimeout: Double = Store.busyTimeout
    ) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let db = error as? DatabaseError else {
            return .failed(path: path, operation: operation, reason: error.localizedDescription)
        }
        let reason = db.message ?? "SQLite error \(db.resultCode.rawValue)"
        switch db.resultCode {
        case .SQLITE_READONLY, .SQLITE_PERM: return .readOnly(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notAStore(path: path, reason: reason)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path, seconds: busyTimeout)
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: reason)
        case .SQLITE_AUTH: return .readOnly(path: path)
        default: return .failed(path: path, operation: operation, reason: reason)
        }
    }
}
