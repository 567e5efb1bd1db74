/*
 * cpu_priv.h -- the machine's private state, shared by the simulator's own
 * files and by nothing else (everyone outside simulator/ uses machine.h).
 *
 * Speed comes from three caches in front of the architected state, each
 * exactly as correct as the state it caches:
 *  - pre[]: one pre-decoded entry per word of real storage; every store to a
 *    word clears its entry, so self-modifying code just works;
 *  - rtlb/wtlb: small direct-mapped host-side TLBs per translation mode,
 *    filled only from the architected TLB (tlb.h) or, in real mode, identity;
 *  - fetch_tag/fetch_rbase: the page the CPU is fetching from.
 */
#ifndef PG_CPU_PRIV_H
#define PG_CPU_PRIV_H

#include "isa.h"
#include "machine.h"
#include "tlb.h"

/* A pre-decoded word: handler, register fields (a dest of 0 -> 16) and the
   immediate (branch offsets already in bytes). */
typedef struct pg_pre {
    uint8_t h;
    uint8_t a, b, c;
    int32_t imm;
} pg_pre;

/* Handler numbers in pg_pre.h: 0 = not decoded yet, 1 = not an instruction,
   then 2 + op (the dispatch table sends every privileged row to one handler,
   where the privilege check lives once). */
enum { PG_H_UNDECODED = 0, PG_H_INVALID = 1, PG_H_FIRST = 2 };

/* A host-side TLB entry: tag = virtual page | 1 when valid. */
typedef struct pg_ftlb {
    uint32_t tag;
    uint32_t rbase;
} pg_ftlb;

/* Translation modes, each with its own host-side TLB. */
enum { PG_XM_REAL, PG_XM_SUP, PG_XM_PROB, PG_XM_COUNT };
#define PG_FTLB_SIZE 128
#define PG_NO_FETCH_PAGE (~(uint64_t)0)
#define PG_NEVER (~(uint64_t)0)

struct pg_machine {
    /* architected state -- what IPL resets and the digest covers */
    uint32_t r[17];                 /* r[16] absorbs writes to r0 */
    pg_psw psw;
    uint32_t cr[PG_CR_COUNT];
    uint64_t tod;
    uint64_t timer_base;            /* CPU timer = (int64_t)(timer_base - tod) */

    /* real storage and its pre-decode shadow */
    uint8_t *mem;
    uint32_t mem_size;
    pg_pre *pre;

    /* translation */
    uint32_t xm;                    /* PG_XM_* of the current PSW */
    pg_ftlb rtlb[PG_XM_COUNT][PG_FTLB_SIZE];
    pg_ftlb wtlb[PG_XM_COUNT][PG_FTLB_SIZE];
    pg_tlb tlb;                     /* the architected TLB (shared code with CP) */
    uint64_t fetch_tag;             /* virtual page being fetched from, or PG_NO_FETCH_PAGE */
    uint32_t fetch_rbase;

    /* run control: the fast loop leaves for the boundary when tod >= ev */
    uint64_t ev;
    uint64_t run_end;
    bool stop_pending;
    pg_stop stop_reason;
    bool check_stopped;
    bool step_mode, step_armed;
    pg_step_info *step_info;
    bool pgm_guard;                 /* a program interrupt was taken and ... */
    uint64_t pgm_guard_icount;      /* ... no instruction has completed since */

    /* devices, hook, counters */
    pg_channel chan;
    pg_storage storage;
    pg_interrupt_hook hook;
    void *hook_ctx;
    pg_stats stats;
};

/* Big-endian storage access on host bytes. */
static inline uint32_t pg_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void pg_put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

/* The CPU timer's value now. */
static inline int64_t pg_timer_now(const pg_machine *m)
{
    return (int64_t)(m->timer_base - m->tod);
}

/* Store a real word (in storage, checked by the caller) and drop its pre-decode. */
static inline void pg_store_real32(pg_machine *m, uint32_t ra, uint32_t v)
{
    pg_put_be32(m->mem + ra, v);
    m->pre[ra >> 2].h = PG_H_UNDECODED;
}

/* mmu.c */
int pg_translate(pg_machine *m, uint32_t va, pg_access acc, uint32_t *ra);
void pg_mmu_purge(pg_machine *m);
void pg_mmu_mode_changed(pg_machine *m);
int pg_fetch_page(pg_machine *m, uint32_t pc);
bool pg_peek_fetch(const pg_machine *m, uint32_t pc, uint32_t *word);

/* interrupts.c */
void pg_program_exception(pg_machine *m, uint32_t code, uint32_t tea, pg_access acc,
                          bool fetched, uint32_t word);
void pg_take_interrupt(pg_machine *m, pg_int_class cls, uint32_t code, uint32_t tea,
                       pg_psw old, const uint32_t csw[2]);
bool pg_boundary(pg_machine *m, pg_stop *stop);
void pg_load_psw(pg_machine *m, pg_psw psw);
void pg_advance(pg_machine *m, uint64_t cycles);

/* privileged.c */
void pg_exec_privileged(pg_machine *m, pg_op op, const pg_pre *p);

/* decode a word into a pre-decoded entry */
void pg_predecode(pg_pre *p, uint32_t word);

#endif
