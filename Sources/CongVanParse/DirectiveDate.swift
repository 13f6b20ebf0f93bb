import CongVanCore
import Foundation

/// Dates as Vietnamese directives write them, to ISO 8601.
public enum DirectiveDate {
    static let longForm = NSRegularExpression(
        #"ngay\s*(\d{1,2})?\s*(?:[./]\s*)?thang\s*(\d{1,2})?\s*(?:[./]\s*)?nam\s*(\d{4})"#)
    static let shortForm = NSRegularExpression(#"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?![\d/])"#)

    /// `ngày 05 tháng 6 năm 2020` → `2020-06-05`; `ngày   tháng 3 năm 2023` → `2023-03`;
    /// `ngày tháng năm 2026` → `2026`; `19/3/2020` → `2020-03-19`. `nil` when there is no date
    /// or the day or month is out of range.
    public static func parse(_ text: String) -> String? {
        let f = FoldedText(text)
        if let m = f.firstMatch(longForm) {
            return iso(day: f.text(m.range(at: 1)), month: f.text(m.range(at: 2)), year: f.text(m.range(at: 3)))
        }
        if let m = f.firstMatch(shortForm) {
            return iso(day: f.text(m.range(at: 1)), month: f.text(m.range(at: 2)), year: f.text(m.range(at: 3)))
        }
        return nil
    }

    /// Assembles an ISO date from written parts; a blank day gives year-month, a blank month
    /// gives the year alone.
    static func iso(day: String?, month: String?, year: String?) -> String? {
        let r = reading(day: day, month: month, year: year)
        return r.illegible == nil ? r.date : nil
    }

    /// A date read from its written parts, keeping what is legible: a day that is no day of its
    /// month (OCR's `ngày82tháng 4`) gives year-month, a month that is no month gives the year,
    /// and `illegible` names the part that was dropped and how it was written. A blank part (a
    /// date left to be filled in by hand) is no illegible part.
    struct Reading: Equatable {
        var date: String?
        var illegible: Illegible?

        struct Illegible: Equatable {
            var part: String
            var written: String
        }

        /// The sentence the record's warnings carry for an illegible part.
        var warning: String? {
            guard let date, let illegible else { return nil }
            return
                "the \(illegible.part) of the document's date is illegible (\(illegible.written)): the date is given as \(date)"
        }
    }

    static func reading(day: String?, month: String?, year: String?) -> Reading {
        func blank(_ s: String?) -> Bool { s.map { $0.allSatisfy { $0 == " " || $0 == "." || $0 == "…" } } ?? true }
        guard let year, let y = Int(year), (1900...2100).contains(y) else { return Reading(date: nil) }
        if blank(month) { return Reading(date: String(format: "%04d", y)) }
        guard let month, let m = Int(month), (1...12).contains(m) else {
            return Reading(date: String(format: "%04d", y), illegible: .init(part: "month", written: month ?? ""))
        }
        let monthOnly = String(format: "%04d-%02d", y, m)
        if blank(day) { return Reading(date: monthOnly) }
        let days = [
            31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
        ]
        guard let day, let d = Int(day), (1...days[m - 1]).contains(d) else {
            return Reading(date: monthOnly, illegible: .init(part: "day", written: day ?? ""))
        }
        return Reading(date: String(format: "%04d-%02d-%02d", y, m, d))
    }
}
