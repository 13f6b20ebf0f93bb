import CongVanTestSupport
import Foundation
import Testing

@testable import CongVanPipeline

@Suite(
    "Standard stages: when text is restored", .enabled(if: EndToEnd.available, "needs Lexicons/ and tesseract-ocr-vie"))
struct StandardStagesTests {
    // Valid syllables only, so the degradation check passes it; "bên vững" is a tone slip of
    // the Vietnamese OCR model for "bền vững".
    let text = "Ủy ban nhân dân tỉnh Lào Cai đề nghị các sở, ban, ngành thực hiện giảm nghèo bên vững."

    @Test("OCR output is always restored, so the Vietnamese model's tone slips are corrected")
    func ocrOutputIsRestored() throws {
        let stages = try Stages.standard(lexiconDirectory: Repository.lexicons)
        let fromOCR = stages.restore(text, true)
        #expect(
            fromOCR.text == "Ủy ban nhân dân tỉnh Lào Cai đề nghị các sở, ban, ngành thực hiện giảm nghèo bền vững.")
        #expect(fromOCR.restored)
    }

    @Test("a typed text that passes the degradation check is left as it is")
    func typedCleanTextIsKept() throws {
        let stages = try Stages.standard(lexiconDirectory: Repository.lexicons)
        #expect(stages.restore(text, false) == Restoration(text: text, restored: false))
    }
}
