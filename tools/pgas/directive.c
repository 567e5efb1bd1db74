/*
 * directive.c -- .org .align .word .half .byte .ascii .asciz .space .equ
 * .include .psw.  Each handler runs in both passes: pass 1 sets the size
 * (and, for .org and .align, where the statement's bytes and labels go),
 * pass 2 evaluates and emits.
 */
#include "asm.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"

typedef void (*dir_fn)(assembler *as, stmt *st);

/* A value that pass 1 needs (it moves the location counter): every symbol
   in it must be defined on an earlier line. */
static bool early_value(assembler *as, stmt *st, opd o, const char *what,
                        int64_t lo, int64_t hi, int64_t *v)
{
    expr_val x;
    if (!opd_value(as, st, o, &x))
        return false;
    if (!x.known) {
        char buf[48];
        asm_error(as, st, x.unknown->start,
                  "%s needs a value known here, but %s is not defined on an earlier line",
                  what, tok_describe(x.unknown, buf));
        return false;
    }
    *v = x.v;
    return check_range(as, st, opd_at(as, o), what, x.v, lo, hi);
}

static const char *dir_name(const stmt *st);

/* The single operand of a directive. */
static bool one_operand(assembler *as, stmt *st, const char *syntax, opd *o)
{
    return opd_split(as, st, dir_name(st), syntax, 1, o);
}

/* .org ADDRESS: continue at ADDRESS (backward too). */
static void d_org(assembler *as, stmt *st)
{
    opd o;
    int64_t v;
    if (as->pass == 2 || !one_operand(as, st, "address", &o) ||
        !early_value(as, st, o, "'.org' address", 0, UINT32_MAX, &v))
        return;
    st->emit = st->label = (uint64_t)v;
}

/* .align N: zeros up to the next multiple of N; labels go after them. */
static void d_align(assembler *as, stmt *st)
{
    if (as->pass == 2) {
        asm_emit(as, st, st->emit, NULL, st->size);
        return;
    }
    opd o;
    int64_t n;
    if (!one_operand(as, st, "N", &o) ||
        !early_value(as, st, o, "'.align' boundary", 1, PGASM_MAX_IMAGE, &n))
        return;
    st->size = (uint32_t)(((uint64_t)n - st->emit % (uint64_t)n) % (uint64_t)n);
    st->label = st->emit + st->size;
}

/* .space N: N zero bytes. */
static void d_space(assembler *as, stmt *st)
{
    if (as->pass == 2) {
        asm_emit(as, st, st->emit, NULL, st->size);
        return;
    }
    opd o;
    int64_t n;
    if (one_operand(as, st, "N", &o) &&
        early_value(as, st, o, "'.space' size", 0, PGASM_MAX_IMAGE, &n))
        st->size = (uint32_t)n;
}

/* .word/.half/.byte: a comma list of values of `width` bytes each; a value
   may be signed or unsigned (-2^(8w-1) .. 2^(8w)-1). */
static void data_list(assembler *as, stmt *st, unsigned width, const char *what)
{
    size_t pos = st->head + 1;
    uint32_t size = 0;
    int64_t lo = -((int64_t)1 << (8 * width - 1)), hi = ((int64_t)1 << (8 * width)) - 1;
    bool more = true;
    while (more) {
        opd o;
        expr_val v;
        if (!opd_next(as, st, &pos, &o, &more) || !opd_value(as, st, o, &v))
            return;
        if (as->pass == 2 && (!check_range(as, st, opd_at(as, o), what, v.v, lo, hi) ||
                              !asm_emit_be(as, st, st->emit + size, (uint32_t)(uint64_t)v.v, width)))
            return;
        size += width;
    }
    st->size = size;
}

/* .word: 4-byte values. */
static void d_word(assembler *as, stmt *st) { data_list(as, st, 4, "'.word' value"); }
/* .half: 2-byte values. */
static void d_half(assembler *as, stmt *st) { data_list(as, st, 2, "'.half' value"); }
/* .byte: 1-byte values. */
static void d_byte(assembler *as, stmt *st) { data_list(as, st, 1, "'.byte' value"); }

