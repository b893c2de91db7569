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

/* The classes of an email address's bytes that its shape check needs, as masks over up to 64 bytes (bit i:
   byte i): `@`, `.`, `-`, upper-case letters, the characters a local part may hold (letters, digits and
   !#$%&'*+/=?^_`{|}~.-), those a domain label may hold (letters, digits, `-`), and the bytes the check hands
   to the general reader (non-ASCII, `<`, `:`). Bits past `count` are clear. */
typedef struct {
    uint64_t at;
    uint64_t dots;
    uint64_t hyphens;
    uint64_t upper;
    uint64_t local;
    uint64_t domain;
    uint64_t hand_over;
} intake_email_masks;

#if defined(__SSE2__)
/* True where `lanes` lie in [low, low + size): shifted so the range starts at -128, one signed compare. */
static inline __m128i intake_in_range(__m128i lanes, uint8_t low, uint8_t size) {
    const __m128i shifted = _mm_add_epi8(lanes, _mm_set1_epi8((char)(uint8_t)(0x80 - low)));
    return _mm_cmplt_epi8(shifted, _mm_set1_epi8((char)(uint8_t)(0x80 + size)));
}

static inline void intake_email_classify(__m128i lanes, int shift, intake_email_masks *masks) {
#define INTAKE_MASK(vector) ((uint64_t)(uint16_t)_mm_movemask_epi8(vector) << shift)
#define INTAKE_IS(byte) _mm_cmpeq_epi8(lanes, _mm_set1_epi8(byte))
    const __m128i at = INTAKE_IS('@');
    const __m128i hyphen = INTAKE_IS('-');
    const __m128i upper = intake_in_range(lanes, 'A', 26);
    const __m128i alphanumeric = _mm_or_si128(_mm_or_si128(upper, intake_in_range(lanes, 'a', 26)), intake_in_range(lanes, '0', 10));
    /* Printable ASCII but for the characters a local part may not hold: "(),:;<>@[\] */
    __m128i refused = _mm_or_si128(_mm_or_si128(INTAKE_IS('"'), INTAKE_IS('(')), _mm_or_si128(INTAKE_IS(')'), INTAKE_IS(',')));
    refused = _mm_or_si128(refused, _mm_or_si128(_mm_or_si128(INTAKE_IS(':'), INTAKE_IS(';')), _mm_or_si128(INTAKE_IS('<'), INTAKE_IS('>'))));
    refused = _mm_or_si128(refused, _mm_or_si128(_mm_or_si128(at, INTAKE_IS('[')), _mm_or_si128(INTAKE_IS('\\'), INTAKE_IS(']'))));
    const __m128i local = _mm_andnot_si128(refused, intake_in_range(lanes, 0x21, 0x7E - 0x21 + 1));
    masks->at |= INTAKE_MASK(at);
    masks->dots |= INTAKE_MASK(INTAKE_IS('.'));
    masks->hyphens |= INTAKE_MASK(hyphen);
    masks->upper |= INTAKE_MASK(upper);
    masks->local |= INTAKE_MASK(local);
    masks->domain |= INTAKE_MASK(_mm_or_si128(alphanumeric, hyphen));
    masks->hand_over |= ((uint64_t)(uint16_t)_mm_movemask_epi8(lanes) << shift) | INTAKE_MASK(_mm_or_si128(INTAKE_IS('<'), INTAKE_IS(':')));
#undef INTAKE_IS
#undef INTAKE_MASK
}
#endif

/* The masks of the `count` bytes at `bytes`, 8 <= count <= 64, read without going past them: 16 bytes a load
   (8 under 16), the last load ending at the last byte and overlapping the one before, its masks shifted to
   where it lies. A byte two loads read is classed the same by each. Elsewhere than x86-64, a plain loop gives
   the same. */
static inline intake_email_masks intake_email_block_masks(const uint8_t *bytes, int count) {
    intake_email_masks masks = {0, 0, 0, 0, 0, 0, 0};
#if defined(__SSE2__)
    if (count >= 16) {
        int offset = 0;
        for (; offset + 16 <= count; offset += 16) {
            intake_email_classify(_mm_loadu_si128((const __m128i *)(bytes + offset)), offset, &masks);
        }
        if (offset < count) {
            intake_email_classify(_mm_loadu_si128((const __m128i *)(bytes + count - 16)), count - 16, &masks);
        }
    } else {
        intake_email_classify(_mm_loadl_epi64((const __m128i *)bytes), 0, &masks);
        intake_email_classify(_mm_loadl_epi64((const __m128i *)(bytes + count - 8)), count - 8, &masks);
    }
    const uint64_t kept = count >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << count) - 1;
    masks.at &= kept;
    masks.dots &= kept;
    masks.hyphens &= kept;
    masks.upper &= kept;
    masks.local &= kept;
    masks.domain &= kept;
    masks.hand_over &= kept;
#else
    for (int i = 0; i < count; i++) {
        const uint64_t bit = (uint64_t)1 << i;
        const uint8_t byte = bytes[i];
        const int upper = byte >= 'A' && byte <= 'Z';
        const int alphanumeric = upper || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9');
        const int refused = byte == '"' || byte == '(' || byte == ')' || byte == ',' || byte == ':' || byte == ';'
            || byte == '<' || byte == '>' || byte == '@' || byte == '[' || byte == '\\' || byte == ']';
        if (byte == '@') masks.at |= bit;
        if (byte == '.') masks.dots |= bit;
        if (byte == '-') masks.hyphens |= bit;
        if (upper) masks.upper |= bit;
        if (byte >= 0x21 && byte <= 0x7E && !refused) masks.local |= bit;
        if (alphanumeric || byte == '-') masks.domain |= bit;
        if (byte >= 0x80 || byte == '<' || byte == ':') masks.hand_over |= bit;
    }
#endif
    return masks;
}

#endif
