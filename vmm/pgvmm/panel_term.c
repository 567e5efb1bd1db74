/*
 * panel_term.c -- the panel's terminal: curses on, restored at exit, on
 * SIGINT/SIGTERM and on a crash signal; readline's callback interface fed
 * with the keys curses reads.
 *
 * The globals of the panel all live here, because readline's callbacks and
 * signal handlers take no context:
 *   term_panel    the panel readline's line handler and completion work on;
 *   keyq/keyq_n/keyq_at   the bytes readline's rl_getc_function returns next
 *                 (a curses key becomes one byte or an escape sequence);
 *   term_null     readline's output stream (/dev/null: curses owns the screen);
 *   term_stop     set by SIGINT/SIGTERM: the main loop ends the session;
 *   term_on       curses is running (so the restore knows to call endwin);
 *   complete_next's index   readline's completion generator keeps its place.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "panel.h"

static panel *term_panel;
static unsigned char keyq[16];
static size_t keyq_n, keyq_at;
static FILE *term_null;
static volatile sig_atomic_t term_stop;
static volatile sig_atomic_t term_on;

/* Restore the terminal (atexit, the end of the session). */
void panel_term_end(void)
{
    if (term_on) {
        term_on = 0;
        endwin();
    }
    term_panel = NULL;
}

/* SIGINT, SIGTERM: end the session from the main loop. */
static void on_stop(int sig)
{
    (void)sig;
    term_stop = 1;
}

/* A crash: put the terminal back (best effort), then die of the signal. */
static void on_crash(int sig)
{
    panel_term_end();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Did SIGINT or SIGTERM arrive? */
bool panel_term_signalled(void)
{
    return term_stop != 0;
}

/* readline's next byte: from the queue the last curses key filled. */
static int term_getc(FILE *f)
{
    (void)f;
    return keyq_at < keyq_n ? keyq[keyq_at++] : EOF;
}

/* Is more input there (readline's escape-sequence timeout)? */
static int term_input_available(void)
{
    return keyq_at < keyq_n;
}

/* readline must not touch the terminal: curses owns it. */
static void term_prep(int meta)
{
    (void)meta;
}

/* Nor restore it. */
static void term_deprep(void)
{
}

/* readline's redisplay: draw the command line window. */
static void term_redisplay(void)
{
    if (term_panel)
        panel_term_draw_cmd(term_panel);
}

/* A finished line (NULL: end of input, ignored). */
static void term_line(char *line)
{
    if (line && term_panel) {
        if (*line)
            add_history(line);
        panel_enter_line(term_panel, line);
    }
    free(line);
}

/* Completion candidates: command names first, then operand keywords and VM names. */
static char *complete_next(const char *text, int state)
{
    static size_t i;                /* readline's generator protocol keeps its place */
    if (!state)
        i = 0;
    size_t ncmd, len = strlen(text);
    const cp_command_def *t = cp_command_table(&ncmd);
    bool first = rl_point == 0 || strspn(rl_line_buffer, " ") + len >= (size_t)rl_point;
    for (; first && i < ncmd; ) {
        const char *nm = t[i++].name;
        if (!strncasecmp(nm, text, len))
            return strdup(nm);
    }
    static const char *const operands[] = {
        "NAMES", "VM", "TIME", "DASD", "READER", "STATS", "PSW", "G", "CR", "STORAGE", "I",
        "TRAP", "LIST", "CLEAR", "SVC", "PROGRAM", "EXTERNAL", "IO", "PRIV", "INSTRUCT", "ALL",
        "END", "RESET", "PUNCH", "PRINTER", "TO", "OFF",
    };
    size_t nops = sizeof operands / sizeof operands[0];
    if (first || !term_panel)
        return NULL;
    for (; i < nops; ) {
        const char *nm = operands[i++];
        if (!strncasecmp(nm, text, len))
            return strdup(nm);
    }
    for (; i - nops < (size_t)cp_vm_count(term_panel->c); ) {
        const char *nm = cp_vm_name(cp_vm_at(term_panel->c, (int)(i++ - nops)));
        if (!strncasecmp(nm, text, len))
            return strdup(nm);
    }
    return NULL;
}

/* rl_attempted_completion_function: command and VM names, never files. */
static char **term_complete(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, complete_next);
}

