#if canImport(Glibc)
import Glibc
#endif

/// Keeps the worker's memory flat over long imports.
///
/// glibc raises its mmap threshold each time a large block is freed (up to 32 MiB), after which large
/// buffers — blob chunks, COPY buffers, a growing `unique` set — come from the heap and stay resident once
/// freed. With rows read on one thread and healed on another, that held ~25 MiB more at 1M rows. A fixed
/// 128 KiB threshold returns every large buffer to the system when it is freed (measured: peak RSS for a
/// 1M-row file 72–76 → 59–62 MiB, no change in speed). Same as `MALLOC_MMAP_THRESHOLD_=131072`.
enum MemoryTuning {
    static let mmapThreshold: Int32 = 128 * 1024
    /// `M_MMAP_THRESHOLD` in glibc's malloc.h, which Swift's Glibc module does not import.
    static let mmapThresholdOption: Int32 = -3

    static func apply() {
        #if canImport(Glibc)
        // mallopt is looked up rather than declared: malloc.h is not part of the Glibc module.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(mmapThresholdOption, mmapThreshold)
        #endif
    }
}
