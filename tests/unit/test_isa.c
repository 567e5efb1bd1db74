/*
 * test_isa.c -- consistency of the instruction table (pg32.def) and of
 * everything derived from it: opcodes and mnemonics are unique, formats cover
 * every bit exactly once, reserved bits make a word invalid, the
 * Popek-Goldberg condition holds (and its check can fail), and every
 * instruction survives encode -> decode -> disassemble -> assemble.
 */
#include "isa.h"
#include "pgcheck.h"
#include "runner.h"
#include "symfile.h"
#include "../../tools/pgas/pgasm.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Report at most this many failures of one kind in one test, then count them. */
#define MAX_REPORTS 10

/* Record a failed assertion whose text is formatted (CUnit copies the text). */
static void fail_at(unsigned line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    CU_assertImplementation(CU_FALSE, line, msg, __FILE__, "", CU_FALSE);
}
#define FAIL(...) fail_at(__LINE__, __VA_ARGS__)

/* A small fixed-seed PRNG (xorshift32): every run tests the same values. */
typedef struct rng {
    uint32_t state;
} rng;

/* The next 32 random bits. */
static uint32_t rng_next(rng *r)
{
    uint32_t x = r->state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return r->state = x;
}

/* A random value in [lo, hi]. */
static int64_t rng_range(rng *r, int64_t lo, int64_t hi)
{
    uint64_t span = (uint64_t)(hi - lo) + 1;
    uint64_t v = ((uint64_t)rng_next(r) << 32 | rng_next(r)) % span;
    return lo + (int64_t)v;
}

/* ---- (a) opcodes, mnemonics, columns ---- */

/* No two rows share an opcode; the opcode map answers exactly the table's rows. */
static void test_opcodes(void)
{
    for (int i = 0; i < PG_OP_COUNT; i++)
        for (int j = i + 1; j < PG_OP_COUNT; j++)
            if (pg_insns[i].opcode == pg_insns[j].opcode)
                FAIL("%s and %s share opcode 0x%02X", pg_insns[i].mnemonic,
                     pg_insns[j].mnemonic, (unsigned)pg_insns[i].opcode);
    for (int byte = 0; byte < 256; byte++) {
        int rows = 0, row = -1;
        for (int op = 0; op < PG_OP_COUNT; op++)
            if (pg_insns[op].opcode == byte) {
                rows++;
                row = op;
            }
        int got = pg_op_for_opcode((uint8_t)byte);
        if (rows > 1)
            FAIL("opcode 0x%02X has %d rows", (unsigned)byte, rows);
        if (got != row)
            FAIL("pg_op_for_opcode(0x%02X) = %d, the table says %d", (unsigned)byte, got, row);
    }
    CU_ASSERT_EQUAL(pg_op_for_opcode(0x00), -1);
    CU_ASSERT_EQUAL(pg_op_for_opcode(0xFF), -1);
}

/* Mnemonics are lower case, non-empty and unique ignoring case. */
static void test_mnemonics_unique(void)
{
    for (int i = 0; i < PG_OP_COUNT; i++) {
        const char *m = pg_insns[i].mnemonic;
        CU_ASSERT(m[0] != '\0');
        for (const char *p = m; *p; p++)
            if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p))
                FAIL("mnemonic '%s' is not lower-case alphanumeric", m);
        for (int j = i + 1; j < PG_OP_COUNT; j++)
            if (strcasecmp(m, pg_insns[j].mnemonic) == 0)
                FAIL("mnemonic '%s' appears twice (rows %d and %d)", m, i, j);
    }
}

/* Every column holds a possible value. */
static void test_columns(void)
{
    for (int op = 0; op < PG_OP_COUNT; op++) {
        const pg_insn_info *in = &pg_insns[op];
        if ((unsigned)in->format >= PG_FMT_COUNT)
            FAIL("%s: format %d out of range", in->mnemonic, (int)in->format);
        if (in->cycles == 0)
            FAIL("%s: costs 0 cycles", in->mnemonic);
        if ((in->reads | in->writes) & ~CS_ALL)
            FAIL("%s: control state outside CS_ALL", in->mnemonic);
        if (!in->semantics || !in->semantics[0])
            FAIL("%s: no semantics", in->mnemonic);
    }
}

