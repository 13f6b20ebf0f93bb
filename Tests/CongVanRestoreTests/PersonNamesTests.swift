import CongVanCore
import Foundation
import Testing

@testable import CongVanRestore

@Suite("Person names")
struct PersonNamesTests {
    let r = sharedRestorer

    /// The runs found in `text`, as (line, first piece, word count, signature).
    func runs(_ text: String) -> [(Int, Int, Int, Bool)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        return PersonNames.runs(lines: lines, pieces: lines.map(Tokenizer.pieces)).values
            .map { ($0.line, $0.first, $0.count, $0.signature) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    @Test("a signature line and a name after ông, bà or đồng chí are taken for names")
    func findsNameRuns() {
        let found = runs(
            "PHO CHU TICH\nTrinh Xuan Truong\nthuc hien./. *Le Van Hai*\nGiao ong Tran Hong Ha chu tri, dong chi Bui Thi Lan tham du"
        )
        #expect(found.map(\.0) == [1, 2, 3, 3])
        #expect(found[0] == (1, 0, 3, true))
        #expect(found[1] == (2, 2, 3, true))
        #expect(found[2] == (3, 2, 3, false))
        #expect(found[3] == (3, 9, 3, false))
    }

    @Test("inside a sentence, three capitalised words are a name only when the second is spelt like a middle word")
    func midSentenceRuns() {
        let found = runs("Chinh phu Pham Gia Tuc co y kien\ntai huyen Hoang Su Phi va Cao Bang")
        #expect(found.count == 1)
        #expect(found.first.map { $0 == (0, 2, 3, false) } == true)
        let out = r.restore(
            "Noi nhan:\n- Thu tuong, PTTgTT Pham Gia Tuc (de b/c);\n- Cac Bo: Tai chinh, Xay dung, Cong Thuong;\n- Uy ban nhan dan tinh Dong Nai;\n- Luu: VT, CN."
        ).text
        #expect(out.contains("PTTgTT Phạm Gia Túc"))  // `Phẩm Giá Túc` without the name model
    }

    @Test("capitalised words inside a sentence, a wrapped line's end or a long run are not names")
    func leavesOtherCapitalsAlone() {
        // A place name inside a sentence, the wrapped end of a long line, five capitalised words.
        #expect(runs("Uy ban nhan dan tinh Cao Bang de nghi cac so, ban, nganh va cac huyen\nCao Bang").isEmpty)
        #expect(runs("Chuong Trinh Muc Tieu Quoc Gia").isEmpty)
        #expect(runs("ong Nguyen").isEmpty)
    }

    @Test("a signer's surname is read as a surname, not as the corpus's sentence opener")
    func signatureSurname() {
        let out = r.restore(
            "Can cu noi dung van ban, cac co quan to chuc trien khai thuc hien./.\nKT. CHU TICH\nPHO CHU TICH\nTrinh Xuan Truong"
        ).text
        #expect(out.hasSuffix("\nTrịnh Xuân Trường"))
        #expect(r.restore("Trinh Xuan Truong").text == "Trịnh Xuân Trường")  // with no letter above it
    }

    @Test("a middle name is read as one, not as half of a common phrase")
    func middleName() {
        #expect(
            r.restore("Kinh gui ong Ly Van Tai, Giam doc So Tai chinh").text
                == "Kính gửi ông Lý Văn Tài, Giám đốc Sở Tài chính")
        #expect(r.restore("Pham Van Dong").text == "Phạm Văn Đồng")
    }

    @Test("a line that is a place, not a name, keeps the place's reading")
    func placeLine() {
        #expect(r.restore("Cao Bang\nHa Noi").text == "Cao Bằng\nHà Nội")
    }

    @Test("proper nouns are counted only where a capital does not just start a sentence")
    func countsProperNouns() throws {
        let vocabulary = r.lm.vocabulary
        var counts = [UInt32](repeating: 0, count: vocabulary.count)
        PersonNames.countProperNouns(
            TokenizedLine("Hà Nội và Hà Giang. Hạ tầng"), vocabulary: vocabulary, into: &counts)
        #expect(counts[Int(vocabulary.id(of: "hà"))] == 1)  // the second Hà; the first opens the sentence
        #expect(counts[Int(vocabulary.id(of: "nội"))] == 1)
        #expect(counts[Int(vocabulary.id(of: "giang"))] == 1)
        #expect(counts[Int(vocabulary.id(of: "hạ"))] == 0)
        // The committed model carries the counts of its training text, one per word.
        let committed = try #require(r.names.given.isEmpty ? nil : r.names.given)
        #expect(committed.count == vocabulary.count)
        #expect(committed[Int(vocabulary.id(of: "hà"))] > committed[Int(vocabulary.id(of: "hạ"))] + 2)
    }
}
