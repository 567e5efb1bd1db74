/*
 * main.c -- pgvmm: CP on the command line.  With one image it behaves
 * exactly like pgsim for that guest (console, exit status, --digest,
 * --max-cycles in the VM's virtual cycles); with several images each runs in
 * its own VM; with --directory the VMs of a user directory log on.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "../directory.h"
#include "pgvmm.h"
#include "../vdev.h"

/* Seconds on the host's monotonic clock (for --stats only). */
static double host_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A VM name for path not yet taken: NAME, NAME_2, NAME_3, ...  One scan
   finds the highest suffix in use, so a thousand copies of one image do
   not cost a thousand tries each. */
static void unique_name(cp *c, const char *path, char name[CP_NAME_MAX + 1])
{
    char base[CP_NAME_MAX + 1];
    pgvmm_name_for(path, base);
    snprintf(name, CP_NAME_MAX + 1, "%s", base);
    if (!cp_vm_find(c, name))
        return;
    size_t bl = strlen(base);
    long k = 2;
    for (int i = 0; i < cp_vm_count(c); i++) {
        const char *nm = cp_vm_name(cp_vm_at(c, i));
        if (strncasecmp(nm, base, bl) == 0 && nm[bl] == '_' && atol(nm + bl + 1) >= k)
            k = atol(nm + bl + 1) + 1;
    }
    for (;; k++) {
        char suffix[24];
        int sl = snprintf(suffix, sizeof suffix, "_%ld", k);
        snprintf(name, CP_NAME_MAX + 1, "%.*s%s", CP_NAME_MAX - sl, base, suffix);
        if (!cp_vm_find(c, name))
            return;
    }
}

/* Log on one VM for an image (or the --ipl disk) and IPL it.  A single VM
   gets pgsim's host devices (console on standard input and output); each of
   several gets CP's console and spool devices, so they can exchange files. */
static bool setup_guest(cp *c, const pgvmm_options *o, const char *path, bool single,
                        char *err, size_t n)
{
    return pgvmm_setup_guest(c, o, path, single, CP_INPUT_NONE, err, n);
}

/* Log on one VM for an image (or the --ipl disk) and IPL it; consoles of
   CP's kind take their input as input says. */
bool pgvmm_setup_guest(cp *c, const pgvmm_options *o, const char *path, bool single,
                       int input, char *err, size_t n)
{
    char name[CP_NAME_MAX + 1];
    unique_name(c, path, name);
    cp_vm *vm = cp_vm_create(c, name, o->sim.mem, err, n);
    if (!vm)
        return false;
    if (single) {
        if (!cp_vdevs_attach_host(vm, &o->sim, err, n))
            return false;
    } else {
        char *file = NULL;
        if (o->console_dir) {
            size_t flen = strlen(o->console_dir) + strlen(name) + sizeof "/.console";
            if (!(file = malloc(flen))) {
                snprintf(err, n, "out of memory");
                return false;
            }
            snprintf(file, flen, "%s/%s.console", o->console_dir, name);
        }
        cp_vdev_config cfg = {.input = (cp_input_kind)input, .console_path = file};
        bool ok = cp_vdevs_attach_cp(vm, &cfg, err, n);
        free(file);
        if (!ok)
            return false;
    }
    cp_vm_set_max_cycles(vm, o->sim.max_cycles);
    if (single && o->sim.ipl)
        return cp_vm_ipl_device(vm, o->sim.ipl_dev, err, n);
    uint8_t *image;
    size_t len;
    if (!pgsim_read_image(path, o->sim.mem, &image, &len, err, n))
        return false;
    bool ok = cp_vm_ipl_image(vm, image, len, err, n);
    free(image);
    return ok;
}

/* Log on the VMs of a user directory. */
static bool setup_directory(cp *c, const pgvmm_options *o, char *err, size_t n)
{
    cp_directory d;
    if (!cp_directory_load(&d, o->directory, err, n))
        return false;
    bool ok = pgvmm_logon_directory(c, o, &d, CP_INPUT_NONE, err, n);
    cp_directory_free(&d);
    return ok;
}

