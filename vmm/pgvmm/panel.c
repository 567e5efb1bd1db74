/*
 * panel.c -- pgvmm --monitor: log on the VMs (CP consoles the panel types
 * into), then the main loop: keys to readline or the panel, the VMs run in
 * slices between keys, the screen redrawn about ten times a second.  Lines
 * typed at the command line are CP commands (cp_command_op), or, with the
 * console focused (F2), lines for the selected VM's console.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../console.h"
#include "../directory.h"
#include "../vdev.h"
#include "panel.h"

#define REFRESH_SECONDS 0.1
#define BUDGET_MIN 10000u
#define BUDGET_MAX 50000000u

/* Seconds on the host's monotonic clock (MIPS and refresh only). */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Append text (lines) to the output area. */
void panel_output(panel *p, const char *text)
{
    while (*text) {
        size_t n = strcspn(text, "\n");
        snprintf(p->out[p->nout++ % PANEL_OUT_LINES], PANEL_LINE, "%.*s", (int)n, text);
        text += n + (text[n] == '\n');
    }
}

/* The VM the panel shows and commands work on: the operator's selected one
   (the first VM is selected when none is). */
cp_vm *panel_selected(panel *p)
{
    if (!p->op.selected && cp_vm_count(p->c))
        p->op.selected = cp_vm_at(p->c, 0);
    return p->op.selected;
}

/* Select the next (delta 1) or previous (-1) VM, as SET VM would. */
void panel_select_next(panel *p, int delta)
{
    int n = cp_vm_count(p->c);
    cp_vm *sel = panel_selected(p);
    for (int i = 0; sel && i < n; i++)
        if (cp_vm_at(p->c, i) == sel) {
            p->op.selected = cp_vm_at(p->c, ((i + delta) % n + n) % n);
            return;
        }
}

/* A line typed into the selected VM's console (shown on it, as typed). */
static void console_line(panel *p, const char *line)
{
    cp_vm *vm = panel_selected(p);
    cp_console *con = vm ? cp_vdevs_console(vm) : NULL;
    char msg[PANEL_LINE];
    if (!con) {
        panel_output(p, "no VM with a CP console is selected\n");
        return;
    }
    size_t len = strlen(line);
    cp_console_write(con, line, len);
    cp_console_write(con, "\n", 1);
    if (!cp_console_queue_line(con, line, len)) {
        snprintf(msg, sizeof msg, "%s's console takes no typed input\n", cp_vm_name(vm));
        panel_output(p, msg);
    }
}

/* A line from the command line: a CP command, or console input. */
void panel_enter_line(panel *p, const char *line)
{
    if (p->console_focus) {
        console_line(p, line);
        return;
    }
    if (!*line)
        return;
    cp_out out;
    cp_out_init(&out);
    cp_out_printf(&out, "CP> %s\n", line);
    cp_command_op(p->c, &p->op, line, &out);
    panel_output(p, cp_out_text(&out));
    cp_out_free(&out);
    p->out_scroll = 0;
}

/* Keys the panel takes itself; false: readline's. */
static bool panel_key(panel *p, int key)
{
    int rows = p->outw ? getmaxy(p->outw) - 1 : 1;
    switch (key) {
    case KEY_RESIZE: panel_layout(p); return true;
    case KEY_F(2): p->console_focus = !p->console_focus; return true;
    case KEY_F(3): panel_select_next(p, -1); return true;
    case KEY_F(4): panel_select_next(p, 1); return true;
    case KEY_F(10): p->quit = true; return true;
    case KEY_PPAGE:
        p->out_scroll += rows;
        break;
    case KEY_NPAGE:
        p->out_scroll -= rows;
        break;
    default: return false;
    }
    uint64_t kept = p->nout < PANEL_OUT_LINES ? p->nout : PANEL_OUT_LINES;
    int most = (int)kept > rows ? (int)kept - rows : 0;
    p->out_scroll = p->out_scroll < 0 ? 0 : p->out_scroll > most ? most : p->out_scroll;
    return true;
}

/* Is some VM ready to run? */
static bool any_ready(panel *p)
{
    for (int i = 0; i < cp_vm_count(p->c); i++)
        if (cp_vm_get_state(cp_vm_at(p->c, i)) == CP_VM_READY)
            return true;
    return false;
}

/* Let the VMs run for about a hundredth of a second; TRACE and BREAK TRAP
   lines and state changes go to the output area. */
static void run_slice(panel *p, uint64_t *budget)
{
    cp_out out;
    cp_out_init(&out);
    p->op.events = &out;
    double t0 = now();
    cp_operator_run(&p->op, &out, *budget);
    double dt = now() - t0;
    p->op.events = NULL;
    if (dt < 0.005 && *budget < BUDGET_MAX)
        *budget *= 2;
    else if (dt > 0.02 && *budget > BUDGET_MIN)
        *budget /= 2;
    /* a VM waiting for its console again after each typed line is no news */
    const char *t = cp_out_text(&out);
    while (*t) {
        size_t n = strcspn(t, "\n");
        char line[PANEL_LINE];
        snprintf(line, sizeof line, "%.*s\n", (int)n, t);
        if (!strstr(line, ": waiting for console input, PSW"))
            panel_output(p, line);
        t += n + (t[n] == '\n');
    }
    cp_out_free(&out);
}

