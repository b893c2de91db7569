#ifndef INTAKE_CPREFETCH_H
#define INTAKE_CPREFETCH_H

/* Asks the CPU to bring the cache line holding `address` in, to be written soon, without waiting for it:
   Swift has no prefetch of its own. A hint only: an address past any allocation is allowed and faults
   nothing. Being static inline, its one instruction is compiled into the Swift code that calls it. */
static inline void intake_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