/* Log on every user of a loaded directory d (kept by the caller). */
bool pgvmm_logon_directory(cp *c, const pgvmm_options *o, cp_directory *d, int input,
                           char *err, size_t n)
{
    d->console_dir = o->console_dir;
    d->console_out = NULL;
    d->console_input = (cp_input_kind)input;
    bool ok = cp_directory_logon_all(c, d, err, n);
    for (int i = 0; ok && i < cp_vm_count(c); i++)
        cp_vm_set_max_cycles(cp_vm_at(c, i), o->sim.max_cycles);
    return ok;
}

/* How a VM ended, as pgsim would say it; returns pgsim's exit status. */
static int vm_ending(cp_vm *vm, uint64_t max_cycles, char *line, size_t n)
{
    pg_psw p = cp_vm_get_psw(vm);
    switch (cp_vm_get_state(vm)) {
    case CP_VM_DISABLED_WAIT:
        snprintf(line, n, "disabled wait, code 0x%08x", p.addr);
        return (int)(p.addr & 0xFF);
    case CP_VM_CHECK_STOP:
        snprintf(line, n, "check stop (PSW %08x %08x): invalid new PSW or "
                 "program-interruption loop", p.flags, p.addr);
        return PGSIM_EXIT_CHECK_STOP;
    case CP_VM_MAX_CYCLES:
        snprintf(line, n, "--max-cycles %llu reached (PSW %08x %08x)",
                 (unsigned long long)max_cycles, p.flags, p.addr);
        return PGSIM_EXIT_MAX_CYCLES;
    default:
        snprintf(line, n, "enabled wait that nothing can end (PSW %08x %08x)", p.flags, p.addr);
        return PGSIM_EXIT_IDLE_WAIT;
    }
}

/* --stats for one VM. */
static void print_vm_stats(cp_vm *vm)
{
    const cp_vm_stats *s = cp_vm_get_stats(vm);
    const char *nm = cp_vm_name(vm);
    fprintf(stderr, "pgvmm: %s: instructions %llu direct, %llu emulated (%.4f%% direct)\n", nm,
            (unsigned long long)s->direct, (unsigned long long)s->emulated,
            100.0 * cp_vm_efficiency(vm));
    fprintf(stderr, "pgvmm: %s: cycles %llu (%llu in waits, %llu emulating)\n", nm,
            (unsigned long long)cp_vm_get_tod(vm), (unsigned long long)s->wait_cycles,
            (unsigned long long)s->emulation_cycles);
    fprintf(stderr, "pgvmm: %s: reflected", nm);
    for (int cl = 0; cl < PG_INT_CLASSES; cl++)
        fprintf(stderr, " %s %llu", pgsim_class_name((pg_int_class)cl),
                (unsigned long long)s->reflected[cl]);
    fprintf(stderr, "; hidden faults %llu; I/O %llu; DIAGNOSE %llu\n",
            (unsigned long long)s->hidden_faults, (unsigned long long)s->io_ops,
            (unsigned long long)s->diag);
    fprintf(stderr, "pgvmm: %s: disk blocks %llu by channel programs, %llu by DIAGNOSE\n", nm,
            (unsigned long long)cp_vm_disk_blocks(vm), (unsigned long long)s->diag_blocks);
    fprintf(stderr, "pgvmm: %s: emulated", nm);
    for (int op = 0; op < PG_OP_COUNT; op++)
        if (s->by_op[op])
            fprintf(stderr, " %s %llu", pg_insns[op].mnemonic, (unsigned long long)s->by_op[op]);
    fputc('\n', stderr);
}

