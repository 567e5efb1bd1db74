/*
 * panel_draw.c -- the panel's windows: the layout (made again on a resize)
 * and the drawing of the whole screen with wnoutrefresh and one doupdate.
 *
 *   VM list                                   (one row per VM, up to 8)
 *   selected VM: registers, CRs, PSWs         (6 rows)
 *   instructions         | console of the selected VM
 *   trap log             | CP output
 *   status line
 *   command line
 */
#include <stdio.h>
#include <string.h>

#include "../console.h"
#include "../vdev.h"
#include "panel.h"

/* A window, never smaller than one cell. */
static WINDOW *mkwin(int h, int w, int y, int x)
{
    return newwin(h > 0 ? h : 1, w > 0 ? w : 1, y >= 0 ? y : 0, x >= 0 ? x : 0);
}

/* Delete every window. */
void panel_free_windows(panel *p)
{
    WINDOW **ws[] = {&p->list, &p->regs, &p->dis, &p->trap, &p->con, &p->outw, &p->status,
                     &p->cmd};
    for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++) {
        if (*ws[i])
            delwin(*ws[i]);
        *ws[i] = NULL;
    }
}

/* Make the windows for the terminal's size now. */
void panel_layout(panel *p)
{
    panel_free_windows(p);
    int rows = LINES, cols = COLS, n = cp_vm_count(p->c);
    p->laid_out_vms = n;
    int list_h = 1 + (n < 1 ? 1 : n > 8 ? 8 : n);
    int regs_h = 6;
    int mid_y = list_h + regs_h, mid_h = rows - mid_y - 2;
    if (mid_h < 4) {                /* a small terminal: fewer list rows */
        list_h = 2;
        mid_y = list_h + regs_h;
        mid_h = rows - mid_y - 2;
    }
    int left = cols * 11 / 20, right = cols - left;
    int dis_h = mid_h * 2 / 5, con_h = mid_h / 2;
    p->list = mkwin(list_h, cols, 0, 0);
    p->regs = mkwin(regs_h, cols, list_h, 0);
    p->dis = mkwin(dis_h, left - 1, mid_y, 0);
    p->trap = mkwin(mid_h - dis_h, left - 1, mid_y + dis_h, 0);
    p->con = mkwin(con_h, right, mid_y, left);
    p->outw = mkwin(mid_h - con_h, right, mid_y + con_h, left);
    p->status = mkwin(1, cols, rows - 2, 0);
    p->cmd = mkwin(1, cols, rows - 1, 0);
    keypad(p->cmd, TRUE);
    werase(stdscr);                 /* the column between the halves */
    wnoutrefresh(stdscr);
    clearok(curscr, TRUE);
}

/* A title row in reverse video. */
void panel_title(WINDOW *w, const char *text)
{
    wattron(w, A_REVERSE | COLOR_PAIR(1));
    mvwhline(w, 0, 0, ' ', getmaxx(w));
    mvwaddnstr(w, 0, 0, text, getmaxx(w));
    wattroff(w, A_REVERSE | COLOR_PAIR(1));
}

/* The last lines of text (len bytes) that fit in w below its title, wrapped. */
static void draw_tail(WINDOW *w, const char *text, size_t len)
{
    int rows = getmaxy(w) - 1, width = getmaxx(w);
    if (rows <= 0 || width <= 0)
        return;
    size_t end = len && text[len - 1] == '\n' ? len - 1 : len;
    size_t start = end, line_end = end;
    for (int used = 0;;) {
        size_t b = line_end;
        while (b > 0 && text[b - 1] != '\n')
            b--;
        int need = line_end > b ? (int)((line_end - b + (size_t)width - 1) / (size_t)width) : 1;
        if (used + need > rows)
            break;
        used += need;
        start = b;
        if (b == 0)
            break;
        line_end = b - 1;
    }
    int y = 1, x = 0;
    for (size_t i = start; i < end && y <= rows; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n' || x >= width) {
            y++;
            x = 0;
            if (ch == '\n' || y > rows)
                continue;
        }
        if (ch == '\r')
            continue;
        mvwaddch(w, y, x++, ch >= 32 && ch < 127 ? (chtype)ch : '.');
    }
}

