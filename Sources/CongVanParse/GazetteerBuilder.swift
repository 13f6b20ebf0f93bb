import CongVanCore
import Foundation

/// Builds the gazetteer lexicon from the dvhcvn snapshots (`units-YYYY-MM.json`) and the
/// 1 July 2025 reform mapping (`reform-2025/splits.json`).
///
/// Each distinct (level, code, name, type, parent) becomes one unit *version* carrying the set
/// of snapshots it appears in, so a commune renamed between snapshots (`Hoà` → `Hòa`) or a
/// district merged in 2020 (Thông Nông) stays findable under every name it had.
public enum GazetteerBuilder {
    /// The snapshots read, oldest first; bit i of a unit's mask is `snapshots[i]`.
    public static let snapshots = ["2019-12", "2021-02", "2025-03"]

    /// Reads `directory` (the shared `data/gazetteer` folder) and returns the lexicon bytes.
    public static func build(directory: String) throws(ParseError) -> [UInt8] {
        var units = UnitTable()
        for (bit, snapshot) in snapshots.enumerated() {
            let path = directory + "/units-\(snapshot).json"
            let file: UnitsFile = try decode(path)
            units.add(file, snapshotBit: bit)
        }
        let splitsPath = directory + "/reform-2025/splits.json"
        let splits: SplitsFile = try decode(splitsPath)
        units.addSuccessors(splits)
        return units.encode()
    }

    /// Builds from in-memory JSON (tests use small hand-made snapshots).
    public static func build(snapshotJSON: [Data], splitsJSON: Data?) throws(ParseError) -> [UInt8] {
        var units = UnitTable()
        for (bit, data) in snapshotJSON.enumerated() {
            units.add(try decode(data, path: "snapshot \(bit)"), snapshotBit: bit)
        }
        if let splitsJSON { units.addSuccessors(try decode(splitsJSON, path: "splits")) }
        return units.encode()
    }

    static func decode<T: Decodable>(_ path: String) throws(ParseError) -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .gazetteerSource(path: path, reason: "no such file")
        }
        return try decode(data, path: path)
    }

    static func decode<T: Decodable>(_ data: Data, path: String) throws(ParseError) -> T {
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(T.self, from: data)
        } catch {
            throw .gazetteerSource(path: path, reason: "unexpected JSON: \(error)")
        }
    }

    /// Splits `Huyện Phục Hoà` into its type (`huyện`) and bare name (`Phục Hoà`). The prefix of
    /// the name wins over the `type` field, which upstream gets wrong for a few units.
    static func split(fullName: String, fallbackType: String) -> (type: String, name: String) {
        let prefixes = [
            "thành phố trung ương", "thành phố", "thị trấn", "thị xã", "phường", "huyện", "quận", "tỉnh", "xã",
        ]
        let lower = Vietnamese.lowercase(fullName)
        for p in prefixes where lower.hasPrefix(p + " ") {
            let bare = String(fullName.unicodeScalars.dropFirst(p.unicodeScalars.count + 1))
            return (p, TextTools.trim(bare))
        }
        var type = Vietnamese.lowercase(fallbackType)
        if type == "thành phố trung ương" { type = "thành phố" }
        return (type, fullName)
    }
}

// MARK: - Source JSON

struct UnitsFile: Decodable {
    struct Province: Decodable {
        let level1Id: String
        let name: String
        let type: String
        let level2s: [District]
    }
    struct District: Decodable {
        let level2Id: String
        let name: String
        let type: String
        let level3s: [Commune]
    }
    struct Commune: Decodable {
        let level3Id: String
        let name: String
        let type: String
    }
    let data: [Province]
}

struct SplitsFile: Decodable {
    struct Target: Decodable {
        let newId: String
        let name: String
    }
    struct Old: Decodable {
        let level3Id: String
        let name: String
        let splits: [Target]
    }
    struct Province: Decodable {
        let level1Id: String
        let name: String
        let splits: [Target]
        let level3s: [Old]
    }
    let data: [Province]
}

// MARK: - Building

/// Unit versions under construction, deduplicated by identity.
struct UnitTable {
    struct Version {
        var level: GazetteerLevel
        var code: Int
        var name: String
        var type: String
        var parent: Int?  // index of the parent version
        var mask: UInt8
        var successor: String?
    }

    var versions: [Version] = []
    private var index: [String: Int] = [:]

    private mutating func upsert(
        level: GazetteerLevel, code: String, name: String, type: String, parent: Int?, bit: Int
    ) -> Int {
        let key = "\(level.rawValue)|\(code)|\(name)|\(type)|\(parent ?? -1)"
        if let i = index[key] {
            versions[i].mask |= 1 << UInt8(bit)
            return i
        }
        versions.append(
            Version(
                level: level, code: Int(code) ?? 0, name: name, type: type, parent: parent,
                mask: 1 << UInt8(bit), successor: nil))
        index[key] = versions.count - 1
        return versions.count - 1
    }

