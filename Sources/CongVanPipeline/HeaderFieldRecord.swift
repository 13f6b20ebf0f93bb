import CongVanCore

/// What the letterhead's number and date fields (`HeaderField`, found on the first page) mean for
/// the record: a value that could not be read with confidence is never reported (the parser
/// reads the text in which its gap was emptied, and a value it found elsewhere is dropped too),
/// and the record says which field was handwritten or illegible.
enum HeaderFieldRecord {
    static func apply(_ fields: [HeaderField], to record: inout DirectiveRecord) {
        let number = fields.first { $0.kind == .number }
        let day = fields.first { $0.kind == .day }
        let month = fields.first { $0.kind == .month }
        switch number?.state {
        case .illegible?:
            if let n = record.number {
                // Not the letterhead's own number, which could not be read.
                record.numberSuffix =
                    record.numberSuffix ?? n.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init)
                record.number = nil
            }
            record.warnings.append(
                "the document number is handwritten or stamped and could not be read with confidence; it is left out"
                    + (record.numberSuffix.map { " (the printed part is \($0))" } ?? ""))
        case .handwritten?:
            if let value = number?.value {
                record.warnings.append("the document number \(value) is handwritten; it was read with confidence")
            }
        default:
            break
        }
        let unknownMonth = month.map { $0.state == .blank || $0.state == .illegible } ?? false
        let unknownDay = unknownMonth || (day.map { $0.state == .blank || $0.state == .illegible } ?? false)
        if let date = record.date {
            let parts = date.split(separator: "-")
            if unknownMonth, parts.count > 1 {
                record.date = String(parts[0])
            } else if unknownDay, parts.count > 2 {
                record.date = parts[0] + "-" + parts[1]
            }
        }
        if day?.state == .illegible {
            record.warnings.append(
                "the day of the date is handwritten and could not be read with confidence; the date gives "
                    + (unknownMonth ? "the year only" : "the month and year only"))
        } else if day?.state == .handwritten, let value = day?.value {
            record.warnings.append("the day of the date (\(value)) is handwritten; it was read with confidence")
        }
        if month?.state == .illegible {
            record.warnings.append("the month of the date is handwritten and could not be read with confidence")
        } else if month?.state == .handwritten, let value = month?.value {
            record.warnings.append("the month of the date (\(value)) is handwritten; it was read with confidence")
        }
    }
}
