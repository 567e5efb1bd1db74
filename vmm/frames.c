/*
 * frames.c -- CP's real storage: 4 KiB frames of the real machine handed out
 * to guest real storage (on first touch) and to shadow page tables, and a
 * VM's guest real storage as a pg_storage over its frames.
 *
 * Guest storage is reserved when a VM logs on (so a VM never finds CP out of
 * frames later); shadow tables come from what is left and are only a cache,
 * which CP can always throw away to make room.
 */
#include <stdlib.h>
#include <string.h>

#include "cp_priv.h"

static const uint8_t zero_page[PG_PAGE_SIZE];

/* Set up the frame allocator over real storage; frame 0 is the real low core. */
bool cp_frames_init(cp *c, char *err, size_t n)
{
    c->next_frame = PG_PAGE_SIZE;
    c->nfree = c->capfree = 0;
    c->free_frames = NULL;
    c->reserved = 0;
    uint32_t frames = c->real_mem / PG_PAGE_SIZE;
    c->shadow_reserve = frames / 8 > 64 ? frames / 8 : 64;
    c->shadow_used = 0;
    if (frames < c->shadow_reserve + 2) {
        snprintf(err, n, "real storage of %u bytes is too small for CP", c->real_mem);
        return false;
    }
    return true;
}

/* Free the allocator's bookkeeping. */
void cp_frames_free(cp *c)
{
    free(c->free_frames);
    c->free_frames = NULL;
}

/* Bytes of real storage a VM may still reserve for guest storage. */
uint64_t cp_frames_available(const cp *c)
{
    uint64_t usable = (uint64_t)c->real_mem - PG_PAGE_SIZE -
                      (uint64_t)c->shadow_reserve * PG_PAGE_SIZE;
    return usable > c->reserved ? usable - c->reserved : 0;
}

/* A zeroed frame, or 0 when real storage is exhausted. */
uint32_t cp_frame_alloc(cp *c)
{
    uint32_t f;
    if (c->nfree)
        f = c->free_frames[--c->nfree];
    else if (c->next_frame <= c->real_mem - PG_PAGE_SIZE)
        f = c->next_frame, c->next_frame += PG_PAGE_SIZE;
    else
        return 0;
    pg_write_real(c->m, f, zero_page, PG_PAGE_SIZE);
    return f;
}

/* Give a frame back. */
void cp_frame_release(cp *c, uint32_t frame)
{
    if (c->nfree == c->capfree) {
        uint32_t cap = c->capfree ? c->capfree * 2 : 256;
        uint32_t *p = realloc(c->free_frames, cap * sizeof *p);
        if (!p)
            abort();                /* bookkeeping only; nothing sane to do */
        c->free_frames = p;
        c->capfree = cap;
    }
    c->free_frames[c->nfree++] = frame;
}

/* The real frame behind a guest real address, allocating it if asked;
   0 when there is none (not touched yet, or outside guest storage). */
uint32_t cp_vm_frame(cp_vm *vm, uint32_t guest_addr, bool allocate)
{
    if (guest_addr >= vm->mem_size)
        return 0;
    uint32_t *f = &vm->frames[guest_addr >> PG_PAGE_SHIFT];
    if (!*f && allocate) {
        *f = cp_frame_alloc(vm->cp);
        if (!*f)
            abort();                /* guest storage was reserved at logon */
    }
    return *f;
}

/* Copy guest storage out; pages never touched read as zeros. */
static void storage_read(void *ctx, uint32_t addr, void *dst, uint32_t len)
{
    cp_vm *vm = ctx;
    uint8_t *out = dst;
    while (len) {
        uint32_t off = addr & (PG_PAGE_SIZE - 1);
        uint32_t n = PG_PAGE_SIZE - off < len ? PG_PAGE_SIZE - off : len;
        uint32_t f = cp_vm_frame(vm, addr, false);
        if (f)
            pg_read_real(vm->cp->m, f + off, out, n);
        else
            memset(out, 0, n);
        addr += n, out += n, len -= n;
    }
}

/* Copy into guest storage, allocating frames on first touch. */
static void storage_write(void *ctx, uint32_t addr, const void *src, uint32_t len)
{
    cp_vm *vm = ctx;
    const uint8_t *in = src;
    while (len) {
        uint32_t off = addr & (PG_PAGE_SIZE - 1);
        uint32_t n = PG_PAGE_SIZE - off < len ? PG_PAGE_SIZE - off : len;
        pg_write_real(vm->cp->m, cp_vm_frame(vm, addr, true) + off, in, n);
        addr += n, in += n, len -= n;
    }
}

/* The VM's guest real storage as channel programs and CP itself use it. */
void cp_vm_storage_init(cp_vm *vm)
{
    vm->storage = (pg_storage){vm, vm->mem_size, storage_read, storage_write};
}

/* Give every frame of guest storage back (IPL, reset, logoff). */
void cp_vm_release_storage(cp_vm *vm)
{
    for (uint32_t i = 0; i < vm->mem_size / PG_PAGE_SIZE; i++)
        if (vm->frames[i]) {
            cp_frame_release(vm->cp, vm->frames[i]);
            vm->frames[i] = 0;
        }
}

/* A big-endian word of guest storage (the caller checked the bounds). */
uint32_t cp_vm_read32(cp_vm *vm, uint32_t addr)
{
    uint8_t b[4];
    storage_read(vm, addr, b, 4);
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Store a big-endian word into guest storage. */
void cp_vm_write32(cp_vm *vm, uint32_t addr, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    storage_write(vm, addr, b, 4);
}
