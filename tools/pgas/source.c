/*
 * source.c -- reading source files, and .include: a path relative to the
 * including file, at most 16 deep, never a file that is already being read.
 */
#include "asm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Read a whole file (any kind: a pipe works too), NUL-terminated. */
char *source_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - 1 - n, f);
        if (ferror(f) || n < cap - 1)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            errno = ENOMEM;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        int e = errno ? errno : EIO;
        free(buf);
        buf = NULL;
        errno = e;
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Keep a file for the rest of the assembly. */
bool source_add(assembler *as, char *name, char *text, size_t len, size_t *index)
{
    if (as->nfiles == as->capfiles) {
        size_t cap = as->capfiles ? as->capfiles * 2 : 8;
        asm_file *f = realloc(as->files, cap * sizeof *f);
        if (!f)
            return false;
        as->files = f;
        as->capfiles = cap;
    }
    as->files[as->nfiles] = (asm_file){ name, text, len };
    *index = as->nfiles++;
    return true;
}

/* Device and inode, which name a file whatever path reaches it. */
incl_id source_identity(const char *path)
{
    struct stat sb;
    incl_id id = { 0 };
    if (stat(path, &sb) == 0) {
        id.known = true;
        id.dev = sb.st_dev;
        id.ino = sb.st_ino;
    }
    return id;
}

/* rel as seen from the file `from`: in from's directory unless absolute. */
static char *resolve(const char *from, const char *rel)
{
    const char *slash = strrchr(from, '/');
    size_t dir = rel[0] == '/' || !slash ? 0 : (size_t)(slash - from) + 1;
    size_t n = strlen(rel);
    char *path = malloc(dir + n + 1);
    if (path) {
        memcpy(path, from, dir);
        memcpy(path + dir, rel, n + 1);
    }
    return path;
}

/* Is the file with this identity one of those being read? */
static bool being_read(const assembler *as, incl_id id)
{
    for (int i = 0; i <= as->depth; i++)
        if (id.known && as->incl[i].known && as->incl[i].dev == id.dev && as->incl[i].ino == id.ino)
            return true;
    return false;
}

/* Read the included file and run pass 1 over its lines, right after the
   .include line. */
void source_include(assembler *as, size_t si)
{
    stmt *st = &as->stmts[si];
    const token *t = asm_tok(as, st->head + 1);
    size_t n = lex_string_bytes(t, NULL);
    char *rel = malloc(n + 1);
    if (!rel) {
        asm_nomem(as);
        return;
    }
    lex_string_bytes(t, (uint8_t *)rel);
    rel[n] = '\0';
    if (n == 0 || strlen(rel) != n) {
        asm_error(as, st, t->start, n == 0 ? "empty file name" : "a file name cannot contain \\0");
        free(rel);
        return;
    }
    char *path = resolve(as->files[st->file].name, rel);
    free(rel);
    if (!path) {
        asm_nomem(as);
        return;
    }
    incl_id id = source_identity(path);
    size_t len = 0, fi;
    char *text = NULL;
    if (as->depth >= PGASM_MAX_INCLUDE_DEPTH) {
        asm_error(as, st, t->start, ".include nested more than %d deep", PGASM_MAX_INCLUDE_DEPTH);
    } else if (being_read(as, id)) {
        asm_error(as, st, t->start, "recursive .include: '%s' is already being read", path);
    } else if (!(text = source_read(path, &len))) {
        asm_error(as, st, t->start, "cannot read '%s': %s", path, strerror(errno));
    } else if (!source_add(as, path, text, len, &fi)) {
        free(text);
        asm_nomem(as);
    } else {
        as->incl[++as->depth] = id;
        pass1_file(as, fi);         /* st may move: not used past here */
        as->depth--;
        return;
    }
    free(path);
}
