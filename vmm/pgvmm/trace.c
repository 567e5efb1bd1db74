/*
 * trace.c -- pgvmm --trace: one line for each trap CP handles, after it
 * handled it: the VM, its virtual time, the kind of trap, the guest
 * instruction (disassembled), the virtual PSW and the real PSW CP runs the
 * guest with, and what CP did.
 */
#include "pgvmm.h"

/* Print a trap event (AFTER phase) to stderr. */
cp_trap_action pgvmm_trace_trap(void *ctx, const cp_trap_event *ev)
{
    (void)ctx;
    static const char *const kinds[] = {
        [CP_TRAP_EMULATE] = "emulate", [CP_TRAP_REFLECT] = "reflect", [CP_TRAP_SHADOW] = "shadow",
    };
    if (ev->phase != CP_TRAP_AFTER)
        return CP_TRAP_CONTINUE;
    char text[96] = "";
    if (ev->has_insn)
        pg_disassemble(ev->insn_word, ev->insn_addr, text, sizeof text, NULL, NULL);
    fprintf(stderr, "pgvmm: %s %10llu %-7s %-8s code %04x  %08x %-28s vPSW %08x %08x  "
            "rPSW %08x %08x  %s\n",
            cp_vm_name(ev->vm), (unsigned long long)cp_vm_get_tod(ev->vm), kinds[ev->kind],
            pgsim_class_name(ev->cls), ev->code, ev->insn_addr, text, ev->vpsw.flags,
            ev->vpsw.addr, ev->rpsw.flags, ev->rpsw.addr, ev->outcome ? ev->outcome : "");
    return CP_TRAP_CONTINUE;
}
