/// The capitalisation of a token, so a restored word can be given back the input's case.
public enum CasePattern: Sendable, Equatable {
    case lower, upper, title, mixed, none

    /// Classifies a token by its letters; one capital letter alone counts as title case.
    public init(of token: some StringProtocol) {
        var uppers = 0
        var lowers = 0
        var firstUpper: Bool? = nil
        for s in token.unicodeScalars {
            let isUpper: Bool
            if let l = Vietnamese.letter(s) {
                isUpper = l.isUpper
            } else if s.properties.isUppercase {
                isUpper = true
            } else if s.properties.isLowercase {
                isUpper = false
            } else {
                continue
            }
            if firstUpper == nil { firstUpper = isUpper }
            if isUpper { uppers += 1 } else { lowers += 1 }
        }
        switch (uppers, lowers) {
        case (0, 0): self = .none
        case (0, _): self = .lower
        case (1, 0): self = .title
        case (_, 0): self = .upper
        case (1, _) where firstUpper == true: self = .title
        default: self = .mixed
        }
    }

    /// `word` (lower case) written in this pattern; `.mixed` and `.none` return it unchanged.
    public func apply(to word: String) -> String {
        switch self {
        case .lower, .mixed, .none: return word
        case .upper: return word.uppercased()
        case .title:
            var scalars = Array(word.unicodeScalars)
            guard let first = scalars.first else { return word }
            scalars[0] = String(first).uppercased().unicodeScalars.first ?? first
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars)
            return String(out)
        }
    }
}
