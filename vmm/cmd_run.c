/*
 * cmd_run.c -- the commands that let VMs go: STOP, BEGIN, STEP, and in
 * batch mode RUN (the VMs advance only while a command lets them) and SEND
 * (a line typed into a VM's console).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "console.h"
#include "cp_priv.h"
#include "operator.h"

#define RUN_DEFAULT 1000000000ull   /* RUN without a count: real cycles at most */
#define STEP_MAX 10000u

/* Refuse a VM that has nothing to run. */
static int need_runnable(cp_cmd *x, cp_vm *vm)
{
    cp_vm_state s = cp_vm_get_state(vm);
    if (s == CP_VM_READY || s == CP_VM_STOPPED || s == CP_VM_BLOCKED)
        return CP_RC_OK;
    return cp_cmd_error(x, CP_RC_NOT_NOW, "%s has nothing to run (%s)", vm->name,
                        cp_vm_state_name(s));
}

/* STOP [vm] */
int cp_cmd_stop(cp_cmd *x)
{
    int rc = cp_cmd_need_op(x);
    cp_vm *vm = rc ? NULL : cp_cmd_last_vm(x, &rc);
    if (!vm)
        return rc;
    cp_vm_state s = cp_vm_get_state(vm);
    if (s == CP_VM_STOPPED)
        return cp_cmd_error(x, CP_RC_NOT_NOW, "%s is already stopped", vm->name);
    if ((rc = need_runnable(x, vm)))
        return rc;
    cp_vm_stop(vm);
    cp_out_printf(x->out, "%s STOPPED\n", vm->name);
    return CP_RC_OK;
}

/* BEGIN [addr] [vm]: resume (at addr); in batch mode the VMs run as RUN. */
int cp_cmd_begin(cp_cmd *x)
{
    int rc = cp_cmd_need_op(x);
    if (rc)
        return rc;
    char w[CP_WORD_MAX], name[CP_WORD_MAX];
    uint32_t addr = 0;
    bool at = false, named = false;
    const char *save = x->p;
    if (cp_cmd_word(x, w, true)) {
        /* a lone operand that names a VM is the VM, even if it is hex */
        const char *after = x->p;
        bool lone = !cp_cmd_word(x, name, true);
        x->p = after;
        at = cp_parse_hex(w, &addr) && !(lone && cp_vm_find(x->c, w));
        if (!at)
            x->p = save;
    }
    named = cp_cmd_word(x, name, true);
    if ((rc = cp_cmd_end(x)))
        return rc;
    cp_vm *vm = cp_cmd_target(x, named ? name : NULL, &rc);
    if (!vm || (rc = need_runnable(x, vm)))
        return rc;
    if (at && addr % 4)
        return cp_cmd_error(x, CP_RC_OPERAND, "address %08x is not a multiple of 4",
                            (unsigned)addr);
    if (at && !cp_vm_set_psw(vm, (pg_psw){cp_vm_get_psw(vm).flags, addr}))
        return cp_cmd_error(x, CP_RC_NOT_NOW, "cannot set %s's PSW", vm->name);
    if (cp_vm_get_state(vm) == CP_VM_STOPPED)
        cp_vm_wake(vm);
    cp_out_printf(x->out, "%s BEGINS AT %08x\n", vm->name, (unsigned)cp_vm_get_psw(vm).addr);
    if (x->op->batch)
        cp_operator_run(x->op, x->out, RUN_DEFAULT);
    return CP_RC_OK;
}

