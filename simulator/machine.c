/*
 * machine.c -- creating, resetting and inspecting a machine: the public
 * accessors of machine.h that are not about running it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu_priv.h"
#include "digest.h"

/* Storage read for channel programs and the digest. */
static void storage_read(void *ctx, uint32_t addr, void *dst, uint32_t len)
{
    const pg_machine *m = ctx;
    memcpy(dst, m->mem + addr, len);
}

/* Storage write for channel programs: drop the pre-decode of every word touched. */
static void storage_write(void *ctx, uint32_t addr, const void *src, uint32_t len)
{
    pg_machine *m = ctx;
    if (!len)
        return;
    memcpy(m->mem + addr, src, len);
    for (uint32_t w = addr >> 2; w <= (addr + len - 1) >> 2; w++)
        m->pre[w].h = PG_H_UNDECODED;
}

static void reset_cpu(pg_machine *m);

/* A new machine with mem_bytes of storage, reset. */
pg_machine *pg_machine_new(uint32_t mem_bytes)
{
    if (mem_bytes == 0 || mem_bytes % PG_PAGE_SIZE || mem_bytes > PG_MAX_MEMORY)
        return NULL;
    pg_machine *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->mem_size = mem_bytes;
    m->mem = calloc(mem_bytes, 1);
    m->pre = calloc(mem_bytes / 4, sizeof *m->pre);
    if (!m->mem || !m->pre) {
        pg_machine_free(m);
        return NULL;
    }
    m->storage = (pg_storage){m, mem_bytes, storage_read, storage_write};
    pg_tlb_init(&m->tlb);
    pg_channel_init(&m->chan);
    reset_cpu(m);                   /* storage is already zero (calloc) */
    return m;
}

/* Free a machine (its devices' backends belong to whoever set them up). */
void pg_machine_free(pg_machine *m)
{
    if (!m)
        return;
    free(m->mem);
    free(m->pre);
    pg_tlb_free(&m->tlb);
    free(m);
}

/* Reset everything but storage: registers, clocks, TLB, devices, counters. */
static void reset_cpu(pg_machine *m)
{
    memset(m->r, 0, sizeof m->r);
    m->psw = (pg_psw){0, 0};
    memset(m->cr, 0, sizeof m->cr);
    m->tod = 0;
    m->timer_base = 0;
    pg_channel_reset(&m->chan);
    memset(&m->stats, 0, sizeof m->stats);
    m->check_stopped = false;
    m->stop_pending = false;
    m->pgm_guard = false;
    m->xm = PG_XM_REAL;
    pg_mmu_purge(m);
    m->ev = 0;
}

/* System reset: the architected state and storage to zero, the TLB empty,
   devices idle. */
void pg_machine_reset(pg_machine *m)
{
    reset_cpu(m);
    memset(m->mem, 0, m->mem_size);
    memset(m->pre, 0, (size_t)(m->mem_size / 4) * sizeof *m->pre);
}

/* Load the IPL PSW from real 0; an invalid one is a check stop. */
bool pg_machine_load_ipl_psw(pg_machine *m)
{
    pg_psw p = {pg_be32(m->mem), pg_be32(m->mem + 4)};
    if (p.flags & ~(uint32_t)PG_PSW_VALID) {
        m->psw = p;
        m->check_stopped = true;
        return false;
    }
    pg_load_psw(m, p);
    return true;
}

/* IPL from a disk: reset, its first 4 KiB to real 0, then the PSW at 0. */
bool pg_machine_ipl_device(pg_machine *m, uint16_t devno, char *err, size_t errsize)
{
    if (PG_IPL_BYTES > m->mem_size) {
        snprintf(err, errsize, "IPL needs %u bytes of storage", PG_IPL_BYTES);
        return false;
    }
    pg_machine_reset(m);
    if (!pg_channel_ipl_read(&m->chan, devno, &m->storage, err, errsize))
        return false;
    pg_machine_load_ipl_psw(m);
    return true;
}

/* The machine's own channel set. */
pg_channel *pg_machine_channel(pg_machine *m)
{
    return &m->chan;
}

/* General register n (r0 is always zero). */
uint32_t pg_get_gpr(const pg_machine *m, unsigned n)
{
    return n && n < 16 ? m->r[n] : 0;
}

/* Set general register n; r0 ignores it. */
void pg_set_gpr(pg_machine *m, unsigned n, uint32_t v)
{
    if (n && n < 16)
        m->r[n] = v;
}

