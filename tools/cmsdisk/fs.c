/*
 * fs.c -- find a file system on a disk, check all of it (header, every
 * directory entry, the extents against the data area and each other), and
 * look files up.  A disk that fails a check is refused with the first fault.
 */
#include "cmsdisk.h"

#include <stdlib.h>
#include <string.h>

/* The header's byte offsets. */
enum { H_MAGIC = 0, H_FSBLOCKS = 8, H_DIRBLOCKS = 12, H_LABEL = 16 };
/* A directory entry's byte offsets. */
enum { D_FN = 0, D_FT = 8, D_FIRST = 16, D_BLOCKS = 20, D_LENGTH = 24 };

/* Where the header is: the magic at block 0, else at block 128; 0 if found. */
int cms_fs_find_origin(const cms_disk *d, uint32_t *origin)
{
    static const uint32_t candidates[] = {0, CMS_SYSTEM_ORIGIN};
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        uint32_t o = candidates[i];
        if (o < d->blocks && memcmp(d->bytes + (size_t)o * CMS_BLOCK, CMS_MAGIC, 8) == 0) {
            *origin = o;
            return 0;
        }
    }
    return -1;
}

/* The bytes of a file-system block (counted from the origin). */
unsigned char *cms_fs_block(const cms_fs *fs, uint32_t block)
{
    return fs->disk->bytes + ((size_t)fs->origin + block) * CMS_BLOCK;
}

/* The 32 bytes of a directory slot. */
unsigned char *cms_fs_slot(const cms_fs *fs, uint32_t slot)
{
    return cms_fs_block(fs, 1) + (size_t)slot * CMS_ENTRY_BYTES;
}

/* The first block of the data area (from the origin). */
uint32_t cms_fs_data_start(const cms_fs *fs)
{
    return 1 + fs->dirblocks;
}

/* Check the header and take the origin, sizes and label from it. */
static int read_header(cms_fs *fs, cms_err *e)
{
    const cms_disk *d = fs->disk;
    if (cms_fs_find_origin(d, &fs->origin))
        return cms_fail(e, "%s: not a CMS disk: no %s magic at block 0 or %d (format it first)",
                        d->path, CMS_MAGIC, CMS_SYSTEM_ORIGIN);
    const unsigned char *h = cms_fs_block(fs, 0);
    fs->fsblocks = cms_get32(h + H_FSBLOCKS);
    fs->dirblocks = cms_get32(h + H_DIRBLOCKS);
    if (fs->fsblocks > d->blocks - fs->origin)
        return cms_fail(e, "%s: damaged disk: the header says %u file-system blocks from "
                        "block %u, but the disk has only %u blocks",
                        d->path, fs->fsblocks, fs->origin, d->blocks);
    if (fs->dirblocks == 0 || fs->dirblocks >= fs->fsblocks)
        return cms_fail(e, "%s: damaged disk: the header says %u directory blocks in a "
                        "file system of %u blocks", d->path, fs->dirblocks, fs->fsblocks);
    size_t n = CMS_NAME_LEN;
    while (n > 0 && h[H_LABEL + n - 1] == ' ')
        n--;
    for (size_t i = 0; i < CMS_NAME_LEN; i++)
        if (h[H_LABEL + i] < 0x20 || h[H_LABEL + i] > 0x7E)
            return cms_fail(e, "%s: damaged disk: the label holds byte 0x%02X, not text",
                            d->path, h[H_LABEL + i]);
    memcpy(fs->label, h + H_LABEL, n);
    fs->label[n] = '\0';
    return CMS_OK;
}

/* Check one used entry on its own and fill in *out. */
static int read_entry(const cms_fs *fs, uint32_t slot, cms_entry *out, cms_err *e)
{
    const char *path = fs->disk->path;
    const unsigned char *p = cms_fs_slot(fs, slot);
    out->slot = slot;
    bool fn_ok = cms_name_field_ok(p + D_FN, out->fn);
    bool ft_ok = cms_name_field_ok(p + D_FT, out->ft);
    if (!fn_ok || !ft_ok)
        return cms_fail(e, "%s: damaged disk: directory entry %u has a bad %s '%s'", path, slot,
                        fn_ok ? "file type" : "file name", fn_ok ? out->ft : out->fn);
    out->first = cms_get32(p + D_FIRST);
    out->blocks = cms_get32(p + D_BLOCKS);
    out->length = cms_get32(p + D_LENGTH);
    uint32_t start = cms_fs_data_start(fs);
    if (out->blocks && (out->first < start || out->first > fs->fsblocks ||
                        out->blocks > fs->fsblocks - out->first))
        return cms_fail(e, "%s: damaged disk: directory entry %u (%s %s): blocks %u+%u lie "
                        "outside the data area (blocks %u to %u)", path, slot, out->fn,
                        out->ft, out->first, out->blocks, start, fs->fsblocks - 1);
    if ((uint64_t)out->length > (uint64_t)out->blocks * CMS_BLOCK)
        return cms_fail(e, "%s: damaged disk: directory entry %u (%s %s): length %u is beyond "
                        "its %u blocks", path, slot, out->fn, out->ft, out->length, out->blocks);
    return CMS_OK;
}

