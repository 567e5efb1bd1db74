/*
 * files.c -- put, get and erase one file of a CMS file system in memory.
 */
#include "cmsdisk.h"

#include <stdlib.h>
#include <string.h>

/* Parse fn and ft (upper-cased, checked) into the two buffers. */
static int parse_names(const char *fn, const char *ft, char n[CMS_NAME_LEN + 1],
                       char t[CMS_NAME_LEN + 1], cms_err *e)
{
    if (cms_name_parse(fn, n, "file name", e) || cms_name_parse(ft, t, "file type", e))
        return CMS_USAGE;
    return CMS_OK;
}

/* The first free directory slot, or UINT32_MAX. */
static uint32_t free_slot(const cms_fs *fs)
{
    uint32_t slots = fs->dirblocks * CMS_ENTRIES_PER_BLOCK;
    for (uint32_t s = 0; s < slots; s++)
        if (cms_fs_slot(fs, s)[0] == 0)
            return s;
    return UINT32_MAX;
}

/* What a put stores: a MODULE's bytes from 0x10000, or text ending in \n.
   *extra is 1 when a newline must be added after the data. */
static int file_bytes(const cms_fs *fs, const char *src, const char *ft,
                      const unsigned char **data, size_t *size, size_t *extra, cms_err *e)
{
    *extra = 0;
    if (!strcmp(ft, "MODULE")) {
        if (*size <= CMS_MODULE_BASE)
            return cms_fail(e, "%s: not a MODULE image: %zu bytes does not reach 0x%X "
                            "(assemble the program at .org 0x%X)", src, *size,
                            CMS_MODULE_BASE, CMS_MODULE_BASE);
        *data += CMS_MODULE_BASE;
        *size -= CMS_MODULE_BASE;
    } else if (*size && (*data)[*size - 1] != '\n')
        *extra = 1;
    if ((uint64_t)*size + *extra > (uint64_t)fs->fsblocks * CMS_BLOCK)
        return cms_fail(e, "%s: disk full: %s is %zu bytes, more than the whole file system",
                        fs->disk->path, src, *size + *extra);
    return CMS_OK;
}

/* Add fn ft (or replace the file of that name) with the host bytes. */
int cms_op_put(cms_disk *d, const char *src, const unsigned char *data, size_t size,
               const char *fn, const char *ft, cms_err *e)
{
    char n[CMS_NAME_LEN + 1], t[CMS_NAME_LEN + 1];
    if (parse_names(fn, ft, n, t, e))
        return CMS_USAGE;
    cms_fs fs;
    if (cms_fs_open(&fs, d, e))
        return CMS_FAIL;
    size_t extra;
    int rc = file_bytes(&fs, src, t, &data, &size, &extra, e);
    const cms_entry *old = cms_fs_lookup(&fs, n, t);
    uint32_t slot = old ? old->slot : free_slot(&fs);
    uint32_t length = (uint32_t)(size + extra);
    uint32_t need = (uint32_t)((size + extra + CMS_BLOCK - 1) / CMS_BLOCK);
    uint32_t first = 0, largest = 0;
    if (rc == CMS_OK && slot == UINT32_MAX)
        rc = cms_fail(e, "%s: directory full: all %u entries are in use", d->path,
                      fs.dirblocks * CMS_ENTRIES_PER_BLOCK);
    if (rc == CMS_OK && need && !cms_fs_allocate(&fs, need, slot, &first, &largest))
        rc = cms_fail(e, "%s: disk full: %s %s needs %u blocks, the largest free run has %u",
                      d->path, n, t, need, largest);
    if (rc == CMS_OK) {
        unsigned char *dst = cms_fs_block(&fs, first);
        if (need) {
            memset(dst, 0, (size_t)need * CMS_BLOCK);
            memcpy(dst, data, size);
            if (extra)
                dst[size] = '\n';
        }
        unsigned char *p = cms_fs_slot(&fs, slot);
        memset(p, 0, CMS_ENTRY_BYTES);
        cms_name_store(p, n);
        cms_name_store(p + 8, t);
        cms_put32(p + 16, first);
        cms_put32(p + 20, need);
        cms_put32(p + 24, length);
    }
    cms_fs_close(&fs);
    return rc;
}

/* Remove fn ft: its directory entry is cleared (its blocks become free). */
int cms_op_erase(cms_disk *d, const char *fn, const char *ft, cms_err *e)
{
    char n[CMS_NAME_LEN + 1], t[CMS_NAME_LEN + 1];
    if (parse_names(fn, ft, n, t, e))
        return CMS_USAGE;
    cms_fs fs;
    if (cms_fs_open(&fs, d, e))
        return CMS_FAIL;
    const cms_entry *old = cms_fs_lookup(&fs, n, t);
    int rc = CMS_OK;
    if (!old)
        rc = cms_fail(e, "%s: file %s %s not found", d->path, n, t);
    else
        memset(cms_fs_slot(&fs, old->slot), 0, CMS_ENTRY_BYTES);
    cms_fs_close(&fs);
    return rc;
}

/* A copy of fn ft's bytes (a MODULE's with 0x10000 zero bytes before them
   when `image` asks for a loadable pgas image). */
int cms_op_get(cms_disk *d, const char *fn, const char *ft, bool image,
               unsigned char **out, size_t *size, cms_err *e)
{
    char n[CMS_NAME_LEN + 1], t[CMS_NAME_LEN + 1];
    if (parse_names(fn, ft, n, t, e))
        return CMS_USAGE;
    cms_fs fs;
    if (cms_fs_open(&fs, d, e))
        return CMS_FAIL;
    const cms_entry *f = cms_fs_lookup(&fs, n, t);
    int rc = CMS_OK;
    size_t skip = image && !strcmp(t, "MODULE") ? CMS_MODULE_BASE : 0;
    if (!f)
        rc = cms_fail(e, "%s: file %s %s not found", d->path, n, t);
    else if (!(*out = calloc(skip + f->length + 1, 1)))
        rc = cms_fail(e, "%s: out of memory", d->path);
    else {
        if (f->length)
            memcpy(*out + skip, cms_fs_block(&fs, f->first), f->length);
        *size = skip + f->length;
    }
    cms_fs_close(&fs);
    return rc;
}
