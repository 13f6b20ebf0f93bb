import CongVanCore
import Foundation

/// Learns an `EditChannel` from (true word, observed word) pairs by hard EM: align every pair
/// with the current channel, count the rules used, re-estimate, repeat. Counts are smoothed
/// towards a `ShapePrior`, and a share of the prior is always mixed back in, because rendered
/// training pages reproduce the kinds of OCR noise but not the proportions of real scans.
public struct ChannelTrainer: Sendable {
    public var prior: ShapePrior
    /// Pseudo-count of the prior (Dirichlet smoothing).
    public var priorStrength = 20.0
    /// Share of the prior kept whatever the counts say.
    public var priorMixture = 0.15
    public var iterations = 3
    /// A two-letter rule needs this many uses and must beat its single-letter parts twice over.
    public var minMergedCount = 5

    public init(prior: ShapePrior) { self.prior = prior }

    /// Every lower-case Vietnamese letter: the true side of the channel.
    static let trueLetters: [Unicode.Scalar] = {
        var out: [Unicode.Scalar] = []
        for b in Vietnamese.bases {
            for tone in Vietnamese.Tone.allCases {
                if let s = Vietnamese.compose(base: b, tone: tone), !out.contains(s) { out.append(s) }
            }
        }
        return out
    }()

    /// The channel before any data: the prior alone.
    public func priorChannel() -> EditChannel {
        estimate(counts: [:], merged: [:], pairOccurrences: [:], insertions: [:], opportunities: 0)
    }

    /// Trains on word pairs (both sides lower case).
    public func train(pairs: [(truth: [Unicode.Scalar], observed: [Unicode.Scalar])]) -> EditChannel {
        var channel = priorChannel()
        var pairOccurrences: [UInt64: Int] = [:]
        var opportunities = 0
        for p in pairs {
            opportunities += p.truth.count + 1
            if p.truth.count >= 2 {
                for i in 1..<p.truth.count { pairOccurrences[EditChannel.pack(p.truth[(i - 1)...i]), default: 0] += 1 }
            }
        }
        for _ in 0..<iterations {
            var counts: [EditChannel.RuleKey: Int] = [:]
            var merged: [EditChannel.RuleKey: Int] = [:]
            var insertions: [UInt64: Int] = [:]
            for p in pairs {
                let ops = channel.alignment(observed: p.observed, truth: p.truth)
                for (k, op) in ops.enumerated() {
                    if op.alpha == 0 { insertions[op.beta, default: 0] += 1 } else { counts[op, default: 0] += 1 }
                    guard k > 0 else { continue }
                    let prev = ops[k - 1]
                    // Adjacent single-letter rules that may really be one rule (ch → ct, ư → ir).
                    let a = EditChannel.unpack(prev.alpha) + EditChannel.unpack(op.alpha)
                    let b = EditChannel.unpack(prev.beta) + EditChannel.unpack(op.beta)
                    if a.unicodeScalars.count == 2, b.unicodeScalars.count <= 3, prev.alpha != 0, op.alpha != 0, a != b
                    {
                        merged[
                            EditChannel.RuleKey(alpha: EditChannel.pack(a), beta: EditChannel.pack(b)), default: 0] += 1
                    }
                }
            }
            channel = estimate(
                counts: counts, merged: merged, pairOccurrences: pairOccurrences,
                insertions: insertions, opportunities: opportunities)
        }
        return channel
    }

