/*
 * operator.c -- the operator's console (operator.h): per-VM records, the
 * trap-event hook behind TRACE and BREAK TRAP, console output as
 * "NAME: line", and running the VMs for RUN and BEGIN.
 */
#include "operator.h"

#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "cp_priv.h"

/* The short name of an interrupt class. */
static const char *class_name(pg_int_class cls)
{
    static const char *const names[] = {
        [PG_INT_EXTERNAL] = "external", [PG_INT_SVC] = "svc", [PG_INT_PROGRAM] = "program",
        [PG_INT_MACHINE_CHECK] = "machine", [PG_INT_IO] = "io",
    };
    return (unsigned)cls < sizeof names / sizeof names[0] ? names[cls] : "?";
}

/* The CP_TC_* class of a trap event. */
static unsigned event_class(const cp_trap_event *ev)
{
    if (ev->kind == CP_TRAP_EMULATE)
        return CP_TC_PRIV;
    switch (ev->cls) {
    case PG_INT_SVC: return CP_TC_SVC;
    case PG_INT_EXTERNAL: return CP_TC_EXTERNAL;
    case PG_INT_IO: return CP_TC_IO;
    default: return CP_TC_PROGRAM;
    }
}

/* Forget a VM's labels. */
static void drop_symbols(cp_op_vm *r)
{
    if (r->syms)
        pg_symtab_free(r->syms);
    free(r->syms);
    r->syms = NULL;
}

/* The VM's labels from its image's symbol file (pgas writes it beside the
   image); none when there is no such file or it is malformed. */
void cp_operator_set_symbols(cp_operator *op, cp_vm *vm, const char *image_path)
{
    cp_op_vm *r = cp_operator_vm(op, vm);
    if (!r)
        return;
    drop_symbols(r);
    char *path = pg_symfile_path(image_path);
    pg_symtab *t = calloc(1, sizeof *t);
    char err[256];
    if (path && t && pg_symfile_read(path, t, err, sizeof err))
        r->syms = t;
    else
        free(t);
    free(path);
}

/* Disassemble with the VM's labels, if it has any. */
void cp_operator_disassemble(cp_operator *op, cp_vm *vm, uint32_t word, uint32_t addr,
                             char *buf, size_t n)
{
    cp_op_vm *r = op ? cp_operator_vm(op, vm) : NULL;
    pg_symtab *t = r ? r->syms : NULL;
    pg_disassemble(word, addr, buf, n, t ? pg_symtab_lookup : NULL, t);
}

/* One line about a trap event. */
void cp_operator_event_line(cp_operator *op, cp_out *out, const char *what,
                            const cp_trap_event *ev)
{
    static const char *const kinds[] = {
        [CP_TRAP_EMULATE] = "emulate", [CP_TRAP_REFLECT] = "reflect", [CP_TRAP_SHADOW] = "shadow",
    };
    char text[96] = "";
    if (ev->has_insn)
        cp_operator_disassemble(op, ev->vm, ev->insn_word, ev->insn_addr, text, sizeof text);
    cp_out_printf(out, "%s %s %s %s code %04x", what, cp_vm_name(ev->vm), kinds[ev->kind],
                  class_name(ev->cls), (unsigned)ev->code);
    if (ev->has_insn)
        cp_out_printf(out, " at %08x %08x %s", (unsigned)ev->insn_addr, (unsigned)ev->insn_word,
                      text);
    cp_out_printf(out, " vPSW %08x %08x rPSW %08x %08x", (unsigned)ev->vpsw.flags,
                  (unsigned)ev->vpsw.addr, (unsigned)ev->rpsw.flags, (unsigned)ev->rpsw.addr);
    if (ev->outcome)
        cp_out_printf(out, ": %s", ev->outcome);
    cp_out_printf(out, "\n");
}

