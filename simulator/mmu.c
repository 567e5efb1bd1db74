/*
 * mmu.c -- dynamic address translation and the architected TLB.
 *
 * The architected TLB (isa-spec/memory.md) is modelled exactly: one entry per
 * virtual page, valid while its generation equals the machine's, so a purge is
 * O(1).  The host-side TLBs (rtlb/wtlb) and the fetch page only ever cache
 * what the architected TLB (or, in real mode, installed storage) allows, so
 * they can be thrown away at any time without changing a run.
 */
#include <stdlib.h>
#include <string.h>

#include "cpu_priv.h"

/* Forget every host-side translation and the fetch page. */
static void flush_host_tlbs(pg_machine *m)
{
    memset(m->rtlb, 0, sizeof m->rtlb);
    memset(m->wtlb, 0, sizeof m->wtlb);
    m->fetch_tag = PG_NO_FETCH_PAGE;
}

/* Purge the TLB (ptlb, CR1 load, IPL): O(1) by bumping the generation. */
void pg_mmu_purge(pg_machine *m)
{
    if (++m->atlb_gen == 0) {       /* wrapped: old entries could match again */
        if (m->atlb)
            memset(m->atlb, 0, PG_ATLB_ENTRIES * sizeof *m->atlb);
        m->atlb_gen = 1;
    }
    flush_host_tlbs(m);
}

/* The PSW's S or T bit may have changed: pick the host TLB set, drop the fetch page. */
void pg_mmu_mode_changed(pg_machine *m)
{
    uint32_t f = m->psw.flags;
    m->xm = !(f & PG_PSW_T) ? PG_XM_REAL : (f & PG_PSW_S) ? PG_XM_SUP : PG_XM_PROB;
    m->fetch_tag = PG_NO_FETCH_PAGE;
}

/* Read a table entry; false when it lies outside storage. */
static bool read_entry(const pg_machine *m, uint32_t addr, uint32_t *v)
{
    if (addr > m->mem_size - 4)
        return false;
    *v = pg_be32(m->mem + addr);
    return true;
}

/* Walk the tables for va without side effects: 0 and the page-table entry and
   its address, or the exception the walk meets (0x10, 0x11, 5). */
static int walk(const pg_machine *m, uint32_t va, uint32_t *pte, uint32_t *pte_addr)
{
    uint32_t seg;
    uint32_t seg_addr = (m->cr[PG_CR_PTO] & PG_PTE_ADDR_MASK) + (va >> 22) * 4;
    if (!read_entry(m, seg_addr, &seg))
        return PG_PGM_ADDRESSING;
    if (!(seg & PG_PTE_V))
        return PG_PGM_SEGMENT;
    *pte_addr = (seg & PG_PTE_ADDR_MASK) + ((va >> 12) & 0x3FF) * 4;
    if (!read_entry(m, *pte_addr, pte))
        return PG_PGM_ADDRESSING;
    if (!(*pte & PG_PTE_V))
        return PG_PGM_PAGE;
    return 0;
}

/* May this access use a translation whose captured entry is pte? */
static int check_protection(const pg_machine *m, uint32_t pte, pg_access acc)
{
    if (!(m->psw.flags & PG_PSW_S) && !(pte & PG_PTE_U))
        return PG_PGM_PROTECTION;
    if (acc == PG_ACC_WRITE && !(pte & PG_PTE_W))
        return PG_PGM_PROTECTION;
    return 0;
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
    if (!m->atlb && !(m->atlb = calloc(PG_ATLB_ENTRIES, sizeof *m->atlb)))
        abort();                    /* 12 MiB once per machine; nothing sane to do without it */
    pg_atlb *e = &m->atlb[va >> PG_PAGE_SHIFT];
    if (e->gen != m->atlb_gen) {
        uint32_t pte, pte_addr;
        int code = walk(m, va, &pte, &pte_addr);
        if (!code)
            code = check_protection(m, pte, acc);
        if (!code && (pte & PG_PTE_ADDR_MASK) >= m->mem_size)
            code = PG_PGM_ADDRESSING;
        if (code)
            return code;            /* an access that faults captures nothing */
        pte |= PG_PTE_R;
        pg_store_real32(m, pte_addr, pg_be32(m->mem + pte_addr) | PG_PTE_R);
        *e = (pg_atlb){m->atlb_gen, pte, pte_addr};
        m->stats.tlb_misses++;
    } else {
        int code = check_protection(m, e->pte, acc);
        if (code)
            return code;
    }
    if (acc == PG_ACC_WRITE && !(e->pte & PG_PTE_C)) {
        e->pte |= PG_PTE_C;
        pg_store_real32(m, e->pte_addr, pg_be32(m->mem + e->pte_addr) | PG_PTE_C);
    }
    uint32_t rbase = e->pte & PG_PTE_ADDR_MASK;
    *ra = rbase | (va & (PG_PAGE_SIZE - 1));
    bool readable = (m->psw.flags & PG_PSW_S) || (e->pte & PG_PTE_U);
    fill_host(m, va, rbase, readable,
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
        const pg_atlb *e = m->atlb ? &m->atlb[pc >> PG_PAGE_SHIFT] : NULL;
        uint32_t pte, pte_addr;
        if (e && e->gen == m->atlb_gen)
            pte = e->pte;
        else if (walk(m, pc, &pte, &pte_addr))
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
    if (walk(m, vaddr, &pte, &pte_addr))
        return false;
    *real = (pte & PG_PTE_ADDR_MASK) | (vaddr & (PG_PAGE_SIZE - 1));
    return true;
}
