/*
 * test_asm.c -- CUnit tests of the assembler library (tools/pgas): the
 * language (lexer, expressions, directives, instructions, pseudo-instructions,
 * .include), the error messages with their line and column, the listing and
 * the symbols.  Run all suites, or one: test_asm errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "isa.h"
#include "../../tools/pgas/pgasm.h"
#include "runner.h"

/* ---- helpers ----------------------------------------------------------- */

/* One assembly: its error count and messages, and its output. */
typedef struct run {
    int nerr;
    char *errs;             /* everything written to errs, NUL-terminated */
    pgasm_output out;
} run;

/* Assemble src as file `name`, capturing the messages. */
static run assemble_as(const char *name, const char *src, bool listing)
{
    run r;
    size_t len = 0;
    r.errs = NULL;
    FILE *errs = open_memstream(&r.errs, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(errs);
    r.nerr = pgasm_assemble_string(name, src, listing, &r.out, errs);
    fclose(errs);
    return r;
}

/* Assemble the file at path, capturing the messages. */
static run assemble_path(const char *path, bool listing)
{
    run r;
    size_t len = 0;
    r.errs = NULL;
    FILE *errs = open_memstream(&r.errs, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(errs);
    r.nerr = pgasm_assemble_file(path, listing, &r.out, errs);
    fclose(errs);
    return r;
}

/* Assemble src as "t.s", without a listing. */
static run assemble(const char *src)
{
    return assemble_as("t.s", src, false);
}

/* Free a run. */
static void run_free(run *r)
{
    pgasm_output_free(&r->out);
    free(r->errs);
}

/* Fail (showing the messages) unless the run had no error. */
static bool ok(const run *r, const char *src)
{
    if (r->nerr != 0)
        fprintf(stderr, "\nunexpected errors assembling:\n%s\n---\n%s", src, r->errs);
    CU_ASSERT_EQUAL(r->nerr, 0);
    return r->nerr == 0;
}

/* The big-endian word at addr of the image (0 past its end). */
static uint32_t word_at(const pgasm_output *o, uint32_t addr)
{
    uint32_t w = 0;
    for (uint32_t i = 0; i < 4; i++)
        w = w << 8 | (addr + i < o->size ? o->image[addr + i] : 0);
    return w;
}

/* The symbol called name: true and its value and kind, or false. */
static bool symbol(const pgasm_output *o, const char *name, uint32_t *value, char *kind)
{
    for (size_t i = 0; i < o->symbols.count; i++) {
        if (strcmp(o->symbols.syms[i].name, name) == 0) {
            *value = o->symbols.syms[i].value;
            if (kind)
                *kind = o->symbols.syms[i].kind;
            return true;
        }
    }
    return false;
}

/* Encode a machine instruction from fields (imm in words for branches). */
static uint32_t enc(pg_op op, int a, int b, int c, int32_t imm)
{
    pg_decoded d = { .op = op, .a = (uint8_t)a, .b = (uint8_t)b, .c = (uint8_t)c, .imm = imm };
    return pg_encode(&d);
}

/* Assert that src assembles with exactly `nerr` errors and that every
   non-NULL message in msgs appears in the output; show it if not. */
static void expect_errors(const char *src, int nerr, const char *const *msgs)
{
    run r = assemble(src);
    bool good = r.nerr == nerr;
    for (const char *const *m = msgs; *m; m++)
        good = good && strstr(r.errs, *m) != NULL;
    if (!good) {
        fprintf(stderr, "\nsource:\n%s\n--- expected %d error(s) with:\n", src, nerr);
        for (const char *const *m = msgs; *m; m++)
            fprintf(stderr, "  %s\n", *m);
        fprintf(stderr, "--- got %d:\n%s", r.nerr, r.errs);
    }
    CU_ASSERT(good);
    CU_ASSERT_EQUAL(r.out.image, NULL);
    CU_ASSERT_EQUAL(r.out.size, 0);
    run_free(&r);
}

/* One error, containing msg. */
static void expect_error(const char *src, const char *msg)
{
    const char *msgs[] = { msg, NULL };
    expect_errors(src, 1, msgs);
}

/* Assemble src and check the words from addr on. */
static void expect_words(const char *src, uint32_t addr, const uint32_t *words, size_t n)
{
    run r = assemble(src);
    if (ok(&r, src)) {
        CU_ASSERT_EQUAL(r.out.size, addr + 4 * n);
        for (size_t i = 0; i < n; i++) {
            uint32_t got = word_at(&r.out, addr + 4 * (uint32_t)i);
            if (got != words[i])
                fprintf(stderr, "\n%s\nword %zu: got %08x, expected %08x\n", src, i, got, words[i]);
            CU_ASSERT_EQUAL(got, words[i]);
        }
    }
    run_free(&r);
}

/* The value of `x` after assembling src (which defines it). */
static bool value_of_x(const char *src, uint32_t *v)
{
    run r = assemble(src);
    bool good = ok(&r, src) && symbol(&r.out, "x", v, NULL);
    run_free(&r);
    return good;
}

/* ---- lexer: numbers, characters, strings -------------------------------- */

/* Decimal, hex, binary and character constants with every escape. */
static void test_numbers(void)
{
    static const struct {
        const char *text;
        uint32_t value;
    } cases[] = {
        { "0", 0 }, { "42", 42 }, { "007", 7 }, { "0x1F", 31 }, { "0XfF", 255 },
        { "0b1010", 10 }, { "0B11", 3 }, { "4294967295", 0xFFFFFFFFu },
        { "'a'", 'a' }, { "'\\n'", '\n' }, { "'\\t'", '\t' }, { "'\\0'", 0 },
        { "'\\\\'", '\\' }, { "'\\''", '\'' }, { "'\\\"'", '"' }, { "'\"'", '"' },
        { "';'", ';' }, { "' '", ' ' },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char src[64];
        uint32_t v = 0;
        snprintf(src, sizeof src, "x = %s ; comment", cases[i].text);
        CU_ASSERT(value_of_x(src, &v));
        if (v != cases[i].value)
            fprintf(stderr, "\n%s: got %u\n", src, v);
        CU_ASSERT_EQUAL(v, cases[i].value);
    }
}

/* .ascii and .asciz with every escape, ";" inside a string, several strings. */
static void test_strings(void)
{
    run r = assemble(".ascii \"a\\n\\t\\0\\\\\\\"\\'b;c\"\n.asciz \"\", \"xy\"\n");
    static const uint8_t want[] = { 'a', '\n', '\t', 0, '\\', '"', '\'', 'b', ';', 'c', 0, 'x', 'y', 0 };
    if (ok(&r, "strings")) {
        CU_ASSERT_EQUAL(r.out.size, sizeof want);
        CU_ASSERT(memcmp(r.out.image, want, sizeof want) == 0);
    }
    run_free(&r);
}

/* Bad escapes, unterminated quotes, bad numbers, stray characters: where and what. */
static void test_lex_errors(void)
{
    expect_error(".ascii \"a\\qb\"", "t.s:1:10: error: unknown escape sequence '\\q'");
    expect_error(".byte '\\x41'", "t.s:1:8: error: unknown escape sequence '\\x'");
    expect_error(".ascii \"abc", "t.s:1:8: error: missing closing '\"'");
    expect_error("x = 'ab'", "t.s:1:5: error: a character constant holds exactly one character");
    expect_error("x = ''", "t.s:1:5: error: a character constant holds exactly one character");
    expect_error("x = 'a", "t.s:1:5: error: missing closing '");
    expect_error("x = 12ab", "t.s:1:5: error: invalid number '12ab'");
    expect_error("x = 0x", "t.s:1:5: error: invalid number '0x'");
    expect_error("x = 0b102", "t.s:1:5: error: invalid number '0b102'");
    expect_error("x = 99999999999999999999", "t.s:1:5: error: number '99999999999999999999' is too large");
    expect_error("  add r1, r2, @r3", "t.s:1:15: error: unexpected character '@'");
    expect_error("x = 1 < 2", "t.s:1:7: error: unexpected character '<'");
}

/* ---- expressions ------------------------------------------------------- */

/* Values, C precedence and associativity, truncating division, 64-bit evaluation. */
static void test_expressions(void)
{
    static const struct {
        const char *expr;
        int64_t value;      /* compared in its low 32 bits */
    } cases[] = {
        { "1 + 2 * 3", 7 }, { "(1 + 2) * 3", 9 }, { "10 - 3 - 2", 5 }, { "100 / 10 / 5", 2 },
        { "1 << 2 + 1", 8 }, { "6 & 3 | 8", 10 }, { "1 | 2 ^ 3", 1 }, { "12 ^ 10 & 6", 14 },
        { "-7 / 2", -3 }, { "-7 % 2", -1 }, { "7 % -2", 1 }, { "7 / -2", -3 },
        { "~0", -1 }, { "-(-5)", 5 }, { "+5", 5 }, { "- - 5", 5 }, { "~~7", 7 },
        { "2 * -3", -6 }, { "'a' + 1", 'b' }, { "0x10 >> 2", 4 }, { "-16 >> 2", -4 },
        { "(1 << 40) >> 38", 4 }, { "0x100000000 / 2", 0x80000000 },
        { "0x7fffffffffffffff * 2", -2 }, { "3 * 4 % 5", 2 }, { "1 + 2 << 3", 24 },
        { "8 >> 1 >> 1", 2 }, { "1 << 63 >> 63", -1 }, { "((((((1))))))", 1 },
        { "S | W | T | I | E", 0x1F }, { "y * 2", 6 }, { "later - 0x10", 0x10 },
        { "(-9223372036854775807 - 1) / -1", 0 }, { "(-9223372036854775807 - 1) % -1", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char src[160];
        uint32_t v = 0;
        snprintf(src, sizeof src, "y = 3\nx = %s\n.org 0x20\nlater:\n", cases[i].expr);
        CU_ASSERT(value_of_x(src, &v));
        if (v != (uint32_t)cases[i].value)
            fprintf(stderr, "\n%s = %08x, expected %08x\n", cases[i].expr, v, (uint32_t)cases[i].value);
        CU_ASSERT_EQUAL(v, (uint32_t)cases[i].value);
    }
}

/* "." is the statement's address; equates may use symbols defined later. */
static void test_dot_and_forward(void)
{
    /* '.' is the address of the statement; equates may use later labels */
    run r = assemble(".org 0x40\nx = . + 4\nlen = end - start\nstart: .word ., .\n.word len\nend:\n");
    uint32_t v;
    if (ok(&r, "dot")) {
        CU_ASSERT(symbol(&r.out, "x", &v, NULL) && v == 0x44);
        CU_ASSERT(symbol(&r.out, "len", &v, NULL) && v == 12);
        CU_ASSERT_EQUAL(word_at(&r.out, 0x40), 0x40);
        CU_ASSERT_EQUAL(word_at(&r.out, 0x44), 0x40);
        CU_ASSERT_EQUAL(word_at(&r.out, 0x48), 12);
    }
    run_free(&r);
    /* a chain of equates defined in reverse order */
    r = assemble("a = b + 1\nb = c + 1\nc = d + 1\nd = lab\n.org 8\nlab:\n.word a\n");
    if (ok(&r, "chain")) {
        CU_ASSERT(symbol(&r.out, "a", &v, NULL) && v == 11);
        CU_ASSERT_EQUAL(word_at(&r.out, 8), 11);
    }
    run_free(&r);
}

/* Division by zero, shift counts, syntax, registers and strings as values, cycles. */
static void test_expr_errors(void)
{
    expect_error("x = 1 / 0", "t.s:1:7: error: division by zero");
    expect_error("x = 1 % (2 - 2)", "t.s:1:7: error: division by zero");
    expect_error(".word 1 / z\nz = 0", "t.s:1:9: error: division by zero");
    expect_error("x = 1 << 64", "t.s:1:7: error: shift count 64 is out of range 0..63");
    expect_error("x = 1 >> -1", "t.s:1:7: error: shift count -1 is out of range 0..63");
    expect_error("x = (1 + 2", "t.s:1:11: error: expected ')' but found end of line");
    expect_error("x = 1 + ", "t.s:1:9: error: expected a value but found end of line");
    expect_error("x = 1 2", "t.s:1:7: error: unexpected '2' after the expression");
    expect_error(".word 1 +, 2", "t.s:1:10: error: expected a value but found ','");
    expect_error("lw r1, 4 + (r2)", "t.s:1:12: error: expected a value but found '('");
    expect_error("addi r1, r2, (1 + 2, 3", "t.s:1:20: error: expected ')' but found ','");
    expect_error("x = r3 + 1", "t.s:1:5: error: register 'r3' where a value is expected");
    expect_error("x = \"s\"", "t.s:1:5: error: a string cannot be a value");
    expect_error(".word nowhere", "t.s:1:7: error: undefined symbol 'nowhere'");
    expect_error("x = x + 1", "t.s:1:5: error: circular definition: 'x' depends on itself");
    expect_error("a = b\nb = a", "t.s:2:5: error: circular definition: 'a' depends on itself");
    expect_error("a = b + 1\nb = c\n", "t.s:2:5: error: undefined symbol 'c'");
}

/* ---- directives -------------------------------------------------------- */

/* .org (backward too), .align to any N (labels after the padding), .space. */
static void test_org_align_space(void)
{
    run r = assemble(".org 8\n.byte 1\n.align 4\na: .byte 2\n.align 1\n.space 4\nb: .align 8\n"
                     ".org 2\n.half 0x0304\n.org 0x20\n.byte 5\n.align 5\nc:\n");
    uint32_t v;
    uint8_t want[35] = { 0 };
    want[2] = 3, want[3] = 4, want[8] = 1, want[12] = 2, want[32] = 5;
    if (ok(&r, "org")) {
        CU_ASSERT_EQUAL(r.out.size, sizeof want);
        CU_ASSERT(r.out.size == sizeof want && memcmp(r.out.image, want, sizeof want) == 0);
        CU_ASSERT(symbol(&r.out, "a", &v, NULL) && v == 12);
        CU_ASSERT(symbol(&r.out, "b", &v, NULL) && v == 0x18);     /* after the padding */
        CU_ASSERT(symbol(&r.out, "c", &v, NULL) && v == 35);       /* .align 5: a multiple of 5 */
    }
    run_free(&r);
    /* an empty program is an empty image */
    r = assemble("; nothing\n");
    if (ok(&r, "empty")) {
        CU_ASSERT_EQUAL(r.out.size, 0);
        CU_ASSERT_PTR_NOT_NULL(r.out.image);
    }
    run_free(&r);
}

/* .word .half .byte at both ends of their ranges and beyond; list syntax. */
static void test_data(void)
{
    static const uint32_t w[] = { 0x80000000u, 0xFFFFFFFFu, 0xFFFFFFFFu, 0x0000001Cu,
                                  0x8000FFFFu, 0x7FFFFFFFu, 0x80FF7F01u, 0x0000000Cu };
    expect_words(".word -2147483648, 4294967295, -1, end\n"
                 ".half -32768, 65535, 0x7fff, -1\n"
                 ".byte -128, 255, 127, 1\n"
                 "end: .word . - 16\n", 0, w, 8);
    expect_error(".word 4294967296", "t.s:1:7: error: '.word' value 4294967296 (0x100000000) is out of range -2147483648..4294967295");
    expect_error(".word -2147483649", "t.s:1:7: error: '.word' value -2147483649 is out of range");
    expect_error(".half 65536", "'.half' value 65536 (0x10000) is out of range -32768..65535");
    expect_error(".half -32769", "'.half' value -32769 is out of range -32768..65535");
    expect_error(".byte 256", "t.s:1:7: error: '.byte' value 256 (0x100) is out of range -128..255");
    expect_error(".byte 1, -129", "t.s:1:10: error: '.byte' value -129 is out of range -128..255");
    expect_error(".byte 1,", "t.s:1:9: error: expected an operand before end of line");
    expect_error(".byte 1,,2", "t.s:1:9: error: expected an operand before ','");
    expect_error(".word", "t.s:1:6: error: expected an operand before end of line");
    expect_error(".ascii 5", "t.s:1:8: error: expected a string in double quotes");
}

/* .equ and =, .psw with the predefined flags, and redefining a flag name. */
static void test_equ_psw(void)
{
    run r = assemble(".equ COUNT, 10\nMASK = COUNT * 2\n.org 0x10\n.psw W, 0x00\n"
                     ".psw S | I | E, start\nstart: .psw 0, -1\n");
    uint32_t v;
    char kind;
    if (ok(&r, "equ")) {
        CU_ASSERT(symbol(&r.out, "COUNT", &v, &kind) && v == 10 && kind == 'A');
        CU_ASSERT(symbol(&r.out, "MASK", &v, &kind) && v == 20 && kind == 'A');
        CU_ASSERT(symbol(&r.out, "start", &v, &kind) && v == 0x20 && kind == 'T');
        CU_ASSERT_EQUAL(word_at(&r.out, 0x10), 2);
        CU_ASSERT_EQUAL(word_at(&r.out, 0x14), 0);
        CU_ASSERT_EQUAL(word_at(&r.out, 0x18), 0x19);
        CU_ASSERT_EQUAL(word_at(&r.out, 0x1C), 0x20);
        CU_ASSERT_EQUAL(word_at(&r.out, 0x24), 0xFFFFFFFFu);
        CU_ASSERT(!symbol(&r.out, "W", &v, NULL));     /* predefined: not exported */
    }
    run_free(&r);
    /* a program may define S W T I E for itself, silently */
    r = assemble("S = 0x10\n.psw S, 0\nW:\n");
    if (ok(&r, "override")) {
        CU_ASSERT_EQUAL(word_at(&r.out, 0), 0x10);
        CU_ASSERT(symbol(&r.out, "S", &v, &kind) && v == 0x10 && kind == 'A');
        CU_ASSERT(symbol(&r.out, "W", &v, &kind) && v == 8 && kind == 'T');
    }
    run_free(&r);
    expect_error(".psw 0x20, 0", "t.s:1:6: error: PSW flags 0x20 have bits outside S|W|T|I|E (0x1f)");
    expect_error(".psw W", "t.s:1:6: error: '.psw' takes 2 operands (FLAGS, ADDRESS), not 1");
    expect_error(".psw W, 0x100000000", "t.s:1:9: error: PSW address 4294967296");
    expect_error(".equ 5, 3", "t.s:1:6: error: '.equ' takes a name and a value");
    expect_error(".equ", "t.s:1:5: error: '.equ' takes a name and a value");
    expect_error("x = ", "t.s:1:5: error: expected a value but found end of line");
}

/* Case-insensitive mnemonics, registers and directives; several labels a line. */
static void test_case_and_labels(void)
{
    static const uint32_t w[] = { 0x01123000u, 0x01ED0000u, 0x11D00008u, 0x01123000u };
    expect_words("A: b: ADD R1, r2, R3\n  Add lr, SP, r0\nc:\nd: e: ADDI r13, R0, d - A\n"
                 ".WORD 0x01123000\n", 0, w, 4);
    /* symbols are case-sensitive */
    run r = assemble("x = 1\nX = 2\n");
    uint32_t v;
    if (ok(&r, "case")) {
        CU_ASSERT(symbol(&r.out, "x", &v, NULL) && v == 1);
        CU_ASSERT(symbol(&r.out, "X", &v, NULL) && v == 2);
    }
    run_free(&r);
}

/* ---- instructions ------------------------------------------------------ */

/* Operand text for one operand of a format, and the field value it gives. */
static int32_t sample_operand(pg_opd_kind k, int index, char *buf, size_t size)
{
    switch (k) {
    case PG_OPD_REG: snprintf(buf, size, "r%d", 5 + index); return 5 + index;
    case PG_OPD_CREG: snprintf(buf, size, "cr%d", 9 + index); return 9 + index;
    case PG_OPD_SIMM16: snprintf(buf, size, "-1234"); return -1234;
    case PG_OPD_UIMM16: snprintf(buf, size, "0xbeef"); return 0xbeef;
    case PG_OPD_IMM16: snprintf(buf, size, "0x8001"); return 0x8001;
    case PG_OPD_SHAMT: snprintf(buf, size, "17"); return 17;
    case PG_OPD_MEM: snprintf(buf, size, "-8(r12)"); return -8;
    case PG_OPD_BR16: snprintf(buf, size, "back"); return -16;     /* back = 0x1000 - 64 */
    case PG_OPD_BR20: snprintf(buf, size, "fwd"); return 256;      /* fwd = 0x1000 + 1024 */
    default: buf[0] = '\0'; return 0;
    }
}

/* Every row of the table: one instruction with operands from its format;
   pg_decode must give the same op and fields back. */
static void test_every_instruction(void)
{
    for (int op = 0; op < PG_OP_COUNT; op++) {
        const pg_format_info *f = &pg_formats[pg_insns[op].format];
        char src[256], text[128], opnd[32];
        int32_t field[3] = { 0, 0, 0 };     /* what each operand should decode to */
        snprintf(text, sizeof text, "%s", pg_insns[op].mnemonic);
        for (int i = 0; i < 3 && f->kind[i] != PG_OPD_NONE; i++) {
            field[i] = sample_operand(f->kind[i], i, opnd, sizeof opnd);
            size_t n = strlen(text);
            snprintf(text + n, sizeof text - n, "%s%s", i ? ", " : " ", opnd);
        }
        snprintf(src, sizeof src, "back = 0x1000 - 64\nfwd = 0x1000 + 1024\n.org 0x1000\n%s\n", text);
        run r = assemble(src);
        if (!ok(&r, src)) {
            run_free(&r);
            continue;
        }
        pg_decoded d;
        CU_ASSERT_FATAL(pg_decode(word_at(&r.out, 0x1000), &d));
        CU_ASSERT_EQUAL(d.op, op);
        for (int i = 0; i < 3 && f->kind[i] != PG_OPD_NONE; i++) {
            int32_t got = f->kind[i] == PG_OPD_MEM ? d.imm
                        : f->field[i] == PG_FLD_A ? d.a : f->field[i] == PG_FLD_B ? d.b
                        : f->field[i] == PG_FLD_C ? d.c : d.imm;
            if (got != field[i])
                fprintf(stderr, "\n%s: operand %d decodes to %d, expected %d\n", text, i, got, field[i]);
            CU_ASSERT_EQUAL(got, field[i]);
            if (f->kind[i] == PG_OPD_MEM)
                CU_ASSERT_EQUAL(d.b, 12);
        }
        run_free(&r);
    }
}

/* Disassembler output must assemble back to the same word, at the same
   address, including branch targets that wrap around address 0. */
static void test_disassembly_roundtrip(void)
{
    static const int32_t imms[] = { 0, 1, -1, 31, 4, -32768, 32767, 65535, 0x8000,
                                    -(1 << 19), (1 << 19) - 1 };
    static const uint32_t addrs[] = { 0, 0x1000 };
    for (int op = 0; op < PG_OP_COUNT; op++) {
        for (size_t ai = 0; ai < 2; ai++) {
            for (size_t ii = 0; ii < sizeof imms / sizeof imms[0]; ii++) {
                pg_decoded d = { .op = (pg_op)op, .a = 3, .b = 14, .c = 15, .imm = imms[ii] };
                uint32_t word = pg_encode(&d);
                pg_decoded back;
                if (!pg_decode(word, &back) || back.imm != imms[ii])
                    continue;       /* this immediate does not fit this format */
                char text[96], src[160];
                pg_disassemble(word, addrs[ai], text, sizeof text, NULL, NULL);
                snprintf(src, sizeof src, ".org 0x%x\n%s\n", addrs[ai], text);
                run r = assemble(src);
                if (ok(&r, src)) {
                    uint32_t got = word_at(&r.out, addrs[ai]);
                    if (got != word)
                        fprintf(stderr, "\n%s: %08x, expected %08x\n", text, got, word);
                    CU_ASSERT_EQUAL(got, word);
                }
                run_free(&r);
            }
        }
    }
}

/* Memory operands (with and without an offset), CRs as names or numbers, branches. */
static void test_operand_forms(void)
{
    static const uint32_t want[] = {
        0x20560000u,            /* lw r5, (r6) */
        0x28560014u,            /* sw r5, resume + 4(r6) */
        0x20D0FFFCu,            /* lw r13, -4(r0) */
        0x20500008u,            /* lw r5, (4 + 4)(r0) */
        0x83300000u,            /* lctl cr3, r0 */
        0x83F10000u,            /* lctl 15, r1 */
        0x84270000u,            /* stctl r2, cr7 */
        0x84250000u,            /* stctl r2, CRNUM */
        0x3000FFFFu,            /* at 0x20: beq r0, r0, . - 4 */
        0x30000000u,            /* at 0x24: beq r0, r0, 0x24 */
        0x38E00000u,            /* jal lr, . */
        0x8C000000u,            /* ptlb */
        0x3F00FFFFu,            /* svc 0xffff */
        0x1A70FFFFu,            /* lui r7, -1 */
    };
    expect_words("resume = 0x10\nCRNUM = 5\n"
                 "lw r5, (r6)\nsw r5, resume + 4(r6)\nlw r13, -4(r0)\nlw r5, (4 + 4)(r0)\n"
                 "lctl cr3, r0\nlctl 15, r1\nstctl r2, cr7\nstctl r2, CRNUM\n"
                 "beq r0, r0, . - 4\nbeq r0, r0, 0x24\njal lr, .\nptlb\nsvc 0xffff\nlui r7, -1\n",
                 0, want, sizeof want / sizeof want[0]);
}

/* Every operand error of machine instructions, with its column. */
static void test_insn_errors(void)
{
    expect_error("addi r1, r2, 40000", "t.s:1:14: error: immediate 40000 (0x9c40) is out of range -32768..32767");
    expect_error("addi r1, r2, -32769", "t.s:1:14: error: immediate -32769 is out of range -32768..32767");
    expect_error("ori r1, r2, -1", "t.s:1:13: error: immediate -1 is out of range 0..65535");
    expect_error("ori r1, r2, 65536", "immediate 65536 (0x10000) is out of range 0..65535");
    expect_error("lui r1, 65536", "immediate 65536 (0x10000) is out of range -32768..65535");
    expect_error("slli r1, r2, 32", "t.s:1:14: error: shift amount 32 (0x20) is out of range 0..31");
    expect_error("svc -1", "t.s:1:5: error: immediate -1 is out of range 0..65535");
    expect_error("lw r1, 32768(r2)", "t.s:1:8: error: offset 32768 (0x8000) is out of range -32768..32767");
    expect_error("lctl cr16, r1", "t.s:1:6: error: undefined symbol 'cr16'");
    expect_error("lctl 16, r1", "t.s:1:6: error: control register number 16 (0x10) is out of range 0..15");
    expect_error("beq r1, r2, 0x20002", "t.s:1:13: error: branch target 0x00020002 is not word-aligned");
    expect_error("beq r1, r2, 0x20004", "t.s:1:13: error: branch target 0x00020004 is 32769 words away, out of range -32768..32767");
    expect_error(".org 0x20004\nbeq r1, r2, 0", "t.s:2:13: error: branch target 0x00000000 is -32769 words away");
    expect_error("jal r0, 0x200000", "branch target 0x00200000 is 524288 words away, out of range -524288..524287");
    expect_error("beq r1, r2, 0x100000000", "t.s:1:13: error: branch target 4294967296 (0x100000000) is out of range");
    expect_error("add r1, r2", "t.s:1:5: error: 'add' takes 3 operands (rd, rs1, rs2), not 2");
    expect_error("add r1, r2, r3, r4", "t.s:1:5: error: 'add' takes 3 operands (rd, rs1, rs2), not 4");
    expect_error("add", "t.s:1:4: error: 'add' needs operands: rd, rs1, rs2");
    expect_error("ptlb r1", "t.s:1:6: error: 'ptlb' takes no operands");
    expect_error("add r1, r2, 5", "t.s:1:13: error: expected a register (r0-r15, sp, lr) but found '5'");
    expect_error("add r1, r16, r2", "t.s:1:9: error: expected a register (r0-r15, sp, lr) but found 'r16'");
    expect_error("lw r1, 4", "t.s:1:8: error: expected a memory operand offset(register)");
    expect_error("lw r1, 4(x)", "t.s:1:8: error: expected a memory operand offset(register)");
    expect_error("frob r1", "t.s:1:1: error: unknown instruction 'frob'");
    expect_error("  .frob 1", "t.s:1:3: error: unknown directive '.frob'");
    expect_error("5: nop", "t.s:1:1: error: expected a label, an instruction or a directive but found '5'");
    expect_error(".byte 1\n  add r1, r2, r3", "t.s:2:3: error: instruction at 0x00000001 is not word-aligned");
    expect_error(".org 2\n  li r1, 0x12345", "t.s:2:3: error: instruction at 0x00000002 is not word-aligned");
}

/* ---- pseudo-instructions ----------------------------------------------- */

/* Each pseudo-instruction's expansion, word by word. */
static void test_pseudos(void)
{
    typedef struct {
        pg_op op;
        int a, b, c;
        int32_t imm;
    } w;
    static const struct {
        const char *src;        /* assembled at 0x100; 'there' = 0x140 */
        int n;
        w words[2];
    } cases[] = {
        { "li r1, 5", 1, { { PG_OP_addi, 1, 0, 0, 5 } } },
        { "li r1, -1", 1, { { PG_OP_addi, 1, 0, 0, -1 } } },
        { "li r1, -32768", 1, { { PG_OP_addi, 1, 0, 0, -32768 } } },
        { "li r1, 32767", 1, { { PG_OP_addi, 1, 0, 0, 32767 } } },
        { "li r1, 32768", 2, { { PG_OP_lui, 1, 0, 0, 0 }, { PG_OP_ori, 1, 1, 0, 0x8000 } } },
        { "li r1, -32769", 2, { { PG_OP_lui, 1, 0, 0, 0xFFFF }, { PG_OP_ori, 1, 1, 0, 0x7FFF } } },
        { "li r2, 0x12345678", 2, { { PG_OP_lui, 2, 0, 0, 0x1234 }, { PG_OP_ori, 2, 2, 0, 0x5678 } } },
        { "li r2, 0xffffffff", 2, { { PG_OP_lui, 2, 0, 0, 0xFFFF }, { PG_OP_ori, 2, 2, 0, 0xFFFF } } },
        { "li r3, -2147483648", 2, { { PG_OP_lui, 3, 0, 0, 0x8000 }, { PG_OP_ori, 3, 3, 0, 0 } } },
        { "li r3, early", 1, { { PG_OP_addi, 3, 0, 0, 7 } } },           /* known in pass 1 */
        { "li r3, here", 1, { { PG_OP_addi, 3, 0, 0, 0x100 } } },        /* a label already defined */
        { "li r3, there", 2, { { PG_OP_lui, 3, 0, 0, 0 }, { PG_OP_ori, 3, 3, 0, 0x140 } } }, /* forward: 2 */
        { "li r3, late", 2, { { PG_OP_lui, 3, 0, 0, 0 }, { PG_OP_ori, 3, 3, 0, 9 } } },     /* forward equate */
        { "la r4, 5", 2, { { PG_OP_lui, 4, 0, 0, 0 }, { PG_OP_ori, 4, 4, 0, 5 } } },
        { "la r4, here", 2, { { PG_OP_lui, 4, 0, 0, 0 }, { PG_OP_ori, 4, 4, 0, 0x100 } } },
        { "mov r5, r6", 1, { { PG_OP_add, 5, 6, 0, 0 } } },
        { "nop", 1, { { PG_OP_add, 0, 0, 0, 0 } } },
        { "j there", 1, { { PG_OP_jal, 0, 0, 0, 16 } } },
        { "call there", 1, { { PG_OP_jal, 14, 0, 0, 16 } } },
        { "ret", 1, { { PG_OP_jalr, 0, 14, 0, 0 } } },
        { "jr r7", 1, { { PG_OP_jalr, 0, 7, 0, 0 } } },
        { "neg r1, r2", 1, { { PG_OP_sub, 1, 0, 2, 0 } } },
        { "not r1, r2", 2, { { PG_OP_sub, 1, 0, 2, 0 }, { PG_OP_addi, 1, 1, 0, -1 } } },
        { "beqz r3, there", 1, { { PG_OP_beq, 3, 0, 0, 16 } } },
        { "bnez r3, here", 1, { { PG_OP_bne, 3, 0, 0, 0 } } },
        { "bgt r1, r2, there", 1, { { PG_OP_blt, 2, 1, 0, 16 } } },
        { "ble r1, r2, there", 1, { { PG_OP_bge, 2, 1, 0, 16 } } },
        { "bgtu r1, r2, there", 1, { { PG_OP_bltu, 2, 1, 0, 16 } } },
        { "bleu r1, r2, there", 1, { { PG_OP_bgeu, 2, 1, 0, 16 } } },
        { "NOP", 1, { { PG_OP_add, 0, 0, 0, 0 } } },
        { "Mov sp, lr", 1, { { PG_OP_add, 13, 14, 0, 0 } } },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char src[160];
        snprintf(src, sizeof src, "early = 7\n.org 0x100\nhere: %s\n.org 0x140\nthere:\nlate = 9\n",
                 cases[i].src);
        uint32_t want[2];
        for (int k = 0; k < cases[i].n; k++) {
            const w *x = &cases[i].words[k];
            want[k] = enc(x->op, x->a, x->b, x->c, x->imm);
        }
        run r = assemble(src);
        if (ok(&r, src)) {
            for (int k = 0; k < 2; k++) {
                uint32_t got = word_at(&r.out, 0x100 + 4u * (uint32_t)k);
                uint32_t exp = k < cases[i].n ? want[k] : 0;
                if (got != exp)
                    fprintf(stderr, "\n%s: word %d is %08x, expected %08x\n", cases[i].src, k, got, exp);
                CU_ASSERT_EQUAL(got, exp);
            }
            uint32_t v;     /* the size shows in the next label's address */
            CU_ASSERT(symbol(&r.out, "there", &v, NULL) && v == 0x140);
        }
        run_free(&r);
    }
}

/* li's size is fixed in pass 1 (a forward reference takes two words); li/la ranges. */
static void test_li_sizes(void)
{
    /* the size chosen in pass 1 decides the addresses of what follows */
    run r = assemble("li r1, 1\na: li r1, fwd\nb: li r1, 0x10000\nc:\nfwd = 2\n");
    uint32_t v;
    if (ok(&r, "li sizes")) {
        CU_ASSERT(symbol(&r.out, "a", &v, NULL) && v == 4);
        CU_ASSERT(symbol(&r.out, "b", &v, NULL) && v == 12);
        CU_ASSERT(symbol(&r.out, "c", &v, NULL) && v == 20);
        CU_ASSERT_EQUAL(r.out.size, 20);
        CU_ASSERT_EQUAL(word_at(&r.out, 4), enc(PG_OP_lui, 1, 0, 0, 0));
        CU_ASSERT_EQUAL(word_at(&r.out, 8), enc(PG_OP_ori, 1, 1, 0, 2));
    }
    run_free(&r);
    expect_error("li r1, 0x100000000", "t.s:1:8: error: value 4294967296 (0x100000000) is out of range -2147483648..4294967295");
    expect_error("la r1, -2147483649", "t.s:1:8: error: value -2147483649 is out of range");
    expect_error("li 5, 5", "t.s:1:4: error: expected a register");
    expect_error("li r1", "t.s:1:4: error: 'li' takes 2 operands (rd, value), not 1");
    expect_error("ret r1", "t.s:1:5: error: 'ret' takes no operands");
    expect_error("j nowhere", "t.s:1:3: error: undefined symbol 'nowhere'");
    expect_error("beqz r1, 2", "t.s:1:10: error: branch target 0x00000002 is not word-aligned");
}

/* ---- errors: positions, several at once, the limit ---------------------- */

/* The whole message: position, text, source line and a caret that follows tabs. */
static void test_error_format(void)
{
    run r = assemble("nop\n\tadd r1, r2\n");
    CU_ASSERT_EQUAL(r.nerr, 1);
    CU_ASSERT_STRING_EQUAL(r.errs, "t.s:2:6: error: 'add' takes 3 operands (rd, rs1, rs2), not 2\n"
                                   "\tadd r1, r2\n"
                                   "\t    ^\n");
    run_free(&r);
}

/* One run reports errors of many kinds, each once. */
static void test_several_errors(void)
{
    const char *msgs[] = {
        "t.s:2:1: error: unknown instruction 'bogus'",
        "t.s:3:14: error: immediate 99999 (0x1869f) is out of range -32768..32767",
        "t.s:4:3: error: undefined symbol 'missing'",
        "t.s:6:1: error: redefinition of 'dup' (first defined at t.s:5)",
        "t.s:7:8: error: unknown escape sequence '\\z'",
        "t.s:9:1: error: overlaps 0x00000000, already emitted by t.s:1",
        NULL,
    };
    expect_errors("nop\nbogus r1\naddi r1, r2, 99999\nj missing\ndup: nop\ndup: nop\n"
                  ".byte '\\z'\n.org 0\n.word 5\nnop\n", 6, msgs);
}

/* The assembly stops after 50 errors and says so. */
static void test_error_limit(void)
{
    char src[2000] = "";
    for (int i = 0; i < 60; i++)
        strcat(src, "bogus\n");
    const char *msgs[] = { "t.s:50:1: error: unknown instruction 'bogus'",
                           "t.s: note: stopping after 50 errors", NULL };
    expect_errors(src, 50, msgs);
    run r = assemble(src);
    CU_ASSERT_PTR_NULL(strstr(r.errs, "t.s:51:"));
    run_free(&r);
}

/* Redefinitions name the first definition; register names are not symbols. */
static void test_symbol_errors(void)
{
    expect_error("a:\nb: a: nop", "t.s:2:4: error: redefinition of 'a' (first defined at t.s:1)");
    expect_error("x = 1\nx = 2", "t.s:2:1: error: redefinition of 'x' (first defined at t.s:1)");
    expect_error("x:\n.equ x, 2", "t.s:2:6: error: redefinition of 'x' (first defined at t.s:1)");
    expect_error("r5: nop", "t.s:1:1: error: 'r5' is a register name and cannot be defined as a symbol");
    expect_error("SP = 3", "t.s:1:1: error: 'SP' is a register name");
    expect_error("cr2:", "t.s:1:1: error: 'cr2' is a register name");
}

/* Overlaps, forward references where pass 1 needs a value, the 64 MiB limit. */
static void test_layout_errors(void)
{
    expect_error(".org 0x100\n.word 1\n.org 0x102\n.half 7", "t.s:4:1: error: overlaps 0x00000102, already emitted by t.s:2");
    expect_error(".space 4\n.org 2\n.align 8\n", "t.s:3:1: error: overlaps 0x00000002, already emitted by t.s:1");
    expect_error(".org later\nlater:", "t.s:1:6: error: '.org' address needs a value known here, but 'later' is not defined on an earlier line");
    expect_error(".space n\nn = 4", "t.s:1:8: error: '.space' size needs a value known here");
    expect_error(".align 0", "t.s:1:8: error: '.align' boundary 0 is out of range 1..67108864");
    expect_error(".org -4", "t.s:1:6: error: '.org' address -4 is out of range 0..4294967295");
    expect_error(".space 0x4000001", "'.space' size 67108865 (0x4000001) is out of range 0..67108864");
    expect_error(".org 0x4000000\n.byte 1", "t.s:2:1: error: the image would be larger than 64 MiB (this ends at 0x4000001)");
    expect_error(".org 1, 2", "t.s:1:6: error: '.org' takes 1 operand (address), not 2");
    /* up to the limit is fine; .org alone past it emits nothing */
    run r = assemble(".org 0x3fffffc\n.word 0x11223344\n.org 0xfffffff0\nend:\n");
    uint32_t v;
    if (ok(&r, "64 MiB")) {
        CU_ASSERT_EQUAL(r.out.size, PGASM_MAX_IMAGE);
        CU_ASSERT_EQUAL(word_at(&r.out, 0x3fffffc), 0x11223344);
        CU_ASSERT(symbol(&r.out, "end", &v, NULL) && v == 0xfffffff0u);
    }
    run_free(&r);
}

/* ---- .include ---------------------------------------------------------- */

/* A scratch directory and the files written in it, removed afterwards. */
typedef struct scratch {
    char dir[64];
    char *paths[40];
    int n;
} scratch;

/* Make the directory (CUnit fails the test if it cannot). */
static bool scratch_init(scratch *s)
{
    memset(s, 0, sizeof *s);
    strcpy(s->dir, "/tmp/pgas-test-XXXXXX");
    bool good = mkdtemp(s->dir) != NULL;
    CU_ASSERT(good);
    return good;
}

/* Write text to dir/rel (its directory is made if missing; "a/b/x.s" needs
   "a" to exist).  Returns the full path (owned by s). */
static const char *scratch_file(scratch *s, const char *rel, const char *text)
{
    size_t size = strlen(s->dir) + strlen(rel) + 2;
    char *p = malloc(size);
    if (!p || s->n == (int)(sizeof s->paths / sizeof s->paths[0])) {
        CU_FAIL("scratch_file: out of memory or too many files");
        free(p);
        return "";
    }
    snprintf(p, size, "%s/%s", s->dir, rel);
    char *slash = strrchr(p, '/');
    if (slash > p + strlen(s->dir)) {
        *slash = '\0';
        mkdir(p, 0700);     /* may exist already */
        *slash = '/';
    }
    FILE *f = fopen(p, "w");
    CU_ASSERT_PTR_NOT_NULL(f);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    s->paths[s->n++] = p;
    return p;
}

/* Remove the files, their subdirectories and the directory. */
static void scratch_free(scratch *s)
{
    for (int i = s->n - 1; i >= 0; i--) {
        unlink(s->paths[i]);
        char *slash = strrchr(s->paths[i], '/');
        *slash = '\0';
        if (strcmp(s->paths[i], s->dir) != 0)
            rmdir(s->paths[i]);
        free(s->paths[i]);
    }
    rmdir(s->dir);
}

/* .include paths relative to the including file, nested, from a file or a string. */
static void test_include(void)
{
    scratch s;
    if (!scratch_init(&s))
        return;
    scratch_file(&s, "sub/defs.s", "COUNT = 3\n.include \"more/deep.s\"\n");
    scratch_file(&s, "sub/more/deep.s", "deep: .word COUNT\n");
    const char *main_s = scratch_file(&s, "main.s", ".include \"sub/defs.s\"\nafter: .word deep, COUNT\n");
    run r = assemble_path(main_s, true);
    uint32_t v;
    if (ok(&r, main_s)) {
        CU_ASSERT_EQUAL(word_at(&r.out, 0), 3);
        CU_ASSERT_EQUAL(word_at(&r.out, 4), 0);
        CU_ASSERT_EQUAL(word_at(&r.out, 8), 3);
        CU_ASSERT(symbol(&r.out, "after", &v, NULL) && v == 4);
        CU_ASSERT_PTR_NOT_NULL(r.out.listing);
        CU_ASSERT_PTR_NOT_NULL(r.out.listing && strstr(r.out.listing, "00000000  00000003  deep: .word COUNT\n"));
    }
    run_free(&r);

    /* assemble_string: paths are relative to the name given */
    char name[128], src[200];
    snprintf(name, sizeof name, "%s/virtual.s", s.dir);
    r = assemble_as(name, ".include \"sub/defs.s\"\n", false);
    if (ok(&r, name))
        CU_ASSERT_EQUAL(word_at(&r.out, 0), 3);
    run_free(&r);

    /* errors inside an included file name that file and its line */
    scratch_file(&s, "bad.s", "nop\n  frob\n");
    snprintf(src, sizeof src, "nop\n.include \"bad.s\"\n");
    r = assemble_as(name, src, false);
    char want[200];
    snprintf(want, sizeof want, "%s/bad.s:2:3: error: unknown instruction 'frob'", s.dir);
    CU_ASSERT_EQUAL(r.nerr, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.errs, want));
    run_free(&r);

    /* a missing file */
    r = assemble_as(name, "\n.include \"nope.s\"\n", false);
    snprintf(want, sizeof want, "virtual.s:2:10: error: cannot read '%s/nope.s': No such file or directory", s.dir);
    CU_ASSERT_EQUAL(r.nerr, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.errs, want));
    run_free(&r);
    scratch_free(&s);
}

/* A file including itself, directly or not, and the nesting limit of 16. */
static void test_include_recursion(void)
{
    scratch s;
    if (!scratch_init(&s))
        return;
    const char *a = scratch_file(&s, "a.s", "nop\n.include \"b.s\"\n");
    scratch_file(&s, "b.s", ".include \"a.s\"\n");
    const char *self = scratch_file(&s, "self.s", ".include \"./self.s\"\n");
    char want[200];
    run r = assemble_path(a, false);
    snprintf(want, sizeof want, "%s/b.s:1:10: error: recursive .include: '%s/a.s' is already being read", s.dir, s.dir);
    CU_ASSERT_EQUAL(r.nerr, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.errs, want));
    run_free(&r);

    r = assemble_path(self, false);
    CU_ASSERT_EQUAL(r.nerr, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.errs, "recursive .include"));
    run_free(&r);

    /* a chain of includes: top (the string) -> t1 -> ... -> t17 */
    char fname[16], text[64], name[128];
    for (int i = 1; i <= 17; i++) {
        snprintf(fname, sizeof fname, "t%d.s", i);
        snprintf(text, sizeof text, ".include \"t%d.s\"\n", i + 1);
        scratch_file(&s, fname, i == 17 ? "nop\n" : text);
    }
    snprintf(name, sizeof name, "%s/top.s", s.dir);
    r = assemble_as(name, ".include \"t2.s\"\n", false);      /* 16 levels: fine */
    ok(&r, "16 levels");
    run_free(&r);
    r = assemble_as(name, ".include \"t1.s\"\n", false);      /* 17: too deep */
    snprintf(want, sizeof want, "%s/t16.s:1:10: error: .include nested more than 16 deep", s.dir);
    CU_ASSERT_EQUAL(r.nerr, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.errs, want));
    run_free(&r);
    scratch_free(&s);
}

