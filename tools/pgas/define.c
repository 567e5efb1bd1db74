/*
 * define.c -- defining symbols: labels, equates (whose values may use
 * symbols defined further on), the predefined PSW flag names, and the
 * symbol table handed to the caller.
 */
#include "asm.h"

#include <stdlib.h>
#include <string.h>

#include "arch.h"

/* Longest chain of equates waiting on each other that define_force follows. */
#define FORCE_MAX_DEPTH 500

/* The PSW flag names, for .psw; a program may define its own meaning. */
static const struct {
    const char *name;
    int64_t value;
} predefined[] = {
    { "S", PG_PSW_S }, { "W", PG_PSW_W }, { "T", PG_PSW_T },
    { "I", PG_PSW_I }, { "E", PG_PSW_E },
};

/* Install S W T I E as known equates that a definition may replace. */
bool define_predefined(assembler *as)
{
    for (size_t i = 0; i < sizeof predefined / sizeof predefined[0]; i++) {
        asm_sym *s = sym_add(&as->syms, predefined[i].name, strlen(predefined[i].name));
        if (!s)
            return false;
        s->value = predefined[i].value;
        s->kind = 'A';
        s->state = SYM_DEFINED;
        s->predefined = true;
    }
    return true;
}

/* Take a name for a new definition: not a register, not defined before
   (except a predefined one, which it silently replaces).  NULL after an error. */
static asm_sym *claim(assembler *as, stmt *st, const token *t, char kind)
{
    char buf[48];
    if (reg_number(t) >= 0 || creg_number(t) >= 0) {
        asm_error(as, st, t->start, "%s is a register name and cannot be defined as a symbol",
                  tok_describe(t, buf));
        return NULL;
    }
    asm_sym *s = sym_find(&as->syms, t->start, t->len);
    if (s && !s->predefined) {
        const stmt *first = &as->stmts[s->def_stmt];
        asm_error(as, st, t->start, "redefinition of %s (first defined at %s:%u)",
                  tok_describe(t, buf), as->files[first->file].name, first->line);
        return NULL;
    }
    if (!s && !(s = sym_add(&as->syms, t->start, t->len))) {
        asm_nomem(as);
        return NULL;
    }
    s->predefined = false;
    s->kind = kind;
    s->state = SYM_PENDING;
    s->def_stmt = (size_t)(st - as->stmts);
    return s;
}

/* A label takes the address where its statement's bytes go. */
void define_label(assembler *as, stmt *st, size_t tok, uint64_t value)
{
    asm_sym *s = claim(as, st, asm_tok(as, tok), 'T');
    if (!s)
        return;
    s->value = (int64_t)value;
    s->state = SYM_DEFINED;
}

/* An equate gets its value now when it can; otherwise after pass 1. */
void define_equate(assembler *as, stmt *st, size_t name_tok, size_t begin, size_t end)
{
    asm_sym *s = claim(as, st, asm_tok(as, name_tok), 'A');
    if (!s)
        return;
    s->expr_begin = begin;
    s->expr_end = end;
    expr_val v;
    if (!expr_eval_mode(as, st, begin, end, false, &v)) {
        s->state = SYM_DEFINED;     /* value 0: no cascade of "undefined" errors */
        s->value = 0;
    } else if (v.known) {
        s->state = SYM_DEFINED;
        s->value = v.v;
    }
}

/* The pending symbol an equate statement defines, or NULL. */
static asm_sym *pending_of(assembler *as, size_t si)
{
    stmt *st = &as->stmts[si];
    if (st->kind != ST_EQU)
        return NULL;
    size_t name = asm_tok(as, st->head)->kind == TK_DIRECTIVE ? st->head + 1 : st->head;
    asm_sym *s = sym_find(&as->syms, asm_tok(as, name)->start, asm_tok(as, name)->len);
    return s && s->state == SYM_PENDING && s->def_stmt == si ? s : NULL;
}

/* Evaluate a pending equate, requiring every symbol; cycles are errors at
   the reference that closes them. */
bool define_force(assembler *as, stmt *user, const token *ref, asm_sym *s)
{
    char buf[48];
    if (s->state == SYM_DEFINED)
        return true;
    if (s->busy || as->force_depth >= FORCE_MAX_DEPTH) {
        asm_error(as, user, ref->start, s->busy ? "circular definition: %s depends on itself"
                                                : "equates nested too deeply at %s",
                  tok_describe(ref, buf));
        return false;
    }
    s->busy = true;
    as->force_depth++;
    expr_val v;
    bool ok = expr_eval_mode(as, &as->stmts[s->def_stmt], s->expr_begin, s->expr_end, true, &v);
    as->force_depth--;
    s->busy = false;
    s->state = SYM_DEFINED;
    s->value = ok ? v.v : 0;
    return ok;
}

/* Evaluate pending equates, in source order, until no more become known;
   then force the rest, which reports what they lack. */
void define_resolve_pending(assembler *as)
{
    bool progress = true;
    while (progress && !as->stopped) {
        progress = false;
        for (size_t i = 0; i < as->nstmts && !as->stopped; i++) {
            asm_sym *s = pending_of(as, i);
            if (!s)
                continue;
            expr_val v;
            bool ok = expr_eval_mode(as, &as->stmts[i], s->expr_begin, s->expr_end, false, &v);
            if (!ok || v.known) {
                s->state = SYM_DEFINED;
                s->value = ok ? v.v : 0;
                progress = true;
            }
        }
    }
    for (size_t i = 0; i < as->nstmts && !as->stopped; i++) {
        asm_sym *s = pending_of(as, i);
        stmt *st = &as->stmts[i];
        if (s)
            define_force(as, st, asm_tok(as, s->expr_begin), s);
    }
}

/* Copy the program's own symbols out, in the symbol file's lookup order;
   values are kept to their low 32 bits. */
bool define_export(const assembler *as, pg_symtab *out)
{
    out->syms = NULL;
    out->count = 0;
    size_t n = 0;
    for (size_t i = 0; i < as->syms.cap; i++) {
        const asm_sym *s = as->syms.slots[i];
        n += s && s->state == SYM_DEFINED && !s->predefined;
    }
    if (n == 0)
        return true;
    out->syms = calloc(n, sizeof *out->syms);
    if (!out->syms)
        return false;
    for (size_t i = 0; i < as->syms.cap; i++) {
        const asm_sym *s = as->syms.slots[i];
        if (!s || s->state != SYM_DEFINED || s->predefined)
            continue;
        pg_symbol *p = &out->syms[out->count];
        p->name = malloc(s->len + 1);
        if (!p->name) {
            pg_symtab_free(out);
            return false;
        }
        memcpy(p->name, s->name, s->len + 1);
        p->value = (uint32_t)(uint64_t)s->value;
        p->kind = s->kind;
        out->count++;
    }
    pg_symtab_sort(out);
    return true;
}
