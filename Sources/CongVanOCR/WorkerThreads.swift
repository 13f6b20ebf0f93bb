extension OCREngine {
    /// Call on a worker thread before its engine recognises anything, when several engines run at
    /// once (one per thread, as `convert` does): Tesseract's OpenMP would otherwise start threads
    /// of its own in every engine and oversubscribe the cores. `OCRBatch` does this for its threads.
    public static func prepareWorkerThread() {
        TesseractAPI.limitOpenMPToOneThread()
    }
}
