/*
 * pgdis.c -- the PG32 disassembler: an image (and its symbol file) in, one
 * line a word out.  The instruction text comes from pg_disassemble, so pgdis
 * knows no instruction itself.
 */
#include "isa.h"
#include "pgdis.h"
#include "symfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What to show: [start, end) of an image of size bytes. */
typedef struct range {
    uint32_t start;
    uint64_t end;
} range;

/* Check the requested range against the image; false with the reason in err. */
static bool resolve_range(const pgdis_args *a, size_t size, range *r, char *err,
                          size_t errsize)
{
    r->start = a->have_start ? a->start : 0;
    r->end = size;
    if (r->start % 4 != 0) {
        snprintf(err, errsize, "start address 0x%08x is not word-aligned", (unsigned)r->start);
        return false;
    }
    if (a->have_start && r->start >= size) {
        snprintf(err, errsize, "start address 0x%08x is outside the image (0x%zx bytes)",
                 (unsigned)r->start, size);
        return false;
    }
    if (a->have_end) {
        if (a->end > size) {
            snprintf(err, errsize, "end address 0x%08x is beyond the image (0x%zx bytes)",
                     (unsigned)a->end, size);
            return false;
        }
        if (a->end < r->start) {
            snprintf(err, errsize, "end address 0x%08x is below the start 0x%08x",
                     (unsigned)a->end, (unsigned)r->start);
            return false;
        }
        r->end = a->end;
    } else if (a->have_count) {
        /* Every word asked for must start inside the image; the last may be partial. */
        uint64_t want = (uint64_t)r->start + 4 * (uint64_t)a->count;
        if (a->count > 0 && want - 4 >= size) {
            snprintf(err, errsize, "%u words from 0x%08x run past the image (0x%zx bytes)",
                     (unsigned)a->count, (unsigned)r->start, size);
            return false;
        }
        r->end = want < size ? want : size;
    }
    return true;
}

/* Load the symbols: -s, else the image's own symbol file if there is one. */
static bool load_symbols(const pgdis_args *a, pg_symtab *tab, bool *have,
                         char *err, size_t errsize)
{
    *have = false;
    char *own = NULL;
    const char *path = a->symfile;
    if (!path) {
        own = pg_symfile_path(a->image);
        if (!own) {
            snprintf(err, errsize, "out of memory");
            return false;
        }
        /* No symbol file is normal (pgas -o with no symbols, a foreign image). */
        if (access(own, F_OK) != 0 || strcmp(own, a->image) == 0) {
            free(own);
            return true;
        }
        path = own;
    }
    bool ok = pg_symfile_read(path, tab, err, errsize);
    free(own);
    *have = ok;
    return ok;
}

/* Print the labels whose value lies in [addr, addr + 4), from *next on. */
static void print_labels(FILE *out, const pg_symtab *tab, size_t *next, size_t nlabels,
                         uint64_t addr)
{
    for (; *next < nlabels && tab->syms[*next].value < addr + 4; ++*next) {
        const pg_symbol *s = &tab->syms[*next];
        if (s->value == addr)
            fprintf(out, "%s:\n", s->name);
        else        /* a label inside the word, e.g. on a string's odd byte */
            fprintf(out, "%s:  ; at 0x%08x\n", s->name, (unsigned)s->value);
    }
}

/* Print one word, or the partial word at the end as bytes. */
static void print_word(FILE *out, const uint8_t *image, uint64_t addr, uint64_t end,
                       const pg_symtab *tab)
{
    const uint8_t *p = image + addr;
    if (end - addr < 4) {
        char hex[9] = "", text[64] = ".byte ";
        size_t tl = strlen(text);
        for (uint64_t i = 0; i < end - addr; i++) {
            snprintf(hex + 2 * i, sizeof hex - 2 * i, "%02x", p[i]);
            tl += (size_t)snprintf(text + tl, sizeof text - tl, "%s0x%02x", i ? ", " : "", p[i]);
        }
        fprintf(out, "%08x  %-8s  %s\n", (unsigned)addr, hex, text);
        return;
    }
    uint32_t word = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    char text[160];
    pg_disassemble(word, (uint32_t)addr, text, sizeof text,
                   tab ? pg_symtab_lookup : NULL, (void *)tab);
    fprintf(out, "%08x  %08x  %s\n", (unsigned)addr, (unsigned)word, text);
}

/* Disassemble [r.start, r.end) of the image to out. */
static void disassemble(FILE *out, const uint8_t *image, range r, const pg_symtab *tab)
{
    size_t nlabels = tab ? pg_symtab_label_count(tab) : 0;
    size_t next = tab ? pg_symtab_label_index(tab, r.start) : 0;
    for (uint64_t addr = r.start; addr < r.end; addr += 4) {
        if (tab)
            print_labels(out, tab, &next, nlabels, addr);
        print_word(out, image, addr, r.end, tab);
    }
}

/* Parse, load, check the range, disassemble; every error is one line and status 2. */
int main(int argc, char **argv)
{
    char err[512];
    pgdis_args a;
    if (!pgdis_parse_args(argc, argv, &a, err, sizeof err)) {
        fprintf(stderr, "pgdis: %s\n", err);
        return 2;
    }
    if (a.help) {
        fputs(pgdis_usage, stdout);
        return 0;
    }
    uint8_t *image;
    size_t size;
    if (!pgdis_load_image(a.image, &image, &size, err, sizeof err)) {
        fprintf(stderr, "pgdis: %s\n", err);
        return 2;
    }
    int status = 2;
    pg_symtab tab = {0};
    bool have_syms = false;
    range r;
    if (!resolve_range(&a, size, &r, err, sizeof err)
        || !load_symbols(&a, &tab, &have_syms, err, sizeof err)) {
        fprintf(stderr, "pgdis: %s\n", err);
        goto done;
    }
    disassemble(stdout, image, r, have_syms ? &tab : NULL);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("pgdis: writing the listing");
        goto done;
    }
    status = 0;
done:
    pg_symtab_free(&tab);
    free(image);
    return status;
}
