import CongVanCore
import Foundation

/// A character-level noisy channel: ln P(observed | true) as the best segmentation of the true
/// string into rewrite rules α → β, where α is one or two true letters and β zero to three
/// observed characters (Brill & Moore 2000). Both strings are lower case.
public struct EditChannel: Sendable {
    /// ln P(β | α) for listed pairs.
    var rules: [RuleKey: Float]
    /// ln of the probability of an unlisted single character or deletion, per single α.
    var floors: [UInt64: Float]
    var defaultFloor: Float
    /// ln P(an extra observed β here), per position.
    var insertions: [UInt64: Float]
    var insertionFloor: Float

    struct RuleKey: Hashable, Sendable {
        var alpha: UInt64
        var beta: UInt64
    }

    /// Packs up to three scalars into one integer (0 is the empty string).
    @inline(__always)
    static func pack(_ s: ArraySlice<Unicode.Scalar>) -> UInt64 {
        var k: UInt64 = 0
        for (i, c) in s.enumerated() { k |= UInt64(c.value + 1) << (21 * UInt64(i)) }
        return k
    }

    static func pack(_ s: String) -> UInt64 { pack(Array(s.unicodeScalars)[...]) }

    static func unpack(_ k: UInt64) -> String {
        var out = UTF8Writer(capacity: 12)
        forEachScalar(of: k) { out.append($0) }
        return out.string
    }

    /// Calls `body` with each scalar of a packed string, first to last (21 bits each).
    @inline(__always)
    static func forEachScalar(of k: UInt64, _ body: (Unicode.Scalar) -> Void) {
        var k = k
        while k != 0 {
            body(Unicode.Scalar(UInt32(k & 0x1F_FFFF) - 1)!)
            k >>= 21
        }
    }

    /// The rules laid out for the inner loop, over `Symbols` codes. A class: every score reads
    /// it, and one reference costs one retain where its seven arrays cost seven.
    final class Dense: Sendable {
        /// ln P(β | α) for one true and one observed symbol, floor-filled: [α * 256 + β].
        let substitution: [Float]
        /// ln P(nothing observed | α).
        let deletion: [Float]
        /// ln P(an extra observed symbol β).
        let insertion: [Float]
        /// Per single true symbol, its rules with two or three observed symbols.
        let longer: [[(beta: [UInt8], lp: Float)]]
        /// Per pair of true symbols (α1 << 8 | α2), its rules: `pairRules[pairs[key] - 1]`, or none
        /// for 0. A flat table, not a dictionary: it is read for every letter of every score.
        let pairs: [UInt16]
        let pairRules: [[(beta: [UInt8], lp: Float)]]
        /// Extra observed symbol pairs.
        let insertionPairs: [(beta: [UInt8], lp: Float)]

        init(
            substitution: [Float], deletion: [Float], insertion: [Float], longer: [[(beta: [UInt8], lp: Float)]],
            pairs: [UInt16], pairRules: [[(beta: [UInt8], lp: Float)]], insertionPairs: [(beta: [UInt8], lp: Float)]
        ) {
            self.substitution = substitution
            self.deletion = deletion
            self.insertion = insertion
            self.longer = longer
            self.pairs = pairs
            self.pairRules = pairRules
            self.insertionPairs = insertionPairs
        }
    }

    let dense: Dense

    init(
        rules: [RuleKey: Float], floors: [UInt64: Float], defaultFloor: Float, insertions: [UInt64: Float],
        insertionFloor: Float
    ) {
        self.rules = rules
        self.floors = floors
        self.defaultFloor = defaultFloor
        self.insertions = insertions
        self.insertionFloor = insertionFloor
        dense = Self.layout(
            rules: rules, floors: floors, defaultFloor: defaultFloor, insertions: insertions,
            insertionFloor: insertionFloor)
    }

    /// The `Symbols` codes of a packed string (as `unpack` reads it, without making the string).
    static func codes(_ k: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        forEachScalar(of: k) { out.append(Symbols.code($0)) }
        return out
    }

