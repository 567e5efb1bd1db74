/*
 * vmm.h -- CP, the trap-and-emulate virtual machine monitor: its public
 * interface, used by pgvmm's front end, the monitor and the tests.
 *
 * CP runs on one real PG32 machine (machine.h, through its public interface
 * only) and gives each virtual machine a complete virtual PG32: registers,
 * PSW, control registers, CPU timer and TOD in virtual time, guest real
 * storage backed by CP's frames, shadow page tables, and virtual devices
 * (the simulator's own channel and device code with CP's backends).
 */
#ifndef PG_VMM_H
#define PG_VMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "channel.h"
#include "digest.h"
#include "isa.h"
#include "machine.h"

typedef struct cp cp;
typedef struct cp_vm cp_vm;

/* CP's configuration. */
typedef struct cp_config {
    uint32_t real_mem;              /* the real machine's storage */
    uint64_t slice;                 /* real cycles a VM runs before the next one */
    uint64_t max_cycles;            /* every VM's virtual cycle limit; 0: none */
} cp_config;

#define CP_DEFAULT_REAL_MEM (64u << 20)
#define CP_DEFAULT_SLICE 200000u
/* Real cycles CP's own work is charged per trap (scheduling only; no VM sees it). */
#define CP_TRAP_CYCLES 40u
#define CP_MAX_VMS 4096
#define CP_NAME_MAX 32              /* VM names: 1-32 of A-Z a-z 0-9 $ # @ _ - . */

/* What a VM is doing. */
typedef enum {
    CP_VM_READY,                    /* runnable */
    CP_VM_BLOCKED,                  /* waiting for something outside it, its clock frozen
                                       (when nothing can come any more: pgsim's idle wait) */
    CP_VM_STOPPED,                  /* stopped by the operator, a breakpoint or a trap hook */
    CP_VM_DISABLED_WAIT,            /* ended in a disabled wait: see wait code */
    CP_VM_CHECK_STOP,               /* ended: invalid new PSW or program-interruption loop */
    CP_VM_MAX_CYCLES,               /* ended: its virtual cycle limit */
    CP_VM_NOT_IPLED,                /* logged on, nothing IPLed yet */
} cp_vm_state;

/* Why a VM is blocked. */
typedef enum {
    CP_BLOCK_NONE,
    CP_BLOCK_WAIT,                  /* enabled wait for an interrupt from outside (spool, attention) */
    CP_BLOCK_CONSOLE,               /* a console READ with no input line yet */
} cp_block_reason;

/* Per-VM statistics. */
typedef struct cp_vm_stats {
    uint64_t direct;                /* instructions run directly on the real CPU */
    uint64_t emulated;              /* privileged instructions CP emulated */
    uint64_t by_op[PG_OP_COUNT];    /* emulated, by instruction */
    uint64_t reflected[PG_INT_CLASSES];  /* interrupts reflected into the guest */
    uint64_t hidden_faults;         /* shadow-table fills and C-bit upgrades (invisible) */
    uint64_t emulation_cycles;      /* virtual cycles of emulated instructions */
    uint64_t wait_cycles;           /* virtual cycles spent in waits */
    uint64_t io_ops;                /* channel programs started */
    uint64_t diag;                  /* DIAGNOSE calls */
    uint64_t diag_blocks;           /* disk blocks moved by DIAGNOSE 0x0018 */
} cp_vm_stats;

/* ---- CP ---------------------------------------------------------------- */

/* A CP on a new real machine; NULL with a reason in err. */
cp *cp_new(const cp_config *cfg, char *err, size_t errsize);
/* Close every VM's devices, flushing host files: false with the first failure. */
bool cp_close_devices(cp *c, char *err, size_t errsize);
void cp_free(cp *c);

/* Run the VMs round-robin until every VM has ended or is blocked or
   stopped, or until real_budget real cycles have passed.  Returns true if
   some VM could still run (budget exhausted or a hook asked to stop). */
bool cp_run(cp *c, uint64_t real_budget);

/* Real cycles CP has used (VM execution plus CP_TRAP_CYCLES per trap). */
uint64_t cp_real_time(const cp *c);

/* VMs in logon order. */
int cp_vm_count(const cp *c);
cp_vm *cp_vm_at(cp *c, int i);
cp_vm *cp_vm_find(cp *c, const char *name);     /* case-insensitive */

/* ---- a VM ---------------------------------------------------------------- */

/* Log on a VM with mem bytes of guest real storage (a multiple of 4 KiB);
   NULL with a reason if the name is bad or taken, or it does not fit in
   CP's real storage. */
cp_vm *cp_vm_create(cp *c, const char *name, uint32_t mem, char *err, size_t errsize);

/* The VM's virtual channel set: add devices with the simulator's channel
   library, with backends from vdev.h or the host's (hostio.h). */
pg_channel *cp_vm_channel(cp_vm *vm);

/* The VM's guest real storage as a channel program (or a loader) sees it. */
const pg_storage *cp_vm_storage(cp_vm *vm);

/* IPL: reset the VM, then load an image at guest real 0 / read a disk's
   first 4 KiB; then load the PSW at 0.  False with a reason. */
bool cp_vm_ipl_image(cp_vm *vm, const uint8_t *image, size_t len, char *err, size_t errsize);
bool cp_vm_ipl_device(cp_vm *vm, uint16_t devno, char *err, size_t errsize);

