/*
 * symfile.c -- symbol files on disk: the path rule, the writer and the reader.
 * The format is described in symfile.h.
 */
#include "symfile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* The image's extension replaced by ".sym", or ".sym" appended. */
char *pg_symfile_path(const char *image_path)
{
    const char *slash = strrchr(image_path, '/');
    const char *base = slash ? slash + 1 : image_path;
    const char *dot = strrchr(base, '.');
    /* ".profile" is a name, not an extension: keep it, as splitext does. */
    size_t keep = dot && dot != base ? (size_t)(dot - image_path) : strlen(image_path);
    char *path = malloc(keep + sizeof ".sym");
    if (!path)
        return NULL;
    memcpy(path, image_path, keep);
    memcpy(path + keep, ".sym", sizeof ".sym");
    return path;
}

/* A name the reader takes back: non-empty, printable, no blanks. */
static bool name_ok(const char *name, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c <= ' ' || c == 0x7F)
            return false;
    }
    return true;
}

/* File order: by value, then name (the assembler's table may be in any order). */
static int file_order(const void *pa, const void *pb)
{
    const pg_symbol *a = *(const pg_symbol *const *)pa;
    const pg_symbol *b = *(const pg_symbol *const *)pb;
    if (a->value != b->value)
        return a->value < b->value ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Write every symbol; refuse a table the reader could not read back. */
bool pg_symfile_write(const char *path, const pg_symtab *tab)
{
    for (size_t i = 0; i < tab->count; i++) {
        const pg_symbol *s = &tab->syms[i];
        if ((s->kind != 'T' && s->kind != 'A') || !s->name
            || !name_ok(s->name, strlen(s->name))) {
            errno = EINVAL;
            return false;
        }
    }
    /* Sort pointers, so the caller's table stays as it was. */
    const pg_symbol **order = malloc((tab->count ? tab->count : 1) * sizeof *order);
    if (!order)
        return false;
    for (size_t i = 0; i < tab->count; i++)
        order[i] = &tab->syms[i];
    qsort(order, tab->count, sizeof *order, file_order);

    FILE *f = fopen(path, "w");
    if (!f) {
        free(order);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < tab->count && ok; i++)
        ok = fprintf(f, "%08x %c %s\n", (unsigned)order[i]->value, order[i]->kind,
                     order[i]->name) >= 0;
    int saved = errno;
    free(order);
    if (fclose(f) != 0 && ok)
        return false;
    if (!ok)
        errno = saved;
    return ok;
}

/* Format a one-line message into err, if there is room for one. */
static void say(char *err, size_t errsize, const char *fmt, ...)
{
    if (!err || errsize == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
}

/* The value of a hex digit, or -1. */
static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Skip blanks (spaces and tabs) from p up to end. */
static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/*
 * Parse one line (without its newline) into *sym, the name pointing into the
 * line; NULL on success, else the reason it is malformed.
 */
static const char *parse_line(const char *p, const char *end, pg_symbol *sym,
                              size_t *name_len)
{
    uint32_t value = 0;
    int digits = 0;
    for (; p < end && hex_digit(*p) >= 0; p++, digits++) {
        if (digits == 8)
            return "value has more than 8 hex digits";
        value = value << 4 | (uint32_t)hex_digit(*p);
    }
    if (digits == 0)
        return "expected a hex value";
    if (p == end || (*p != ' ' && *p != '\t'))
        return "expected a blank after the value";
    p = skip_blanks(p, end);
    if (p == end || (*p != 'T' && *p != 'A'))
        return "expected kind T or A";
    char kind = *p++;
    if (p == end || (*p != ' ' && *p != '\t'))
        return "expected a blank after the kind";
    p = skip_blanks(p, end);
    if (p == end)
        return "missing symbol name";
    const char *name = p;
    while (p < end && (unsigned char)*p > ' ' && *p != 0x7F)
        p++;
    const char *name_end = p;
    p = skip_blanks(p, end);
    if (p != end)
        return (unsigned char)*p < ' ' || *p == 0x7F ? "control character in symbol name"
                                                     : "unexpected text after the name";
    sym->value = value;
    sym->kind = kind;
    sym->name = (char *)name;
    *name_len = (size_t)(name_end - name);
    return NULL;
}

/* Append a copy of sym (its name len bytes long) to tab; false when out of memory. */
static bool append(pg_symtab *tab, size_t *cap, const pg_symbol *sym, size_t len)
{
    if (tab->count == *cap) {
        size_t ncap = *cap ? 2 * *cap : 64;
        pg_symbol *n = realloc(tab->syms, ncap * sizeof *n);
        if (!n)
            return false;
        tab->syms = n;
        *cap = ncap;
    }
    char *name = malloc(len + 1);
    if (!name)
        return false;
    memcpy(name, sym->name, len);
    name[len] = '\0';
    tab->syms[tab->count++] = (pg_symbol){sym->value, sym->kind, name};
    return true;
}

/* Read line by line; on any error free what was read and say why. */
bool pg_symfile_read(const char *path, pg_symtab *tab, char *err, size_t errsize)
{
    tab->syms = NULL;
    tab->count = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        say(err, errsize, "%s: %s", path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t line_cap = 0, cap = 0;
    unsigned long lineno = 0;
    bool ok = true;
    ssize_t n;
    while (ok && (n = getline(&line, &line_cap, f)) >= 0) {
        lineno++;
        const char *end = line + n;
        if (end > line && end[-1] == '\n')
            end--;
        if (end > line && end[-1] == '\r')
            end--;
        if (skip_blanks(line, end) == end)
            continue;
        pg_symbol sym;
        size_t len;
        const char *why = parse_line(line, end, &sym, &len);
        if (why) {
            say(err, errsize, "%s:%lu: %s", path, lineno, why);
            ok = false;
        } else if (!append(tab, &cap, &sym, len)) {
            say(err, errsize, "%s:%lu: out of memory", path, lineno);
            ok = false;
        }
    }
    if (ok && ferror(f)) {
        say(err, errsize, "%s: %s", path, strerror(errno));
        ok = false;
    }
    free(line);
    fclose(f);
    if (!ok) {
        pg_symtab_free(tab);
        return false;
    }
    pg_symtab_sort(tab);
    return true;
}