/* pg_op_for_mnemonic: every row by name, in any case; nothing else. */
static void test_op_for_mnemonic(void)
{
    for (int op = 0; op < PG_OP_COUNT; op++) {
        const char *m = pg_insns[op].mnemonic;
        size_t len = strlen(m);
        char upper[32], longer[40];
        CU_ASSERT_FATAL(len < sizeof upper);
        for (size_t i = 0; i <= len; i++)
            upper[i] = (char)toupper((unsigned char)m[i]);
        snprintf(longer, sizeof longer, "%sxyz", m);
        if (pg_op_for_mnemonic(m, len) != op)
            FAIL("pg_op_for_mnemonic(\"%s\") != %d", m, op);
        if (pg_op_for_mnemonic(upper, len) != op)
            FAIL("pg_op_for_mnemonic(\"%s\") != %d", upper, op);
        /* Only len characters count: the name may sit inside a source line. */
        if (pg_op_for_mnemonic(longer, len) != op)
            FAIL("pg_op_for_mnemonic(\"%s\", %zu) != %d", longer, len, op);
        int longer_op = pg_op_for_mnemonic(longer, len + 1);
        if (longer_op >= 0)
            FAIL("pg_op_for_mnemonic(\"%.*s\") = %d", (int)len + 1, longer, longer_op);
    }
    CU_ASSERT_EQUAL(pg_op_for_mnemonic("add", 2), -1);
    CU_ASSERT_EQUAL(pg_op_for_mnemonic("", 0), -1);
    CU_ASSERT_EQUAL(pg_op_for_mnemonic("addi", 3), PG_OP_add);
    CU_ASSERT_EQUAL(pg_op_for_mnemonic("LPSW", 4), PG_OP_lpsw);
    CU_ASSERT_EQUAL(pg_op_for_mnemonic("sRaI", 4), PG_OP_srai);
    static const char *const not_insns[] = {"li", "la", "mov", "nop", "j", "ret", "r1",
                                            "add ", ".word", "halt", "stm"};
    for (size_t i = 0; i < sizeof not_insns / sizeof not_insns[0]; i++)
        if (pg_op_for_mnemonic(not_insns[i], strlen(not_insns[i])) != -1)
            FAIL("'%s' is taken for an instruction", not_insns[i]);
}

/* ---- formats ---- */

/* The bits of a field, per the diagram in isa.h: the layout the spec promises. */
static uint32_t layout_bits(pg_opd_kind kind, pg_field field)
{
    switch (field) {
    case PG_FLD_A: return 0x00F00000u;
    case PG_FLD_B: return kind == PG_OPD_MEM ? 0x000FFFFFu : 0x000F0000u;   /* base + off16 */
    case PG_FLD_C: return 0x0000F000u;
    case PG_FLD_IMM:
        return kind == PG_OPD_BR20 ? 0x000FFFFFu : kind == PG_OPD_SHAMT ? 0x0000001Fu : 0x0000FFFFu;
    default: return 0;
    }
}

/* The number of operands a syntax string names ("rd, off(rs1)" -> 2). */
static int syntax_operands(const char *s)
{
    if (!*s)
        return 0;
    int n = 1;
    for (; *s; s++)
        n += *s == ',';
    return n;
}

/* Each format: operands well formed, and opcode, operands and reserved bits
   cover all 32 bits exactly once, so no two valid words mean the same thing. */
