/*
 * command.c -- the CP command interpreter (command.h): the command table,
 * abbreviations, operand scanning, the response buffer, and HELP.  Each
 * group of commands lives in its own cmd_*.c.
 */
#include "command.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cp_priv.h"
#include "operator.h"

/* The commands, alphabetically.  No two rows may accept the same word
   (test_command checks it). */
static const cp_command_def commands[] = {
    {.name = "AUTOLOG", .abbrev = 2, .fn = cp_cmd_autolog, .priv = CP_PRIV_OPERATOR,
     .syntax = "AUTOLOG name", .help = "log on a user of the directory and IPL it"},
    {.name = "BEGIN", .abbrev = 1, .fn = cp_cmd_begin, .priv = CP_PRIV_OPERATOR,
     .syntax = "BEGIN [addr] [vm]",
     .help = "resume a stopped VM (at addr); in batch mode the VMs then run as RUN"},
    {.name = "BREAK", .abbrev = 2, .fn = cp_cmd_break, .priv = CP_PRIV_OPERATOR,
     .syntax = "BREAK addr|label|TRAP class|mnemonic|LIST|CLEAR [vm]",
     .help = "stop at an instruction address, or when CP is entered for a trap"},
    {.name = "CLOSE", .abbrev = 1, .fn = cp_cmd_close, .priv = CP_PRIV_ANY,
     .syntax = "CLOSE PUNCH|PRINTER",
     .help = "close the file being punched or spooled to the printer, and send it"},
    {.name = "DISPLAY", .abbrev = 1, .fn = cp_cmd_display, .priv = CP_PRIV_OPERATOR,
     .syntax = "DISPLAY PSW|G[reg]|CR|STORAGE addr[.len|-end]|I addr[.n] [vm]",
     .help = "show the PSW, registers, control registers, storage, instructions"},
    {.name = "HELP", .abbrev = 1, .fn = cp_cmd_help, .priv = CP_PRIV_ANY,
     .syntax = "HELP [command]", .help = "list the CP commands, or describe one"},
    {.name = "IPL", .abbrev = 1, .fn = cp_cmd_ipl, .priv = CP_PRIV_OPERATOR,
     .syntax = "IPL dev|file [vm]", .help = "reset a VM and IPL it from a disk or an image file"},
    {.name = "LOGON", .abbrev = 1, .fn = cp_cmd_logon, .priv = CP_PRIV_OPERATOR,
     .syntax = "LOGON name", .help = "log on a user of the directory, IPL it and select it"},
    {.name = "MSG", .abbrev = 1, .fn = cp_cmd_msg, .priv = CP_PRIV_ANY,
     .syntax = "MSG vm text", .help = "write a message on a VM's console"},
    {.name = "QUERY", .abbrev = 1, .fn = cp_cmd_query, .priv = CP_PRIV_ANY,
     .syntax = "QUERY NAMES|VM|TIME|DASD|READER|STATS [vm]",
     .help = "the VMs; one VM; time; minidisks; reader files; statistics"},
    {.name = "RUN", .abbrev = 1, .fn = cp_cmd_run, .priv = CP_PRIV_OPERATOR,
     .syntax = "RUN [cycles]",
     .help = "batch: let the VMs run that many real cycles, or until all wait or stop"},
    {.name = "SEND", .abbrev = 3, .fn = cp_cmd_send, .priv = CP_PRIV_OPERATOR,
     .syntax = "SEND vm line", .help = "batch: type a line into a VM's console"},
    {.name = "SET", .abbrev = 3, .fn = cp_cmd_set, .priv = CP_PRIV_OPERATOR,
     .syntax = "SET VM name", .help = "select the VM that commands without a vm operand use"},
    {.name = "SHUTDOWN", .abbrev = 8, .fn = cp_cmd_shutdown, .priv = CP_PRIV_OPERATOR,
     .syntax = "SHUTDOWN", .help = "end the session: close every VM's devices"},
    {.name = "SPOOL", .abbrev = 2, .fn = cp_cmd_spool, .priv = CP_PRIV_ANY,
     .syntax = "SPOOL PUNCH TO vm|*  or  SPOOL PRINTER TO vm|*|OFF",
     .help = "where the punch's (printer's) closed files go"},
    {.name = "STEP", .abbrev = 4, .fn = cp_cmd_step, .priv = CP_PRIV_OPERATOR,
     .syntax = "STEP [n] [vm]",
     .help = "execute n instructions (1), showing each and the registers it changed"},
    {.name = "STOP", .abbrev = 4, .fn = cp_cmd_stop, .priv = CP_PRIV_OPERATOR,
     .syntax = "STOP [vm]", .help = "stop a VM at its next instruction"},
    {.name = "STORE", .abbrev = 2, .fn = cp_cmd_store, .priv = CP_PRIV_OPERATOR,
     .syntax = "STORE G reg value|STORAGE addr value|PSW flags addr [vm]",
     .help = "change a register, a word of storage or the PSW (hex)"},
    {.name = "SYSTEM", .abbrev = 3, .fn = cp_cmd_system, .priv = CP_PRIV_OPERATOR,
     .syntax = "SYSTEM RESET [vm]", .help = "reset a VM: registers and storage zero, not IPLed"},
    {.name = "TRACE", .abbrev = 3, .fn = cp_cmd_trace, .priv = CP_PRIV_OPERATOR,
     .syntax = "TRACE SVC|PROGRAM|EXTERNAL|IO|PRIV|INSTRUCT|ALL|END [vm]",
     .help = "print each trap of those classes as CP handles it (ALL: every trap class)"},
    {.name = "TRANSFER", .abbrev = 5, .fn = cp_cmd_transfer, .priv = CP_PRIV_ANY,
     .syntax = "TRANSFER [id] TO vm", .help = "move a file of your reader to another VM's reader"},
};

