/*
 * command.h -- the CP command interpreter: one table of commands in the
 * style of VM/370 (case-insensitive names with minimal abbreviations, e.g.
 * Q for QUERY), run for the operator (the monitor, a batch script) or for a
 * VM (DIAGNOSE 0x0008).  Responses are lines collected in a cp_out.
 *
 * Adding a command is one row in the table of command.c and one handler:
 *     int cp_cmd_fred(cp_cmd *x);
 * that reads its operands with cp_cmd_word / cp_cmd_rest, checks all of
 * them before it changes anything, writes its response with cp_out_printf,
 * and returns CP_RC_OK or cp_cmd_error(x, CP_RC_..., "what was wrong").
 */
#ifndef PG_CP_COMMAND_H
#define PG_CP_COMMAND_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spool.h"                  /* CP_RC_* return codes */

typedef struct cp cp;
typedef struct cp_vm cp_vm;
typedef struct cp_operator cp_operator;

/* Response text: lines, each ending in '\n'. */
typedef struct cp_out {
    char *text;                     /* NUL-terminated; NULL until the first line */
    size_t len, cap;
    bool failed;                    /* out of memory: some text was lost */
} cp_out;

void cp_out_init(cp_out *o);
void cp_out_free(cp_out *o);
void cp_out_clear(cp_out *o);
void cp_out_printf(cp_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cp_out_vprintf(cp_out *o, const char *fmt, va_list ap);
/* The text so far ("" when none). */
const char *cp_out_text(const cp_out *o);

/* Run one command line as issuer (NULL: the operator); the response and any
   error message go to out.  Returns CP_RC_OK or a CP_RC_* code; an error
   changes nothing. */
int cp_command(cp *c, cp_vm *issuer, const char *line, cp_out *out);

/* ---- for the handlers ------------------------------------------------------ */

/* Who may issue a command. */
typedef enum { CP_PRIV_ANY, CP_PRIV_OPERATOR } cp_privilege;

typedef struct cp_cmd cp_cmd;
typedef int (*cp_cmd_fn)(cp_cmd *x);

/* One row of the command table. */
typedef struct cp_command_def {
    const char *name;               /* upper case */
    unsigned abbrev;                /* shortest accepted abbreviation */
    cp_cmd_fn fn;
    cp_privilege priv;
    const char *syntax;             /* e.g. "MSG vm text" */
    const char *help;               /* one line */
} cp_command_def;

/* A command being run. */
struct cp_cmd {
    cp *c;
    cp_vm *issuer;                  /* NULL: the operator */
    cp_out *out;
    const cp_command_def *def;
    const char *p;                  /* the operands not read yet */
    cp_operator *op;                /* the operator's console (operator.h), or NULL */
};

/* The table, in order (HELP lists it; tests check abbreviations). */
const cp_command_def *cp_command_table(size_t *count);
/* The row word (len bytes) names or abbreviates, or NULL. */
const cp_command_def *cp_command_lookup(const char *word, size_t len);

#define CP_WORD_MAX 64              /* longer operands are cut (and match nothing) */
/* The next blank-delimited operand into word (upper-cased if upper);
   false when there is none. */
bool cp_cmd_word(cp_cmd *x, char word[CP_WORD_MAX], bool upper);
/* The rest of the line, leading blanks skipped, trailing blanks removed,
   into buf; its length. */
size_t cp_cmd_rest(cp_cmd *x, char *buf, size_t cap);
/* Does word abbreviate keyword (at least abbrev characters, case-insensitive)? */
bool cp_keyword(const char *word, const char *keyword, unsigned abbrev);
/* "NAME: reason\n" into the output; returns rc. */
int cp_cmd_error(cp_cmd *x, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* An error if an operand is left over; else CP_RC_OK. */
int cp_cmd_end(cp_cmd *x);
/* The issuer's name as messages show it (OPERATOR for the operator). */
const char *cp_cmd_issuer_name(const cp_cmd *x);

/* Run one command line with the operator's console op (selected VM,
   directory, traces, batch mode): operator.h's entry point. */
int cp_command_op(cp *c, cp_operator *op, const char *line, cp_out *out);

/* The VM a command works on: the one named by name (NULL: none given), else
   the operator's selected VM, else the issuing VM, else the only VM.  NULL
   after an error message (rc in *rc). */
cp_vm *cp_cmd_target(cp_cmd *x, const char *name, int *rc);
/* An optional VM name as the last operand, then the end of the line: that VM,
   or the selected one; NULL with *rc set (and a message) when there is none. */
cp_vm *cp_cmd_last_vm(cp_cmd *x, int *rc);
/* A hexadecimal operand of 1-8 digits. */
bool cp_parse_hex(const char *w, uint32_t *v);
/* A decimal operand, 1..max. */
bool cp_parse_count(const char *w, uint64_t max, uint64_t *v);
/* Refuse a command that needs the operator's console (batch or panel). */
int cp_cmd_need_op(cp_cmd *x);

/* The handlers (cmd_*.c). */
int cp_cmd_autolog(cp_cmd *x);
int cp_cmd_begin(cp_cmd *x);
int cp_cmd_break(cp_cmd *x);
int cp_cmd_close(cp_cmd *x);
int cp_cmd_display(cp_cmd *x);
int cp_cmd_help(cp_cmd *x);
int cp_cmd_ipl(cp_cmd *x);
int cp_cmd_logon(cp_cmd *x);
int cp_cmd_msg(cp_cmd *x);
int cp_cmd_query(cp_cmd *x);
int cp_cmd_run(cp_cmd *x);
int cp_cmd_send(cp_cmd *x);
int cp_cmd_set(cp_cmd *x);
int cp_cmd_shutdown(cp_cmd *x);
int cp_cmd_spool(cp_cmd *x);
int cp_cmd_step(cp_cmd *x);
int cp_cmd_stop(cp_cmd *x);
int cp_cmd_store(cp_cmd *x);
int cp_cmd_system(cp_cmd *x);
int cp_cmd_trace(cp_cmd *x);
int cp_cmd_transfer(cp_cmd *x);

#endif