static void test_formats(void)
{
    for (int fmt = 0; fmt < PG_FMT_COUNT; fmt++) {
        const pg_format_info *f = &pg_formats[fmt];
        uint32_t owned = 0xFF000000u, overlap = f->reserved & owned;
        owned |= f->reserved;
        int n = 0;
        while (n < 3 && f->kind[n] != PG_OPD_NONE)
            n++;
        for (int i = n; i < 3; i++)
            if (f->kind[i] != PG_OPD_NONE || f->field[i] != PG_FLD_NONE)
                FAIL("format %s: operand %d follows an empty one", f->name, i);
        if (syntax_operands(f->syntax) != n)
            FAIL("format %s: syntax '%s' names %d operands, the format has %d", f->name,
                 f->syntax, syntax_operands(f->syntax), n);
        bool a_written = false;
        for (int i = 0; i < n; i++) {
            pg_opd_kind k = f->kind[i];
            bool reg = k == PG_OPD_REG || k == PG_OPD_CREG;
            bool ok_field = reg ? f->field[i] == PG_FLD_A || f->field[i] == PG_FLD_B
                                          || f->field[i] == PG_FLD_C
                              : k == PG_OPD_MEM ? f->field[i] == PG_FLD_B
                                                : f->field[i] == PG_FLD_IMM;
            if (!ok_field)
                FAIL("format %s: operand %d in the wrong kind of field", f->name, i);
            uint32_t bits = layout_bits(k, f->field[i]);
            overlap |= owned & bits;
            owned |= bits;
            a_written |= i == 0 && k == PG_OPD_REG && f->field[i] == PG_FLD_A;
        }
        if (overlap)
            FAIL("format %s: bits 0x%08X belong to two fields", f->name, (unsigned)overlap);
        if (owned != 0xFFFFFFFFu)
            FAIL("format %s: bits 0x%08X are neither operand nor reserved", f->name,
                 (unsigned)~owned);
        if (f->a_is_dest && !a_written)
            FAIL("format %s: A is a destination but rd is not its first operand", f->name);
    }
}

/* The encoder agrees with the layout: all-ones fields fill exactly the
   non-reserved bits of every row. */
static void test_encode_fills(void)
{
    for (int op = 0; op < PG_OP_COUNT; op++) {
        const pg_insn_info *in = &pg_insns[op];
        const pg_format_info *f = &pg_formats[in->format];
        pg_decoded d = {.op = (pg_op)op, .a = 15, .b = 15, .c = 15, .imm = -1};
        uint32_t want = (uint32_t)in->opcode << 24 | (0x00FFFFFFu & ~f->reserved);
        uint32_t got = pg_encode(&d);
        if (got != want)
            FAIL("%s: encode(all ones) = 0x%08X, want 0x%08X", in->mnemonic,
                 (unsigned)got, (unsigned)want);
    }
}

/* ---- (b) Popek-Goldberg ---- */

/* Every sensitive instruction is privileged; offenders are named. */
static void test_sensitive_privileged(void)
{
    size_t offenders[PG_OP_COUNT];
    size_t n = pg_check_virtualizable(pg_insns, PG_OP_COUNT, offenders, PG_OP_COUNT);
    if (n) {
        char names[400] = "";
        size_t len = 0;
        for (size_t i = 0; i < n && len < sizeof names; i++)
            len += (size_t)snprintf(names + len, sizeof names - len, " %s",
                                    pg_insns[offenders[i]].mnemonic);
        FAIL("not virtualizable: sensitive but unprivileged:%s", names);
    }
    /* The check and pg_insn_sensitive agree row by row. */
    size_t expected = 0;
    for (int op = 0; op < PG_OP_COUNT; op++)
        if (pg_insn_sensitive((pg_op)op) && !pg_insns[op].privileged)
            expected++;
    CU_ASSERT_EQUAL(n, expected);
    /* PG32 traps something: the check is not vacuous. */
    int sensitive = 0;
    for (int op = 0; op < PG_OP_COUNT; op++)
        sensitive += pg_insn_sensitive((pg_op)op);
    CU_ASSERT(sensitive > 0);
}