/* STEP [n] [vm]: one instruction at a time, each with the registers it changed. */
int cp_cmd_step(cp_cmd *x)
{
    int rc = cp_cmd_need_op(x);
    if (rc)
        return rc;
    char w[CP_WORD_MAX], name[CP_WORD_MAX];
    uint64_t n = 1;
    bool named = false;
    const char *save = x->p;
    if (cp_cmd_word(x, w, true)) {
        if (strspn(w, "0123456789") == strlen(w)) {
            if (!cp_parse_count(w, STEP_MAX, &n))
                return cp_cmd_error(x, CP_RC_OPERAND, "bad count %s (1 to %u)", w, STEP_MAX);
        } else {
            x->p = save;
        }
    }
    named = cp_cmd_word(x, name, true);
    if ((rc = cp_cmd_end(x)))
        return rc;
    cp_vm *vm = cp_cmd_target(x, named ? name : NULL, &rc);
    if (!vm)
        return rc;
    cp_vm_state s = cp_vm_get_state(vm);
    if (s != CP_VM_READY && s != CP_VM_STOPPED)
        return cp_cmd_error(x, CP_RC_NOT_NOW, "%s is %s", vm->name, cp_vm_state_name(s));
    for (uint64_t i = 0; i < n; i++) {
        uint32_t before[16];
        for (unsigned r = 0; r < 16; r++)
            before[r] = cp_vm_get_gpr(vm, r);
        uint32_t at = cp_vm_get_psw(vm).addr;
        char text[128];
        cp_operator_insn_at(x->op, vm, at, text, sizeof text);
        if (!cp_vm_step(vm)) {
            cp_out_printf(x->out, "%s cannot step: %s\n", vm->name,
                          cp_vm_state_name(cp_vm_get_state(vm)));
            break;
        }
        pg_psw p = cp_vm_get_psw(vm);
        cp_out_printf(x->out, "%08x  %-40s PSW %08x %08x", (unsigned)at, text, (unsigned)p.flags,
                      (unsigned)p.addr);
        for (unsigned r = 1; r < 16; r++)
            if (cp_vm_get_gpr(vm, r) != before[r])
                cp_out_printf(x->out, " G%u=%08x", r, (unsigned)cp_vm_get_gpr(vm, r));
        cp_out_printf(x->out, "\n");
        s = cp_vm_get_state(vm);
        if (s != CP_VM_STOPPED || cp_vm_stop_reason(vm) != CP_STOP_STEP) {
            cp_out_printf(x->out, "%s: %s\n", vm->name, cp_vm_state_name(s));
            break;
        }
    }
    return CP_RC_OK;
}

/* RUN [cycles]: batch mode only. */
int cp_cmd_run(cp_cmd *x)
{
    int rc = cp_cmd_need_op(x);
    if (rc)
        return rc;
    if (!x->op->batch)
        return cp_cmd_error(x, CP_RC_NOT_NOW, "only in batch mode (the VMs run by themselves)");
    char w[CP_WORD_MAX];
    uint64_t n = RUN_DEFAULT;
    if (cp_cmd_word(x, w, true) && !cp_parse_count(w, UINT64_MAX / 2, &n))
        return cp_cmd_error(x, CP_RC_OPERAND, "bad cycle count %s", w);
    if ((rc = cp_cmd_end(x)))
        return rc;
    cp_operator_run(x->op, x->out, n);
    return CP_RC_OK;
}

/* SEND vm line: the line (as typed, case kept) into the VM's console input. */
int cp_cmd_send(cp_cmd *x)
{
    int rc = cp_cmd_need_op(x);
    if (rc)
        return rc;
    if (!x->op->batch)
        return cp_cmd_error(x, CP_RC_NOT_NOW, "only in batch mode (type in the VM's window)");
    char name[CP_WORD_MAX];
    if (!cp_cmd_word(x, name, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing VM name and line");
    cp_vm *vm = cp_vm_find(x->c, name);
    if (!vm)
        return cp_cmd_error(x, CP_RC_NOT_FOUND, "no VM named %s", name);
    while (*x->p == ' ' || *x->p == '\t')
        x->p++;
    size_t len = strlen(x->p);
    while (len && (x->p[len - 1] == '\n' || x->p[len - 1] == '\r'))
        len--;
    if (!vm->dev.console)
        return cp_cmd_error(x, CP_RC_NOT_NOW, "%s's console is not CP's", vm->name);
    if (!cp_console_queue_line(vm->dev.console, x->p, len))
        return cp_cmd_error(x, CP_RC_NOT_NOW, "%s's console takes no typed input", vm->name);
    x->p += strlen(x->p);
    return CP_RC_OK;
}
