/*
 * directory.c -- parsing the user directory (directory.h): one statement a
 * line, a table of statements, every operand checked, and the checks that
 * need the whole file (duplicate users, IPL devices, spool destinations).
 * The first error ends the parse with "FILE:LINE: reason" and frees
 * everything; logging on is directory_logon.c's.
 */
#include "directory.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_TOKENS 8                /* the longest statement has 6 */

/* The parse in progress. */
typedef struct parser {
    cp_directory *dir;
    const char *base;               /* the directory file's folder, with '/' ("" if none) */
    size_t base_len;
    int line;
    char *tok[MAX_TOKENS];
    int ntok;
    bool ok;
    char *err;
    size_t n;
} parser;

/* Record "FILE:LINE: reason" (the first error only); false. */
static bool perr(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool perr(parser *p, const char *fmt, ...)
{
    if (!p->ok)
        return false;
    p->ok = false;
    int k = snprintf(p->err, p->n, "%s:%d: ", p->dir->file, p->line);
    if (k >= 0 && (size_t)k < p->n) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err + k, p->n - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* ---- names and numbers ------------------------------------------------------ */

bool cp_directory_name_ok(const char *name, size_t len, char out[CP_DIR_NAME + 1])
{
    if (len == 0 || len > CP_DIR_NAME)
        return false;
    for (size_t i = 0; i < len; i++) {
        int c = toupper((unsigned char)name[i]);
        if (!isupper(c) && !isdigit(c) && c != '$' && c != '#' && c != '@')
            return false;
        out[i] = (char)c;
    }
    out[len] = '\0';
    return true;
}

/* A hexadecimal device number, 1-4 digits. */
static bool parse_devno(const char *s, uint16_t *out)
{
    size_t len = strlen(s);
    if (len == 0 || len > 4 || strspn(s, "0123456789abcdefABCDEF") != len)
        return false;
    *out = (uint16_t)strtoul(s, NULL, 16);
    return true;
}

/* A block number or count: decimal, or hexadecimal with 0x; below 2^32. */
static bool parse_blocks(const char *s, uint32_t *out)
{
    bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    const char *digits = hex ? s + 2 : s;
    size_t len = strlen(digits);
    if (len == 0 || strspn(digits, hex ? "0123456789abcdefABCDEF" : "0123456789") != len)
        return false;
    errno = 0;
    unsigned long long v = strtoull(digits, NULL, hex ? 16 : 10);
    if (errno || v > UINT32_MAX)
        return false;
    *out = (uint32_t)v;
    return true;
}

/* A storage size: decimal bytes with an optional K or M; below 4G. */
static bool parse_size(const char *s, uint64_t *out)
{
    size_t len = strspn(s, "0123456789");
    if (len == 0 || len > 10)
        return false;
    uint64_t v = strtoull(s, NULL, 10);
    const char *suffix = s + len;
    if (*suffix == 'K' || *suffix == 'k')
        v <<= 10, suffix++;
    else if (*suffix == 'M' || *suffix == 'm')
        v <<= 20, suffix++;
    if (*suffix || v > UINT32_MAX)
        return false;
    *out = v;
    return true;
}

/* ---- operands ---------------------------------------------------------------- */

/* The statement's name, upper case, for messages. */
static const char *stmt(const parser *p)
{
    return p->tok[0];
}

/* Operand i, or an error naming what is missing. */
static const char *need(parser *p, int i, const char *what)
{
    if (i < p->ntok)
        return p->tok[i];
    perr(p, "%s: missing %s", stmt(p), what);
    return NULL;
}

/* No operands beyond count. */
static bool no_more(parser *p, int count)
{
    if (p->ntok > count)
        return perr(p, "%s: unexpected operand %s", stmt(p), p->tok[count]);
    return true;
}

/* A host path from the directory, made relative to the directory's folder. */
static char *resolve(parser *p, const char *path)
{
    size_t base = path[0] == '/' ? 0 : p->base_len;
    size_t len = strlen(path);
    char *r = malloc(base + len + 1);
    if (!r) {
        perr(p, "out of memory");
        return NULL;
    }
    memcpy(r, p->base, base);
    memcpy(r + base, path, len + 1);
    return r;
}

/* KEYWORD path: the operand after a required keyword (FILE), resolved. */
static char *keyword_path(parser *p, const char *keyword)
{
    const char *k = need(p, 1, keyword);
    if (!k)
        return NULL;
    if (strcasecmp(k, keyword) != 0) {
        perr(p, "%s: expected %s, found %s", stmt(p), keyword, k);
        return NULL;
    }
    const char *path = need(p, 2, "path");
    if (!path || !no_more(p, 3))
        return NULL;
    return resolve(p, path);
}

/* The entry being built: the last USER. */
static cp_dir_user *user(parser *p)
{
    return &p->dir->users[p->dir->nusers - 1];
}

/* ---- statements ------------------------------------------------------------- */

/* USER name [MEMORY size] */
static bool st_user(parser *p)
{
    cp_directory *d = p->dir;
    const char *name = need(p, 1, "name");
    if (!name)
        return false;
    char up[CP_DIR_NAME + 1];
    if (!cp_directory_name_ok(name, strlen(name), up))
        return perr(p, "USER: bad name %s (1-8 characters of A-Z 0-9 $ # @)", name);
    for (int i = 0; i < d->nusers; i++)
        if (strcmp(d->users[i].name, up) == 0)
            return perr(p, "duplicate USER %s (line %d)", up, d->users[i].line);
    uint64_t mem = CP_DIR_DEFAULT_MEM;
    if (p->ntok > 2) {
        if (strcasecmp(p->tok[2], "MEMORY") != 0)
            return perr(p, "USER: expected MEMORY, found %s", p->tok[2]);
        const char *size = need(p, 3, "size after MEMORY");
        if (!size || !no_more(p, 4))
            return false;
        if (!parse_size(size, &mem))
            return perr(p, "USER: bad size %s (bytes, or with K or M)", size);
        if (mem == 0 || mem % PG_PAGE_SIZE != 0)
            return perr(p, "USER: size %s is not a positive multiple of 4K", size);
        if (mem > PG_MAX_MEMORY)
            return perr(p, "USER: size %s is more than 256M", size);
    }
    cp_dir_user *u = realloc(d->users, (size_t)(d->nusers + 1) * sizeof *u);
    if (!u)
        return perr(p, "out of memory");
    d->users = u;
    u = &d->users[d->nusers++];
    *u = (cp_dir_user){.mem = (uint32_t)mem, .line = p->line};
    memcpy(u->name, up, sizeof up);
    return true;
}

/* The name of a device number that is not a minidisk's to take. */
static const char *unit_record(uint16_t devno)
{
    switch (devno) {
    case PG_DEV_CONSOLE: return "the console";
    case PG_DEV_READER: return "the reader";
    case PG_DEV_PUNCH: return "the punch";
    case PG_DEV_PRINTER: return "the printer";
    default: return NULL;
    }
}

/* MDISK devno path first-block block-count R|W */
static bool st_mdisk(parser *p)
{
    cp_dir_user *u = user(p);
    const char *dev = need(p, 1, "device number"), *path = dev ? need(p, 2, "path") : NULL;
    const char *first = path ? need(p, 3, "first block") : NULL;
    const char *count = first ? need(p, 4, "block count") : NULL;
    const char *mode = count ? need(p, 5, "access mode R or W") : NULL;
    if (!mode || !no_more(p, 6))
        return false;
    cp_dir_mdisk m = {.line = p->line};
    if (!parse_devno(dev, &m.devno))
        return perr(p, "MDISK: bad device number %s (1-4 hex digits)", dev);
    if (unit_record(m.devno))
        return perr(p, "MDISK: device %03X is %s", m.devno, unit_record(m.devno));
    for (int i = 0; i < u->nmdisks; i++)
        if (u->mdisks[i].devno == m.devno)
            return perr(p, "duplicate device %03X (line %d)", m.devno, u->mdisks[i].line);
    if (u->nmdisks == CP_MAX_MINIDISKS)
        return perr(p, "MDISK: more than %d minidisks", CP_MAX_MINIDISKS);
    uint32_t f, c;
    if (!parse_blocks(first, &f))
        return perr(p, "MDISK: bad first block %s", first);
    if (!parse_blocks(count, &c))
        return perr(p, "MDISK: bad block count %s", count);
    if (c == 0)
        return perr(p, "MDISK: block count 0 (a minidisk has at least one block)");
    if (strcasecmp(mode, "R") != 0 && strcasecmp(mode, "W") != 0)
        return perr(p, "MDISK: bad access mode %s (R or W)", mode);
    m.first = f;
    m.blocks = c;
    m.read_only = toupper((unsigned char)mode[0]) == 'R';
    cp_dir_mdisk *md = realloc(u->mdisks, (size_t)(u->nmdisks + 1) * sizeof *md);
    if (!md)
        return perr(p, "out of memory");
    u->mdisks = md;
    if (!(m.path = resolve(p, path)))
        return false;
    u->mdisks[u->nmdisks++] = m;
    return true;
}

/* IPL devno  |  IPL FILE path */
static bool st_ipl(parser *p)
{
    cp_dir_user *u = user(p);
    const char *what = need(p, 1, "device number or FILE path");
    if (!what)
        return false;
    if (u->ipl != CP_IPL_NONE)
        return perr(p, "duplicate IPL (line %d)", u->ipl_line);
    if (strcasecmp(what, "FILE") == 0) {
        if (!(u->ipl_path = keyword_path(p, "FILE")))
            return false;
        u->ipl = CP_IPL_FILE;
    } else {
        if (!no_more(p, 2))
            return false;
        if (!parse_devno(what, &u->ipl_dev))
            return perr(p, "IPL: bad device number %s (1-4 hex digits, or FILE path)", what);
        u->ipl = CP_IPL_DEVICE;
    }
    u->ipl_line = p->line;
    return true;
}

/* KEYWORD FILE path, at most once per entry, into *slot. */
static bool file_statement(parser *p, char **slot, int *line)
{
    if (*slot)
        return perr(p, "duplicate %s FILE (line %d)", stmt(p), *line);
    if (!(*slot = keyword_path(p, "FILE")))
        return false;
    *line = p->line;
    return true;
}

/* PRINTER FILE path */
static bool st_printer(parser *p)
{
    cp_dir_user *u = user(p);
    return file_statement(p, &u->printer_path, &u->printer_line);
}

/* CONSOLE FILE path */
static bool st_console(parser *p)
{
    cp_dir_user *u = user(p);
    return file_statement(p, &u->console_path, &u->console_line);
}

/* READER FILE path (any number: queued in order) */
static bool st_reader(parser *p)
{
    cp_dir_user *u = user(p);
    cp_dir_deck *dk = realloc(u->decks, (size_t)(u->ndecks + 1) * sizeof *dk);
    if (!dk)
        return perr(p, "out of memory");
    u->decks = dk;
    char *path = keyword_path(p, "FILE");
    if (!path)
        return false;
    u->decks[u->ndecks++] = (cp_dir_deck){.path = path, .line = p->line};
    return true;
}

/* SPOOL PUNCH TO name|*  |  SPOOL PRINTER TO name|*|OFF */
static bool st_spool(parser *p)
{
    cp_dir_user *u = user(p);
    const char *dev = need(p, 1, "PUNCH or PRINTER"), *to = dev ? need(p, 2, "TO") : NULL;
    const char *name = to ? need(p, 3, "destination") : NULL;
    if (!name || !no_more(p, 4))
        return false;
    bool punch = strcasecmp(dev, "PUNCH") == 0;
    if (!punch && strcasecmp(dev, "PRINTER") != 0)
        return perr(p, "SPOOL: expected PUNCH or PRINTER, found %s", dev);
    if (strcasecmp(to, "TO") != 0)
        return perr(p, "SPOOL: expected TO, found %s", to);
    int *line = punch ? &u->punch_line : &u->printer_spool_line;
    if (*line)
        return perr(p, "duplicate SPOOL %s (line %d)", punch ? "PUNCH" : "PRINTER", *line);
    char *dest = punch ? u->punch_dest : u->printer_dest;
    if (strcmp(name, "*") == 0)
        strcpy(dest, punch ? "" : u->name);     /* a directory name has at most 8 */
    else if (!punch && strcasecmp(name, "OFF") == 0)
        dest[0] = '\0';
    else if (!cp_directory_name_ok(name, strlen(name), dest))
        return perr(p, "SPOOL: bad name %s (1-8 characters of A-Z 0-9 $ # @)", name);
    *line = p->line;
    return true;
}

/* The statements. */
static const struct {
    const char *name;
    bool (*fn)(parser *p);
} statements[] = {
    {"CONSOLE", st_console}, {"IPL", st_ipl},       {"MDISK", st_mdisk}, {"PRINTER", st_printer},
    {"READER", st_reader},   {"SPOOL", st_spool},   {"USER", st_user},
};

/* Blanks between operands (a CRLF line end counts as one). */
static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* One line: a comment, a blank line or a statement. */
static bool parse_line(parser *p, char *text)
{
    p->ntok = 0;
    for (char *s = text; *s;) {
        if (blank(*s)) {
            s++;
            continue;
        }
        if (p->ntok < MAX_TOKENS)   /* more than any statement takes: no_more reports them */
            p->tok[p->ntok++] = s;
        while (*s && !blank(*s))
            s++;
        if (*s)
            *s++ = '\0';
    }
    if (p->ntok == 0 || p->tok[0][0] == '*')
        return true;
    for (char *s = p->tok[0]; *s; s++)
        *s = (char)toupper((unsigned char)*s);
    for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
        if (strcmp(p->tok[0], statements[i].name) != 0)
            continue;
        if (statements[i].fn != st_user && p->dir->nusers == 0)
            return perr(p, "%s before any USER", p->tok[0]);
        return statements[i].fn(p);
    }
    return perr(p, "unknown statement %s", p->tok[0]);
}

/* The checks that need a whole entry or the whole file. */
static bool check_all(parser *p)
{
    cp_directory *d = p->dir;
    for (int i = 0; i < d->nusers; i++) {
        cp_dir_user *u = &d->users[i];
        if (u->ipl == CP_IPL_DEVICE) {
            const cp_dir_mdisk *m = NULL;
            for (int k = 0; k < u->nmdisks && !m; k++)
                if (u->mdisks[k].devno == u->ipl_dev)
                    m = &u->mdisks[k];
            p->line = u->ipl_line;
            if (!m)
                return perr(p, "IPL %03X: USER %s has no MDISK %03X", u->ipl_dev, u->name,
                            u->ipl_dev);
            if ((uint64_t)m->blocks * PG_DISK_BLOCK < PG_IPL_BYTES)
                return perr(p, "IPL %03X: the minidisk is smaller than 4 KiB (8 blocks)",
                            u->ipl_dev);
        }
        const char *dests[2] = {u->punch_dest, u->printer_dest};
        const int lines[2] = {u->punch_line, u->printer_spool_line};
        for (int k = 0; k < 2; k++) {
            bool found = !dests[k][0];
            for (int j = 0; j < d->nusers && !found; j++)
                found = strcmp(d->users[j].name, dests[k]) == 0;
            p->line = lines[k];
            if (!found)
                return perr(p, "SPOOL %s TO %s: no USER %s in the directory",
                            k ? "PRINTER" : "PUNCH", dests[k], dests[k]);
        }
    }
    if (d->nusers == 0) {
        p->line = 0;
        snprintf(p->err, p->n, "%s: no USER entry", d->file);
        return false;
    }
    return true;
}

/* Parse line by line, then check the whole; nothing kept on an error. */
bool cp_directory_parse(cp_directory *dir, const char *file, const char *text, size_t len,
                        char *err, size_t n)
{
    *dir = (cp_directory){.console_input = CP_INPUT_QUEUE};
    dir->file = strdup(file);
    const char *slash = strrchr(file, '/');
    parser p = {.dir = dir, .base = file, .base_len = slash ? (size_t)(slash - file) + 1 : 0,
                .ok = true, .err = err, .n = n};
    char *buf = malloc(len + 1);
    if (!dir->file || !buf) {
        free(buf);
        cp_directory_free(dir);
        snprintf(err, n, "%s: out of memory", file);
        return false;
    }
    memcpy(buf, text, len);
    buf[len] = '\0';
    char *line = buf;
    for (p.line = 1; p.ok && line; p.line++) {
        char *nl = memchr(line, '\n', (size_t)(buf + len - line));
        if (nl)
            *nl = '\0';
        if (strlen(line) != (size_t)((nl ? nl : buf + len) - line))
            perr(&p, "a NUL byte in the line");
        else
            parse_line(&p, line);
        line = nl ? nl + 1 : NULL;
    }
    free(buf);
    if (p.ok)
        p.ok = check_all(&p);
    if (!p.ok)
        cp_directory_free(dir);
    return p.ok;
}

/* Read the whole file, then parse it. */
bool cp_directory_load(cp_directory *dir, const char *path, char *err, size_t n)
{
    *dir = (cp_directory){0};
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, n, "%s: %s", path, errno == ENOENT ? "does not exist" : strerror(errno));
        return false;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    bool ok = true;
    for (;;) {
        if (len == cap) {
            size_t nc = cap ? cap * 2 : 4096;
            char *t = realloc(text, nc);
            if (!t) {
                ok = false;
                break;
            }
            text = t;
            cap = nc;
        }
        size_t got = fread(text + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, n, "%s: cannot read: %s", path, strerror(errno));
        ok = false;
    } else if (!ok) {
        snprintf(err, n, "%s: out of memory", path);
    }
    fclose(f);
    if (ok)
        ok = cp_directory_parse(dir, path, text ? text : "", len, err, n);
    free(text);
    return ok;
}

/* Free every entry. */
void cp_directory_free(cp_directory *dir)
{
    for (int i = 0; i < dir->nusers; i++) {
        cp_dir_user *u = &dir->users[i];
        for (int k = 0; k < u->nmdisks; k++)
            free(u->mdisks[k].path);
        free(u->mdisks);
        for (int k = 0; k < u->ndecks; k++)
            free(u->decks[k].path);
        free(u->decks);
        free(u->ipl_path);
        free(u->printer_path);
        free(u->console_path);
    }
    free(dir->users);
    free(dir->file);
    *dir = (cp_directory){0};
}
