/*
 * options.c -- pgvmm's command line: pgsim's options (front.h) plus
 * --real-mem, --slice, --console-dir, --directory and --batch.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pgvmm.h"

/* Print the usage text. */
void pgvmm_usage(FILE *f)
{
    fputs("usage: pgvmm [pgsim's options] IMAGE          one VM, exactly as on pgsim\n"
          "       pgvmm [--mem SIZE] [options] IMAGE...   one VM per image\n"
          "       pgvmm --directory FILE [options]        the VMs of a user directory\n"
          "CP runs every VM on one simulated PG32 machine by trap and emulate.\n"
          "  --real-mem SIZE    CP's real storage, K or M suffix (default 64M, at most 256M)\n"
          "  --slice N          real cycles a VM runs before the next one (default 200000)\n"
          "  --console-dir DIR  write each VM's console output to DIR/NAME.console\n"
          "  --directory FILE   log on the VMs of a user directory (README)\n"
          "  --batch            run CP commands from standard input, without a panel:\n"
          "                     the VMs advance only in RUN, BEGIN and STEP (README)\n"
          "  --monitor          the operator panel (ncurses): VM list, registers, traps,\n"
          "                     consoles, CP commands; the default for --directory\n"
          "                     when standard output is a terminal (README)\n"
          "  --no-logon         with --batch --directory: log on nobody at the start\n"
          "                     (the script's LOGON and AUTOLOG do)\n"
          "  --trace            print each trap as CP handles it, to standard error\n"
          "  --stats            print each VM's statistics to standard error\n"
          "  --digest           print each VM's 'digest: <hex>' to standard error\n"
          "pgsim's options (--mem --disk --reader --punch --printer --ipl --max-cycles)\n"
          "mean the same; device options need a single VM.\n", f);
}

/* pgvmm's own options, for pgsim's parser. */
static int extra_option(void *ctx, const char *name, const char *value, char *err, size_t n)
{
    pgvmm_options *o = ctx;
    uint64_t v;
    if (!strcmp(name, "--batch")) {
        o->batch = true;
        return 0;
    }
    if (!strcmp(name, "--monitor")) {
        o->monitor = true;
        return 0;
    }
    if (!strcmp(name, "--no-logon")) {
        o->no_logon = true;
        return 0;
    }
    if (!value) {
        snprintf(err, n, "option needs a value: %s", name);
        return -2;
    }
    if (!strcmp(name, "--real-mem")) {
        if (!pgsim_parse_size(value, &v) || v == 0 || v % PG_PAGE_SIZE || v > PG_MAX_MEMORY) {
            snprintf(err, n, "--real-mem wants a multiple of 4K up to 256M: %s", value);
            return -2;
        }
        o->real_mem = (uint32_t)v;
    } else if (!strcmp(name, "--slice")) {
        if (!pgsim_parse_size(value, &v) || v == 0) {
            snprintf(err, n, "--slice wants a number of cycles: %s", value);
            return -2;
        }
        o->slice = v;
    } else if (!strcmp(name, "--console-dir")) {
        o->console_dir = value;
    } else if (!strcmp(name, "--directory")) {
        o->directory = value;
    } else {
        return -1;
    }
    return 1;
}

/* Parse argv; false with a message. */
bool pgvmm_parse(int argc, char **argv, pgvmm_options *o, char *err, size_t n)
{
    memset(o, 0, sizeof *o);
    o->real_mem = CP_DEFAULT_REAL_MEM;
    o->slice = CP_DEFAULT_SLICE;
    if (!pgsim_parse_with(argc, argv, &o->sim, extra_option, o, err, n))
        return false;
    const pgsim_options *s = &o->sim;
    if (s->help)
        return true;
    if (o->directory && s->nimages) {
        snprintf(err, n, "give a --directory or IMAGEs, not both");
        return false;
    }
    if (!o->directory && !s->nimages && !s->ipl) {
        snprintf(err, n, "no IMAGE given (and no --ipl DEV or --directory FILE)");
        return false;
    }
    if (s->nimages && s->ipl) {
        snprintf(err, n, "give an IMAGE or --ipl DEV, not both");
        return false;
    }
    if (o->no_logon && (!o->batch || !o->directory)) {
        snprintf(err, n, "--no-logon needs --batch and --directory");
        return false;
    }
    if (o->monitor && o->batch) {
        snprintf(err, n, "give --monitor or --batch, not both");
        return false;
    }
    if (o->monitor && pgsim_has_device_options(s)) {
        snprintf(err, n, "device options (--disk --reader --punch --printer --ipl) do not go "
                 "with --monitor: its VMs get CP's devices");
        return false;
    }
    if (o->batch && pgsim_has_device_options(s)) {
        snprintf(err, n, "device options (--disk --reader --punch --printer --ipl) do not go "
                 "with --batch: its VMs get CP's devices");
        return false;
    }
    if ((s->nimages > 1 || o->directory) && pgsim_has_device_options(s)) {
        snprintf(err, n, "device options (--disk --reader --punch --printer --ipl) need a "
                 "single VM");
        return false;
    }
    return true;
}

/* The VM name for an image path. */
void pgvmm_name_for(const char *path, char name[CP_NAME_MAX + 1])
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (len > CP_NAME_MAX)
        len = CP_NAME_MAX;
    for (size_t i = 0; i < len; i++) {
        char ch = base[i];
        name[i] = isalnum((unsigned char)ch) || strchr("$#@_-.", ch) ? ch : '_';
    }
    if (len == 0)
        name[len++] = 'V';
    name[len] = '\0';
}
