/*
 * digest.h -- one hash of a machine's guest-visible state.  pgsim and CP both
 * use it, so a bare run and a virtualized run can be compared in one line.
 */
#ifndef PG_DIGEST_H
#define PG_DIGEST_H

#include <stdint.h>

#include "arch.h"
#include "channel.h"

/* The architected registers of a (real or virtual) PG32 CPU. */
typedef struct pg_arch_state {
    uint32_t gpr[16];
    pg_psw psw;
    uint32_t cr[PG_CR_COUNT];
    int64_t timer;
    uint64_t tod;
} pg_arch_state;

/* FNV-1a (64-bit) over the registers, PSW, CRs, timer, TOD (each big-endian)
   and every byte of installed storage. */
uint64_t pg_digest(const pg_arch_state *s, const pg_storage *storage);

#endif
