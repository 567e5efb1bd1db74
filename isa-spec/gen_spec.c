/*
 * gen_spec.c -- print isa-spec/instructions.md from the instruction table.
 * Everything printed comes from pg32.def through libisa: the rows, the
 * formats, the bit layouts (found by encoding all-ones fields, so they are
 * the encoder's own) and the Popek-Goldberg check.  `make spec` runs it;
 * `make spec-check` fails when the committed file is stale.
 */
#include "isa.h"
#include "pgcheck.h"

#include <stdio.h>
#include <string.h>

static const char *const cs_names[] = {PG_CS_NAMES};
#define CS_COUNT (sizeof cs_names / sizeof cs_names[0])
_Static_assert((1u << CS_COUNT) - 1 == CS_ALL, "PG_CS_NAMES must name every CS_ bit");

/* Print s for a Markdown table cell: escape what would end the cell or start markup. */
static void put_md(FILE *out, const char *s)
{
    for (; *s; s++) {
        bool tag = *s == '<' && (s[1] == '/' || s[1] == '!' || s[1] == '?'
                                 || (s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z'));
        if (strchr("|\\`*_[]", *s) || tag)
            fputc('\\', out);
        fputc(*s, out);
    }
}

/* Print a CS_* set as words ("mode, mask"), or a dash when empty. */
static void put_cs(FILE *out, unsigned set)
{
    if (!set) {
        fputs("—", out);
        return;
    }
    const char *sep = "";
    for (size_t i = 0; i < CS_COUNT; i++)
        if (set & (1u << i)) {
            fprintf(out, "%s%s", sep, cs_names[i]);
            sep = ", ";
        }
}

/* The assembly syntax of a row: mnemonic, then its format's operands. */
static void put_syntax(FILE *out, const pg_insn_info *in)
{
    const char *ops = pg_formats[in->format].syntax;
    fprintf(out, "`%s%s%s`", in->mnemonic, *ops ? " " : "", ops);
}

/* The table of every instruction, in table order. */
static void print_instructions(FILE *out)
{
    fputs("## Instructions\n\n"
          "Cycles are the cost of an executed instruction; *taken* is added when a branch\n"
          "or jump is taken. *Reads* and *writes* name the control state an instruction\n"
          "touches; an instruction is *sensitive* exactly when it touches any (derived,\n"
          "never declared). A privileged instruction in problem state causes a\n"
          "privileged-operation exception (code 2) and changes nothing.\n\n"
          "| mnemonic | syntax | opcode | format | privileged | cycles | taken | reads | writes | sensitive | semantics |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|\n", out);
    for (int op = 0; op < PG_OP_COUNT; op++) {
        const pg_insn_info *in = &pg_insns[op];
        fprintf(out, "| `%s` | ", in->mnemonic);
        put_syntax(out, in);
        fprintf(out, " | 0x%02X | %s | %s | %u | ", (unsigned)in->opcode,
                pg_formats[in->format].name, in->privileged ? "yes" : "no",
                (unsigned)in->cycles);
        if (in->taken_extra)
            fprintf(out, "+%u", (unsigned)in->taken_extra);
        else
            fputs("—", out);
        fputs(" | ", out);
        put_cs(out, in->reads);
        fputs(" | ", out);
        put_cs(out, in->writes);
        fprintf(out, " | %s | ", pg_insn_sensitive((pg_op)op) ? "**yes**" : "no");
        put_md(out, in->semantics);
        fputs(" |\n", out);
    }
    fputs("\n", out);
}

/* The first row written in a format, or -1 when no instruction uses it. */
static int representative(pg_format fmt)
{
    for (int op = 0; op < PG_OP_COUNT; op++)
        if (pg_insns[op].format == fmt)
            return op;
    return -1;
}

/* The bits one field of op occupies: encode it all ones, everything else zero. */
static uint32_t field_bits(int op, pg_field field)
{
    pg_decoded zero = {.op = (pg_op)op}, ones = zero;
    switch (field) {
    case PG_FLD_A: ones.a = 0xF; break;
    case PG_FLD_B: ones.b = 0xF; break;
    case PG_FLD_C: ones.c = 0xF; break;
    case PG_FLD_IMM: ones.imm = -1; break;
    default: return 0;
    }
    return pg_encode(&ones) ^ pg_encode(&zero);
}

/* Copy operand i's name out of a syntax string ("rd, off(rs1)"): the
   register part of a memory operand when reg, else its offset part. */
static void operand_name(const char *syntax, int i, bool reg, char *name, size_t size)
{
    const char *p = syntax;
    for (int k = 0; k < i && p; k++) {
        p = strchr(p, ',');
        if (p)
            p += 2;
    }
    if (!p) {
        snprintf(name, size, "?");
        return;
    }
    size_t len = strcspn(p, ",");
    const char *paren = memchr(p, '(', len);
    if (paren && reg) {
        p = paren + 1;
        len = strcspn(p, ")");
    } else if (paren) {
        len = (size_t)(paren - p);
    }
    snprintf(name, size, "%.*s", (int)len, p);
}

/* The bit layout of a format, high bits first: "`opcode` 31–24, `rd` 23–20, ...". */
static void put_layout(FILE *out, pg_format fmt)
{
    const pg_format_info *f = &pg_formats[fmt];
    int op = representative(fmt);
    char owner[32][16];
    for (int bit = 0; bit < 32; bit++) {
        bool rsv = f->reserved & (1u << bit);
        snprintf(owner[bit], sizeof owner[bit], "%s",
                 bit >= 24 ? "opcode" : rsv ? "reserved" : "unused");
    }
    for (int i = 0; i < 3 && op >= 0 && f->kind[i] != PG_OPD_NONE; i++) {
        /* A memory operand is two fields: its base register and its offset. */
        int parts = f->kind[i] == PG_OPD_MEM ? 2 : 1;
        for (int part = 0; part < parts; part++) {
            bool base = part == 1;      /* the base register of a memory operand */
            pg_field fld = parts == 2 && !base ? PG_FLD_IMM : f->field[i];
            uint32_t bits = field_bits(op, fld);
            char name[16];
            operand_name(f->syntax, i, base, name, sizeof name);
            for (int bit = 0; bit < 32; bit++)
                if (bits & (1u << bit))
                    snprintf(owner[bit], sizeof owner[bit], "%s", name);
        }
    }
    const char *sep = "";
    for (int hi = 31; hi >= 0;) {
        int lo = hi;
        while (lo > 0 && strcmp(owner[lo - 1], owner[hi]) == 0)
            lo--;
        bool plain = strcmp(owner[hi], "reserved") == 0 || strcmp(owner[hi], "unused") == 0;
        fprintf(out, "%s%s%s%s ", sep, plain ? "" : "`", owner[hi], plain ? "" : "`");
        if (lo == hi)
            fprintf(out, "%d", hi);
        else
            fprintf(out, "%d–%d", hi, lo);
        sep = ", ";
        hi = lo - 1;
    }
}

/* The range of a format's immediate operand, if it has one. */
static void put_immediate(FILE *out, const pg_format_info *f)
{
    for (int i = 0; i < 3; i++) {
        pg_opd_kind k = f->kind[i];
        if (k == PG_OPD_NONE || k == PG_OPD_REG || k == PG_OPD_CREG)
            continue;
        int64_t lo, hi;
        pg_opd_range(k, &lo, &hi);
        fprintf(out, "%lld … %lld%s", (long long)lo, (long long)hi,
                k == PG_OPD_BR16 || k == PG_OPD_BR20 ? " words" : k == PG_OPD_MEM ? " bytes" : "");
        return;
    }
    fputs("—", out);
}

/* The table of formats: syntax, layout, reserved bits, and who uses each. */
static void print_formats(FILE *out)
{
    fputs("## Formats\n\n"
          "Fields: opcode 31–24, A 23–20, B 19–16, C 15–12, a 16-bit immediate in 15–0\n"
          "or a 20-bit one in 19–0. A word with a reserved bit set is not an instruction\n"
          "(operation exception, code 1); neither is one with an unassigned opcode.\n"
          "Branch and jump offsets count words from the branch itself.\n\n"
          "| format | syntax | layout (bit 31 first) | reserved | immediate | A is written | instructions |\n"
          "|---|---|---|---|---|---|---|\n", out);
    for (int fmt = 0; fmt < PG_FMT_COUNT; fmt++) {
        const pg_format_info *f = &pg_formats[fmt];
        fprintf(out, "| %s | `%s` | ", f->name, *f->syntax ? f->syntax : "(none)");
        put_layout(out, (pg_format)fmt);
        fprintf(out, " | 0x%08X | ", (unsigned)f->reserved);
        put_immediate(out, f);
        fprintf(out, " | %s | ", f->a_is_dest ? "yes" : "no");
        const char *sep = "";
        for (int op = 0; op < PG_OP_COUNT; op++)
            if ((int)pg_insns[op].format == fmt) {
                fprintf(out, "%s`%s`", sep, pg_insns[op].mnemonic);
                sep = " ";
            }
        fputs(" |\n", out);
    }
    fputs("\n", out);
}

/* A 16 x 16 map of the opcode space: row = high nibble, column = low nibble. */
static void print_opcode_map(FILE *out)
{
    fputs("## Opcode map\n\n|  |", out);
    for (int lo = 0; lo < 16; lo++)
        fprintf(out, " _%X |", lo);
    fputs("\n|---|", out);
    for (int lo = 0; lo < 16; lo++)
        fputs("---|", out);
    fputs("\n", out);
    for (int hi = 0; hi < 16; hi++) {
        bool any = false;
        for (int lo = 0; lo < 16; lo++)
            any |= pg_op_for_opcode((uint8_t)(hi << 4 | lo)) >= 0;
        if (!any)
            continue;
        fprintf(out, "| **%X_** |", hi);
        for (int lo = 0; lo < 16; lo++) {
            int op = pg_op_for_opcode((uint8_t)(hi << 4 | lo));
            fprintf(out, " %s |", op >= 0 ? pg_insns[op].mnemonic : "");
        }
        fputs("\n", out);
    }
    bool ends_free = pg_op_for_opcode(0x00) < 0 && pg_op_for_opcode(0xFF) < 0;
    fprintf(out, "\nRows with no assigned opcode are left out. %s\n\n",
            ends_free ? "0x00 and 0xFF are unassigned, so all-zeros and all-ones\n"
                        "words are not instructions."
                      : "**0x00 or 0xFF is assigned: all-zeros or all-ones words are\n"
                        "instructions, which the architecture forbids.**");
}

/* List the rows for which pick() holds, as code spans, or "none". */
static void put_set(FILE *out, bool (*pick)(const pg_insn_info *))
{
    const char *sep = "";
    for (int op = 0; op < PG_OP_COUNT; op++)
        if (pick(&pg_insns[op])) {
            fprintf(out, "%s`%s`", sep, pg_insns[op].mnemonic);
            sep = " ";
        }
    if (!*sep)
        fputs("none", out);
    fputs("\n", out);
}

/* Selectors for put_set. */
static bool is_privileged(const pg_insn_info *in) { return in->privileged; }
static bool is_sensitive(const pg_insn_info *in) { return pg_insn_info_sensitive(in); }
static bool is_privileged_only(const pg_insn_info *in)
{
    return in->privileged && !pg_insn_info_sensitive(in);
}

/* Sensitive ⊆ privileged, with both sets and any offenders. */
static void print_pg_check(FILE *out)
{
    size_t offenders[PG_OP_COUNT];
    size_t n = pg_check_virtualizable(pg_insns, PG_OP_COUNT, offenders, PG_OP_COUNT);
    fputs("## Popek–Goldberg check\n\n"
          "Trap-and-emulate virtualization needs every sensitive instruction to be\n"
          "privileged, so that in problem state it traps to the VMM. Sensitivity is\n"
          "derived from the *reads* and *writes* columns (`pg_insn_info_sensitive`), and the\n"
          "check (`pg_check_virtualizable`) runs in `make check` as well.\n\n"
          "- Sensitive: ", out);
    put_set(out, is_sensitive);
    fputs("- Privileged: ", out);
    put_set(out, is_privileged);
    fputs("- Privileged but not sensitive (they trap without needing to): ", out);
    put_set(out, is_privileged_only);
    if (n == 0) {
        fputs("\n**Sensitive ⊆ privileged: holds.** PG32 as tabled is virtualizable.\n", out);
        return;
    }
    fputs("\n**Sensitive ⊆ privileged: FAILS.** Sensitive but not privileged:", out);
    for (size_t i = 0; i < n; i++)
        fprintf(out, " `%s`", pg_insns[offenders[i]].mnemonic);
    fputs("\n", out);
}

/* The whole document, to stdout. */
int main(void)
{
    FILE *out = stdout;
    fputs("<!-- Generated by build/gen-spec from isa-spec/pg32.def: do not edit.\n"
          "     Change pg32.def and run `make spec`; `make check` fails when this is stale. -->\n"
          "# PG32 instruction table\n\n"
          "Generated from [`pg32.def`](pg32.def), the one description of the instruction\n"
          "set, through the same library (`isa.h`) that the decoder, assembler and\n"
          "disassembler use.\n\n", out);
    print_instructions(out);
    print_formats(out);
    print_opcode_map(out);
    print_pg_check(out);
    if (fflush(out) != 0 || ferror(out)) {
        perror("gen-spec");
        return 1;
    }
    return 0;
}
