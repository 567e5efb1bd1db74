/*
 * tlb.h -- dynamic address translation and the architected TLB as a
 * library over any pg_storage.  The simulator translates the real machine's
 * addresses with it, and CP keeps one per virtual machine with the very same
 * code, so a VM's translations, exceptions and R/C bits are exactly those of
 * the bare machine (isa-spec/memory.md).
 *
 * The TLB holds one entry per virtual page touched since the last purge,
 * without capacity limit, in a two-level sparse table: a machine that never
 * translates costs nothing, and a purge is O(1) (a generation number).
 */
#ifndef PG_TLB_H
#define PG_TLB_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "channel.h"

/* Kinds of storage access, for protection and for reporting faults. */
typedef enum { PG_ACC_READ, PG_ACC_WRITE, PG_ACC_FETCH } pg_access;

/* A captured translation: valid while gen equals the TLB's gen. */
typedef struct pg_tlb_entry {
    uint32_t gen;
    uint32_t pte;                   /* the page-table entry as captured (R, C as known) */
    uint32_t pte_addr;              /* where it was captured from: C is set there */
} pg_tlb_entry;

#define PG_TLB_SEGMENTS 1024
#define PG_TLB_PAGES 1024

typedef struct pg_tlb {
    pg_tlb_entry *seg[PG_TLB_SEGMENTS];   /* allocated on first capture in a segment */
    uint32_t gen;
    uint64_t captures;              /* translations made from the tables */
} pg_tlb;

/* An empty TLB. */
void pg_tlb_init(pg_tlb *t);
/* Free its storage. */
void pg_tlb_free(pg_tlb *t);
/* Purge every translation: O(1). */
void pg_tlb_purge(pg_tlb *t);

/* Walk the tables rooted at cr1 for va without side effects: 0 with the
   page-table entry and its address, or the exception the walk meets
   (PG_PGM_SEGMENT, PG_PGM_PAGE, PG_PGM_ADDRESSING for a table entry outside
   storage). */
int pg_dat_walk(const pg_storage *st, uint32_t cr1, uint32_t va, uint32_t *pte,
                uint32_t *pte_addr);

/* Translate va for an access in the given state, as the architected TLB
   does: use the captured translation, or make one (setting R) if the access
   is allowed; set C on the first store.  Returns 0 with *entry (valid until
   the next purge), or the program-interruption code, having changed nothing.
   Allocation failure aborts (a few KiB once per segment). */
int pg_tlb_translate(pg_tlb *t, const pg_storage *st, uint32_t cr1, uint32_t va,
                     bool supervisor, pg_access acc, const pg_tlb_entry **entry);

/* The real address for va through a translation. */
static inline uint32_t pg_tlb_real(const pg_tlb_entry *e, uint32_t va)
{
    return (e->pte & PG_PTE_ADDR_MASK) | (va & (PG_PAGE_SIZE - 1));
}

/* The captured translation for va, or NULL; no side effects. */
const pg_tlb_entry *pg_tlb_lookup(const pg_tlb *t, uint32_t va);

#endif
