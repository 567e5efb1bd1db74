/*
 * panel_trap.c -- the trap log: a trap hook that calls the operator's hook
 * first (TRACE, BREAK TRAP) and then keeps the event in a ring: each trap
 * after CP handled it, and each trap a BREAK TRAP stopped before.
 */
#include <stdio.h>
#include <string.h>

#include "panel.h"

/* The short name of an interrupt class. */
static const char *class_name(pg_int_class cls)
{
    static const char *const names[] = {
        [PG_INT_EXTERNAL] = "external", [PG_INT_SVC] = "svc", [PG_INT_PROGRAM] = "program",
        [PG_INT_MACHINE_CHECK] = "machine", [PG_INT_IO] = "io",
    };
    return (unsigned)cls < sizeof names / sizeof names[0] && names[cls] ? names[cls] : "?";
}

/* Keep one event. */
static void log_event(panel *p, const cp_trap_event *ev, const char *outcome)
{
    panel_trap *t = &p->traps[p->ntraps++ % PANEL_TRAPS];
    *t = (panel_trap){.vm = ev->vm, .kind = ev->kind, .cls = ev->cls, .code = ev->code,
                      .has_insn = ev->has_insn, .insn_addr = ev->insn_addr,
                      .insn_word = ev->insn_word, .rpsw = ev->rpsw};
    snprintf(t->outcome, sizeof t->outcome, "%s", outcome ? outcome : "");
}

/* The hook: the operator decides, the log records. */
static cp_trap_action hook(void *ctx, const cp_trap_event *ev)
{
    panel *p = ctx;
    cp_trap_action a = p->chain ? p->chain(p->chain_ctx, ev) : CP_TRAP_CONTINUE;
    if (ev->phase == CP_TRAP_AFTER)
        log_event(p, ev, ev->outcome);
    else if (a == CP_TRAP_STOP)
        log_event(p, ev, "BREAK TRAP");
    return a;
}

/* Chain the log's hook before the one installed now (the operator's). */
void panel_trap_install(panel *p)
{
    p->chain = cp_get_trap_hook(p->c, &p->chain_ctx);
    cp_set_trap_hook(p->c, hook, p);
}

/* Put the operator's hook back. */
void panel_trap_remove(panel *p)
{
    cp_set_trap_hook(p->c, p->chain, p->chain_ctx);
}

/* One line of the log: VM, what CP did, the instruction. */
void panel_trap_format(panel *p, const panel_trap *t, char *buf, size_t n)
{
    static const char *const kinds[] = {
        [CP_TRAP_EMULATE] = "emulate", [CP_TRAP_REFLECT] = "reflect", [CP_TRAP_SHADOW] = "shadow",
    };
    char text[96] = "";
    if (t->has_insn)
        cp_operator_disassemble(&p->op, t->vm, t->insn_word, t->insn_addr, text, sizeof text);
    int len = snprintf(buf, n, "%-8s %-7s %-7s %04x ", cp_vm_name(t->vm),
                       (unsigned)t->kind < 3 ? kinds[t->kind] : "?", class_name(t->cls),
                       (unsigned)t->code);
    if (len < 0 || (size_t)len >= n)
        return;
    if (t->has_insn)
        len += snprintf(buf + len, n - (size_t)len, "%08x %-18s ", (unsigned)t->insn_addr, text);
    if (len >= 0 && (size_t)len < n)
        snprintf(buf + len, n - (size_t)len, "%s", t->outcome);
}