    func estimate(
        counts: [EditChannel.RuleKey: Int], merged: [EditChannel.RuleKey: Int],
        pairOccurrences: [UInt64: Int], insertions: [UInt64: Int], opportunities: Int
    ) -> EditChannel {
        var byAlpha: [UInt64: [UInt64: Int]] = [:]
        for (k, c) in counts { byAlpha[k.alpha, default: [:]][k.beta] = c }
        var rules: [EditChannel.RuleKey: Float] = [:]
        var floors: [UInt64: Float] = [:]
        var single: [EditChannel.RuleKey: Double] = [:]
        let mu = priorStrength
        let rho = priorMixture
        var alphas = Set(Self.trueLetters.map { EditChannel.pack(String($0)) })
        for k in byAlpha.keys where k < 1 << 21 { alphas.insert(k) }
        for alpha in alphas {
            let letterString = EditChannel.unpack(alpha)
            let letter = letterString.unicodeScalars.first!
            let priorDist = prior.distribution(letter).mapKeys { EditChannel.pack($0) }
            let observed = byAlpha[alpha] ?? [:]
            let total = Double(observed.values.reduce(0, +))
            let priorFloor = prior.floor(letter)
            var betas = Set(priorDist.keys)
            betas.formUnion(observed.keys)
            for beta in betas {
                let pPrior = priorDist[beta] ?? priorFloor
                let smoothed = (Double(observed[beta] ?? 0) + mu * pPrior) / (total + mu)
                let p = (1 - rho) * smoothed + rho * pPrior
                let key = EditChannel.RuleKey(alpha: alpha, beta: beta)
                rules[key] = Float(log(p))
                single[key] = p
            }
            floors[alpha] = Float(log(((1 - rho) * mu / (total + mu) + rho) * priorFloor))
        }
        // Two-letter rules that explain the data better than their parts.
        for (key, c) in merged where c >= minMergedCount {
            guard let occurrences = pairOccurrences[key.alpha], occurrences > 0 else { continue }
            let p = Double(c) / Double(occurrences)
            let a = Array(EditChannel.unpack(key.alpha).unicodeScalars)
            let b = Array(EditChannel.unpack(key.beta).unicodeScalars)
            var best = 0.0
            for split in 0...b.count {
                let p1 =
                    single[
                        EditChannel.RuleKey(alpha: EditChannel.pack(String(a[0])), beta: EditChannel.pack(b[..<split]))]
                    ?? 0
                let p2 =
                    single[
                        EditChannel.RuleKey(alpha: EditChannel.pack(String(a[1])), beta: EditChannel.pack(b[split...]))]
                    ?? 0
                best = max(best, p1 * p2)
            }
            if p > 2 * best { rules[key] = Float(log(p)) }
        }
        var insertionRules: [UInt64: Float] = [:]
        let insTotal = Double(max(opportunities, 1000))
        var insertionBetas = Set(insertions.filter { $0.value >= 2 }.keys)
        let priorInsertions = Symbols.alphabet.map { String($0) }.filter { prior.insertion($0) > 0 }
        insertionBetas.formUnion(priorInsertions.map { EditChannel.pack($0) })
        for beta in insertionBetas {
            let pPrior = prior.insertion(EditChannel.unpack(beta))
            let smoothed = (Double(insertions[beta] ?? 0) + mu * pPrior) / (insTotal + mu)
            insertionRules[beta] = Float(log(max((1 - rho) * smoothed + rho * pPrior, 0.5 / insTotal)))
        }
        let insertionFloor = Float(log(0.5 / insTotal))
        let defaultFloor = Float(log(prior.floor("z")))
        return EditChannel(
            rules: rules, floors: floors, defaultFloor: defaultFloor,
            insertions: insertionRules, insertionFloor: min(insertionFloor, Float(log(1e-4))))
    }

    // MARK: Pairs from aligned lines

    /// Word pairs from a true line and its OCR: tokens aligned by edit distance, kept when a
    /// true syllable and its reading are similar enough to be the same word.
    public static func wordPairs(
        truth: String, observed: String
    ) -> [(truth: [Unicode.Scalar], observed: [Unicode.Scalar])] {
        let t = words(truth)
        let o = words(observed)
        guard !t.isEmpty, !o.isEmpty else { return [] }
        let tf = t.map { Array(Vietnamese.foldKey(String(String.UnicodeScalarView($0))).unicodeScalars) }
        let of = o.map { Array(Vietnamese.foldKey(String(String.UnicodeScalarView($0))).unicodeScalars) }
        let n = t.count
        let m = o.count
        var d = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n { d[i][0] = Double(i) }
        for j in 0...m { d[0][j] = Double(j) }
        for i in 1...max(n, 1) where i <= n {
            for j in 1...m {
                let sub = d[i - 1][j - 1] + distance(tf[i - 1], of[j - 1])
                d[i][j] = min(sub, d[i - 1][j] + 1, d[i][j - 1] + 1)
            }
        }
        var out: [(truth: [Unicode.Scalar], observed: [Unicode.Scalar])] = []
        var i = n
        var j = m
        while i > 0 && j > 0 {
            let c = distance(tf[i - 1], of[j - 1])
            if d[i][j] == d[i - 1][j - 1] + c {
                if c <= 0.6, SyllableGrammar.isValid(scalars: t[i - 1]) {
                    out.append((t[i - 1], o[j - 1]))
                }
                i -= 1
                j -= 1
            } else if d[i][j] == d[i - 1][j] + 1 {
                i -= 1
            } else {
                j -= 1
            }
        }
        return out.reversed()
    }

    /// Lower-cased word-ish pieces of a line (any piece kind: OCR may turn a word into digits).
    static func words(_ line: String) -> [[Unicode.Scalar]] {
        let scalars = Array(Vietnamese.lowercase(line).unicodeScalars)
        return Tokenizer.pieces(scalars).map { Array(scalars[$0.start..<$0.end]) }
    }

    /// Normalised Levenshtein distance, 0 (same) to 1.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        if a == b { return 0 }
        guard !a.isEmpty, !b.isEmpty else { return 1 }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1)
            }
            prev = cur
        }
        return Double(prev[b.count]) / Double(max(a.count, b.count))
    }
}

extension Dictionary {
    func mapKeys<K: Hashable>(_ f: (Key) -> K) -> [K: Value] {
        var out: [K: Value] = [:]
        for (k, v) in self { out[f(k), default: v] = v }
        return out
    }
}
