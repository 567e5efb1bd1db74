/*
 * image.c -- read a memory image whole.  Read in growing chunks rather than
 * sized with stat, so that a pipe or /dev/stdin works too.
 */
#include "pgdis.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Images are addressed with 32 bits; anything larger cannot be one. */
#define IMAGE_MAX ((size_t)UINT32_MAX + 1)

/* Read path into a malloc'd buffer; false with "PATH: reason" in err. */
bool pgdis_load_image(const char *path, uint8_t **data, size_t *size,
                      char *err, size_t errsize)
{
    *data = NULL;
    *size = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        return false;
    }
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? 2 * cap : 65536;
            uint8_t *n = realloc(buf, ncap);
            if (!n) {
                snprintf(err, errsize, "%s: out of memory", path);
                goto fail;
            }
            buf = n;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len > IMAGE_MAX) {
            snprintf(err, errsize, "%s: larger than 4 GiB, not a PG32 image", path);
            goto fail;
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        goto fail;
    }
    fclose(f);
    *data = buf;
    *size = len;
    return true;
fail:
    free(buf);
    fclose(f);
    return false;
}
