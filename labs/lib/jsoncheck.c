/*
 * jsoncheck.c -- is a file valid JSON (RFC 8259), and is it a Gradescope
 * autograder result: an object with a number "score" and an array "tests"
 * of objects, each with a string "name", numbers "score" and "max_score"
 * and a string "output"?  labs-check runs it on every grade report.
 *
 *   jsoncheck FILE     prints "FILE: ok, N tests, score S of M" or the fault
 *                      with its byte offset; exit 0 valid, 1 not, 2 usage
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text being parsed and where the parser is. */
typedef struct parser {
    const char *s;
    size_t n, i;
    const char *fault;
    int ntests;                     /* Gradescope's counts, gathered on the way */
    double top_score, sum_max;
} parser;

/* What a value was, for the Gradescope checks. */
typedef enum { J_NONE, J_OBJECT, J_ARRAY, J_STRING, J_NUMBER, J_LITERAL } jkind;

static bool value(parser *p, jkind *kind, double *num, int depth, int role);

/* Skip JSON whitespace. */
static void ws(parser *p)
{
    while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
        p->i++;
}

/* Record the first fault. */
static bool bad(parser *p, const char *why)
{
    if (!p->fault)
        p->fault = why;
    return false;
}

/* A string; its text (escapes kept as they are) into key when asked. */
static bool string(parser *p, char *key, size_t keysize)
{
    size_t start = ++p->i, len;
    while (p->i < p->n && p->s[p->i] != '"') {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c < 0x20)
            return bad(p, "a control character inside a string");
        if (c == '\\') {
            if (++p->i == p->n)
                break;
            char e = p->s[p->i];
            if (e == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (p->i + k >= p->n || !strchr("0123456789abcdefABCDEF", p->s[p->i + k]) ||
                        !p->s[p->i + k])
                        return bad(p, "a bad \\u escape");
                p->i += 4;
            } else if (!strchr("\"\\/bfnrt", e) || !e) {
                return bad(p, "a bad escape in a string");
            }
        }
        p->i++;
    }
    if (p->i >= p->n)
        return bad(p, "a string without its closing quote");
    len = p->i - start;
    if (key) {
        size_t k = len < keysize - 1 ? len : keysize - 1;
        memcpy(key, p->s + start, k);
        key[k] = '\0';
    }
    p->i++;
    return true;
}

/* A number, by JSON's grammar. */
static bool number(parser *p, double *num)
{
    size_t start = p->i;
    if (p->s[p->i] == '-')
        p->i++;
    if (p->i < p->n && p->s[p->i] == '0')
        p->i++;
    else if (p->i < p->n && p->s[p->i] >= '1' && p->s[p->i] <= '9')
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
            p->i++;
    else
        return bad(p, "a bad number");
    if (p->i < p->n && p->s[p->i] == '.') {
        size_t d = ++p->i;
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
            p->i++;
        if (p->i == d)
            return bad(p, "a number without digits after its point");
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        size_t d = p->i;
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
            p->i++;
        if (p->i == d)
            return bad(p, "a number without digits in its exponent");
    }
    char tmp[64];
    size_t len = p->i - start < sizeof tmp - 1 ? p->i - start : sizeof tmp - 1;
    memcpy(tmp, p->s + start, len);
    tmp[len] = '\0';
    *num = strtod(tmp, NULL);
    return true;
}

/* Roles of a value in the Gradescope result. */
enum { R_ANY, R_TOP, R_TESTS, R_TEST };