/* Guest instructions of every VM. */
static uint64_t all_instructions(panel *p)
{
    uint64_t n = 0;
    for (int i = 0; i < cp_vm_count(p->c); i++) {
        const cp_vm_stats *s = cp_vm_get_stats(cp_vm_at(p->c, i));
        n += s->direct + s->emulated;
    }
    return n;
}

/* Redraw, with the MIPS of the interval since the last redraw. */
static void refresh_screen(panel *p)
{
    double t = now();
    uint64_t n = all_instructions(p);
    if (t > p->last_time)
        p->mips = (double)(n - p->last_insns) / (t - p->last_time) / 1e6;
    p->last_time = t;
    p->last_insns = n;
    panel_draw(p);
}

/* The main loop: keys, the VMs, the screen. */
static void main_loop(panel *p)
{
    uint64_t budget = 200000;
    double last_draw = 0;
    while (!p->quit && !p->op.shutdown && !panel_term_signalled()) {
        bool ready = any_ready(p);
        wtimeout(p->cmd, ready ? 0 : 50);
        int key = wgetch(p->cmd);
        while (key != ERR && !p->quit && !p->op.shutdown) {
            if (!panel_key(p, key))
                panel_term_key(p, key);
            wtimeout(p->cmd, 0);
            key = wgetch(p->cmd);
        }
        if (any_ready(p))
            run_slice(p, &budget);
        if (now() - last_draw >= REFRESH_SECONDS) {
            refresh_screen(p);
            last_draw = now();
        }
    }
}

/* Log on the VMs: the directory's users or one VM per image, with consoles
   the panel types into; each image VM gets its labels. */
static bool logon(panel *p, const pgvmm_options *o, cp_directory *d, bool *have_dir,
                  char *err, size_t n)
{
    *have_dir = false;
    if (o->directory) {
        if (!cp_directory_load(d, o->directory, err, n))
            return false;
        *have_dir = true;
        return pgvmm_logon_directory(p->c, o, d, CP_INPUT_QUEUE, err, n);
    }
    for (int i = 0; i < o->sim.nimages; i++)
        if (!pgvmm_setup_guest(p->c, o, o->sim.images[i], false, CP_INPUT_QUEUE, err, n))
            return false;
    return true;
}

/* Labels for the VMs IPLed from image files. */
static void set_symbols(panel *p, const pgvmm_options *o, const cp_directory *d)
{
    for (int i = 0; !d && i < o->sim.nimages && i < cp_vm_count(p->c); i++)
        cp_operator_set_symbols(&p->op, cp_vm_at(p->c, i), o->sim.images[i]);
    for (int i = 0; d && i < d->nusers; i++) {
        cp_vm *vm = cp_vm_find(p->c, d->users[i].name);
        if (vm && d->users[i].ipl == CP_IPL_FILE)
            cp_operator_set_symbols(&p->op, vm, d->users[i].ipl_path);
    }
}

/* The panel's session, after logon. */
static void session(panel *p)
{
    panel_output(p, "pgvmm monitor: CP commands here (HELP); F2 types into the selected "
                    "VM's console; F10 or SHUTDOWN ends\n");
    panel_layout(p);
    p->last_time = now();
    main_loop(p);
    panel_free_windows(p);
    panel_term_end();
}

/* pgvmm --monitor. */
int pgvmm_panel(cp *c, const pgvmm_options *o)
{
    char err[512];
    cp_directory d;
    bool have_dir;
    panel *p = calloc(1, sizeof *p);
    char (*out)[PANEL_LINE] = calloc(PANEL_OUT_LINES, sizeof *out);
    if (!p || !out) {
        free(p);
        free(out);
        fprintf(stderr, "pgvmm: out of memory\n");
        return PGSIM_EXIT_HOST_ERROR;
    }
    p->c = c;
    p->out = out;
    int status = 0;
    if (!logon(p, o, &d, &have_dir, err, sizeof err)) {
        fprintf(stderr, "pgvmm: %s\n", err);
        status = PGSIM_EXIT_HOST_ERROR;
    } else {
        for (int i = 0; i < cp_vm_count(c); i++)
            cp_vm_set_max_cycles(cp_vm_at(c, i), o->sim.max_cycles);
        cp_operator_init(&p->op, c, have_dir ? &d : NULL, false);
        set_symbols(p, o, have_dir ? &d : NULL);
        panel_trap_install(p);
        if (panel_term_start(p)) {
            session(p);
        } else {
            panel_term_end();
            fprintf(stderr, "pgvmm: cannot start the panel: standard input and output must be a "
                    "terminal that TERM names\n");
            status = PGSIM_EXIT_HOST_ERROR;
        }
        panel_trap_remove(p);
        cp_operator_free(&p->op);
    }
    if (!cp_close_devices(c, err, sizeof err)) {
        fprintf(stderr, "pgvmm: %s\n", err);
        status = PGSIM_EXIT_HOST_ERROR;
    }
    if (have_dir)
        cp_directory_free(&d);
    free(p->out);
    free(p);
    return status;
}
