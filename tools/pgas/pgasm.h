/*
 * pgasm.h -- the PG32 assembler as a library (pgas is its command line).
 *
 * Source text in, a raw memory image from real address 0 out, plus the
 * symbols and, on request, a listing.  The library never prints to stdout;
 * error messages go to the FILE * the caller gives, in gcc's form:
 *
 *     file:line:col: error: message
 *     the source line
 *         ^
 *
 * The language is described in isa-spec/assembler.md.  No global state: any
 * number of assemblies may run in one process, one after another or at once.
 */
#ifndef PGASM_H
#define PGASM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "symfile.h"

/* The most bytes an image may hold (64 MiB). */
#define PGASM_MAX_IMAGE (64u * 1024u * 1024u)

/* An assembly stops after this many errors. */
#define PGASM_MAX_ERRORS 50

/* .include files may nest this deep. */
#define PGASM_MAX_INCLUDE_DEPTH 16

typedef struct pgasm_output {
    uint8_t *image;      /* raw memory image from real address 0 to the last emitted byte (malloc'd) */
    uint32_t size;
    pg_symtab symbols;   /* labels ('T') and equates ('A'), excluding the predefined S W T I E */
    char *listing;       /* listing text when requested, else NULL */
} pgasm_output;

/*
 * Assemble source text as if read from file `name` (used for messages and for
 * .include relative paths).  Errors (file:line:col: error: message, the source
 * line, a caret line) go to errs; returns the number of errors (0 = success,
 * output filled; otherwise *out is left empty and needs no freeing).
 */
int pgasm_assemble_string(const char *name, const char *text, bool want_listing,
                          pgasm_output *out, FILE *errs);

/* The same for a file read from path. */
int pgasm_assemble_file(const char *path, bool want_listing, pgasm_output *out, FILE *errs);

/* Free everything in *out and leave it empty. */
void pgasm_output_free(pgasm_output *out);

#endif