/* .ascii/.asciz: a comma list of strings; .asciz ends each with a zero byte. */
static void strings(assembler *as, stmt *st, bool zero)
{
    size_t pos = st->head + 1;
    uint32_t size = 0;
    bool more = true;
    while (more) {
        opd o;
        if (!opd_next(as, st, &pos, &o, &more))
            return;
        const token *t = asm_tok(as, o.begin);
        if (o.end != o.begin + 1 || t->kind != TK_STRING) {
            asm_error(as, st, t->start, "expected a string in double quotes");
            return;
        }
        size_t n = lex_string_bytes(t, NULL);
        if (as->pass == 2) {
            uint8_t *b = malloc(n + 1);
            if (!b) {
                asm_nomem(as);
                return;
            }
            lex_string_bytes(t, b);
            b[n] = 0;
            bool ok = asm_emit(as, st, st->emit + size, b, (uint32_t)(n + zero));
            free(b);
            if (!ok)
                return;
        }
        size += (uint32_t)(n + zero);    /* a line is far shorter than 4 GiB */
    }
    st->size = size;
}

/* .ascii: the bytes of the strings. */
static void d_ascii(assembler *as, stmt *st) { strings(as, st, false); }
/* .asciz: each string and a zero byte. */
static void d_asciz(assembler *as, stmt *st) { strings(as, st, true); }

/* .equ NAME, value: the same as NAME = value. */
static void d_equ(assembler *as, stmt *st)
{
    if (as->pass == 2)
        return;
    const token *name = asm_tok(as, st->head + 1);
    const token *comma = st->head + 1 < st->end ? asm_tok(as, st->head + 2) : name;
    if (name->kind != TK_IDENT || comma->kind != TK_PUNCT || comma->op != ',') {
        asm_error(as, st, name->start, "'.equ' takes a name and a value: .equ NAME, value");
        return;
    }
    st->kind = ST_EQU;
    define_equate(as, st, st->head + 1, st->head + 3, st->end);
}

/* .include "file": pass 1 checks the operand; the reading is done by
   source_include once the statement is complete. */
static void d_include(assembler *as, stmt *st)
{
    opd o;
    if (as->pass == 2 || !one_operand(as, st, "\"file\"", &o))
        return;
    const token *t = asm_tok(as, o.begin);
    if (o.end != o.begin + 1 || t->kind != TK_STRING)
        asm_error(as, st, t->start, "expected a file name in double quotes");
}

/* .psw FLAGS, ADDRESS: an 8-byte PSW; FLAGS only from S W T I E (0x1f). */
static void d_psw(assembler *as, stmt *st)
{
    opd o[2];
    expr_val flags, addr;
    st->size = 8;
    if (!opd_split(as, st, ".psw", "FLAGS, ADDRESS", 2, o) || !opd_value(as, st, o[0], &flags) ||
        !opd_value(as, st, o[1], &addr) || as->pass == 1)
        return;
    if (flags.v & ~(int64_t)PG_PSW_VALID) {
        asm_error(as, st, opd_at(as, o[0]), "PSW flags 0x%" PRIx64 " have bits outside S|W|T|I|E (0x%x)",
                  (uint64_t)flags.v, PG_PSW_VALID);
        return;
    }
    if (check_range(as, st, opd_at(as, o[1]), "PSW address", addr.v, INT32_MIN, UINT32_MAX) &&
        asm_emit_be(as, st, st->emit, (uint32_t)flags.v, 4))
        asm_emit_be(as, st, st->emit + 4, (uint32_t)(uint64_t)addr.v, 4);
}

static const struct {
    const char *name;
    dir_fn fn;
    bool lists_bytes;       /* the listing shows what it emits */
} directives[] = {
    { ".org", d_org, false },     { ".align", d_align, false }, { ".word", d_word, true },
    { ".half", d_half, true },    { ".byte", d_byte, true },    { ".ascii", d_ascii, true },
    { ".asciz", d_asciz, true },  { ".space", d_space, false }, { ".equ", d_equ, false },
    { ".include", d_include, false }, { ".psw", d_psw, true },
};

/* The directive called name[0..len) (with its '.'), ignoring case, or -1. */
int directive_find(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof directives / sizeof directives[0]; i++) {
        const char *m = directives[i].name;
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

/* The directive's name, for messages. */
static const char *dir_name(const stmt *st)
{
    return directives[st->id].name;
}

/* Run the statement's directive in the current pass. */
void directive_statement(assembler *as, stmt *st)
{
    directives[st->id].fn(as, st);
}

/* .include is finished by the driver (it reads more lines). */
bool directive_is_include(int id)
{
    return directives[id].fn == d_include;
}

/* Data directives show their bytes in the listing; padding does not. */
bool directive_lists_bytes(int id)
{
    return directives[id].lists_bytes;
}
