/*
 * pgdis.h -- the pieces of the disassembler: its command line and its image.
 */
#ifndef PGDIS_H
#define PGDIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The command line, as given; the range is checked against the image later. */
typedef struct pgdis_args {
    const char *image;
    const char *symfile;        /* -s FILE, or NULL for the image's own */
    bool help;
    bool have_start, have_end, have_count;
    uint32_t start, end, count; /* --start, --end (exclusive), --count (words) */
} pgdis_args;

/* Parse argv into *a; false with a one-line reason in err. */
bool pgdis_parse_args(int argc, char **argv, pgdis_args *a, char *err, size_t errsize);

/* The usage text printed by --help. */
extern const char pgdis_usage[];

/* Read a whole file into *data (caller frees); false with a reason in err. */
bool pgdis_load_image(const char *path, uint8_t **data, size_t *size,
                      char *err, size_t errsize);

#endif
