/*
 * image.h -- the memory image being built: bytes from real address 0, and a
 * bitmap of the bytes already emitted, so that emitting one twice is caught.
 */
#ifndef PGAS_IMAGE_H
#define PGAS_IMAGE_H

#include <stdint.h>

typedef struct image {
    uint8_t *bytes;         /* cap bytes, zero where nothing was emitted */
    uint8_t *written;       /* cap / 8 bytes: bit set = byte emitted */
    uint32_t cap;           /* a power of two (or 0) */
    uint32_t size;          /* one past the last byte emitted */
} image;

typedef enum { IMG_OK, IMG_OVERLAP, IMG_NOMEM } img_result;

/*
 * Emit n bytes at addr (data NULL: zeros).  The caller keeps addr + n within
 * the image limit.  IMG_OVERLAP when a byte was already emitted: *overlap is
 * the first such address and nothing is written.
 */
img_result image_write(image *img, uint32_t addr, const uint8_t *data, uint32_t n,
                       uint32_t *overlap);

/* Free the buffers. */
void image_free(image *img);

#endif
