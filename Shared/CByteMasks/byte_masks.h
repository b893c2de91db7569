#ifndef INTAKE_CBYTEMASKS_H
#define INTAKE_CBYTEMASKS_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Where the bytes that shape a CSV text lie in 64 bytes: bit i of each mask is set when byte i is a double
   quote, the delimiter, a line feed or a carriage return. Swift has no byte-mask instruction (`movemask`), so
   this comes from C: with SSE2 (every x86-64), four loads, sixteen compares and twelve mask moves; elsewhere a
   plain loop gives the same masks. Being static inline, it is compiled into the Swift code that calls it. */
typedef struct {
    uint64_t quotes;
    uint64_t delimiters;
    uint64_t line_feeds;
    uint64_t carriage_returns;
} intake_csv_masks;

static inline intake_csv_masks intake_csv_block_masks(const uint8_t *bytes, uint8_t delimiter) {
    intake_csv_masks masks = {0, 0, 0, 0};
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i separator = _mm_set1_epi8((char)delimiter);
    const __m128i line_feed = _mm_set1_epi8('\n');
    const __m128i carriage_return = _mm_set1_epi8('\r');
    for (int step = 0; step < 4; step++) {
        const __m128i lanes = _mm_loadu_si128((const __m128i *)(bytes + 16 * step));
        const int shift = 16 * step;
        masks.quotes |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(lanes, quote)) << shift;
        masks.delimiters |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(lanes, separator)) << shift;
        masks.line_feeds |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(lanes, line_feed)) << shift;
        masks.carriage_returns |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(lanes, carriage_return)) << shift;
    }
#else
    for (int i = 0; i < 64; i++) {
        const uint64_t bit = (uint64_t)1 << i;
        const uint8_t byte = bytes[i];
        if (byte == '"') masks.quotes |= bit;
        if (byte == delimiter) masks.delimiters |= bit;
        if (byte == '\n') masks.line_feeds |= bit;
        if (byte == '\r') masks.carriage_returns |= bit;
    }
#endif
    return masks;
}

#endif
