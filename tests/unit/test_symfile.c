/*
 * test_symfile.c -- symbol files: the path rule, writing and reading back,
 * every malformed-file message, and lookups against a linear reference.
 */
#include "runner.h"
#include "symfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A scratch directory for one test, removed with its files by scratch_done. */
typedef struct scratch {
    char dir[64];
    char path[128];             /* the last file named with scratch_file */
} scratch;

/* Make a fresh directory under /tmp. */
static void scratch_init(scratch *s)
{
    snprintf(s->dir, sizeof s->dir, "/tmp/test_symfile.XXXXXX");
    CU_ASSERT_FATAL(mkdtemp(s->dir) != NULL);
}

/* Name a file in the directory; returns s->path. */
static const char *scratch_file(scratch *s, const char *name)
{
    snprintf(s->path, sizeof s->path, "%s/%s", s->dir, name);
    return s->path;
}

/* Write text to a file in the directory; returns its path. */
static const char *scratch_write(scratch *s, const char *name, const char *text, size_t len)
{
    const char *path = scratch_file(s, name);
    FILE *f = fopen(path, "wb");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_FATAL(fwrite(text, 1, len, f) == len);
    CU_ASSERT_FATAL(fclose(f) == 0);
    return path;
}

/* Remove the files the tests made (they use only these names) and the directory. */
static void scratch_done(scratch *s)
{
    static const char *const names[] = {"a.sym", "bad.sym", "big.sym", "x.sym"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        unlink(scratch_file(s, names[i]));
    CU_ASSERT(rmdir(s->dir) == 0);
}

/* Read a whole small file into buf (NUL-terminated); its length. */
static size_t slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "rb");
    CU_ASSERT_FATAL(f != NULL);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
    return n;
}

/* Check pg_symfile_path for one image path. */
static void check_path(const char *image, const char *want)
{
    char *got = pg_symfile_path(image);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    if (strcmp(got, want) != 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "pg_symfile_path(\"%s\") = \"%s\", want \"%s\"", image, got, want);
        CU_FAIL(msg);
    }
    free(got);
}

/* The extension after the last '/' is replaced, or .sym appended. */
static void test_path_rule(void)
{
    check_path("hello.img", "hello.sym");
    check_path("hello", "hello.sym");
    check_path("build/hello.img", "build/hello.sym");
    check_path("a.b/hello", "a.b/hello.sym");
    check_path("a.b/hello.tar.img", "a.b/hello.tar.sym");
    check_path("/abs/dir.d/x.bin", "/abs/dir.d/x.sym");
    check_path("hello.", "hello.sym");
    check_path("hello.sym", "hello.sym");
    check_path("dir/.hidden", "dir/.hidden.sym");
    check_path(".img", ".img.sym");
    check_path("", ".sym");
}

/* A table built by hand, in no particular order, labels and equates mixed. */
static const pg_symbol sample[] = {
    {0x200, 'T', "start"}, {0x0A, 'A', "COUNT"}, {0x200, 'T', "_entry"},
    {0x1000, 'T', "msg"},  {0x200, 'A', "BASE"}, {0xFFFFFFFF, 'A', "ALL"},
    {0x0, 'T', "ipl"},
};
#define SAMPLE_COUNT (sizeof sample / sizeof sample[0])

/* Copy the sample into a table whose names are malloc'd, as a reader's are. */
static void sample_table(pg_symtab *tab)
{
    tab->syms = calloc(SAMPLE_COUNT, sizeof *tab->syms);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tab->syms);
    for (size_t i = 0; i < SAMPLE_COUNT; i++) {
        tab->syms[i] = sample[i];
        size_t len = strlen(sample[i].name) + 1;
        tab->syms[i].name = malloc(len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(tab->syms[i].name);
        memcpy(tab->syms[i].name, sample[i].name, len);
    }
    tab->count = SAMPLE_COUNT;
}

/* The writer sorts by value then name, in the exact line format. */
static void test_write_format(void)
{
    scratch s;
    scratch_init(&s);
    pg_symtab tab;
    sample_table(&tab);
    CU_ASSERT_FATAL(pg_symfile_write(scratch_file(&s, "a.sym"), &tab));
    char text[512];
    slurp(s.path, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text,
                           "00000000 T ipl\n"
                           "0000000a A COUNT\n"
                           "00000200 A BASE\n"
                           "00000200 T _entry\n"
                           "00000200 T start\n"
                           "00001000 T msg\n"
                           "ffffffff A ALL\n");
    /* The caller's table is left in its own order. */
    CU_ASSERT_STRING_EQUAL(tab.syms[0].name, "start");
    pg_symtab_free(&tab);
    CU_ASSERT_PTR_NULL(tab.syms);
    CU_ASSERT_EQUAL(tab.count, 0);
    scratch_done(&s);
}

