/*
 * channel.c -- the channel: a set of devices, channel programs (CCW fetch and
 * checks, chaining, TIC, incorrect length, residual count, the CSW), the
 * sio/tio/hio answers and which pending status becomes the next I/O
 * interrupt.  What each command does on each device is in dev_*.c.
 *
 * A channel program runs entirely inside pg_channel_sio; its ending status
 * becomes pending at now + latency, and the device is busy until then.
 */
#include <string.h>

#include "channel_impl.h"

/* Which function executes a command on each device class. */
static void (*const dev_command[])(pg_io *, const pg_ccw *, pg_cmd_result *) = {
    [PG_DEVT_CONSOLE] = pg_console_command,
    [PG_DEVT_READER] = pg_reader_command,
    [PG_DEVT_PUNCH] = pg_punch_command,
    [PG_DEVT_PRINTER] = pg_printer_command,
    [PG_DEVT_DISK] = pg_disk_command,
};

/* Empty channel set. */
void pg_channel_init(pg_channel *ch)
{
    memset(ch, 0, sizeof *ch);
}

/* Index of devno in the sorted dev[], or of where it would go. */
static int lower_bound(const pg_channel *ch, uint16_t devno)
{
    int lo = 0, hi = ch->count;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (ch->dev[mid].devno < devno)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Add a device in devno order (the order is interrupt priority). */
pg_device *pg_channel_add(pg_channel *ch, uint16_t devno, pg_devtype type)
{
    int i = lower_bound(ch, devno);
    if (ch->count == PG_MAX_DEVICES || (i < ch->count && ch->dev[i].devno == devno)
        || (unsigned)type > PG_DEVT_DISK)
        return NULL;
    memmove(&ch->dev[i + 1], &ch->dev[i], (size_t)(ch->count - i) * sizeof ch->dev[0]);
    ch->count++;
    pg_device *d = &ch->dev[i];
    memset(d, 0, sizeof *d);
    d->devno = devno;
    d->type = type;
    return d;
}

/* System reset of every device: status cleared, sense and position zero;
   the backends (files, queues) are left as they are. */
void pg_channel_reset(pg_channel *ch)
{
    for (int i = 0; i < ch->count; i++) {
        pg_device *d = &ch->dev[i];
        d->status_valid = false;
        d->pending_at = 0;
        d->csw[0] = d->csw[1] = 0;
        d->sense = 0;
        d->position = 0;
    }
}

/* The device at devno, or NULL. */
pg_device *pg_channel_find(pg_channel *ch, uint16_t devno)
{
    int i = lower_bound(ch, devno);
    return i < ch->count && ch->dev[i].devno == devno ? &ch->dev[i] : NULL;
}

/* Big-endian word at p. */
static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Commands the channel knows (a device may still reject one). */
static bool known_command(uint8_t cmd)
{
    switch (cmd) {
    case PG_CCW_WRITE: case PG_CCW_READ: case PG_CCW_CONTROL:
    case PG_CCW_SENSE: case PG_CCW_SEEK: case PG_CCW_TIC:
        return true;
    default:
        return false;
    }
}

/* Fill the CSW for a program that ended at the CCW at addr. */
static void set_csw(uint32_t csw[2], uint32_t addr, uint8_t unit, uint8_t chan,
                    uint16_t residual)
{
    csw[0] = addr + 8;
    csw[1] = (uint32_t)unit << 24 | (uint32_t)chan << 16 | residual;
}

/* A program check ends the program; the device is free, hence CE|DE. */
static void program_check(uint32_t csw[2], uint32_t addr, uint16_t residual)
{
    set_csw(csw, addr, PG_US_CE | PG_US_DE, PG_CS_PROGRAM_CHECK, residual);
}

/* Can a CCW be fetched from addr (8-aligned, all 8 bytes installed)? */
static bool ccw_fetchable(const pg_storage *st, uint32_t addr)
{
    return (addr & 7) == 0 && (uint64_t)addr + 8 <= st->size;
}

/* Run the channel program at addr on io->dev: fill the CSW and the bytes
   moved over the whole chain.  False only when a trial run blocked. */
static bool run_program(pg_io *io, uint32_t addr, uint32_t csw[2], uint64_t *moved)
{
    const pg_storage *st = io->st;
    bool first = true, after_tic = false;
    uint32_t tic_addr = 0;
    *moved = 0;
    for (uint32_t fetched = 0;; fetched++) {
        if (fetched == PG_CHANNEL_MAX_CCWS) {
            program_check(csw, addr, 0);
            return true;
        }
        if (!ccw_fetchable(st, addr)) {
            /* an invalid TIC target is charged to the TIC, as on System/370 */
            program_check(csw, after_tic ? tic_addr : addr, 0);
            return true;
        }
        uint8_t raw[8];
        st->read(st->ctx, addr, raw, sizeof raw);
        pg_ccw c = {raw[0], raw[1], (uint16_t)(raw[2] << 8 | raw[3]), be32(raw + 4)};
        if (c.cmd == PG_CCW_TIC) {
            /* flags and count are ignored; a TIC may not start a program nor
               follow a TIC */
            if (first || after_tic) {
                program_check(csw, addr, 0);
                return true;
            }
            tic_addr = addr;
            addr = c.data;
            after_tic = true;
            continue;
        }
        first = after_tic = false;
        if (!known_command(c.cmd) || (c.flags & ~PG_CCW_FLAGS_VALID) || c.count == 0
            || (uint64_t)c.data + c.count > st->size) {
            program_check(csw, addr, c.count);
            return true;
        }
        /* sense information describes the last command other than SENSE */
        if (c.cmd != PG_CCW_SENSE)
            io->dev->sense = 0;
        pg_cmd_result r = {0};
        dev_command[io->dev->type](io, &c, &r);
        if (io->blocked)
            return false;
        *moved += r.moved;
        if (c.cmd == PG_CCW_READ || c.cmd == PG_CCW_WRITE)
            io->dev->data_bytes += r.moved;
        /* a unit check or exception is the whole story: no incorrect length */
        bool il = !r.unit && r.wrong_length && !(c.flags & PG_CCW_FLAG_SLI);
        if (r.unit || il || !(c.flags & PG_CCW_FLAG_CC)) {
            set_csw(csw, addr, PG_US_CE | PG_US_DE | r.unit,
                    il ? PG_CS_INCORRECT_LENGTH : 0, (uint16_t)(c.count - r.moved));
            return true;
        }
        addr += 8;                  /* cannot wrap: addr + 8 <= st->size */
    }
}

/* Cycles from sio to the ending status (isa-spec: the cycle model). */
static uint64_t latency(pg_devtype type, uint64_t bytes)
{
    switch (type) {
    case PG_DEVT_CONSOLE:
        return PG_LAT_CONSOLE_BASE + bytes;
    case PG_DEVT_DISK:
        return PG_LAT_DISK_BASE + (bytes + PG_LAT_DISK_BYTES_PER_CYCLE - 1)
                                      / PG_LAT_DISK_BYTES_PER_CYCLE;
    default:
        return PG_LAT_UNIT_RECORD_BASE + bytes;
    }
}

/* Would the program on console d have to wait for input?  Found by running
   it on a copy of the device and scratch storage, peeking at the input. */
static bool console_would_block(pg_device *d, uint32_t addr, const pg_storage *st)
{
    pg_device copy = *d;
    pg_overlay ov;
    pg_overlay_init(&ov, st);
    pg_io io = {.dev = &copy, .st = &ov.view, .trial = true};
    uint32_t csw[2];
    uint64_t moved;
    bool blocked = !run_program(&io, addr, csw, &moved);
    /* without memory for the scratch pages the trial proves nothing: go on */
    bool reliable = !ov.failed;
    pg_overlay_free(&ov);
    return blocked && reliable;
}

/* Is status pending on d at now (as opposed to busy or idle)? */
static bool status_pending(const pg_device *d, uint64_t now)
{
    return d->status_valid && now >= d->pending_at;
}

/* Hand over d's pending status and clear it. */
static void take_status(pg_device *d, uint32_t csw_out[2])
{
    csw_out[0] = d->csw[0];
    csw_out[1] = d->csw[1];
    d->status_valid = false;
}

/* The device an I/O instruction's register value names: none above 16 bits. */
static pg_device *addressed(pg_channel *ch, uint32_t devno)
{
    return devno <= 0xFFFF ? pg_channel_find(ch, (uint16_t)devno) : NULL;
}

/* Start I/O: run the whole channel program now; its status pends later. */
int pg_channel_sio(pg_channel *ch, uint32_t devno, uint32_t ccw_addr, uint64_t now,
                   const pg_storage *st, uint32_t csw_out[2])
{
    pg_device *d = addressed(ch, devno);
    if (!d)
        return PG_CC_NOT_OPER;
    if (d->status_valid && !status_pending(d, now))
        return PG_CC_BUSY;
    if (status_pending(d, now)) {
        take_status(d, csw_out);
        return PG_CC_STORED;
    }
    if (d->type == PG_DEVT_CONSOLE && d->be.console.peek_line
        && console_would_block(d, ccw_addr, st))
        return PG_IN_WOULD_BLOCK;
    pg_io io = {.dev = d, .st = st};
    uint64_t moved;
    run_program(&io, ccw_addr, d->csw, &moved);
    d->status_valid = true;
    d->pending_at = now + latency(d->type, moved);
    d->io_count++;
    return PG_CC_OK;
}

/* Test I/O: busy, status (stored and cleared), or available. */
int pg_channel_tio(pg_channel *ch, uint32_t devno, uint64_t now, uint32_t csw_out[2])
{
    pg_device *d = addressed(ch, devno);
    if (!d)
        return PG_CC_NOT_OPER;
    if (status_pending(d, now)) {
        take_status(d, csw_out);
        return PG_CC_STORED;
    }
    return d->status_valid ? PG_CC_BUSY : PG_CC_OK;
}

/* Halt I/O: a busy device's ending status (as its program left it) pends now. */
int pg_channel_hio(pg_channel *ch, uint32_t devno, uint64_t now)
{
    pg_device *d = addressed(ch, devno);
    if (!d)
        return PG_CC_NOT_OPER;
    if (!d->status_valid || status_pending(d, now))
        return PG_CC_OK;
    d->pending_at = now;
    return PG_CC_STORED;            /* hio's answer 1: halted */
}

/* Earliest time some device's status pends; UINT64_MAX if none has status. */
uint64_t pg_channel_next_pending(const pg_channel *ch)
{
    uint64_t t = UINT64_MAX;
    for (int i = 0; i < ch->count; i++)
        if (ch->dev[i].status_valid && ch->dev[i].pending_at < t)
            t = ch->dev[i].pending_at;
    return t;
}

/* Take the pending status of the lowest devno (dev[] is sorted). */
bool pg_channel_take_interrupt(pg_channel *ch, uint64_t now, uint16_t *devno,
                               uint32_t csw_out[2])
{
    for (int i = 0; i < ch->count; i++) {
        pg_device *d = &ch->dev[i];
        if (status_pending(d, now)) {
            *devno = d->devno;
            take_status(d, csw_out);
            return true;
        }
    }
    return false;
}

/* Unsolicited status (attention) on a device that has none; no CCW address. */
bool pg_channel_present(pg_channel *ch, uint16_t devno, uint8_t unit_status, uint64_t at)
{
    pg_device *d = pg_channel_find(ch, devno);
    if (!d || d->status_valid)
        return false;
    d->csw[0] = 0;
    d->csw[1] = (uint32_t)unit_status << 24;
    d->status_valid = true;
    d->pending_at = at;
    return true;
}
