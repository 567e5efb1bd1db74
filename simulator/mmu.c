/*
 * mmu.c -- the real machine's address translation: the architected TLB of
 * tlb.h (the same code CP uses for its virtual machines) behind host-side
 * TLBs.  The host-side TLBs (rtlb/wtlb) and the fetch page only ever cache
 * what the architected TLB (or, in real mode, installed storage) allows, so
 * they can be thrown away at any time without changing a run.
 */
#include <string.h>

#include "cpu_priv.h"

/* Forget every host-side translation and the fetch page. */
static void flush_host_tlbs(pg_machine *m)
{
    memset(m->rtlb, 0, sizeof m->rtlb);
    memset(m->wtlb, 0, sizeof m->wtlb);
    m->fetch_tag = PG_NO_FETCH_PAGE;
}

/* Purge the TLB (ptlb, CR1 load, IPL): O(1) in the architected TLB. */
void pg_mmu_purge(pg_machine *m)
{
    pg_tlb_purge(&m->tlb);
    flush_host_tlbs(m);
}

/* The PSW's S or T bit may have changed: pick the host TLB set, drop the fetch page. */
void pg_mmu_mode_changed(pg_machine *m)
{
    uint32_t f = m->psw.flags;
    m->xm = !(f & PG_PSW_T) ? PG_XM_REAL : (f & PG_PSW_S) ? PG_XM_SUP : PG_XM_PROB;
    m->fetch_tag = PG_NO_FETCH_PAGE;
}

/* Install host-side entries for a page, as far as the translation permits. */
static void fill_host(pg_machine *m, uint32_t va, uint32_t rbase, bool readable, bool writable)
{
    uint32_t i = (va >> PG_PAGE_SHIFT) % PG_FTLB_SIZE;
    uint32_t tag = (va & PG_PTE_ADDR_MASK) | 1;
    if (readable)
        m->rtlb[m->xm][i] = (pg_ftlb){tag, rbase};
    if (writable)
        m->wtlb[m->xm][i] = (pg_ftlb){tag, rbase};
}

/* Translate va for an access, setting R and C as the architecture says.
   Returns 0 with *ra, or a program-interruption code (nothing changed). */
int pg_translate(pg_machine *m, uint32_t va, pg_access acc, uint32_t *ra)
{
    if (m->xm == PG_XM_REAL) {
        if (va >= m->mem_size)
            return PG_PGM_ADDRESSING;
        *ra = va;
        fill_host(m, va, va & PG_PTE_ADDR_MASK, true, true);
        return 0;
    }
    bool supervisor = m->psw.flags & PG_PSW_S;
    const pg_tlb_entry *e;
    int code = pg_tlb_translate(&m->tlb, &m->storage, m->cr[PG_CR_PTO], va, supervisor, acc, &e);
    m->stats.tlb_misses = m->tlb.captures;
    if (code)
        return code;
    *ra = pg_tlb_real(e, va);
    bool readable = supervisor || (e->pte & PG_PTE_U);
    fill_host(m, va, e->pte & PG_PTE_ADDR_MASK, readable,
              readable && (e->pte & PG_PTE_W) && (e->pte & PG_PTE_C));
    return 0;
}

/* Make pc's page the fetch page.  Returns 0, or the program-interruption
   code of the fetch (specification for a misaligned address first). */
int pg_fetch_page(pg_machine *m, uint32_t pc)
{
    uint32_t ra;
    if (pc & 3)
        return PG_PGM_SPECIFICATION;
    int code = pg_translate(m, pc, PG_ACC_FETCH, &ra);
    if (code)
        return code;
    m->fetch_tag = pc & PG_PTE_ADDR_MASK;
    m->fetch_rbase = ra & PG_PTE_ADDR_MASK;
    return 0;
}

/* The word a fetch at pc would see, without side effects (for tracing). */
bool pg_peek_fetch(const pg_machine *m, uint32_t pc, uint32_t *word)
{
    uint32_t ra = pc;
    if (pc & 3)
        return false;
    if (m->xm != PG_XM_REAL) {
        const pg_tlb_entry *e = pg_tlb_lookup(&m->tlb, pc);
        uint32_t pte, pte_addr;
        if (e)
            pte = e->pte;
        else if (pg_dat_walk(&m->storage, m->cr[PG_CR_PTO], pc, &pte, &pte_addr))
            return false;
        ra = (pte & PG_PTE_ADDR_MASK) | (pc & (PG_PAGE_SIZE - 1));
    }
    if (ra > m->mem_size - 4)
        return false;
    *word = pg_be32(m->mem + ra);
    return true;
}

/* lra: walk the tables in storage; sets nothing and ignores the TLB. */
bool pg_lra(const pg_machine *m, uint32_t vaddr, uint32_t *real)
{
    uint32_t pte, pte_addr;
    if (pg_dat_walk(&m->storage, m->cr[PG_CR_PTO], vaddr, &pte, &pte_addr))
        return false;
    *real = (pte & PG_PTE_ADDR_MASK) | (vaddr & (PG_PAGE_SIZE - 1));
    return true;
}