/* Several completions: list them in the output area. */
static void term_show_matches(char **matches, int n, int longest)
{
    (void)longest;
    char line[PANEL_LINE] = "";
    size_t len = 0;
    for (int i = 1; i <= n && len + 2 < sizeof line; i++)
        len += (size_t)snprintf(line + len, sizeof line - len, "%s ", matches[i]);
    if (term_panel) {
        strncat(line, "\n", sizeof line - strlen(line) - 1);
        panel_output(term_panel, line);
    }
}

/* Install the signal handlers. */
static void term_signals(void)
{
    signal(SIGINT, on_stop);
    signal(SIGTERM, on_stop);
    signal(SIGHUP, on_stop);
    const int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof crash / sizeof crash[0]; i++)
        signal(crash[i], on_crash);
}

/* Readline in callback mode, drawing through the panel. */
static bool term_readline(void)
{
    term_null = fopen("/dev/null", "w");
    if (!term_null)
        return false;
    rl_instream = stdin;
    rl_outstream = term_null;
    rl_readline_name = "pgvmm";
    rl_change_environment = 0;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_getc_function = term_getc;
    rl_input_available_hook = term_input_available;
    rl_redisplay_function = term_redisplay;
    rl_prep_term_function = term_prep;
    rl_deprep_term_function = term_deprep;
    rl_attempted_completion_function = term_complete;
    rl_completion_display_matches_hook = term_show_matches;
    using_history();
    rl_callback_handler_install("", term_line);
    return true;
}

/* End readline (atexit). */
static void term_readline_end(void)
{
    rl_callback_handler_remove();
    if (term_null)
        fclose(term_null);
    term_null = NULL;
}

/* Curses on, the terminal restored however the process ends. */
bool panel_term_start(panel *p)
{
    term_panel = p;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return false;
    SCREEN *scr = newterm(NULL, stdout, stdin);   /* NULL (no exit) on a bad TERM */
    if (!scr)
        return false;
    set_term(scr);
    term_on = 1;
    atexit(panel_term_end);
    term_signals();
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(1);
    if (has_colors()) {
        start_color();
        use_default_colors();
        init_pair(1, COLOR_CYAN, -1);
        init_pair(2, COLOR_YELLOW, -1);
        init_pair(3, COLOR_GREEN, -1);
        init_pair(4, COLOR_RED, -1);
    }
    if (!term_readline())
        return false;
    atexit(term_readline_end);
    return true;
}

/* The bytes readline sees for a curses key. */
static void term_encode(int key)
{
    static const struct { int key; const char *seq; } map[] = {
        {KEY_LEFT, "\033[D"}, {KEY_RIGHT, "\033[C"}, {KEY_UP, "\033[A"}, {KEY_DOWN, "\033[B"},
        {KEY_HOME, "\033[H"}, {KEY_END, "\033[F"}, {KEY_DC, "\033[3~"},
        {KEY_BACKSPACE, "\177"}, {KEY_ENTER, "\r"},
    };
    keyq_n = keyq_at = 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].key == key) {
            keyq_n = strlen(map[i].seq);
            memcpy(keyq, map[i].seq, keyq_n);
            return;
        }
    if (key >= 0 && key < 256)
        keyq[keyq_n++] = (unsigned char)key;
}

/* One key for readline: each of its bytes through rl_callback_read_char. */
void panel_term_key(panel *p, int key)
{
    term_panel = p;
    term_encode(key);
    while (keyq_at < keyq_n)
        rl_callback_read_char();
}

/* Draw the prompt, the line being edited and the cursor. */
void panel_term_draw_cmd(panel *p)
{
    WINDOW *w = p->cmd;
    if (!w)
        return;
    char prompt[CP_NAME_MAX + 8];
    cp_vm *vm = panel_selected(p);
    if (p->console_focus && vm)
        snprintf(prompt, sizeof prompt, "%s> ", cp_vm_name(vm));
    else
        snprintf(prompt, sizeof prompt, "CP> ");
    int width = getmaxx(w), plen = (int)strlen(prompt);
    int room = width - plen - 1 > 1 ? width - plen - 1 : 1;
    int first = rl_point >= room ? rl_point - room + 1 : 0;
    werase(w);
    wattron(w, A_BOLD);
    mvwaddstr(w, 0, 0, prompt);
    wattroff(w, A_BOLD);
    waddnstr(w, rl_line_buffer + first, room);
    wmove(w, 0, plen + rl_point - first);
    wnoutrefresh(w);
    doupdate();
}