/* .include's operand. */
static void test_include_errors(void)
{
    expect_error(".include nope.s", "t.s:1:10: error: expected a file name in double quotes");
    expect_error(".include \"\"", "t.s:1:10: error: empty file name");
    expect_error(".include", "t.s:1:9: error: '.include' needs operands: \"file\"");
}

/* ---- listing and output ------------------------------------------------ */

/* The listing's columns for code, data, equates, padding, labels and comments. */
static void test_listing(void)
{
    const char *src =
        "; demo\n"
        "\t.org 0x10\n"
        "start:\tli r1, 0x12345\n"
        "N = 3\n"
        "\n"
        "msg:\t.asciz \"hi!!!\"\n"
        "\t.align 4\n"
        "\t.space 2\n"
        "end:\n";
    run r = assemble_as("t.s", src, true);
    if (ok(&r, src)) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(r.out.listing);
        const char *want =
            "                    ; demo\n"
            "00000010            \t.org 0x10\n"
            "00000010  1a100001  start:\tli r1, 0x12345\n"
            "00000014  13112345\n"
            "          00000003  N = 3\n"
            "\n"
            "00000018  68692121  msg:\t.asciz \"hi!!!\"\n"
            "0000001c  2100\n"
            "00000020            \t.align 4\n"
            "00000020            \t.space 2\n"
            "00000022            end:\n";
        if (strcmp(r.out.listing, want) != 0)
            fprintf(stderr, "\nlisting:\n%s---\nexpected:\n%s", r.out.listing, want);
        CU_ASSERT_STRING_EQUAL(r.out.listing, want);
    }
    run_free(&r);
    r = assemble("nop\n");
    if (ok(&r, "no listing"))
        CU_ASSERT_PTR_NULL(r.out.listing);
    run_free(&r);
}

