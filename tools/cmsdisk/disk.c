/*
 * disk.c -- a disk image in memory: loaded whole, checked for its size, and
 * saved whole through a temporary file in the same folder that rename(2)
 * puts in place, so a failure at any point leaves the old image as it was.
 */
#include "cmsdisk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Load the image at path and check that it is a whole number of blocks. */
int cms_disk_load(cms_disk *d, const char *path, cms_err *e)
{
    memset(d, 0, sizeof *d);
    d->path = path;
    if (cms_read_file(path, &d->bytes, &d->size, e))
        return CMS_FAIL;
    if (d->size == 0 || d->size % CMS_BLOCK) {
        cms_fail(e, "%s: damaged disk: %zu bytes is not a positive multiple of %d",
                 path, d->size, CMS_BLOCK);
        cms_disk_free(d);
        return CMS_FAIL;
    }
    d->blocks = (uint32_t)(d->size / CMS_BLOCK);
    return CMS_OK;
}

/* A new all-zero image of the given size, not yet written. */
int cms_disk_new(cms_disk *d, const char *path, uint32_t blocks, cms_err *e)
{
    memset(d, 0, sizeof *d);
    d->path = path;
    if (blocks == 0 || blocks > CMS_MAX_BLOCKS)
        return cms_fail(e, "%s: %u blocks: a disk has 1 to %u blocks", path, blocks,
                        CMS_MAX_BLOCKS);
    d->size = (size_t)blocks * CMS_BLOCK;
    d->blocks = blocks;
    d->bytes = calloc(d->size, 1);
    if (!d->bytes)
        return cms_fail(e, "%s: out of memory", path);
    return CMS_OK;
}

/* Write all of buf to fd. */
static int write_all(int fd, const unsigned char *buf, size_t n)
{
    while (n) {
        ssize_t w = write(fd, buf, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Write n bytes to PATH.tmpXXXXXX beside path, flush them, and rename the
   copy over path (keeping an old file's permissions): path is either
   untouched or wholly replaced. */
int cms_write_atomic(const char *path, const unsigned char *bytes, size_t n, cms_err *e)
{
    size_t len = strlen(path);
    char *tmp = malloc(len + 16);
    if (!tmp)
        return cms_fail(e, "%s: out of memory", path);
    memcpy(tmp, path, len);
    memcpy(tmp + len, ".tmpXXXXXX", 11);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        cms_fail(e, "%s: cannot create a temporary copy beside it: %s", path, strerror(errno));
        free(tmp);
        return CMS_FAIL;
    }
    struct stat st;
    mode_t mode;
    if (stat(path, &st) == 0)
        mode = st.st_mode & 07777;
    else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int bad = fchmod(fd, mode) || write_all(fd, bytes, n) || fsync(fd);
    int saved = errno;
    if (close(fd) && !bad) {
        bad = 1;
        saved = errno;
    }
    if (!bad && rename(tmp, path)) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        cms_fail(e, "%s: cannot write (left unchanged): %s", path, strerror(saved));
        unlink(tmp);
    }
    free(tmp);
    return bad ? CMS_FAIL : CMS_OK;
}

/* Save the whole image in place of the old one. */
int cms_disk_save(const cms_disk *d, cms_err *e)
{
    return cms_write_atomic(d->path, d->bytes, d->size, e);
}

/* Release the image's bytes. */
void cms_disk_free(cms_disk *d)
{
    free(d->bytes);
    d->bytes = NULL;
    d->size = 0;
    d->blocks = 0;
}
