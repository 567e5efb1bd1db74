/*
 * main.c -- pgsim, the bare PG32 machine on the command line: set up storage
 * and devices, load an image or IPL a disk, run, and report how it ended.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "front.h"

/* Seconds on the host's monotonic clock (for --stats only, never for the machine). */
static double host_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Load an image file at real 0 and load its IPL PSW. */
static bool load_image(pg_machine *m, const char *path, char *err, size_t n)
{
    uint8_t *image;
    size_t len;
    if (!pgsim_read_image(path, pg_mem_size(m), &image, &len, err, n))
        return false;
    pg_write_real(m, 0, image, (uint32_t)len);
    free(image);
    pg_machine_load_ipl_psw(m);
    return true;
}

/* Turn how the run stopped into pgsim's exit status, with a line for the unusual ones. */
static int report_stop(const pg_machine *m, pg_stop stop, const pgsim_options *o)
{
    pg_psw p = pg_get_psw(m);
    switch (stop) {
    case PG_STOP_DISABLED_WAIT:
        return (int)(p.addr & 0xFF);
    case PG_STOP_IDLE_WAIT:
        fprintf(stderr, "pgsim: enabled wait that nothing can end (PSW %08x %08x)\n",
                p.flags, p.addr);
        return PGSIM_EXIT_IDLE_WAIT;
    case PG_STOP_CHECK_STOP:
        fprintf(stderr, "pgsim: check stop (PSW %08x %08x): invalid new PSW or "
                "program-interruption loop\n", p.flags, p.addr);
        return PGSIM_EXIT_CHECK_STOP;
    case PG_STOP_BUDGET:
        fprintf(stderr, "pgsim: --max-cycles %llu reached (PSW %08x %08x)\n",
                (unsigned long long)o->max_cycles, p.flags, p.addr);
        return PGSIM_EXIT_MAX_CYCLES;
    default:
        fprintf(stderr, "pgsim: stopped unexpectedly (reason %d)\n", (int)stop);
        return PGSIM_EXIT_HOST_ERROR;
    }
}

/* pgsim's entry point. */
int main(int argc, char **argv)
{
    pgsim_options o;
    char err[512];
    if (!pgsim_parse(argc, argv, &o, err, sizeof err)) {
        fprintf(stderr, "pgsim: %s (try --help)\n", err);
        return PGSIM_EXIT_HOST_ERROR;
    }
    if (o.help) {
        pgsim_usage(stdout);
        return 0;
    }
    pg_machine *m = pg_machine_new(o.mem);
    if (!m) {
        fprintf(stderr, "pgsim: cannot allocate %u bytes of storage\n", o.mem);
        return PGSIM_EXIT_HOST_ERROR;
    }
    pgsim_devices devs;
    bool ok = pgsim_attach_devices(pg_machine_channel(m), &o, stdin, stdout, &devs, err, sizeof err);
    if (ok)
        ok = o.ipl ? pg_machine_ipl_device(m, o.ipl_dev, err, sizeof err)
                   : load_image(m, o.image, err, sizeof err);
    int status = PGSIM_EXIT_HOST_ERROR;
    if (!ok) {
        fprintf(stderr, "pgsim: %s\n", err);
    } else {
        double t0 = host_seconds();
        pg_stop stop = o.trace ? pgsim_run_traced(m, o.max_cycles, stderr)
                               : pg_run(m, o.max_cycles);
        double seconds = host_seconds() - t0;
        fflush(stdout);
        status = report_stop(m, stop, &o);
        if (o.stats)
            pgsim_print_stats("pgsim", pg_get_stats(m), seconds);
        if (o.digest)
            fprintf(stderr, "digest: %016llx\n", (unsigned long long)pg_machine_digest(m));
    }
    if (!pgsim_detach_devices(&devs, err, sizeof err)) {
        fprintf(stderr, "pgsim: %s\n", err);
        status = PGSIM_EXIT_HOST_ERROR;
    }
    pg_machine_free(m);
    pgsim_options_free(&o);
    return status;
}