/* The exported symbols: labels and equates with their kinds, no predefined ones. */
static void test_symbols_output(void)
{
    run r = assemble(".org 0x100\nstart: nop\nloop: j loop\nSIZE = 0x20\nNEG = -1\n");
    if (ok(&r, "symbols")) {
        CU_ASSERT_EQUAL(r.out.symbols.count, 4);
        uint32_t v;
        char k;
        CU_ASSERT(symbol(&r.out, "start", &v, &k) && v == 0x100 && k == 'T');
        CU_ASSERT(symbol(&r.out, "loop", &v, &k) && v == 0x104 && k == 'T');
        CU_ASSERT(symbol(&r.out, "SIZE", &v, &k) && v == 0x20 && k == 'A');
        CU_ASSERT(symbol(&r.out, "NEG", &v, &k) && v == 0xFFFFFFFFu && k == 'A');
        CU_ASSERT_EQUAL(r.out.size, 0x108);
        for (uint32_t i = 0; i < 0x100; i++)
            CU_ASSERT_EQUAL(r.out.image[i], 0);
    }
    run_free(&r);
}

/* An unreadable file; CRLF line ends and a last line without a newline. */
static void test_file_errors(void)
{
    run r = assemble_path("/nonexistent/x.s", false);
    CU_ASSERT_EQUAL(r.nerr, 1);
    CU_ASSERT_STRING_EQUAL(r.errs, "/nonexistent/x.s: error: cannot read: No such file or directory\n");
    CU_ASSERT_PTR_NULL(r.out.image);
    run_free(&r);
    /* CRLF line ends and a last line without a newline */
    static const uint32_t w[] = { 0x01123000u, 0x01000000u };
    expect_words("add r1, r2, r3\r\nnop", 0, w, 2);
}

