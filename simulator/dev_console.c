/*
 * dev_console.c -- the console 009: WRITE sends bytes, READ takes one input
 * line.  In a trial run (see channel_impl.h) READ peeks instead of reading and
 * WRITE sends nothing, so that the trial changes nothing outside its copies.
 */
#include <stdlib.h>

#include "channel_impl.h"

/* WRITE: all count bytes, exactly; never incorrect length. */
static void console_write(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    const pg_console_backend *be = &io->dev->be.console;
    r->moved = c->count;
    if (io->trial || !be->write)
        return;
    uint8_t *buf = malloc(c->count);
    if (!buf) {
        pg_dev_unit_check(io, r, PG_SENSE_INTERVENTION);
        return;
    }
    io->st->read(io->st->ctx, c->data, buf, c->count);
    be->write(be->ctx, buf, c->count);
    free(buf);
}

/* READ: one line, truncated to the count; a length other than the count is
   incorrect length; at end of input, unit exception. */
static void console_read(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    const pg_console_backend *be = &io->dev->be.console;
    uint8_t *buf = malloc(c->count);
    if (!buf) {
        pg_dev_unit_check(io, r, PG_SENSE_INTERVENTION);
        return;
    }
    uint32_t len = 0;
    pg_input in = PG_IN_END;
    if (io->trial)
        in = be->peek_line(be->ctx, io->lines_seen++, buf, c->count, &len);
    else if (be->read_line)
        in = be->read_line(be->ctx, buf, c->count, &len);
    if (in == PG_IN_WOULD_BLOCK) {
        if (io->trial)
            io->blocked = true;
        else    /* a backend without peek_line broke its promise never to wait */
            pg_dev_unit_check(io, r, PG_SENSE_INTERVENTION);
    } else if (in != PG_IN_DATA) {
        r->unit = PG_US_UNIT_EXCEPTION;
    } else {
        uint32_t n = len < c->count ? len : c->count;
        if (n)
            io->st->write(io->st->ctx, c->data, buf, n);
        r->moved = n;
        r->wrong_length = len != c->count;
    }
    free(buf);
}

/* Console commands: SEEK is rejected, CONTROL does nothing. */
void pg_console_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    switch (c->cmd) {
    case PG_CCW_WRITE:
        console_write(io, c, r);
        return;
    case PG_CCW_READ:
        console_read(io, c, r);
        return;
    default:
        pg_dev_common_command(io, c, r);
        return;
    }
}
