/*
 * test_labcut.c -- the course labs' solution regions (tools/labcut): cutting
 * C, assembly and shell regions, leaving other labs' regions alone, prose
 * that only looks like a marker, and every malformed marker refused with
 * its line.
 */
#include "runner.h"
#include "labcut.h"

#include <stdio.h>
#include <string.h>

/* Cut text for lab; the output (NULL on an error, with err filled). */
static char *cut(const char *text, const char *lab, int *regions, char *err, size_t n)
{
    static lab_buf out;
    lab_buf_free(&out);
    int r = lab_cut("f.c", text, strlen(text), lab, &out, NULL, err, n);
    if (regions)
        *regions = r;
    if (r < 0)
        return NULL;
    return out.p ? out.p : (char *)"";
}

/* The C form: the stub replaces the region, with a TODO line. */
static void test_c_region(void)
{
    const char *text = "int f(void)\n"
                       "{\n"
                       "    /* LAB trap BEGIN: return the answer */\n"
                       "    return 42;\n"
                       "    /* LAB trap STUB\n"
                       "    return stub();\n"
                       "    LAB trap END */\n"
                       "}\n";
    char err[256];
    int n;
    char *out = cut(text, "trap", &n, err, sizeof err);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(out, "int f(void)\n"
                                "{\n"
                                "    /* LAB trap TODO: return the answer */\n"
                                "    return stub();\n"
                                "}\n");
    /* another lab, or none: the text as it is */
    out = cut(text, "shadow", &n, err, sizeof err);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_STRING_EQUAL(out, text);
    out = cut(text, NULL, &n, err, sizeof err);
    CU_ASSERT_EQUAL(n, 0);
}

/* Line-comment leaders: the leader and one blank come off each stub line. */
static void test_line_regions(void)
{
    const char *text = "start:  nop\n"
                       "        ; LAB tour BEGIN\n"
                       "        li    r1, 5\n"
                       "        ; LAB tour STUB\n"
                       "        ; call  todo\n"
                       "        ;\n"
                       "\n"
                       "        ; LAB tour END\n"
                       "        lpsw  halt(r0)";
    char err[256];
    int n;
    char *out = cut(text, "tour", &n, err, sizeof err);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(out, "start:  nop\n"
                                "        ; LAB tour TODO\n"
                                "        call  todo\n"
                                "\n"
                                "\n"
                                "        lpsw  halt(r0)");
    const char *sh = "# LAB kernel BEGIN: say hello\necho hello\n# LAB kernel STUB\n#exit 1\n"
                     "# LAB kernel END\n";
    out = cut(sh, "kernel", &n, err, sizeof err);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(out, "# LAB kernel TODO: say hello\nexit 1\n");
    /* an empty stub deletes the region */
    out = cut("a\n// LAB x BEGIN\nb\n// LAB x STUB\n// LAB x END\nc\n", "x", &n, err, sizeof err);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(out, "a\n// LAB x TODO\nc\n");
}

/* Regions of two labs in one file: only one is cut; counts per lab. */
static void test_two_labs(void)
{
    const char *text = "/* LAB a BEGIN */\n1\n/* LAB a STUB\n-1\nLAB a END */\n"
                       "/* LAB b BEGIN */\n2\n/* LAB b STUB\n-2\nLAB b END */\n"
                       "/* LAB a BEGIN */\n3\n/* LAB a STUB\n-3\nLAB a END */\n";
    char err[256];
    lab_scan scan = {0};
    lab_buf out = {0};
    CU_ASSERT_EQUAL(lab_cut("f.c", text, strlen(text), "a", &out, &scan, err, sizeof err), 2);
    CU_ASSERT_STRING_EQUAL(out.p, "/* LAB a TODO */\n-1\n"
                                  "/* LAB b BEGIN */\n2\n/* LAB b STUB\n-2\nLAB b END */\n"
                                  "/* LAB a TODO */\n-3\n");
    CU_ASSERT_EQUAL(scan.nlabs, 2);
    CU_ASSERT_STRING_EQUAL(scan.labs[0].name, "a");
    CU_ASSERT_EQUAL(scan.labs[0].regions, 2);
    CU_ASSERT_EQUAL(scan.labs[1].regions, 1);
    lab_buf_free(&out);
}

