/*
 * cmd_query.c -- QUERY: NAMES (every VM and its state), TIME (virtual and
 * real time), READER (the files in a reader).  Each operand is a row of its
 * own table, like the commands themselves.
 */
#include <inttypes.h>
#include <string.h>

#include "command.h"
#include "cp_priv.h"

/* QUERY NAMES: one line a VM, in logon order. */
static int query_names(cp_cmd *x)
{
    int rc = cp_cmd_end(x);
    if (rc)
        return rc;
    int n = cp_vm_count(x->c);
    for (int i = 0; i < n; i++) {
        cp_vm *vm = cp_vm_at(x->c, i);
        cp_out_printf(x->out, "%-8s %s\n", cp_vm_name(vm), cp_vm_state_name(cp_vm_get_state(vm)));
    }
    return CP_RC_OK;
}

/* QUERY TIME: the issuer's virtual time (a VM only) and CP's real time. */
static int query_time(cp_cmd *x)
{
    int rc = cp_cmd_end(x);
    if (rc)
        return rc;
    if (x->issuer)
        cp_out_printf(x->out, "VIRTUAL TIME %" PRIu64 " CYCLES\n", cp_vm_now(x->issuer));
    cp_out_printf(x->out, "REAL TIME %" PRIu64 " CYCLES\n", cp_real_time(x->c));
    return CP_RC_OK;
}

/* QUERY READER [vm]: the reader's files in the order they will be read;
   another VM's reader is the operator's business. */
static int query_reader(cp_cmd *x)
{
    char w[CP_WORD_MAX];
    cp_vm *vm = x->issuer;
    if (cp_cmd_word(x, w, true)) {
        vm = cp_vm_find(x->c, w);
        if (!vm)
            return cp_cmd_error(x, CP_RC_NOT_FOUND, "no VM named %s", w);
        if (x->issuer && vm != x->issuer)
            return cp_cmd_error(x, CP_RC_NOT_AUTHORIZED,
                                "only the operator may query another VM's reader");
    }
    int rc = cp_cmd_end(x);
    if (rc)
        return rc;
    if (!vm)
        return cp_cmd_error(x, CP_RC_OPERAND, "READER needs a VM name from the operator");
    if (!vm->dev.reader)
        return cp_cmd_error(x, CP_RC_NOT_NOW, "%s has no spool reader", vm->name);
    const cp_spool_file *f = cp_spool_first(vm);
    if (!f) {
        cp_out_printf(x->out, "NO READER FILES\n");
        return CP_RC_OK;
    }
    cp_out_printf(x->out, "ID   ORIGIN   NAME     TYPE     CARDS\n");
    for (; f; f = cp_spool_next(vm, f))
        cp_out_printf(x->out, "%04u %-8s %-8s %-8s %5u\n", (unsigned)f->id, f->origin,
                      f->name, f->type, (unsigned)f->ncards);
    return CP_RC_OK;
}

/* QUERY's operands. */
static const struct {
    const char *name;
    unsigned abbrev;
    const char *alias;
    int (*fn)(cp_cmd *x);
} operands[] = {
    {.name = "NAMES", .abbrev = 1, .fn = query_names},
    {.name = "READER", .abbrev = 1, .alias = "RDR", .fn = query_reader},
    {.name = "TIME", .abbrev = 1, .fn = query_time},
};

/* QUERY operand ...: the operand's row runs. */
int cp_cmd_query(cp_cmd *x)
{
    char w[CP_WORD_MAX];
    if (!cp_cmd_word(x, w, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing operand: NAMES, TIME or READER");
    for (size_t i = 0; i < sizeof operands / sizeof operands[0]; i++)
        if (cp_keyword(w, operands[i].name, operands[i].abbrev)
            || (operands[i].alias && strcmp(w, operands[i].alias) == 0))
            return operands[i].fn(x);
    return cp_cmd_error(x, CP_RC_OPERAND, "unknown operand %s", w);
}