/* An object; role says what Gradescope expects of it. */
static bool object(parser *p, int depth, int role)
{
    bool has_name = false, has_score = false, has_max = false, has_output = false, has_tests = false;
    p->i++;
    ws(p);
    if (p->i < p->n && p->s[p->i] == '}') {
        p->i++;
    } else {
        for (;;) {
            ws(p);
            if (p->i >= p->n || p->s[p->i] != '"')
                return bad(p, "an object key that is not a string");
            char key[32];
            if (!string(p, key, sizeof key))
                return false;
            ws(p);
            if (p->i >= p->n || p->s[p->i] != ':')
                return bad(p, "a missing ':' after an object key");
            p->i++;
            jkind k;
            double num = 0;
            int sub = role == R_TOP && !strcmp(key, "tests") ? R_TESTS : R_ANY;
            if (!value(p, &k, &num, depth + 1, sub))
                return false;
            if (role == R_TOP && !strcmp(key, "score")) {
                if (k != J_NUMBER)
                    return bad(p, "the top-level \"score\" is not a number");
                has_score = true;
                p->top_score = num;
            }
            if (role == R_TOP && !strcmp(key, "tests"))
                has_tests = k == J_ARRAY;
            if (role == R_TEST) {
                if (!strcmp(key, "name"))
                    has_name = k == J_STRING;
                if (!strcmp(key, "score"))
                    has_score = k == J_NUMBER;
                if (!strcmp(key, "max_score")) {
                    has_max = k == J_NUMBER;
                    p->sum_max += num;
                }
                if (!strcmp(key, "output"))
                    has_output = k == J_STRING;
            }
            ws(p);
            if (p->i < p->n && p->s[p->i] == ',') {
                p->i++;
                continue;
            }
            if (p->i < p->n && p->s[p->i] == '}') {
                p->i++;
                break;
            }
            return bad(p, "a missing ',' or '}' in an object");
        }
    }
    if (role == R_TOP && (!has_score || !has_tests))
        return bad(p, "the result lacks a number \"score\" or an array \"tests\"");
    if (role == R_TEST && (!has_name || !has_score || !has_max || !has_output))
        return bad(p, "a test lacks a string \"name\", a number \"score\" or \"max_score\", "
                      "or a string \"output\"");
    return true;
}

/* An array; each element of "tests" is a test object. */
static bool array(parser *p, int depth, int role)
{
    p->i++;
    ws(p);
    if (p->i < p->n && p->s[p->i] == ']') {
        p->i++;
        return true;
    }
    for (;;) {
        jkind k;
        double num;
        if (!value(p, &k, &num, depth + 1, role == R_TESTS ? R_TEST : R_ANY))
            return false;
        if (role == R_TESTS) {
            if (k != J_OBJECT)
                return bad(p, "an element of \"tests\" is not an object");
            p->ntests++;
        }
        ws(p);
        if (p->i < p->n && p->s[p->i] == ',') {
            p->i++;
            continue;
        }
        if (p->i < p->n && p->s[p->i] == ']') {
            p->i++;
            return true;
        }
        return bad(p, "a missing ',' or ']' in an array");
    }
}

/* Any value. */
static bool value(parser *p, jkind *kind, double *num, int depth, int role)
{
    ws(p);
    *kind = J_NONE;
    if (depth > 64)
        return bad(p, "nested too deeply");
    if (p->i >= p->n)
        return bad(p, "the text ends where a value should be");
    char c = p->s[p->i];
    if (c == '{') {
        *kind = J_OBJECT;
        return object(p, depth, role == R_TEST || role == R_TOP ? role : R_ANY);
    }
    if (role == R_TOP)
        return bad(p, "the result is not an object");
    if (c == '[') {
        *kind = J_ARRAY;
        return array(p, depth, role);
    }
    if (c == '"') {
        *kind = J_STRING;
        return string(p, NULL, 0);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        *kind = J_NUMBER;
        return number(p, num);
    }
    static const char *const lits[] = {"true", "false", "null"};
    for (int k = 0; k < 3; k++) {
        size_t l = strlen(lits[k]);
        if (p->n - p->i >= l && !memcmp(p->s + p->i, lits[k], l)) {
            p->i += l;
            *kind = J_LITERAL;
            return true;
        }
    }
    return bad(p, "an unexpected character");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: jsoncheck FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "jsoncheck: %s: cannot open\n", argv[1]);
        return 1;
    }
    static char buf[1 << 22];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    parser p = {buf, n, 0, NULL, 0, 0, 0};
    jkind k;
    double num;
    bool ok = value(&p, &k, &num, 0, R_TOP);
    ws(&p);
    if (ok && p.i != p.n)
        ok = bad(&p, "text after the value");
    if (!ok) {
        printf("%s: not a Gradescope result: %s (at byte %zu)\n", argv[1], p.fault, p.i);
        return 1;
    }
    printf("%s: ok, %d tests, score %g of %g\n", argv[1], p.ntests, p.top_score, p.sum_max);
    return 0;
}