    static func layout(
        rules: [RuleKey: Float], floors: [UInt64: Float], defaultFloor: Float,
        insertions: [UInt64: Float], insertionFloor: Float
    ) -> Dense {
        let n = Symbols.count
        var floorBySymbol = [Float](repeating: defaultFloor, count: n)
        for (k, lp) in floors { if let c = codes(k).first, codes(k).count == 1 { floorBySymbol[Int(c)] = lp } }
        var sub = [Float](repeating: 0, count: n * n)
        for a in 0..<n { for b in 0..<n { sub[a * n + b] = floorBySymbol[a] } }
        var del = floorBySymbol
        var longer = [[(beta: [UInt8], lp: Float)]](repeating: [], count: n)
        var pairs: [UInt16: [(beta: [UInt8], lp: Float)]] = [:]
        for (k, lp) in rules {
            let alpha = codes(k.alpha)
            let beta = codes(k.beta)
            guard !alpha.contains(Symbols.other), !beta.contains(Symbols.other) else { continue }
            if alpha.count == 1 {
                let a = Int(alpha[0])
                switch beta.count {
                case 0: del[a] = lp
                case 1: sub[a * n + Int(beta[0])] = lp
                default: longer[a].append((beta, lp))
                }
            } else if alpha.count == 2 {
                pairs[UInt16(alpha[0]) << 8 | UInt16(alpha[1]), default: []].append((beta, lp))
            }
        }
        var ins = [Float](repeating: insertionFloor, count: n)
        var insPairs: [(beta: [UInt8], lp: Float)] = []
        for (k, lp) in insertions {
            let beta = codes(k)
            guard !beta.contains(Symbols.other) else { continue }
            if beta.count == 1 { ins[Int(beta[0])] = lp } else if beta.count == 2 { insPairs.append((beta, lp)) }
        }
        var pairIndex = [UInt16](repeating: 0, count: 1 << 16)
        var pairRules: [[(beta: [UInt8], lp: Float)]] = []
        for (key, list) in pairs {
            pairRules.append(list)
            pairIndex[Int(key)] = UInt16(pairRules.count)
        }
        return Dense(
            substitution: sub, deletion: del, insertion: ins, longer: longer, pairs: pairIndex,
            pairRules: pairRules, insertionPairs: insPairs)
    }

    // MARK: Scoring

    /// ln P(observed | truth), best segmentation.
    public func logProb(observed o: [Unicode.Scalar], truth t: [Unicode.Scalar]) -> Float {
        logProb(observed: Symbols.codes(o), truth: Symbols.codes(t)[...])
    }

    /// The same over `Symbols` codes (the fast path the decoder uses).
    func logProb(observed o: [UInt8], truth t: ArraySlice<UInt8>) -> Float {
        score(o, t, back: nil)
    }

    /// ln P(observed | observed): the score of a token read as itself. The alignment costs the
    /// square of the token's length in time and memory (100,000 letters asked for 40 GB), so a
    /// token longer than any word is scored along the diagonal alone, each symbol as itself.
    func keptLogProb(_ o: [UInt8]) -> Float {
        guard o.count > Self.longestAligned else { return score(o, o[...], back: nil) }
        let d = dense
        return o.reduce(0) { $0 + d.substitution[Int($1) * Symbols.count + Int($1)] }
    }

    /// Tokens longer than this (in symbols) are not aligned with themselves.
    static let longestAligned = 48

    /// The rules of the best segmentation, for learning and for document adaptation.
    func alignment(observed o: [Unicode.Scalar], truth t: [Unicode.Scalar]) -> [RuleKey] {
        let width = o.count + 1
        var back = [UInt8](repeating: 0, count: (t.count + 1) * width)
        _ = score(Symbols.codes(o), Symbols.codes(t)[...], back: &back)
        var ops: [RuleKey] = []
        var i = t.count
        var j = o.count
        while i + j > 0 {
            let how = back[i * width + j]
            if how == 0 { break }
            let a = Int(how >> 4)
            let b = Int(how & 15)
            ops.append(RuleKey(alpha: Self.pack(t[(i - a)..<i]), beta: Self.pack(o[(j - b)..<j])))
            i -= a
            j -= b
        }
        return ops.reversed()
    }

    @inline(__always)
    static func matches(_ o: [UInt8], _ end: Int, _ beta: [UInt8]) -> Bool {
        let start = end - beta.count
        guard start >= 0 else { return false }
        for k in 0..<beta.count where o[start + k] != beta[k] { return false }
        return true
    }

    private func score(_ o: [UInt8], _ truth: ArraySlice<UInt8>, back: UnsafeMutablePointer<[UInt8]>?) -> Float {
        truth.withUnsafeBufferPointer { score(o, $0, back: back) }
    }

