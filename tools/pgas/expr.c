/*
 * expr.c -- expressions: integers, character constants, symbols, '.', unary
 * - + ~, binary * / % + - << >> & ^ | with C's precedence, and parentheses.
 * Arithmetic is 64-bit two's complement: it wraps, never overflows.
 */
#include "asm.h"

/* Deepest nesting of parentheses and unary operators. */
#define EXPR_MAX_DEPTH 200

/* The parser's position in one expression. */
typedef struct ectx {
    assembler *as;
    stmt *st;
    size_t pos, end;        /* token indices; end is exclusive */
    bool strict;            /* every symbol must have a value */
    bool ok;                /* no error reported yet */
    int depth;
} ectx;

/* The token at the current position; at the end of the range it is the one
   that ends it (a ',', the '(' of a memory operand, or TK_END), which
   messages name but the parser never takes. */
static const token *peek(const ectx *c)
{
    return asm_tok(c->as, c->pos);
}

/* Is the current token part of the expression's range? */
static bool more(const ectx *c)
{
    return c->pos < c->end;
}

/* Report an error once per expression. */
static void fail(ectx *c, const token *at, const char *msg, const char *what)
{
    if (c->ok)
        asm_error(c->as, c->st, at->start, msg, what);
    c->ok = false;
}

/* A two's-complement value from 64 bits, without implementation-defined
   conversion. */
static int64_t wrap(uint64_t u)
{
    return u <= (uint64_t)INT64_MAX ? (int64_t)u : -(int64_t)(~u) - 1;
}

/* A value that is known. */
static expr_val known(int64_t v)
{
    return (expr_val){ .v = v, .known = true, .unknown = NULL };
}

/* Combine the knowledge of two operands into a result's. */
static expr_val merge(expr_val a, expr_val b, int64_t v)
{
    expr_val r = { .v = v, .known = a.known && b.known };
    r.unknown = a.known ? b.unknown : a.unknown;
    return r;
}

static expr_val parse_binary(ectx *c, int level);

/* The value of a symbol, or unknown (pass 1) / an error (pass 2). */
static expr_val symbol_value(ectx *c, const token *t)
{
    char buf[48];
    if (reg_number(t) >= 0 || creg_number(t) >= 0) {
        fail(c, t, "register %s where a value is expected", tok_describe(t, buf));
        return known(0);
    }
    asm_sym *s = sym_find(&c->as->syms, t->start, t->len);
    if (s && s->state == SYM_DEFINED)
        return known(s->value);
    if (c->strict) {
        if (!s)
            fail(c, t, "undefined symbol %s", tok_describe(t, buf));
        else if (!define_force(c->as, c->st, t, s))
            c->ok = false;
        else
            return known(s->value);
        return known(0);
    }
    return (expr_val){ .v = 0, .known = false, .unknown = t };
}

/* primary: number | char | symbol | '.' | '(' expr ')' | unary-op primary */
static expr_val parse_unary(ectx *c)
{
    const token *t = peek(c);
    char buf[48];
    if (++c->depth > EXPR_MAX_DEPTH) {
        fail(c, t, "expression nested too deeply%s", "");
        return known(0);
    }
    expr_val r = known(0);
    if (!more(c)) {
        fail(c, t, "expected a value but found %s", tok_describe(t, buf));
    } else if (t->kind == TK_PUNCT && (t->op == '-' || t->op == '+' || t->op == '~')) {
        c->pos++;
        expr_val a = parse_unary(c);
        int64_t v = t->op == '-' ? wrap(0u - (uint64_t)a.v) : t->op == '~' ? ~a.v : a.v;
        r = a;
        r.v = v;
    } else if (t->kind == TK_PUNCT && t->op == '(') {
        c->pos++;
        r = parse_binary(c, 0);
        const token *close = peek(c);
        if (more(c) && close->kind == TK_PUNCT && close->op == ')')
            c->pos++;
        else
            fail(c, close, "expected ')' but found %s", tok_describe(close, buf));
    } else if (t->kind == TK_NUMBER || t->kind == TK_CHAR) {
        c->pos++;
        r = known(t->value);
    } else if (t->kind == TK_DOT) {
        c->pos++;
        r = known((int64_t)c->st->addr);
    } else if (t->kind == TK_IDENT) {
        c->pos++;
        r = symbol_value(c, t);
    } else if (t->kind == TK_STRING) {
        fail(c, t, "a string cannot be a value (a character constant is written '%s')", "c");
    } else {
        fail(c, t, "expected a value but found %s", tok_describe(t, buf));
    }
    c->depth--;
    return r;
}

/* The binary operators of one precedence level (0 = loosest). */
static bool op_at_level(int op, int level)
{
    switch (level) {
    case 0: return op == '|';
    case 1: return op == '^';
    case 2: return op == '&';
    case 3: return op == TK_SHL || op == TK_SHR;
    case 4: return op == '+' || op == '-';
    case 5: return op == '*' || op == '/' || op == '%';
    default: return false;
    }
}

/* Apply a binary operator to two known values; division by zero and bad
   shift counts are errors. */
static int64_t apply(ectx *c, const token *t, int64_t a, int64_t b)
{
    char buf[32];
    switch (t->op) {
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '+': return wrap((uint64_t)a + (uint64_t)b);
    case '-': return wrap((uint64_t)a - (uint64_t)b);
    case '*': return wrap((uint64_t)a * (uint64_t)b);
    case '/': case '%':
        if (b == 0) {
            fail(c, t, "division by zero%s", "");
            return 0;
        }
        if (b == -1)        /* INT64_MIN / -1 would overflow */
            return t->op == '/' ? wrap(0u - (uint64_t)a) : 0;
        return t->op == '/' ? a / b : a % b;
    default:                /* shifts */
        if (b < 0 || b > 63) {
            snprintf(buf, sizeof buf, "%lld", (long long)b);
            fail(c, t, "shift count %s is out of range 0..63", buf);
            return 0;
        }
        if (t->op == TK_SHL)
            return wrap((uint64_t)a << b);
        return a >= 0 ? a >> b : ~(~a >> b);    /* arithmetic, without relying on >> of negatives */
    }
}

/* One precedence level: operands of the next tighter level joined by this
   level's operators, left to right. */
static expr_val parse_binary(ectx *c, int level)
{
    if (level > 5)
        return parse_unary(c);
    expr_val a = parse_binary(c, level + 1);
    for (;;) {
        const token *t = peek(c);
        if (!more(c) || t->kind != TK_PUNCT || !op_at_level(t->op, level) || !c->ok)
            return a;
        c->pos++;
        expr_val b = parse_binary(c, level + 1);
        int64_t v = a.known && b.known ? apply(c, t, a.v, b.v) : 0;
        a = merge(a, b, v);
    }
}

/* Evaluate a whole operand; every token of the range must belong to it. */
bool expr_eval_mode(assembler *as, stmt *st, size_t begin, size_t end, bool strict,
                    expr_val *out)
{
    ectx c = { .as = as, .st = st, .pos = begin, .end = end, .strict = strict, .ok = true };
    *out = parse_binary(&c, 0);
    if (c.ok && c.pos < end) {
        char buf[48];
        const token *t = asm_tok(as, c.pos);
        fail(&c, t, "unexpected %s after the expression", tok_describe(t, buf));
    }
    if (!c.ok)
        *out = known(0);
    return c.ok;
}

/* Pass 1 is tentative about symbols, pass 2 strict. */
bool expr_eval(assembler *as, stmt *st, size_t begin, size_t end, expr_val *out)
{
    return expr_eval_mode(as, st, begin, end, as->pass == 2, out);
}
