/*
 * cp.c -- CP itself: the real machine, the interrupt hook through which
 * every trap of a guest enters CP, the dispatcher and the round-robin
 * scheduler, and the trap-event hook for TRACE and BREAK TRAP.
 */
#include <stdlib.h>
#include <string.h>

#include "cp_priv.h"

/* Tell the trap-event hook about a trap before CP handles it. */
cp_trap_action cp_trap_before(cp_vm *vm, cp_trap_kind kind, const pg_interrupt *irq)
{
    cp *c = vm->cp;
    if (!c->trap_hook)
        return CP_TRAP_CONTINUE;
    if (vm->skip_trap_hook) {       /* resuming the trap a hook stopped before */
        vm->skip_trap_hook = false;
        return CP_TRAP_CONTINUE;
    }
    cp_trap_event ev = {vm, CP_TRAP_BEFORE, kind, irq->cls, irq->code, irq->tea,
                        irq->fetched, irq->old.addr, irq->word,
                        {vm->psw.flags, cp_vm_addr(vm)},
                        c->current == vm ? pg_get_psw(c->m) : (pg_psw){PG_PSW_T, vm->psw.addr},
                        NULL};
    return c->trap_hook(c->trap_ctx, &ev);
}

/* Tell the trap-event hook what CP did. */
void cp_trap_after(cp_vm *vm, cp_trap_kind kind, const pg_interrupt *irq, const char *outcome)
{
    cp *c = vm->cp;
    if (!c->trap_hook)
        return;
    cp_trap_event ev = {vm, CP_TRAP_AFTER, kind, irq->cls, irq->code, irq->tea,
                        irq->fetched, irq->old.addr, irq->word,
                        {vm->psw.flags, cp_vm_addr(vm)},
                        c->current == vm ? pg_get_psw(c->m) : (pg_psw){PG_PSW_T, vm->psw.addr},
                        outcome};
    if (c->trap_hook(c->trap_ctx, &ev) == CP_TRAP_STOP)
        vm->stop_requested = true;
}

/* Install the trap-event hook. */
void cp_set_trap_hook(cp *c, cp_trap_hook hook, void *ctx)
{
    c->trap_hook = hook;
    c->trap_ctx = ctx;
}

/* The trap-event hook installed now (NULL: none), so another can chain to it. */
cp_trap_hook cp_get_trap_hook(const cp *c, void **ctx)
{
    *ctx = c->trap_ctx;
    return c->trap_hook;
}

/* Handle one trap of the running guest: a privileged instruction to
   emulate, a shadow fault to hide, or an interrupt to reflect. */
static void handle_trap(cp_vm *vm, const pg_interrupt *irq)
{
    cp_trap_kind kind = CP_TRAP_REFLECT;
    int shadow_code = 0;
    if (irq->cls == PG_INT_PROGRAM && (irq->code == PG_PGM_SEGMENT || irq->code == PG_PGM_PAGE ||
                                       irq->code == PG_PGM_PROTECTION))
        kind = CP_TRAP_SHADOW;
    else if (irq->cls == PG_INT_PROGRAM && irq->code == PG_PGM_PRIVILEGED &&
             (vm->psw.flags & PG_PSW_S))
        kind = CP_TRAP_EMULATE;
    if (cp_trap_before(vm, kind, irq) == CP_TRAP_STOP) {
        vm->pending = *irq;         /* handled when the VM resumes */
        vm->has_pending = true;
        vm->skip_trap_hook = true;
        vm->state = CP_VM_STOPPED;
        vm->stop_reason = CP_STOP_TRAP;
        return;
    }
    const char *outcome;
    switch (kind) {
    case CP_TRAP_SHADOW:
        shadow_code = cp_shadow_fault(vm, irq);
        if (!shadow_code) {
            outcome = "shadow table filled (hidden from the guest)";
            break;
        }
        cp_reflect(vm, PG_INT_PROGRAM, (uint32_t)shadow_code, irq->tea, NULL);
        outcome = "guest translation exception reflected";
        break;
    case CP_TRAP_EMULATE:
        cp_emulate(vm, irq->word);
        outcome = "emulated";
        break;
    default:
        /* SVC and program interrupts of the guest; external and I/O ones
           come only from CP's own pending interrupts that a trap hook
           stopped before (the real machine never enables its own) */
        cp_reflect(vm, irq->cls, irq->code, irq->tea, irq->cls == PG_INT_IO ? irq->csw : NULL);
        outcome = irq->cls == PG_INT_SVC ? "SVC reflected"
                : irq->cls == PG_INT_PROGRAM ? "program interrupt reflected"
                : irq->cls == PG_INT_IO ? "I/O interrupt reflected" : "external interrupt reflected";
        break;
    }
    cp_trap_after(vm, kind, irq, outcome);
}

