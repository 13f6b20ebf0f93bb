import CongVanCore
import Foundation

public enum GazetteerLevel: UInt8, Sendable, Codable {
    case province = 1
    case district = 2
    case commune = 3
}

/// One version of an administrative unit: its name and type as in the snapshots it appears in.
public struct GazetteerUnit: Sendable, Hashable {
    /// Position in the lexicon; stable for one lexicon file.
    public let index: Int
    public let level: GazetteerLevel
    /// `tỉnh`, `thành phố`, `huyện`, `quận`, `thị xã`, `xã`, `phường`, `thị trấn`.
    public let type: String
    /// GSO code, zero-padded (`04`, `040`, `01705`).
    public let code: String
    /// Bare name without the type (`Hưng Đạo`).
    public let name: String
    /// Snapshots listing this version (`2019-12`, `2021-02`, `2025-03`).
    public var snapshots: [String] {
        snapshotNames.enumerated().filter { mask & (1 << UInt8($0.offset)) != 0 }.map(\.element)
    }
    let snapshotNames: [String]
    /// Index of the parent version (district of a commune, province of a district).
    public let parentIndex: Int?
    /// The unit(s) it became on 1 July 2025 (`Phường Thục Phán`); several are joined by `; `.
    public let successor: String?
    let mask: UInt8
}

/// The administrative units of Vietnam across the 2019-12, 2021-02 and 2025-03 snapshots, read
/// from `Lexicons/gazetteer.cvlex` by memory-mapping. Names are keyed by `Vietnamese.toneKey`
/// (case and tone-placement tolerant) with `foldKey` as fallback (missing or wrong diacritics).
///
/// Lexicon sections: `gaz.units` (8 × UInt32 per version: level<<24 | type<<16 | snapshot mask,
/// code, name offset, name length, parent index or UInt32.max, successor offset, successor
/// length, reserved), `gaz.strings` (UTF-8), `gaz.tone.hash`/`gaz.tone.unit` and
/// `gaz.fold.hash`/`gaz.fold.unit` (FNV-1a key hashes sorted, with the unit each belongs to).
///
/// `@unchecked Sendable`: every stored property is immutable and points into a read-only
/// mapping owned by `file`, so concurrent readers cannot race.
public final class Gazetteer: @unchecked Sendable {
    public static let fileName = "gazetteer.cvlex"

    private let file: LexiconFile
    private let records: UnsafeBufferPointer<UInt32>
    private let strings: UnsafeRawBufferPointer
    private let toneHash: UnsafeBufferPointer<UInt64>
    private let toneUnit: UnsafeBufferPointer<UInt32>
    private let foldHash: UnsafeBufferPointer<UInt64>
    private let foldUnit: UnsafeBufferPointer<UInt32>
    private let toneKeys: UnsafeBufferPointer<UInt32>
    private let foldKeys: UnsafeBufferPointer<UInt32>
    public let snapshotNames: [String]

    /// Loads `gazetteer.cvlex` from `directory` (default: the project's `Lexicons/`).
    public static func load(lexiconDirectory directory: String = LexiconLocator.directory()) throws -> Gazetteer {
        try Gazetteer(path: directory + "/" + fileName)
    }

    public init(path: String) throws {
        file = try LexiconFile(path: path)
        records = try file.array(LexiconSection.gazetteerUnits, of: UInt32.self)
        strings = try file.section(LexiconSection.gazetteerStrings)
        toneHash = try file.array(LexiconSection.gazetteerToneHash, of: UInt64.self)
        toneUnit = try file.array(LexiconSection.gazetteerToneUnit, of: UInt32.self)
        foldHash = try file.array(LexiconSection.gazetteerFoldHash, of: UInt64.self)
        foldUnit = try file.array(LexiconSection.gazetteerFoldUnit, of: UInt32.self)
        toneKeys = try file.array(LexiconSection.gazetteerToneKey, of: UInt32.self)
        foldKeys = try file.array(LexiconSection.gazetteerFoldKey, of: UInt32.self)
        var meta = ByteReader(try file.section(LexiconSection.gazetteerMeta))
        var names: [String] = []
        for _ in 0..<(try meta.read(UInt32.self)) { names.append(try meta.readString()) }
        snapshotNames = names
        guard records.count % 8 == 0, toneHash.count == toneUnit.count, foldHash.count == foldUnit.count,
            toneKeys.count == 2 * toneHash.count, foldKeys.count == 2 * foldHash.count,
            stride(from: 0, to: toneKeys.count, by: 2).allSatisfy({
                Int(toneKeys[$0]) + Int(toneKeys[$0 + 1]) <= strings.count
            }),
            stride(from: 0, to: foldKeys.count, by: 2).allSatisfy({
                Int(foldKeys[$0]) + Int(foldKeys[$0 + 1]) <= strings.count
            }),
            toneUnit.allSatisfy({ Int($0) < records.count / 8 }), foldUnit.allSatisfy({ Int($0) < records.count / 8 })
        else { throw ParseError.gazetteerCorrupt(path: path, reason: "index and unit table disagree") }
    }