/* Reading what was written gives the same symbols, in lookup order. */
static void test_round_trip(void)
{
    scratch s;
    scratch_init(&s);
    pg_symtab tab, back;
    sample_table(&tab);
    CU_ASSERT_FATAL(pg_symfile_write(scratch_file(&s, "a.sym"), &tab));
    char err[256] = "";
    CU_ASSERT_FATAL(pg_symfile_read(s.path, &back, err, sizeof err));
    CU_ASSERT_EQUAL_FATAL(back.count, SAMPLE_COUNT);
    static const pg_symbol want[] = {
        {0x0, 'T', "ipl"}, {0x200, 'T', "_entry"}, {0x200, 'T', "start"},
        {0x1000, 'T', "msg"}, {0x0A, 'A', "COUNT"}, {0x200, 'A', "BASE"},
        {0xFFFFFFFF, 'A', "ALL"},
    };
    for (size_t i = 0; i < SAMPLE_COUNT; i++) {
        CU_ASSERT_EQUAL(back.syms[i].value, want[i].value);
        CU_ASSERT_EQUAL(back.syms[i].kind, want[i].kind);
        CU_ASSERT_STRING_EQUAL(back.syms[i].name, want[i].name);
    }
    CU_ASSERT_EQUAL(pg_symtab_label_count(&back), 4);
    /* The hand-built table sorts into the same order. */
    pg_symtab_sort(&tab);
    for (size_t i = 0; i < SAMPLE_COUNT; i++)
        CU_ASSERT_STRING_EQUAL(tab.syms[i].name, want[i].name);
    pg_symtab_free(&tab);
    pg_symtab_free(&back);
    scratch_done(&s);
}

/* An empty table writes an empty file, which reads back empty. */
static void test_empty(void)
{
    scratch s;
    scratch_init(&s);
    pg_symtab tab = {0}, back;
    CU_ASSERT_FATAL(pg_symfile_write(scratch_file(&s, "a.sym"), &tab));
    char text[16];
    CU_ASSERT_EQUAL(slurp(s.path, text, sizeof text), 0);
    char err[256];
    CU_ASSERT(pg_symfile_read(s.path, &back, err, sizeof err));
    CU_ASSERT_EQUAL(back.count, 0);
    CU_ASSERT_PTR_NULL(pg_symtab_lookup(&back, 0, NULL));
    pg_symtab_free(&back);
    scratch_done(&s);
}

/* A symbol the reader could not take back is refused before the file is touched. */
static void test_write_refuses(void)
{
    scratch s;
    scratch_init(&s);
    static const pg_symbol bad[][1] = {
        {{1, 'T', "two words"}}, {{1, 'T', ""}}, {{1, 'X', "x"}}, {{1, 'A', "tab\there"}},
        {{1, 'T', "nl\n"}},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pg_symtab tab = {(pg_symbol *)bad[i], 1};
        errno = 0;
        CU_ASSERT(!pg_symfile_write(scratch_file(&s, "x.sym"), &tab));
        CU_ASSERT_EQUAL(errno, EINVAL);
        CU_ASSERT(access(s.path, F_OK) != 0);
    }
    /* An I/O error: the directory does not exist. */
    pg_symtab tab = {(pg_symbol *)sample, SAMPLE_COUNT};
    errno = 0;
    CU_ASSERT(!pg_symfile_write(scratch_file(&s, "no/such/dir.sym"), &tab));
    CU_ASSERT_EQUAL(errno, ENOENT);
    scratch_done(&s);
}

/* The reader is lenient where it costs nothing: blanks, CRLF, short values. */
static void test_read_lenient(void)
{
    scratch s;
    scratch_init(&s);
    static const char text[] = "\n  \n200\tT  start \r\n0 A\tZERO\nABCDEF01 T hi\n\n1f T last";
    const char *path = scratch_write(&s, "a.sym", text, sizeof text - 1);
    pg_symtab tab;
    char err[256] = "";
    CU_ASSERT_FATAL(pg_symfile_read(path, &tab, err, sizeof err));
    CU_ASSERT_EQUAL_FATAL(tab.count, 4);
    CU_ASSERT_STRING_EQUAL(tab.syms[0].name, "last");
    CU_ASSERT_EQUAL(tab.syms[0].value, 0x1F);
    CU_ASSERT_STRING_EQUAL(tab.syms[1].name, "start");
    CU_ASSERT_EQUAL(tab.syms[1].value, 0x200);
    CU_ASSERT_STRING_EQUAL(tab.syms[2].name, "hi");
    CU_ASSERT_EQUAL(tab.syms[2].value, 0xABCDEF01);
    CU_ASSERT_STRING_EQUAL(tab.syms[3].name, "ZERO");
    CU_ASSERT_EQUAL(tab.syms[3].kind, 'A');
    pg_symtab_free(&tab);
    scratch_done(&s);
}

