/*
 * machine.h -- the architectural seam: everything outside simulator/ (pgsim's
 * front end, CP, the tests) sees a PG32 machine only through this header.
 *
 * The machine is opaque.  Its state is what the architecture defines --
 * registers, PSW, control registers, CPU timer, TOD clock, real storage, the
 * TLB -- plus counters; all time is in cycles.  Many machines can live in one
 * process: nothing is global.
 *
 * The interrupt hook stands for "the real machine's new PSWs point into CP":
 * with a hook installed, an interrupt is handed to it instead of being taken.
 * Nothing is stored in low core, no cycles are charged, and the PSW is left as
 * the old PSW would have been stored (a program exception: at the nullified
 * instruction; an SVC: past the svc).  The hook may change any state.
 */
#ifndef PG_MACHINE_H
#define PG_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "channel.h"
#include "tlb.h"

typedef struct pg_machine pg_machine;

/* Why pg_run or pg_step returned. */
typedef enum {
    PG_STOP_BUDGET,             /* the cycle budget is spent (at a boundary, or mid-wait) */
    PG_STOP_STEP,               /* pg_step did its one thing */
    PG_STOP_DISABLED_WAIT,      /* wait PSW with I and E clear; wait code = PSW address */
    PG_STOP_IDLE_WAIT,          /* enabled wait that nothing can end */
    PG_STOP_CHECK_STOP,         /* invalid new PSW, or a program-interruption loop */
    PG_STOP_HOOK,               /* the interrupt hook asked to stop */
    PG_STOP_IO_BLOCKED,         /* sio found no console input yet: not executed, retry */
} pg_stop;

/* An interrupt as the hook (and pg_step) sees it. */
typedef struct pg_interrupt {
    pg_int_class cls;
    uint32_t code;              /* program code, SVC number, external code, device */
    uint32_t tea;               /* translation-exception address (program 4, 0x10, 0x11) */
    pg_psw old;                 /* what is (or would be) stored as the old PSW */
    uint32_t csw[2];            /* I/O: the CSW */
    /* For the hook only (a VMM's "exit qualification"; nothing of it is in
       low core): for a program interrupt, the storage access that failed
       (codes 4, 5, 0x10, 0x11) and the instruction word, when it was fetched. */
    pg_access access;
    bool fetched;
    uint32_t word;
} pg_interrupt;

typedef enum { PG_HOOK_RESUME, PG_HOOK_STOP } pg_hook_action;
typedef pg_hook_action (*pg_interrupt_hook)(void *ctx, pg_machine *m, const pg_interrupt *irq);

/* What one pg_step did. */
typedef struct pg_step_info {
    bool interrupted;           /* an interrupt was taken (irq), else an instruction ran */
    pg_interrupt irq;
    uint32_t addr;              /* instruction address (virtual when PSW.T) */
    uint32_t word;              /* the instruction word, when one was fetched */
    bool fetched;
} pg_step_info;

/* Counters for --stats and CP's statistics. */
typedef struct pg_stats {
    uint64_t instructions;      /* completed instructions */
    uint64_t cycles;            /* cycles elapsed, including waits */
    uint64_t wait_cycles;       /* of those, spent in enabled waits */
    uint64_t interrupts[PG_INT_CLASSES];
    uint64_t tlb_misses;        /* translations made from the tables */
} pg_stats;

/* Largest installed storage a machine may have. */
#define PG_MAX_MEMORY (256u << 20)

/* A machine with mem_bytes of storage (a multiple of 4 KiB, at most
   PG_MAX_MEMORY), reset; NULL if the size is wrong or memory is short. */
pg_machine *pg_machine_new(uint32_t mem_bytes);
void pg_machine_free(pg_machine *m);

/* System reset: registers, control registers, timer, TOD and storage to zero,
   TLB empty, PSW zero; devices idle.  Takes no simulated time. */
void pg_machine_reset(pg_machine *m);

/* Load the PSW at real 0 (the end of IPL); false (check stop) if invalid. */
bool pg_machine_load_ipl_psw(pg_machine *m);

/* IPL from a disk on the machine's channel: reset, read the disk's first
   4 KiB (blocks 0-7) to real 0, load the PSW at 0.  False with a one-line
   reason in err when the device is not a disk or too small; a check stop
   (invalid IPL PSW) returns true and the next pg_run reports it. */
bool pg_machine_ipl_device(pg_machine *m, uint16_t devno, char *err, size_t errsize);

/* The machine's own devices (the bare machine's channel set). */
pg_channel *pg_machine_channel(pg_machine *m);

/* Registers.  r0 reads as zero and ignores writes. */
uint32_t pg_get_gpr(const pg_machine *m, unsigned n);
void pg_set_gpr(pg_machine *m, unsigned n, uint32_t v);
pg_psw pg_get_psw(const pg_machine *m);
/* Install a PSW as lpsw would (no interrupt); false if reserved bits are set.
   It also ends a program-interruption-loop watch (isa-spec/machine.md). */
bool pg_set_psw(pg_machine *m, pg_psw psw);
uint32_t pg_get_cr(const pg_machine *m, unsigned n);
void pg_set_cr(pg_machine *m, unsigned n, uint32_t v);    /* CR1 purges the TLB */

/* Clocks. */
int64_t pg_get_timer(const pg_machine *m);
void pg_set_timer(pg_machine *m, int64_t v);
uint64_t pg_get_tod(const pg_machine *m);
void pg_set_tod(pg_machine *m, uint64_t v);

/* TLB. */
void pg_purge_tlb(pg_machine *m);
/* Walk the tables for vaddr as lra does (no bits set, TLB untouched);
   false where it does not translate. */
bool pg_lra(const pg_machine *m, uint32_t vaddr, uint32_t *real);

/* Real storage; false (and nothing copied) when the range is not installed. */
uint32_t pg_mem_size(const pg_machine *m);
bool pg_read_real(const pg_machine *m, uint32_t addr, void *dst, uint32_t len);
bool pg_write_real(pg_machine *m, uint32_t addr, const void *src, uint32_t len);
/* The storage as a channel program sees it. */
const pg_storage *pg_machine_storage(pg_machine *m);

/* Counters. */
const pg_stats *pg_get_stats(const pg_machine *m);

/* Run until at least budget cycles have passed (checked at instruction
   boundaries; a wait is cut at exactly budget), or until a stop. */
pg_stop pg_run(pg_machine *m, uint64_t budget);

/* Take one pending enabled interrupt or execute one instruction, and return
   PG_STOP_STEP (or the stop that prevented it).  An instruction whose
   execution interrupts -- svc, or a program exception -- is one step: info
   has both the instruction (fetched, addr, word) and the interrupt.  In an
   enabled wait the step is the jump to the ending interrupt and taking it. */
pg_stop pg_step(pg_machine *m, pg_step_info *info);

/* Install (or with NULL remove) the interrupt hook. */
void pg_set_interrupt_hook(pg_machine *m, pg_interrupt_hook hook, void *ctx);

/* A hash of the guest-visible state: registers, PSW, CRs, timer, TOD, storage. */
uint64_t pg_machine_digest(const pg_machine *m);

#endif
