/*
 * devices.c -- the bare machine's devices as pgsim's options set them up: the four unit-record devices always, disks
 * as --disk says, each on its host backend (hostio.h).
 */
#include <stdlib.h>
#include <string.h>

#include "front.h"

/* Put the unit-record devices and the disks on the machine's channel. */
bool pgsim_attach_devices(pg_channel *ch, const pgsim_options *o, FILE *console_in,
                          FILE *console_out, pgsim_devices *d, char *err, size_t n)
{
    memset(d, 0, sizeof *d);
    for (int i = 0; i < PGSIM_MAX_DISKS; i++)
        d->disks[i].fd = -1;

    pg_host_console_init(&d->console, console_in, console_out);
    pg_channel_add(ch, PG_DEV_CONSOLE, PG_DEVT_CONSOLE)->be.console =
        pg_host_console_backend(&d->console);

    if (!pg_host_reader_open(&d->reader, PG_DEV_READER, o->readers, (size_t)o->nreaders,
                             err, n))
        return false;
    d->reader_open = true;
    pg_channel_add(ch, PG_DEV_READER, PG_DEVT_READER)->be.reader =
        pg_host_reader_backend(&d->reader);

    if (!pg_host_punch_open(&d->punch, PG_DEV_PUNCH, o->punch, err, n))
        return false;
    d->punch_open = true;
    pg_channel_add(ch, PG_DEV_PUNCH, PG_DEVT_PUNCH)->be.punch = pg_host_punch_backend(&d->punch);

    if (!pg_host_printer_open(&d->printer, PG_DEV_PRINTER, o->printer, err, n))
        return false;
    d->printer_open = true;
    pg_channel_add(ch, PG_DEV_PRINTER, PG_DEVT_PRINTER)->be.printer =
        pg_host_printer_backend(&d->printer);

    for (int i = 0; i < o->ndisks; i++) {
        const pgsim_disk *od = &o->disks[i];
        char *path = strndup(od->path, od->path_len);
        if (!path) {
            snprintf(err, n, "out of memory");
            return false;
        }
        bool ok = pg_host_disk_open(&d->disks[i], od->devno, path, od->read_only, err, n);
        free(path);
        if (!ok)
            return false;
        d->ndisks = i + 1;
        pg_device *dev = pg_channel_add(ch, od->devno, PG_DEVT_DISK);
        dev->be.disk = pg_host_disk_backend(&d->disks[i]);
    }
    return true;
}

/* Close every backend; false when output was lost (e.g. a full host disk). */
bool pgsim_detach_devices(pgsim_devices *d, char *err, size_t n)
{
    bool ok = true;
    char later[256];                /* a second failure is not reported over the first */
    if (d->reader_open)
        pg_host_reader_close(&d->reader);
    if (d->punch_open && !pg_host_output_close(&d->punch, err, n))
        ok = false;
    if (d->printer_open && !pg_host_output_close(&d->printer, ok ? err : later,
                                                 ok ? n : sizeof later))
        ok = false;
    for (int i = 0; i < d->ndisks; i++)
        pg_host_disk_close(&d->disks[i]);
    return ok;
}