/* The real machine's interrupt hook: every trap of a guest enters CP here.
   CP handles it, takes the VM's pending interrupts as the bare machine
   would at this boundary, and lets the guest go on unless the dispatch
   must end (the VM stopped or waits, an event moved earlier, the slice is
   used up). */
static pg_hook_action trap_entry(void *ctx, pg_machine *m, const pg_interrupt *irq)
{
    (void)m;
    cp *c = ctx;
    cp_vm *vm = c->current;
    c->traps++;
    handle_trap(vm, irq);
    cp_vm_boundary(vm);
    if (vm->state != CP_VM_READY || vm->stop_requested || vm->dev_yield || c->stop_run)
        return PG_HOOK_STOP;
    uint64_t now = cp_vm_now(vm);
    uint64_t event = cp_vm_next_event(vm);
    if (event < c->run_end || vm->max_cycles < c->run_end)
        return PG_HOOK_STOP;        /* re-dispatch with the right budget */
    uint64_t used = now - c->dispatch_tod - (vm->stats.wait_cycles - c->dispatch_waits) +
                    c->traps * CP_TRAP_CYCLES;
    /* the slice ends only after the VM completed an instruction in it, so
       that hidden faults alone (shadow tables rebuilt under pressure) can
       never keep every VM from progressing */
    if (used >= c->slice && cp_vm_icount(vm) != c->dispatch_done)
        return PG_HOOK_STOP;
    return PG_HOOK_RESUME;
}

/* Make vm the VM on the real machine and start counting a dispatch. */
static void begin_dispatch(cp *c, cp_vm *vm)
{
    if (c->current != vm) {
        if (c->current)
            cp_vm_unload(c->current);
        cp_vm_load(vm);
    }
    c->dispatch_tod = cp_vm_now(vm);
    c->dispatch_waits = vm->stats.wait_cycles;
    c->dispatch_done = cp_vm_icount(vm);
    c->traps = 0;
    vm->dev_yield = false;
    if (vm->has_pending) {          /* a trap a hook stopped before handling */
        vm->has_pending = false;
        handle_trap(vm, &vm->pending);
    }
    cp_vm_boundary(vm);
}

/* End a dispatch: charge real time, count direct instructions. */
static void end_dispatch(cp *c, cp_vm *vm)
{
    uint64_t ran = cp_vm_now(vm) - c->dispatch_tod - (vm->stats.wait_cycles - c->dispatch_waits);
    c->real_time += ran + c->traps * CP_TRAP_CYCLES;
    cp_vm_account(vm);
}

/* All interrupts reflected into a VM so far. */
static uint64_t reflections(const cp_vm *vm)
{
    uint64_t n = 0;
    for (int i = 0; i < PG_INT_CLASSES; i++)
        n += vm->stats.reflected[i];
    return n;
}

/* Execute one instruction of the VM on the real machine: steps of the real
   machine until the guest completed an instruction or got an interrupt
   (hidden shadow faults are not steps of the guest). */
static void step_guest(cp *c, cp_vm *vm)
{
    uint64_t done = cp_vm_icount(vm), taken = reflections(vm);
    c->run_end = CP_NEVER;
    while (vm->state == CP_VM_READY && cp_vm_icount(vm) == done && reflections(vm) == taken) {
        pg_step(c->m, NULL);
        if (vm->state == CP_VM_READY)
            cp_vm_boundary(vm);
    }
}

/* Execute exactly one instruction of a READY or STOPPED VM (vmm.h). */
bool cp_vm_step(cp_vm *vm)
{
    cp *c = vm->cp;
    if (vm->state != CP_VM_READY && vm->state != CP_VM_STOPPED)
        return false;
    vm->state = CP_VM_READY;
    vm->skip_break = false;
    bool resumes_trap = vm->has_pending;    /* then handling that trap is the step */
    c->running = vm;
    begin_dispatch(c, vm);
    if (vm->state == CP_VM_READY && !resumes_trap)
        step_guest(c, vm);
    end_dispatch(c, vm);
    c->running = NULL;
    if (vm->state == CP_VM_READY) {
        vm->state = CP_VM_STOPPED;
        vm->stop_reason = CP_STOP_STEP;
    }
    return true;
}

