/*
 * symfile.h -- symbol files: the assembler writes one beside each image, and
 * the disassembler and the monitor read it to put names on addresses.
 *
 * A symbol file is text, one symbol a line, sorted by value then name:
 *
 *     00000200 T start
 *     0000000a A COUNT
 *
 * The value is hexadecimal (the writer always gives 8 digits; the reader takes
 * 1 to 8), the kind is T for a label (an address) or A for an absolute value
 * (an equate), and the name is any run of printable non-blank characters.
 * Fields are separated by blanks; blank lines are ignored.
 */
#ifndef PG_SYMFILE_H
#define PG_SYMFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pg_symbol {
    uint32_t value;
    char kind;                  /* 'T' label (an address), 'A' absolute (equate) */
    char *name;
} pg_symbol;

/*
 * A table of symbols.  pg_symtab_lookup and the label functions below need it
 * in *lookup order* (pg_symtab_sort): labels first, by value then name, then
 * equates, by value then name.  pg_symfile_read returns it in that order.
 */
typedef struct pg_symtab {
    pg_symbol *syms;
    size_t count;
} pg_symtab;

/* pg_symtab_lookup names an address only this close above a label. */
#define PG_SYMTAB_NEAR 4096u

/*
 * The symbol-file path for an image path: the image's extension (the last '.'
 * after the last '/', not counting a leading '.' of the file name) replaced by
 * ".sym", or ".sym" appended when it has none.  NULL when out of memory.
 * Caller frees.
 */
char *pg_symfile_path(const char *image_path);

/*
 * Write syms as text, "%08x %c %s\n" a line, sorted by value then name; false
 * on I/O error (errno set), or with errno = EINVAL for a symbol that could not
 * be read back (kind not T or A, empty name, blank or control character in it).
 */
bool pg_symfile_write(const char *path, const pg_symtab *tab);

/*
 * Read a symbol file into tab, in lookup order; false with a one-line message
 * in err ("FILE:LINE: reason", or "FILE: reason" when it cannot be read) and
 * tab empty.  Free the table with pg_symtab_free.
 */
bool pg_symfile_read(const char *path, pg_symtab *tab, char *err, size_t errsize);

/* Free every name and the array; tab is left empty. */
void pg_symtab_free(pg_symtab *tab);

/* Put tab in lookup order (a table built by hand, e.g. by the assembler). */
void pg_symtab_sort(pg_symtab *tab);

/*
 * The label ('T') at or below addr nearest to it, with *offset = addr - its
 * value (the first by name when several share that value); NULL if none, or
 * if the offset would be PG_SYMTAB_NEAR or more.  A pg_symbolizer (isa.h):
 * ctx is a const pg_symtab * in lookup order.  O(log n).
 */
const char *pg_symtab_lookup(void *ctx, uint32_t addr, uint32_t *offset);

/* The number of labels: they are syms[0 .. count) of a table in lookup order. */
size_t pg_symtab_label_count(const pg_symtab *tab);

/* The value of the label ('T') of that name (case-sensitive); false if none. */
bool pg_symtab_find(const pg_symtab *tab, const char *name, uint32_t *value);

/* Index of the first label whose value is >= addr (the label count if none). */
size_t pg_symtab_label_index(const pg_symtab *tab, uint32_t addr);

#endif
