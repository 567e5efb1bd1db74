/*
 * image.c -- reading an image file (pgas's output) for pgsim and pgvmm.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"

/* Read the image at path, at most max bytes and at least the 8-byte IPL PSW,
   into a malloc'd buffer; false with "path: reason" in err. */
bool pgsim_read_image(const char *path, uint32_t max, uint8_t **image, size_t *len,
                      char *err, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, n, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    uint8_t *buf = malloc(max ? max : 1);
    size_t got = buf ? fread(buf, 1, max, f) : 0;
    bool too_big = buf && got == max && fgetc(f) != EOF;
    int read_errno = ferror(f) ? errno : 0;
    fclose(f);
    if (!buf)
        snprintf(err, n, "%s: out of memory", path);
    else if (too_big)
        snprintf(err, n, "%s: image is larger than storage (%u bytes; try --mem)", path, max);
    else if (read_errno)
        snprintf(err, n, "%s: cannot read: %s", path, strerror(read_errno));
    else if (got < 8)
        snprintf(err, n, "%s: image is %zu bytes; it needs at least the 8-byte IPL PSW", path, got);
    else {
        *image = buf;
        *len = got;
        return true;
    }
    free(buf);
    return false;
}
