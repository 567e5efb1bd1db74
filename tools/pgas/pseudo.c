/*
 * pseudo.c -- pseudo-instructions: each is a row saying which machine
 * instructions it stands for and where their fields come from.
 *
 *   pseudo              expands to
 *   li   rd, value      addi rd, r0, value          (value known in pass 1 and
 *                                                    within -32768..32767)
 *                       lui  rd, value >> 16         (otherwise; value within
 *                       ori  rd, rd, value & 0xFFFF   -2^31..2^32-1)
 *   la   rd, value      lui  rd, value >> 16 ; ori rd, rd, value & 0xFFFF  (always)
 *   mov  rd, rs         add  rd, rs, r0
 *   nop                 add  r0, r0, r0
 *   j    label          jal  r0, label
 *   call label          jal  r14, label
 *   ret                 jalr r0, 0(r14)
 *   jr   rs             jalr r0, 0(rs)
 *   neg  rd, rs         sub  rd, r0, rs
 *   not  rd, rs         sub  rd, r0, rs ; addi rd, rd, -1   (~x = -x - 1)
 *   beqz rs, label      beq  rs, r0, label
 *   bnez rs, label      bne  rs, r0, label
 *   bgt  a, b, label    blt  b, a, label
 *   ble  a, b, label    bge  b, a, label
 *   bgtu a, b, label    bltu b, a, label
 *   bleu a, b, label    bgeu b, a, label
 *
 * The size of li is decided in pass 1 and kept in pass 2, so a value that
 * becomes known only later (a forward reference) always takes two words.
 */
#include "asm.h"

#include <string.h>

/* Where a field of an expanded instruction comes from. */
typedef enum {
    SK_NONE,        /* unused field */
    SK_K,           /* the constant n */
    SK_OPD,         /* operand n (a register, or a value) */
    SK_HI,          /* bits 31..16 of value operand n */
    SK_LO,          /* bits 15..0 of value operand n */
} src_kind;

typedef struct src {
    src_kind kind;
    int n;
} src;

/* One machine instruction of an expansion: op and its fields A, B, C, imm. */
typedef struct step {
    pg_op op;
    src a, b, c, imm;
} step;

/* Operand kinds of a pseudo-instruction. */
enum { PO_REG, PO_VAL };

typedef struct pseudo_def {
    const char *name;
    const char *syntax;
    int nopd;
    int opd[3];
    int nsteps;
    step steps[2];
} pseudo_def;

#define NO { SK_NONE, 0 }
#define K(v) { SK_K, v }
#define O(i) { SK_OPD, i }
#define HI(i) { SK_HI, i }
#define LO(i) { SK_LO, i }
#define LUI_ORI { { PG_OP_lui, O(0), NO, NO, HI(1) }, { PG_OP_ori, O(0), O(0), NO, LO(1) } }

static const pseudo_def pseudos[] = {
    { "li",   "rd, value",        2, { PO_REG, PO_VAL },         2, LUI_ORI },
    { "la",   "rd, address",      2, { PO_REG, PO_VAL },         2, LUI_ORI },
    { "mov",  "rd, rs",           2, { PO_REG, PO_REG },         1, { { PG_OP_add, O(0), O(1), K(0), NO } } },
    { "nop",  "",                 0, { 0 },                      1, { { PG_OP_add, K(0), K(0), K(0), NO } } },
    { "j",    "label",            1, { PO_VAL },                 1, { { PG_OP_jal, K(0), NO, NO, O(0) } } },
    { "call", "label",            1, { PO_VAL },                 1, { { PG_OP_jal, K(14), NO, NO, O(0) } } },
    { "ret",  "",                 0, { 0 },                      1, { { PG_OP_jalr, K(0), K(14), NO, K(0) } } },
    { "jr",   "rs",               1, { PO_REG },                 1, { { PG_OP_jalr, K(0), O(0), NO, K(0) } } },
    { "neg",  "rd, rs",           2, { PO_REG, PO_REG },         1, { { PG_OP_sub, O(0), K(0), O(1), NO } } },
    { "not",  "rd, rs",           2, { PO_REG, PO_REG },         2, { { PG_OP_sub, O(0), K(0), O(1), NO },
                                                                      { PG_OP_addi, O(0), O(0), NO, K(-1) } } },
    { "beqz", "rs, label",        2, { PO_REG, PO_VAL },         1, { { PG_OP_beq, O(0), K(0), NO, O(1) } } },
    { "bnez", "rs, label",        2, { PO_REG, PO_VAL },         1, { { PG_OP_bne, O(0), K(0), NO, O(1) } } },
    { "bgt",  "rs1, rs2, label",  3, { PO_REG, PO_REG, PO_VAL }, 1, { { PG_OP_blt, O(1), O(0), NO, O(2) } } },
    { "ble",  "rs1, rs2, label",  3, { PO_REG, PO_REG, PO_VAL }, 1, { { PG_OP_bge, O(1), O(0), NO, O(2) } } },
    { "bgtu", "rs1, rs2, label",  3, { PO_REG, PO_REG, PO_VAL }, 1, { { PG_OP_bltu, O(1), O(0), NO, O(2) } } },
    { "bleu", "rs1, rs2, label",  3, { PO_REG, PO_REG, PO_VAL }, 1, { { PG_OP_bgeu, O(1), O(0), NO, O(2) } } },
};

