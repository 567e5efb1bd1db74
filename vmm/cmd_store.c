/*
 * cmd_store.c -- STORE: a general register, a word of guest real storage,
 * or the PSW of a VM, all in hex.  Every operand is checked before anything
 * changes.
 */
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "cp_priv.h"

/* The next operand as hex, or an error naming what it should be. */
static int hex_operand(cp_cmd *x, const char *what, uint32_t *v)
{
    char w[CP_WORD_MAX];
    if (!cp_cmd_word(x, w, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing %s", what);
    if (!cp_parse_hex(w, v))
        return cp_cmd_error(x, CP_RC_OPERAND, "bad %s %s (1-8 hex digits)", what, w);
    return CP_RC_OK;
}

/* The register of "G reg" or "Gn": 1..15 (r0 is always zero). */
static int reg_operand(cp_cmd *x, const char *w, unsigned *reg)
{
    char r[CP_WORD_MAX];
    const char *digits = w + 1;
    if (!w[1]) {
        if (!cp_cmd_word(x, r, true))
            return cp_cmd_error(x, CP_RC_OPERAND, "missing register number");
        digits = r;
    }
    size_t n = strlen(digits);
    if (n == 0 || n > 2 || strspn(digits, "0123456789") != n || (unsigned)atoi(digits) > 15)
        return cp_cmd_error(x, CP_RC_OPERAND, "bad register %s (0 to 15)", digits);
    *reg = (unsigned)atoi(digits);
    if (*reg == 0)
        return cp_cmd_error(x, CP_RC_OPERAND, "register 0 is always zero");
    return CP_RC_OK;
}

/* STORE G reg value|STORAGE addr value|PSW flags addr [vm] */
int cp_cmd_store(cp_cmd *x)
{
    char w[CP_WORD_MAX];
    if (!cp_cmd_word(x, w, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing operand: G, STORAGE or PSW");
    int rc = CP_RC_OK;
    uint32_t a = 0, v = 0;
    unsigned reg = 0;
    enum { GPR, STORAGE, PSW } what;
    if (cp_keyword(w, "PSW", 3)) {
        what = PSW;
        if ((rc = hex_operand(x, "PSW flags", &a)) || (rc = hex_operand(x, "PSW address", &v)))
            return rc;
        if (a & ~(uint32_t)PG_PSW_VALID)
            return cp_cmd_error(x, CP_RC_OPERAND, "PSW flags %08x set reserved bits (valid: %02x)",
                                (unsigned)a, (unsigned)PG_PSW_VALID);
    } else if (cp_keyword(w, "STORAGE", 1)) {
        what = STORAGE;
        if ((rc = hex_operand(x, "address", &a)) || (rc = hex_operand(x, "value", &v)))
            return rc;
        if (a % 4)
            return cp_cmd_error(x, CP_RC_OPERAND, "address %08x is not a multiple of 4",
                                (unsigned)a);
    } else if (w[0] == 'G' && (!w[1] || strspn(w + 1, "0123456789") == strlen(w + 1))) {
        what = GPR;
        if ((rc = reg_operand(x, w, &reg)) || (rc = hex_operand(x, "value", &v)))
            return rc;
    } else {
        return cp_cmd_error(x, CP_RC_OPERAND, "unknown operand %s", w);
    }
    cp_vm *vm = cp_cmd_last_vm(x, &rc);
    if (!vm)
        return rc;
    switch (what) {
    case PSW:
        if (!cp_vm_set_psw(vm, (pg_psw){a, v}))
            return cp_cmd_error(x, CP_RC_OPERAND, "PSW %08x %08x refused", (unsigned)a,
                                (unsigned)v);
        cp_out_printf(x->out, "PSW %08x %08x STORED\n", (unsigned)a, (unsigned)v);
        break;
    case STORAGE:
        if (a > vm->mem_size - 4)
            return cp_cmd_error(x, CP_RC_OPERAND, "address %08x is beyond %s's storage "
                                "(%08x bytes)", (unsigned)a, vm->name, (unsigned)vm->mem_size);
        cp_vm_write32(vm, a, v);
        cp_out_printf(x->out, "STORAGE %08x %08x STORED\n", (unsigned)a, (unsigned)v);
        break;
    case GPR:
        cp_vm_set_gpr(vm, reg, v);
        cp_out_printf(x->out, "G%u %08x STORED\n", reg, (unsigned)v);
        break;
    }
    return CP_RC_OK;
}