/* Order entries by first block (for the overlap check). */
static int by_first(const void *a, const void *b)
{
    const cms_entry *x = *(const cms_entry *const *)a, *y = *(const cms_entry *const *)b;
    return (x->first > y->first) - (x->first < y->first);
}

/* Order entries by name and type, then slot (for the duplicate check). */
static int by_name(const void *a, const void *b)
{
    const cms_entry *x = *(const cms_entry *const *)a, *y = *(const cms_entry *const *)b;
    int c = strcmp(x->fn, y->fn);
    if (!c)
        c = strcmp(x->ft, y->ft);
    return c ? c : (x->slot > y->slot) - (x->slot < y->slot);
}

/* The first pair of entries with the same name, in `order` sorted by name. */
static int check_names(const cms_fs *fs, const cms_entry **order, cms_err *e)
{
    for (uint32_t i = 1; i < fs->count; i++) {
        const cms_entry *a = order[i - 1], *b = order[i];
        if (!strcmp(a->fn, b->fn) && !strcmp(a->ft, b->ft))
            return cms_fail(e, "%s: damaged disk: directory entries %u and %u both name %s %s",
                            fs->disk->path, a->slot, b->slot, a->fn, a->ft);
    }
    return CMS_OK;
}

/* The first pair of overlapping extents among the n in `order`, sorted by
   first block. */
static int check_extents(const cms_fs *fs, const cms_entry **order, uint32_t n, cms_err *e)
{
    for (uint32_t i = 1; i < n; i++) {
        const cms_entry *a = order[i - 1], *b = order[i];
        if (a->first + a->blocks > b->first)
            return cms_fail(e, "%s: damaged disk: directory entry %u (%s %s, blocks %u+%u) "
                            "overlaps entry %u (%s %s, blocks %u+%u)", fs->disk->path, b->slot,
                            b->fn, b->ft, b->first, b->blocks, a->slot, a->fn, a->ft,
                            a->first, a->blocks);
    }
    return CMS_OK;
}

/* Check that no two entries share a name or a block. */
static int check_entries(const cms_fs *fs, cms_err *e)
{
    const cms_entry **order = malloc(((size_t)fs->count + 1) * sizeof *order);
    if (!order)
        return cms_fail(e, "%s: out of memory", fs->disk->path);
    for (uint32_t i = 0; i < fs->count; i++)
        order[i] = &fs->entries[i];
    qsort(order, fs->count, sizeof *order, by_name);
    int rc = check_names(fs, order, e);
    uint32_t n = 0;
    for (uint32_t i = 0; i < fs->count; i++)
        if (fs->entries[i].blocks)
            order[n++] = &fs->entries[i];
    qsort(order, n, sizeof *order, by_first);
    if (rc == CMS_OK)
        rc = check_extents(fs, order, n, e);
    free(order);
    return rc;
}

/* Find and check the file system on d; fs refers to d's bytes afterwards. */
int cms_fs_open(cms_fs *fs, cms_disk *d, cms_err *e)
{
    memset(fs, 0, sizeof *fs);
    fs->disk = d;
    if (read_header(fs, e))
        return CMS_FAIL;
    uint32_t slots = fs->dirblocks * CMS_ENTRIES_PER_BLOCK;
    fs->entries = malloc((size_t)slots * sizeof *fs->entries);
    if (!fs->entries)
        return cms_fail(e, "%s: out of memory", d->path);
    for (uint32_t s = 0; s < slots; s++) {
        if (cms_fs_slot(fs, s)[0] == 0)
            continue;
        if (read_entry(fs, s, &fs->entries[fs->count], e)) {
            cms_fs_close(fs);
            return CMS_FAIL;
        }
        fs->count++;
    }
    if (check_entries(fs, e)) {
        cms_fs_close(fs);
        return CMS_FAIL;
    }
    return CMS_OK;
}

/* Release what cms_fs_open allocated. */
void cms_fs_close(cms_fs *fs)
{
    free(fs->entries);
    fs->entries = NULL;
    fs->count = 0;
}

/* The entry named fn ft, or NULL. */
const cms_entry *cms_fs_lookup(const cms_fs *fs, const char *fn, const char *ft)
{
    for (uint32_t i = 0; i < fs->count; i++)
        if (!strcmp(fs->entries[i].fn, fn) && !strcmp(fs->entries[i].ft, ft))
            return &fs->entries[i];
    return NULL;
}
