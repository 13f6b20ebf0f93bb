import CongVanCore

/// The four ways an input token can relate to the true syllable, mixed per document:
/// identical (clean text), stripped of marks, read by a Vietnamese OCR model (tone slips), or
/// read by an English OCR model (marks lost, letters mangled). The mixture weights start from
/// the measured degradation and are re-estimated from the document's own decoding.
struct ChannelMixture: Sendable {
    enum Kind: Int, CaseIterable {
        case identity = 0
        case stripped, vietnamese, english
    }

    /// ln of the mixture weights, indexed by `Kind`.
    var logWeights: [Float]

    init(weights: [Double]) {
        let total = weights.reduce(0, +)
        logWeights = weights.map { Float(log(max($0 / total, 1e-9))) }
    }

    /// Starting weights for a measured kind of input.
    static func prior(for kind: Degradation.InputKind) -> [Double] {
        switch kind {
        case .clean: return [0.985, 0.004, 0.008, 0.003]
        case .toneSlips: return [0.70, 0.02, 0.26, 0.02]
        case .stripped: return [0.05, 0.90, 0.01, 0.04]
        case .garbled: return [0.04, 0.25, 0.03, 0.68]
        case .unknown: return [0.50, 0.20, 0.15, 0.15]
        }
    }

    /// ln P(observed | candidate) under the mixture (an absent kind is a term of −∞, which adds
    /// exactly nothing; no array, as this runs for every candidate of every token).
    func logProb(_ c: ScoredCandidate) -> Float {
        logSumExp(
            c.identical ? logWeights[0] : -.infinity, c.stripped ? logWeights[1] : -.infinity,
            logWeights[2] + c.logVietnamese, logWeights[3] + c.logEnglish)
    }

    /// Posterior share of each kind for one decoded token, indexed by `Kind` (a vector, not an
    /// array: this runs for every decoded token).
    func responsibilities(_ c: ScoredCandidate) -> SIMD4<Double> {
        let parts = SIMD4<Float>(
            c.identical ? logWeights[0] : -.infinity,
            c.stripped ? logWeights[1] : -.infinity,
            logWeights[2] + c.logVietnamese,
            logWeights[3] + c.logEnglish)
        let z = logSumExp(parts[0], parts[1], parts[2], parts[3])
        var out = SIMD4<Double>()
        for k in 0..<4 where parts[k] != -.infinity { out[k] = Double(exp(parts[k] - z)) }
        return out
    }
}

/// A candidate reading of one observed token with its channel scores under each kind.
struct ScoredCandidate: Sendable {
    /// Vocabulary id; the output spelling is the vocabulary's, or the input itself for `keep`
    /// (a plain value, so lattices copy without reference counting).
    var id: UInt16
    /// The observation is this candidate (tone placement aside): keep the input as it is.
    var keep: Bool
    var identical: Bool
    var stripped: Bool
    var logVietnamese: Float
    var logEnglish: Float
    /// Extra log-score outside the channel (unknown-word length penalty, digit-token penalty).
    var bias: Float = 0
}

@inline(__always)
func logSumExp(_ a: Float, _ b: Float, _ c: Float, _ d: Float) -> Float {
    let m = max(max(a, b), max(c, d))
    guard m > -.infinity else { return -.infinity }
    return m + log(exp(a - m) + exp(b - m) + exp(c - m) + exp(d - m))
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
