/*
 * diag.c -- error messages in gcc's form, and the error limit.
 */
#include "asm.h"

#include <stdarg.h>

/* Count an error; at the limit, say so and stop the assembly.  False when
   the error must not be printed (the assembly has already stopped). */
static bool count_error(assembler *as)
{
    if (as->stopped)
        return false;
    as->nerrors++;
    return true;
}

/* After printing an error: stop once the limit is reached. */
static void check_limit(assembler *as)
{
    if (as->nerrors >= PGASM_MAX_ERRORS && !as->stopped) {
        fprintf(as->errs, "%s: note: stopping after %d errors\n",
                as->nfiles ? as->files[0].name : "pgas", as->nerrors);
        as->stopped = true;
    }
}

/* Print the message, the source line, and a caret under column col; the
   caret line copies the line's tabs so that it lines up in a terminal. */
void asm_error(assembler *as, stmt *st, const char *at, const char *fmt, ...)
{
    st->failed = true;
    if (!count_error(as))
        return;
    size_t col = 0;
    if (at >= st->text && at <= st->text + st->len)
        col = (size_t)(at - st->text);
    fprintf(as->errs, "%s:%u:%zu: error: ", as->files[st->file].name, st->line, col + 1);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(as->errs, fmt, ap);
    va_end(ap);
    fprintf(as->errs, "\n%.*s\n", (int)st->len, st->text);
    for (size_t i = 0; i < col; i++)
        fputc(st->text[i] == '\t' ? '\t' : ' ', as->errs);
    fputs("^\n", as->errs);
    check_limit(as);
}

/* An error about a file as a whole. */
void asm_error_plain(assembler *as, const char *name, const char *fmt, ...)
{
    if (!count_error(as))
        return;
    fprintf(as->errs, "%s: error: ", name);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(as->errs, fmt, ap);
    va_end(ap);
    fputc('\n', as->errs);
    check_limit(as);
}

/* Out of memory ends the assembly: nothing sensible can follow. */
void asm_nomem(assembler *as)
{
    if (as->stopped)
        return;
    asm_error_plain(as, as->nfiles ? as->files[0].name : "pgas", "out of memory");
    as->stopped = true;
}

/* A token as messages quote it; long ones (strings) are cut short. */
const char *tok_describe(const token *t, char buf[48])
{
    if (t->kind == TK_END)
        snprintf(buf, 48, "end of line");
    else if (t->len > 40)
        snprintf(buf, 48, "'%.36s...'", t->start);
    else
        snprintf(buf, 48, "'%.*s'", (int)t->len, t->start);
    return buf;
}