/* The current PSW. */
pg_psw pg_get_psw(const pg_machine *m)
{
    return m->psw;
}

/* Install a PSW as lpsw would; refuses reserved bits. */
bool pg_set_psw(pg_machine *m, pg_psw psw)
{
    if (psw.flags & ~(uint32_t)PG_PSW_VALID)
        return false;
    pg_load_psw(m, psw);
    m->pgm_guard = false;           /* whoever sets a PSW takes over from the new PSW */
    return true;
}

/* Control register n. */
uint32_t pg_get_cr(const pg_machine *m, unsigned n)
{
    return n < PG_CR_COUNT ? m->cr[n] : 0;
}

/* Set control register n; loading CR1 purges the TLB, as lctl does. */
void pg_set_cr(pg_machine *m, unsigned n, uint32_t v)
{
    if (n >= PG_CR_COUNT)
        return;
    m->cr[n] = v;
    if (n == PG_CR_PTO)
        pg_mmu_purge(m);
}

/* The CPU timer. */
int64_t pg_get_timer(const pg_machine *m)
{
    return pg_timer_now(m);
}

/* Set the CPU timer. */
void pg_set_timer(pg_machine *m, int64_t v)
{
    m->timer_base = m->tod + (uint64_t)v;
    m->ev = 0;
}

/* The TOD clock. */
uint64_t pg_get_tod(const pg_machine *m)
{
    return m->tod;
}

/* Set the TOD clock; the timer keeps its value. */
void pg_set_tod(pg_machine *m, uint64_t v)
{
    int64_t timer = pg_timer_now(m);
    m->tod = v;
    m->timer_base = v + (uint64_t)timer;
    m->ev = 0;
}

/* Purge the TLB, as ptlb does. */
void pg_purge_tlb(pg_machine *m)
{
    pg_mmu_purge(m);
}

/* Installed storage in bytes. */
uint32_t pg_mem_size(const pg_machine *m)
{
    return m->mem_size;
}

/* Is [addr, addr + len) installed? */
static bool in_storage(const pg_machine *m, uint32_t addr, uint32_t len)
{
    return addr <= m->mem_size && len <= m->mem_size - addr;
}

/* Copy from real storage. */
bool pg_read_real(const pg_machine *m, uint32_t addr, void *dst, uint32_t len)
{
    if (!in_storage(m, addr, len))
        return false;
    memcpy(dst, m->mem + addr, len);
    return true;
}

/* Copy into real storage. */
bool pg_write_real(pg_machine *m, uint32_t addr, const void *src, uint32_t len)
{
    if (!in_storage(m, addr, len))
        return false;
    storage_write(m, addr, src, len);
    return true;
}

/* Real storage as a channel program sees it. */
const pg_storage *pg_machine_storage(pg_machine *m)
{
    return &m->storage;
}

/* The counters. */
const pg_stats *pg_get_stats(const pg_machine *m)
{
    return &m->stats;
}

/* Install or remove the interrupt hook. */
void pg_set_interrupt_hook(pg_machine *m, pg_interrupt_hook hook, void *ctx)
{
    m->hook = hook;
    m->hook_ctx = ctx;
    m->ev = 0;
}

/* Digest of the guest-visible state, through the shared digest library. */
uint64_t pg_machine_digest(const pg_machine *m)
{
    pg_arch_state s;
    for (int i = 0; i < 16; i++)
        s.gpr[i] = pg_get_gpr(m, (unsigned)i);
    s.psw = m->psw;
    memcpy(s.cr, m->cr, sizeof s.cr);
    s.timer = pg_timer_now(m);
    s.tod = m->tod;
    return pg_digest(&s, &m->storage);
}

/* Decode a word for the fast loop: a destination r0 becomes the sink r16;
   branch offsets become bytes. */
void pg_predecode(pg_pre *p, uint32_t word)
{
    pg_decoded d;
    if (!pg_decode(word, &d)) {
        *p = (pg_pre){PG_H_INVALID, 0, 0, 0, 0};
        return;
    }
    const pg_insn_info *in = &pg_insns[d.op];
    const pg_format_info *f = &pg_formats[in->format];
    p->h = (uint8_t)(PG_H_FIRST + d.op);
    p->a = (f->a_is_dest && d.a == 0) ? 16 : d.a;
    p->b = d.b;
    p->c = d.c;
    p->imm = (in->format == PG_FMT_BR || in->format == PG_FMT_J) ? d.imm * 4 : d.imm;
}
