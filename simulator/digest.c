/*
 * digest.c -- the state hash behind `pgsim --digest` and CP's equivalence checks.
 */
#include "digest.h"

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

/* Fold n bytes into the hash. */
static uint64_t fnv(uint64_t h, const uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ p[i]) * FNV_PRIME;
    return h;
}

/* Fold a value as `bytes` big-endian bytes, so the hash is host-independent. */
static uint64_t fnv_be(uint64_t h, uint64_t v, int bytes)
{
    uint8_t b[8];
    for (int i = 0; i < bytes; i++)
        b[i] = (uint8_t)(v >> (8 * (bytes - 1 - i)));
    return fnv(h, b, (uint32_t)bytes);
}

/* Hash the state, then storage in 4 KiB pieces through the storage interface. */
uint64_t pg_digest(const pg_arch_state *s, const pg_storage *storage)
{
    uint64_t h = FNV_OFFSET;
    for (int i = 0; i < 16; i++)
        h = fnv_be(h, s->gpr[i], 4);
    h = fnv_be(h, s->psw.flags, 4);
    h = fnv_be(h, s->psw.addr, 4);
    for (int i = 0; i < PG_CR_COUNT; i++)
        h = fnv_be(h, s->cr[i], 4);
    h = fnv_be(h, (uint64_t)s->timer, 8);
    h = fnv_be(h, s->tod, 8);
    uint8_t page[PG_PAGE_SIZE];
    for (uint32_t a = 0; a < storage->size; a += PG_PAGE_SIZE) {
        uint32_t n = storage->size - a < PG_PAGE_SIZE ? storage->size - a : PG_PAGE_SIZE;
        storage->read(storage->ctx, a, page, n);
        h = fnv(h, page, n);
    }
    return h;
}