    mutating func add(_ file: UnitsFile, snapshotBit bit: Int) {
        for p in file.data {
            let (pt, pn) = GazetteerBuilder.split(fullName: p.name, fallbackType: p.type)
            let pi = upsert(level: .province, code: p.level1Id, name: pn, type: pt, parent: nil, bit: bit)
            for d in p.level2s {
                let (dt, dn) = GazetteerBuilder.split(fullName: d.name, fallbackType: d.type)
                let di = upsert(level: .district, code: d.level2Id, name: dn, type: dt, parent: pi, bit: bit)
                for c in d.level3s {
                    let (ct, cn) = GazetteerBuilder.split(fullName: c.name, fallbackType: c.type)
                    _ = upsert(level: .commune, code: c.level3Id, name: cn, type: ct, parent: di, bit: bit)
                }
            }
        }
    }

    /// Attaches the post-reform unit(s) to every commune and province version with that code.
    mutating func addSuccessors(_ splits: SplitsFile) {
        var communes: [Int: String] = [:]
        var provinces: [Int: String] = [:]
        for p in splits.data {
            provinces[Int(p.level1Id) ?? -1] = p.splits.map(\.name).joined(separator: "; ")
            for c in p.level3s { communes[Int(c.level3Id) ?? -1] = c.splits.map(\.name).joined(separator: "; ") }
        }
        for i in versions.indices {
            switch versions[i].level {
            case .commune: versions[i].successor = communes[versions[i].code]
            case .province: versions[i].successor = provinces[versions[i].code]
            case .district: break
            }
        }
    }

    /// Lexicon layout: see `Gazetteer`.
    func encode() -> [UInt8] {
        var strings = ByteWriter()
        var records: [UInt32] = []
        func intern(_ s: String?) -> (UInt32, UInt32) {
            guard let s, !s.isEmpty else { return (0, 0) }
            let off = UInt32(strings.bytes.count)
            strings.bytes += Array(s.utf8)
            return (off, UInt32(s.utf8.count))
        }
        var toneEntries: [(UInt64, UInt32, String)] = []
        var foldEntries: [(UInt64, UInt32, String)] = []
        for (i, v) in versions.enumerated() {
            let (no, nl) = intern(v.name)
            let (so, sl) = intern(v.successor)
            let typeIndex = UInt32(GazetteerTypes.all.firstIndex(of: v.type) ?? 0)
            records += [
                UInt32(v.level.rawValue) << 24 | typeIndex << 16 | UInt32(v.mask),
                UInt32(v.code), no, nl, v.parent.map(UInt32.init) ?? UInt32.max, so, sl, 0,
            ]
            let tone = Vietnamese.toneKey(v.name)
            let fold = Vietnamese.foldKey(v.name)
            toneEntries.append((GazetteerKey.hash(tone), UInt32(i), tone))
            foldEntries.append((GazetteerKey.hash(fold), UInt32(i), fold))
        }
        toneEntries.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        foldEntries.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        // Each index entry's key, so a lookup compares bytes instead of recomputing keys.
        var toneKeys: [UInt32] = []
        var foldKeys: [UInt32] = []
        for e in toneEntries {
            let (o, l) = intern(e.2)
            toneKeys += [o, l]
        }
        for e in foldEntries {
            let (o, l) = intern(e.2)
            foldKeys += [o, l]
        }
        var w = LexiconWriter()
        w.add(LexiconSection.gazetteerStrings, strings.bytes)
        w.add(LexiconSection.gazetteerUnits, array: records)
        w.add(LexiconSection.gazetteerToneHash, array: toneEntries.map(\.0))
        w.add(LexiconSection.gazetteerToneUnit, array: toneEntries.map(\.1))
        w.add(LexiconSection.gazetteerFoldHash, array: foldEntries.map(\.0))
        w.add(LexiconSection.gazetteerFoldUnit, array: foldEntries.map(\.1))
        w.add(LexiconSection.gazetteerToneKey, array: toneKeys)
        w.add(LexiconSection.gazetteerFoldKey, array: foldKeys)
        var meta = ByteWriter()
        meta.append(UInt32(GazetteerBuilder.snapshots.count))
        for s in GazetteerBuilder.snapshots { meta.append(s) }
        w.add(LexiconSection.gazetteerMeta, meta.bytes)
        return w.data()
    }
}

/// Unit types, indexed in the lexicon by position (append only).
enum GazetteerTypes {
    static let all = ["", "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn"]
}

/// The hash that keys names in the lexicon: FNV-1a over the key's UTF-8.
enum GazetteerKey {
    @inline(__always)
    static func hash(_ key: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
