import CongVanCore
import Testing

@testable import CongVanOCR

/// Synthetic pages: words 18 px per letter, 12 px word spacing, 36 px high.
private func words(_ text: String, x: Int, y: Int, confidence: Float = 95) -> [OCRWord] {
    var left = x
    return text.split(separator: " ").map { w in
        let width = 18 * w.count
        defer { left += width + 12 }
        return OCRWord(text: String(w), confidence: confidence, box: PixelBox(x: left, y: y, width: width, height: 36))
    }
}

/// One Tesseract line made of runs of words (a row Tesseract read straight across the gutter).
private func line(_ runs: [OCRWord]...) -> OCRLine {
    let all = runs.flatMap { $0 }
    return OCRLine(words: all, box: ReadingOrder.union(all.map(\.box)), block: 0)
}

private func texts(_ lines: [OCRLine]) -> [String] { lines.map(\.text) }

private let body = [
    line(words("Thực hiện Kế hoạch số 128/KH-UBND ngày 30/3/2025 của Ủy ban nhân dân tỉnh về", x: 120, y: 400)),
    line(words("phát triển văn hoá, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:", x: 120, y: 450)),
]

@Suite("Reading order")
struct ReadingOrderTests {
    @Test("a header row read across the gutter comes out left block first")
    func headerAcrossGutter() {
        let page =
            [
                line(
                    words("ỦY BAN NHÂN DÂN", x: 150, y: 100),
                    words("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x: 800, y: 100)),
                line(words("TỈNH BẮC NINH", x: 190, y: 150), words("Độc lập - Tự do - Hạnh phúc", x: 880, y: 150)),
                line(
                    words("Số: 12/KH-UBND", x: 170, y: 240), words("Bắc Ninh, ngày 5 tháng 3 năm 2025", x: 820, y: 240)),
            ] + body
        #expect(
            texts(ReadingOrder.arrange(page)) == [
                "ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Số: 12/KH-UBND", "Bắc Ninh, ngày 5 tháng 3 năm 2025",
            ] + texts(body))
    }

    @Test("blocks that Tesseract interleaves line by line are put back together")
    func interleavedLines() {
        let page =
            body.reversed() + [
                line(words("Độc lập - Tự do - Hạnh phúc", x: 880, y: 150)),
                line(words("TỈNH BẮC NINH", x: 190, y: 150)),
                line(words("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x: 800, y: 100)),
                line(words("ỦY BAN NHÂN DÂN", x: 150, y: 100)),
            ]
        #expect(
            texts(ReadingOrder.arrange(page)) == [
                "ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            ] + texts(body))
    }

    @Test("the recipients list is read before the signature beside it")
    func recipientsBeforeSignature() {
        let page =
            body + [
                line(words("Nơi nhận:", x: 120, y: 600), words("KT. CHỦ TỊCH", x: 1000, y: 600)),
                line(words("- Như trên;", x: 120, y: 640), words("PHÓ CHỦ TỊCH", x: 1000, y: 645)),
                line(words("- Thường trực Tỉnh ủy;", x: 120, y: 680)),
                line(words("- Lưu: VT, KGVX.", x: 120, y: 720)),
                line(words("Nguyễn Văn An", x: 1010, y: 820)),
            ]
        #expect(
            texts(ReadingOrder.arrange(page)) == texts(body) + [
                "Nơi nhận:", "- Như trên;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, KGVX.",
                "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An",
            ])
    }

    @Test("a justified body line with wide spaces is not cut into columns")
    func justifiedLineStaysWhole() {
        var wide: [OCRWord] = []
        var x = 120
        for w in "đơn vị chủ trì phối hợp tổ chức thực hiện".split(separator: " ") {
            wide.append(
                OCRWord(text: String(w), confidence: 95, box: PixelBox(x: x, y: 500, width: 18 * w.count, height: 36)))
            x += 18 * w.count + 34
        }
        let page = body + [line(wide)]
        let arranged = ReadingOrder.arrange(page)
        #expect(texts(arranged) == texts(body) + ["đơn vị chủ trì phối hợp tổ chức thực hiện"])
        #expect(Set(arranged.map(\.block)).count == 1)
    }

    @Test("drawn rules and stray specks in a gutter are not read as text")
    func rulesAndSpecksDropped() {
        let rule = OCRWord(text: "———", confidence: 40, box: PixelBox(x: 200, y: 140, width: 180, height: 30))
        let speck = OCRWord(text: "_", confidence: 60, box: PixelBox(x: 560, y: 95, width: 20, height: 60))
        let page =
            [
                line(
                    words("ỦY BAN NHÂN DÂN", x: 150, y: 100) + [speck]
                        + words("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x: 800, y: 100)),
                line([rule] + words("Độc lập - Tự do - Hạnh phúc", x: 880, y: 150)),
            ] + body
        #expect(
            texts(ReadingOrder.arrange(page)) == [
                "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            ] + texts(body))
    }

    @Test("blocks are numbered from 0 in reading order and keep every word")
    func blockNumbering() {
        let page =
            [
                line(
                    words("ỦY BAN NHÂN DÂN", x: 150, y: 100),
                    words("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x: 800, y: 100))
            ] + body
        let arranged = ReadingOrder.arrange(page)
        #expect(arranged.map(\.block) == [0, 1, 2, 2])
        #expect(arranged.flatMap(\.words).count == page.flatMap(\.words).count)
        #expect(ReadingOrder.arrange([]).isEmpty)
    }
}
