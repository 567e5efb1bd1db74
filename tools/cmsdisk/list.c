/*
 * list.c -- the directory of a CMS disk as text, sorted by name and type.
 */
#include "cmsdisk.h"

#include <stdlib.h>
#include <string.h>

/* Order entries by file name, then file type. */
static int by_name(const void *a, const void *b)
{
    const cms_entry *x = a, *y = b;
    int c = strcmp(x->fn, y->fn);
    return c ? c : strcmp(x->ft, y->ft);
}

/* Print a heading, one `FN FT BLOCKS BYTES` line a file, and a total line. */
int cms_op_list(cms_disk *d, FILE *out, cms_err *e)
{
    cms_fs fs;
    if (cms_fs_open(&fs, d, e))
        return CMS_FAIL;
    qsort(fs.entries, fs.count, sizeof *fs.entries, by_name);
    fprintf(out, "%-8s %-8s %6s %6s\n", "FN", "FT", "BLOCKS", "BYTES");
    uint64_t blocks = 0, bytes = 0;
    for (uint32_t i = 0; i < fs.count; i++) {
        const cms_entry *f = &fs.entries[i];
        fprintf(out, "%-8s %-8s %6u %6u\n", f->fn, f->ft, f->blocks, f->length);
        blocks += f->blocks;
        bytes += f->length;
    }
    uint32_t data = fs.fsblocks - cms_fs_data_start(&fs);
    fprintf(out, "%u file%s, %llu block%s, %llu bytes; %u of %u data blocks free; label '%s', "
            "origin %u, %u directory entries\n", fs.count, fs.count == 1 ? "" : "s",
            (unsigned long long)blocks, blocks == 1 ? "" : "s", (unsigned long long)bytes,
            cms_fs_free_blocks(&fs),
            data, fs.label, fs.origin, fs.dirblocks * CMS_ENTRIES_PER_BLOCK);
    cms_fs_close(&fs);
    return CMS_OK;
}
