import Foundation

/// A written amount: `06`, `1,5`, `2.267,55`, `48,5%`, `5 - 10`, `01- 02`, `1-1,5`.
public struct Quantity: Sendable, Equatable {
    public var value: Double
    /// Upper end of a range.
    public var upper: Double?
    public var isPercent: Bool

    public init(value: Double, upper: Double? = nil, isPercent: Bool = false) {
        self.value = value
        self.upper = upper
        self.isPercent = isPercent
    }

    /// `15` for a whole number, `1,5` otherwise (Vietnamese decimal comma).
    static func format(_ v: Double) -> String {
        v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v).replacingOccurrences(of: ".", with: ",")
    }

    static let pattern = NSRegularExpression(
        #"^\s*(\d+(?:[.,]\d+)*)\s*(%)?(?:\s*[-–—]\s*(\d+(?:[.,]\d+)*)\s*(%)?)?\s*$"#)

    /// Parses a whole string as an amount or range; `nil` when it is something else.
    public static func parse(_ text: String) -> Quantity? {
        let ns = text as NSString
        guard let m = pattern.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)),
            let low = number(ns.substring(with: m.range(at: 1)))
        else { return nil }
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
        // One pass over the bytes: digits, `.` group marks, at most one `,` decimal mark.
        var plain: [UInt8] = []  // the number in C form (`2267.55`), for exact conversion
        var groups: [Int] = []  // digits after each `.`
        var run = 0
        var seenComma = false
        var digits = 0
        for b in s.utf8 {
            switch b {
            case 0x30...0x39:
                plain.append(b)
                run += 1
                digits += 1
            case 0x2E where !seenComma:
                guard digits > 0 else { return nil }
                if !groups.isEmpty || run > 0 { groups.append(run) }
                run = 0
            case 0x2C where !seenComma:
                guard run > 0 else { return nil }
                seenComma = true
                plain.append(0x2E)
                if !groups.isEmpty { groups.append(run) }
                run = 0
            default:
                return nil
            }
        }
        guard digits > 0, run > 0 else { return nil }
        if !groups.isEmpty && !seenComma { groups.append(run) }
        if groups.count > 1 {
            // groups[0] is the lead; the rest must be thousands groups of three, except a single
            // `.` followed by other than three digits, which is a decimal point (`1.5`).
            let tail = groups.dropFirst()
            if groups.count == 2, !seenComma, tail.first! != 3 {
                return Double(s)
            }
            guard tail.allSatisfy({ $0 == 3 }) else { return nil }
        }
        return Double(String(decoding: plain, as: UTF8.self))
    }
}
