/*
 * vdev.c -- a VM's device set (vdev.h): pgsim's host devices for a single
 * image, or CP's console and spool devices, and minidisks.  Every device is
 * the channel library's; only the backends are CP's.
 */
#define _FILE_OFFSET_BITS 64

#include "vdev.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "console.h"
#include "cp_priv.h"
#include "spool.h"

/* Empty device set. */
void cp_vdevs_init(cp_vm *vm)
{
    memset(&vm->dev, 0, sizeof vm->dev);
    for (int i = 0; i < PGSIM_MAX_DISKS; i++)
        vm->dev.host.disks[i].fd = -1;
}

/* Free everything; the first lost output is the one reported. */
bool cp_vdevs_free(cp_vm *vm, char *err, size_t n)
{
    cp_vdevs *d = &vm->dev;
    char later[256];
    bool ok = true;
    if (d->host_attached)
        ok = pgsim_detach_devices(&d->host, err, n);
    d->host_attached = false;
    if (!cp_console_free(d->console, ok ? err : later, ok ? n : sizeof later))
        ok = false;
    cp_spool_reader_free(d->reader);
    cp_spool_punch_free(d->punch);
    if (!cp_spool_printer_free(d->printer, ok ? err : later, ok ? n : sizeof later))
        ok = false;
    d->console = NULL;
    d->reader = NULL;
    d->punch = NULL;
    d->printer = NULL;
    for (int i = 0; i < d->nminidisks; i++) {
        close(d->minidisks[i].fd);
        free(d->minidisks[i].path);
    }
    d->nminidisks = 0;
    return ok;
}

/* Devices are attached once: refuse a second set. */
static bool already_attached(cp_vm *vm, char *err, size_t n)
{
    if (!vm->dev.host_attached && !vm->dev.console && vm->chan.count == 0)
        return false;
    snprintf(err, n, "%s: devices are already attached", vm->name);
    return true;
}

/* pgsim's devices on pgsim's options: one image behaves as on pgsim. */
bool cp_vdevs_attach_host(cp_vm *vm, const pgsim_options *o, char *err, size_t n)
{
    if (already_attached(vm, err, n))
        return false;
    vm->dev.host_attached = true;   /* detach undoes whatever was opened */
    if (pgsim_attach_devices(&vm->chan, o, stdin, stdout, &vm->dev.host, err, n))
        return true;
    char ignored[8];
    pgsim_detach_devices(&vm->dev.host, ignored, sizeof ignored);
    vm->dev.host_attached = false;
    pg_channel_init(&vm->chan);
    return false;
}

/* CP's console, reader, punch and printer; all or nothing. */
bool cp_vdevs_attach_cp(cp_vm *vm, const cp_vdev_config *cfg, char *err, size_t n)
{
    if (already_attached(vm, err, n))
        return false;
    cp_vdevs *d = &vm->dev;
    d->console = cp_console_new(vm);
    d->reader = cp_spool_reader_new(vm);
    d->punch = cp_spool_punch_new(vm);
    bool ok = d->console && d->reader && d->punch;
    if (!ok)
        snprintf(err, n, "%s: out of memory", vm->name);
    if (ok) {
        cp_console_set_input(d->console, cfg->input, cfg->in);
        if (cfg->console_path)
            ok = cp_console_open_output(d->console, cfg->console_path, err, n);
        else
            cp_console_set_output(d->console, cfg->out);
    }
    if (ok)
        ok = (d->printer = cp_spool_printer_new(vm, cfg->printer_path, err, n)) != NULL;
    if (!ok) {
        char ignored[8];
        cp_vdevs_free(vm, ignored, sizeof ignored);
        return false;
    }
    pg_channel_add(&vm->chan, PG_DEV_CONSOLE, PG_DEVT_CONSOLE)->be.console =
        cp_console_backend(d->console);
    pg_channel_add(&vm->chan, PG_DEV_READER, PG_DEVT_READER)->be.reader =
        cp_spool_reader_backend(d->reader);
    pg_channel_add(&vm->chan, PG_DEV_PUNCH, PG_DEVT_PUNCH)->be.punch =
        cp_spool_punch_backend(d->punch);
    pg_channel_add(&vm->chan, PG_DEV_PRINTER, PG_DEVT_PRINTER)->be.printer =
        cp_spool_printer_backend(d->printer);
    return true;
}

/* Do [a, a + na) and [b, b + nb) share a block? */
static bool ranges_overlap(uint64_t a, uint64_t na, uint64_t b, uint64_t nb)
{
    return a < b + nb && b < a + na;
}