/* The check fails on a table with a sensitive unprivileged row, naming it. */
static void test_check_can_fail(void)
{
    static const pg_insn_info table[] = {
        {"trapping", PG_FMT_N, 0x80, true, 1, 0, CS_MODE, 0, "sensitive, privileged"},
        {"plain", PG_FMT_R3, 0x01, false, 1, 0, 0, 0, "neither"},
        {"peek", PG_FMT_D, 0x02, false, 1, 0, CS_MODE, 0, "reads the mode unprivileged"},
        {"overkill", PG_FMT_N, 0x81, true, 1, 0, 0, 0, "privileged, not sensitive"},
        {"poke", PG_FMT_S, 0x03, false, 1, 0, 0, CS_TIMER, "writes the timer unprivileged"},
    };
    size_t offenders[4] = {99, 99, 99, 99};
    CU_ASSERT_EQUAL(pg_check_virtualizable(table, 5, offenders, 4), 2);
    CU_ASSERT_EQUAL(offenders[0], 2);
    CU_ASSERT_EQUAL(offenders[1], 4);
    CU_ASSERT_EQUAL(offenders[2], 99);
    /* A short list still counts every offender and writes no further. */
    size_t one[2] = {99, 99};
    CU_ASSERT_EQUAL(pg_check_virtualizable(table, 5, one, 1), 2);
    CU_ASSERT_EQUAL(one[0], 2);
    CU_ASSERT_EQUAL(one[1], 99);
    CU_ASSERT_EQUAL(pg_check_virtualizable(table, 2, offenders, 4), 0);
    CU_ASSERT_EQUAL(pg_check_virtualizable(table, 0, NULL, 0), 0);
}

/* ---- (d) invalid words ---- */

/* A valid word of op with random operand bits. */
static uint32_t random_word(rng *r, int op)
{
    const pg_format_info *f = &pg_formats[pg_insns[op].format];
    return (uint32_t)pg_insns[op].opcode << 24 | (rng_next(r) & 0x00FFFFFFu & ~f->reserved);
}

/* Check that a word is refused, and disassembles as data. */
static bool refused(uint32_t word, int *reports)
{
    pg_decoded d;
    char text[64], want[32];
    snprintf(want, sizeof want, ".word 0x%08x", (unsigned)word);
    pg_disassemble(word, 0x1000, text, sizeof text, NULL, NULL);
    if (!pg_decode(word, &d) && strcmp(text, want) == 0)
        return true;
    if ((*reports)++ < MAX_REPORTS)
        FAIL("word 0x%08X decodes as valid (disassembles as '%s')", (unsigned)word, text);
    return false;
}

/* Any non-zero reserved bits make a word invalid: each bit alone, then at random. */
static void test_reserved_bits(void)
{
    rng r = {0xC0FFEE01u};
    int reports = 0;
    for (int op = 0; op < PG_OP_COUNT; op++) {
        uint32_t rsv = pg_formats[pg_insns[op].format].reserved;
        for (int bit = 0; bit < 32; bit++)
            if (rsv & (1u << bit))
                for (int k = 0; k < 8; k++)
                    refused(random_word(&r, op) | 1u << bit, &reports);
        for (int k = 0; rsv && k < 256; k++) {
            uint32_t extra = rng_next(&r) & rsv;
            refused(random_word(&r, op) | (extra ? extra : rsv), &reports);
        }
    }
    CU_ASSERT_EQUAL(reports, 0);
}

/* Unassigned opcodes, all zeros and all ones are not instructions. */
static void test_unassigned(void)
{
    rng r = {0xBADC0DEu};
    int reports = 0;
    refused(0x00000000u, &reports);
    refused(0xFFFFFFFFu, &reports);
    for (int byte = 0; byte < 256; byte++) {
        if (pg_op_for_opcode((uint8_t)byte) >= 0)
            continue;
        uint32_t hi = (uint32_t)byte << 24;
        refused(hi, &reports);
        refused(hi | 0x00FFFFFFu, &reports);
        for (int k = 0; k < 64; k++)
            refused(hi | (rng_next(&r) & 0x00FFFFFFu), &reports);
    }
    CU_ASSERT_EQUAL(reports, 0);
}

