/*
 * listing.c -- the listing of a successful assembly: each source line as
 *
 *     AAAAAAAA  WWWWWWWW  source
 *
 * the address, up to four bytes it emitted (in hex, as they lie in memory),
 * and the line; more bytes go on continuation lines with address and bytes
 * only.  An equate shows its value in the bytes column; .space and .align
 * show only the address (their bytes are zeros); blank and comment lines
 * only the text.
 */
#include "asm.h"

#include <stdlib.h>
#include <string.h>

/* One row: the two columns (either may be empty) and the text, with no
   trailing blanks. */
static void row(FILE *f, const char *addr, const char *data, const char *text, size_t len)
{
    char prefix[32];
    snprintf(prefix, sizeof prefix, "%-8s  %-8s  ", addr, data);
    size_t n = strlen(prefix);
    if (len == 0)
        while (n && prefix[n - 1] == ' ')
            n--;
    fprintf(f, "%.*s%.*s\n", (int)n, prefix, (int)len, text);
}

/* The value an equate statement gave its symbol. */
static uint32_t equate_value(const assembler *as, const stmt *st)
{
    size_t name = asm_tok(as, st->head)->kind == TK_DIRECTIVE ? st->head + 1 : st->head;
    const token *t = asm_tok(as, name);
    const asm_sym *s = sym_find(&as->syms, t->start, t->len);
    return s ? (uint32_t)(uint64_t)s->value : 0;
}

/* The rows of one statement. */
static void stmt_rows(FILE *f, const assembler *as, const stmt *st)
{
    char addr[16] = "", data[16] = "";
    bool bytes = st->kind == ST_INSN || st->kind == ST_PSEUDO ||
                 (st->kind == ST_DIRECTIVE && directive_lists_bytes(st->id));
    if (st->kind == ST_EQU) {
        snprintf(data, sizeof data, "%08x", equate_value(as, st));
    } else if (st->kind != ST_EMPTY || st->head > st->tok) {
        snprintf(addr, sizeof addr, "%08x", (uint32_t)(bytes ? st->emit : st->label));
    }
    if (!bytes || st->size == 0) {
        row(f, addr, data, st->text, st->len);
        return;
    }
    for (uint32_t off = 0; off < st->size; off += 4) {
        uint32_t n = st->size - off < 4 ? st->size - off : 4;
        for (uint32_t k = 0; k < n; k++)
            snprintf(data + 2 * k, 3, "%02x", as->img.bytes[st->emit + off + k]);
        snprintf(addr, sizeof addr, "%08x", (uint32_t)(st->emit + off));
        row(f, addr, data, off ? "" : st->text, off ? 0 : st->len);
    }
}

/* Write every statement's rows into one string. */
char *listing_build(const assembler *as)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    for (size_t i = 0; i < as->nstmts; i++)
        stmt_rows(f, as, &as->stmts[i]);
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0 || bad) {
        free(buf);
        return NULL;
    }
    return buf;
}
