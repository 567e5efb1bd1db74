/*
 * pgsim.h -- pieces of pgsim's command-line front end.
 */
#ifndef PGSIM_H
#define PGSIM_H

#include <stdio.h>

#include "hostio.h"
#include "machine.h"

/* Exit statuses other than a disabled wait's code (README, "Exit statuses"). */
enum {
    PGSIM_EXIT_IDLE_WAIT = 252,     /* enabled wait that nothing can end */
    PGSIM_EXIT_CHECK_STOP = 253,
    PGSIM_EXIT_MAX_CYCLES = 254,
    PGSIM_EXIT_HOST_ERROR = 255,    /* bad option, file, image or disk */
};

#define PGSIM_MAX_DISKS 16
#define PGSIM_MAX_READERS 16

/* A --disk option. */
typedef struct pgsim_disk {
    uint16_t devno;
    const char *path;               /* points into argv; path_len bytes long */
    size_t path_len;
    bool read_only;
} pgsim_disk;

/* The parsed command line. */
typedef struct pgsim_options {
    uint32_t mem;
    pgsim_disk disks[PGSIM_MAX_DISKS];
    int ndisks;
    const char *readers[PGSIM_MAX_READERS];
    int nreaders;
    const char *punch, *printer;
    bool ipl;
    uint16_t ipl_dev;
    uint64_t max_cycles;
    bool trace, stats, digest, help;
    const char *image;
} pgsim_options;

/* The host backends of pgsim's devices. */
typedef struct pgsim_devices {
    pg_host_console console;
    pg_host_reader reader;
    pg_host_output punch, printer;
    pg_host_disk disks[PGSIM_MAX_DISKS];
    int ndisks;
    bool reader_open, punch_open, printer_open;
} pgsim_devices;

bool pgsim_attach_devices(pg_machine *m, const pgsim_options *o, pgsim_devices *d,
                          char *err, size_t n);
bool pgsim_detach_devices(pgsim_devices *d, char *err, size_t n);
bool pgsim_parse(int argc, char **argv, pgsim_options *o, char *err, size_t n);
void pgsim_usage(FILE *f);
const char *pgsim_class_name(pg_int_class cls);
pg_stop pgsim_run_traced(pg_machine *m, uint64_t max_cycles, FILE *out);

#endif