/* ---- the table of suites ----------------------------------------------- */

static const pg_test lexer_tests[] = {
    { "numbers and characters", test_numbers },
    { "strings", test_strings },
    { "lexical errors", test_lex_errors },
    { NULL, NULL },
};
static const pg_test expr_tests[] = {
    { "values and precedence", test_expressions },
    { "dot and forward references", test_dot_and_forward },
    { "expression errors", test_expr_errors },
    { NULL, NULL },
};
static const pg_test directive_tests[] = {
    { ".org .align .space", test_org_align_space },
    { ".word .half .byte .ascii", test_data },
    { ".equ = .psw S W T I E", test_equ_psw },
    { "case and labels", test_case_and_labels },
    { NULL, NULL },
};
static const pg_test insn_tests[] = {
    { "every instruction", test_every_instruction },
    { "disassembly round trip", test_disassembly_roundtrip },
    { "operand forms", test_operand_forms },
    { "operand errors", test_insn_errors },
    { NULL, NULL },
};
static const pg_test pseudo_tests[] = {
    { "expansions", test_pseudos },
    { "li sizes", test_li_sizes },
    { NULL, NULL },
};
static const pg_test error_tests[] = {
    { "format and caret", test_error_format },
    { "several in one run", test_several_errors },
    { "limit of 50", test_error_limit },
    { "symbols", test_symbol_errors },
    { "layout", test_layout_errors },
    { NULL, NULL },
};
static const pg_test include_tests[] = {
    { "relative paths", test_include },
    { "recursion and depth", test_include_recursion },
    { "operand errors", test_include_errors },
    { NULL, NULL },
};
static const pg_test output_tests[] = {
    { "listing", test_listing },
    { "symbols", test_symbols_output },
    { "files", test_file_errors },
    { NULL, NULL },
};

static const pg_suite suites[] = {
    { "lexer", lexer_tests },
    { "expr", expr_tests },
    { "directives", directive_tests },
    { "insn", insn_tests },
    { "pseudo", pseudo_tests },
    { "errors", error_tests },
    { "include", include_tests },
    { "output", output_tests },
    { NULL, NULL },
};

/* Run every suite, or the one named. */
int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
