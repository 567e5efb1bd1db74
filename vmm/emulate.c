/*
 * emulate.c -- trap and emulate: the privileged instructions a guest issues
 * in virtual supervisor state, decoded with the shared instruction table and
 * carried out against the VM's virtual state.  Each either completes --
 * costing exactly its cycles from the table, after its effects, as on the
 * bare machine -- or raises the program exception the bare machine would,
 * nullified (isa-spec/machine.md, time.md).
 */
#include "cp_priv.h"

/* Translate a guest operand address as the VM's architected TLB does. */
int cp_vm_translate(cp_vm *vm, uint32_t va, pg_access acc, uint32_t *guest_real)
{
    if (!(vm->psw.flags & PG_PSW_T)) {
        if (va >= vm->mem_size)
            return PG_PGM_ADDRESSING;
        *guest_real = va;
        return 0;
    }
    const pg_tlb_entry *e;
    int code = pg_tlb_translate(&vm->tlb, &vm->storage, vm->cr[PG_CR_PTO], va,
                                vm->psw.flags & PG_PSW_S, acc, &e);
    if (code)
        return code;
    *guest_real = pg_tlb_real(e, va);
    return 0;
}

/* The guest real address of a guest address as the VM's current mode sees
   it, without side effects: the VM's captured translation, else a walk of its
   tables (no R bit set, nothing captured) -- for displays and traces. */
bool cp_vm_peek_real(const cp_vm *vm, uint32_t va, uint32_t *guest_real)
{
    if (!(vm->psw.flags & PG_PSW_T)) {
        *guest_real = va;
        return va < vm->mem_size;
    }
    const pg_tlb_entry *e = pg_tlb_lookup(&vm->tlb, va);
    uint32_t pte, pte_addr;
    if (e)
        pte = e->pte;
    else if (pg_dat_walk(&vm->storage, vm->cr[PG_CR_PTO], va, &pte, &pte_addr))
        return false;
    *guest_real = (pte & PG_PTE_ADDR_MASK) | (va & (PG_PAGE_SIZE - 1));
    return *guest_real < vm->mem_size;
}

/* The emulated instruction finished: count it and its cycles. */
static void complete(cp_vm *vm, pg_op op, bool advance_pc)
{
    if (advance_pc)
        cp_vm_set_addr(vm, cp_vm_addr(vm) + 4);
    cp_vm_advance(vm, pg_insns[op].cycles);
    vm->icount++;
    vm->stats.emulated++;
    vm->stats.by_op[op]++;
    vm->stats.emulation_cycles += pg_insns[op].cycles;
}

/* The instruction raises a program exception (nothing else happens). */
static void fault(cp_vm *vm, int code, uint32_t tea)
{
    cp_reflect(vm, PG_INT_PROGRAM, (uint32_t)code, tea, NULL);
}

/* An 8-aligned doubleword operand: its guest real address, or an exception. */
static int dword_operand(cp_vm *vm, const pg_decoded *d, pg_access acc, uint32_t *va,
                         uint32_t *gra)
{
    *va = cp_vm_reg(vm, d->b) + (uint32_t)d->imm;
    if (*va & 7)
        return PG_PGM_SPECIFICATION;
    return cp_vm_translate(vm, *va, acc, gra);
}

/* lpsw: the new PSW from the operand; a wait is the boundary's business. */
static void em_lpsw(cp_vm *vm, const pg_decoded *d)
{
    /* LAB trap BEGIN: fetch the operand PSW (faults nullify), check its flags, install it */
    uint32_t va, gra;
    int code = dword_operand(vm, d, PG_ACC_READ, &va, &gra);
    if (code)
        return fault(vm, code, va);
    pg_psw p = {cp_vm_read32(vm, gra), cp_vm_read32(vm, gra + 4)};
    if (p.flags & ~(uint32_t)PG_PSW_VALID)
        return fault(vm, PG_PGM_SPECIFICATION, 0);
    cp_vm_load_psw(vm, p);
    complete(vm, PG_OP_lpsw, false);
    /* LAB trap STUB
    (void)d;
    (void)dword_operand;
    cp_lab_todo(vm, "trap", "the emulation of lpsw (em_lpsw in vmm/emulate.c)");
    LAB trap END */
}

/* epsw: rd = the virtual PSW's flags. */
static void em_epsw(cp_vm *vm, const pg_decoded *d)
{
    /* LAB trap BEGIN: rd = the virtual PSW's flags */
    cp_vm_set_reg(vm, d->a, vm->psw.flags);
    complete(vm, PG_OP_epsw, true);
    /* LAB trap STUB
    (void)d;
    cp_lab_todo(vm, "trap", "the emulation of epsw (em_epsw in vmm/emulate.c)");
    LAB trap END */
}

