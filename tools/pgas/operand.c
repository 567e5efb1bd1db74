/*
 * operand.c -- operands: splitting at commas, registers, control registers,
 * memory operands EXPR(REG), values, and range checks.
 */
#include "asm.h"

#include <inttypes.h>

/* Case-insensitive comparison of a token with a lower-case word. */
static bool tok_is(const token *t, const char *word)
{
    size_t i = 0;
    for (; i < t->len && word[i]; i++) {
        char c = t->start[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return i == t->len && !word[i];
}

/* The decimal number 0..15 in s[0..len) with no leading zero, or -1. */
static int small_number(const char *s, size_t len)
{
    if (len == 0 || len > 2 || (len == 2 && s[0] == '0'))
        return -1;
    int v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v <= 15 ? v : -1;
}

/* r0-r15, sp (r13), lr (r14). */
int reg_number(const token *t)
{
    if (t->kind != TK_IDENT)
        return -1;
    if (tok_is(t, "sp"))
        return 13;
    if (tok_is(t, "lr"))
        return 14;
    if (t->len >= 2 && (t->start[0] == 'r' || t->start[0] == 'R'))
        return small_number(t->start + 1, t->len - 1);
    return -1;
}

/* cr0-cr15. */
int creg_number(const token *t)
{
    if (t->kind != TK_IDENT || t->len < 3)
        return -1;
    if ((t->start[0] != 'c' && t->start[0] != 'C') || (t->start[1] != 'r' && t->start[1] != 'R'))
        return -1;
    return small_number(t->start + 2, t->len - 2);
}

/* The next operand from *pos: the tokens up to a comma outside parentheses
   or the end.  *more says a comma followed (so another operand must). */
bool opd_next(assembler *as, stmt *st, size_t *pos, opd *o, bool *more)
{
    size_t i = *pos;
    int depth = 0;
    for (; i < st->end; i++) {
        const token *t = asm_tok(as, i);
        if (t->kind == TK_PUNCT && t->op == '(')
            depth++;
        else if (t->kind == TK_PUNCT && t->op == ')')
            depth--;
        else if (t->kind == TK_PUNCT && t->op == ',' && depth <= 0)
            break;
    }
    if (i == *pos) {
        char buf[48];
        const token *t = asm_tok(as, i);
        asm_error(as, st, t->start, "expected an operand before %s", tok_describe(t, buf));
        return false;
    }
    *o = (opd){ *pos, i };
    *more = i < st->end;
    *pos = *more ? i + 1 : i;
    return true;
}

/* Split at commas into exactly `want` operands. */
bool opd_split(assembler *as, stmt *st, const char *what, const char *syntax,
               size_t want, opd *o)
{
    size_t pos = st->head + 1, n = 0;
    const char *first = asm_tok(as, pos)->start;
    if (pos == st->end && want == 0)
        return true;
    if (pos == st->end) {
        asm_error(as, st, first, "'%s' needs operands: %s", what, syntax);
        return false;
    }
    bool more = true;
    while (more) {
        opd x;
        if (!opd_next(as, st, &pos, &x, &more))
            return false;
        if (n < want)
            o[n] = x;
        n++;
    }
    if (n == want)
        return true;
    if (want == 0)
        asm_error(as, st, first, "'%s' takes no operands", what);
    else
        asm_error(as, st, first, "'%s' takes %zu operand%s (%s), not %zu", what, want,
                  want == 1 ? "" : "s", syntax, n);
    return false;
}

/* The first character of an operand. */
const char *opd_at(const assembler *as, opd o)
{
    return asm_tok(as, o.begin)->start;
}

/* A general register: exactly one register name. */
bool opd_reg(assembler *as, stmt *st, opd o, int *reg)
{
    const token *t = asm_tok(as, o.begin);
    *reg = o.end == o.begin + 1 ? reg_number(t) : -1;
    if (*reg >= 0)
        return true;
    char buf[48];
    asm_error(as, st, t->start, "expected a register (r0-r15, sp, lr) but found %s",
              tok_describe(t, buf));
    return false;
}

/* A control register: crN, or a value 0..15 (checked once it is known). */
bool opd_creg(assembler *as, stmt *st, opd o, int *cr)
{
    const token *t = asm_tok(as, o.begin);
    if (o.end == o.begin + 1 && (*cr = creg_number(t)) >= 0)
        return true;
    expr_val v;
    if (!expr_eval(as, st, o.begin, o.end, &v))
        return false;
    *cr = 0;
    if (!v.known)
        return true;
    if (!check_range(as, st, t->start, "control register number", v.v, 0, 15))
        return false;
    *cr = (int)v.v;
    return true;
}

/* EXPR(REG) or (REG): the last three tokens must be '(' register ')'. */
bool opd_mem(assembler *as, stmt *st, opd o, int *reg, expr_val *off)
{
    const token *t = asm_tok(as, o.begin);
    size_t n = o.end - o.begin;
    const token *open = n >= 3 ? asm_tok(as, o.end - 3) : NULL;
    const token *close = asm_tok(as, o.end - 1);
    if (!open || open->kind != TK_PUNCT || open->op != '(' || close->kind != TK_PUNCT ||
        close->op != ')' || (*reg = reg_number(asm_tok(as, o.end - 2))) < 0) {
        asm_error(as, st, t->start, "expected a memory operand offset(register), e.g. 8(r2)");
        return false;
    }
    if (n == 3) {
        *off = (expr_val){ .v = 0, .known = true };
        return true;
    }
    return expr_eval(as, st, o.begin, o.end - 3, off);
}

/* Any expression. */
bool opd_value(assembler *as, stmt *st, opd o, expr_val *v)
{
    return expr_eval(as, st, o.begin, o.end, v);
}

/* Range errors name the value (and its hex when that helps) and the range. */
bool check_range(assembler *as, stmt *st, const char *at, const char *what,
                 int64_t v, int64_t lo, int64_t hi)
{
    if (v >= lo && v <= hi)
        return true;
    if (v > 9)
        asm_error(as, st, at, "%s %" PRId64 " (0x%" PRIx64 ") is out of range %" PRId64 "..%" PRId64,
                  what, v, (uint64_t)v, lo, hi);
    else
        asm_error(as, st, at, "%s %" PRId64 " is out of range %" PRId64 "..%" PRId64, what, v, lo, hi);
    return false;
}
