/*
 * pgasm.c -- the library's entry points: set up an assembler, run the two
 * passes, hand over the image, symbols and listing, and free everything.
 */
#include "asm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Free everything the assembler holds. */
static void assembler_free(assembler *as)
{
    for (size_t i = 0; i < as->nfiles; i++) {
        free(as->files[i].name);
        free(as->files[i].text);
    }
    free(as->files);
    free(as->stmts);
    free(as->toks.v);
    sym_free(&as->syms);
    image_free(&as->img);
}

/* Copy the results out of a successful assembly; false when out of memory. */
static bool fill_output(const assembler *as, bool want_listing, pgasm_output *out)
{
    uint32_t size = as->img.size;
    out->image = malloc(size ? size : 1);
    if (!out->image)
        return false;
    if (size)
        memcpy(out->image, as->img.bytes, size);
    out->size = size;
    if (!define_export(as, &out->symbols))
        return false;
    if (want_listing && !(out->listing = listing_build(as)))
        return false;
    return true;
}

/* Assemble files[0], already added; consumes the assembler. */
static int run(assembler *as, bool want_listing, pgasm_output *out)
{
    if (!define_predefined(as))
        asm_nomem(as);
    as->pass = 1;
    if (!as->stopped)
        pass1_file(as, 0);
    if (!as->stopped)
        define_resolve_pending(as);
    if (!as->stopped)
        pass2(as);
    if (as->nerrors == 0 && !fill_output(as, want_listing, out)) {
        pgasm_output_free(out);
        asm_nomem(as);
    }
    int n = as->nerrors;
    assembler_free(as);
    return n;
}

/* A fresh assembler with its top-level file. */
static bool start(assembler *as, FILE *errs, const char *name, char *text, size_t len)
{
    memset(as, 0, sizeof *as);
    as->errs = errs ? errs : stderr;
    char *n = strdup(name);
    size_t index;
    if (!n || !text || !source_add(as, n, text, len, &index)) {
        free(n);
        free(text);
        fprintf(as->errs, "%s: error: out of memory\n", name);
        return false;
    }
    as->incl[0] = source_identity(name);
    return true;
}

/* Assemble text as the file `name`. */
int pgasm_assemble_string(const char *name, const char *text, bool want_listing,
                          pgasm_output *out, FILE *errs)
{
    memset(out, 0, sizeof *out);
    assembler as;
    size_t len = strlen(text);
    char *copy = malloc(len + 1);
    if (copy)
        memcpy(copy, text, len + 1);
    if (!start(&as, errs, name, copy, len)) {
        assembler_free(&as);
        return 1;
    }
    return run(&as, want_listing, out);
}

/* Assemble the file at path. */
int pgasm_assemble_file(const char *path, bool want_listing, pgasm_output *out, FILE *errs)
{
    memset(out, 0, sizeof *out);
    size_t len = 0;
    char *text = source_read(path, &len);
    if (!text) {
        fprintf(errs ? errs : stderr, "%s: error: cannot read: %s\n", path, strerror(errno));
        return 1;
    }
    assembler as;
    if (!start(&as, errs, path, text, len)) {
        assembler_free(&as);
        return 1;
    }
    return run(&as, want_listing, out);
}

/* Free an output and leave it empty. */
void pgasm_output_free(pgasm_output *out)
{
    free(out->image);
    pg_symtab_free(&out->symbols);
    free(out->listing);
    memset(out, 0, sizeof *out);
}
