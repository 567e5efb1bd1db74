/*
 * vcpu.c -- the virtual CPU on the real one.  While a VM is dispatched its
 * registers, instruction address and clock are the real machine's: the
 * guest's own instructions run there directly, in real problem state with
 * translation on (through the VM's shadow view), and the real TOD is the
 * VM's virtual TOD, so every cycle the real machine charges is the VM's.
 */
#include "cp_priv.h"

/* Is this VM the one on the real CPU? */
static bool loaded(const cp_vm *vm)
{
    return vm->cp->current == vm;
}

/* Put the VM on the real machine. */
void cp_vm_load(cp_vm *vm)
{
    cp *c = vm->cp;
    c->current = vm;
    for (unsigned i = 1; i < 16; i++)
        pg_set_gpr(c->m, i, vm->gpr[i]);
    pg_set_tod(c->m, vm->tod);
    pg_set_cr(c->m, PG_CR_PTO, cp_view_origin(vm));
    pg_set_psw(c->m, (pg_psw){PG_PSW_T, vm->psw.addr});
    c->dispatch_icount = pg_get_stats(c->m)->instructions;
}

/* Count what the loaded VM ran directly since the last count. */
void cp_vm_account(cp_vm *vm)
{
    cp *c = vm->cp;
    uint64_t now = pg_get_stats(c->m)->instructions;
    vm->stats.direct += now - c->dispatch_icount;
    vm->icount += now - c->dispatch_icount;
    c->dispatch_icount = now;
}

/* Take the VM off the real machine. */
void cp_vm_unload(cp_vm *vm)
{
    cp *c = vm->cp;
    cp_vm_account(vm);
    for (unsigned i = 1; i < 16; i++)
        vm->gpr[i] = pg_get_gpr(c->m, i);
    vm->psw.addr = pg_get_psw(c->m).addr;
    vm->tod = pg_get_tod(c->m);
    c->current = NULL;
}

/* Instructions the VM has completed, up to this moment. */
uint64_t cp_vm_icount(const cp_vm *vm)
{
    const cp *c = vm->cp;
    if (!loaded(vm))
        return vm->icount;
    return vm->icount + (pg_get_stats(c->m)->instructions - c->dispatch_icount);
}

/* The VM's virtual TOD now. */
uint64_t cp_vm_now(const cp_vm *vm)
{
    return loaded(vm) ? pg_get_tod(vm->cp->m) : vm->tod;
}

/* Let cycles of the VM's own time pass (emulation, interrupts, waits). */
void cp_vm_advance(cp_vm *vm, uint64_t cycles)
{
    if (loaded(vm))
        pg_set_tod(vm->cp->m, pg_get_tod(vm->cp->m) + cycles);
    else
        vm->tod += cycles;
}

/* General register n of the guest. */
uint32_t cp_vm_reg(const cp_vm *vm, unsigned n)
{
    if (n == 0 || n > 15)
        return 0;
    return loaded(vm) ? pg_get_gpr(vm->cp->m, n) : vm->gpr[n];
}

/* Set general register n of the guest (r0 stays zero). */
void cp_vm_set_reg(cp_vm *vm, unsigned n, uint32_t v)
{
    if (n == 0 || n > 15)
        return;
    if (loaded(vm))
        pg_set_gpr(vm->cp->m, n, v);
    else
        vm->gpr[n] = v;
}

/* The guest's instruction address. */
uint32_t cp_vm_addr(const cp_vm *vm)
{
    return loaded(vm) ? pg_get_psw(vm->cp->m).addr : vm->psw.addr;
}

/* Move the guest's instruction address. */
void cp_vm_set_addr(cp_vm *vm, uint32_t addr)
{
    vm->psw.addr = addr;
    if (loaded(vm))
        pg_set_psw(vm->cp->m, (pg_psw){PG_PSW_T, addr});
}

/* The mode or the VM's TLB changed: run the guest through the right view. */
void cp_vm_switch_view(cp_vm *vm)
{
    if (!loaded(vm))
        return;
    uint32_t origin = cp_view_origin(vm);
    if (pg_get_cr(vm->cp->m, PG_CR_PTO) != origin)
        pg_set_cr(vm->cp->m, PG_CR_PTO, origin);    /* purges the real TLB */
}

/* The virtual CPU timer now. */
int64_t cp_vm_timer_now(const cp_vm *vm)
{
    return (int64_t)(vm->timer_base - cp_vm_now(vm));
}

/* The first virtual cycle at which an enabled interrupt is pending, or CP_NEVER. */
uint64_t cp_vm_next_event(cp_vm *vm)
{
    /* LAB reflect BEGIN: the first cycle the timer is negative (if E), or a device's status is pending (if I) */
    uint64_t now = cp_vm_now(vm), t = CP_NEVER;
    if (vm->psw.flags & PG_PSW_E) {
        int64_t timer = cp_vm_timer_now(vm);
        t = timer < 0 ? now : now + (uint64_t)timer + 1;
    }
    if (vm->psw.flags & PG_PSW_I) {
        uint64_t io = pg_channel_next_pending(&vm->chan);
        if (io < t)
            t = io < now ? now : io;
    }
    return t;
    /* LAB reflect STUB
    cp_lab_todo(vm, "reflect", "the VM's next event (cp_vm_next_event in vmm/vcpu.c)");
    return CP_NEVER;
    LAB reflect END */
}
