/*
 * lex.h -- splits one source line into tokens.  The lexer knows nothing of
 * the assembler: it reports the first error of a line as a message and a
 * position, and its caller decides what to do with it.
 */
#ifndef PGAS_LEX_H
#define PGAS_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    TK_END,             /* end of the line, or the ';' that starts a comment */
    TK_IDENT,           /* name: [A-Za-z_][A-Za-z0-9_]* */
    TK_DIRECTIVE,       /* '.' followed by a name: .word */
    TK_NUMBER,          /* 123, 0x7f, 0b101: value */
    TK_CHAR,            /* 'c' with escapes: value */
    TK_STRING,          /* "..." with escapes: start/len include the quotes */
    TK_DOT,             /* '.' alone: the current address */
    TK_PUNCT,           /* punctuation or operator: op */
} tok_kind;

/* Two-character operators, as TK_PUNCT op values (one-character ones are the character). */
enum { TK_SHL = 256, TK_SHR = 257 };

typedef struct token {
    tok_kind kind;
    int op;                 /* TK_PUNCT: the character, TK_SHL or TK_SHR */
    int64_t value;          /* TK_NUMBER, TK_CHAR */
    const char *start;      /* in the source text, which outlives the tokens */
    uint32_t len;
} token;

/* A growable array of tokens. */
typedef struct tokvec {
    token *v;
    size_t n, cap;
} tokvec;

typedef enum { LEX_OK, LEX_ERROR, LEX_NOMEM } lex_result;

/* The first error found on a line. */
typedef struct lex_error {
    const char *at;         /* where in the line */
    char msg[96];
} lex_error;

/*
 * Append the tokens of text[0..len) (one line, no newline) to out, ending
 * with a TK_END token.  On LEX_ERROR, err says what and where; tokens
 * appended so far stay in out.
 */
lex_result lex_line(const char *text, size_t len, tokvec *out, lex_error *err);

/* Decode a TK_STRING token (already checked by the lexer) into out, which
   may be NULL to count; returns the number of bytes. */
size_t lex_string_bytes(const token *t, uint8_t *out);

/* Is c one of the characters that may follow a backslash?  Returns the byte
   it stands for, or -1. */
int lex_escape(char c);

#endif
