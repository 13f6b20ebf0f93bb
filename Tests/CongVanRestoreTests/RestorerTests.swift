import CongVanCore
import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanRestore

/// The package root, for fixtures and the committed lexicons.
let packageRoot = Repository.root

/// One restorer for the whole suite: loading is cheap, but sharing it also exercises `Sendable`.
let sharedRestorer: Restorer = {
    do { return try Restorer.load(lexiconDirectory: packageRoot + "/Lexicons", settings: Restorer.Settings()) } catch {
        fatalError("restoration lexicons missing: \(error)")
    }
}()

@Suite("Restorer")
struct RestorerTests {
    let r = sharedRestorer

    @Test("English-model OCR garble is repaired in context")
    func repairsGarble() {
        let out = r.restore(
            "Phan dau nam 2025 c6 them 05 x4 dat chuan ndng thon méi, nang tong s6 x4 dat chuan 1én 20 x4."
        ).text
        #expect(out == "Phấn đấu năm 2025 có thêm 05 xã đạt chuẩn nông thôn mới, nâng tổng số xã đạt chuẩn lên 20 xã.")
    }

    @Test("a code typed with a spaced dash is one code to the model, so the words around it fit")
    func spacedCodeIsOneCode() {
        // `UBND` read as a word after the code left `số` with a context law never writes.
        #expect(r.restore("Ke hoach s 272/KH - UBND ngay 14/9/2022").text == "Kế hoạch số 272/KH - UBND ngày 14/9/2022")
    }

    @Test("an acronym the model lacks is read as the words it stands for, so the next word has context")
    func acronymGivesContext() {
        // `NTM` is `<unk>` to a model trained on law; as `nông thôn mới` it is followed by `tỉnh`.
        #expect(r.restore("Van phong Dieu phoi NTM tinh;").text == "Văn phòng Điều phối NTM tỉnh;")
    }

    @Test("cleanly stripped text gets its marks back")
    func restoresStripped() {
        let out = r.restore(
            "Uy ban nhan dan tinh Cao Bang de nghi cac so, ban, nganh tap trung thuc hien cac noi dung sau"
        ).text
        #expect(out == "Ủy ban nhân dân tỉnh Cao Bằng đề nghị các sở, ban, ngành tập trung thực hiện các nội dung sau")
    }

    @Test("a short text is not pulled off course by its own few words in the second pass")
    func shortTextKeepsContext() {
        // Each word of a five-word text is a fifth of its document cache: at full weight the
        // cache outvoted the trigrams, and `có bao nhiêu` became `cơ bao nhiêu`.
        #expect(r.restore("co bao nhieu xa dat chuan").text == "có bao nhiêu xã đạt chuẩn")
    }

    @Test("a place's name steers the same letters only where they are capitalised")
    func namesSteerOnlyCapitals() {
        // `Dương Hòa` is a commune: its pair in the gazetteer once read `đường hoa` as the name.
        #expect(r.restore("cay xanh, duong hoa; xa Duong Hoa").text == "cây xanh, đường hoa; xã Dương Hòa")
    }

    @Test("what follows a place's name does not steer the same letters in lower case")
    func namesContinuationsSteerOnlyCapitals() {
        // Every unit line of the district Văn Lãng writes `Lãng,`; in lower case `lãng` is followed by `phí`.
        #expect(r.restore("giu gin canh quan lang, xa").text == "giữ gìn cảnh quan làng, xã")
    }

    @Test("Vietnamese-model tone slips are corrected")
    func fixesToneSlips() {
        let out = r.restore("ỦY BAN NHÂN DÂN THÁNH PHÓ HÀ NỌI\nCộng hòa xã hội chủ nghĩa Việt Nam, Tô quôc ghi công")
            .text
        #expect(out == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\nCộng hòa xã hội chủ nghĩa Việt Nam, Tổ quốc ghi công")
    }

