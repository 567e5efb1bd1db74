/*
 * isa.c -- decode, encode and disassemble PG32 words, all driven by pg32.def.
 */
#include "isa.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define UNPRIV false
#define PRIV true

const pg_format_info pg_formats[PG_FMT_COUNT] = {
#define PG_FMT_ROW(nm, syn, k0, f0, k1, f1, k2, f2, rsv, dest) \
    [PG_FMT_##nm] = {#nm, syn, {k0, k1, k2}, {f0, f1, f2}, rsv, dest},
    PG_FORMATS(PG_FMT_ROW)
#undef PG_FMT_ROW
};

const pg_insn_info pg_insns[PG_OP_COUNT] = {
#define PG_INSN(m, fmt, opc, priv, cyc, tk, rd, wr, sem) \
    [PG_OP_##m] = {#m, PG_FMT_##fmt, opc, priv, cyc, tk, rd, wr, sem},
#include "pg32.def"
#undef PG_INSN
};

/* opcode -> row + 1 (0: unassigned).  Two rows with one opcode are a
   duplicate designated initializer, which -Woverride-init (in -Wextra) and
   -Werror turn into a build failure; tests/unit checks it again at run time. */
static const uint8_t op_by_opcode[256] = {
#define PG_INSN(m, fmt, opc, ...) [opc] = PG_OP_##m + 1,
#include "pg32.def"
#undef PG_INSN
};

/* The row for an opcode byte, or -1. */
int pg_op_for_opcode(uint8_t opcode)
{
    return (int)op_by_opcode[opcode] - 1;
}

/* The row for a mnemonic, ignoring case, or -1. */
int pg_op_for_mnemonic(const char *name, size_t len)
{
    for (int op = 0; op < PG_OP_COUNT; op++) {
        const char *m = pg_insns[op].mnemonic;
        if (strlen(m) != len)
            continue;
        size_t i = 0;
        while (i < len && tolower((unsigned char)name[i]) == m[i])
            i++;
        if (i == len)
            return op;
    }
    return -1;
}

/* Sensitivity is derived from the control-state columns alone. */
bool pg_insn_info_sensitive(const pg_insn_info *in)
{
    return (in->reads | in->writes) != 0;
}

/* The derivation applied to a row of the table. */
bool pg_insn_sensitive(pg_op op)
{
    return pg_insn_info_sensitive(&pg_insns[op]);
}

/* Inclusive range of the value an operand kind can hold. */
void pg_opd_range(pg_opd_kind kind, int64_t *lo, int64_t *hi)
{
    switch (kind) {
    case PG_OPD_SIMM16: case PG_OPD_MEM: case PG_OPD_BR16:
        *lo = -32768; *hi = 32767; break;
    case PG_OPD_UIMM16: *lo = 0; *hi = 65535; break;
    case PG_OPD_IMM16: *lo = -32768; *hi = 65535; break;
    case PG_OPD_SHAMT: *lo = 0; *hi = 31; break;
    case PG_OPD_BR20: *lo = -(1 << 19); *hi = (1 << 19) - 1; break;
    case PG_OPD_REG: case PG_OPD_CREG: *lo = 0; *hi = 15; break;
    default: *lo = 0; *hi = 0; break;
    }
}

/* The immediate kind of a format (there is at most one), or NONE. */
static pg_opd_kind imm_kind(const pg_format_info *f)
{
    for (int i = 0; i < 3; i++)
        if (f->kind[i] == PG_OPD_MEM || f->field[i] == PG_FLD_IMM)
            return f->kind[i];
    return PG_OPD_NONE;
}

/* Decode a word; false for an unassigned opcode or a reserved bit set. */
bool pg_decode(uint32_t word, pg_decoded *out)
{
    int op = pg_op_for_opcode((uint8_t)(word >> 24));
    if (op < 0)
        return false;
    const pg_format_info *f = &pg_formats[pg_insns[op].format];
    if (word & f->reserved)
        return false;
    out->op = (pg_op)op;
    out->a = (word >> 20) & 0xF;
    out->b = (word >> 16) & 0xF;
    out->c = (word >> 12) & 0xF;
    switch (imm_kind(f)) {
    case PG_OPD_SIMM16: case PG_OPD_MEM: case PG_OPD_BR16:
        out->imm = (int16_t)(word & 0xFFFF); break;
    case PG_OPD_BR20:
        out->imm = (int32_t)((word & 0xFFFFF) ^ 0x80000) - 0x80000; break;
    case PG_OPD_UIMM16: case PG_OPD_IMM16: case PG_OPD_SHAMT:
        out->imm = (int32_t)(word & 0xFFFF); break;
    default:
        out->imm = 0; break;
    }
    return true;
}

/* Encode: fields are masked to their width; unused fields are left zero. */
uint32_t pg_encode(const pg_decoded *d)
{
    const pg_insn_info *in = &pg_insns[d->op];
    const pg_format_info *f = &pg_formats[in->format];
    uint32_t w = (uint32_t)in->opcode << 24;
    for (int i = 0; i < 3; i++) {
        switch (f->field[i]) {
        case PG_FLD_A: w |= (uint32_t)(d->a & 0xF) << 20; break;
        case PG_FLD_B: w |= (uint32_t)(d->b & 0xF) << 16; break;
        case PG_FLD_C: w |= (uint32_t)(d->c & 0xF) << 12; break;
        default: break;
        }
    }
    switch (imm_kind(f)) {
    case PG_OPD_BR20: w |= (uint32_t)d->imm & 0xFFFFF; break;
    case PG_OPD_NONE: break;
    default: w |= (uint32_t)d->imm & 0xFFFF; break;
    }
    return w & ~f->reserved;
}

/* Append a code address: a symbol (+offset) when one is known, else hex. */
static int put_target(char *buf, size_t size, uint32_t target,
                      pg_symbolizer sym, void *ctx)
{
    uint32_t off = 0;
    const char *name = sym ? sym(ctx, target, &off) : NULL;
    if (name && off)
        return snprintf(buf, size, "%s+%u", name, off);
    if (name)
        return snprintf(buf, size, "%s", name);
    return snprintf(buf, size, "0x%08x", target);
}

/* Disassemble one word at addr. */
int pg_disassemble(uint32_t word, uint32_t addr, char *buf, size_t size,
                   pg_symbolizer sym, void *sym_ctx)
{
    pg_decoded d;
    if (!pg_decode(word, &d))
        return snprintf(buf, size, ".word 0x%08x", word);
    const pg_insn_info *in = &pg_insns[d.op];
    const pg_format_info *f = &pg_formats[in->format];
    char tmp[160];
    size_t n = (size_t)snprintf(tmp, sizeof tmp, "%s", in->mnemonic);
    for (int i = 0; i < 3 && f->kind[i] != PG_OPD_NONE; i++) {
        uint8_t reg = f->field[i] == PG_FLD_A ? d.a : f->field[i] == PG_FLD_B ? d.b : d.c;
        char *p = tmp + n;
        size_t room = sizeof tmp - n;
        const char *sep = i ? ", " : (n < 6 ? &"      "[n] : " ");
        int k = 0;
        switch (f->kind[i]) {
        case PG_OPD_REG: k = snprintf(p, room, "%sr%u", sep, reg); break;
        case PG_OPD_CREG: k = snprintf(p, room, "%scr%u", sep, reg); break;
        case PG_OPD_SIMM16: case PG_OPD_SHAMT:
            k = snprintf(p, room, "%s%d", sep, (int)d.imm); break;
        case PG_OPD_UIMM16: case PG_OPD_IMM16:
            k = snprintf(p, room, "%s0x%x", sep, (unsigned)d.imm); break;
        case PG_OPD_MEM:
            k = snprintf(p, room, "%s", sep);
            /* with base r0 the offset is an absolute address: name it if we can */
            if (k > 0 && (size_t)k < room && d.b == 0 && d.imm >= 0 && sym &&
                sym(sym_ctx, (uint32_t)d.imm, &(uint32_t){0}))
                k += put_target(p + k, room - (size_t)k, (uint32_t)d.imm, sym, sym_ctx);
            else if (k > 0 && (size_t)k < room)
                k += snprintf(p + k, room - (size_t)k, "%d", (int)d.imm);
            if (k > 0 && (size_t)k < room)
                k += snprintf(p + k, room - (size_t)k, "(r%u)", d.b);
            break;
        case PG_OPD_BR16: case PG_OPD_BR20:
            k = snprintf(p, room, "%s", sep);
            if (k > 0 && (size_t)k < room)
                k += put_target(p + k, room - (size_t)k, addr + (uint32_t)d.imm * 4u, sym, sym_ctx);
            break;
        default: break;
        }
        if (k < 0 || (size_t)k >= room)
            break;
        n += (size_t)k;
    }
    return snprintf(buf, size, "%s", tmp);
}
