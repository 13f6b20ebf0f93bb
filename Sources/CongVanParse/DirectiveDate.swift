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
        guard let year, let y = Int(year), (1900...2100).contains(y) else { return nil }
        guard let month, let m = Int(month) else { return String(format: "%04d", y) }
        guard (1...12).contains(m) else { return nil }
        guard let day, let d = Int(day) else { return String(format: "%04d-%02d", y, m) }
        let days = [
            31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
        ]
        guard (1...days[m - 1]).contains(d) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