/* ssm: the virtual I and E masks from rs1. */
static void em_ssm(cp_vm *vm, const pg_decoded *d)
{
    /* LAB trap BEGIN: set the virtual I and E masks from rs1, nothing else */
    uint32_t masks = PG_PSW_I | PG_PSW_E;
    vm->psw.flags = (vm->psw.flags & ~masks) | (cp_vm_reg(vm, d->b) & masks);
    complete(vm, PG_OP_ssm, true);
    /* LAB trap STUB
    (void)d;
    cp_lab_todo(vm, "trap", "the emulation of ssm (em_ssm in vmm/emulate.c)");
    LAB trap END */
}

/* The VM's TLB is purged: its translated shadow views go with it. */
static void purge_vm_tlb(cp_vm *vm)
{
    /* LAB shadow BEGIN: the VM's architected TLB, and with it its translated shadow views */
    pg_tlb_purge(&vm->tlb);
    cp_shadow_purge(vm);
    /* LAB shadow STUB
    cp_lab_todo(vm, "shadow", "the purge of a VM's TLB (purge_vm_tlb in vmm/emulate.c)");
    LAB shadow END */
}

/* lctl: a virtual control register; CR1 purges the VM's TLB. */
static void em_lctl(cp_vm *vm, const pg_decoded *d)
{
    /* LAB trap BEGIN: load the virtual control register; a load of CR1 purges the VM's TLB */
    vm->cr[d->a] = cp_vm_reg(vm, d->b);
    if (d->a == PG_CR_PTO)
        purge_vm_tlb(vm);
    complete(vm, PG_OP_lctl, true);
    /* LAB trap STUB
    (void)d;
    cp_lab_todo(vm, "trap", "the emulation of lctl (em_lctl in vmm/emulate.c)");
    LAB trap END */
}

/* stctl: rd = a virtual control register. */
static void em_stctl(cp_vm *vm, const pg_decoded *d)
{
    /* LAB trap BEGIN: rd = the virtual control register */
    cp_vm_set_reg(vm, d->a, vm->cr[d->b]);
    complete(vm, PG_OP_stctl, true);
    /* LAB trap STUB
    (void)d;
    cp_lab_todo(vm, "trap", "the emulation of stctl (em_stctl in vmm/emulate.c)");
    LAB trap END */
}

/* spt: the virtual timer, as of this instruction's start. */
static void em_spt(cp_vm *vm, const pg_decoded *d)
{
    /* LAB trap BEGIN: set the virtual CPU timer (sign-extended rs1) as of the instruction's start */
    vm->timer_base = cp_vm_now(vm) + (uint64_t)(int64_t)(int32_t)cp_vm_reg(vm, d->b);
    complete(vm, PG_OP_spt, true);
    /* LAB trap STUB
    (void)d;
    cp_lab_todo(vm, "trap", "the emulation of spt (em_spt in vmm/emulate.c)");
    LAB trap END */
}

/* stpt: the virtual timer's low word. */
static void em_stpt(cp_vm *vm, const pg_decoded *d)
{
    /* LAB trap BEGIN: rd = the low word of the virtual CPU timer now */
    cp_vm_set_reg(vm, d->a, (uint32_t)cp_vm_timer_now(vm));
    complete(vm, PG_OP_stpt, true);
    /* LAB trap STUB
    (void)d;
    cp_lab_todo(vm, "trap", "the emulation of stpt (em_stpt in vmm/emulate.c)");
    LAB trap END */
}

/* stck: the VM's virtual TOD at the operand. */
static void em_stck(cp_vm *vm, const pg_decoded *d)
{
    /* LAB trap BEGIN: store the VM's virtual TOD at the operand (faults nullify) */
    uint32_t va, gra;
    int code = dword_operand(vm, d, PG_ACC_WRITE, &va, &gra);
    if (code)
        return fault(vm, code, va);
    uint64_t now = cp_vm_now(vm);
    cp_vm_write32(vm, gra, (uint32_t)(now >> 32));
    cp_vm_write32(vm, gra + 4, (uint32_t)now);
    complete(vm, PG_OP_stck, true);
    /* LAB trap STUB
    (void)d;
    cp_lab_todo(vm, "trap", "the emulation of stck (em_stck in vmm/emulate.c)");
    LAB trap END */
}

/* Store a CSW in the guest's low core. */
static void store_csw(cp_vm *vm, const uint32_t csw[2])
{
    cp_vm_write32(vm, PG_LC_CSW, csw[0]);
    cp_vm_write32(vm, PG_LC_CSW + 4, csw[1]);
}

