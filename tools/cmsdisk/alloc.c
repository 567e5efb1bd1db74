/*
 * alloc.c -- first-fit allocation of a contiguous run of data blocks.
 */
#include "cmsdisk.h"

#include <stdlib.h>

/* Order extents by first block. */
static int by_first(const void *a, const void *b)
{
    const cms_entry *x = *(const cms_entry *const *)a, *y = *(const cms_entry *const *)b;
    return (x->first > y->first) - (x->first < y->first);
}

/* Walk the free runs of the data area in order (the file in ignore_slot
   counts as free: it is being replaced).  Finds the first run of at least
   `need` blocks (*first; need 0 finds nothing), the largest run (*largest)
   and the free total (*total).  Returns false when out of memory. */
static bool walk_free(const cms_fs *fs, uint32_t need, uint32_t ignore_slot, bool *found,
                      uint32_t *first, uint32_t *largest, uint32_t *total)
{
    const cms_entry **order = malloc(((size_t)fs->count + 1) * sizeof *order);
    if (!order)
        return false;
    uint32_t n = 0;
    for (uint32_t i = 0; i < fs->count; i++)
        if (fs->entries[i].blocks && fs->entries[i].slot != ignore_slot)
            order[n++] = &fs->entries[i];
    qsort(order, n, sizeof *order, by_first);
    *found = false;
    *largest = *total = 0;
    uint32_t at = cms_fs_data_start(fs);
    for (uint32_t i = 0; i <= n; i++) {
        uint32_t end = i < n ? order[i]->first : fs->fsblocks;
        uint32_t run = end > at ? end - at : 0;
        if (!*found && need && run >= need) {
            *found = true;
            *first = at;
        }
        if (run > *largest)
            *largest = run;
        *total += run;
        if (i < n && order[i]->first + order[i]->blocks > at)
            at = order[i]->first + order[i]->blocks;
    }
    free(order);
    return true;
}

/* First fit for `need` blocks, treating ignore_slot's file as free.  True
   with *first set when a run was found; otherwise *largest is the longest
   free run. */
bool cms_fs_allocate(const cms_fs *fs, uint32_t need, uint32_t ignore_slot,
                     uint32_t *first, uint32_t *largest)
{
    bool found;
    uint32_t total;
    if (!walk_free(fs, need, ignore_slot, &found, first, largest, &total)) {
        *largest = 0;
        return false;
    }
    return found;
}

/* The number of data blocks no file uses. */
uint32_t cms_fs_free_blocks(const cms_fs *fs)
{
    bool found;
    uint32_t first, largest, total;
    if (!walk_free(fs, 0, UINT32_MAX, &found, &first, &largest, &total))
        return 0;
    return total;
}
