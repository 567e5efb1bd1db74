/*
 * channel_impl.h -- private to the channel library: how the channel program
 * executor (channel.c) hands one command to a device class (dev_*.c), and the
 * scratch storage the console's trial run writes into (chan_overlay.c).
 */
#ifndef PG_CHANNEL_IMPL_H
#define PG_CHANNEL_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "channel.h"

/* A CCW as fetched: [command][flags][count:16][data address:32]. */
typedef struct pg_ccw {
    uint8_t cmd;
    uint8_t flags;
    uint16_t count;                 /* never 0 when a device sees it */
    uint32_t data;                  /* data area checked inside storage */
} pg_ccw;

/* One channel program's run.  A trial run (console only) works on a copy of
   the device and scratch storage, asks the backend to peek instead of read,
   and discards its output, so that nothing changes when it finds that the
   program would have to wait for input. */
typedef struct pg_io {
    pg_device *dev;
    const pg_storage *st;
    bool trial;
    uint32_t lines_seen;            /* trial: input lines peeked so far */
    bool blocked;                   /* trial: a READ found no input yet */
} pg_io;

/* What a device did with one command; the executor turns it into status. */
typedef struct pg_cmd_result {
    uint32_t moved;                 /* bytes transferred (residual = count - moved) */
    uint8_t unit;                   /* PG_US_UNIT_CHECK / _UNIT_EXCEPTION, or 0 */
    bool wrong_length;              /* incorrect length, unless the CCW has SLI */
} pg_cmd_result;

/* Execute one validated CCW (never TIC) on io->dev, one per device class. */
void pg_console_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r);
void pg_reader_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r);
void pg_punch_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r);
void pg_printer_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r);
void pg_disk_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r);

/* Shared by the device classes (dev_unitrec.c). */
/* End the command with unit check and this sense byte; nothing moved. */
void pg_dev_unit_check(pg_io *io, pg_cmd_result *r, uint8_t sense);
/* SENSE on a one-sense-byte device: store the byte, clear it. */
void pg_dev_sense_byte(pg_io *io, const pg_ccw *c, pg_cmd_result *r);
/* CONTROL (no-op), SENSE (sense byte) and command reject for the rest. */
void pg_dev_common_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r);

/* Scratch storage for a trial run: reads see the base storage under
   everything written so far; writes never reach the base. */
typedef struct pg_overlay {
    pg_storage view;                /* hand this to the executor */
    const pg_storage *base;
    uint32_t count, cap;
    struct pg_overlay_page {
        uint32_t page;
        uint8_t *bytes;             /* PG_PAGE_SIZE bytes */
    } *pages;
    bool failed;                    /* out of host memory: the trial is unreliable */
} pg_overlay;

void pg_overlay_init(pg_overlay *ov, const pg_storage *base);
void pg_overlay_free(pg_overlay *ov);

#endif
