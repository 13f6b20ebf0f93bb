/// The decoder's innermost float loops, written so LLVM vectorises them: wrapping index
/// arithmetic (an overflow trap per index stops the vectoriser) and independent running maxima
/// (a single one is a chain it may not reorder). Max is exact, so the results are bit for bit
/// those of the plain loops.
enum FloatKernels {
    /// `out[j] = max(out[j], add + row[j])` for j in 0..<count.
    @inline(__always)
    static func maxAccumulate(
        _ out: UnsafeMutablePointer<Float>, _ row: UnsafePointer<Float>,
        plus add: Float, count: Int
    ) {
        var j = 0
        while j < count {
            let v = add + row[j]
            let old = out[j]
            out[j] = v > old ? v : old
            j &+= 1
        }
    }

    /// `max(out[j], x[j] + y[j])` into `out[j]` for j in 0..<count.
    @inline(__always)
    static func maxAccumulate(
        _ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>,
        _ y: UnsafePointer<Float>, count: Int
    ) {
        var j = 0
        while j < count {
            let v = x[j] + y[j]
            let old = out[j]
            out[j] = v > old ? v : old
            j &+= 1
        }
    }

    /// The largest `(x[j] + y[j]) + z[j]` for j in 0..<count (−∞ for none).
    @inline(__always)
    static func maxOfSums(
        _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ z: UnsafePointer<Float>,
        count: Int
    ) -> Float {
        var m0 = -Float.infinity
        var m1 = -Float.infinity
        var m2 = -Float.infinity
        var m3 = -Float.infinity
        var j = 0
        while j &+ 4 <= count {
            let v0 = x[j] + y[j] + z[j]
            let v1 = x[j &+ 1] + y[j &+ 1] + z[j &+ 1]
            let v2 = x[j &+ 2] + y[j &+ 2] + z[j &+ 2]
            let v3 = x[j &+ 3] + y[j &+ 3] + z[j &+ 3]
            m0 = v0 > m0 ? v0 : m0
            m1 = v1 > m1 ? v1 : m1
            m2 = v2 > m2 ? v2 : m2
            m3 = v3 > m3 ? v3 : m3
            j &+= 4
        }
        var m = max(max(m0, m1), max(m2, m3))
        while j < count {
            let v = x[j] + y[j] + z[j]
            if v > m { m = v }
            j &+= 1
        }
        return m
    }
}