/* The trap hook: BREAK TRAP before CP handles a trap, TRACE after. */
static cp_trap_action trap_hook(void *ctx, const cp_trap_event *ev)
{
    cp_operator *op = ctx;
    cp_op_vm *r = cp_operator_vm(op, ev->vm);
    if (!r)
        return CP_TRAP_CONTINUE;
    unsigned cls = event_class(ev);
    if (ev->phase == CP_TRAP_BEFORE) {
        pg_decoded d;
        bool by_op = ev->has_insn && pg_decode(ev->insn_word, &d) && r->break_ops[d.op];
        if (!(r->break_classes & cls) && !by_op)
            return CP_TRAP_CONTINUE;
        if (op->events)
            cp_operator_event_line(op, op->events, "BREAK TRAP", ev);
        return CP_TRAP_STOP;
    }
    if ((r->trace & cls) && op->events)
        cp_operator_event_line(op, op->events, "TRACE", ev);
    return CP_TRAP_CONTINUE;
}

/* Start the console: no VM selected, the hook installed. */
void cp_operator_init(cp_operator *op, cp *c, const cp_directory *dir, bool batch)
{
    *op = (cp_operator){.c = c, .dir = dir, .batch = batch};
    cp_set_trap_hook(c, trap_hook, op);
}

/* Remove the hook, free the records. */
void cp_operator_free(cp_operator *op)
{
    cp_set_trap_hook(op->c, NULL, NULL);
    for (int i = 0; i < op->nvms; i++)
        drop_symbols(&op->vms[i]);
    free(op->vms);
    op->vms = NULL;
    op->nvms = 0;
}

/* The record of vm, grown to the number of VMs. */
cp_op_vm *cp_operator_vm(cp_operator *op, const cp_vm *vm)
{
    if (vm->index >= op->nvms) {
        int n = cp_vm_count(op->c);
        if (n <= vm->index)
            n = vm->index + 1;
        cp_op_vm *p = realloc(op->vms, (size_t)n * sizeof *p);
        if (!p)
            return NULL;
        memset(p + op->nvms, 0, (size_t)(n - op->nvms) * sizeof *p);
        op->vms = p;
        op->nvms = n;
    }
    return &op->vms[vm->index];
}

/* One VM's new console output, line by line. */
static void console_news(cp_op_vm *r, cp_vm *vm, cp_out *out, bool flush)
{
    if (!vm->dev.console)
        return;
    uint64_t total = cp_console_output_total(vm->dev.console);
    if (total <= r->console_seen)
        return;
    size_t len;
    const char *ring = cp_console_output(vm->dev.console, &len);
    uint64_t fresh = total - r->console_seen;
    if (fresh > len) {              /* more than the ring kept: some was lost */
        cp_out_printf(out, "%s: (%llu bytes of output not shown)\n", vm->name,
                      (unsigned long long)(fresh - len));
        r->console_seen = total - len;
        fresh = len;
    }
    const char *p = ring + (len - fresh), *end = ring + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl && !flush)
            break;
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n && p[n - 1] == '\r')
            n--;
        cp_out_printf(out, "%s: %.*s\n", vm->name, (int)n, p);
        p = nl ? nl + 1 : end;
    }
    r->console_seen = total - (uint64_t)(end - p);
}

/* Every VM's new console lines. */
void cp_operator_console(cp_operator *op, cp_out *out, bool flush)
{
    for (int i = 0; i < cp_vm_count(op->c); i++) {
        cp_vm *vm = cp_vm_at(op->c, i);
        cp_op_vm *r = cp_operator_vm(op, vm);
        if (r)
            console_news(r, vm, out, flush);
    }
}

/* The instruction at addr (as the VM's PSW would fetch it: through its own
   translation when it has translation on), disassembled; nothing changes. */
