/*
 * insn.c -- machine instructions: operands parsed as the instruction's
 * format (pg_formats) says, ranges checked with pg_opd_range, words made by
 * pg_encode.  Nothing here knows any particular instruction.
 */
#include "asm.h"

#include <inttypes.h>

/* The immediate operand kind of a format (at most one), or NONE. */
static pg_opd_kind imm_kind(const pg_format_info *f)
{
    for (int i = 0; i < 3; i++)
        if (f->kind[i] == PG_OPD_MEM || f->field[i] == PG_FLD_IMM)
            return f->kind[i];
    return PG_OPD_NONE;
}

/* How messages name an immediate of each kind. */
static const char *imm_name(pg_opd_kind k)
{
    switch (k) {
    case PG_OPD_SHAMT: return "shift amount";
    case PG_OPD_MEM: return "offset";
    default: return "immediate";
    }
}

/* A 32-bit difference as signed, without implementation-defined conversion. */
static int64_t signed32(uint32_t u)
{
    return u < 0x80000000u ? (int64_t)u : (int64_t)u - 0x100000000;
}

/* Branch targets are addresses; the offset is counted in words from the
   branch, modulo 2^32 like the machine's own address arithmetic. */
static bool branch_offset(assembler *as, stmt *st, pg_opd_kind k, uint32_t addr,
                          int64_t target, const char *at, int64_t *words)
{
    if (!check_range(as, st, at, "branch target", target, INT32_MIN, UINT32_MAX))
        return false;
    uint32_t t = (uint32_t)(uint64_t)target;
    if (t & 3) {
        asm_error(as, st, at, "branch target 0x%08" PRIx32 " is not word-aligned", t);
        return false;
    }
    int64_t lo, hi;
    pg_opd_range(k, &lo, &hi);
    *words = signed32(t - addr) / 4;
    if (*words < lo || *words > hi) {
        asm_error(as, st, at, "branch target 0x%08" PRIx32 " is %" PRId64
                  " words away, out of range %" PRId64 "..%" PRId64, t, *words, lo, hi);
        return false;
    }
    return true;
}

/* Encode with every range checked; regs are the A, B, C fields. */
bool insn_encode(assembler *as, stmt *st, pg_op op, uint32_t addr, const int regs[3],
                 int64_t imm, const char *imm_at, uint32_t *word)
{
    const pg_format_info *f = &pg_formats[pg_insns[op].format];
    pg_decoded d = { .op = op, .a = (uint8_t)regs[0], .b = (uint8_t)regs[1], .c = (uint8_t)regs[2] };
    pg_opd_kind k = imm_kind(f);
    int64_t lo, hi, v = imm;
    if (k == PG_OPD_BR16 || k == PG_OPD_BR20) {
        if (!branch_offset(as, st, k, addr, imm, imm_at, &v))
            return false;
    } else if (k != PG_OPD_NONE) {
        pg_opd_range(k, &lo, &hi);
        if (!check_range(as, st, imm_at, imm_name(k), imm, lo, hi))
            return false;
    }
    d.imm = (int32_t)v;
    *word = pg_encode(&d);
    return true;
}

/* Put a register number in the field an operand occupies. */
static void set_field(int regs[3], pg_field f, int r)
{
    if (f == PG_FLD_A)
        regs[0] = r;
    else if (f == PG_FLD_B)
        regs[1] = r;
    else if (f == PG_FLD_C)
        regs[2] = r;
}

/* Pass 1 checks the operands' form and takes 4 bytes; pass 2 evaluates
   them, encodes and emits. */
void insn_statement(assembler *as, stmt *st)
{
    const pg_insn_info *in = &pg_insns[st->id];
    const pg_format_info *f = &pg_formats[in->format];
    size_t n = 0;
    while (n < 3 && f->kind[n] != PG_OPD_NONE)
        n++;
    st->size = 4;
    opd o[3];
    if (!opd_split(as, st, in->mnemonic, f->syntax, n, o))
        return;
    int regs[3] = { 0, 0, 0 };
    int64_t imm = 0;
    const char *imm_at = asm_tok(as, st->head)->start;
    for (size_t i = 0; i < n; i++) {
        int r = 0;
        expr_val v = { 0 };
        switch (f->kind[i]) {
        case PG_OPD_REG:
            if (!opd_reg(as, st, o[i], &r))
                return;
            break;
        case PG_OPD_CREG:
            if (!opd_creg(as, st, o[i], &r))
                return;
            break;
        case PG_OPD_MEM:
            if (!opd_mem(as, st, o[i], &r, &v))
                return;
            imm = v.v;
            imm_at = opd_at(as, o[i]);
            break;
        default:
            if (!opd_value(as, st, o[i], &v))
                return;
            imm = v.v;
            imm_at = opd_at(as, o[i]);
            break;
        }
        set_field(regs, f->field[i], r);
    }
    if (as->pass == 1)
        return;
    uint32_t w;
    if (insn_encode(as, st, (pg_op)st->id, (uint32_t)st->emit, regs, imm, imm_at, &w))
        asm_emit_be(as, st, st->emit, w, 4);
}
