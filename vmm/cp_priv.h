/*
 * cp_priv.h -- CP's own state: the real machine it runs on, its frames, and
 * each virtual machine.  Private to vmm/; everything else uses vmm.h.
 *
 * While a VM is dispatched its general registers, instruction address and
 * TOD live in the real machine (the real TOD *is* the VM's virtual clock
 * then); otherwise in the cp_vm.  vm_sync_out/vm_load move them.
 */
#ifndef PG_CP_PRIV_H
#define PG_CP_PRIV_H

#include "spool.h"
#include "tlb.h"
#include "vdev.h"
#include "vmm.h"

#define CP_NEVER (~(uint64_t)0)

/* A shadow page-table view: a first-level table in real storage and the
   second-level tables hung from it, valid for one generation of the VM's
   architected TLB. */
typedef struct cp_view {
    uint32_t l1;                    /* real address of the first-level table, 0: none yet */
    uint32_t gen;                   /* the VM TLB generation it was built for */
    uint32_t *l2;                   /* second-level tables (real addresses) it owns */
    uint32_t nl2, capl2;
} cp_view;

enum { CP_VIEW_REAL, CP_VIEW_SUP, CP_VIEW_PROB, CP_VIEWS };

struct cp_vm {
    cp *cp;
    char name[CP_NAME_MAX + 1];
    int index;

    /* the virtual CPU (registers and TOD only while not dispatched) */
    uint32_t gpr[16];
    pg_psw psw;
    uint32_t cr[PG_CR_COUNT];
    uint64_t tod;
    uint64_t timer_base;            /* virtual CPU timer = (int64_t)(timer_base - tod) */
    uint64_t icount;                /* instructions completed (direct + emulated) */
    bool pgm_guard;                 /* program-interruption loop watch (machine.md 9) */
    uint64_t pgm_guard_icount;
    uint64_t max_cycles;

    /* guest real storage: one real frame per guest page, 0 until touched */
    uint32_t mem_size;
    uint32_t *frames;
    pg_storage storage;

    /* virtual translation: the architected TLB and the shadow views */
    pg_tlb tlb;
    cp_view view[CP_VIEWS];

    /* devices */
    pg_channel chan;
    cp_vdevs dev;

    /* scheduling */
    cp_vm_state state;
    cp_block_reason block;
    bool stop_requested;
    bool dev_yield;                 /* DIAGNOSE yield: end this dispatch */
    bool skip_trap_hook;            /* resume a trap a hook stopped before */
    bool has_pending;               /* a trap stopped before CP handled it */
    uint32_t breaks[CP_MAX_BREAKS];
    int nbreaks;
    bool skip_break;                /* resume: run the instruction at a breakpoint */
    cp_stop_reason stop_reason;
    pg_interrupt pending;
    cp_vm_stats stats;
};

struct cp {
    pg_machine *m;                  /* the real machine */
    uint32_t real_mem;
    uint64_t slice;
    uint64_t max_cycles;            /* given to each VM at logon */

    /* real frames: a bump pointer and a free list */
    uint32_t next_frame;
    uint32_t *free_frames;
    uint32_t nfree, capfree;
    uint64_t reserved;              /* guest storage promised to VMs */
    uint32_t shadow_reserve;        /* frames shadow tables may hold at most */
    uint32_t shadow_used;           /* frames they hold now */
    uint32_t reclaim_cursor;        /* where the next reclaim of shadow tables starts */

    cp_vm **vms;
    int nvms, capvms;
    int rr;                         /* round-robin position */

    /* the dispatch in progress */
    cp_vm *current;                 /* the VM loaded in the real machine */
    cp_vm *running;                 /* the VM being run right now (in cp_run/cp_vm_step) */
    uint64_t dispatch_tod;          /* VM time at dispatch */
    uint64_t run_end;               /* VM time at which this dispatch must end */
    uint64_t traps;                 /* traps during this dispatch */
    uint64_t dispatch_icount;       /* real instruction count at dispatch */
    uint64_t dispatch_waits;        /* VM wait cycles at dispatch */
    uint64_t dispatch_done;         /* VM instructions completed at dispatch */
    uint64_t real_time;
    bool stop_run;                  /* a trap hook asked cp_run to return */