/* With the reserved bits clear every word is valid, and encode inverts decode. */
static void test_valid_words(void)
{
    rng r = {0x5EED1234u};
    int reports = 0;
    for (int op = 0; op < PG_OP_COUNT; op++)
        for (int k = 0; k < 2000; k++) {
            uint32_t w = random_word(&r, op);
            pg_decoded d;
            bool ok = pg_decode(w, &d);
            if ((!ok || d.op != (pg_op)op || pg_encode(&d) != w) && reports++ < MAX_REPORTS)
                FAIL("%s: word 0x%08X: decode %s, re-encodes as 0x%08X", pg_insns[op].mnemonic,
                     (unsigned)w, ok ? "ok" : "refuses it", ok ? (unsigned)pg_encode(&d) : 0u);
        }
    CU_ASSERT_EQUAL(reports, 0);
}

/* ---- (c) round trip through the assembler ---- */

/* Where the round trip assembles each instruction. */
#define RT_ADDR 0x1000u

/* One row's operands and what decoding them must give back. */
typedef struct operands {
    pg_decoded d;               /* what is encoded */
    pg_decoded want;            /* what decode must give in the fields used */
    bool used[3];               /* register fields A, B, C the format uses */
} operands;

/* The kind of op's immediate operand (at most one), or NONE. */
static pg_opd_kind imm_kind(const pg_format_info *f)
{
    for (int i = 0; i < 3; i++)
        if (f->field[i] == PG_FLD_IMM || f->kind[i] == PG_OPD_MEM)
            return f->kind[i];
    return PG_OPD_NONE;
}

/* Which register fields a format uses. */
static void used_fields(const pg_format_info *f, bool used[3])
{
    used[0] = used[1] = used[2] = false;
    for (int i = 0; i < 3; i++)
        if (f->field[i] >= PG_FLD_A && f->field[i] <= PG_FLD_C)
            used[f->field[i] - PG_FLD_A] = true;
}

/* Fill in what decoding must give: the operands as given, an any-pattern
   imm16 (lui) as its 16-bit pattern, no immediate as 0.  Decode reports the raw
   bits of unused register fields (isa.h), so those are not compared. */
static operands make_operands(int op, const uint8_t regs[3], int64_t imm)
{
    const pg_format_info *f = &pg_formats[pg_insns[op].format];
    operands o = {.d = {.op = (pg_op)op, .a = regs[0], .b = regs[1], .c = regs[2],
                        .imm = (int32_t)imm}};
    used_fields(f, o.used);
    o.want = o.d;
    pg_opd_kind k = imm_kind(f);
    if (k == PG_OPD_NONE)
        o.want.imm = 0;
    else if (k == PG_OPD_IMM16)
        o.want.imm = (int32_t)((uint32_t)imm & 0xFFFFu);
    return o;
}

/* Assemble one line at RT_ADDR after a prelude (equates); the word there, or
   false with the first error in msg. */
static bool assemble_line(const char *prelude, const char *line, uint32_t *word,
                          char *msg, size_t msgsize)
{
    char src[512];
    snprintf(src, sizeof src, "%s        .org 0x%x\n        %s\n", prelude, RT_ADDR, line);
    char *errtext = NULL;
    size_t errlen = 0;
    FILE *errs = open_memstream(&errtext, &errlen);
    if (!errs) {
        snprintf(msg, msgsize, "open_memstream failed");
        return false;
    }
    pgasm_output out;
    int nerr = pgasm_assemble_string("roundtrip.s", src, false, &out, errs);
    fclose(errs);
    bool ok = false;
    if (nerr) {
        /* The first line of the messages is enough to say why. */
        snprintf(msg, msgsize, "%.*s", (int)strcspn(errtext, "\n"), errtext);
    } else if (out.size < RT_ADDR + 4) {
        snprintf(msg, msgsize, "image is only %u bytes", (unsigned)out.size);
        pgasm_output_free(&out);
    } else {
        const uint8_t *p = out.image + RT_ADDR;
        *word = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        ok = true;
        pgasm_output_free(&out);
    }
    free(errtext);
    return ok;
}

