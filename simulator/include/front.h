/*
 * front.h -- the command-line front end shared by pgsim and pgvmm: the
 * options of the bare machine (storage, devices, run limits, reports), the
 * host devices they attach, tracing and the statistics report.  pgvmm takes
 * the same options for its VMs, so one image behaves the same on both.
 */
#ifndef PG_FRONT_H
#define PG_FRONT_H

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
#define PGSIM_MAX_IMAGES 4096

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
    const char *image;              /* the first IMAGE */
    const char **images;            /* all of them (pgvmm takes several); malloc'd */
    int nimages;
} pgsim_options;

/* Options a front end adds to pgsim's: called for an option pgsim does not
   know with its name and value (NULL if it was given none); returns 1 if it
   took the value, 0 if it took the option alone (a flag), -1 if unknown, -2
   on a bad value (message in err). */
typedef int (*pgsim_extra_option)(void *ctx, const char *name, const char *value,
                                  char *err, size_t n);

/* The host backends of pgsim's devices (also a pgvmm VM's with one image). */
typedef struct pgsim_devices {
    pg_host_console console;
    pg_host_reader reader;
    pg_host_output punch, printer;
    pg_host_disk disks[PGSIM_MAX_DISKS];
    int ndisks;
    bool reader_open, punch_open, printer_open;
} pgsim_devices;

/* Attach the console (on in/out; NULL: no input / output discarded), the
   reader, punch and printer on the options' files, and the options' disks. */
bool pgsim_attach_devices(pg_channel *ch, const pgsim_options *o, FILE *console_in,
                          FILE *console_out, pgsim_devices *d, char *err, size_t n);
bool pgsim_detach_devices(pgsim_devices *d, char *err, size_t n);
bool pgsim_parse(int argc, char **argv, pgsim_options *o, char *err, size_t n);
bool pgsim_parse_with(int argc, char **argv, pgsim_options *o, pgsim_extra_option extra,
                      void *ctx, char *err, size_t n);
void pgsim_options_free(pgsim_options *o);
bool pgsim_has_device_options(const pgsim_options *o);
/* A number of bytes with an optional K or M suffix; false if malformed or
   above 4G. */
bool pgsim_parse_size(const char *s, uint64_t *out);
bool pgsim_read_image(const char *path, uint32_t max, uint8_t **image, size_t *len,
                      char *err, size_t n);
void pgsim_print_stats(const char *prog, const pg_stats *s, double seconds);
void pgsim_usage(FILE *f);
const char *pgsim_class_name(pg_int_class cls);
pg_stop pgsim_run_traced(pg_machine *m, uint64_t max_cycles, FILE *out);

#endif
