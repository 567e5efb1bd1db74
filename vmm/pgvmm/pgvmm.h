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
} pgvmm_options;

/* Exit status when several VMs ran and not every one ended in a disabled wait. */
enum { PGVMM_EXIT_SOME_FAILED = 1 };

bool pgvmm_parse(int argc, char **argv, pgvmm_options *o, char *err, size_t n);
void pgvmm_usage(FILE *f);

/* The VM name for an image path: its base name without the extension,
   characters a name cannot hold replaced by '_', cut to CP_NAME_MAX. */
void pgvmm_name_for(const char *path, char name[CP_NAME_MAX + 1]);

/* Print a trap event to stderr (--trace). */
cp_trap_action pgvmm_trace_trap(void *ctx, const cp_trap_event *ev);

#endif