/* System reset of the VM (no IPL): everything zero, state NOT_IPLED. */
void cp_vm_reset(cp_vm *vm);

/* Limit the VM's virtual cycles (its TOD); UINT64_MAX for none. */
void cp_vm_set_max_cycles(cp_vm *vm, uint64_t max);

const char *cp_vm_name(const cp_vm *vm);
cp_vm_state cp_vm_get_state(const cp_vm *vm);
cp_block_reason cp_vm_block_reason(const cp_vm *vm);
const char *cp_vm_state_name(cp_vm_state s);
uint32_t cp_vm_mem_size(const cp_vm *vm);

/* Make a blocked VM runnable again (its outside event has arrived), or a
   stopped one (BEGIN). */
void cp_vm_wake(cp_vm *vm);
/* Stop a VM at its next instruction boundary (operator STOP). */
void cp_vm_stop(cp_vm *vm);

/* Execute exactly one instruction of a READY or STOPPED VM (an emulated
   instruction counts; hidden shadow faults do not), taking the interrupts
   the bare machine would take at the boundaries around it.  The VM is left
   STOPPED unless it ended or blocked.  False if it could not step (ended,
   blocked, not IPLed). */
bool cp_vm_step(cp_vm *vm);

/* Instruction breakpoints: a VM stops (STOPPED) before executing an
   instruction at addr (the address its PSW holds).  When it is resumed
   (cp_vm_wake) it executes that instruction without stopping again.
   A VM with breakpoints runs one instruction at a time (slower). */
#define CP_MAX_BREAKS 16
bool cp_vm_break_add(cp_vm *vm, uint32_t addr);    /* false: full, or already set */
bool cp_vm_break_remove(cp_vm *vm, uint32_t addr);
void cp_vm_break_clear(cp_vm *vm);
int cp_vm_break_list(const cp_vm *vm, uint32_t *addrs, int max);
/* Before running a READY VM's next instruction by cp_vm_step: stop it there
   (STOPPED, at a breakpoint) if a breakpoint is at its PSW, unless it is
   resuming from that stop; true when it stopped.  (cp_run does this itself.) */
bool cp_vm_check_break(cp_vm *vm);

/* Why a STOPPED VM stopped. */
typedef enum { CP_STOP_OPERATOR, CP_STOP_BREAKPOINT, CP_STOP_TRAP, CP_STOP_STEP } cp_stop_reason;
cp_stop_reason cp_vm_stop_reason(const cp_vm *vm);

/* The virtual CPU.  Valid whenever cp_run is not running this VM. */
void cp_vm_get_state_regs(const cp_vm *vm, pg_arch_state *s);
uint32_t cp_vm_get_gpr(const cp_vm *vm, unsigned n);
void cp_vm_set_gpr(cp_vm *vm, unsigned n, uint32_t v);
pg_psw cp_vm_get_psw(const cp_vm *vm);
bool cp_vm_set_psw(cp_vm *vm, pg_psw psw);
uint32_t cp_vm_get_cr(const cp_vm *vm, unsigned n);
uint64_t cp_vm_get_tod(const cp_vm *vm);
int64_t cp_vm_get_timer(const cp_vm *vm);

/* Digest of the VM's guest-visible state: the same function as pgsim's. */
uint64_t cp_vm_digest(cp_vm *vm);

const cp_vm_stats *cp_vm_get_stats(const cp_vm *vm);
/* Disk blocks the VM's channel programs moved (READ and WRITE on its disks). */
uint64_t cp_vm_disk_blocks(const cp_vm *vm);
/* Fraction of instructions run directly (Popek-Goldberg efficiency), 0..1. */
double cp_vm_efficiency(const cp_vm *vm);

/* ---- the trap-event hook (TRACE and BREAK TRAP use it) -------------------- */

typedef enum { CP_TRAP_EMULATE, CP_TRAP_REFLECT, CP_TRAP_SHADOW } cp_trap_kind;
typedef enum { CP_TRAP_BEFORE, CP_TRAP_AFTER } cp_trap_phase;

/* One trap as CP handles it. */
typedef struct cp_trap_event {
    cp_vm *vm;
    cp_trap_phase phase;
    cp_trap_kind kind;
    pg_int_class cls;               /* the real interrupt that entered CP */
    uint32_t code;                  /* its code (program code, SVC number, ...) */
    uint32_t tea;
    bool has_insn;                  /* the guest instruction, when there is one */
    uint32_t insn_addr, insn_word;
    pg_psw vpsw;                    /* the virtual PSW (before: at entry; after: result) */
    pg_psw rpsw;                    /* the real PSW CP runs the guest with */
    const char *outcome;            /* after: what CP did, one short line */
} cp_trap_event;

typedef enum { CP_TRAP_CONTINUE, CP_TRAP_STOP } cp_trap_action;
/* Called before and after every emulation, reflection and shadow fill.
   CP_TRAP_STOP before: the VM stops (STOPPED) with the instruction not yet
   handled; when it resumes the same trap is handled without calling the
   hook's BEFORE again. */
typedef cp_trap_action (*cp_trap_hook)(void *ctx, const cp_trap_event *ev);
void cp_set_trap_hook(cp *c, cp_trap_hook hook, void *ctx);
/* The hook installed now and its ctx (NULL: none): the panel chains to it. */
cp_trap_hook cp_get_trap_hook(const cp *c, void **ctx);

#endif
