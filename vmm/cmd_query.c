/*
 * cmd_query.c -- QUERY: NAMES (every VM and its state), VM (one VM), TIME
 * (virtual and real time), DASD (minidisks), READER (the files in a reader),
 * STATS (what CP did for a VM).  Each operand is a row of its
 * own table, like the commands themselves.
 */
#include <inttypes.h>
#include <string.h>

#include "command.h"
#include "cp_priv.h"
#include "operator.h"

/* QUERY NAMES: one line a VM, in logon order. */
static int query_names(cp_cmd *x)
{
    int rc = cp_cmd_end(x);
    if (rc)
        return rc;
    int n = cp_vm_count(x->c);
    if (n == 0)
        cp_out_printf(x->out, "NO VMS LOGGED ON\n");
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

/* The VM a QUERY is about: named (the operator, or a VM itself), else the
   issuer or the operator's selection.  NULL after an error. */
static cp_vm *query_vm(cp_cmd *x, int *rc)
{
    char w[CP_WORD_MAX];
    bool named = cp_cmd_word(x, w, true);
    if ((*rc = cp_cmd_end(x)))
        return NULL;
    cp_vm *vm = cp_cmd_target(x, named ? w : NULL, rc);
    if (vm && x->issuer && vm != x->issuer) {
        *rc = cp_cmd_error(x, CP_RC_NOT_AUTHORIZED, "only the operator may query another VM");
        return NULL;
    }
    return vm;
}

/* QUERY VM [name]: state, PSW, storage, instructions, traps. */
static int query_vm_info(cp_cmd *x)
{
    int rc = CP_RC_OK;
    cp_vm *vm = query_vm(x, &rc);
    if (!vm)
        return rc;
    pg_psw p = cp_vm_get_psw(vm);
    const cp_vm_stats *s = cp_vm_get_stats(vm);
    cp_out_printf(x->out, "%s %s, PSW %08x %08x, STORAGE %uK\n", vm->name,
                  cp_vm_state_name(cp_vm_get_state(vm)), (unsigned)p.flags, (unsigned)p.addr,
                  (unsigned)(cp_vm_mem_size(vm) / 1024));
    cp_out_printf(x->out, "INSTRUCTIONS %" PRIu64 " DIRECT, %" PRIu64 " EMULATED; "
                  "VIRTUAL TIME %" PRIu64 " CYCLES\n", s->direct, s->emulated, cp_vm_now(vm));
    return CP_RC_OK;
}

/* QUERY DASD [vm]: the VM's minidisks. */
static int query_dasd(cp_cmd *x)
{
    int rc = CP_RC_OK;
    cp_vm *vm = query_vm(x, &rc);
    if (!vm)
        return rc;
    if (vm->dev.nminidisks == 0) {
        cp_out_printf(x->out, "%s HAS NO MINIDISKS\n", vm->name);
        return CP_RC_OK;
    }
    for (int i = 0; i < vm->dev.nminidisks; i++) {
        const cp_minidisk *m = &vm->dev.minidisks[i];
        cp_out_printf(x->out, "DASD %03X %s %u BLOCKS FROM %" PRIu64 " OF %s\n",
                      (unsigned)m->devno, m->read_only ? "R/O" : "R/W", (unsigned)m->blocks,
                      m->first_block, m->path);
    }
    return CP_RC_OK;
}

/* QUERY STATS [vm]: what CP did for the VM. */
static int query_stats(cp_cmd *x)
{
    int rc = CP_RC_OK;
    cp_vm *vm = query_vm(x, &rc);
    if (!vm)
        return rc;
    const cp_vm_stats *s = cp_vm_get_stats(vm);
    static const char *const cls[] = {"EXTERNAL", "SVC", "PROGRAM", "MACHINE", "IO"};
    cp_out_printf(x->out, "%s DIRECT %" PRIu64 " EMULATED %" PRIu64 " HIDDEN FAULTS %" PRIu64
                  " I/O %" PRIu64 " DIAGNOSE %" PRIu64 "\n", vm->name, s->direct, s->emulated,
                  s->hidden_faults, s->io_ops, s->diag);
    cp_out_printf(x->out, "REFLECTED");
    for (int i = 0; i < PG_INT_CLASSES; i++)
        cp_out_printf(x->out, " %s %" PRIu64, cls[i], s->reflected[i]);
    cp_out_printf(x->out, "\nEMULATED");
    bool any = false;
    for (int op = 0; op < PG_OP_COUNT; op++)
        if (s->by_op[op]) {
            cp_out_printf(x->out, " %s %" PRIu64, pg_insns[op].mnemonic, s->by_op[op]);
            any = true;
        }
    cp_out_printf(x->out, "%s\n", any ? "" : " NONE");
    return CP_RC_OK;
}

/* QUERY's operands. */
static const struct {
    const char *name;
    unsigned abbrev;
    const char *alias;
    int (*fn)(cp_cmd *x);
} operands[] = {
    {.name = "DASD", .abbrev = 1, .fn = query_dasd},
    {.name = "NAMES", .abbrev = 1, .fn = query_names},
    {.name = "READER", .abbrev = 1, .alias = "RDR", .fn = query_reader},
    {.name = "STATS", .abbrev = 2, .fn = query_stats},
    {.name = "TIME", .abbrev = 1, .fn = query_time},
    {.name = "VM", .abbrev = 1, .fn = query_vm_info},
};

/* QUERY operand ...: the operand's row runs. */
int cp_cmd_query(cp_cmd *x)
{
    char w[CP_WORD_MAX];
    if (!cp_cmd_word(x, w, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing operand: NAMES, VM, TIME, DASD, READER or STATS");
    for (size_t i = 0; i < sizeof operands / sizeof operands[0]; i++)
        if (cp_keyword(w, operands[i].name, operands[i].abbrev)
            || (operands[i].alias && strcmp(w, operands[i].alias) == 0))
            return operands[i].fn(x);
    return cp_cmd_error(x, CP_RC_OPERAND, "unknown operand %s", w);
}
