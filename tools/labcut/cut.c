/*
 * cut.c -- find the solution regions in a file's text, check every marker,
 * and cut one lab's regions out (labcut.h has the marker syntax).
 */
#include "labcut.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Append n bytes. */
bool lab_buf_put(lab_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return false;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}

/* Free the buffer. */
void lab_buf_free(lab_buf *b)
{
    free(b->p);
    *b = (lab_buf){0};
}

/* Is c a character of a lab name? */
static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Is name a valid lab name? */
bool lab_name_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > LAB_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!name_char(name[i]))
            return false;
    return true;
}

typedef enum { MK_NONE, MK_BEGIN, MK_STUB, MK_END } mark_kind;

/* One marker line, parsed. */
typedef struct marker {
    mark_kind kind;
    char lab[LAB_NAME_MAX + 1];
    char leader[3];                 /* "/" "*", "//", ";", "#", or "" */
    size_t indent;                  /* blanks before the leader */
    const char *rest;               /* after the keyword, to the end of the line */
    size_t restlen;
} marker;

/* Skip blanks and tabs. */
static size_t skip_blanks(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* Does the line s[0..n) start a marker?  Then fill *m.  A line is a marker
   only when "LAB name KEYWORD" comes right after the indentation and a
   comment leader (or, for a C END, nothing). */
static bool parse_marker(const char *s, size_t n, marker *m)
{
    static const char *const leaders[] = {"/*", "//", ";", "#", ""};
    size_t i = skip_blanks(s, 0, n);
    m->indent = i;
    const char *lead = "";
    for (size_t k = 0; k < sizeof leaders / sizeof leaders[0]; k++) {
        size_t l = strlen(leaders[k]);
        if (n - i >= l && memcmp(s + i, leaders[k], l) == 0) {
            lead = leaders[k];
            break;
        }
    }
    strcpy(m->leader, lead);
    i = skip_blanks(s, i + strlen(lead), n);
    if (n - i < 4 || memcmp(s + i, "LAB", 3) != 0 || (s[i + 3] != ' ' && s[i + 3] != '\t'))
        return false;
    i = skip_blanks(s, i + 3, n);
    size_t start = i;
    while (i < n && name_char(s[i]))
        i++;
    if (i == start || i - start > LAB_NAME_MAX || i == n || (s[i] != ' ' && s[i] != '\t'))
        return false;
    memcpy(m->lab, s + start, i - start);
    m->lab[i - start] = '\0';
    i = skip_blanks(s, i, n);
    static const struct {
        const char *word;
        mark_kind kind;
    } words[] = {{"BEGIN", MK_BEGIN}, {"STUB", MK_STUB}, {"END", MK_END}};
    for (size_t k = 0; k < 3; k++) {
        size_t l = strlen(words[k].word);
        if (n - i >= l && memcmp(s + i, words[k].word, l) == 0 &&
            (i + l == n || strchr(" \t:*\r", s[i + l]))) {
            m->kind = words[k].kind;
            m->rest = s + i + l;
            m->restlen = n - i - l;
            return true;
        }
    }
    return false;
}

/* The rest of a marker line without blanks and a CR at either end. */
static void trimmed(const marker *m, const char **p, size_t *n)
{
    const char *s = m->rest;
    size_t len = m->restlen;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    size_t i = skip_blanks(s, 0, len);
    *p = s + i;
    *n = len - i;
}

/* Does the marker's rest end with the C comment closer? */
static bool closes_comment(const marker *m)
{
    const char *p;
    size_t n;
    trimmed(m, &p, &n);
    return n >= 2 && p[n - 2] == '*' && p[n - 1] == '/';
}

/* The per-file state of the region being read. */
typedef struct region {
    bool open, in_stub;
    marker begin;
    unsigned begin_line;
} region;

/* Report "path:line: reason" and return -1. */
static int fail(char *err, size_t n, const char *path, unsigned line, const char *fmt,
                const char *a, const char *b)
{
    char why[200];
    snprintf(why, sizeof why, fmt, a, b);
    snprintf(err, n, "%s:%u: %s", path, line, why);
    return -1;
}

/* Count a region of lab in the scan. */
static void count_region(lab_scan *scan, const char *lab)
{
    if (!scan)
        return;
    for (int i = 0; i < scan->nlabs; i++)
        if (strcmp(scan->labs[i].name, lab) == 0) {
            scan->labs[i].regions++;
            return;
        }
    if (scan->nlabs < (int)(sizeof scan->labs / sizeof scan->labs[0])) {
        strcpy(scan->labs[scan->nlabs].name, lab);
        scan->labs[scan->nlabs++].regions = 1;
    }
}

/* The TODO line that stands where a region was, in its own comment style. */
static bool put_todo(lab_buf *out, const char *line, const marker *b)
{
    const char *text;
    size_t n;
    trimmed(b, &text, &n);
    bool c = strcmp(b->leader, "/*") == 0;
    if (c && n >= 2 && text[n - 2] == '*' && text[n - 1] == '/')
        n -= 2;
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    if (n && text[0] == ':')
        text++, n--;
    while (n && (text[0] == ' ' || text[0] == '\t'))
        text++, n--;
    char head[LAB_NAME_MAX + 40];
    snprintf(head, sizeof head, "%s LAB %s TODO%s", b->leader, b->lab, n ? ": " : "");
    return lab_buf_put(out, line, b->indent) && lab_buf_put(out, head, strlen(head)) &&
           lab_buf_put(out, text, n) && (!c || lab_buf_put(out, " */", 3)) &&
           lab_buf_put(out, "\n", 1);
}

/* Is a stub line well formed?  In C nothing may close the stub's comment;
   with a line-comment leader every non-blank line starts with the leader.
   NULL, or what is wrong. */
static const char *stub_line_fault(const char *s, size_t n, const marker *b)
{
    if (strcmp(b->leader, "/*") == 0) {
        for (size_t i = 0; i + 1 < n; i++)
            if (s[i] == '*' && s[i + 1] == '/')
                return "holds */, which ends the stub's comment early";
        return NULL;
    }
    size_t i = skip_blanks(s, 0, n), l = strlen(b->leader);
    bool blank = i == n || (i == n - 1 && s[i] == '\r');
    if (!blank && (n - i < l || memcmp(s + i, b->leader, l) != 0))
        return "does not start with its leader";
    return NULL;
}

/* A (well-formed) stub line as the starter gets it: C stubs verbatim; else
   without the leader and one blank after it. */
static bool put_stub(lab_buf *out, const char *s, size_t n, bool has_nl, const marker *b)
{
    if (strcmp(b->leader, "/*") != 0) {
        size_t i = skip_blanks(s, 0, n), l = strlen(b->leader);
        if (n - i >= l && memcmp(s + i, b->leader, l) == 0) {
            size_t cut = i + l + (i + l < n && s[i + l] == ' ');
            bool empty = skip_blanks(s, cut, n) == n;   /* no trailing blanks left */
            if (!empty && !lab_buf_put(out, s, i))
                return false;
            s += empty ? n : cut;
            n = empty ? 0 : n - cut;
        } else {
            n = 0;                  /* a blank stub line stays blank */
        }
    }
    return lab_buf_put(out, s, n) && (!has_nl || lab_buf_put(out, "\n", 1));
}

/* Check a marker that opens a region and remember it. */
static int open_region(region *r, const marker *m, unsigned line, const char *path, char *err,
                       size_t en)
{
    if (m->kind != MK_BEGIN)
        return fail(err, en, path, line, "LAB %s %s without a BEGIN before it", m->lab,
                    m->kind == MK_STUB ? "STUB" : "END");
    if (!m->leader[0])
        return fail(err, en, path, line, "LAB %s BEGIN needs a comment leader (/*, //, ; or #)%s",
                    m->lab, "");
    if (strcmp(m->leader, "/*") == 0 && !closes_comment(m))
        return fail(err, en, path, line, "LAB %s BEGIN: close the comment on the same line%s",
                    m->lab, " (*/)");
    *r = (region){.open = true, .begin = *m, .begin_line = line};
    return 0;
}

/* Check a marker inside an open region; true when it closes the region. */
static int region_marker(region *r, const marker *m, unsigned line, const char *path, char *err,
                         size_t en)
{
    const marker *b = &r->begin;
    bool c = strcmp(b->leader, "/*") == 0;
    if (m->kind == MK_BEGIN)
        return fail(err, en, path, line, "LAB %s BEGIN inside the region of LAB %s (regions do not nest)",
                    m->lab, b->lab);
    if (strcmp(m->lab, b->lab) != 0)
        return fail(err, en, path, line, "this marker is for lab %s, inside a region of lab %s",
                    m->lab, b->lab);
    if (m->kind == MK_END && !r->in_stub)
        return fail(err, en, path, line, "LAB %s END without its STUB (an empty stub is a STUB%s",
                    m->lab, " line right before END)");
    if (m->kind == MK_STUB && r->in_stub)
        return fail(err, en, path, line, "a second LAB %s STUB in one region%s", m->lab, "");
    if (m->kind == MK_STUB) {
        if (strcmp(m->leader, b->leader) != 0)
            return fail(err, en, path, line, "LAB %s STUB: use the leader of its BEGIN (%s)",
                        m->lab, b->leader);
        if (c && closes_comment(m))
            return fail(err, en, path, line,
                        "LAB %s STUB: the stub follows in the same comment (no */ here)%s", m->lab, "");
        r->in_stub = true;
        return 0;
    }
    if (c ? (m->leader[0] || !closes_comment(m)) : strcmp(m->leader, b->leader) != 0)
        return fail(err, en, path, line,
                    c ? "LAB %s END: write it as 'LAB %s END */', closing the stub's comment"
                      : "LAB %s END: use the leader of its BEGIN",
                    m->lab, m->lab);
    return 1;
}

/* Cut one file (labcut.h). */
int lab_cut(const char *path, const char *text, size_t len, const char *lab, lab_buf *out,
            lab_scan *scan, char *err, size_t errsize)
{
    region r = {0};
    int cut = 0;
    unsigned line = 0;
    for (size_t pos = 0; pos < len;) {
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + (nl != NULL);
        line++;
        marker m = {0};
        bool is_marker = parse_marker(s, n, &m);
        bool emit = true;           /* the line goes to the output as it is */
        if (!r.open) {
            if (is_marker) {
                if (open_region(&r, &m, line, path, err, errsize))
                    return -1;
                if (lab && strcmp(m.lab, lab) == 0) {
                    if (out && !put_todo(out, s, &m))
                        return fail(err, errsize, path, line, "out of memory%s%s", "", "");
                    emit = false;
                }
            }
        } else {
            bool mine = lab && strcmp(r.begin.lab, lab) == 0;
            emit = !mine;
            if (is_marker) {
                int closed = region_marker(&r, &m, line, path, err, errsize);
                if (closed < 0)
                    return -1;
                if (closed) {
                    count_region(scan, r.begin.lab);
                    cut += mine;
                    r.open = false;
                }
            } else if (r.in_stub) {
                const char *why = stub_line_fault(s, n, &r.begin);
                if (why)
                    return fail(err, errsize, path, line, "a stub line of LAB %s %s", r.begin.lab,
                                why);
                if (mine && out && !put_stub(out, s, n, nl != NULL, &r.begin))
                    return fail(err, errsize, path, line, "out of memory%s%s", "", "");
            }
        }
        if (emit && out && (!lab_buf_put(out, s, n) || (nl && !lab_buf_put(out, "\n", 1))))
            return fail(err, errsize, path, line, "out of memory%s%s", "", "");
    }
    if (r.open)
        return fail(err, errsize, path, r.begin_line, "LAB %s BEGIN has no END%s", r.begin.lab, "");
    return cut;
}