    /// Number of unit versions.
    public var count: Int { records.count / 8 }

    public func unit(at index: Int) -> GazetteerUnit {
        let r = index * 8
        let head = records[r]
        let level = GazetteerLevel(rawValue: UInt8(head >> 24)) ?? .commune
        let typeIndex = Int((head >> 16) & 0xFF)
        let mask = UInt8(head & 0xFF)
        let width = level == .province ? 2 : level == .district ? 3 : 5
        var code = String(records[r + 1])
        if code.count < width { code = String(repeating: "0", count: width - code.count) + code }
        let parent = records[r + 4]
        return GazetteerUnit(
            index: index, level: level,
            type: typeIndex < GazetteerTypes.all.count ? GazetteerTypes.all[typeIndex] : "",
            code: code, name: string(records[r + 2], records[r + 3]),
            snapshotNames: snapshotNames,
            parentIndex: parent == UInt32.max ? nil : Int(parent),
            successor: records[r + 6] == 0 ? nil : string(records[r + 5], records[r + 6]),
            mask: mask)
    }

    private func string(_ offset: UInt32, _ length: UInt32) -> String {
        let o = Int(offset)
        let n = Int(length)
        guard o + n <= strings.count else { return "" }
        return String(decoding: UnsafeRawBufferPointer(rebasing: strings[o..<(o + n)]), as: UTF8.self)
    }

    /// The GSO code of the province a unit lies in (its own for a province), read from the
    /// unit table without building any unit.
    package func provinceCode(ofUnitAt index: Int) -> UInt32 {
        var i = index
        while UInt8(records[i * 8] >> 24) != GazetteerLevel.province.rawValue {
            let parent = records[i * 8 + 4]
            guard parent != UInt32.max else { break }
            i = Int(parent)
        }
        return records[i * 8 + 1]
    }

    /// The first syllable (toneKey) of every name of units of `level`: a cheap test before a
    /// lookup (most capitalised words start no unit's name).
    package func firstSyllables(level: GazetteerLevel) -> Set<String> {
        var out = Set<String>()
        for i in 0..<count where UInt8(records[i * 8] >> 24) == level.rawValue {
            let name = string(records[i * 8 + 2], records[i * 8 + 3])
            guard let first = name.split(separator: " ").first else { continue }
            // By toneKey and by foldKey (lookups fall back to the fold for slipped marks), and
            // for `M'Đrắk`, `B' Lá` the part before the apostrophe, the text's first token.
            for word in [first, first.split(whereSeparator: { $0 == "'" || $0 == "’" }).first ?? first] {
                out.insert(Vietnamese.toneKey(String(word)))
                out.insert(Vietnamese.foldKey(String(word)))
            }
        }
        return out
    }

    public func parent(of unit: GazetteerUnit) -> GazetteerUnit? {
        unit.parentIndex.map { self.unit(at: $0) }
    }

    /// Units whose name equals `name` up to case and tone placement; when none does, those equal
    /// up to all diacritics. `level` restricts the result.
    public func units(named name: String, level: GazetteerLevel? = nil) -> [GazetteerUnit] {
        indexes(named: name, level: level).map(unit(at:))
    }

    /// The positions of `units(named:level:)`, without building the units.
    package func indexes(named name: String, level: GazetteerLevel? = nil) -> [Int] {
        let exact = lookup(Vietnamese.toneKey(name), hashes: toneHash, units: toneUnit, keys: toneKeys, level: level)
        if !exact.isEmpty { return exact }
        return lookup(Vietnamese.foldKey(name), hashes: foldHash, units: foldUnit, keys: foldKeys, level: level)
    }

    /// Units whose name equals `name` once all diacritics are removed (`Quang Hưng` finds
    /// `Quảng Hưng`): for OCR-restored text whose marks may be wrong.
    public func units(ignoringMarks name: String, level: GazetteerLevel? = nil) -> [GazetteerUnit] {
        lookup(Vietnamese.foldKey(name), hashes: foldHash, units: foldUnit, keys: foldKeys, level: level)
            .map(unit(at:))
    }

    private func lookup(
        _ key: String, hashes: UnsafeBufferPointer<UInt64>, units: UnsafeBufferPointer<UInt32>,
        keys: UnsafeBufferPointer<UInt32>, level: GazetteerLevel?
    ) -> [Int] {
        let h = GazetteerKey.hash(key)
        var key = key
        var lo = 0
        var hi = hashes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if hashes[mid] < h { lo = mid + 1 } else { hi = mid }
        }
        var out: [Int] = []
        var i = lo
        while i < hashes.count, hashes[i] == h {
            let index = Int(units[i])
            let (ko, kl) = (Int(keys[2 * i]), Int(keys[2 * i + 1]))
            i += 1
            if let level, UInt8(records[index * 8] >> 24) != level.rawValue { continue }
            // The hash only finds candidates; the stored key decides.
            let same = key.withUTF8 { q in
                q.count == kl && memcmp(q.baseAddress!, strings.baseAddress! + ko, kl) == 0
            }
            if same { out.append(index) }
        }
        return out
    }
}