/* A malformed file and the message it must give (after "PATH:"). */
typedef struct bad_file {
    const char *text;
    size_t len;                 /* 0: strlen(text) */
    const char *message;
} bad_file;

/* Every malformed line is refused with its line number and reason, and no table. */
static void test_read_malformed(void)
{
    static const bad_file cases[] = {
        {"zz T x\n", 0, "1: expected a hex value"},
        {"00000001 T ok\n 12 T indented\n", 0, "2: expected a hex value"},
        {"123456789 T x\n", 0, "1: value has more than 8 hex digits"},
        {"12x T x\n", 0, "1: expected a blank after the value"},
        {"12\n", 0, "1: expected a blank after the value"},
        {"12 t x\n", 0, "1: expected kind T or A"},
        {"12 \n", 0, "1: expected kind T or A"},
        {"12 TA x\n", 0, "1: expected a blank after the kind"},
        {"12 T\n", 0, "1: expected a blank after the kind"},
        {"12 T \n", 0, "1: missing symbol name"},
        {"12 T two words\n", 0, "1: unexpected text after the name"},
        {"1 T a\n\n3 T b\x01x\n", 0, "3: control character in symbol name"},
        {"12 T nul\0x\n", 10, "1: control character in symbol name"},
    };
    scratch s;
    scratch_init(&s);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad_file *c = &cases[i];
        const char *path = scratch_write(&s, "bad.sym", c->text, c->len ? c->len : strlen(c->text));
        char want[256], err[256] = "";
        snprintf(want, sizeof want, "%s:%s", path, c->message);
        pg_symtab tab = {(pg_symbol *)sample, 99};
        CU_ASSERT(!pg_symfile_read(path, &tab, err, sizeof err));
        CU_ASSERT_STRING_EQUAL(err, want);
        CU_ASSERT_PTR_NULL(tab.syms);
        CU_ASSERT_EQUAL(tab.count, 0);
    }
    /* A file that cannot be opened names the file and the reason. */
    char want[256], err[256] = "";
    snprintf(want, sizeof want, "%s: %s", scratch_file(&s, "missing.sym"), strerror(ENOENT));
    pg_symtab tab;
    CU_ASSERT(!pg_symfile_read(s.path, &tab, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(err, want);
    /* A small or absent message buffer is never overrun. */
    const char *path = scratch_write(&s, "bad.sym", "zz\n", 3);
    char tiny[8];
    memset(tiny, 'x', sizeof tiny);
    CU_ASSERT(!pg_symfile_read(path, &tab, tiny, 4));
    CU_ASSERT_EQUAL(tiny[3], '\0');
    CU_ASSERT_EQUAL(tiny[4], 'x');
    CU_ASSERT(!pg_symfile_read(path, &tab, NULL, 0));
    scratch_done(&s);
}

/* Lookup on a small table: nearest label below, equates ignored, the limit. */
static void test_lookup_rules(void)
{
    pg_symbol syms[] = {
        {0x100, 'T', "b"}, {0x100, 'T', "a"}, {0x2000, 'T', "far"},
        {0x1F0, 'A', "EQU"}, {0xFFFFF000, 'T', "top"},
    };
    pg_symtab tab = {syms, sizeof syms / sizeof syms[0]};
    pg_symtab_sort(&tab);
    uint32_t off = 77;
    CU_ASSERT_PTR_NULL(pg_symtab_lookup(&tab, 0xFF, &off));
    CU_ASSERT_EQUAL(off, 77);                       /* untouched on a miss */
    CU_ASSERT_STRING_EQUAL(pg_symtab_lookup(&tab, 0x100, &off), "a");
    CU_ASSERT_EQUAL(off, 0);
    CU_ASSERT_STRING_EQUAL(pg_symtab_lookup(&tab, 0x1F4, &off), "a");   /* not EQU */
    CU_ASSERT_EQUAL(off, 0xF4);
    CU_ASSERT_STRING_EQUAL(pg_symtab_lookup(&tab, 0x100 + PG_SYMTAB_NEAR - 1, &off), "a");
    CU_ASSERT_EQUAL(off, PG_SYMTAB_NEAR - 1);
    CU_ASSERT_PTR_NULL(pg_symtab_lookup(&tab, 0x100 + PG_SYMTAB_NEAR, &off));
    CU_ASSERT_STRING_EQUAL(pg_symtab_lookup(&tab, 0x2000, NULL), "far");
    CU_ASSERT_STRING_EQUAL(pg_symtab_lookup(&tab, 0xFFFFFFFF, &off), "top");
    CU_ASSERT_EQUAL(off, 0xFFF);
    CU_ASSERT_PTR_NULL(pg_symtab_lookup(NULL, 0x100, &off));
    CU_ASSERT_EQUAL(pg_symtab_label_count(&tab), 4);
    CU_ASSERT_EQUAL(pg_symtab_label_index(&tab, 0), 0);
    CU_ASSERT_EQUAL(pg_symtab_label_index(&tab, 0x100), 0);
    CU_ASSERT_EQUAL(pg_symtab_label_index(&tab, 0x101), 2);
    CU_ASSERT_EQUAL(pg_symtab_label_index(&tab, 0xFFFFFFFF), 4);
    pg_symtab empty = {0};
    CU_ASSERT_PTR_NULL(pg_symtab_lookup(&empty, 0x100, &off));
    CU_ASSERT_EQUAL(pg_symtab_label_count(&empty), 0);
}

/* A small fixed-seed PRNG (xorshift32), so the big test is repeatable. */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* The answer by linear search over the file: the reference lookup must match. */
static const char *linear_lookup(const pg_symtab *tab, uint32_t addr, uint32_t *offset)
{
    const pg_symbol *best = NULL;
    for (size_t i = 0; i < tab->count; i++) {
        const pg_symbol *s = &tab->syms[i];
        if (s->kind != 'T' || s->value > addr)
            continue;
        if (!best || s->value > best->value
            || (s->value == best->value && strcmp(s->name, best->name) < 0))
            best = s;
    }
    if (!best || addr - best->value >= PG_SYMTAB_NEAR)
        return NULL;
    *offset = addr - best->value;
    return best->name;
}

/* Thousands of symbols through a file, looked up at random and edge addresses. */
static void test_lookup_big(void)
{
    enum { N = 5000 };
    pg_symtab tab = {calloc(N, sizeof(pg_symbol)), N};
    CU_ASSERT_PTR_NOT_NULL_FATAL(tab.syms);
    uint32_t rng = 0x12345678;
    for (size_t i = 0; i < N; i++) {
        tab.syms[i].value = next_random(&rng) & 0x003FFFFC;   /* 4 MiB: dense and sparse */
        tab.syms[i].kind = i % 5 == 0 ? 'A' : 'T';
        tab.syms[i].name = malloc(16);
        CU_ASSERT_PTR_NOT_NULL_FATAL(tab.syms[i].name);
        snprintf(tab.syms[i].name, 16, "s%zu", i);
    }
    scratch s;
    scratch_init(&s);
    CU_ASSERT_FATAL(pg_symfile_write(scratch_file(&s, "big.sym"), &tab));
    pg_symtab back;
    char err[256];
    CU_ASSERT_FATAL(pg_symfile_read(s.path, &back, err, sizeof err));
    CU_ASSERT_EQUAL_FATAL(back.count, N);
    int mismatches = 0;
    for (int i = 0; i < 20000; i++) {
        uint32_t r = next_random(&rng);
        uint32_t addr = i % 4 == 0 ? tab.syms[r % N].value + (r >> 20) % 8 : r & 0x00403FFF;
        uint32_t want_off = 0, got_off = 0;
        const char *want = linear_lookup(&tab, addr, &want_off);
        const char *got = pg_symtab_lookup(&back, addr, &got_off);
        if ((want == NULL) != (got == NULL) || (want && (strcmp(want, got) || want_off != got_off)))
            mismatches++;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    pg_symtab_free(&tab);
    pg_symtab_free(&back);
    scratch_done(&s);
}

static const pg_test path_tests[] = {
    {"extension rule", test_path_rule},
    {NULL, NULL},
};
static const pg_test file_tests[] = {
    {"write format and order", test_write_format},
    {"write then read", test_round_trip},
    {"empty table", test_empty},
    {"write refuses unreadable symbols", test_write_refuses},
    {"read: blanks, CRLF, short values", test_read_lenient},
    {"read: malformed files", test_read_malformed},
    {NULL, NULL},
};
static const pg_test lookup_tests[] = {
    {"nearest label rules", test_lookup_rules},
    {"5000 symbols against linear search", test_lookup_big},
    {NULL, NULL},
};
static const pg_suite suites[] = {
    {"path", path_tests},
    {"file", file_tests},
    {"lookup", lookup_tests},
    {NULL, NULL},
};

/* Run all suites, or the one named on the command line. */
int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
