/// Text from files (their names, their contents) made safe to print on a terminal: control
/// characters would otherwise reach it raw, and an escape sequence in a file name can set the
/// window title, recolour the screen or hide what follows. Every C0 and C1 control character
/// and DEL, and the bidirectional overrides that reorder what is shown, are written as `\xNN`
/// or `\u{NNNN}` (as `ls -b` does); nothing else changes. For text output only: JSON and CSV
/// carry the text as it is.
public enum TerminalText {
    /// `text` with every control character escaped; with `keepingLineBreaks`, `\n` and `\t`
    /// stay (multi-line output of document text).
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks) }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            guard needsEscape(s, keepingLineBreaks) else {
                out.append(s)
                continue
            }
            let hex = String(s.value, radix: 16, uppercase: true)
            let escape = s.value < 0x100 ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{\(hex)}"
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    @inline(__always)
    static func needsEscape(_ s: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        switch s.value {
        case 0x0A, 0x09: return !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