/* sio: the guest's channel program on its virtual device, at virtual time. */
static void em_sio(cp_vm *vm, const pg_decoded *d)
{
    /* LAB vio BEGIN: run the channel program on the VM's virtual device at virtual time; rd = the condition code; a console READ with no line yet blocks the VM */
    uint32_t csw[2];
    int cc = pg_channel_sio(&vm->chan, cp_vm_reg(vm, d->b), cp_vm_reg(vm, d->c), cp_vm_now(vm),
                            &vm->storage, csw);
    if (cc == PG_IN_WOULD_BLOCK) {  /* console input not there: the clock stops */
        vm->state = CP_VM_BLOCKED;
        vm->block = CP_BLOCK_CONSOLE;
        return;
    }
    if (cc == PG_CC_STORED)
        store_csw(vm, csw);
    if (cc == PG_CC_OK)
        vm->stats.io_ops++;
    cp_vm_set_reg(vm, d->a, (uint32_t)cc);
    complete(vm, PG_OP_sio, true);
    /* LAB vio STUB
    (void)d;
    (void)store_csw;
    cp_lab_todo(vm, "vio", "the emulation of sio (em_sio in vmm/emulate.c)");
    LAB vio END */
}

/* tio: test I/O on a virtual device. */
static void em_tio(cp_vm *vm, const pg_decoded *d)
{
    /* LAB vio BEGIN: test the virtual device; status pending is stored as the CSW and cleared */
    uint32_t csw[2];
    int cc = pg_channel_tio(&vm->chan, cp_vm_reg(vm, d->b), cp_vm_now(vm), csw);
    if (cc == PG_CC_STORED)
        store_csw(vm, csw);
    cp_vm_set_reg(vm, d->a, (uint32_t)cc);
    complete(vm, PG_OP_tio, true);
    /* LAB vio STUB
    (void)d;
    cp_lab_todo(vm, "vio", "the emulation of tio (em_tio in vmm/emulate.c)");
    LAB vio END */
}

/* hio: halt I/O on a virtual device. */
static void em_hio(cp_vm *vm, const pg_decoded *d)
{
    /* LAB vio BEGIN: halt the virtual device's channel program at virtual time */
    int cc = pg_channel_hio(&vm->chan, cp_vm_reg(vm, d->b), cp_vm_now(vm));
    cp_vm_set_reg(vm, d->a, (uint32_t)cc);
    complete(vm, PG_OP_hio, true);
    /* LAB vio STUB
    (void)d;
    cp_lab_todo(vm, "vio", "the emulation of hio (em_hio in vmm/emulate.c)");
    LAB vio END */
}

/* lra: walk the guest's tables in guest storage; sets nothing. */
static void em_lra(cp_vm *vm, const pg_decoded *d)
{
    uint32_t pte, pte_addr, va = cp_vm_reg(vm, d->b) + (uint32_t)d->imm;
    uint32_t real = 0xFFFFFFFFu;
    if (!pg_dat_walk(&vm->storage, vm->cr[PG_CR_PTO], va, &pte, &pte_addr))
        real = (pte & PG_PTE_ADDR_MASK) | (va & (PG_PAGE_SIZE - 1));
    cp_vm_set_reg(vm, d->a, real);
    complete(vm, PG_OP_lra, true);
}

/* ptlb: purge the VM's TLB. */
static void em_ptlb(cp_vm *vm, const pg_decoded *d)
{
    (void)d;
    purge_vm_tlb(vm);
    complete(vm, PG_OP_ptlb, true);
}

/* diag: CP's paravirtual services (diag.c). */
static void em_diag(cp_vm *vm, const pg_decoded *d)
{
    uint32_t value = 0;
    vm->stats.diag++;
    int code = cp_diag(vm, (uint16_t)d->imm, d->a, d->b, &value);
    if (code)
        return fault(vm, code, 0);
    cp_vm_set_reg(vm, d->a, value);
    complete(vm, PG_OP_diag, true);
}

/* One emulator per privileged row of the table; a privileged row without one
   here does not compile. */
typedef void (*emulator)(cp_vm *, const pg_decoded *);
#define EMU_PRIV(mn) [PG_OP_##mn] = em_##mn,
#define EMU_UNPRIV(mn)
static const emulator emulators[PG_OP_COUNT] = {
#define PG_INSN(mn, fmt, opc, priv, ...) EMU_##priv(mn)
#include "pg32.def"
#undef PG_INSN
};

/* Emulate the privileged instruction word the guest issued in virtual
   supervisor state (its PSW points at it). */
void cp_emulate(cp_vm *vm, uint32_t word)
{
    pg_decoded d;
    if (!pg_decode(word, &d) || !emulators[d.op])
        return fault(vm, PG_PGM_OPERATION, 0);  /* cannot happen: it trapped as privileged */
    emulators[d.op](vm, &d);
}