/* Report every VM and choose the exit status. */
static int report(cp *c, const pgvmm_options *o, bool single, double seconds)
{
    int status = 0;
    uint64_t instructions = 0;
    for (int i = 0; i < cp_vm_count(c); i++) {
        cp_vm *vm = cp_vm_at(c, i);
        char line[256];
        int st = vm_ending(vm, o->sim.max_cycles, line, sizeof line);
        if (single) {
            status = st;
            if (cp_vm_get_state(vm) != CP_VM_DISABLED_WAIT)
                fprintf(stderr, "pgvmm: %s\n", line);
        } else {
            fprintf(stderr, "pgvmm: %s: %s\n", cp_vm_name(vm), line);
            if (cp_vm_get_state(vm) != CP_VM_DISABLED_WAIT)
                status = PGVMM_EXIT_SOME_FAILED;
        }
        if (o->sim.stats)
            print_vm_stats(vm);
        if (o->sim.digest && single)
            fprintf(stderr, "digest: %016llx\n", (unsigned long long)cp_vm_digest(vm));
        else if (o->sim.digest)
            fprintf(stderr, "digest %s: %016llx\n", cp_vm_name(vm),
                    (unsigned long long)cp_vm_digest(vm));
        const cp_vm_stats *s = cp_vm_get_stats(vm);
        instructions += s->direct + s->emulated;
    }
    if (o->sim.stats)
        fprintf(stderr, "pgvmm: CP real cycles %llu, host seconds %.3f, guest MIPS %.1f\n",
                (unsigned long long)cp_real_time(c), seconds,
                seconds > 0 ? (double)instructions / seconds / 1e6 : 0.0);
    return status;
}

/* pgvmm's entry point. */
int main(int argc, char **argv)
{
    pgvmm_options o;
    char err[512];
    if (!pgvmm_parse(argc, argv, &o, err, sizeof err)) {
        fprintf(stderr, "pgvmm: %s (try --help)\n", err);
        pgsim_options_free(&o.sim);
        return PGSIM_EXIT_HOST_ERROR;
    }
    if (o.sim.help) {
        pgvmm_usage(stdout);
        pgsim_options_free(&o.sim);
        return 0;
    }
    cp_config cfg = {.real_mem = o.real_mem, .slice = o.slice, .max_cycles = o.sim.max_cycles};
    cp *c = cp_new(&cfg, err, sizeof err);
    if (!c) {
        fprintf(stderr, "pgvmm: %s\n", err);
        pgsim_options_free(&o.sim);
        return PGSIM_EXIT_HOST_ERROR;
    }
    if (o.monitor || (o.directory && !o.batch && isatty(STDOUT_FILENO))) {
        int st = pgvmm_panel(c, &o);
        cp_free(c);
        pgsim_options_free(&o.sim);
        return st;
    }
    if (o.batch) {
        int st = pgvmm_batch(c, &o, stdin, stdout);
        cp_free(c);
        pgsim_options_free(&o.sim);
        return st;
    }
    bool single = o.sim.nimages <= 1 && !o.directory;
    int nguests = o.directory ? 0 : single ? 1 : o.sim.nimages;
    bool ok = true;
    int status = PGSIM_EXIT_HOST_ERROR;
    if (o.directory)
        ok = setup_directory(c, &o, err, sizeof err);
    for (int i = 0; ok && i < nguests; i++) {
        const char *path = o.sim.nimages ? o.sim.images[i]
                                         : o.sim.disks[0].path;  /* --ipl: name after a disk */
        ok = setup_guest(c, &o, path, single, err, sizeof err);
    }
    if (!ok) {
        fprintf(stderr, "pgvmm: %s\n", err);
    } else {
        if (o.sim.trace)
            cp_set_trap_hook(c, pgvmm_trace_trap, NULL);
        double t0 = host_seconds();
        while (cp_run(c, UINT64_MAX))
            ;
        double seconds = host_seconds() - t0;
        fflush(stdout);
        status = report(c, &o, single, seconds);
    }
    if (!cp_close_devices(c, err, sizeof err)) {
        fprintf(stderr, "pgvmm: %s\n", err);
        status = PGSIM_EXIT_HOST_ERROR;
    }
    cp_free(c);
    pgsim_options_free(&o.sim);
    return status;
}