    cp_trap_hook trap_hook;
    void *trap_ctx;

    cp_spool spool;
};

/* vm.c */
void cp_vm_destroy(cp_vm *vm, char *err, size_t n);

/* frames.c: real frames and guest real storage */
bool cp_frames_init(cp *c, char *err, size_t n);
void cp_frames_free(cp *c);
uint32_t cp_frame_alloc(cp *c);             /* zeroed; 0 when none is left */
uint64_t cp_frames_available(const cp *c);
void cp_frame_release(cp *c, uint32_t frame);
uint32_t cp_vm_frame(cp_vm *vm, uint32_t guest_addr, bool allocate);
void cp_vm_storage_init(cp_vm *vm);
void cp_vm_release_storage(cp_vm *vm);
uint32_t cp_vm_read32(cp_vm *vm, uint32_t addr);
void cp_vm_write32(cp_vm *vm, uint32_t addr, uint32_t v);

/* shadow.c: shadow page tables */
uint32_t cp_view_origin(cp_vm *vm);         /* CR1 for the VM's current mode */
int cp_view_index(const cp_vm *vm);
void cp_shadow_purge(cp_vm *vm);            /* the VM's TLB was purged */
void cp_shadow_release(cp_vm *vm);
int cp_shadow_fault(cp_vm *vm, const pg_interrupt *irq);   /* 0 hidden, else guest code */

/* vcpu.c: the virtual CPU in and out of the real machine, virtual time */
void cp_vm_load(cp_vm *vm);
void cp_vm_unload(cp_vm *vm);
void cp_vm_account(cp_vm *vm);
uint64_t cp_vm_now(const cp_vm *vm);
void cp_vm_advance(cp_vm *vm, uint64_t cycles);
uint64_t cp_vm_next_event(cp_vm *vm);
uint64_t cp_vm_icount(const cp_vm *vm);
int64_t cp_vm_timer_now(const cp_vm *vm);
void cp_vm_switch_view(cp_vm *vm);
uint32_t cp_vm_reg(const cp_vm *vm, unsigned n);
void cp_vm_set_reg(cp_vm *vm, unsigned n, uint32_t v);
void cp_vm_set_addr(cp_vm *vm, uint32_t addr);
uint32_t cp_vm_addr(const cp_vm *vm);

/* reflect.c: interrupts into the guest */
void cp_reflect(cp_vm *vm, pg_int_class cls, uint32_t code, uint32_t tea, const uint32_t csw[2]);
void cp_vm_boundary(cp_vm *vm);             /* pending interrupts and waits */
void cp_vm_load_psw(cp_vm *vm, pg_psw psw);

/* emulate.c: privileged instructions */
void cp_emulate(cp_vm *vm, uint32_t word);
int cp_vm_translate(cp_vm *vm, uint32_t va, pg_access acc, uint32_t *guest_real);
bool cp_vm_peek_real(const cp_vm *vm, uint32_t va, uint32_t *guest_real);

/* diag.c: DIAGNOSE -- 0 with rd's value, or a program-interruption code */
int cp_diag(cp_vm *vm, uint16_t code, unsigned rd, unsigned rs1, uint32_t *rd_value);

/* lab.c: a course lab's stub in a starter tree stops the VM, naming what is missing */
void cp_lab_todo(cp_vm *vm, const char *lab, const char *what);

/* trap events */
cp_trap_action cp_trap_before(cp_vm *vm, cp_trap_kind kind, const pg_interrupt *irq);
void cp_trap_after(cp_vm *vm, cp_trap_kind kind, const pg_interrupt *irq, const char *outcome);

#endif
