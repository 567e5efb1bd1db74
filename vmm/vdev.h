/*
 * vdev.h -- a virtual machine's devices as CP gives them: the simulator's
 * channel and device code (channel.h) with CP's backends -- a console with an
 * input queue, spool reader, punch and printer, and minidisks (block ranges
 * of host images) -- or, for pgvmm with one image, pgsim's host files.
 *
 * A VM gets its devices one of two ways, once, after cp_vm_create:
 *   cp_vdevs_attach_host  pgsim's options (one image: behaves as on pgsim);
 *   cp_vdevs_attach_cp    CP's console and spool devices (several images,
 *                         the user directory, the monitor), then any number
 *                         of cp_vdevs_add_minidisk.
 */
#ifndef PG_CP_VDEV_H
#define PG_CP_VDEV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "channel.h"
#include "front.h"

typedef struct cp_vm cp_vm;
typedef struct cp_console cp_console;
typedef struct cp_spool_reader cp_spool_reader;
typedef struct cp_spool_punch cp_spool_punch;
typedef struct cp_spool_printer cp_spool_printer;

#define CP_MAX_MINIDISKS 16

/* A minidisk: a block range of a host image (opened once per VM). */
typedef struct cp_minidisk {
    uint16_t devno;
    int fd;
    uint64_t first_block;
    uint32_t blocks;
    bool read_only;
    uint64_t host_dev, host_ino;    /* the image's identity: overlap checks */
    char *path;                     /* as given, for messages */
} cp_minidisk;

/* Everything a VM's devices need besides the channel state. */
typedef struct cp_vdevs {
    pgsim_devices host;             /* pgsim's host files (pgvmm with one image) */
    bool host_attached;
    cp_console *console;            /* CP's console, when not a host console */
    cp_spool_reader *reader;        /* spool devices, when not host files */
    cp_spool_punch *punch;
    cp_spool_printer *printer;
    cp_minidisk minidisks[CP_MAX_MINIDISKS];
    int nminidisks;
} cp_vdevs;

/* Where a CP console's input comes from. */
typedef enum {
    CP_INPUT_NONE,                  /* end of input at once (every READ: unit exception) */
    CP_INPUT_QUEUE,                 /* lines queued by CP (monitor, batch); READ waits */
    CP_INPUT_FILE,                  /* a host stream, read as lines are needed (blocking) */
} cp_input_kind;

/* CP's devices for a VM (cp_vdevs_attach_cp); all-zero is a console without
   input or output (the ring only) and a printer that discards. */
typedef struct cp_vdev_config {
    cp_input_kind input;
    FILE *in;                       /* CP_INPUT_FILE: the stream (never closed by CP) */
    FILE *out;                      /* console output stream (never closed), or NULL */
    const char *console_path;       /* or: console output to this file (created) */
    const char *printer_path;       /* printer 00E's host file (created); NULL: discard */
} cp_vdev_config;

/* Empty device set for a new VM. */
void cp_vdevs_init(cp_vm *vm);
/* Close and free everything (host files flushed); false with a reason when
   output was lost. */
bool cp_vdevs_free(cp_vm *vm, char *err, size_t n);

/* Attach pgsim's host devices from its options (pgvmm with one image). */
bool cp_vdevs_attach_host(cp_vm *vm, const pgsim_options *o, char *err, size_t n);

/* Attach CP's console 009, spool reader 00C, punch 00D and printer 00E;
   false with a reason (a file that cannot be created), nothing attached. */
bool cp_vdevs_attach_cp(cp_vm *vm, const cp_vdev_config *cfg, char *err, size_t n);

/* Attach a minidisk: blocks [first_block, first_block + blocks) of the host
   image at path as a disk at devno.  Refused, with "disk DEVNO: PATH:
   reason", when the image is missing, unreadable, not a regular file, not
   whole blocks, too small for the range, or when a writable range would
   overlap a writable range of the same image (any VM); nothing changes. */
bool cp_vdevs_add_minidisk(cp_vm *vm, uint16_t devno, const char *path,
                           uint64_t first_block, uint32_t blocks, bool read_only,
                           char *err, size_t n);

/* Write text to the VM's console output (never its input): CP's messages
   to the VM (MSG).  Works on CP's and on the host console. */
void cp_vdevs_console_message(cp_vm *vm, const char *text, size_t len);

/* The VM's CP console (console.h), or NULL when it has pgsim's host console:
   the panel shows its output and types lines into it. */
cp_console *cp_vdevs_console(cp_vm *vm);

#endif
