import Foundation

/// A written amount: `06`, `1,5`, `2.267,55`, `48,5%`, `5 - 10`, `01- 02`, `1-1,5`.
public struct Quantity: Sendable, Equatable {
    public var value: Double
    /// Upper end of a range.
    public var upper: Double?
    public var isPercent: Bool

    public init(value: Double, upper: Double? = nil, isPercent: Bool = false) {
        self.value = value; self.upper = upper; self.isPercent = isPercent
    }

    static let pattern = NSRegularExpression(
        #"^\s*(\d+(?:[.,]\d+)*)\s*(%)?(?:\s*[-–—]\s*(\d+(?:[.,]\d+)*)\s*(%)?)?\s*$"#)

    /// Parses a whole string as an amount or range; `nil` when it is something else.
    public static func parse(_ text: String) -> Quantity? {
        let ns = text as NSString
        guard let m = pattern.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)),
              let low = number(ns.substring(with: m.range(at: 1))) else { return nil }
        var q = Quantity(value: low)
        if m.range(at: 3).location != NSNotFound {
            guard let high = number(ns.substring(with: m.range(at: 3))), high >= low else { return nil }
            q.upper = high
        }
        q.isPercent = m.range(at: 2).location != NSNotFound || m.range(at: 4).location != NSNotFound
        return q
    }

    /// One Vietnamese number: `.` groups thousands and `,` marks decimals (`2.267,55`); a lone
    /// `.` followed by other than three digits is read as a decimal point (`1.5`).
    public static func number(_ s: String) -> Double? {
        let parts = s.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        var integer = String(parts[0])
        let groups = integer.split(separator: ".", omittingEmptySubsequences: false)
        if groups.count > 1 {
            if parts.count == 1, groups.count == 2, groups[1].count != 3 {
                return Double(integer)
            }
            guard groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            integer = groups.joined()
        }
        guard !integer.isEmpty, integer.allSatisfy(\.isNumber) else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isNumber) else { return nil }
            return Double(integer + "." + parts[1])
        }
        return Double(integer)
    }
}