/* A writable minidisk of any VM on the same image whose range overlaps
   [first, first + blocks), or NULL (with its VM in *owner). */
static const cp_minidisk *writable_overlap(cp *c, uint64_t dev, uint64_t ino,
                                           uint64_t first, uint32_t blocks, cp_vm **owner)
{
    for (int v = 0; v < c->nvms; v++) {
        cp_vm *o = c->vms[v];
        for (int i = 0; i < o->dev.nminidisks; i++) {
            const cp_minidisk *m = &o->dev.minidisks[i];
            if (!m->read_only && m->host_dev == dev && m->host_ino == ino
                && ranges_overlap(first, blocks, m->first_block, m->blocks)) {
                *owner = o;
                return m;
            }
        }
    }
    return NULL;
}

/* Attach blocks [first_block, first_block + blocks) of path at devno. */
bool cp_vdevs_add_minidisk(cp_vm *vm, uint16_t devno, const char *path,
                           uint64_t first_block, uint32_t blocks, bool read_only,
                           char *err, size_t n)
{
    cp_vdevs *d = &vm->dev;
    if (pg_channel_find(&vm->chan, devno)) {
        snprintf(err, n, "disk %03X: %s: device %03X already exists", devno, path, devno);
        return false;
    }
    if (d->nminidisks == CP_MAX_MINIDISKS || vm->chan.count == PG_MAX_DEVICES) {
        snprintf(err, n, "disk %03X: %s: %s has too many devices", devno, path, vm->name);
        return false;
    }
    if (blocks == 0) {
        snprintf(err, n, "disk %03X: %s: a minidisk needs at least one block", devno, path);
        return false;
    }
    pg_host_disk hd;
    if (!pg_host_disk_open(&hd, devno, path, read_only, err, n))
        return false;
    /* the range's last block; first_block may be anything a caller passes */
    unsigned long long last = first_block > UINT32_MAX ? (unsigned long long)first_block
                                                      : (unsigned long long)first_block + blocks - 1;
    struct stat sb;
    char *copy = strdup(path);
    cp_vm *owner = NULL;
    const cp_minidisk *other = NULL;
    if (first_block >= hd.blocks || blocks > hd.blocks - first_block) {
        snprintf(err, n, "disk %03X: %s: blocks %llu-%llu are beyond the image's end (%u blocks)",
                 devno, path, (unsigned long long)first_block, last, (unsigned)hd.blocks);
    } else if (!copy) {
        snprintf(err, n, "disk %03X: %s: out of memory", devno, path);
    } else if (fstat(hd.fd, &sb) != 0) {
        snprintf(err, n, "disk %03X: %s: %s", devno, path, strerror(errno));
    } else if (!read_only
               && (other = writable_overlap(vm->cp, (uint64_t)sb.st_dev, (uint64_t)sb.st_ino,
                                            first_block, blocks, &owner))) {
        snprintf(err, n,
                 "disk %03X: %s: writable blocks %llu-%llu overlap %s's writable minidisk %03X"
                 " (blocks %llu-%llu)",
                 devno, path, (unsigned long long)first_block, last,
                 owner->name, other->devno, (unsigned long long)other->first_block,
                 (unsigned long long)(other->first_block + other->blocks - 1));
    } else {
        d->minidisks[d->nminidisks++] = (cp_minidisk){
            .devno = devno, .fd = hd.fd, .first_block = first_block, .blocks = blocks,
            .read_only = read_only, .host_dev = (uint64_t)sb.st_dev,
            .host_ino = (uint64_t)sb.st_ino, .path = copy};
        pg_channel_add(&vm->chan, devno, PG_DEVT_DISK)->be.disk = (pg_disk_backend){
            .fd = hd.fd, .offset = first_block * PG_DISK_BLOCK, .blocks = blocks,
            .read_only = read_only};
        return true;
    }
    free(copy);
    pg_host_disk_close(&hd);
    return false;
}

/* CP's message to the VM: onto its console output, whichever backend. */
void cp_vdevs_console_message(cp_vm *vm, const char *text, size_t len)
{
    if (vm->dev.console) {
        cp_console_write(vm->dev.console, text, len);
        return;
    }
    pg_device *dev = pg_channel_find(&vm->chan, PG_DEV_CONSOLE);
    if (dev && dev->be.console.write)
        dev->be.console.write(dev->be.console.ctx, (const uint8_t *)text, (uint32_t)len);
}

/* The VM's CP console, or NULL (a host console). */
cp_console *cp_vdevs_console(cp_vm *vm)
{
    return vm->dev.console;
}
