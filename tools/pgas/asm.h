/*
 * asm.h -- the assembler's internal state and the functions its files share.
 *
 * Pass 1 reads every line (following .include), splits it into tokens, works
 * out what each statement is and how many bytes it takes, and defines the
 * labels.  Pass 2 walks the same statements, evaluates every operand (all
 * symbols are known by then) and emits bytes.  A statement with an error in
 * pass 1 is skipped in pass 2, so no error is reported twice.
 */
#ifndef PGAS_ASM_H
#define PGAS_ASM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "image.h"
#include "isa.h"
#include "lex.h"
#include "pgasm.h"
#include "symbols.h"

/* A source file, read whole; it stays in memory until the end, because
   statements and tokens point into its text. */
typedef struct asm_file {
    char *name;             /* its path, as messages show it */
    char *text;
    size_t len;
} asm_file;

typedef enum {
    ST_EMPTY,               /* blank, comment, labels only, or an error */
    ST_EQU,                 /* NAME = expr, .equ NAME, expr */
    ST_DIRECTIVE,           /* id: directive index */
    ST_INSN,                /* id: pg_op */
    ST_PSEUDO,              /* id: pseudo-instruction index */
} stmt_kind;

/* One source line. */
typedef struct stmt {
    /* where it came from */
    size_t file;            /* index in assembler.files */
    uint32_t line;          /* 1-based */
    const char *text;       /* the line, without its newline */
    uint32_t len;
    /* its tokens, indices in assembler.toks */
    size_t tok;             /* first */
    size_t head;            /* mnemonic, directive, or the equate's name */
    size_t end;             /* the TK_END token */
    /* what pass 1 made of it */
    stmt_kind kind;
    int id;
    uint64_t addr;          /* location counter at its start: the value of '.' */
    uint64_t emit;          /* where its bytes go (moved by .org) */
    uint64_t label;         /* the value of its labels (past .align's padding) */
    uint32_t size;          /* bytes emitted from emit */
    bool failed;            /* an error was reported; pass 2 skips it */
} stmt;

/* Identity of a file being included, to catch recursion. */
typedef struct incl_id {
    bool known;
    dev_t dev;
    ino_t ino;
} incl_id;

/* The whole state of one assembly: nothing is global. */
typedef struct assembler {
    /* errors */
    FILE *errs;
    int nerrors;
    bool stopped;           /* too many errors, or out of memory */
    /* input: files, their lines as statements, the lines' tokens */
    asm_file *files;
    size_t nfiles, capfiles;
    stmt *stmts;
    size_t nstmts, capstmts;
    tokvec toks;
    incl_id incl[PGASM_MAX_INCLUDE_DEPTH + 1];  /* the files being read, outermost first */
    int depth;              /* index of the innermost in incl */
    /* results */
    symtab syms;
    image img;
    int pass;               /* 1 or 2 */
    int force_depth;        /* nesting of define_force */
    uint64_t pc;            /* pass 1's location counter */
} assembler;

/* Expression results: known values, or (in pass 1) not known yet. */
typedef struct expr_val {
    int64_t v;
    bool known;
    const token *unknown;   /* when !known: the first symbol without a value */
} expr_val;

/* An operand: the tokens [begin, end) between commas. */
typedef struct opd {
    size_t begin, end;
} opd;

/* The token at index i. */
static inline token *asm_tok(const assembler *as, size_t i)
{
    return &as->toks.v[i];
}

/* diag.c -- messages */
#if defined(__GNUC__)
#define PGAS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PGAS_PRINTF(f, a)
#endif
/* Report an error at `at` (a pointer into st->text) and mark st failed. */
void asm_error(assembler *as, stmt *st, const char *at, const char *fmt, ...) PGAS_PRINTF(4, 5);
/* Report an error that belongs to no line ("name: error: ..."). */
void asm_error_plain(assembler *as, const char *name, const char *fmt, ...) PGAS_PRINTF(3, 4);
/* Report that memory ran out, once, and stop. */
void asm_nomem(assembler *as);
/* Describe a token for a message: 'text' (shortened), or "end of line". */
const char *tok_describe(const token *t, char buf[48]);

/* expr.c -- expressions */
/* Evaluate tokens [begin, end) as one expression.  Pass 1 lets symbols be
   unknown; pass 2 requires every symbol.  False after reporting an error. */