/* ---- the response buffer ---------------------------------------------------- */

/* An empty response. */
void cp_out_init(cp_out *o)
{
    *o = (cp_out){0};
}

/* Free the text. */
void cp_out_free(cp_out *o)
{
    free(o->text);
    *o = (cp_out){0};
}

/* Forget the text, keep the buffer. */
void cp_out_clear(cp_out *o)
{
    o->len = 0;
    o->failed = false;
    if (o->text)
        o->text[0] = '\0';
}

/* Append formatted text, growing the buffer. */
void cp_out_vprintf(cp_out *o, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        o->failed = true;
        return;
    }
    size_t need = o->len + (size_t)n + 1;
    if (need > o->cap) {
        size_t cap = o->cap ? o->cap : 128;
        while (cap < need)
            cap *= 2;
        char *t = realloc(o->text, cap);
        if (!t) {
            o->failed = true;
            return;
        }
        o->text = t;
        o->cap = cap;
    }
    vsnprintf(o->text + o->len, (size_t)n + 1, fmt, ap);
    o->len += (size_t)n;
}

/* Append formatted text. */
void cp_out_printf(cp_out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cp_out_vprintf(o, fmt, ap);
    va_end(ap);
}

/* The text, "" when there is none. */
const char *cp_out_text(const cp_out *o)
{
    return o->text ? o->text : "";
}

/* ---- operands ------------------------------------------------------------ */

/* Blanks between operands (a line may end in a newline). */
static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The next operand (cut at CP_WORD_MAX - 1 characters). */
bool cp_cmd_word(cp_cmd *x, char word[CP_WORD_MAX], bool upper)
{
    while (blank(*x->p))
        x->p++;
    if (!*x->p)
        return false;
    size_t n = 0;
    for (; *x->p && !blank(*x->p); x->p++)
        if (n < CP_WORD_MAX - 1)
            word[n++] = upper ? (char)toupper((unsigned char)*x->p) : *x->p;
    word[n] = '\0';
    return true;
}

/* The rest of the line, blanks inside kept (MSG's text). */
size_t cp_cmd_rest(cp_cmd *x, char *buf, size_t cap)
{
    while (blank(*x->p))
        x->p++;
    size_t len = strlen(x->p);
    while (len && blank(x->p[len - 1]))
        len--;
    size_t n = len < cap - 1 ? len : cap - 1;
    memcpy(buf, x->p, n);
    buf[n] = '\0';
    x->p += strlen(x->p);
    return n;
}

/* A case-insensitive prefix of keyword, at least abbrev long. */
bool cp_keyword(const char *word, const char *keyword, unsigned abbrev)
{
    size_t len = strlen(word);
    return len >= abbrev && len <= strlen(keyword) && strncasecmp(word, keyword, len) == 0;
}

/* The error line, named after the command (its full name). */
int cp_cmd_error(cp_cmd *x, int rc, const char *fmt, ...)
{
    cp_out_printf(x->out, "%s: ", x->def ? x->def->name : "CP");
    va_list ap;
    va_start(ap, fmt);
    cp_out_vprintf(x->out, fmt, ap);
    va_end(ap);
    cp_out_printf(x->out, "\n");
    return rc;
}

/* Refuse an operand left over. */
int cp_cmd_end(cp_cmd *x)
{
    char w[CP_WORD_MAX];
    if (cp_cmd_word(x, w, false))
        return cp_cmd_error(x, CP_RC_OPERAND, "unexpected operand %s", w);
    return CP_RC_OK;
}

/* The issuer as MSG names it. */
const char *cp_cmd_issuer_name(const cp_cmd *x)
{
    return x->issuer ? x->issuer->name : "OPERATOR";
}

/* ---- the table ---------------------------------------------------------- */

/* The table and its length. */
const cp_command_def *cp_command_table(size_t *count)
{
    *count = sizeof commands / sizeof commands[0];
    return commands;
}

