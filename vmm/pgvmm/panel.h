/*
 * panel.h -- pgvmm --monitor: the ncurses operator panel.  The screen shows
 * the VM list, the selected VM (registers, PSW, CRs, disassembly, a trap
 * log), its console, CP's command output, a status line and a readline
 * command line; the VMs run between keystrokes.
 *
 *   panel.c        setup, the main loop, running the VMs, commands
 *   panel_draw.c   the windows: layout and drawing
 *   panel_vm.c     the selected VM's pane and the VM list
 *   panel_trap.c   the trap log: a trap hook chained before the operator's
 *   panel_term.c   the terminal: curses, signals, readline (all the globals)
 */
#ifndef PGVMM_PANEL_H
#define PGVMM_PANEL_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "../operator.h"
#include "pgvmm.h"

#define PANEL_LINE 200              /* characters kept of a line */
#define PANEL_OUT_LINES 512         /* command output kept */
#define PANEL_TRAPS 4096            /* trap events kept (all VMs) */

/* One trap event as the trap log keeps it. */
typedef struct panel_trap {
    cp_vm *vm;
    cp_trap_kind kind;
    pg_int_class cls;
    uint32_t code;
    bool has_insn;
    uint32_t insn_addr, insn_word;
    pg_psw rpsw;
    char outcome[64];
} panel_trap;

/* The panel's state. */
typedef struct panel {
    cp *c;
    cp_operator op;
    cp_trap_hook chain;             /* the operator's hook, called first */
    void *chain_ctx;
    panel_trap traps[PANEL_TRAPS];
    uint64_t ntraps;                /* events ever logged */
    char (*out)[PANEL_LINE];        /* command output, a ring of PANEL_OUT_LINES */
    uint64_t nout;
    int out_scroll;                 /* lines scrolled back */
    bool console_focus;             /* typed lines go to the selected VM's console */
    bool quit;
    WINDOW *list, *regs, *dis, *trap, *con, *outw, *status, *cmd;
    int laid_out_vms;               /* VMs when the windows were made (LOGON adds) */
    uint64_t last_insns;            /* for MIPS */
    double last_time, mips;
} panel;

/* panel.c */
void panel_output(panel *p, const char *text);     /* lines into the output area */
void panel_enter_line(panel *p, const char *line); /* a line typed at the command line */
cp_vm *panel_selected(panel *p);
void panel_select_next(panel *p, int delta);

/* panel_trap.c */
void panel_trap_install(panel *p);
void panel_trap_remove(panel *p);
void panel_trap_format(panel *p, const panel_trap *t, char *buf, size_t n);

/* panel_draw.c */
void panel_layout(panel *p);
void panel_free_windows(panel *p);
void panel_draw(panel *p);
void panel_title(WINDOW *w, const char *text);

/* panel_vm.c */
void panel_draw_list(panel *p);
void panel_draw_regs(panel *p);
void panel_draw_dis(panel *p);
const char *panel_state_text(cp_vm *vm, char *buf, size_t n);

/* panel_term.c */
bool panel_term_start(panel *p);        /* curses, signals, readline */
void panel_term_end(void);              /* restore the terminal (idempotent) */
bool panel_term_signalled(void);        /* SIGINT/SIGTERM arrived */
void panel_term_key(panel *p, int key); /* one key from curses */
void panel_term_draw_cmd(panel *p);     /* the command line */

#endif
