/*
 * tlb.c -- the architected TLB and table walk (tlb.h), shared by the bare
 * machine and CP's virtual machines.
 */
#include <stdlib.h>
#include <string.h>

#include "tlb.h"

/* An empty TLB. */
void pg_tlb_init(pg_tlb *t)
{
    memset(t, 0, sizeof *t);
    t->gen = 1;
}

/* Free the segment arrays. */
void pg_tlb_free(pg_tlb *t)
{
    for (int i = 0; i < PG_TLB_SEGMENTS; i++)
        free(t->seg[i]);
    memset(t->seg, 0, sizeof t->seg);
}

/* Purge: bump the generation; on wrap-around clear everything for real. */
void pg_tlb_purge(pg_tlb *t)
{
    if (++t->gen == 0) {
        for (int i = 0; i < PG_TLB_SEGMENTS; i++)
            if (t->seg[i])
                memset(t->seg[i], 0, PG_TLB_PAGES * sizeof *t->seg[i]);
        t->gen = 1;
    }
}

/* Read a big-endian word of storage; false when it lies outside. */
static bool read_word(const pg_storage *st, uint32_t addr, uint32_t *v)
{
    uint8_t b[4];
    if (st->size < 4 || addr > st->size - 4)
        return false;
    st->read(st->ctx, addr, b, 4);
    *v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    return true;
}

/* OR bits into the word at addr (R or C into a page-table entry). */
static void or_word(const pg_storage *st, uint32_t addr, uint32_t bits)
{
    uint32_t v;
    if (!read_word(st, addr, &v))
        return;
    v |= bits;
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    st->write(st->ctx, addr, b, 4);
}

/* Walk the two-level tables for va. */
int pg_dat_walk(const pg_storage *st, uint32_t cr1, uint32_t va, uint32_t *pte,
                uint32_t *pte_addr)
{
    uint32_t seg;
    if (!read_word(st, (cr1 & PG_PTE_ADDR_MASK) + (va >> 22) * 4, &seg))
        return PG_PGM_ADDRESSING;
    if (!(seg & PG_PTE_V))
        return PG_PGM_SEGMENT;
    *pte_addr = (seg & PG_PTE_ADDR_MASK) + ((va >> 12) & 0x3FF) * 4;
    if (!read_word(st, *pte_addr, pte))
        return PG_PGM_ADDRESSING;
    if (!(*pte & PG_PTE_V))
        return PG_PGM_PAGE;
    return 0;
}

/* May this access use a translation whose entry is pte? */
static int protection(uint32_t pte, bool supervisor, pg_access acc)
{
    if (!supervisor && !(pte & PG_PTE_U))
        return PG_PGM_PROTECTION;
    if (acc == PG_ACC_WRITE && !(pte & PG_PTE_W))
        return PG_PGM_PROTECTION;
    return 0;
}

/* The captured translation for va, or NULL. */
const pg_tlb_entry *pg_tlb_lookup(const pg_tlb *t, uint32_t va)
{
    const pg_tlb_entry *seg = t->seg[va >> 22];
    if (!seg)
        return NULL;
    const pg_tlb_entry *e = &seg[(va >> 12) & (PG_TLB_PAGES - 1)];
    return e->gen == t->gen ? e : NULL;
}

/* Translate as the architected TLB does (isa-spec/memory.md). */
int pg_tlb_translate(pg_tlb *t, const pg_storage *st, uint32_t cr1, uint32_t va,
                     bool supervisor, pg_access acc, const pg_tlb_entry **entry)
{
    pg_tlb_entry **segp = &t->seg[va >> 22];
    pg_tlb_entry *e = *segp ? &(*segp)[(va >> 12) & (PG_TLB_PAGES - 1)] : NULL;
    if (!e || e->gen != t->gen) {
        uint32_t pte, pte_addr;
        int code = pg_dat_walk(st, cr1, va, &pte, &pte_addr);
        if (!code)
            code = protection(pte, supervisor, acc);
        if (!code && (pte & PG_PTE_ADDR_MASK) >= st->size)
            code = PG_PGM_ADDRESSING;
        if (code)
            return code;            /* an access that faults captures nothing */
        if (!*segp && !(*segp = calloc(PG_TLB_PAGES, sizeof **segp)))
            abort();
        e = &(*segp)[(va >> 12) & (PG_TLB_PAGES - 1)];
        or_word(st, pte_addr, PG_PTE_R);
        *e = (pg_tlb_entry){t->gen, pte | PG_PTE_R, pte_addr};
        t->captures++;
    } else {
        int code = protection(e->pte, supervisor, acc);
        if (code)
            return code;
    }
    if (acc == PG_ACC_WRITE && !(e->pte & PG_PTE_C)) {
        e->pte |= PG_PTE_C;
        or_word(st, e->pte_addr, PG_PTE_C);
    }
    *entry = e;
    return 0;
}
