/*
 * dev_unitrec.c -- the unit-record devices: card reader, card punch and
 * printer, and the sense-byte handling they share with the console.
 * Commands a device does not support end in unit check, command reject.
 */
#include "channel_impl.h"

/* End the command with unit check and this sense byte; nothing moved. */
void pg_dev_unit_check(pg_io *io, pg_cmd_result *r, uint8_t sense)
{
    io->dev->sense = sense;
    r->unit = PG_US_UNIT_CHECK;
    r->moved = 0;
}

/* SENSE: store the sense byte (the count is at least 1), then clear it. */
void pg_dev_sense_byte(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    uint8_t b = io->dev->sense;
    io->st->write(io->st->ctx, c->data, &b, 1);
    io->dev->sense = 0;
    r->moved = 1;
    r->wrong_length = c->count != 1;
}

/* The commands every unit-record device treats alike: CONTROL does nothing,
   SENSE stores the sense byte, anything else is rejected. */
void pg_dev_common_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    switch (c->cmd) {
    case PG_CCW_CONTROL:
        return;
    case PG_CCW_SENSE:
        pg_dev_sense_byte(io, c, r);
        return;
    default:
        pg_dev_unit_check(io, r, PG_SENSE_COMMAND_REJECT);
        return;
    }
}

/* Card reader: READ one card; at the end of a file, unit exception. */
void pg_reader_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    const pg_reader_backend *be = &io->dev->be.reader;
    switch (c->cmd) {
    case PG_CCW_READ: {
        uint8_t card[PG_CARD_BYTES];
        /* a reader never waits: anything but a card is the end of a file */
        if (!be->next_card || be->next_card(be->ctx, card) != PG_IN_DATA) {
            r->unit = PG_US_UNIT_EXCEPTION;
            return;
        }
        uint32_t n = c->count < PG_CARD_BYTES ? c->count : PG_CARD_BYTES;
        io->st->write(io->st->ctx, c->data, card, n);
        r->moved = n;
        r->wrong_length = c->count != PG_CARD_BYTES;
        return;
    }
    default:
        pg_dev_common_command(io, c, r);
        return;
    }
}

/* Card punch: WRITE one card (blank-padded to 80); CONTROL closes the file. */
void pg_punch_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    const pg_punch_backend *be = &io->dev->be.punch;
    switch (c->cmd) {
    case PG_CCW_WRITE: {
        uint8_t card[PG_CARD_BYTES];
        uint32_t n = c->count < PG_CARD_BYTES ? c->count : PG_CARD_BYTES;
        io->st->read(io->st->ctx, c->data, card, n);
        for (uint32_t i = n; i < PG_CARD_BYTES; i++)
            card[i] = ' ';
        if (be->card)
            be->card(be->ctx, card);
        r->moved = n;
        r->wrong_length = c->count != PG_CARD_BYTES;
        return;
    }
    case PG_CCW_CONTROL:
        if (be->close)
            be->close(be->ctx);
        return;
    default:
        pg_dev_common_command(io, c, r);
        return;
    }
}

/* Printer: WRITE one line of at most 132 bytes; shorter lines are normal. */
void pg_printer_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    const pg_printer_backend *be = &io->dev->be.printer;
    switch (c->cmd) {
    case PG_CCW_WRITE: {
        uint8_t line[PG_PRINT_COLUMNS];
        uint32_t n = c->count < PG_PRINT_COLUMNS ? c->count : PG_PRINT_COLUMNS;
        io->st->read(io->st->ctx, c->data, line, n);
        if (be->line)
            be->line(be->ctx, line, n);
        r->moved = n;
        r->wrong_length = c->count > PG_PRINT_COLUMNS;
        return;
    }
    default:
        pg_dev_common_command(io, c, r);
        return;
    }
}
