/*
 * pgvmm.h -- pgvmm's front end: options beyond pgsim's and the run modes.
 */
#ifndef PGVMM_H
#define PGVMM_H

#include "front.h"
#include "vmm.h"

/* pgvmm's command line: pgsim's options plus CP's. */
typedef struct pgvmm_options {
    pgsim_options sim;
    uint32_t real_mem;
    uint64_t slice;
    const char *console_dir;
    const char *directory;
    bool batch;                     /* --batch: CP commands from standard input */
    bool monitor;                   /* --monitor: the operator panel (panel.h) */
    bool no_logon;                  /* --no-logon: the directory's users wait for LOGON */
} pgvmm_options;

/* Exit status when several VMs ran and not every one ended in a disabled wait. */
enum { PGVMM_EXIT_SOME_FAILED = 1 };

bool pgvmm_parse(int argc, char **argv, pgvmm_options *o, char *err, size_t n);
void pgvmm_usage(FILE *f);

/* The VM name for an image path: its base name without the extension,
   characters a name cannot hold replaced by '_', cut to CP_NAME_MAX. */
void pgvmm_name_for(const char *path, char name[CP_NAME_MAX + 1]);

typedef struct cp_directory cp_directory;

/* Log on one VM for an image (single: pgsim's host devices, else CP's with
   console input of kind input, a cp_input_kind) and IPL it. */
bool pgvmm_setup_guest(cp *c, const pgvmm_options *o, const char *path, bool single,
                       int input, char *err, size_t n);
/* Log on every user of a loaded directory (console input of kind input). */
bool pgvmm_logon_directory(cp *c, const pgvmm_options *o, cp_directory *d, int input,
                           char *err, size_t n);

/* --batch: log on the VMs, run the commands read from in, write the
   transcript to out, close the devices; the exit status. */
int pgvmm_batch(cp *c, const pgvmm_options *o, FILE *in, FILE *out);

/* --monitor: the operator's panel (panel.h) on the terminal until SHUTDOWN
   or F10, then close the devices; the exit status. */
int pgvmm_panel(cp *c, const pgvmm_options *o);

/* Print a trap event to stderr (--trace). */
cp_trap_action pgvmm_trace_trap(void *ctx, const cp_trap_event *ev);

#endif
