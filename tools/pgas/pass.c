/*
 * pass.c -- the two passes.  Pass 1 turns each line into a statement:
 * labels, then an equate, a directive, an instruction or a pseudo-instruction;
 * it fixes the statement's address and size and defines its labels.  Pass 2
 * runs every statement that had no error again, now emitting.
 */
#include "asm.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* A new statement for a line; NULL when out of memory. */
static stmt *new_stmt(assembler *as)
{
    if (as->nstmts == as->capstmts) {
        size_t cap = as->capstmts ? as->capstmts * 2 : 256;
        stmt *s = realloc(as->stmts, cap * sizeof *s);
        if (!s)
            return NULL;
        as->stmts = s;
        as->capstmts = cap;
    }
    stmt *st = &as->stmts[as->nstmts++];
    memset(st, 0, sizeof *st);
    return st;
}

/* Is token i the punctuation c? */
static bool is_punct(const assembler *as, size_t i, int c)
{
    const token *t = asm_tok(as, i);
    return t->kind == TK_PUNCT && t->op == c;
}

/* Work out what the statement after the labels is and run its pass 1. */
static void classify(assembler *as, stmt *st)
{
    const token *h = asm_tok(as, st->head);
    char buf[48];
    if (h->kind == TK_END) {
        st->kind = ST_EMPTY;
    } else if (h->kind == TK_IDENT && is_punct(as, st->head + 1, '=')) {
        st->kind = ST_EQU;
        define_equate(as, st, st->head, st->head + 2, st->end);
    } else if (h->kind == TK_DIRECTIVE) {
        if ((st->id = directive_find(h->start, h->len)) < 0) {
            asm_error(as, st, h->start, "unknown directive %s", tok_describe(h, buf));
            return;
        }
        st->kind = ST_DIRECTIVE;
        directive_statement(as, st);
    } else if (h->kind == TK_IDENT) {
        if ((st->id = pg_op_for_mnemonic(h->start, h->len)) >= 0)
            st->kind = ST_INSN, insn_statement(as, st);
        else if ((st->id = pseudo_find(h->start, h->len)) >= 0)
            st->kind = ST_PSEUDO, pseudo_statement(as, st);
        else
            asm_error(as, st, h->start, "unknown instruction %s", tok_describe(h, buf));
        if ((st->kind == ST_INSN || st->kind == ST_PSEUDO) && st->emit % 4 && !st->failed)
            asm_error(as, st, h->start,
                      "instruction at 0x%08" PRIx64 " is not word-aligned (put '.align 4' before it)",
                      st->emit);
    } else {
        asm_error(as, st, h->start, "expected a label, an instruction or a directive but found %s",
                  tok_describe(h, buf));
    }
}

/* Give the labels of a statement its final label address (after .org or
   .align moved it); only the ones this statement did define. */
static void relabel(assembler *as, stmt *st)
{
    for (size_t l = st->tok; l < st->head; l += 2) {
        const token *t = asm_tok(as, l);
        asm_sym *s = sym_find(&as->syms, t->start, t->len);
        if (s && s->kind == 'T' && s->def_stmt == (size_t)(st - as->stmts))
            s->value = (int64_t)st->label;
    }
}

/* Pass 1 over one line. */
static void pass1_line(assembler *as, size_t file, uint32_t line, const char *text, size_t len)
{
    stmt *st = new_stmt(as);
    if (!st) {
        asm_nomem(as);
        return;
    }
    size_t si = (size_t)(st - as->stmts);
    *st = (stmt){ .file = file, .line = line, .text = text, .len = (uint32_t)len,
                  .tok = as->toks.n, .addr = as->pc, .emit = as->pc, .label = as->pc };
    lex_error e;
    switch (lex_line(text, len, &as->toks, &e)) {
    case LEX_NOMEM:
        asm_nomem(as);
        return;
    case LEX_ERROR:
        as->toks.n = st->tok;       /* drop the line's tokens: it is skipped */
        asm_error(as, st, e.at, "%s", e.msg);
        return;
    case LEX_OK:
        break;
    }
    st->end = as->toks.n - 1;
    size_t i = st->tok;
    while (asm_tok(as, i)->kind == TK_IDENT && is_punct(as, i + 1, ':'))
        i += 2;
    st->head = i;
    for (size_t l = st->tok; l < st->head; l += 2)    /* the statement itself may use them */
        define_label(as, st, l, st->label);
    classify(as, st);
    if (st->size && st->emit + st->size > PGASM_MAX_IMAGE && !st->failed)
        asm_error(as, st, asm_tok(as, st->head)->start,
                  "the image would be larger than 64 MiB (this ends at 0x%" PRIx64 ")",
                  st->emit + st->size);
    if (st->label != as->pc)                          /* moved by .org or .align */
        relabel(as, st);
    as->pc = st->emit + st->size;
    if (as->pc > UINT32_MAX) {
        if (!st->failed)
            asm_error(as, st, asm_tok(as, st->head)->start, "the address passes 0xffffffff");
        as->pc = st->emit;
    }
    if (st->kind == ST_DIRECTIVE && directive_is_include(st->id) && !st->failed)
        source_include(as, si);
}

/* Pass 1 over every line of a file (a last line without '\n' counts;
   a '\r' before the '\n' is dropped). */
void pass1_file(assembler *as, size_t file)
{
    const char *p = as->files[file].text, *end = p + as->files[file].len;
    uint32_t line = 0;
    while (p < end && !as->stopped) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        size_t len = (size_t)(e - p);
        if (len && p[len - 1] == '\r')
            len--;
        pass1_line(as, file, ++line, p, len);
        p = nl ? nl + 1 : end;
    }
}

/* Pass 2: evaluate and emit every statement that passed pass 1. */
void pass2(assembler *as)
{
    as->pass = 2;
    for (size_t i = 0; i < as->nstmts && !as->stopped; i++) {
        stmt *st = &as->stmts[i];
        if (st->failed)
            continue;
        switch (st->kind) {
        case ST_INSN: insn_statement(as, st); break;
        case ST_PSEUDO: pseudo_statement(as, st); break;
        case ST_DIRECTIVE: directive_statement(as, st); break;
        default: break;
        }
    }
}