void cp_operator_insn_at(cp_operator *op, cp_vm *vm, uint32_t addr, char *buf, size_t n)
{
    buf[0] = '\0';
    uint32_t real;
    if (addr % 4 || !cp_vm_peek_real(vm, addr, &real) || real > vm->mem_size - 4)
        return;
    uint32_t word = cp_vm_read32(vm, real);
    char text[96];
    cp_operator_disassemble(op, vm, word, addr, text, sizeof text);
    snprintf(buf, n, "%08x %s", (unsigned)word, text);
}

/* A VM's state as RUN reports it. */
static void state_line(cp_out *out, cp_vm *vm)
{
    pg_psw p = cp_vm_get_psw(vm);
    cp_vm_state s = cp_vm_get_state(vm);
    cp_out_printf(out, "%s: %s", vm->name, cp_vm_state_name(s));
    if (s == CP_VM_STOPPED) {
        static const char *const why[] = {
            [CP_STOP_OPERATOR] = "by the operator", [CP_STOP_BREAKPOINT] = "at a breakpoint",
            [CP_STOP_TRAP] = "at a trap", [CP_STOP_STEP] = "after a step",
        };
        cp_stop_reason r = cp_vm_stop_reason(vm);
        cp_out_printf(out, " %s", (unsigned)r < 4 ? why[r] : "");
    } else if (s == CP_VM_BLOCKED) {
        cp_out_printf(out, " %s", vm->block == CP_BLOCK_CONSOLE ? "for console input"
                                                                : "for an interrupt");
    }
    cp_out_printf(out, ", PSW %08x %08x\n", (unsigned)p.flags, (unsigned)p.addr);
}

/* Step the VMs one instruction each, round-robin, printing those traced with
   INSTRUCT, until budget instructions or none can go on. */
static void run_stepping(cp_operator *op, cp_out *out, uint64_t budget)
{
    uint64_t done = 0;
    while (done < budget) {
        bool any = false;
        for (int i = 0; i < cp_vm_count(op->c) && done < budget; i++) {
            cp_vm *vm = cp_vm_at(op->c, i);
            if (cp_vm_get_state(vm) != CP_VM_READY)
                continue;
            if (cp_vm_check_break(vm)) {
                any = true;         /* it stopped: RUN reports the change */
                continue;
            }
            cp_op_vm *r = cp_operator_vm(op, vm);
            char text[128];
            uint32_t at = cp_vm_get_psw(vm).addr;
            cp_operator_insn_at(op, vm, at, text, sizeof text);
            if (!cp_vm_step(vm))
                continue;
            any = true;
            done++;
            if (r && (r->trace & CP_TC_INSTRUCT))
                cp_out_printf(out, "TRACE %s %08x %s\n", vm->name, (unsigned)at, text);
            if (cp_vm_get_state(vm) == CP_VM_STOPPED && cp_vm_stop_reason(vm) == CP_STOP_STEP)
                cp_vm_wake(vm);
        }
        if (!any)
            break;
    }
}

/* Run the VMs and report those whose state changed. */
void cp_operator_run(cp_operator *op, cp_out *out, uint64_t budget)
{
    int n = cp_vm_count(op->c);
    cp_vm_state *before = malloc((size_t)(n ? n : 1) * sizeof *before);
    if (!before) {
        out->failed = true;
        return;
    }
    bool stepping = false, ready = false;
    for (int i = 0; i < n; i++) {
        cp_vm *vm = cp_vm_at(op->c, i);
        before[i] = cp_vm_get_state(vm);
        ready |= before[i] == CP_VM_READY;
        cp_op_vm *r = cp_operator_vm(op, vm);
        if (r && (r->trace & CP_TC_INSTRUCT))
            stepping = true;
    }
    if (!ready)
        cp_out_printf(out, "NO VM IS READY TO RUN\n");
    else if (stepping)
        run_stepping(op, out, budget);
    else
        cp_run(op->c, budget);
    for (int i = 0; i < n; i++) {
        cp_vm *vm = cp_vm_at(op->c, i);
        if (cp_vm_get_state(vm) != before[i])
            state_line(out, vm);
    }
    free(before);
}
