/*
 * cmd_trace.c -- TRACE (print the traps of a VM as CP handles them, or
 * every instruction) and BREAK (stop a VM at an instruction address, or
 * when CP is entered for a class of trap or an instruction, before CP
 * handles it).  The printing and stopping are operator.c's trap hook.
 */
#include <string.h>
#include <strings.h>

#include "command.h"
#include "cp_priv.h"
#include "operator.h"

/* A trap class keyword, or 0. */
static unsigned class_word(const char *w)
{
    static const struct {
        const char *name;
        unsigned abbrev, bit;
    } classes[] = {
        {"SVC", 3, CP_TC_SVC}, {"PROGRAM", 3, CP_TC_PROGRAM}, {"EXTERNAL", 3, CP_TC_EXTERNAL},
        {"IO", 2, CP_TC_IO}, {"PRIV", 4, CP_TC_PRIV}, {"INSTRUCT", 4, CP_TC_INSTRUCT},
        {"ALL", 3, CP_TC_TRAPS},
    };
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (cp_keyword(w, classes[i].name, classes[i].abbrev))
            return classes[i].bit;
    return 0;
}

/* The classes of a mask, for messages. */
static void class_names(cp_out *o, unsigned mask)
{
    static const char *const names[] = {"SVC", "PROGRAM", "EXTERNAL", "IO", "PRIV", "INSTRUCT"};
    for (unsigned i = 0; i < 6; i++)
        if (mask & (1u << i))
            cp_out_printf(o, " %s", names[i]);
}

/* TRACE class... [vm] | TRACE END [vm] */
int cp_cmd_trace(cp_cmd *x)
{
    int rc = cp_cmd_need_op(x);
    if (rc)
        return rc;
    char w[CP_WORD_MAX], name[CP_WORD_MAX];
    unsigned mask = 0;
    bool end = false, named = false;
    while (cp_cmd_word(x, w, true)) {
        unsigned bit = class_word(w);
        if (named)
            return cp_cmd_error(x, CP_RC_OPERAND, "unexpected operand %s", w);
        if (cp_keyword(w, "END", 3))
            end = true;
        else if (bit)
            mask |= bit;
        else if (!mask && !end)
            return cp_cmd_error(x, CP_RC_OPERAND, "unknown class %s", w);
        else {
            named = true;
            memcpy(name, w, sizeof name);
        }
    }
    if (!mask && !end)
        return cp_cmd_error(x, CP_RC_OPERAND, "missing class: SVC, PROGRAM, EXTERNAL, IO, "
                            "PRIV, INSTRUCT, ALL or END");
    if (mask && end)
        return cp_cmd_error(x, CP_RC_OPERAND, "END goes alone");
    cp_vm *vm = cp_cmd_target(x, named ? name : NULL, &rc);
    if (!vm)
        return rc;
    cp_op_vm *r = cp_operator_vm(x->op, vm);
    if (!r)
        return cp_cmd_error(x, CP_RC_NO_MEMORY, "out of memory");
    if (end) {
        r->trace = 0;
        cp_out_printf(x->out, "TRACE ENDED FOR %s\n", vm->name);
        return CP_RC_OK;
    }
    r->trace |= mask;
    cp_out_printf(x->out, "TRACING %s:", vm->name);
    class_names(x->out, r->trace);
    cp_out_printf(x->out, "\n");
    return CP_RC_OK;
}

/* BREAK LIST: addresses, trap classes and instructions of a VM. */
static void break_list(cp_cmd *x, cp_vm *vm, const cp_op_vm *r)
{
    uint32_t addrs[CP_MAX_BREAKS];
    int n = cp_vm_break_list(vm, addrs, CP_MAX_BREAKS);
    for (int i = 0; i < n; i++)
        cp_out_printf(x->out, "BREAK %08x %s\n", (unsigned)addrs[i], vm->name);
    if (r->break_classes) {
        cp_out_printf(x->out, "BREAK TRAP");
        class_names(x->out, r->break_classes);
        cp_out_printf(x->out, " %s\n", vm->name);
    }
    bool ops = false;
    for (int op = 0; op < PG_OP_COUNT; op++)
        if (r->break_ops[op]) {
            cp_out_printf(x->out, "BREAK TRAP %s %s\n", pg_insns[op].mnemonic, vm->name);
            ops = true;
        }
    if (!n && !r->break_classes && !ops)
        cp_out_printf(x->out, "NO BREAKPOINTS FOR %s\n", vm->name);
}