    private func score(_ o: [UInt8], _ t: UnsafeBufferPointer<UInt8>, back: UnsafeMutablePointer<[UInt8]>?) -> Float {
        let m = t.count
        let n = o.count
        let width = n + 1
        let d = dense
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: (m + 1) * width) { best in
            best.initialize(repeating: -.infinity)
            best[0] = 0
            for i in 0...m {
                let alpha = i > 0 ? Int(t[i - 1]) : 0
                let pairAt = i > 1 ? Int(d.pairs[Int(t[i - 2]) << 8 | Int(t[i - 1])]) : 0
                let pairRules = pairAt > 0 ? d.pairRules[pairAt - 1] : nil
                for j in 0...n where i + j > 0 {
                    var top: Float = -.infinity
                    var how: UInt8 = 0
                    if j > 0 {
                        let c = best[i * width + j - 1] + d.insertion[Int(o[j - 1])]
                        if c > top {
                            top = c
                            how = 1
                        }
                        for r in d.insertionPairs where Self.matches(o, j, r.beta) {
                            let c2 = best[i * width + j - 2] + r.lp
                            if c2 > top {
                                top = c2
                                how = 2
                            }
                        }
                    }
                    if i > 0 {
                        let cd = best[(i - 1) * width + j] + d.deletion[alpha]
                        if cd > top {
                            top = cd
                            how = 0x10
                        }
                        if j > 0 {
                            let cs =
                                best[(i - 1) * width + j - 1] + d.substitution[alpha * Symbols.count + Int(o[j - 1])]
                            if cs > top {
                                top = cs
                                how = 0x11
                            }
                        }
                        for r in d.longer[alpha] where Self.matches(o, j, r.beta) {
                            let c = best[(i - 1) * width + j - r.beta.count] + r.lp
                            if c > top {
                                top = c
                                how = 0x10 | UInt8(r.beta.count)
                            }
                        }
                        if let pairRules {
                            for r in pairRules where Self.matches(o, j, r.beta) {
                                let c = best[(i - 2) * width + j - r.beta.count] + r.lp
                                if c > top {
                                    top = c
                                    how = 0x20 | UInt8(r.beta.count)
                                }
                            }
                        }
                    }
                    best[i * width + j] = top
                    back?.pointee[i * width + j] = how
                }
            }
            return best[m * width + n]
        }
    }

    // MARK: Adaptation

    /// The channel moved towards a document's own rule counts: for each true letter seen,
    /// P'(β|α) = (n(α→β) + s·P(β|α)) / (n(α) + s).
    func adapted(counts: [RuleKey: Double], strength: Double) -> EditChannel {
        var byAlpha: [UInt64: [UInt64: Double]] = [:]
        for (k, c) in counts where k.alpha != 0 { byAlpha[k.alpha, default: [:]][k.beta] = c }
        var newRules = rules
        var newFloors = floors
        for (key, lp) in rules {
            guard let seen = byAlpha[key.alpha] else { continue }
            let n = seen.values.reduce(0, +)
            newRules[key] = Float(log((strength * Double(exp(lp)) + (seen[key.beta] ?? 0)) / (n + strength)))
        }
        for (alpha, seen) in byAlpha {
            let n = seen.values.reduce(0, +)
            let floor = Double(exp(floors[alpha] ?? defaultFloor))
            for (beta, c) in seen where rules[RuleKey(alpha: alpha, beta: beta)] == nil {
                newRules[RuleKey(alpha: alpha, beta: beta)] = Float(log((strength * floor + c) / (n + strength)))
            }
            newFloors[alpha] = Float(log(strength * floor / (n + strength)))
        }
        return EditChannel(
            rules: newRules, floors: newFloors, defaultFloor: defaultFloor,
            insertions: insertions, insertionFloor: insertionFloor)
    }

    // MARK: Serialisation

    public func write(into w: inout ByteWriter) {
        w.append(defaultFloor)
        w.append(insertionFloor)
        w.append(UInt32(rules.count))
        for (k, lp) in rules.sorted(by: { ($0.key.alpha, $0.key.beta) < ($1.key.alpha, $1.key.beta) }) {
            w.append(k.alpha)
            w.append(k.beta)
            w.append(lp)
        }
        w.append(UInt32(floors.count))
        for (k, lp) in floors.sorted(by: { $0.key < $1.key }) {
            w.append(k)
            w.append(lp)
        }
        w.append(UInt32(insertions.count))
        for (k, lp) in insertions.sorted(by: { $0.key < $1.key }) {
            w.append(k)
            w.append(lp)
        }
    }

    public static func read(from r: inout ByteReader) throws(CoreError) -> EditChannel {
        let defaultFloor = try r.readFloat()
        let insertionFloor = try r.readFloat()
        var rules: [RuleKey: Float] = [:]
        for _ in 0..<(try r.read(UInt32.self)) {
            let a = try r.read(UInt64.self)
            let b = try r.read(UInt64.self)
            rules[RuleKey(alpha: a, beta: b)] = try r.readFloat()
        }
        var floors: [UInt64: Float] = [:]
        for _ in 0..<(try r.read(UInt32.self)) {
            let k = try r.read(UInt64.self)
            floors[k] = try r.readFloat()
        }
        var insertions: [UInt64: Float] = [:]
        for _ in 0..<(try r.read(UInt32.self)) {
            let k = try r.read(UInt64.self)
            insertions[k] = try r.readFloat()
        }
        return EditChannel(
            rules: rules, floors: floors, defaultFloor: defaultFloor, insertions: insertions,
            insertionFloor: insertionFloor)
    }

    /// The most probable observed strings for a true letter, for inspection and tests.
    public func topReadings(of letter: String, count: Int = 8) -> [(String, Float)] {
        let a = Self.pack(letter)
        return rules.filter { $0.key.alpha == a }.map { (Self.unpack($0.key.beta), $0.value) }
            .sorted { $0.1 > $1.1 }.prefix(count).map { $0 }
    }
}
