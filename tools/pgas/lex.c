/*
 * lex.c -- tokens of one source line: names, directives, numbers, character
 * constants, strings and operators; ';' starts a comment.
 */
#include "lex.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ASCII letters and '_' (ctype would follow the locale). */
static bool is_name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Letters, digits and '_'. */
static bool is_name_char(char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

/* The one-character operators and punctuation. */
static bool is_punct(char c)
{
    return c != '\0' && strchr("(),:=+-*/%~&|^", c) != NULL;
}

/* The value of a digit in any base up to 16, or 99 for a non-digit. */
static unsigned digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (unsigned)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (unsigned)(c - 'A' + 10);
    return 99;
}

/* The byte an escape character stands for: \n \t \0 \\ \" \' only. */
int lex_escape(char c)
{
    switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case '0': return 0;
    case '\\': return '\\';
    case '"': return '"';
    case '\'': return '\'';
    default: return -1;
    }
}

/* Record an error at `at`; always returns LEX_ERROR. */
static lex_result fail(lex_error *err, const char *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->at = at;
    return LEX_ERROR;
}

/* Append one token, growing the array by doubling. */
static bool push(tokvec *out, token t)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64;
        token *v = realloc(out->v, cap * sizeof *v);
        if (!v)
            return false;
        out->v = v;
        out->cap = cap;
    }
    out->v[out->n++] = t;
    return true;
}

/* Describe a character for a message: printable as itself, else as \xNN. */
static void char_name(char c, char buf[8])
{
    unsigned char u = (unsigned char)c;
    if (u >= 0x20 && u < 0x7F)
        snprintf(buf, 8, "%c", c);
    else
        snprintf(buf, 8, "\\x%02x", u);
}

/* Scan a number starting at p: decimal, 0x hex or 0b binary. */
static lex_result scan_number(const char *p, const char *end, token *t, lex_error *err)
{
    const char *q = p;
    while (q < end && is_name_char(*q))
        q++;
    unsigned base = 10;
    const char *d = p;
    if (q - p > 1 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        base = 16, d = p + 2;
    else if (q - p > 1 && p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
        base = 2, d = p + 2;
    if (d == q)
        return fail(err, p, "invalid number '%.*s'", (int)(q - p), p);
    uint64_t v = 0;
    for (const char *s = d; s < q; s++) {
        unsigned dv = digit_value(*s);
        if (dv >= base)
            return fail(err, p, "invalid number '%.*s'", (int)(q - p), p);
        if (v > ((uint64_t)INT64_MAX - dv) / base)
            return fail(err, p, "number '%.*s' is too large", (int)(q - p), p);
        v = v * base + dv;
    }
    t->kind = TK_NUMBER;
    t->value = (int64_t)v;
    t->len = (uint32_t)(q - p);
    return LEX_OK;
}

/* Scan a quoted string or character constant starting at its quote p;
   checks the escapes and, for a character constant, that it holds one byte. */
static lex_result scan_quoted(const char *p, const char *end, token *t, lex_error *err)
{
    char quote = *p;
    const char *q = p + 1;
    size_t count = 0;
    int value = 0;
    while (q < end && *q != quote) {
        if (*q == '\\') {
            if (q + 1 >= end)
                break;
            int e = lex_escape(q[1]);
            if (e < 0) {
                char nm[8];
                char_name(q[1], nm);
                return fail(err, q, "unknown escape sequence '\\%s' (known: \\n \\t \\0 \\\\ \\\" \\')", nm);
            }
            value = e;
            q += 2;
        } else {
            value = (unsigned char)*q;
            q++;
        }
        count++;
    }
    if (q >= end)
        return fail(err, p, quote == '"' ? "missing closing '\"' of the string"
                                         : "missing closing ' of the character constant");
    t->len = (uint32_t)(q + 1 - p);
    if (quote == '"') {
        t->kind = TK_STRING;
        return LEX_OK;
    }
    if (count != 1)
        return fail(err, p, "a character constant holds exactly one character");
    t->kind = TK_CHAR;
    t->value = value;
    return LEX_OK;
}

/* Tokenize one line. */
lex_result lex_line(const char *text, size_t len, tokvec *out, lex_error *err)
{
    const char *p = text, *end = text + len;
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v'))
            p++;
        token t = { .kind = TK_END, .start = p, .len = 0 };
        if (p >= end || *p == ';') {
            if (!push(out, t))
                return LEX_NOMEM;
            return LEX_OK;
        }
        char c = *p;
        lex_result r = LEX_OK;
        if (is_name_start(c)) {
            const char *q = p;
            while (q < end && is_name_char(*q))
                q++;
            t.kind = TK_IDENT;
            t.len = (uint32_t)(q - p);
        } else if (c == '.') {
            const char *q = p + 1;
            while (q < end && is_name_char(*q))
                q++;
            t.kind = q - p > 1 && is_name_start(p[1]) ? TK_DIRECTIVE : TK_DOT;
            t.len = t.kind == TK_DOT ? 1 : (uint32_t)(q - p);
        } else if (c >= '0' && c <= '9') {
            r = scan_number(p, end, &t, err);
        } else if (c == '"' || c == '\'') {
            r = scan_quoted(p, end, &t, err);
        } else if ((c == '<' || c == '>') && p + 1 < end && p[1] == c) {
            t.kind = TK_PUNCT;
            t.op = c == '<' ? TK_SHL : TK_SHR;
            t.len = 2;
        } else if (is_punct(c)) {
            t.kind = TK_PUNCT;
            t.op = c;
            t.len = 1;
        } else {
            char nm[8];
            char_name(c, nm);
            r = fail(err, p, "unexpected character '%s'", nm);
        }
        if (r != LEX_OK)
            return r;
        if (!push(out, t))
            return LEX_NOMEM;
        p += t.len;
    }
}

/* Decode a string token's bytes (escapes already checked). */
size_t lex_string_bytes(const token *t, uint8_t *out)
{
    const char *p = t->start + 1, *end = t->start + t->len - 1;
    size_t n = 0;
    while (p < end) {
        int b;
        if (*p == '\\') {
            b = lex_escape(p[1]);
            p += 2;
        } else {
            b = (unsigned char)*p++;
        }
        if (out)
            out[n] = (uint8_t)b;
        n++;
    }
    return n;
}
