import CongVanCore
import CongVanTestSupport
import Foundation

@testable import CongVanPipeline

struct FakeOCRError: LocalizedError {
    var path: String
    var errorDescription: String? { "\(path): the image is damaged (not a picture)." }
}

/// Counts what the stand-in stages were asked to do, from any thread.
final class StageLog: Sendable {
    private let readers = LockedValue(0)
    private let parsed = LockedValue<[String]>([])

    func madeReader() { readers.withLock { $0 += 1 } }
    func parsedFile(_ source: String) { parsed.withLock { $0.append(source) } }
    var readerCount: Int { readers.current }
    var parsedFiles: [String] { parsed.current }
}

/// Stand-ins for the real stages:
/// - "images" are text files starting with `IMAGE`; pages are separated by form feeds; anything
///   else fails like a corrupt image;
/// - restoration turns `Hung Dao` into `Hưng Đạo`;
/// - the parser reads `Số: N` and lines `TARGET <year> <commune>`.
func fakeStages(_ log: StageLog = StageLog(), readerFails: Bool = false) -> Stages {
    Stages(
        makeReader: {
            log.madeReader()
            if readerFails { throw FakeOCRError(path: "vie.traineddata") }
            let owner = Thread.current
            return { files in
                precondition(Thread.current == owner, "a page reader was used on another thread")
                var pages: [OCRPage] = []
                for path in files {
                    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                    guard text.hasPrefix("IMAGE") else { throw FakeOCRError(path: path) }
                    pages += text.dropFirst(5).split(separator: "\u{0C}", omittingEmptySubsequences: true).enumerated()
                        .map { i, page in
                            let lines = page.split(separator: "\n").map { line in
                                OCRLine(
                                    words: line.split(separator: " ").map {
                                        OCRWord(
                                            text: String($0), confidence: 90,
                                            box: PixelBox(x: 0, y: 0, width: 1, height: 1)
                                        )
                                    },
                                    box: PixelBox(x: 0, y: 0, width: 1, height: 1), block: 0)
                            }
                            return OCRPage(
                                index: i, width: 100, height: 100, lines: lines, meanConfidence: 90,
                                file: files.count > 1 ? path : nil)
                        }
                }
                return OCRDocument(source: files[0], language: "vie", pages: pages)
            }
        },
        restore: { text, _ in
            text.contains("Hung Dao")
                ? Restoration(text: text.replacingOccurrences(of: "Hung Dao", with: "Hưng Đạo"), restored: true)
                : Restoration(text: text, restored: false)
        },
        parse: { text, source in
            log.parsedFile(source)
            var record = DirectiveRecord(source: source, kind: "Kế hoạch")
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.hasPrefix("Số: ") { record.number = String(line.dropFirst(4)) }
                let parts = line.split(separator: " ", maxSplits: 2)
                if parts.count == 3, parts[0] == "TARGET", let year = Int(parts[1]) {
                    record.targets.append(
                        Target(
                            quantity: 1, unit: "xã", indicator: "đạt chuẩn nông thôn mới", year: year,
                            communes: [TargetCommune(name: String(parts[2]), district: "D", province: "P")],
                            sentence: String(line), line: i + 1))
                }
            }
            return record
        })
}