/* encode -> decode -> disassemble (naming addresses with syms, defined for the
   assembler by prelude) -> assemble, for one set of operands. */
static void round_trip(const operands *o, const pg_symtab *syms, const char *prelude,
                       int *reports)
{
    const char *m = pg_insns[o->d.op].mnemonic;
    uint32_t w = pg_encode(&o->d);
    pg_decoded back;
    if (!pg_decode(w, &back)) {
        if ((*reports)++ < MAX_REPORTS)
            FAIL("%s: encoded word 0x%08X does not decode", m, (unsigned)w);
        return;
    }
    if (back.op != o->want.op || (o->used[0] && back.a != o->want.a)
        || (o->used[1] && back.b != o->want.b) || (o->used[2] && back.c != o->want.c)
        || back.imm != o->want.imm) {
        if ((*reports)++ < MAX_REPORTS)
            FAIL("%s a=%u b=%u c=%u imm=%ld: 0x%08X decodes as %s a=%u b=%u c=%u imm=%ld", m,
                 o->want.a, o->want.b, o->want.c, (long)o->want.imm, (unsigned)w,
                 pg_insns[back.op].mnemonic, back.a, back.b, back.c, (long)back.imm);
        return;
    }
    char text[160], why[200];
    pg_disassemble(w, RT_ADDR, text, sizeof text, syms ? pg_symtab_lookup : NULL,
                   (void *)syms);
    uint32_t again;
    if (!assemble_line(prelude, text, &again, why, sizeof why)) {
        if ((*reports)++ < MAX_REPORTS)
            FAIL("%s: 0x%08X disassembles as '%s', which does not assemble: %s", m,
                 (unsigned)w, text, why);
        return;
    }
    if (again != w && (*reports)++ < MAX_REPORTS)
        FAIL("%s: 0x%08X -> '%s' -> 0x%08X", m, (unsigned)w, text, (unsigned)again);
}

/* Immediates to try for a kind: both ends, next to them, zero, +-1, random. */
static size_t immediates(pg_opd_kind kind, rng *r, int64_t *out, size_t max)
{
    int64_t lo, hi;
    pg_opd_range(kind, &lo, &hi);
    const int64_t fixed[] = {lo, hi, 0, 1, -1, lo + 1, hi - 1, 0x7FFF, 0x8000, 0xFFFF, -0x8000};
    size_t n = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] && n < max; i++)
        if (fixed[i] >= lo && fixed[i] <= hi)
            out[n++] = fixed[i];
    while (n < max)
        out[n++] = rng_range(r, lo, hi);
    return n;
}

/* Every row: each register value in each field, extreme and random immediates,
   and random combinations of all of them. */