    @Test("correct Vietnamese comes out unchanged, whatever its tone-mark style")
    func leavesCleanTextAlone() {
        let text = """
            Căn cứ Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ; xã Hoà An đạt 19/19 tiêu chí.
            Phấn đấu đến năm 2025 có thêm 03 xã đạt chuẩn nông thôn mới nâng cao, thuỷ lợi đạt 48,5%.
            """
        #expect(r.restore(text).text == text)
        #expect(r.assess(text).kind == .clean)
    }

    @Test("a web copy with a line of English and minority names is clean, not a text of tone slips")
    func foreignWordsAreNotSlips() {
        let text = """
            You are currently viewing Thêm 9 xã của Lâm Đồng đạt chuẩn nông thôn mới nâng cao
            (LĐ online) – Ngày 16/6, Chủ tịch UBND tỉnh đã ký quyết định công nhận các xã Đạ Oai, Đạ Tồn (huyện Đạ Huoai),
            Tân Văn, Đông Thanh (huyện Lâm Hà) đạt chuẩn nông thôn mới nâng cao năm 2021.
            """
        #expect(r.assess(text).kind == .clean)
    }

    @Test("lines, blank lines, case, numbers, codes, e-mail and URLs are kept in place")
    func keepsLayoutAndVerbatimPieces() {
        let text =
            "  V/v day nhanh tien do\n\nNGAY 05/6/2020, UBND gui vanthu@caobang.gov.vn va https://caobang.gov.vn/a-b\n- 1391/UBND-KT: OCOP"
        let out = r.restore(text).text
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines[0] == "  V/v đẩy nhanh tiến độ")
        #expect(lines[1] == "")
        #expect(lines[2] == "NGÀY 05/6/2020, UBND gửi vanthu@caobang.gov.vn và https://caobang.gov.vn/a-b")
        #expect(lines[3] == "- 1391/UBND-KT: OCOP")
    }

    @Test("abbreviations in codes get their Đ back only where the corpus writes it")
    func restoresCodeAbbreviations() {
        let out = r.restore("Quyet dinh so 558/QD-TTg cua Thu tuong va Nghi quyet so 03/2022/NQ-HDND cua HDND tinh")
            .text
        #expect(out.contains("558/QĐ-TTg"))
        #expect(out.contains("03/2022/NQ-HĐND"))
        #expect(out.hasSuffix("của HĐND tỉnh"))
    }

    @Test(
        "in garble a code whose slash was read as a letter gets its slash back (VIV, Viv → V/v), and only where the corpus knows the code"
    )
    func slashReadAsLetter() {
        let garble =
            "VIV chi dao day nhanh tién d6 thuc hién Chuong trinh MTQG x4y dung ndng thon méi\nViv co ché dac thu"
        #expect(
            r.restore(garble).text
                == "V/v chỉ đạo đẩy nhanh tiến độ thực hiện Chương trình MTQG xây dựng nông thôn mới\nV/v cơ chế đặc thù"
        )
        // A capital token that gives no known code with a slash stays an acronym.
        #expect(r.restore("XIX chi dao day nhanh tién d6 thuc hién Chuong trinh MTQG").text.hasPrefix("XIX chỉ đạo"))
    }

    @Test("in garble a pair of words joined by a slash is restored word by word (tiêu chí/xã), codes stay as they are")
    func garbledSlashPairs() {
        let out = r.restore("Binh quan toan tinh dat 10,62 tiéu chi/x3, theo Cong van s6 1391/UBND-KT.").text
        #expect(out == "Bình quân toàn tỉnh đạt 10,62 tiêu chí/xã, theo Công văn số 1391/UBND-KT.")
    }

    @Test(
        "in garble a short lower-case token that is no word is a misread syllable (xd → xã), a short capital one an abbreviation"
    )
    func shortLowerCaseNonWords() {
        let out = r.restore("2.2 | S6 x4 dat 18 tiéu chi xd 0 0 0\n- CT, cac PCT UBND tinh; TH").text
        #expect(out == "2.2 | Số xã đạt 18 tiêu chí xã 0 0 0\n- CT, các PCT UBND tỉnh; TH")
    }

    @Test(
        "in garble two words OCR ran together are split where no single syllable explains them (voinam → với năm), a garbled syllable is not"
    )
    func mergedWordsSplit() {
        let out = r.restore("tang 5,65% so voinam 2018; Thong tinva truyén thong; chuén bi nguoén vén").text
        #expect(out == "tăng 5,65% so với năm 2018; Thông tin và truyền thông; chuẩn bị nguồn vốn")
        // Halves the model never saw together, and capitalised words, stay whole.
        let whole = r.restore("kién nghi cilia UBND tinh; du 4n tuyén Metro Bén Thanh").text
        #expect(whole == "kiến nghị của UBND tỉnh; dự án tuyến Metro Bến Thành")
    }

    @Test("a lettered list item takes its letter from the item before it (d) after c), đ) after d))")
    func listMarkersFollowTheAlphabet() {
        let out = r.restore(
            "c) Tap trung chi dao cac xa\nd) Tang cuong tuyen truyen\nd) Ban Chi dao tinh\ne) Cac so, nganh"
        ).text
        #expect(out.split(separator: "\n").map { String($0.prefix(2)) } == ["c)", "d)", "đ)", "e)"])
        // In garble a marker is a letter, whatever else the OCR glued to it.
        let garbled = r.restore(
            "a) Phan dau nam 2025 c6 them 05 x4 dat chuan\nbp) X4c dinh tinh hgp phap cla cac chtng tir"
        ).text
        #expect(garbled.split(separator: "\n").map { String($0.prefix(2)) } == ["a)", "b)"])
        // Without a preceding item the letter is left as written.
        #expect(r.restore("d) Tang cuong tuyen truyen").text.hasPrefix("d)"))
    }

    @Test("a short capitalised token between two acronyms is an acronym too, not a heading word")
    func acronymAmongAcronyms() {
        #expect(r.restore("- TT: TU, HDND, UBND tinh;").text == "- TT: TU, HĐND, UBND tỉnh;")
        #expect(r.restore("TM. UY BAN NHAN DAN TINH").text == "TM. ỦY BAN NHÂN DÂN TỈNH")
    }

    @Test("capitals that English OCR makes of small marked letters (BO, DOi) are title case, except among capitals")
    func capitalsFromMarkedLetters() {
        let out = r.restore("của BO trưởng BO Tài chính, DOi với các xã\nBO TAI CHINH\nThuc hien KE HOACH so 12").text
        #expect(out == "của Bộ trưởng Bộ Tài chính, Đối với các xã\nBỘ TÀI CHÍNH\nThực hiện KẾ HOẠCH số 12")
    }

    @Test(
        "a quote or question mark that English OCR glues to a word for its mark is part of the word (co’ → cơ, st? → sử)"
    )
    func marksReadAsPunctuation() {
        let out = r.restore(
            "Phan dau nam 2025 c6 them 05 x4 dat chuan ndng thon méi theo Thong tu’ cua co’ quan trung uong, st? dung von."
        ).text
        #expect(
            out
                == "Phấn đấu năm 2025 có thêm 05 xã đạt chuẩn nông thôn mới theo Thông tư của cơ quan trung ương, sử dụng vốn."
        )
        // A real question, followed by a capital, keeps its mark.
        #expect(
            r.restore("Phan dau nam 2025 c6 them 05 x4 dat chuan ndng thon méi? Khong.").text.hasSuffix("mới? Không."))
    }

    @Test("in garble a short capital token that is no known abbreviation is weighed as a misread word (BG → Bộ)")
    func capitalsMisreadFromWords() {
        let out = r.restore(
            "Tong cuc Du lich, cac BG, nganh lien quan va Uy ban nhan dan x4 ndng thon méi\nBQ CONG THUONG\nThanh vién BCD, DT"
        ).text
        #expect(
            out
                == "Tổng cục Du lịch, các Bộ, ngành liên quan và Ủy ban nhân dân xã nông thôn mới\nBỘ CÔNG THƯƠNG\nThành viên BCĐ, ĐT"
        )
    }

    @Test("empty input gives empty output")
    func emptyInput() {
        #expect(r.restore("").text == "")
        #expect(r.restore("").tokens.isEmpty)
    }

    @Test("every word token reports its input, output, confidence and alternatives")
    func tokenReport() {
        let result = r.restore("xay dung nong thon méi")
        #expect(result.tokens.map(\.input) == ["xay", "dung", "nong", "thon", "méi"])
        #expect(result.tokens.map(\.output) == ["xây", "dựng", "nông", "thôn", "mới"])
        for t in result.tokens {
            #expect(t.confidence > 0 && t.confidence <= 1)
            #expect(t.alternatives.allSatisfy { $0.probability <= t.confidence + 1e-9 })
        }
    }

    @Test("a very long single line is restored piece by piece with every token kept")
    func longLineStaysLinear() {
        let sentence = "xay dung nong thon moi va giam ngheo ben vung "
        let text = String(repeating: sentence, count: 5_000)
        let out = r.restore(text).text
        #expect(out.split(separator: " ").count == text.split(separator: " ").count)
        #expect(out.hasPrefix("xây dựng nông thôn mới và giảm nghèo bền vững"))
    }

    @Test("a document restores the same as a restorer's first document and with its caches warm")
    func firstAndLaterDocumentsAgree() throws {
        let fresh = try Restorer.load(lexiconDirectory: packageRoot + "/Lexicons", settings: Restorer.Settings())
        let seed = try AccuracyFloorTests.seed("002")
        let text = seed.split(separator: "\n", omittingEmptySubsequences: false).prefix(80).joined(separator: "\n")
        let first = fresh.restore(text)
        _ = fresh.restore("Uy ban nhan dan tinh Cao Bang")
        let warmed = fresh.restore(text)
        let warm = fresh.restore(text)
        for later in [warmed, warm] {
            #expect(later.text == first.text)
            let differing = zip(later.tokens, first.tokens).filter { $0 != $1 }.map(\.0.input)
            #expect(later.tokens.count == first.tokens.count && differing.isEmpty)
        }
    }

    /// Each input restored by its own task, all at once, in input order.
    func restoreConcurrently(_ restorer: Restorer, _ inputs: [String]) async -> [String] {
        await withTaskGroup(of: (Int, String).self) { group in
            for (i, s) in inputs.enumerated() { group.addTask { (i, restorer.restore(s).text) } }
            var out = [String](repeating: "", count: inputs.count)
            for await (i, s) in group { out[i] = s }
            return out
        }
    }

    @Test("one restorer serves several threads with the same results")
    func concurrentUse() async {
        let inputs = ["ndng thon méi", "Uy ban nhan dan tinh", "dugc cong nhan dat chuan", "tiép tuc phat huy"]
        let expected = inputs.map { r.restore($0).text }
        #expect(await restoreConcurrently(sharedRestorer, inputs) == expected)
    }

    @Test(
        "a fresh restorer first used by several threads at once (its garble search built on first use) gives the serial results"
    )
    func concurrentFirstUse() async throws {
        let inputs = ["ndng thon méi", "x4 dugc cong nhan", "s6 lugng tiéu chi", "Pén nam 2025"]
        let expected = inputs.map { r.restore($0).text }
        let fresh = try Restorer.load(lexiconDirectory: packageRoot + "/Lexicons", settings: Restorer.Settings())
        #expect(await restoreConcurrently(fresh, inputs) == expected)
    }
}
