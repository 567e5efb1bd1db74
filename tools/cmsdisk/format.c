/*
 * format.c -- write a new, empty file system (header and directory) and
 * write a boot image at block 0.
 */
#include "cmsdisk.h"

#include <string.h>

/* Refuse a disk whose file system (if any) is damaged: every command does. */
static int check_existing(cms_disk *d, cms_err *e)
{
    uint32_t origin;
    if (cms_fs_find_origin(d, &origin))
        return CMS_OK;
    cms_fs fs;
    if (cms_fs_open(&fs, d, e))
        return CMS_FAIL;
    cms_fs_close(&fs);
    return CMS_OK;
}

/* Are the n bytes at p all zero? */
static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

/* Write an empty file system at `origin` (0 or 128) with `dirblocks`
   directory blocks.  Without force the disk must have no file system and
   its blocks from the origin on must be zero (nothing is overwritten). */
int cms_op_format(cms_disk *d, uint32_t origin, const char *label, uint32_t dirblocks,
                  bool force, cms_err *e)
{
    char lab[CMS_NAME_LEN + 1] = "";
    if (label && *label && cms_name_parse(label, lab, "label", e))
        return CMS_USAGE;
    if (origin != 0 && origin != CMS_SYSTEM_ORIGIN) {
        cms_fail(e, "bad origin %u: a file system starts at block 0 or %d", origin,
                 CMS_SYSTEM_ORIGIN);
        return CMS_USAGE;
    }
    uint32_t old;
    if (!cms_fs_find_origin(d, &old) && !force)
        return cms_fail(e, "%s: already has a CMS file system at block %u (--force replaces "
                        "it and loses its files)", d->path, old);
    if (origin >= d->blocks || dirblocks == 0 || dirblocks >= d->blocks - origin)
        return cms_fail(e, "%s: %u blocks cannot hold a file system at block %u with %u "
                        "directory blocks", d->path, d->blocks, origin, dirblocks);
    if (!force && !all_zero(d->bytes + (size_t)origin * CMS_BLOCK,
                            d->size - (size_t)origin * CMS_BLOCK))
        return cms_fail(e, "%s: blocks %u to %u are not empty (a boot image longer than "
                        "64 KiB, or other data; --force overwrites them)", d->path, origin,
                        d->blocks - 1);
    for (uint32_t o = 0; o <= CMS_SYSTEM_ORIGIN; o += CMS_SYSTEM_ORIGIN)
        if (o < d->blocks && !memcmp(d->bytes + (size_t)o * CMS_BLOCK, CMS_MAGIC, 8))
            memset(d->bytes + (size_t)o * CMS_BLOCK, 0, CMS_BLOCK);
    unsigned char *h = d->bytes + (size_t)origin * CMS_BLOCK;
    memset(h, 0, ((size_t)dirblocks + 1) * CMS_BLOCK);
    memcpy(h, CMS_MAGIC, 8);
    cms_put32(h + 8, d->blocks - origin);
    cms_put32(h + 12, dirblocks);
    memset(h + 16, ' ', CMS_NAME_LEN);
    memcpy(h + 16, lab, strlen(lab));
    return CMS_OK;
}

/* Write a pgas image at block 0: it must fit the disk, end below a file
   system at block 128, and not overwrite one at block 0.  The rest of its
   last block (and of the first 4 KiB, or of all 64 KiB before a file
   system at 128) is cleared. */
int cms_op_boot(cms_disk *d, const char *name, const unsigned char *image, size_t size,
                cms_err *e)
{
    if (check_existing(d, e))
        return CMS_FAIL;
    uint32_t origin;
    bool has_fs = !cms_fs_find_origin(d, &origin);
    if (size < 8)
        return cms_fail(e, "%s: %zu bytes is too short for an image (the IPL PSW takes 8)",
                        name, size);
    if (d->blocks < 4096 / CMS_BLOCK)
        return cms_fail(e, "%s: %u blocks cannot be IPLed (IPL reads 4096 bytes)", d->path,
                        d->blocks);
    if (has_fs && origin == 0)
        return cms_fail(e, "%s: has a CMS file system at block 0; a boot image would "
                        "overwrite it", d->path);
    if (has_fs && size > CMS_BOOT_LIMIT)
        return cms_fail(e, "%s: %zu bytes does not fit below the file system at block %d of "
                        "%s (at most %d bytes)", name, size, CMS_SYSTEM_ORIGIN, d->path,
                        CMS_BOOT_LIMIT);
    if (size > d->size)
        return cms_fail(e, "%s: %zu bytes does not fit on %s (%u blocks, %zu bytes)", name,
                        size, d->path, d->blocks, d->size);
    size_t clear = (size + CMS_BLOCK - 1) / CMS_BLOCK * CMS_BLOCK;
    if (clear < 4096)
        clear = 4096;
    if (has_fs)
        clear = CMS_BOOT_LIMIT;
    memset(d->bytes, 0, clear);
    memcpy(d->bytes, image, size);
    return CMS_OK;
}