static void test_round_trip(void)
{
    rng r = {0x00C0FFEEu};
    int reports = 0;
    for (int op = 0; op < PG_OP_COUNT; op++) {
        const pg_format_info *f = &pg_formats[pg_insns[op].format];
        pg_opd_kind k = imm_kind(f);
        const uint8_t base[3] = {1, 2, 3};
        int64_t imms[40];
        size_t nimm = k == PG_OPD_NONE ? 1 : immediates(k, &r, imms, 40);
        if (k == PG_OPD_NONE)
            imms[0] = 0;
        for (size_t i = 0; i < nimm; i++) {
            operands o = make_operands(op, base, imms[i]);
            round_trip(&o, NULL, "", &reports);
        }
        bool used[3];
        used_fields(f, used);
        for (int fld = 0; fld < 3; fld++)
            for (uint8_t v = 0; used[fld] && v < 16; v++) {
                uint8_t regs[3] = {base[0], base[1], base[2]};
                regs[fld] = v;
                operands o = make_operands(op, regs, imms[v % nimm]);
                round_trip(&o, NULL, "", &reports);
            }
        for (int n = 0; n < 24; n++) {
            uint8_t regs[3] = {(uint8_t)(rng_next(&r) & 15), (uint8_t)(rng_next(&r) & 15),
                               (uint8_t)(rng_next(&r) & 15)};
            int64_t imm = 0, lo, hi;
            if (k != PG_OPD_NONE) {
                pg_opd_range(k, &lo, &hi);
                imm = rng_range(&r, lo, hi);
            }
            operands o = make_operands(op, regs, imm);
            round_trip(&o, NULL, "", &reports);
        }
    }
    if (reports > MAX_REPORTS)
        FAIL("%d round-trip failures in all (the first %d shown)", reports, MAX_REPORTS);
    CU_ASSERT_EQUAL(reports, 0);
}

/* Branch targets print as a label plus offset when the symbols know one, and
   that text reassembles to the same word. */
static void test_round_trip_branches(void)
{
    static const int32_t offs[] = {1, -1, 0, 2, 100, -100, 0x7FFF, -0x3FE};
    int reports = 0;
    for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
        const uint8_t regs[3] = {4, 5, 0};
        for (int jump = 0; jump < 2; jump++) {
            operands o = make_operands(jump ? PG_OP_jal : PG_OP_beq, regs, offs[i]);
            uint32_t target = RT_ADDR + 4u * (uint32_t)offs[i];
            pg_symbol label = {target - 8, 'T', "there"};
            pg_symtab syms = {&label, 1};
            char prelude[64], text[160], want[16];
            snprintf(prelude, sizeof prelude, "there = 0x%x\n", (unsigned)label.value);
            pg_disassemble(pg_encode(&o.d), RT_ADDR, text, sizeof text, pg_symtab_lookup, &syms);
            snprintf(want, sizeof want, ", there+8");
            size_t tl = strlen(text), wl = strlen(want);
            if (tl < wl || strcmp(text + tl - wl, want) != 0)
                FAIL("'%s' does not name its target as 'there+8'", text);
            round_trip(&o, &syms, prelude, &reports);
        }
    }
    CU_ASSERT_EQUAL(reports, 0);
}

static const pg_test table_tests[] = {
    {"opcodes unique, 0x00 and 0xFF free", test_opcodes},
    {"mnemonics unique", test_mnemonics_unique},
    {"columns in range", test_columns},
    {NULL, NULL},
};
static const pg_test format_tests[] = {
    {"fields cover every bit once", test_formats},
    {"encoder fills the non-reserved bits", test_encode_fills},
    {NULL, NULL},
};
static const pg_test virt_tests[] = {
    {"sensitive implies privileged", test_sensitive_privileged},
    {"the check catches a bad table", test_check_can_fail},
    {NULL, NULL},
};
static const pg_test invalid_tests[] = {
    {"reserved bits set", test_reserved_bits},
    {"unassigned opcodes", test_unassigned},
    {"reserved bits clear: valid, encode inverts decode", test_valid_words},
    {NULL, NULL},
};
static const pg_test mnemonic_tests[] = {
    {"pg_op_for_mnemonic", test_op_for_mnemonic},
    {NULL, NULL},
};
static const pg_test round_trip_tests[] = {
    {"every row, many operands", test_round_trip},
    {"branch targets", test_round_trip_branches},
    {NULL, NULL},
};
static const pg_suite suites[] = {
    {"table", table_tests},
    {"formats", format_tests},
    {"virtualizable", virt_tests},
    {"invalid", invalid_tests},
    {"mnemonics", mnemonic_tests},
    {"roundtrip", round_trip_tests},
    {NULL, NULL},
};

/* Run all suites, or the one named on the command line. */
int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
