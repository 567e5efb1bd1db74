/*
 * image.c -- a growable byte image with an "already emitted" bitmap.
 */
#include "image.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Make room for bytes [0, end): capacity doubles, new bytes are zero. */
static bool reserve(image *img, uint64_t end)
{
    if (end <= img->cap)
        return true;
    uint64_t cap = img->cap ? img->cap : 4096;
    while (cap < end)
        cap *= 2;
    uint8_t *b = realloc(img->bytes, (size_t)cap);
    if (!b)
        return false;
    img->bytes = b;
    uint8_t *w = realloc(img->written, (size_t)(cap / 8));
    if (!w)
        return false;
    img->written = w;
    memset(b + img->cap, 0, (size_t)(cap - img->cap));
    memset(w + img->cap / 8, 0, (size_t)((cap - img->cap) / 8));
    img->cap = (uint32_t)cap;
    return true;
}

/* Is the byte at a already emitted? */
static bool is_written(const image *img, uint32_t a)
{
    return img->written[a >> 3] & (1u << (a & 7));
}

/* Check for overlap, then copy the bytes and mark them. */
img_result image_write(image *img, uint32_t addr, const uint8_t *data, uint32_t n,
                       uint32_t *overlap)
{
    if (n == 0)
        return IMG_OK;
    uint64_t end = (uint64_t)addr + n;
    if (!reserve(img, end))
        return IMG_NOMEM;
    for (uint32_t i = 0; i < n; i++) {
        if (is_written(img, addr + i)) {
            *overlap = addr + i;
            return IMG_OVERLAP;
        }
    }
    if (data)
        memcpy(img->bytes + addr, data, n);
    else
        memset(img->bytes + addr, 0, n);
    for (uint32_t i = 0; i < n; i++)
        img->written[(addr + i) >> 3] |= (uint8_t)(1u << ((addr + i) & 7));
    if (end > img->size)
        img->size = (uint32_t)end;
    return IMG_OK;
}

/* Release both buffers. */
void image_free(image *img)
{
    free(img->bytes);
    free(img->written);
    memset(img, 0, sizeof *img);
}
