/*
 * cmd_display.c -- DISPLAY: a VM's PSW, general registers, control
 * registers, guest real storage (hex and characters) and instructions
 * (disassembled).  The VM never runs while a command does.
 */
#include <ctype.h>
#include <string.h>

#include "command.h"
#include "cp_priv.h"
#include "operator.h"

#define DISPLAY_MAX 0x10000u        /* bytes of storage one DISPLAY shows at most */
#define DISPLAY_INSNS 256u          /* instructions */

/* The PSW's flags spelled out. */
static void psw_flags(cp_out *o, uint32_t f)
{
    cp_out_printf(o, " (%s%s%s%s%s)", f & PG_PSW_S ? "S" : "P", f & PG_PSW_W ? " W" : "",
                  f & PG_PSW_T ? " T" : "", f & PG_PSW_I ? " I" : "", f & PG_PSW_E ? " E" : "");
}

/* DISPLAY PSW */
static void show_psw(cp_cmd *x, cp_vm *vm)
{
    pg_psw p = cp_vm_get_psw(vm);
    cp_out_printf(x->out, "PSW %08x %08x", (unsigned)p.flags, (unsigned)p.addr);
    psw_flags(x->out, p.flags);
    cp_out_printf(x->out, " %s\n", cp_vm_state_name(cp_vm_get_state(vm)));
}

/* Registers four to a line: "G0  xxxxxxxx ..." (prefix G or CR). */
static void show_regs(cp_cmd *x, cp_vm *vm, bool cr, int one)
{
    const char *pfx = cr ? "CR" : "G";
    for (int i = 0; i < 16; i++) {
        if (one >= 0 && i != one)
            continue;
        uint32_t v = cr ? cp_vm_get_cr(vm, (unsigned)i) : cp_vm_get_gpr(vm, (unsigned)i);
        cp_out_printf(x->out, "%s%-2d %08x%s", pfx, i, (unsigned)v,
                      one >= 0 || i % 4 == 3 ? "\n" : "  ");
    }
}

/* addr, addr.len or addr-end (hex): the first address and a length. */
static bool parse_range(const char *w, uint32_t dflt, uint32_t *addr, uint32_t *len)
{
    char a[CP_WORD_MAX];
    size_t k = strcspn(w, ".-");
    memcpy(a, w, k);
    a[k] = '\0';
    if (!cp_parse_hex(a, addr))
        return false;
    if (!w[k]) {
        *len = dflt;
        return true;
    }
    uint32_t v;
    if (!cp_parse_hex(w + k + 1, &v))
        return false;
    if (w[k] == '.') {
        *len = v;
        return v > 0;
    }
    if (v < *addr)
        return false;
    *len = v - *addr + 1;
    return true;
}

/* Storage from addr, 16 bytes a line, with the printable characters. */
static void dump(cp_cmd *x, cp_vm *vm, uint32_t addr, uint32_t len)
{
    uint8_t b[16];
    for (uint32_t off = 0; off < len; off += 16) {
        uint32_t n = len - off < 16 ? len - off : 16;
        vm->storage.read(vm, addr + off, b, n);
        cp_out_printf(x->out, "%08x  ", (unsigned)(addr + off));
        char hex[48] = "", chars[17];
        size_t h = 0;
        for (uint32_t i = 0; i < 16; i++) {
            if (i && i % 4 == 0)
                hex[h++] = ' ';
            if (i < n)
                h += (size_t)snprintf(hex + h, sizeof hex - h, "%02x", b[i]);
            else
                h += (size_t)snprintf(hex + h, sizeof hex - h, "  ");
            chars[i] = i < n ? (isprint(b[i]) ? (char)b[i] : '.') : ' ';
        }
        chars[16] = '\0';
        cp_out_printf(x->out, "%s  *%s*\n", hex, chars);
    }
}

/* DISPLAY STORAGE addr[.len|-end] or I addr[.n]: check, then show. */
static int show_storage(cp_cmd *x, bool insns)
{
    char w[CP_WORD_MAX];
    uint32_t addr, len;
    if (!cp_cmd_word(x, w, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing address");
    if (!parse_range(w, insns ? 1 : 16, &addr, &len))
        return cp_cmd_error(x, CP_RC_OPERAND, "bad address or range %s (hex addr, addr.len "
                            "or addr-end)", w);
    int rc = CP_RC_OK;
    cp_vm *vm = cp_cmd_last_vm(x, &rc);
    if (!vm)
        return rc;
    uint64_t bytes = insns ? (uint64_t)len * 4 : len;
    if (insns && addr % 4)
        return cp_cmd_error(x, CP_RC_OPERAND, "instruction address %08x is not a multiple of 4",
                            (unsigned)addr);
    if (insns ? len > DISPLAY_INSNS : len > DISPLAY_MAX)
        return cp_cmd_error(x, CP_RC_OPERAND, "at most %u %s at a time",
                            insns ? DISPLAY_INSNS : DISPLAY_MAX, insns ? "instructions" : "bytes");
    if (addr >= vm->mem_size || bytes > vm->mem_size - addr)
        return cp_cmd_error(x, CP_RC_OPERAND, "%08x.%x is beyond %s's storage (%08x bytes)",
                            (unsigned)addr, (unsigned)len, vm->name, (unsigned)vm->mem_size);
    if (!insns) {
        dump(x, vm, addr, len);
        return CP_RC_OK;
    }
    for (uint32_t i = 0; i < len; i++) {
        uint32_t a = addr + 4 * i, word = cp_vm_read32(vm, a);
        char text[96], label[CP_WORD_MAX + 1] = "";
        cp_operator_disassemble(x->op, vm, word, a, text, sizeof text);
        cp_op_vm *r = x->op ? cp_operator_vm(x->op, vm) : NULL;
        uint32_t off = 1;
        const char *name = r && r->syms ? pg_symtab_lookup(r->syms, a, &off) : NULL;
        if (name && off == 0)
            snprintf(label, sizeof label, "%.*s:", CP_WORD_MAX - 1, name);
        cp_out_printf(x->out, "%08x  %08x  %-10s %s\n", (unsigned)a, (unsigned)word, label,
                      text);
    }
    return CP_RC_OK;
}

/* DISPLAY PSW|G[reg]|CR|STORAGE addr[.len|-end]|I addr[.n] [vm] */
int cp_cmd_display(cp_cmd *x)
{
    char w[CP_WORD_MAX];
    if (!cp_cmd_word(x, w, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing operand: PSW, G, CR, STORAGE or I");
    if (cp_keyword(w, "STORAGE", 1))
        return show_storage(x, false);
    if (strcmp(w, "I") == 0)
        return show_storage(x, true);
    int one = -1;
    enum { PSW, GPR, CR } what;
    if (cp_keyword(w, "PSW", 3))
        what = PSW;
    else if (strcmp(w, "CR") == 0)
        what = CR;
    else if (w[0] == 'G') {
        what = GPR;
        uint64_t n = 0;
        if (w[1] && (!cp_parse_count(w + 1, 16, &n) || n > 15) && strcmp(w + 1, "0") != 0)
            return cp_cmd_error(x, CP_RC_OPERAND, "bad register %s (G0 to G15)", w);
        if (w[1])
            one = (int)n;
    } else {
        return cp_cmd_error(x, CP_RC_OPERAND, "unknown operand %s", w);
    }
    int rc = CP_RC_OK;
    cp_vm *vm = cp_cmd_last_vm(x, &rc);
    if (!vm)
        return rc;
    if (what == PSW)
        show_psw(x, vm);
    else
        show_regs(x, vm, what == CR, one);
    return CP_RC_OK;
}