/* li's one-word form. */
static const step li_short = { PG_OP_addi, O(0), K(0), NO, O(1) };

enum { PSEUDO_LI = 0 };

/* The row for a mnemonic, ignoring case, or -1. */
int pseudo_find(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof pseudos / sizeof pseudos[0]; i++) {
        const char *m = pseudos[i].name;
        if (strlen(m) != len)
            continue;
        size_t k = 0;
        while (k < len && (name[k] | 0x20) == m[k])
            k++;
        if (k == len)
            return (int)i;
    }
    return -1;
}

/* The operands of a statement, parsed. */
typedef struct pseudo_opds {
    int reg[3];
    expr_val val[3];
    const char *at[3];
} pseudo_opds;

/* A field's value from its source; HI/LO first check that the value fits a
   32-bit register. */
static bool field(assembler *as, stmt *st, const pseudo_def *d, const pseudo_opds *p, src s,
                  int64_t *v)
{
    switch (s.kind) {
    case SK_NONE: *v = 0; return true;
    case SK_K: *v = s.n; return true;
    case SK_OPD: *v = d->opd[s.n] == PO_REG ? p->reg[s.n] : p->val[s.n].v; return true;
    default: break;
    }
    int64_t x = p->val[s.n].v;
    if (!check_range(as, st, p->at[s.n], "value", x, INT32_MIN, UINT32_MAX))
        return false;
    uint32_t u = (uint32_t)(uint64_t)x;
    *v = s.kind == SK_HI ? u >> 16 : u & 0xFFFF;
    return true;
}

/* Pass 1 parses the operands and decides the size; pass 2 encodes each step. */
void pseudo_statement(assembler *as, stmt *st)
{
    const pseudo_def *d = &pseudos[st->id];
    if (as->pass == 1)
        st->size = 4u * (unsigned)d->nsteps;
    opd o[3];
    if (!opd_split(as, st, d->name, d->syntax, (size_t)d->nopd, o))
        return;
    pseudo_opds p;
    memset(&p, 0, sizeof p);
    for (int i = 0; i < d->nopd; i++) {
        p.at[i] = opd_at(as, o[i]);
        bool ok = d->opd[i] == PO_REG ? opd_reg(as, st, o[i], &p.reg[i])
                                      : opd_value(as, st, o[i], &p.val[i]);
        if (!ok)
            return;
    }
    const step *steps = d->steps;
    int nsteps = d->nsteps;
    if (st->id == PSEUDO_LI) {
        if (as->pass == 1 && p.val[1].known && p.val[1].v >= INT16_MIN && p.val[1].v <= INT16_MAX)
            st->size = 4;
        else if (as->pass == 1)
            st->size = 8;
        if (st->size == 4)
            steps = &li_short, nsteps = 1;
    }
    if (as->pass == 1)
        return;
    for (int i = 0; i < nsteps; i++) {
        const step *s = &steps[i];
        int64_t a, b, c, imm;
        if (!field(as, st, d, &p, s->a, &a) || !field(as, st, d, &p, s->b, &b) ||
            !field(as, st, d, &p, s->c, &c) || !field(as, st, d, &p, s->imm, &imm))
            return;
        int regs[3] = { (int)a, (int)b, (int)c };
        bool from_opd = s->imm.kind != SK_K && s->imm.kind != SK_NONE;
        const char *imm_at = from_opd ? p.at[s->imm.n] : asm_tok(as, st->head)->start;
        uint32_t w, addr = (uint32_t)st->emit + 4u * (uint32_t)i;
        if (!insn_encode(as, st, s->op, addr, regs, imm, imm_at, &w) ||
            !asm_emit_be(as, st, addr, w, 4))
            return;
    }
}
