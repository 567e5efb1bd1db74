/*
 * bytes.c -- big-endian words and reading a whole host file.
 */
#include "cmsdisk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The big-endian word at p. */
uint32_t cms_get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Store v at p, big-endian. */
void cms_put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Read the whole file at path into a new buffer (at least one byte is
   allocated, so an empty file gives a valid pointer and size 0). */
int cms_read_file(const char *path, unsigned char **bytes, size_t *size, cms_err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cms_fail(e, "%s: cannot open: %s", path, strerror(errno));
    size_t cap = 65536, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            if (cap >= (size_t)CMS_MAX_BLOCKS * CMS_BLOCK) {
                free(buf);
                fclose(f);
                return cms_fail(e, "%s: too large (more than %u MiB)", path,
                                CMS_MAX_BLOCKS / 2048);
            }
            unsigned char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    const char *why = !buf ? "out of memory" : ferror(f) ? strerror(errno) : NULL;
    if (why) {
        cms_fail(e, "%s: cannot read: %s", path, why);
        free(buf);
        fclose(f);
        return CMS_FAIL;
    }
    fclose(f);
    *bytes = buf;
    *size = n;
    return CMS_OK;
}
