/*
 * batch.c -- pgvmm --batch: CP commands from a script, without curses.
 * Each line is echoed as "> line", then its response, then the lines the
 * VMs wrote on their consoles meanwhile ("NAME: text").  The VMs advance
 * only inside RUN, BEGIN and STEP, so a script's transcript is always the
 * same.  At the end of the input (or SHUTDOWN) every device is closed;
 * the exit status is 0, or 1 when some command failed.
 */
#include <stdlib.h>
#include <string.h>

#include "../directory.h"
#include "../operator.h"
#include "pgvmm.h"

/* Log on the VMs: the directory's users (kept in d) or one per image. */
static bool batch_logon(cp *c, const pgvmm_options *o, cp_directory *d, bool *have_dir,
                        char *err, size_t n)
{
    *have_dir = false;
    if (o->directory) {
        if (!cp_directory_load(d, o->directory, err, n))
            return false;
        *have_dir = true;
        d->console_dir = o->console_dir;
        d->console_out = NULL;
        d->console_input = CP_INPUT_QUEUE;
        return o->no_logon || pgvmm_logon_directory(c, o, d, CP_INPUT_QUEUE, err, n);
    }
    for (int i = 0; i < o->sim.nimages; i++)
        if (!pgvmm_setup_guest(c, o, o->sim.images[i], false, CP_INPUT_QUEUE, err, n))
            return false;
    return true;
}

/* Each VM IPLed from an image file gets the labels of its symbol file. */
static void set_symbols(cp_operator *op, cp *c, const pgvmm_options *o, const cp_directory *d)
{
    for (int i = 0; !d && i < o->sim.nimages && i < cp_vm_count(c); i++)
        cp_operator_set_symbols(op, cp_vm_at(c, i), o->sim.images[i]);
    for (int i = 0; d && i < d->nusers; i++) {
        cp_vm *vm = cp_vm_find(c, d->users[i].name);
        if (vm && d->users[i].ipl == CP_IPL_FILE)
            cp_operator_set_symbols(op, vm, d->users[i].ipl_path);
    }
}

/* Is the line a blank one or a "*" comment? */
static bool ignored(const char *line)
{
    line += strspn(line, " \t\r\n");
    return !*line || *line == '*';
}

/* Run the script: echo, respond, show the consoles. */
static bool run_script(cp *c, cp_operator *op, FILE *in, FILE *out)
{
    bool ok = true;
    char *line = NULL;
    size_t cap = 0;
    cp_out resp;
    cp_out_init(&resp);
    while (!op->shutdown && getline(&line, &cap, in) >= 0) {
        line[strcspn(line, "\r\n")] = '\0';
        if (ignored(line))
            continue;
        fprintf(out, "> %s\n", line);
        cp_out_clear(&resp);
        if (cp_command_op(c, op, line, &resp) != CP_RC_OK)
            ok = false;
        cp_operator_console(op, &resp, false);
        fputs(cp_out_text(&resp), out);
        fflush(out);
    }
    cp_out_clear(&resp);
    cp_operator_console(op, &resp, true);
    fputs(cp_out_text(&resp), out);
    cp_out_free(&resp);
    free(line);
    return ok;
}

/* --batch: log on, run the script, close everything. */
int pgvmm_batch(cp *c, const pgvmm_options *o, FILE *in, FILE *out)
{
    char err[512];
    cp_directory d;
    bool have_dir;
    if (!batch_logon(c, o, &d, &have_dir, err, sizeof err)) {
        fprintf(stderr, "pgvmm: %s\n", err);
        if (have_dir)
            cp_directory_free(&d);
        cp_close_devices(c, err, sizeof err);
        return PGSIM_EXIT_HOST_ERROR;
    }
    for (int i = 0; i < cp_vm_count(c); i++)
        cp_vm_set_max_cycles(cp_vm_at(c, i), o->sim.max_cycles);
    cp_operator op;
    cp_operator_init(&op, c, have_dir ? &d : NULL, true);
    set_symbols(&op, c, o, have_dir ? &d : NULL);
    int status = run_script(c, &op, in, out) ? 0 : PGVMM_EXIT_SOME_FAILED;
    cp_operator_free(&op);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "pgvmm: cannot write the transcript\n");
        status = PGSIM_EXIT_HOST_ERROR;
    }
    if (!cp_close_devices(c, err, sizeof err)) {
        fprintf(stderr, "pgvmm: %s\n", err);
        status = PGSIM_EXIT_HOST_ERROR;
    }
    if (have_dir)
        cp_directory_free(&d);
    return status;
}
