/*
 * hostio.h -- pgsim's host backends for the channel devices: the console on
 * host streams, the card reader on a queue of text files, the punch and the
 * printer on text files, and disks on image files.
 *
 * Each backend's context is a struct the caller owns (no globals): set it up
 * with its *_open (or *_init), hand pg_host_*_backend(ctx) to the device, and
 * undo it with *_close once the device is gone.  Setup and close report a
 * failure as false plus one line in the caller's buffer naming the device,
 * the file and the reason, e.g.
 *     pgsim: disk 191: build/a.disk: size 1000 is not a multiple of 512 bytes
 */
#ifndef PG_HOSTIO_H
#define PG_HOSTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "channel.h"

/* Console: input lines from in, output bytes to out, byte for byte.  Reading
   blocks until a line is there (never PG_IN_WOULD_BLOCK). */
typedef struct pg_host_console {
    FILE *in;                       /* NULL: no input (end of input at once) */
    FILE *out;                      /* NULL: output discarded */
} pg_host_console;

void pg_host_console_init(pg_host_console *c, FILE *in, FILE *out);
pg_console_backend pg_host_console_backend(pg_host_console *c);

/* Card reader: a queue of host text files, one card a line (blank-padded
   to 80, longer lines cut at 80, a '\r' before the newline dropped).  All of
   them are opened at setup; none at all is an empty reader. */
typedef struct pg_host_reader {
    FILE **files;
    size_t count;
    size_t current;                 /* the file being read; count when done */
} pg_host_reader;

bool pg_host_reader_open(pg_host_reader *r, uint16_t devno, const char *const *paths,
                         size_t count, char *err, size_t errlen);
void pg_host_reader_close(pg_host_reader *r);
pg_reader_backend pg_host_reader_backend(pg_host_reader *r);

/* Card punch or printer: one line a card (trailing blanks removed) or a
   printed line.  A NULL path discards the output.  Close reports a failed
   write (a full disk) that happened during the run. */
typedef struct pg_host_output {
    FILE *f;                        /* NULL: discard */
    char *path;                     /* for messages */
    const char *what;               /* "punch" or "printer" */
    uint16_t devno;
    int error;                      /* errno of the first failed write, or 0 */
} pg_host_output;

bool pg_host_punch_open(pg_host_output *o, uint16_t devno, const char *path,
                        char *err, size_t errlen);
bool pg_host_printer_open(pg_host_output *o, uint16_t devno, const char *path,
                          char *err, size_t errlen);
bool pg_host_output_close(pg_host_output *o, char *err, size_t errlen);
pg_punch_backend pg_host_punch_backend(pg_host_output *o);
pg_printer_backend pg_host_printer_backend(pg_host_output *o);

/* Disk: a host image file of whole 512-byte blocks, opened read-write (or
   read-only); refused when missing, not a regular file, empty, or of a size
   that is not a multiple of 512. */
typedef struct pg_host_disk {
    int fd;                         /* -1 when closed */
    uint32_t blocks;
    bool read_only;
} pg_host_disk;

bool pg_host_disk_open(pg_host_disk *d, uint16_t devno, const char *path, bool read_only,
                       char *err, size_t errlen);
void pg_host_disk_close(pg_host_disk *d);
pg_disk_backend pg_host_disk_backend(const pg_host_disk *d);

#endif
