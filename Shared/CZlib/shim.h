#ifndef INTAKE_CZLIB_SHIM_H
#define INTAKE_CZLIB_SHIM_H
#include <zlib.h>

/* deflateInit2 is a macro; this gives Swift a function. windowBits 31 writes gzip, -15 raw deflate. */
static inline int intake_deflate_init(z_stream *stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