/* The selected VM's console output. */
static void draw_console(panel *p)
{
    WINDOW *w = p->con;
    werase(w);
    cp_vm *vm = panel_selected(p);
    char title[96];
    snprintf(title, sizeof title, " console %s%s", vm ? cp_vm_name(vm) : "",
             p->console_focus ? "  (typing goes here: F2 for CP)" : "  (F2 to type here)");
    panel_title(w, title);
    cp_console *con = vm ? cp_vdevs_console(vm) : NULL;
    if (con) {
        size_t len;
        const char *text = cp_console_output(con, &len);
        draw_tail(w, text, len);
    } else if (vm) {
        mvwaddstr(w, 1, 0, "(no CP console)");
    }
    wnoutrefresh(w);
}

/* The output ring, newest at the bottom, long lines wrapped, scrolled back
   by p->out_scroll lines. */
static void draw_output(panel *p)
{
    WINDOW *w = p->outw;
    int rows = getmaxy(w) - 1, width = getmaxx(w), y = rows;
    uint64_t kept = p->nout < PANEL_OUT_LINES ? p->nout : PANEL_OUT_LINES;
    uint64_t i = p->nout - (uint64_t)p->out_scroll;
    for (; y > 0 && i > p->nout - kept; i--) {
        const char *line = p->out[(i - 1) % PANEL_OUT_LINES];
        int len = (int)strlen(line), h = len ? (len + width - 1) / width : 1;
        for (int k = h - 1; k >= 0; k--, y--)
            if (y > 0)
                mvwaddnstr(w, y, 0, line + k * width, width);
    }
}

/* The selected VM's newest trap events, newest at the bottom. */
static void draw_traps(panel *p)
{
    WINDOW *w = p->trap;
    cp_vm *vm = panel_selected(p);
    uint64_t kept = p->ntraps < PANEL_TRAPS ? p->ntraps : PANEL_TRAPS;
    int y = getmaxy(w) - 1;
    for (uint64_t k = 1; k <= kept && y > 0; k++) {
        const panel_trap *t = &p->traps[(p->ntraps - k) % PANEL_TRAPS];
        if (t->vm != vm)
            continue;
        char buf[PANEL_LINE];
        panel_trap_format(p, t, buf, sizeof buf);
        mvwaddnstr(w, y--, 0, buf, getmaxx(w));
    }
}

/* The trap log and the output area. */
static void draw_logs(panel *p)
{
    werase(p->trap);
    char title[96];
    cp_vm *vm = panel_selected(p);
    snprintf(title, sizeof title, " trap log %s (%llu traps of all VMs)", vm ? cp_vm_name(vm) : "",
             (unsigned long long)p->ntraps);
    panel_title(p->trap, title);
    draw_traps(p);
    wnoutrefresh(p->trap);
    werase(p->outw);
    panel_title(p->outw, p->out_scroll ? " CP output (scrolled: PgDn)" : " CP output (PgUp/PgDn)");
    draw_output(p);
    wnoutrefresh(p->outw);
}

/* The status line: MIPS, CP's real time, the keys. */
static void draw_status(panel *p)
{
    WINDOW *w = p->status;
    werase(w);
    wattron(w, A_REVERSE);
    mvwhline(w, 0, 0, ' ', getmaxx(w));
    char line[256];
    snprintf(line, sizeof line,
             " %.2f MIPS  real %llu cycles | F2 %s  F3/F4 VM  PgUp/PgDn output  "
             "Tab complete  F10 quit",
             p->mips, (unsigned long long)cp_real_time(p->c),
             p->console_focus ? "CP command" : "VM console");
    mvwaddnstr(w, 0, 0, line, getmaxx(w));
    wattroff(w, A_REVERSE);
    wnoutrefresh(w);
}

/* The whole screen, drawn at once. */
void panel_draw(panel *p)
{
    if (p->laid_out_vms != cp_vm_count(p->c))
        panel_layout(p);
    panel_draw_list(p);
    panel_draw_regs(p);
    panel_draw_dis(p);
    draw_logs(p);
    draw_console(p);
    draw_status(p);
    panel_term_draw_cmd(p);         /* last: the cursor stays on the command line */
}
