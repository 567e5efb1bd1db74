/*
 * channel.h -- PG32 channel I/O: channel programs (CCWs) run against a set of
 * devices.  A library with plain per-instance state and no knowledge of the
 * CPU: pgsim attaches one channel set to its machine, and CP gives every
 * virtual machine its own, with backends that route the data to spool files,
 * minidisks and virtual consoles.  So a channel program means the same thing
 * bare and virtualized.
 *
 * Time: a channel program runs entirely when it is started; its ending status
 * becomes pending at now + latency (isa-spec/io.md), and stays pending until
 * an I/O interrupt, tio or sio clears it.
 */
#ifndef PG_CHANNEL_H
#define PG_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

/* Real storage a channel program addresses (CCWs and data areas). */
typedef struct pg_storage {
    void *ctx;
    uint32_t size;                  /* installed bytes; at or beyond: program check */
    /* Copy len bytes at real address addr; addr + len <= size is checked by the caller. */
    void (*read)(void *ctx, uint32_t addr, void *dst, uint32_t len);
    void (*write)(void *ctx, uint32_t addr, const void *src, uint32_t len);
} pg_storage;

/* What a backend answers when asked for input. */
typedef enum {
    PG_IN_DATA = 1,                 /* a line or card was delivered */
    PG_IN_END = 0,                  /* end of input / end of the reader file */
    PG_IN_WOULD_BLOCK = -1,         /* nothing yet: retry the sio later (clock frozen) */
} pg_input;

/* Backends.  A NULL callback stands for "no host file": input ends at once
   (PG_IN_END), output is discarded, close does nothing. */

/* Console backend: where the console 009's lines come from and go to. */
typedef struct pg_console_backend {
    void *ctx;
    /* Deliver the next input line (no newline) into buf (at most cap bytes
       kept); *len is the line's full length before truncation. */
    pg_input (*read_line)(void *ctx, uint8_t *buf, uint32_t cap, uint32_t *len);
    void (*write)(void *ctx, const uint8_t *data, uint32_t len);
    /* Optional, for backends whose input may not be there yet: answer as
       read_line would for the line `ahead` lines after the next one, without
       consuming anything.  sio uses it to find out, before it changes
       anything, whether a channel program would have to wait for input.  A
       backend without it (NULL) must never answer PG_IN_WOULD_BLOCK. */
    pg_input (*peek_line)(void *ctx, uint32_t ahead, uint8_t *buf, uint32_t cap,
                          uint32_t *len);
} pg_console_backend;

/* Card reader backend: a queue of files of 80-byte cards. */
typedef struct pg_reader_backend {
    void *ctx;
    /* PG_IN_DATA with the next card of the current file; PG_IN_END at the end
       of a file (the next call starts the next file) or when there is none. */
    pg_input (*next_card)(void *ctx, uint8_t card[PG_CARD_BYTES]);
} pg_reader_backend;

/* Card punch backend. */
typedef struct pg_punch_backend {
    void *ctx;
    void (*card)(void *ctx, const uint8_t card[PG_CARD_BYTES]);
    void (*close)(void *ctx);       /* CONTROL: the file is complete */
} pg_punch_backend;

/* Printer backend: one call a printed line (no newline). */
typedef struct pg_printer_backend {
    void *ctx;
    void (*line)(void *ctx, const uint8_t *data, uint32_t len);
} pg_printer_backend;

/* Disk backend: a window of blocks in a host image (a minidisk, or all of it). */
typedef struct pg_disk_backend {
    int fd;                         /* host file, opened by the owner */
    uint64_t offset;                /* byte offset of block 0 in the file */
    uint32_t blocks;                /* size in 512-byte blocks */
    bool read_only;                 /* WRITE: unit check, sense write-protect */
} pg_disk_backend;

typedef enum {
    PG_DEVT_CONSOLE, PG_DEVT_READER, PG_DEVT_PUNCH, PG_DEVT_PRINTER, PG_DEVT_DISK,
} pg_devtype;

