#if canImport(Glibc)
import Glibc
#endif

/// Lets a process that runs the engine reuse the memory of its batches instead of taking fresh pages from
/// the kernel for each one. Call once at start (the import worker does; so do the engine's benchmarks, to
/// measure it as the worker runs it).
///
/// Every batch of records (about 1 MiB of text and its field marks), each column's values and each block of
/// rows is allocated and freed again a hundred times per million rows. By default glibc serves blocks over
/// 128 KiB with `mmap` (and, once its threshold has adapted, trims the freed top of a thread's heap past twice
/// that): each batch then faults its pages in anew. For a 1M-row file that was ~26,000 page faults and ~50 ms
/// of kernel time per pass, ~6 % of the engine's time on one core (`perf stat -e page-faults`).
///
/// So blocks up to `mmapThreshold` come from the heap, and a heap keeps up to `trimThreshold` free at its top:
/// what one batch freed, the next reuses. Larger blocks (a big `unique` set's tables) still come and go with
/// `mmap`. The cost is memory a heap keeps after its peak: at most what it once held. Fixed values also stop
/// glibc adapting its thresholds, whose growth to 32 MiB had kept ~25 MiB more resident at 1M rows.
public enum MemoryTuning {
    /// Blocks above this are mapped and unmapped on their own.
    public static let mmapThreshold: Int32 = 4 << 20
    /// Free memory a heap keeps at its top before it gives pages back.
    public static let trimThreshold: Int32 = 32 << 20
    /// `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` in glibc's malloc.h, which Swift's Glibc module does not import.
    static let trimThresholdOption: Int32 = -1
    static let mmapThresholdOption: Int32 = -3

    public static func apply() {
        #if canImport(Glibc)
        // mallopt is looked up rather than declared: malloc.h is not part of the Glibc module.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(mmapThresholdOption, mmapThreshold)
        _ = mallopt(trimThresholdOption, trimThreshold)
        #endif
    }
}
