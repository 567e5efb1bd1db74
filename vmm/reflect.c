/*
 * reflect.c -- interrupts into the guest, through the guest's own low core,
 * exactly as the bare machine takes them (isa-spec/machine.md): store the
 * old PSW and the code, charge 10 virtual cycles, load the new PSW.  And the
 * VM's instruction boundary: pending enabled interrupts, then waits.
 */
#include "cp_priv.h"


/* Install a new virtual PSW (valid), switching the shadow view if the mode changed. */
void cp_vm_load_psw(cp_vm *vm, pg_psw psw)
{
    uint32_t changed = (vm->psw.flags ^ psw.flags) & (PG_PSW_S | PG_PSW_T);
    vm->psw.flags = psw.flags;
    cp_vm_set_addr(vm, psw.addr);
    if (changed)
        cp_vm_switch_view(vm);
}

/* The VM stops in a check stop with this PSW. */
static void check_stop(cp_vm *vm, pg_psw psw)
{
    vm->psw.flags = psw.flags;
    cp_vm_set_addr(vm, psw.addr);
    vm->state = CP_VM_CHECK_STOP;
}

/* Reflect an interrupt into the guest. */
void cp_reflect(cp_vm *vm, pg_int_class cls, uint32_t code, uint32_t tea, const uint32_t csw[2])
{
    if (cls == PG_INT_PROGRAM && vm->pgm_guard && vm->pgm_guard_icount == cp_vm_icount(vm)) {
        /* a program-interruption loop: nothing stored, no time, not counted */
        vm->state = CP_VM_CHECK_STOP;
        return;
    }
    vm->stats.reflected[cls]++;
    /* watch for a loop: a second program interrupt before any instruction completes */
    vm->pgm_guard = cls == PG_INT_PROGRAM;
    vm->pgm_guard_icount = cp_vm_icount(vm);
    /* LAB reflect BEGIN: the old PSW and the code (TEA, CSW) into the guest's low core, the interrupt's cycles, then the new PSW (invalid: check stop) */
    pg_psw old = {vm->psw.flags, cp_vm_addr(vm)};
    cp_vm_write32(vm, pg_lowcore(cls).old_psw, old.flags);
    cp_vm_write32(vm, pg_lowcore(cls).old_psw + 4, old.addr);
    cp_vm_write32(vm, pg_lowcore(cls).code, code);
    if (cls == PG_INT_PROGRAM && pg_code_stores_tea(code))
        cp_vm_write32(vm, PG_LC_TEA, tea);
    if (cls == PG_INT_IO) {
        cp_vm_write32(vm, PG_LC_CSW, csw[0]);
        cp_vm_write32(vm, PG_LC_CSW + 4, csw[1]);
    }
    pg_psw new_psw = {cp_vm_read32(vm, pg_lowcore(cls).new_psw),
                      cp_vm_read32(vm, pg_lowcore(cls).new_psw + 4)};
    cp_vm_advance(vm, PG_INTERRUPT_CYCLES);
    if (new_psw.flags & ~(uint32_t)PG_PSW_VALID)
        return check_stop(vm, new_psw);
    cp_vm_load_psw(vm, new_psw);
    /* LAB reflect STUB
    (void)code;
    (void)tea;
    (void)csw;
    (void)check_stop;
    cp_lab_todo(vm, "reflect", "the reflection of interrupts (cp_reflect in vmm/reflect.c)");
    LAB reflect END */
}

/* Reflect a pending interrupt CP itself raises (timer, I/O), with trap events. */
static void reflect_pending(cp_vm *vm, pg_int_class cls, uint32_t code, const uint32_t csw[2])
{
    pg_interrupt irq = {.cls = cls, .code = code, .old = {vm->psw.flags, cp_vm_addr(vm)}};
    if (csw) {
        irq.csw[0] = csw[0];
        irq.csw[1] = csw[1];
    }
    if (cp_trap_before(vm, CP_TRAP_REFLECT, &irq) == CP_TRAP_STOP) {
        vm->pending = irq;          /* reflected when the VM resumes */
        vm->has_pending = true;
        vm->skip_trap_hook = true;
        vm->state = CP_VM_STOPPED;
        vm->stop_reason = CP_STOP_TRAP;
        return;
    }
    cp_reflect(vm, cls, code, 0, csw);
    cp_trap_after(vm, CP_TRAP_REFLECT, &irq, cls == PG_INT_IO ? "I/O interrupt reflected"
                                                              : "external interrupt reflected");
}

/* Take the highest-priority enabled pending interrupt, if any. */
static bool take_pending(cp_vm *vm)
{
    /* LAB reflect BEGIN: external (the virtual CPU timer) first, then I/O (pg_channel_take_interrupt), each only when the virtual PSW enables it */
    if ((vm->psw.flags & PG_PSW_E) && cp_vm_timer_now(vm) < 0) {
        reflect_pending(vm, PG_INT_EXTERNAL, PG_EXT_CPU_TIMER, NULL);
        return true;
    }
    uint16_t dev;
    uint32_t csw[2];
    if ((vm->psw.flags & PG_PSW_I) &&
        pg_channel_take_interrupt(&vm->chan, cp_vm_now(vm), &dev, csw)) {
        reflect_pending(vm, PG_INT_IO, dev, csw);
        return true;
    }
    return false;
    /* LAB reflect STUB
    (void)reflect_pending;
    cp_lab_todo(vm, "reflect", "taking pending interrupts (take_pending in vmm/reflect.c)");
    return false;
    LAB reflect END */
}

/* The VM's instruction boundary, as the bare machine's: take every pending
   enabled interrupt; in a wait for the VM's own timer or I/O, let its clock
   jump to that event (no real time passes); a wait for anything else blocks
   the VM with its clock frozen; a disabled wait ends it. */
void cp_vm_boundary(cp_vm *vm)
{
    while (vm->state == CP_VM_READY) {
        if (cp_vm_now(vm) >= vm->max_cycles) {
            vm->state = CP_VM_MAX_CYCLES;
            return;
        }
        if (take_pending(vm))
            continue;
        /* LAB reflect BEGIN: a wait: disabled (the VM ends), or let the VM's clock jump to its next event, or block it when none can come */
        if (!(vm->psw.flags & PG_PSW_W))
            return;
        if (!(vm->psw.flags & (PG_PSW_I | PG_PSW_E))) {
            vm->state = CP_VM_DISABLED_WAIT;
            return;
        }
        uint64_t t = cp_vm_next_event(vm);
        if (t == CP_NEVER) {
            vm->state = CP_VM_BLOCKED;
            vm->block = CP_BLOCK_WAIT;
            return;
        }
        uint64_t now = cp_vm_now(vm);
        uint64_t until = t < vm->max_cycles ? t : vm->max_cycles;
        vm->stats.wait_cycles += until - now;
        cp_vm_advance(vm, until - now);
        /* LAB reflect STUB
        if (!(vm->psw.flags & PG_PSW_W))
            return;
        cp_lab_todo(vm, "reflect", "waits (cp_vm_boundary in vmm/reflect.c)");
        LAB reflect END */
    }
}