/* Run one VM for at most one slice of real time.  The VM stays loaded in
   the real machine afterwards (reloading the same VM for its next slice
   would be wasted work); the next dispatch of another VM unloads it. */
static void dispatch(cp *c, cp_vm *vm)
{
    c->running = vm;
    begin_dispatch(c, vm);
    while (vm->state == CP_VM_READY && !vm->stop_requested && !vm->dev_yield && !c->stop_run) {
        uint64_t now = cp_vm_now(vm);
        uint64_t used = now - c->dispatch_tod - (vm->stats.wait_cycles - c->dispatch_waits) +
                        c->traps * CP_TRAP_CYCLES;
        if (used >= c->slice && cp_vm_icount(vm) != c->dispatch_done)
            break;
        uint64_t end = now + (used < c->slice ? c->slice - used : 1);
        uint64_t event = cp_vm_next_event(vm);
        if (event < end)
            end = event;
        if (vm->max_cycles < end)
            end = vm->max_cycles;
        if (vm->nbreaks) {          /* breakpoints: one instruction at a time */
            if (cp_vm_check_break(vm))
                break;
            step_guest(c, vm);
            continue;
        }
        c->run_end = end;
        pg_run(c->m, end - now);
        cp_vm_boundary(vm);
    }
    end_dispatch(c, vm);
    c->running = NULL;
    if (vm->stop_requested && vm->state == CP_VM_READY) {
        vm->state = CP_VM_STOPPED;
        vm->stop_reason = vm->has_pending ? CP_STOP_TRAP : CP_STOP_OPERATOR;
    }
    vm->stop_requested = false;
}

/* A new CP on a new real machine. */
cp *cp_new(const cp_config *cfg, char *err, size_t errsize)
{
    cp *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    c->real_mem = cfg->real_mem ? cfg->real_mem : CP_DEFAULT_REAL_MEM;
    c->slice = cfg->slice ? cfg->slice : CP_DEFAULT_SLICE;
    c->max_cycles = cfg->max_cycles ? cfg->max_cycles : CP_NEVER;
    if (c->real_mem % PG_PAGE_SIZE || c->real_mem > PG_MAX_MEMORY) {
        snprintf(err, errsize, "real storage must be a multiple of 4K up to 256M");
        free(c);
        return NULL;
    }
    c->m = pg_machine_new(c->real_mem);
    if (!c->m) {
        snprintf(err, errsize, "cannot allocate %u bytes of real storage", c->real_mem);
        free(c);
        return NULL;
    }
    if (!cp_frames_init(c, err, errsize)) {
        pg_machine_free(c->m);
        free(c);
        return NULL;
    }
    pg_set_interrupt_hook(c->m, trap_entry, c);
    cp_spool_init(&c->spool);
    return c;
}

/* Close every VM's devices (flushing host files); false with the first
   failure (e.g. output lost on a full disk). */
bool cp_close_devices(cp *c, char *err, size_t n)
{
    bool ok = true;
    char later[256];
    for (int i = 0; i < c->nvms; i++)
        if (!cp_vdevs_free(c->vms[i], ok ? err : later, ok ? n : sizeof later))
            ok = false;
    return ok;
}

/* Log every VM off and free CP. */
void cp_free(cp *c)
{
    if (!c)
        return;
    char err[256];
    for (int i = 0; i < c->nvms; i++)
        cp_vm_destroy(c->vms[i], err, sizeof err);
    free(c->vms);
    cp_spool_free(&c->spool);
    cp_frames_free(c);
    pg_machine_free(c->m);
    free(c);
}

/* Real cycles used so far. */
uint64_t cp_real_time(const cp *c)
{
    return c->real_time;
}

/* Run the VMs round-robin; true if some VM could still run. */
bool cp_run(cp *c, uint64_t real_budget)
{
    uint64_t end = c->real_time + real_budget < c->real_time ? CP_NEVER
                                                            : c->real_time + real_budget;
    c->stop_run = false;
    for (;;) {
        int picked = -1;
        for (int k = 0; k < c->nvms; k++) {
            int i = (c->rr + k) % c->nvms;
            if (c->vms[i]->state == CP_VM_READY) {
                picked = i;
                break;
            }
        }
        if (picked < 0) {
            if (c->current)
                cp_vm_unload(c->current);
            return false;
        }
        c->rr = (picked + 1) % c->nvms;
        dispatch(c, c->vms[picked]);
        if (c->stop_run || c->real_time >= end) {
            cp_vm_unload(c->current);
            return true;
        }
    }
}