bool expr_eval(assembler *as, stmt *st, size_t begin, size_t end, expr_val *out);
/* The same with an explicit mode: strict (every symbol must be known) or not. */
bool expr_eval_mode(assembler *as, stmt *st, size_t begin, size_t end, bool strict,
                    expr_val *out);

/* operand.c -- operands */
/* The register number of r0-r15, sp, lr (any case), or -1. */
int reg_number(const token *t);
/* The number of cr0-cr15 (any case), or -1. */
int creg_number(const token *t);
/* The next comma-separated operand at *pos; *more when a comma followed. */
bool opd_next(assembler *as, stmt *st, size_t *pos, opd *o, bool *more);
/* Split st's operands at top-level commas and check there are `want`;
   `what` and `syntax` name the instruction in the message. */
bool opd_split(assembler *as, stmt *st, const char *what, const char *syntax,
               size_t want, opd *o);
/* Where an operand starts, for messages. */
const char *opd_at(const assembler *as, opd o);
bool opd_reg(assembler *as, stmt *st, opd o, int *reg);
bool opd_creg(assembler *as, stmt *st, opd o, int *cr);
bool opd_mem(assembler *as, stmt *st, opd o, int *reg, expr_val *off);
bool opd_value(assembler *as, stmt *st, opd o, expr_val *v);
/* Check a known value against [lo, hi]; `what` names it in the message. */
bool check_range(assembler *as, stmt *st, const char *at, const char *what,
                 int64_t v, int64_t lo, int64_t hi);

/* insn.c -- machine instructions */
/* Encode op at addr from register fields a, b, c and the immediate operand
   (for branches and jal, the target address), checking every range. */
bool insn_encode(assembler *as, stmt *st, pg_op op, uint32_t addr, const int regs[3],
                 int64_t imm, const char *imm_at, uint32_t *word);
/* A machine-instruction statement, in the current pass. */
void insn_statement(assembler *as, stmt *st);

/* pseudo.c -- pseudo-instructions */
int pseudo_find(const char *name, size_t len);
void pseudo_statement(assembler *as, stmt *st);

/* directive.c -- directives */
int directive_find(const char *name, size_t len);
void directive_statement(assembler *as, stmt *st);
/* Is the directive .include? */
bool directive_is_include(int id);
/* Does the listing show the bytes the directive emits (data, not padding)? */
bool directive_lists_bytes(int id);

/* define.c -- labels and equates */
/* Install the predefined symbols S W T I E. */
bool define_predefined(assembler *as);
/* Define a label at value (pass 1). */
void define_label(assembler *as, stmt *st, size_t tok, uint64_t value);
/* Define an equate name = tokens [begin, end) (pass 1). */
void define_equate(assembler *as, stmt *st, size_t name_tok, size_t begin, size_t end);
/* After pass 1: evaluate the equates that used symbols defined later. */
void define_resolve_pending(assembler *as);
/* Evaluate one pending equate now, every symbol required (it may force
   others); false when it cannot be done here (a cycle), already reported. */
bool define_force(assembler *as, stmt *user, const token *ref, asm_sym *s);
/* The program's symbols for the output; false when out of memory. */
bool define_export(const assembler *as, pg_symtab *out);

/* emit.c -- bytes into the image */
/* Emit n bytes at addr (data NULL: zeros); reports overlaps. */
bool asm_emit(assembler *as, stmt *st, uint64_t addr, const uint8_t *data, uint32_t n);
/* Emit a big-endian value of `width` bytes. */
bool asm_emit_be(assembler *as, stmt *st, uint64_t addr, uint32_t value, unsigned width);

/* source.c -- files and .include */
/* Read a whole file; NULL with errno set on failure. */
char *source_read(const char *path, size_t *len);
/* Add a file (taking ownership of name and text); false when out of memory. */
bool source_add(assembler *as, char *name, char *text, size_t len, size_t *index);
/* Pass 1 of the .include statement stmts[si]: read the file and its lines. */
void source_include(assembler *as, size_t si);
/* Identity of a path for the recursion check (known = false if it cannot be had). */
incl_id source_identity(const char *path);

/* pass.c -- the two passes */
/* Pass 1 over every line of files[file]. */
void pass1_file(assembler *as, size_t file);
/* Pass 2 over every statement. */
void pass2(assembler *as);

/* listing.c */
/* The listing of a successful assembly; NULL when out of memory. */
char *listing_build(const assembler *as);

#endif