/* Prose and code that mention markers are not markers. */
static void test_not_markers(void)
{
    const char *text = "Write LAB trap BEGIN lines\n"        /* no comment leader */
                       "    /* LAB <lab> BEGIN */\n"         /* not a lab name */
                       "    \"/* LAB trap BEGIN */\\n\"\n"   /* inside a string */
                       "; LAB Trap BEGIN\n"                  /* upper case: not a name */
                       "# LAB trap BEGINNING\n";             /* not the keyword */
    char err[256];
    int n;
    char *out = cut(text, "trap", &n, err, sizeof err);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_STRING_EQUAL(out, text);
}

/* Every malformed marker is refused with its line and reason. */
static void test_refusals(void)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"x\n/* LAB a BEGIN */\n1\n", "f.c:2: LAB a BEGIN has no END"},
        {"/* LAB a STUB\nLAB a END */\n", "f.c:1: LAB a STUB without a BEGIN"},
        {"; LAB a END\n", "f.c:1: LAB a END without a BEGIN"},
        {"/* LAB a BEGIN */\n1\nLAB a END */\n", "f.c:3: LAB a END without its STUB"},
        {"/* LAB a BEGIN */\n/* LAB b BEGIN */\n", "f.c:2: LAB b BEGIN inside the region of LAB a"},
        {"/* LAB a BEGIN */\n/* LAB b STUB\n", "f.c:2: this marker is for lab b"},
        {"/* LAB a BEGIN\n", "f.c:1: LAB a BEGIN: close the comment"},
        {"/* LAB a BEGIN */\n/* LAB a STUB */\n", "f.c:2: LAB a STUB: the stub follows"},
        {"/* LAB a BEGIN */\n; LAB a STUB\n", "f.c:2: LAB a STUB: use the leader"},
        {"/* LAB a BEGIN */\n/* LAB a STUB\nx(); /* no */\nLAB a END */\n",
         "f.c:3: a stub line of LAB a holds */"},
        {"/* LAB a BEGIN */\n/* LAB a STUB\n/* LAB a END */\n", "f.c:3: LAB a END: write it as"},
        {"; LAB a BEGIN\n; LAB a STUB\n  li r1, 1\n; LAB a END\n",
         "f.c:3: a stub line of LAB a does not start with its leader"},
        {"; LAB a BEGIN\n; LAB a STUB\n# LAB a END\n", "f.c:3: LAB a END: use the leader"},
        {"; LAB a BEGIN\n; LAB a STUB\n; LAB a STUB\n", "f.c:3: a second LAB a STUB"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[256] = "";
        int n;
        CU_ASSERT_PTR_NULL(cut(cases[i].text, "a", &n, err, sizeof err));
        CU_ASSERT_EQUAL(n, -1);
        if (strncmp(err, cases[i].want, strlen(cases[i].want)) != 0) {
            printf("\n    case %zu: got \"%s\", want \"%s...\"\n", i, err, cases[i].want);
            CU_FAIL("the refusal's message");
        }
        /* checked whatever lab is cut, and with none */
        CU_ASSERT_EQUAL(lab_cut("f.c", cases[i].text, strlen(cases[i].text), NULL, NULL, NULL,
                                err, sizeof err), -1);
    }
}

/* Lab names: a-z 0-9 -, 1-31 of them. */
static void test_names(void)
{
    CU_ASSERT(lab_name_valid("trap"));
    CU_ASSERT(lab_name_valid("lab-6b"));
    CU_ASSERT(!lab_name_valid(""));
    CU_ASSERT(!lab_name_valid("Trap"));
    CU_ASSERT(!lab_name_valid("a/b"));
    CU_ASSERT(!lab_name_valid("abcdefghijklmnopqrstuvwxyz012345"));
}

static const pg_test cut_tests[] = {
    {"c region", test_c_region},
    {"line-comment regions", test_line_regions},
    {"two labs in a file", test_two_labs},
    {"prose is not a marker", test_not_markers},
    {"refusals", test_refusals},
    {"lab names", test_names},
    {NULL, NULL},
};

static const pg_suite suites[] = {
    {"labcut", cut_tests},
    {NULL, NULL},
};

int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
