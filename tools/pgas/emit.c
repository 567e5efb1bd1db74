/*
 * emit.c -- putting bytes into the image; a byte emitted twice is an error
 * that names the line that emitted it first.
 */
#include "asm.h"

#include <inttypes.h>

/* The earlier statement whose bytes cover addr, or NULL. */
static const stmt *owner(const assembler *as, const stmt *st, uint32_t addr)
{
    for (const stmt *s = as->stmts; s < st; s++)
        if (!s->failed && s->size && s->emit <= addr && addr < s->emit + s->size)
            return s;
    return NULL;
}

/* Emit n bytes (pass 1 has kept addr + n within the image limit). */
bool asm_emit(assembler *as, stmt *st, uint64_t addr, const uint8_t *data, uint32_t n)
{
    uint32_t at = 0;
    switch (image_write(&as->img, (uint32_t)addr, data, n, &at)) {
    case IMG_OK:
        return true;
    case IMG_NOMEM:
        asm_nomem(as);
        return false;
    default:
        break;
    }
    const stmt *first = owner(as, st, at);
    const char *where = asm_tok(as, st->head)->start;
    if (first)
        asm_error(as, st, where, "overlaps 0x%08" PRIx32 ", already emitted by %s:%u", at,
                  as->files[first->file].name, first->line);
    else
        asm_error(as, st, where, "overlaps 0x%08" PRIx32 ", already emitted", at);
    return false;
}

/* Emit a value big-endian, `width` bytes. */
bool asm_emit_be(assembler *as, stmt *st, uint64_t addr, uint32_t value, unsigned width)
{
    uint8_t b[4];
    for (unsigned i = 0; i < width; i++)
        b[i] = (uint8_t)(value >> (8 * (width - 1 - i)));
    return asm_emit(as, st, addr, b, width);
}