/* BREAK TRAP class|mnemonic [vm]: the operands checked, then set. */
static int break_trap(cp_cmd *x)
{
    char w[CP_WORD_MAX], name[CP_WORD_MAX];
    if (!cp_cmd_word(x, w, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing trap class or instruction mnemonic");
    unsigned bit = class_word(w);
    int op = bit ? -1 : pg_op_for_mnemonic(w, strlen(w));
    if (bit == CP_TC_INSTRUCT || (!bit && op < 0))
        return cp_cmd_error(x, CP_RC_OPERAND, "%s is neither a trap class (SVC PROGRAM EXTERNAL "
                            "IO PRIV ALL) nor an instruction", w);
    bool named = cp_cmd_word(x, name, true);
    int rc = cp_cmd_end(x);
    if (rc)
        return rc;
    cp_vm *vm = cp_cmd_target(x, named ? name : NULL, &rc);
    if (!vm)
        return rc;
    cp_op_vm *r = cp_operator_vm(x->op, vm);
    if (!r)
        return cp_cmd_error(x, CP_RC_NO_MEMORY, "out of memory");
    if (bit)
        r->break_classes |= bit;
    else
        r->break_ops[op] = true;
    cp_out_printf(x->out, "BREAK TRAP %s SET FOR %s\n", bit ? w : pg_insns[op].mnemonic,
                  vm->name);
    return CP_RC_OK;
}

/* BREAK's address operand: a label of the VM's image, else hex. */
static int break_address(cp_cmd *x, cp_vm *vm, const char *w, uint32_t *addr)
{
    cp_op_vm *r = cp_operator_vm(x->op, vm);
    if (!(r && pg_symtab_find(r->syms, w, addr)) && !cp_parse_hex(w, addr))
        return cp_cmd_error(x, CP_RC_OPERAND, "bad address %s (hex or a label; or TRAP, LIST, "
                            "CLEAR)", w);
    if (*addr % 4)
        return cp_cmd_error(x, CP_RC_OPERAND, "address %08x is not a multiple of 4",
                            (unsigned)*addr);
    return CP_RC_OK;
}

/* BREAK addr|label|TRAP class|mnemonic|LIST|CLEAR [vm] */
int cp_cmd_break(cp_cmd *x)
{
    int rc = cp_cmd_need_op(x);
    if (rc)
        return rc;
    char w[CP_WORD_MAX], name[CP_WORD_MAX];
    if (!cp_cmd_word(x, w, false))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing address, TRAP, LIST or CLEAR");
    if (strcasecmp(w, "TRAP") == 0)
        return break_trap(x);
    bool list = strcasecmp(w, "LIST") == 0, clear = strcasecmp(w, "CLEAR") == 0;
    bool named = cp_cmd_word(x, name, true);
    if ((rc = cp_cmd_end(x)))
        return rc;
    cp_vm *vm = cp_cmd_target(x, named ? name : NULL, &rc);
    if (!vm)
        return rc;
    cp_op_vm *r = cp_operator_vm(x->op, vm);
    if (!r)
        return cp_cmd_error(x, CP_RC_NO_MEMORY, "out of memory");
    uint32_t addr = 0;
    if (!list && !clear && (rc = break_address(x, vm, w, &addr)))
        return rc;
    if (list) {
        break_list(x, vm, r);
    } else if (clear) {
        cp_vm_break_clear(vm);
        r->break_classes = 0;
        memset(r->break_ops, 0, sizeof r->break_ops);
        cp_out_printf(x->out, "BREAKPOINTS CLEARED FOR %s\n", vm->name);
    } else {
        if (!cp_vm_break_add(vm, addr))
            return cp_cmd_error(x, CP_RC_NOT_NOW, "%s already has a breakpoint at %08x, or "
                                "%d of them", vm->name, (unsigned)addr, CP_MAX_BREAKS);
        cp_out_printf(x->out, "BREAK %08x SET FOR %s\n", (unsigned)addr, vm->name);
    }
    return CP_RC_OK;
}