/* The first row word abbreviates (rows never overlap: the table test checks). */
const cp_command_def *cp_command_lookup(const char *word, size_t len)
{
    char w[CP_WORD_MAX];
    if (len == 0 || len >= sizeof w)
        return NULL;
    memcpy(w, word, len);
    w[len] = '\0';
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (cp_keyword(w, commands[i].name, commands[i].abbrev))
            return &commands[i];
    return NULL;
}

/* Find the command, check the issuer may use it, run it. */
static int run_command(cp *c, cp_vm *issuer, cp_operator *op, const char *line, cp_out *out)
{
    cp_cmd x = {.c = c, .issuer = issuer, .out = out, .p = line, .op = op};
    char name[CP_WORD_MAX];
    if (!cp_cmd_word(&x, name, true))
        return CP_RC_OK;            /* an empty line does nothing */
    x.def = cp_command_lookup(name, strlen(name));
    if (!x.def) {
        cp_out_printf(out, "%s: unknown CP command\n", name);
        return CP_RC_UNKNOWN;
    }
    if (x.def->priv == CP_PRIV_OPERATOR && issuer)
        return cp_cmd_error(&x, CP_RC_NOT_AUTHORIZED, "only the operator may do that");
    int rc = x.def->fn(&x);
    return rc == CP_RC_OK && out->failed ? CP_RC_NO_MEMORY : rc;
}

/* A command from a VM (DIAGNOSE) or the operator without a console. */
int cp_command(cp *c, cp_vm *issuer, const char *line, cp_out *out)
{
    return run_command(c, issuer, NULL, line, out);
}

/* A command from the operator's console; trap events it causes go to out. */
int cp_command_op(cp *c, cp_operator *op, const char *line, cp_out *out)
{
    cp_out *saved = op->events;
    op->events = out;
    int rc = run_command(c, NULL, op, line, out);
    op->events = saved;
    return rc;
}

/* ---- operands the operator's commands share --------------------------------- */

/* The named VM, the selected one, the issuer, or the only one. */
cp_vm *cp_cmd_target(cp_cmd *x, const char *name, int *rc)
{
    cp_vm *vm = NULL;
    if (name) {
        if (!(vm = cp_vm_find(x->c, name)))
            *rc = cp_cmd_error(x, CP_RC_NOT_FOUND, "no VM named %s", name);
        return vm;
    }
    if (x->op && x->op->selected)
        return x->op->selected;
    if (x->issuer)
        return x->issuer;
    if (cp_vm_count(x->c) == 1)
        return cp_vm_at(x->c, 0);
    *rc = cp_cmd_error(x, CP_RC_OPERAND, "which VM? name one or SET VM name");
    return NULL;
}

/* 1-8 hex digits. */
bool cp_parse_hex(const char *w, uint32_t *v)
{
    size_t n = strlen(w);
    if (n == 0 || n > 8 || strspn(w, "0123456789abcdefABCDEF") != n)
        return false;
    *v = (uint32_t)strtoul(w, NULL, 16);
    return true;
}

/* 1..max in decimal. */
bool cp_parse_count(const char *w, uint64_t max, uint64_t *v)
{
    size_t n = strlen(w);
    if (n == 0 || n > 19 || strspn(w, "0123456789") != n)
        return false;
    *v = strtoull(w, NULL, 10);
    return *v >= 1 && *v <= max;
}

/* Commands that need the operator's console. */
int cp_cmd_need_op(cp_cmd *x)
{
    if (x->op)
        return CP_RC_OK;
    return cp_cmd_error(x, CP_RC_NOT_NOW, "needs the operator's console (pgvmm --batch or the monitor)");
}

/* ---- HELP ------------------------------------------------------------------ */

/* One command's line: its syntax, shortest abbreviation and purpose. */
static void help_line(cp_out *o, const cp_command_def *d)
{
    cp_out_printf(o, "%-40s (%.*s) %s%s\n", d->syntax, (int)d->abbrev, d->name, d->help,
                  d->priv == CP_PRIV_OPERATOR ? " [operator]" : "");
}

/* HELP [command]: the table, or one row. */
int cp_cmd_help(cp_cmd *x)
{
    char w[CP_WORD_MAX];
    const cp_command_def *one = NULL;
    if (cp_cmd_word(x, w, true)) {
        one = cp_command_lookup(w, strlen(w));
        if (!one)
            return cp_cmd_error(x, CP_RC_NOT_FOUND, "unknown command %s", w);
    }
    int rc = cp_cmd_end(x);
    if (rc)
        return rc;
    if (one) {
        help_line(x->out, one);
        return CP_RC_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        help_line(x->out, &commands[i]);
    return CP_RC_OK;
}

/* An optional VM name, then the end of the line (command.h). */
cp_vm *cp_cmd_last_vm(cp_cmd *x, int *rc)
{
    char w[CP_WORD_MAX];
    bool named = cp_cmd_word(x, w, true);
    if ((*rc = cp_cmd_end(x)))
        return NULL;
    return cp_cmd_target(x, named ? w : NULL, rc);
}