/* One device: its address, backend and channel state. */
typedef struct pg_device {
    uint16_t devno;
    pg_devtype type;
    union {
        pg_console_backend console;
        pg_reader_backend reader;
        pg_punch_backend punch;
        pg_printer_backend printer;
        pg_disk_backend disk;
    } be;
    /* channel state: status is pending from pending_at on; busy before that */
    bool status_valid;
    uint64_t pending_at;
    uint32_t csw[2];                /* CCW address + 8; unit|channel status|residual */
    uint8_t sense;                  /* unit-record sense byte after a unit check */
    uint64_t position;              /* disk: byte position, kept between programs */
    uint64_t io_count;              /* channel programs started (statistics) */
    uint64_t data_bytes;            /* bytes READ and WRITE moved (statistics) */
} pg_device;

#define PG_MAX_DEVICES 32

/* A channel set: the devices one machine (real or virtual) can address. */
typedef struct pg_channel {
    int count;
    pg_device dev[PG_MAX_DEVICES];  /* kept sorted by devno: interrupt priority */
} pg_channel;

/* Empty channel set. */
void pg_channel_init(pg_channel *ch);

/* Add a device (idle, backend all NULL); returns it, or NULL if the devno
   exists, the set is full or the type is unknown.  The pointer is valid
   until the next add (dev[] is kept sorted, so later adds may move it). */
pg_device *pg_channel_add(pg_channel *ch, uint16_t devno, pg_devtype type);

/* System reset: every device idle, no status, sense and disk position zero. */
void pg_channel_reset(pg_channel *ch);

/* The reading half of IPL: a disk's first 4 KiB (blocks 0-7) to storage at
   0, leaving its position just after them.  False with a one-line reason
   when the device is not a disk, is too small or cannot be read. */
bool pg_channel_ipl_read(pg_channel *ch, uint16_t devno, const pg_storage *st,
                         char *err, size_t errsize);

/* Move len bytes between a disk's host file (byte off of the file) and buf;
   false on an error or end of file.  (CP's synchronous DIAGNOSE block I/O
   uses it too.) */
bool pg_disk_host_io(int fd, bool write, uint64_t off, uint8_t *buf, uint64_t len);

/* The device at devno, or NULL. */
pg_device *pg_channel_find(pg_channel *ch, uint16_t devno);

/* sio, tio and hio take the device number as the instruction's register
   holds it: above 0xFFFF no device exists (PG_CC_NOT_OPER). */

/* Start I/O at time now; returns a PG_CC_* code, or -1 (PG_IN_WOULD_BLOCK)
   when a console READ has no input yet: nothing was done, retry later.
   With PG_CC_STORED the CSW is copied to csw_out. */
int pg_channel_sio(pg_channel *ch, uint32_t devno, uint32_t ccw_addr, uint64_t now,
                   const pg_storage *st, uint32_t csw_out[2]);

/* Test I/O at time now: PG_CC_*; with PG_CC_STORED the CSW goes to csw_out. */
int pg_channel_tio(pg_channel *ch, uint32_t devno, uint64_t now, uint32_t csw_out[2]);

/* Halt I/O at time now: a busy device's status becomes pending now. */
int pg_channel_hio(pg_channel *ch, uint32_t devno, uint64_t now);

/* Earliest time at which some device has status pending; UINT64_MAX if none. */
uint64_t pg_channel_next_pending(const pg_channel *ch);

/* Take the highest-priority (lowest devno) status pending at now: clears it,
   returns true with its devno and CSW; false when none is pending. */
bool pg_channel_take_interrupt(pg_channel *ch, uint64_t now, uint16_t *devno,
                               uint32_t csw_out[2]);

/* Present unsolicited status (e.g. attention) on an idle device at time at. */
bool pg_channel_present(pg_channel *ch, uint16_t devno, uint8_t unit_status, uint64_t at);

#endif
