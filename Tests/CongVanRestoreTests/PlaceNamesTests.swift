import CongVanCore
import Testing

@testable import CongVanRestore

@Suite("Place names")
struct PlaceNamesTests {
    let r = sharedRestorer

    /// The pieces of `text` (one line) that a unit's name covers, in order.
    func covered(_ text: String) -> [Int] {
        let line = Array(text.unicodeScalars)
        return PlaceNames.runs(lines: [line], pieces: [Tokenizer.pieces(line)]) { r.places.spellings($0) }
            .keys.map { $0 & 0xFFFF_FFFF }.sorted()
    }

    @Test("capitalised words spelt like a unit's name count after a cue word or in a list that one began")
    func findsUnitNames() {
        // xã Dền Sáng, then A Mú Sung after the comma; the same letters without a cue are left alone.
        #expect(covered("cac xa: Den Sang, A Mu Sung, huyen Bat Xat") == [2, 3, 4, 5, 6, 8, 9])
        #expect(covered("Den Sang nay troi mua") == [])
        // A capitalised run after a cue that names no unit.
        #expect(covered("huyen Ban Chi Dao") == [])
    }

    @Test("a list of communes reads the gazetteer's names, not the phrase ordinary language prefers")
    func restoresCommuneList() {
        #expect(
            r.restore("cac xa: Den Sang, A Mu Sung, huyen Bat Xat").text == "các xã: Dền Sáng, A Mú Sung, huyện Bát Xát"
        )
    }
}
