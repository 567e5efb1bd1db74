/*
 * dev_disk.c -- fixed-block disks of 512-byte blocks.  SEEK sets a byte
 * position (block * 512) that READ and WRITE move on from, across block
 * boundaries, and that persists between channel programs.  Nothing ever
 * reaches beyond the last block, so an image never grows.
 */
#define _FILE_OFFSET_BITS 64

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "channel_impl.h"

/* Move len bytes between a disk's host file (at byte off of the file) and
   buf, whole or not at all as far as the caller can tell; false on an error
   or end of file. */
bool pg_disk_host_io(int fd, bool write, uint64_t off, uint8_t *buf, uint64_t len)
{
    while (len) {
        size_t chunk = len > (1u << 30) ? (1u << 30) : (size_t)len;
        ssize_t n = write ? pwrite(fd, buf, chunk, (off_t)off) : pread(fd, buf, chunk, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        buf += n;
        off += (uint64_t)n;
        len -= (uint64_t)n;
    }
    return true;
}

/* SEEK: a 4-byte big-endian block number; beyond the end, unit check. */
static void disk_seek(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    pg_device *d = io->dev;
    if (c->count < 4) {
        pg_dev_unit_check(io, r, PG_SENSE_COMMAND_REJECT);
        return;
    }
    uint8_t b[4];
    io->st->read(io->st->ctx, c->data, b, 4);
    uint32_t block = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    if (block >= d->be.disk.blocks) {
        pg_dev_unit_check(io, r, PG_SENSE_END_OF_EXTENT);
        return;
    }
    d->position = (uint64_t)block * PG_DISK_BLOCK;
    r->moved = 4;
    r->wrong_length = c->count != 4;
}

/* READ or WRITE count bytes at the position, then advance it; all or nothing. */
static void disk_transfer(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    pg_device *d = io->dev;
    const pg_disk_backend *be = &d->be.disk;
    bool write = c->cmd == PG_CCW_WRITE;
    if (write && be->read_only) {
        pg_dev_unit_check(io, r, PG_SENSE_WRITE_PROTECT);
        return;
    }
    if (d->position + c->count > (uint64_t)be->blocks * PG_DISK_BLOCK) {
        pg_dev_unit_check(io, r, PG_SENSE_END_OF_EXTENT);
        return;
    }
    uint8_t *buf = malloc(c->count);
    uint64_t off = be->offset + d->position;
    bool ok = buf != NULL;
    if (ok && write) {
        io->st->read(io->st->ctx, c->data, buf, c->count);
        ok = pg_disk_host_io(be->fd, true, off, buf, c->count);
    } else if (ok) {
        ok = pg_disk_host_io(be->fd, false, off, buf, c->count);
        if (ok)
            io->st->write(io->st->ctx, c->data, buf, c->count);
    }
    free(buf);
    if (!ok) {
        pg_dev_unit_check(io, r, PG_SENSE_DATA_CHECK);
        return;
    }
    d->position += c->count;
    r->moved = c->count;
}

/* SENSE: the size in blocks (a big-endian word), then the sense byte. */
static void disk_sense(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    pg_device *d = io->dev;
    uint32_t blocks = d->be.disk.blocks;
    uint8_t rec[5] = {(uint8_t)(blocks >> 24), (uint8_t)(blocks >> 16),
                      (uint8_t)(blocks >> 8), (uint8_t)blocks, d->sense};
    uint32_t n = c->count < sizeof rec ? c->count : (uint32_t)sizeof rec;
    io->st->write(io->st->ctx, c->data, rec, n);
    if (n == sizeof rec)            /* the sense byte was handed over */
        d->sense = 0;
    r->moved = n;
    r->wrong_length = c->count != 4 && c->count != 5;
}

/* Disk commands: CONTROL does nothing. */
void pg_disk_command(pg_io *io, const pg_ccw *c, pg_cmd_result *r)
{
    switch (c->cmd) {
    case PG_CCW_SEEK:
        disk_seek(io, c, r);
        return;
    case PG_CCW_READ:
    case PG_CCW_WRITE:
        disk_transfer(io, c, r);
        return;
    case PG_CCW_SENSE:
        disk_sense(io, c, r);
        return;
    case PG_CCW_CONTROL:
        return;
    default:
        pg_dev_unit_check(io, r, PG_SENSE_COMMAND_REJECT);
        return;
    }
}

/* IPL's read: the disk's first 4 KiB to storage at 0 (channel.h). */
bool pg_channel_ipl_read(pg_channel *ch, uint16_t devno, const pg_storage *st,
                         char *err, size_t errsize)
{
    pg_device *dev = pg_channel_find(ch, devno);
    if (!dev || dev->type != PG_DEVT_DISK) {
        snprintf(err, errsize, "device %03x is not a disk: only disks can be IPLed from", devno);
        return false;
    }
    const pg_disk_backend *disk = &dev->be.disk;
    if ((uint64_t)disk->blocks * PG_DISK_BLOCK < PG_IPL_BYTES) {
        snprintf(err, errsize, "disk %03x has %u blocks; IPL reads %u", devno, disk->blocks,
                 PG_IPL_BYTES / PG_DISK_BLOCK);
        return false;
    }
    if (st->size < PG_IPL_BYTES) {
        snprintf(err, errsize, "IPL needs %u bytes of storage", PG_IPL_BYTES);
        return false;
    }
    uint8_t buf[PG_IPL_BYTES];
    if (!pg_disk_host_io(disk->fd, false, disk->offset, buf, sizeof buf)) {
        snprintf(err, errsize, "disk %03x: cannot read its first %u bytes", devno, PG_IPL_BYTES);
        return false;
    }
    st->write(st->ctx, 0, buf, sizeof buf);
    dev->position = PG_IPL_BYTES;   /* as if a READ of the IPL bytes had run */
    return true;
}
