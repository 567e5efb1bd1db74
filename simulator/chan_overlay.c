/*
 * chan_overlay.c -- copy-on-write scratch storage for the console's trial
 * run.  A trial must see exactly what the real run will see (a READ may
 * overwrite the CCWs that follow it), yet change nothing; so its writes go to
 * private copies of the touched pages, and its reads look there first.
 */
#include <stdlib.h>
#include <string.h>

#include "channel_impl.h"

/* The private copy of page p, or NULL if the trial has not written there. */
static uint8_t *find_page(const pg_overlay *ov, uint32_t p)
{
    for (uint32_t i = 0; i < ov->count; i++)
        if (ov->pages[i].page == p)
            return ov->pages[i].bytes;
    return NULL;
}

/* The private copy of page p, made from the base storage on first use;
   NULL (and the overlay marked failed) when host memory runs out. */
static uint8_t *own_page(pg_overlay *ov, uint32_t p)
{
    uint8_t *bytes = find_page(ov, p);
    if (bytes)
        return bytes;
    if (ov->count == ov->cap) {
        uint32_t cap = ov->cap ? ov->cap * 2 : 8;
        void *grown = realloc(ov->pages, cap * sizeof *ov->pages);
        if (!grown) {
            ov->failed = true;
            return NULL;
        }
        ov->pages = grown;
        ov->cap = cap;
    }
    bytes = calloc(1, PG_PAGE_SIZE);
    if (!bytes) {
        ov->failed = true;
        return NULL;
    }
    uint64_t start = (uint64_t)p * PG_PAGE_SIZE;
    uint64_t end = start + PG_PAGE_SIZE;
    if (end > ov->base->size)
        end = ov->base->size;
    if (end > start)
        ov->base->read(ov->base->ctx, (uint32_t)start, bytes, (uint32_t)(end - start));
    ov->pages[ov->count].page = p;
    ov->pages[ov->count].bytes = bytes;
    ov->count++;
    return bytes;
}

/* pg_storage read: page by page, the private copy if there is one. */
static void ov_read(void *ctx, uint32_t addr, void *dst, uint32_t len)
{
    pg_overlay *ov = ctx;
    uint8_t *out = dst;
    while (len) {
        uint32_t off = addr % PG_PAGE_SIZE;
        uint32_t n = PG_PAGE_SIZE - off < len ? PG_PAGE_SIZE - off : len;
        const uint8_t *own = find_page(ov, addr / PG_PAGE_SIZE);
        if (own)
            memcpy(out, own + off, n);
        else
            ov->base->read(ov->base->ctx, addr, out, n);
        addr += n;
        out += n;
        len -= n;
    }
}

/* pg_storage write: into private copies only. */
static void ov_write(void *ctx, uint32_t addr, const void *src, uint32_t len)
{
    pg_overlay *ov = ctx;
    const uint8_t *in = src;
    while (len) {
        uint32_t off = addr % PG_PAGE_SIZE;
        uint32_t n = PG_PAGE_SIZE - off < len ? PG_PAGE_SIZE - off : len;
        uint8_t *own = own_page(ov, addr / PG_PAGE_SIZE);
        if (!own)
            return;
        memcpy(own + off, in, n);
        addr += n;
        in += n;
        len -= n;
    }
}

/* An empty overlay over base; ov must stay where it is while in use. */
void pg_overlay_init(pg_overlay *ov, const pg_storage *base)
{
    *ov = (pg_overlay){.base = base};
    ov->view = (pg_storage){.ctx = ov, .size = base->size, .read = ov_read,
                            .write = ov_write};
}

/* Free the private pages. */
void pg_overlay_free(pg_overlay *ov)
{
    for (uint32_t i = 0; i < ov->count; i++)
        free(ov->pages[i].bytes);
    free(ov->pages);
    ov->pages = NULL;
    ov->count = ov->cap = 0;
}
