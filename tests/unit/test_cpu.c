/*
 * test_cpu.c -- independent verification of the PG32 CPU through machine.h,
 * written from the design brief and isa-spec/README.md (not from the
 * simulator's code).  Instructions are built with pg_encode; the assembler is
 * never used.  Suites: table, alu, memory, branch, cycles, exceptions, psw,
 * interrupts, io, hook, step.  The MMU, the timer and IPL have their own
 * programs (test_mmu, test_timer, test_ipl).
 */
#include "machine_fixture.h"
#include "runner.h"

/* ======================================================================== */
/* alu: register-register and register-immediate semantics                 */
/* ======================================================================== */

/* One ALU case: rd = op(a, b) where b is rs2 (R3) or the raw immediate. */
typedef struct alu_case {
    pg_op op;
    uint32_t a, b, want;
} alu_case;

#define NEG(x) ((uint32_t)-(int64_t)(x))

static const alu_case alu_cases[] = {
    {PG_OP_add, 0x7FFFFFFF, 1, 0x80000000}, {PG_OP_add, 0xFFFFFFFF, 1, 0},
    {PG_OP_add, 0x12345678, 0x11111111, 0x23456789},
    {PG_OP_sub, 0, 1, 0xFFFFFFFF}, {PG_OP_sub, 0x80000000, 1, 0x7FFFFFFF},
    {PG_OP_sub, 5, 7, 0xFFFFFFFE},
    {PG_OP_and, 0xF0F0F0F0, 0xFF00FF00, 0xF000F000},
    {PG_OP_or, 0xF0F0F0F0, 0x0F000F00, 0xFFF0FFF0},
    {PG_OP_xor, 0xFFFF0000, 0xFF00FF00, 0x00FFFF00},
    /* shifts use the low 5 bits of rs2 */
    {PG_OP_sll, 1, 31, 0x80000000}, {PG_OP_sll, 1, 33, 2},
    {PG_OP_sll, 0x80000001, 32, 0x80000001}, {PG_OP_sll, 3, 0xFFFFFFE1, 6},
    {PG_OP_srl, 0x80000000, 31, 1}, {PG_OP_srl, 0x80000000, 32, 0x80000000},
    {PG_OP_srl, 0x80000000, 0x24, 0x08000000}, {PG_OP_srl, 0xFFFFFFFF, 1, 0x7FFFFFFF},
    {PG_OP_sra, 0x80000000, 4, 0xF8000000}, {PG_OP_sra, 0x80000000, 63, 0xFFFFFFFF},
    {PG_OP_sra, 0x7FFFFFFF, 31, 0}, {PG_OP_sra, 0x7FFFFFFF, 0x21, 0x3FFFFFFF},
    {PG_OP_sra, 0x80000000, 0x40, 0x80000000},
    {PG_OP_slt, 0xFFFFFFFF, 1, 1}, {PG_OP_slt, 1, 0xFFFFFFFF, 0}, {PG_OP_slt, 5, 5, 0},
    {PG_OP_slt, 0x80000000, 0x7FFFFFFF, 1}, {PG_OP_slt, 0x7FFFFFFF, 0x80000000, 0},
    {PG_OP_sltu, 0xFFFFFFFF, 1, 0}, {PG_OP_sltu, 1, 0xFFFFFFFF, 1}, {PG_OP_sltu, 5, 5, 0},
    {PG_OP_sltu, 0, 1, 1},
    {PG_OP_mul, 0x10000, 0x10000, 0}, {PG_OP_mul, NEG(3), 5, NEG(15)},
    {PG_OP_mul, 0x7FFFFFFF, 2, 0xFFFFFFFE}, {PG_OP_mul, 0x12345, 0x6789, (uint32_t)(0x12345u * 0x6789u)},
    {PG_OP_mul, 0xFFFFFFFF, 0xFFFFFFFF, 1},
    /* mulh: high word of the signed 64-bit product */
    {PG_OP_mulh, 0x10000, 0x10000, 1}, {PG_OP_mulh, 0xFFFFFFFF, 1, 0xFFFFFFFF},
    {PG_OP_mulh, 0xFFFFFFFF, 0xFFFFFFFF, 0}, {PG_OP_mulh, 0x80000000, 0x80000000, 0x40000000},
    {PG_OP_mulh, 0x7FFFFFFF, 0x7FFFFFFF, 0x3FFFFFFF}, {PG_OP_mulh, NEG(3), 5, 0xFFFFFFFF},
    {PG_OP_mulh, 0x80000000, 0x7FFFFFFF, 0xC0000000}, {PG_OP_mulh, 3, 5, 0},
    /* division truncates toward zero; INT_MIN / -1 = INT_MIN rem 0 */
    {PG_OP_div, 7, 2, 3}, {PG_OP_div, NEG(7), 2, NEG(3)}, {PG_OP_div, 7, NEG(2), NEG(3)},
    {PG_OP_div, NEG(7), NEG(2), 3}, {PG_OP_div, 0x80000000, 0xFFFFFFFF, 0x80000000},
    {PG_OP_div, 0, 5, 0}, {PG_OP_div, 0x80000000, 1, 0x80000000},
    {PG_OP_divu, 0xFFFFFFFF, 2, 0x7FFFFFFF}, {PG_OP_divu, 0x80000000, 0xFFFFFFFF, 0},
    {PG_OP_divu, 0xFFFFFFFF, 0xFFFFFFFF, 1}, {PG_OP_divu, 7, 2, 3},
    {PG_OP_rem, 7, 2, 1}, {PG_OP_rem, NEG(7), 2, NEG(1)}, {PG_OP_rem, 7, NEG(2), 1},
    {PG_OP_rem, NEG(7), NEG(2), NEG(1)}, {PG_OP_rem, 0x80000000, 0xFFFFFFFF, 0},
    {PG_OP_remu, 0xFFFFFFFF, 10, 5}, {PG_OP_remu, 7, 0xFFFFFFFF, 7}, {PG_OP_remu, 0x80000000, 3, 2},
    /* addi, slti, sltiu sign-extend; andi, ori, xori zero-extend */
    {PG_OP_addi, 5, 0xFFFF, 4}, {PG_OP_addi, 0, 0x8000, 0xFFFF8000}, {PG_OP_addi, 0, 0x7FFF, 0x7FFF},
    {PG_OP_addi, 0x7FFFFFFF, 1, 0x80000000},
    {PG_OP_andi, 0xFFFFFFFF, 0xFFFF, 0xFFFF}, {PG_OP_andi, 0xFFFFFFFF, 0x8000, 0x8000},
    {PG_OP_andi, 0x12345678, 0x0FF0, 0x0670},
    {PG_OP_ori, 0, 0x8000, 0x8000}, {PG_OP_ori, 0x12340000, 0xFFFF, 0x1234FFFF},
    {PG_OP_xori, 0xFFFFFFFF, 0xFFFF, 0xFFFF0000}, {PG_OP_xori, 0, 0x8001, 0x8001},
    {PG_OP_slli, 1, 31, 0x80000000}, {PG_OP_slli, 3, 0, 3}, {PG_OP_slli, 0xFFFFFFFF, 4, 0xFFFFFFF0},
    {PG_OP_srli, 0x80000000, 31, 1}, {PG_OP_srli, 0xFFFFFFFF, 4, 0x0FFFFFFF},
    {PG_OP_srai, 0x80000000, 31, 0xFFFFFFFF}, {PG_OP_srai, 0x40000000, 30, 1},
    {PG_OP_srai, 0xF0000000, 4, 0xFF000000},
    {PG_OP_slti, 0xFFFFFFFE, 0xFFFF, 1}, {PG_OP_slti, 0, 0xFFFF, 0}, {PG_OP_slti, 5, 0x7FFF, 1},
    {PG_OP_slti, 0x80000000, 0x8000, 1}, {PG_OP_slti, 0xFFFF8000, 0x8000, 0},
    {PG_OP_sltiu, 5, 0xFFFF, 1}, {PG_OP_sltiu, 0xFFFFFFFF, 0xFFFF, 0},
    {PG_OP_sltiu, 0xFFFFFFFE, 0xFFFF, 1}, {PG_OP_sltiu, 0x10000, 0x8000, 1},
    {PG_OP_sltiu, 0xFFFF8000, 0x8000, 0}, {PG_OP_sltiu, 3, 2, 0},
    /* lui: rd = imm << 16, whatever rs1 holds */
    {PG_OP_lui, 0xDEAD, 0x8000, 0x80000000}, {PG_OP_lui, 0, 0xFFFF, 0xFFFF0000},
    {PG_OP_lui, 0xFFFFFFFF, 0x1234, 0x12340000},
};
#define N_ALU (sizeof alu_cases / sizeof alu_cases[0])

/* Encode an ALU case with rd, rs1 = r1 and rs2 = r2 (or the immediate). */
static uint32_t alu_word(const alu_case *c, unsigned rd)
{
    if (pg_insns[c->op].format == PG_FMT_R3)
        return fx_ins(c->op, rd, 1, 2, 0);
    return fx_ins(c->op, rd, 1, 0, (int32_t)c->b);
}

/* Every ALU row computes the specified value for edge operands. */
static void test_alu_table(void)
{
    for (size_t i = 0; i < N_ALU; i++) {
        const alu_case *c = &alu_cases[i];
        char ctx[96];
        snprintf(ctx, sizeof ctx, "%s(0x%x, 0x%x)", pg_insns[c->op].mnemonic, c->a, c->b);
        pg_machine *m = fx_machine();
        pg_set_gpr(m, 1, c->a);
        pg_set_gpr(m, 2, c->b);
        pg_set_gpr(m, 3, 0xDEADBEEF);
        FX_CODE_AT(m, FX_CODE, alu_word(c, 3), HALT);
        pg_stop s = fx_run(m);
        FX_WAITC(ctx, m, s, FX_DONE);
        FX_EQC(ctx, pg_get_gpr(m, 3), c->want);
        FX_EQC(ctx, pg_get_gpr(m, 1), c->a);
        FX_EQC(ctx, pg_get_gpr(m, 2), c->b);
        FX_EQC(ctx, pg_get_tod(m), CYC(lpsw) + pg_insns[c->op].cycles);
        pg_machine_free(m);
    }
}

/* The destination may be a source: rd = rs1 = rs2 reads the old value. */
static void test_alu_dest_is_source(void)
{
    for (size_t i = 0; i < N_ALU; i++) {
        const alu_case *c = &alu_cases[i];
        if (pg_insns[c->op].format != PG_FMT_R3 || c->a != c->b)
            continue;
        char ctx[96];
        snprintf(ctx, sizeof ctx, "%s r1, r1, r1 (0x%x)", pg_insns[c->op].mnemonic, c->a);
        pg_machine *m = fx_machine();
        pg_set_gpr(m, 1, c->a);
        FX_CODE_AT(m, FX_CODE, fx_ins(c->op, 1, 1, 1, 0), HALT);
        FX_WAITC(ctx, m, fx_run(m), FX_DONE);
        FX_EQC(ctx, pg_get_gpr(m, 1), c->want);
        pg_machine_free(m);
    }
    /* and a case built for it: r5 = r5 - r5 */
    pg_machine *m = fx_machine();
    pg_set_gpr(m, 5, 1234);
    FX_CODE_AT(m, FX_CODE, X3(sub, 5, 5, 5), XI(addi, 6, 6, 0), X3(add, 6, 6, 6), HALT);
    pg_set_gpr(m, 6, 21);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 5), 0);
    FX_EQ(pg_get_gpr(m, 6), 42);
    pg_machine_free(m);
}

/* r0 reads as zero and every write to it is discarded, for every ALU row. */
static void test_alu_r0(void)
{
    for (size_t i = 0; i < N_ALU; i++) {
        const alu_case *c = &alu_cases[i];
        char ctx[96];
        snprintf(ctx, sizeof ctx, "%s into r0", pg_insns[c->op].mnemonic);
        pg_machine *m = fx_machine();
        pg_set_gpr(m, 1, c->a);
        pg_set_gpr(m, 2, c->b);
        pg_set_gpr(m, 3, 0xDEADBEEF);
        /* op r0, r1, r2; or r3, r0, r0 (r3 = what r0 reads); addi r4, r0, 7 */
        FX_CODE_AT(m, FX_CODE, alu_word(c, 0), X3(or, 3, 0, 0), XI(addi, 4, 0, 7), HALT);
        FX_WAITC(ctx, m, fx_run(m), FX_DONE);
        FX_EQC(ctx, pg_get_gpr(m, 3), 0);
        FX_EQC(ctx, pg_get_gpr(m, 4), 7);
        FX_EQC(ctx, pg_get_gpr(m, 0), 0);
        pg_machine_free(m);
    }
    /* the API agrees: setting r0 is ignored */
    pg_machine *m = fx_machine();
    pg_set_gpr(m, 0, 0x1234);
    FX_EQ(pg_get_gpr(m, 0), 0);
    FX_CODE_AT(m, FX_CODE, X3(add, 3, 0, 0), HALT);
    pg_set_gpr(m, 3, 99);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 0);
    pg_machine_free(m);
}

/* A chain of ALU instructions: results feed the next instruction at once. */
static void test_alu_chain(void)
{
    pg_machine *m = fx_machine();
    /* r1 = 0x12345678 via lui+ori; r2 = r1 >> 4 (arith) ; r3 = r2 * 3; r4 = r3 % 1000 */
    FX_CODE_AT(m, FX_CODE,
               XI(lui, 1, 0, 0x1234), XI(ori, 1, 1, 0x5678),
               XI(srai, 2, 1, 4), XI(addi, 5, 0, 3), X3(mul, 3, 2, 5),
               XI(addi, 6, 0, 1000), X3(rem, 4, 3, 6), X3(div, 7, 3, 6), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    uint32_t r2 = 0x12345678u >> 4, r3 = r2 * 3u;
    FX_EQ(pg_get_gpr(m, 1), 0x12345678);
    FX_EQ(pg_get_gpr(m, 2), r2);
    FX_EQ(pg_get_gpr(m, 3), r3);
    FX_EQ(pg_get_gpr(m, 4), r3 % 1000u);
    FX_EQ(pg_get_gpr(m, 7), r3 / 1000u);
    FX_EQ(pg_get_stats(m)->instructions, 9);
    pg_machine_free(m);
}

/* ======================================================================== */
/* memory: loads and stores                                                 */
/* ======================================================================== */

typedef struct mem_case {
    pg_op op;
    uint32_t base;
    int32_t off;
    uint32_t want;
} mem_case;

static const uint8_t mem_data[8] = {0x80, 0x01, 0xFF, 0x7F, 0x12, 0x34, 0x56, 0x78};

static const mem_case load_cases[] = {
    {PG_OP_lw, 0x2000, 0, 0x8001FF7F}, {PG_OP_lw, 0x2008, -4, 0x12345678},
    {PG_OP_lw, 0xA000, -0x8000, 0x8001FF7F}, {PG_OP_lw, 0x1FFC, 4, 0x8001FF7F},
    {PG_OP_lw, 0x0000, 0x2004, 0x12345678},
    {PG_OP_lh, 0x2000, 0, 0xFFFF8001}, {PG_OP_lh, 0x2000, 2, 0xFFFFFF7F}, {PG_OP_lh, 0x2000, 4, 0x1234},
    {PG_OP_lhu, 0x2000, 0, 0x8001}, {PG_OP_lhu, 0x2000, 2, 0xFF7F}, {PG_OP_lhu, 0x2008, -2, 0x5678},
    {PG_OP_lb, 0x2000, 0, 0xFFFFFF80}, {PG_OP_lb, 0x2000, 1, 1}, {PG_OP_lb, 0x2000, 2, 0xFFFFFFFF},
    {PG_OP_lb, 0x2000, 3, 0x7F},
    {PG_OP_lbu, 0x2000, 0, 0x80}, {PG_OP_lbu, 0x2000, 2, 0xFF}, {PG_OP_lbu, 0x2008, -1, 0x78},
    {PG_OP_lbu, 0x2000, 5, 0x34},
};

/* Loads: big-endian, sign or zero extension, signed offsets. */
static void test_mem_loads(void)
{
    for (size_t i = 0; i < sizeof load_cases / sizeof load_cases[0]; i++) {
        const mem_case *c = &load_cases[i];
        char ctx[96];
        snprintf(ctx, sizeof ctx, "%s %d(0x%x)", pg_insns[c->op].mnemonic, (int)c->off, c->base);
        pg_machine *m = fx_machine();
        CU_ASSERT(pg_write_real(m, 0x2000, mem_data, sizeof mem_data));
        pg_set_gpr(m, 1, c->base);
        pg_set_gpr(m, 3, 0xDEADBEEF);
        FX_CODE_AT(m, FX_CODE, fx_ins(c->op, 3, 1, 0, c->off), HALT);
        FX_WAITC(ctx, m, fx_run(m), FX_DONE);
        FX_EQC(ctx, pg_get_gpr(m, 3), c->want);
        FX_EQC(ctx, pg_get_gpr(m, 1), c->base);
        FX_EQC(ctx, pg_get_tod(m), pg_insns[c->op].cycles + CYC(lpsw));
        pg_machine_free(m);
    }
}

/* The last word of storage can be loaded and stored. */
static void test_mem_last_word(void)
{
    pg_machine *m = fx_machine();
    pg_set_gpr(m, 1, FX_MEM - 4);
    pg_set_gpr(m, 2, 0xCAFEF00D);
    FX_CODE_AT(m, FX_CODE, XI(sw, 2, 1, 0), XI(lw, 3, 1, 0), XI(lbu, 4, 1, 3), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 0xCAFEF00D);
    FX_EQ(pg_get_gpr(m, 4), 0x0D);
    FX_EQ(fx_get32(m, FX_MEM - 4), 0xCAFEF00D);
    pg_machine_free(m);
}

/* Stores: big-endian, only the addressed bytes change. */
static void test_mem_stores(void)
{
    pg_machine *m = fx_machine();
    uint8_t fill[16];
    memset(fill, 0xEE, sizeof fill);
    CU_ASSERT(pg_write_real(m, 0x2000, fill, sizeof fill));
    pg_set_gpr(m, 1, 0x2004);
    pg_set_gpr(m, 2, 0x11223344);
    pg_set_gpr(m, 3, 0xAABBCCDD);
    pg_set_gpr(m, 4, 0x12345699);
    pg_set_gpr(m, 5, 0x2010);
    FX_CODE_AT(m, FX_CODE,
               XI(sw, 2, 1, 0),         /* 0x2004..07 = 11 22 33 44 */
               XI(sh, 3, 1, 6),         /* 0x200A..0B = CC DD */
               XI(sb, 4, 5, -1),        /* 0x200F = 99 */
               XI(sb, 3, 0, 0x2001),    /* 0x2001 = DD */
               XI(sh, 2, 5, -0x10),     /* 0x2000..01 = 33 44 (overwrites 0x2001) */
               HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    static const uint8_t want[16] = {0x33, 0x44, 0xEE, 0xEE, 0x11, 0x22, 0x33, 0x44,
                                     0xEE, 0xEE, 0xCC, 0xDD, 0xEE, 0xEE, 0xEE, 0x99};
    uint8_t got[16];
    CU_ASSERT(pg_read_real(m, 0x2000, got, sizeof got));
    for (int i = 0; i < 16; i++) {
        char ctx[32];
        snprintf(ctx, sizeof ctx, "byte 0x%x", 0x2000 + i);
        FX_EQC(ctx, got[i], want[i]);
    }
    FX_EQ(fx_get32(m, 0x1FFC), 0);
    FX_EQ(fx_get32(m, 0x2010), 0);
    FX_EQ(pg_get_tod(m), CYC(sw) + 2 * CYC(sh) + 2 * CYC(sb) + CYC(lpsw));
    pg_machine_free(m);
}

/* A store followed by loads of every width sees the stored bytes. */
static void test_mem_store_load(void)
{
    pg_machine *m = fx_machine();
    pg_set_gpr(m, 1, 0x2100);
    pg_set_gpr(m, 2, 0x89ABCDEF);
    FX_CODE_AT(m, FX_CODE, XI(sw, 2, 1, 0), XI(lh, 3, 1, 0), XI(lhu, 4, 1, 2), XI(lb, 5, 1, 3),
               XI(lbu, 6, 1, 1), XI(lw, 7, 1, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 0xFFFF89AB);
    FX_EQ(pg_get_gpr(m, 4), 0xCDEF);
    FX_EQ(pg_get_gpr(m, 5), 0xFFFFFFEF);
    FX_EQ(pg_get_gpr(m, 6), 0xAB);
    FX_EQ(pg_get_gpr(m, 7), 0x89ABCDEF);
    pg_machine_free(m);
}

/* A load into r0 changes nothing; a store of r0 stores zero. */
static void test_mem_r0(void)
{
    pg_machine *m = fx_machine();
    fx_put32(m, 0x2000, 0x55555555);
    fx_put32(m, 0x2004, 0x66666666);
    FX_CODE_AT(m, FX_CODE, XI(lw, 0, 0, 0x2000), X3(or, 3, 0, 0), XI(sw, 0, 0, 0x2004), HALT);
    pg_set_gpr(m, 3, 1);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 0);
    FX_EQ(fx_get32(m, 0x2004), 0);
    pg_machine_free(m);
}

/* ======================================================================== */
/* branch: branches, jal, jalr, svc                                         */
/* ======================================================================== */

enum { BR_AT = 0x1010, BR_TAKEN_PSW = 0x1F08, BR_NOT_PSW = 0x1F10, BR_TAKEN = 0x7A7E, BR_NOT = 0x0407 };

typedef struct br_case {
    pg_op op;
    uint32_t a, b;
    bool taken;
} br_case;

static const br_case br_cases[] = {
    {PG_OP_beq, 5, 5, true}, {PG_OP_beq, 5, 6, false}, {PG_OP_beq, 0, 0x80000000, false},
    {PG_OP_bne, 5, 5, false}, {PG_OP_bne, 5, 6, true}, {PG_OP_bne, 0xFFFFFFFF, 0x7FFFFFFF, true},
    {PG_OP_blt, NEG(1), 1, true}, {PG_OP_blt, 1, NEG(1), false}, {PG_OP_blt, 5, 5, false},
    {PG_OP_blt, 0x80000000, 0x7FFFFFFF, true},
    {PG_OP_bge, NEG(1), 1, false}, {PG_OP_bge, 1, NEG(1), true}, {PG_OP_bge, 5, 5, true},
    {PG_OP_bge, 0x7FFFFFFF, 0x80000000, true},
    {PG_OP_bltu, NEG(1), 1, false}, {PG_OP_bltu, 1, NEG(1), true}, {PG_OP_bltu, 5, 5, false},
    {PG_OP_bltu, 0, 1, true},
    {PG_OP_bgeu, NEG(1), 1, true}, {PG_OP_bgeu, 1, NEG(1), false}, {PG_OP_bgeu, 5, 5, true},
    {PG_OP_bgeu, 0, 1, false},
};

/* A machine whose taken/not-taken ends are distinguishable waits. */
static pg_machine *br_machine(void)
{
    pg_machine *m = fx_machine();
    fx_put_psw(m, BR_TAKEN_PSW, PG_PSW_W, BR_TAKEN);
    fx_put_psw(m, BR_NOT_PSW, PG_PSW_W, BR_NOT);
    fx_psw(m, PG_PSW_S, BR_AT);
    return m;
}

/* Conditional branches, forward and backward, word offsets from the branch. */
static void test_branch_conditions(void)
{
    for (size_t i = 0; i < sizeof br_cases / sizeof br_cases[0]; i++) {
        for (int back = 0; back < 2; back++) {
            const br_case *c = &br_cases[i];
            char ctx[96];
            snprintf(ctx, sizeof ctx, "%s 0x%x, 0x%x %s", pg_insns[c->op].mnemonic, c->a, c->b,
                     back ? "backward" : "forward");
            pg_machine *m = br_machine();
            pg_set_gpr(m, 1, c->a);
            pg_set_gpr(m, 2, c->b);
            uint32_t target = back ? BR_AT - 12 : BR_AT + 8;
            FX_CODE_AT(m, BR_AT, fx_ins(c->op, 1, 2, 0, back ? -3 : 2),
                       XI(lpsw, 0, 0, BR_NOT_PSW));
            FX_CODE_AT(m, target, XI(lpsw, 0, 0, BR_TAKEN_PSW));
            FX_WAITC(ctx, m, fx_run(m), c->taken ? BR_TAKEN : BR_NOT);
            FX_EQC(ctx, pg_get_tod(m),
                   pg_insns[c->op].cycles + (c->taken ? pg_insns[c->op].taken_extra : 0) + CYC(lpsw));
            pg_machine_free(m);
        }
    }
}

/* A taken branch to the next instruction (offset 1) still costs the extra. */
static void test_branch_offset_one(void)
{
    pg_machine *m = fx_machine();
    FX_CODE_AT(m, FX_CODE, XI(beq, 0, 0, 1), XI(bne, 0, 0, 1), XI(jal, 0, 0, 1), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_tod(m), CYC(beq) + TKX(beq) + CYC(bne) + CYC(jal) + TKX(jal) + CYC(lpsw));
    pg_machine_free(m);
}

/* jal links pc + 4 and jumps by a signed 20-bit word offset; rd = r0 keeps nothing. */
static void test_branch_jal(void)
{
    struct { int32_t off; uint32_t target; } cases[] = {
        {2, BR_AT + 8}, {-4, BR_AT - 16}, {0x1000, BR_AT + 0x4000}, {0x37FC, BR_AT + 0xDFF0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char ctx[64];
        snprintf(ctx, sizeof ctx, "jal r14, %d", (int)cases[i].off);
        pg_machine *m = br_machine();
        FX_CODE_AT(m, BR_AT, XI(jal, 14, 0, cases[i].off), XI(lpsw, 0, 0, BR_NOT_PSW));
        FX_CODE_AT(m, cases[i].target, XI(lpsw, 0, 0, BR_TAKEN_PSW));
        FX_WAITC(ctx, m, fx_run(m), BR_TAKEN);
        FX_EQC(ctx, pg_get_gpr(m, 14), BR_AT + 4);
        FX_EQC(ctx, pg_get_tod(m), CYC(jal) + TKX(jal) + CYC(lpsw));
        pg_machine_free(m);
    }
    /* jal r0: a plain jump */
    pg_machine *m = br_machine();
    FX_CODE_AT(m, BR_AT, XI(jal, 0, 0, 2), XI(lpsw, 0, 0, BR_NOT_PSW), X3(or, 3, 0, 0),
               XI(lpsw, 0, 0, BR_TAKEN_PSW));
    pg_set_gpr(m, 3, 77);
    FX_WAIT(m, fx_run(m), BR_TAKEN);
    FX_EQ(pg_get_gpr(m, 3), 0);
    pg_machine_free(m);
}

/* jalr: target rs1 + sext(off), link pc + 4, rd = r0 links nothing. */
static void test_branch_jalr(void)
{
    struct { uint32_t base; int32_t off; unsigned rd; } cases[] = {
        {0x1100, 8, 14}, {0x1120, -0x18, 14}, {0x1108, 0, 7}, {0x9108, -0x8000, 14}, {0x1000, 0x108, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char ctx[64];
        snprintf(ctx, sizeof ctx, "jalr r%u, %d(0x%x)", cases[i].rd, (int)cases[i].off, cases[i].base);
        pg_machine *m = br_machine();
        pg_set_gpr(m, 5, cases[i].base);
        FX_CODE_AT(m, BR_AT, XI(jalr, cases[i].rd, 5, cases[i].off), XI(lpsw, 0, 0, BR_NOT_PSW));
        FX_CODE_AT(m, 0x1108, XI(lpsw, 0, 0, BR_TAKEN_PSW));
        FX_WAITC(ctx, m, fx_run(m), BR_TAKEN);
        FX_EQC(ctx, pg_get_gpr(m, cases[i].rd), cases[i].rd ? BR_AT + 4 : 0);
        FX_EQC(ctx, pg_get_gpr(m, 5), cases[i].base);
        FX_EQC(ctx, pg_get_tod(m), CYC(jalr) + TKX(jalr) + CYC(lpsw));
        pg_machine_free(m);
    }
}

/* jalr computes the target from the old rs1, so jalr r14, 0(r14) works. */
static void test_branch_jalr_same_register(void)
{
    pg_machine *m = br_machine();
    pg_set_gpr(m, 14, 0x1108);
    FX_CODE_AT(m, BR_AT, XI(jalr, 14, 14, 0), XI(lpsw, 0, 0, BR_NOT_PSW));
    FX_CODE_AT(m, 0x1108, XI(lpsw, 0, 0, BR_TAKEN_PSW));
    FX_WAIT(m, fx_run(m), BR_TAKEN);
    FX_EQ(pg_get_gpr(m, 14), BR_AT + 4);
    pg_machine_free(m);
    /* a jump to the end of storage: the jalr completes, the fetch faults (addressing) */
    m = fx_machine();
    pg_set_gpr(m, 1, FX_MEM);
    FX_CODE_AT(m, FX_CODE, XI(jalr, 0, 1, 0));
    FX_PGM(m, fx_run(m), PG_PGM_ADDRESSING, PG_PSW_S, FX_MEM);
    FX_EQ(pg_get_tod(m), CYC(jalr) + TKX(jalr) + FX_IC);
    pg_machine_free(m);
}

/* Branch offsets are sign-extended 16-bit word counts: offset 0 is a branch
   to itself; the extremes reach beyond storage (fetch addressing there). */
static void test_branch_extremes(void)
{
    pg_machine *m = fx_machine();
    FX_CODE_AT(m, FX_CODE, XI(beq, 0, 0, 0));
    FX_STOP(pg_run(m, 100), PG_STOP_BUDGET);
    FX_EQ(pg_get_tod(m), 100);
    FX_EQ(pg_get_psw(m).addr, FX_CODE);
    FX_EQ(pg_get_stats(m)->instructions, 100 / (CYC(beq) + TKX(beq)));
    pg_machine_free(m);
    m = fx_machine();
    FX_CODE_AT(m, FX_CODE, XI(bne, 0, 1, -32768));
    pg_set_gpr(m, 1, 1);
    FX_PGM(m, fx_run(m), PG_PGM_ADDRESSING, PG_PSW_S, FX_CODE - 0x20000u);
    pg_machine_free(m);
    m = fx_machine();
    FX_CODE_AT(m, FX_CODE, XI(bgeu, 0, 0, 32767));
    FX_PGM(m, fx_run(m), PG_PGM_ADDRESSING, PG_PSW_S, FX_CODE + 0x1FFFCu);
    FX_EQ(pg_get_tod(m), CYC(bgeu) + TKX(bgeu) + FX_IC);
    pg_machine_free(m);
}

/* A call and return through jal/jalr (the call/ret convention with r14). */
static void test_branch_call_ret(void)
{
    pg_machine *m = fx_machine();
    /* 0x1000 jal r14, sub(0x1100); 0x1004 addi r3, r3, 1; 0x1008 HALT
       sub: addi r4, r0, 9; jalr r0, 0(r14) */
    FX_CODE_AT(m, FX_CODE, XI(jal, 14, 0, 0x40), XI(addi, 3, 3, 1), HALT);
    FX_CODE_AT(m, 0x1100, XI(addi, 4, 0, 9), XI(jalr, 0, 14, 0));
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 1);
    FX_EQ(pg_get_gpr(m, 4), 9);
    FX_EQ(pg_get_gpr(m, 14), 0x1004);
    FX_EQ(pg_get_tod(m), CYC(jal) + TKX(jal) + CYC(addi) + CYC(jalr) + TKX(jalr) + CYC(addi) + CYC(lpsw));
    pg_machine_free(m);
}

/* svc: SVC old PSW points past the svc, code (zero-extended word) at 0x64. */
static void test_branch_svc(void)
{
    struct { uint32_t flags; uint32_t code; } cases[] = {
        {PG_PSW_S, 0x1234}, {0, 0xFFFF}, {PG_PSW_S | PG_PSW_I | PG_PSW_E, 0}, {0, 0x8000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char ctx[64];
        snprintf(ctx, sizeof ctx, "svc 0x%x with flags 0x%x", cases[i].code, cases[i].flags);
        pg_machine *m = fx_machine();
        pg_set_timer(m, INT64_C(1) << 40);
        fx_put32(m, PG_LC_SVC_CODE, 0xFFFFFFFF);
        fx_psw(m, cases[i].flags, FX_CODE);
        fx_fill_gprs(m);
        fx_gprs g = fx_save_gprs(m);
        FX_CODE_AT(m, FX_CODE, XI(svc, 0, 0, (int32_t)cases[i].code));
        FX_WAITC(ctx, m, fx_run(m), FX_SVC_WAIT);
        pg_psw old = fx_get_psw(m, PG_LC_SVC_OLD);
        FX_EQC(ctx, old.flags, cases[i].flags);
        FX_EQC(ctx, old.addr, FX_CODE + 4);
        FX_EQC(ctx, fx_get32(m, PG_LC_SVC_CODE), cases[i].code);
        FX_EQC(ctx, pg_get_tod(m), CYC(svc) + FX_IC);
        FX_EQC(ctx, pg_get_stats(m)->interrupts[PG_INT_SVC], 1);
        FX_EQC(ctx, pg_get_stats(m)->interrupts[PG_INT_PROGRAM], 0);
        FX_SAME_GPRS(ctx, m, &g);
        /* nothing else in low core: no program interrupt */
        FX_EQC(ctx, fx_get32(m, PG_LC_PGM_OLD + 4), 0);
        pg_machine_free(m);
    }
}

/* An SVC handler round trip: svc, handler reads the code, lpsw of the old PSW. */
static void test_branch_svc_round_trip(void)
{
    pg_machine *m = fx_machine();
    fx_put_psw(m, PG_LC_SVC_NEW, PG_PSW_S, FX_HANDLER);
    fx_psw(m, 0, FX_CODE);      /* problem state */
    FX_CODE_AT(m, FX_CODE, XI(addi, 3, 0, 1), XI(svc, 0, 0, 42), XI(addi, 3, 3, 1),
               XI(svc, 0, 0, 43), XI(addi, 3, 3, 1), XI(svc, 0, 0, 0xFFFF));
    /* handler: r4 += code; code 0xFFFF halts, else return */
    FX_CODE_AT(m, FX_HANDLER, XI(lw, 5, 0, PG_LC_SVC_CODE), XI(ori, 6, 0, 0xFFFF),
               XI(beq, 5, 6, 3), X3(add, 4, 4, 5), XI(lpsw, 0, 0, PG_LC_SVC_OLD), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 3);
    FX_EQ(pg_get_gpr(m, 4), 85);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_SVC], 3);
    pg_psw old = fx_get_psw(m, PG_LC_SVC_OLD);
    FX_EQ(old.flags, 0);
    FX_EQ(old.addr, FX_CODE + 24);
    uint64_t handler = CYC(lw) + CYC(ori) + CYC(beq) + CYC(add) + CYC(lpsw);
    uint64_t want = 3 * CYC(addi) + 3 * (CYC(svc) + FX_IC) + 2 * handler
                    + CYC(lw) + CYC(ori) + CYC(beq) + TKX(beq) + CYC(lpsw);
    FX_EQ(pg_get_tod(m), want);
    pg_machine_free(m);
}

/* ======================================================================== */
/* cycles: every row's cost, sums, nullified instructions                    */
/* ======================================================================== */

/* Run one row at FX_CODE in `state` with operands that let it complete; the
   words after it are zero, so the run ends with an operation exception at
   FX_CODE+4 (not taken) or FX_CODE+8 (taken).  Checks the TOD. */
static void cycle_row(pg_op op, uint32_t state, bool unequal)
{
    const pg_insn_info *in = &pg_insns[op];
    char ctx[96];
    snprintf(ctx, sizeof ctx, "%s in %s state%s", in->mnemonic, state & PG_PSW_S ? "supervisor" : "problem",
             unequal ? " (unequal operands)" : "");
    pg_machine *m = fx_machine();
    for (unsigned n = 1; n < 16; n++)
        pg_set_gpr(m, n, FX_DATA);
    if (unequal)
        pg_set_gpr(m, 1, FX_CODE);
    int32_t imm = 8;
    if (in->format == PG_FMT_BR || in->format == PG_FMT_J)
        imm = 2;
    else if (op == PG_OP_jalr)
        imm = (int32_t)(FX_CODE + 8) - FX_DATA;
    else if (op == PG_OP_diag)
        imm = 0;
    fx_put_psw(m, FX_DATA + 8, state, FX_CODE + 4);     /* for lpsw */
    fx_put_psw(m, PG_LC_SVC_NEW, state, FX_CODE + 4);    /* for svc */
    fx_psw(m, state, FX_CODE);
    fx_put32(m, FX_CODE, fx_ins(op, 1, 2, 3, imm));
    pg_stop s = fx_run(m);
    FX_WAITC(ctx, m, s, FX_PGM_WAIT);
    FX_EQC(ctx, fx_get32(m, PG_LC_PGM_CODE), PG_PGM_OPERATION);
    pg_psw old = fx_get_psw(m, PG_LC_PGM_OLD);
    FX_EQC(ctx, old.flags, state);
    bool taken = old.addr == FX_CODE + 8;
    if (in->format == PG_FMT_J || op == PG_OP_jalr)
        FX_EQC(ctx, old.addr, FX_CODE + 8);
    else if (in->format != PG_FMT_BR)
        FX_EQC(ctx, old.addr, FX_CODE + 4);
    uint64_t want = in->cycles + (taken ? in->taken_extra : 0) + FX_IC;
    if (op == PG_OP_svc)
        want += FX_IC;
    FX_EQC(ctx, pg_get_tod(m), want);
    FX_EQC(ctx, pg_get_stats(m)->instructions, 1);
    FX_EQC(ctx, pg_get_stats(m)->cycles, want);
    pg_machine_free(m);
}

/* Every row of pg_insns costs its table cycles (+ taken extra) in every state it runs in. */
static void test_cycles_every_row(void)
{
    for (int op = 0; op < PG_OP_COUNT; op++) {
        const pg_insn_info *in = &pg_insns[op];
        for (int st = 0; st < 2; st++) {
            uint32_t state = st ? 0 : PG_PSW_S;
            if (in->privileged && !(state & PG_PSW_S))
                continue;
            cycle_row((pg_op)op, state, false);
            if (in->format == PG_FMT_BR)
                cycle_row((pg_op)op, state, true);
        }
    }
}

/* TOD after a straight-line sequence is the sum of the table's costs. */
static void test_cycles_straight_line(void)
{
    pg_machine *m = fx_machine();
    pg_set_gpr(m, 1, 7);
    pg_set_gpr(m, 2, 3);
    pg_set_gpr(m, 8, FX_DATA);
    pg_set_gpr(m, 9, 0x555);
    pg_set_gpr(m, 10, 1u << 30);
    static const struct { pg_op op; unsigned a, b, c; int32_t imm; bool taken; } seq[] = {
        {PG_OP_add, 3, 1, 2, 0, false}, {PG_OP_sub, 3, 1, 2, 0, false}, {PG_OP_mul, 3, 1, 2, 0, false},
        {PG_OP_mulh, 3, 1, 2, 0, false}, {PG_OP_div, 3, 1, 2, 0, false}, {PG_OP_divu, 3, 1, 2, 0, false},
        {PG_OP_rem, 3, 1, 2, 0, false}, {PG_OP_remu, 3, 1, 2, 0, false}, {PG_OP_sra, 3, 1, 2, 0, false},
        {PG_OP_addi, 3, 1, 0, 5, false}, {PG_OP_lui, 4, 0, 0, 1, false}, {PG_OP_lw, 4, 8, 0, 0, false},
        {PG_OP_sh, 1, 8, 0, 4, false}, {PG_OP_lb, 4, 8, 0, 5, false}, {PG_OP_sb, 2, 8, 0, 7, false},
        {PG_OP_beq, 1, 2, 0, 1, false}, {PG_OP_bne, 1, 2, 0, 1, true}, {PG_OP_blt, 2, 1, 0, 1, true},
        {PG_OP_bgeu, 2, 1, 0, 1, false}, {PG_OP_jal, 0, 0, 0, 1, true},
        {PG_OP_epsw, 5, 0, 0, 0, false}, {PG_OP_ssm, 0, 0, 0, 0, false}, {PG_OP_lctl, 2, 1, 0, 0, false},
        {PG_OP_stctl, 5, 2, 0, 0, false}, {PG_OP_spt, 0, 10, 0, 0, false}, {PG_OP_stpt, 5, 0, 0, 0, false},
        {PG_OP_stck, 0, 8, 0, 16, false}, {PG_OP_tio, 5, 9, 0, 0, false}, {PG_OP_hio, 5, 9, 0, 0, false},
        {PG_OP_sio, 5, 9, 8, 0, false}, {PG_OP_lra, 5, 8, 0, 0, false}, {PG_OP_ptlb, 0, 0, 0, 0, false},
        {PG_OP_diag, 5, 0, 0, 0, false},
    };
    uint64_t want = CYC(lpsw);
    uint32_t a = FX_CODE;
    for (size_t i = 0; i < sizeof seq / sizeof seq[0]; i++, a += 4) {
        fx_put32(m, a, fx_ins(seq[i].op, seq[i].a, seq[i].b, seq[i].c, seq[i].imm));
        want += pg_insns[seq[i].op].cycles + (seq[i].taken ? pg_insns[seq[i].op].taken_extra : 0);
    }
    fx_put32(m, a, HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_tod(m), want);
    FX_EQ(pg_get_stats(m)->instructions, sizeof seq / sizeof seq[0] + 1);
    FX_EQ(pg_get_stats(m)->cycles, want);
    FX_EQ(pg_get_stats(m)->wait_cycles, 0);
    pg_machine_free(m);
}

/* A loop's time: n iterations of addi/bne cost n*(addi+bne) + (n-1)*extra. */
static void test_cycles_loop(void)
{
    pg_machine *m = fx_machine();
    pg_set_gpr(m, 1, 1000);
    FX_CODE_AT(m, FX_CODE, XI(addi, 1, 1, -1), XI(bne, 1, 0, -1), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 1), 0);
    FX_EQ(pg_get_tod(m), 1000 * (CYC(addi) + CYC(bne)) + 999 * TKX(bne) + CYC(lpsw));
    FX_EQ(pg_get_stats(m)->instructions, 2001);
    pg_machine_free(m);
}

/* A nullified instruction costs nothing: only the completed ones and the interrupt count. */
static void test_cycles_nullified(void)
{
    pg_machine *m = fx_machine();
    pg_set_gpr(m, 1, 5);
    FX_CODE_AT(m, FX_CODE, XI(addi, 4, 0, 1), X3(mul, 5, 1, 1), X3(div, 3, 1, 0));
    FX_PGM(m, fx_run(m), PG_PGM_DIVIDE, PG_PSW_S, FX_CODE + 8);
    FX_EQ(pg_get_tod(m), CYC(addi) + CYC(mul) + FX_IC);
    FX_EQ(pg_get_stats(m)->instructions, 2);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_PROGRAM], 1);
    FX_EQ(pg_get_gpr(m, 4), 1);
    FX_EQ(pg_get_gpr(m, 5), 25);
    pg_machine_free(m);
}

/* ======================================================================== */
/* exceptions: each program exception, nullification, order                 */
/* ======================================================================== */

/* One faulting instruction at FX_CODE: r1 = base, r2 = second operand. */
typedef struct fault_case {
    const char *name;
    uint32_t flags;             /* PSW flags while it runs */
    uint32_t word;
    uint32_t r1, r2;
    uint32_t code;
} fault_case;

/* Run a fault case; check code, old PSW, nullification and cost. */
static void run_fault(const fault_case *c)
{
    pg_machine *m = fx_machine();
    fx_psw(m, c->flags, FX_CODE);
    fx_fill_gprs(m);
    pg_set_gpr(m, 1, c->r1);
    pg_set_gpr(m, 2, c->r2);
    /* data the operands may point at: a valid PSW, distinct bytes */
    for (uint32_t a = FX_DATA; a < FX_DATA + 64; a += 4)
        fx_put32(m, a, 0x01020304u * (a & 0xFF));
    fx_put_psw(m, FX_DATA, PG_PSW_S, FX_CODE + 0x100);
    fx_put_psw(m, FX_DATA + 8, PG_PSW_S | 0x20, FX_CODE + 0x100);
    fx_put_psw(m, FX_DATA + 16, PG_PSW_S | 0x80000000u, FX_CODE + 0x100);
    fx_put_psw(m, FX_DATA + 24, PG_PSW_S | 0x100, FX_CODE + 0x100);
    fx_put32(m, FX_CODE, c->word);
    fx_put32(m, FX_CODE + 4, HALT);
    fx_gprs g = fx_save_gprs(m);
    uint8_t *mem = fx_save_mem(m);
    int64_t timer = pg_get_timer(m);
    pg_stop s = fx_run(m);
    FX_PGMC(c->name, m, s, c->code, c->flags, FX_CODE);
    FX_SAME_GPRS(c->name, m, &g);
    FX_SAME_MEM(c->name, m, mem, fx_pgm_skip);
    FX_EQC(c->name, pg_get_tod(m), FX_IC);
    FX_EQC(c->name, pg_get_timer(m), timer - (int64_t)FX_IC);
    FX_EQC(c->name, pg_get_stats(m)->instructions, 0);
    FX_EQC(c->name, pg_get_stats(m)->interrupts[PG_INT_PROGRAM], 1);
    free(mem);
    pg_machine_free(m);
}

#define S PG_PSW_S
#define P 0u
static const fault_case fault_cases[] = {
    /* operation */
    {"all zeros", S, 0x00000000, 0, 0, PG_PGM_OPERATION},
    {"all ones", S, 0xFFFFFFFF, 0, 0, PG_PGM_OPERATION},
    {"all zeros, problem state", P, 0x00000000, 0, 0, PG_PGM_OPERATION},
    {"all ones, problem state", P, 0xFFFFFFFF, 0, 0, PG_PGM_OPERATION},
    {"opcode 0x1B", S, 0x1B123456, 0, 0, PG_PGM_OPERATION},
    {"opcode 0x7F, problem state", P, 0x7F000000, 0, 0, PG_PGM_OPERATION},
    {"opcode 0xFE", S, 0xFE000000, 0, 0, PG_PGM_OPERATION},
    /* specification: operand alignment */
    {"lw +1", S, 0x20310001, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"lw +2", S, 0x20310002, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"lw +3", S, 0x20310003, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"lw misaligned base", P, 0x20310000, FX_DATA + 2, 0, PG_PGM_SPECIFICATION},
    {"lh +1", S, 0x21310001, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"lh +3", P, 0x21310003, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"lhu +1", S, 0x22310001, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"sw +2", S, 0x28210002, FX_DATA, 0x99, PG_PGM_SPECIFICATION},
    {"sw +1", P, 0x28210001, FX_DATA, 0x99, PG_PGM_SPECIFICATION},
    {"sh +1", S, 0x29210001, FX_DATA, 0x99, PG_PGM_SPECIFICATION},
    {"sh +3", S, 0x29210003, FX_DATA, 0x99, PG_PGM_SPECIFICATION},
    {"lpsw +4", S, 0x80010004, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"lpsw +2", S, 0x80010002, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"stck +4", S, 0x87010004, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"stck +1", S, 0x87010001, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"lpsw of a PSW with 0x20 set", S, 0x80010008, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"lpsw of a PSW with 0x80000000 set", S, 0x80010010, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"lpsw of a PSW with 0x100 set", S, 0x80010018, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"jalr to +2", S, 0x39E10002, FX_DATA, 0, PG_PGM_SPECIFICATION},
    {"jalr to +1", P, 0x39E10001, FX_CODE, 0, PG_PGM_SPECIFICATION},
    {"jalr to +3 beyond storage", S, 0x39E10003, 0x20000, 0, PG_PGM_SPECIFICATION},
    {"diag code 1", S, 0x8D310001, 0, 0, PG_PGM_SPECIFICATION},
    {"diag code 0xFFFF", S, 0x8D31FFFF, 0, 0, PG_PGM_SPECIFICATION},
    /* addressing */
    {"lw beyond storage", S, 0x20310000, FX_MEM, 0, PG_PGM_ADDRESSING},
    {"lw -4(r0)", S, 0x2030FFFC, 0, 0, PG_PGM_ADDRESSING},
    {"lb beyond storage", P, 0x23310000, FX_MEM, 0, PG_PGM_ADDRESSING},
    {"lbu 0xFFFFFFFF", S, 0x24310000, 0xFFFFFFFF, 0, PG_PGM_ADDRESSING},
    {"lh beyond storage", S, 0x21310002, FX_MEM, 0, PG_PGM_ADDRESSING},
    {"sw beyond storage", S, 0x28210000, FX_MEM, 0x99, PG_PGM_ADDRESSING},
    {"sb beyond storage", P, 0x2A210000, 0x00800000, 0x99, PG_PGM_ADDRESSING},
    {"sh beyond storage", S, 0x29210000, 0x80000000, 0x99, PG_PGM_ADDRESSING},
    {"lpsw beyond storage", S, 0x80010000, FX_MEM, 0, PG_PGM_ADDRESSING},
    {"stck beyond storage", S, 0x87010000, FX_MEM + 8, 0, PG_PGM_ADDRESSING},
    /* divide */
    {"div by zero", S, 0x0D312000, 7, 0, PG_PGM_DIVIDE},
    {"divu by zero", P, 0x0E312000, 7, 0, PG_PGM_DIVIDE},
    {"rem by zero", S, 0x0F312000, 0x80000000, 0, PG_PGM_DIVIDE},
    {"remu by zero", P, 0x10312000, 0xFFFFFFFF, 0, PG_PGM_DIVIDE},
    {"div by r0", S, 0x0D310000, 7, 1, PG_PGM_DIVIDE},
    /* order */
    {"order: lpsw misaligned in problem state -> privileged", P, 0x80010004, FX_DATA, 0, PG_PGM_PRIVILEGED},
    {"order: stck beyond storage in problem state -> privileged", P, 0x87010000, FX_MEM, 0, PG_PGM_PRIVILEGED},
    {"order: diag code 7 in problem state -> privileged", P, 0x8D310007, 0, 0, PG_PGM_PRIVILEGED},
    {"order: ptlb with a reserved bit in problem state -> operation", P, 0x8C000001, 0, 0, PG_PGM_OPERATION},
    {"order: lpsw with a reserved bit in problem state -> operation", P, 0x80110004, FX_DATA, 0, PG_PGM_OPERATION},
    {"order: lw misaligned beyond storage -> specification", S, 0x20310001, FX_MEM, 0, PG_PGM_SPECIFICATION},
    {"order: lpsw misaligned beyond storage -> specification", S, 0x80010004, FX_MEM, 0, PG_PGM_SPECIFICATION},
    {"order: stck misaligned beyond storage -> specification", S, 0x87010004, FX_MEM, 0, PG_PGM_SPECIFICATION},
    {"order: sh misaligned beyond storage -> specification", P, 0x29210001, FX_MEM, 0, PG_PGM_SPECIFICATION},
};
#undef S
#undef P

/* Self-check: the hand-written words of the fault table decode as named. */
static void test_fault_words(void)
{
    /* spot-check the hand encodings against pg_encode */
    FX_EQ(0x20310001u, XI(lw, 3, 1, 1));
    FX_EQ(0x28210002u, XI(sw, 2, 1, 2));
    FX_EQ(0x80010004u, XI(lpsw, 0, 1, 4));
    FX_EQ(0x87010004u, XI(stck, 0, 1, 4));
    FX_EQ(0x39E10002u, XI(jalr, 14, 1, 2));
    FX_EQ(0x8D310001u, XI(diag, 3, 1, 1));
    FX_EQ(0x0D312000u, X3(div, 3, 1, 2));
    FX_EQ(0x2030FFFCu, XI(lw, 3, 0, -4));
    FX_EQ(0x8C000000u, XI(ptlb, 0, 0, 0));
    pg_decoded d;
    CU_ASSERT_FALSE(pg_decode(0x8C000001u, &d));
    CU_ASSERT_FALSE(pg_decode(0x80110004u, &d));
    CU_ASSERT_FALSE(pg_decode(0x1B123456u, &d));
}

/* Each listed exception: its code, old PSW at the instruction, nothing changed, no cost. */
static void test_fault_table(void)
{
    for (size_t i = 0; i < sizeof fault_cases / sizeof fault_cases[0]; i++)
        run_fault(&fault_cases[i]);
}

/* Every unassigned opcode is an operation exception, in both states. */
static void test_fault_unassigned_opcodes(void)
{
    for (unsigned opc = 0; opc < 256; opc++) {
        if (pg_op_for_opcode((uint8_t)opc) >= 0)
            continue;
        for (int st = 0; st < 2; st++) {
            for (int junk = 0; junk < 2; junk++) {
                char name[64];
                snprintf(name, sizeof name, "opcode 0x%02x%s%s", opc, st ? " problem" : "",
                         junk ? " with fields" : "");
                fault_case c = {name, st ? 0u : PG_PSW_S, (uint32_t)opc << 24 | (junk ? 0x00123458u : 0),
                                FX_DATA, FX_DATA, PG_PGM_OPERATION};
                run_fault(&c);
            }
        }
    }
}

/* A reserved bit set makes any row an operation exception (before privilege). */
static void test_fault_reserved_bits(void)
{
    for (int op = 0; op < PG_OP_COUNT; op++) {
        uint32_t rsv = pg_formats[pg_insns[op].format].reserved;
        if (!rsv)
            continue;
        uint32_t low = rsv & (~rsv + 1);
        uint32_t high = 0x80000000u;
        while (!(rsv & high))
            high >>= 1;
        uint32_t bits[2] = {low, high};
        for (int b = 0; b < 2; b++) {
            for (int st = 0; st < 2; st++) {
                char name[80];
                snprintf(name, sizeof name, "%s with reserved bit 0x%x%s", pg_insns[op].mnemonic, bits[b],
                         st ? " in problem state" : "");
                uint32_t w = fx_ins((pg_op)op, 1, 2, 3, 0) | bits[b];
                fault_case c = {name, st ? 0u : PG_PSW_S, w, FX_DATA, FX_DATA, PG_PGM_OPERATION};
                run_fault(&c);
            }
        }
    }
}

/* Every privileged row in problem state: privileged-operation, nothing changed. */
static void test_fault_privileged_rows(void)
{
    int count = 0;
    for (int op = 0; op < PG_OP_COUNT; op++) {
        if (!pg_insns[op].privileged)
            continue;
        count++;
        /* r1 = FX_DATA + 4: misaligned for lpsw and stck; diag with a nonzero code */
        int32_t imm = op == PG_OP_diag ? 5 : 0;
        char name[64];
        snprintf(name, sizeof name, "%s in problem state", pg_insns[op].mnemonic);
        fault_case c = {name, 0, fx_ins((pg_op)op, 3, 1, 2, imm), FX_DATA + 4, FX_DATA, PG_PGM_PRIVILEGED};
        run_fault(&c);
        /* and with ordinary operands, problem state with interrupts enabled */
        snprintf(name, sizeof name, "%s in problem state, aligned operand", pg_insns[op].mnemonic);
        fault_case c2 = {name, 0, fx_ins((pg_op)op, 3, 1, 2, 0), FX_DATA, 9, PG_PGM_PRIVILEGED};
        run_fault(&c2);
    }
    CU_ASSERT(count >= 14);
}

/* A misaligned instruction address is a specification exception at fetch (lpsw completed). */
static void test_fault_fetch_alignment(void)
{
    static const uint32_t targets[] = {FX_CODE + 0x101, FX_CODE + 0x102, FX_CODE + 0x103};
    for (size_t i = 0; i < 3; i++) {
        char ctx[64];
        snprintf(ctx, sizeof ctx, "lpsw to 0x%x", targets[i]);
        pg_machine *m = fx_machine();
        fx_put_psw(m, FX_DATA, PG_PSW_S, targets[i]);
        FX_CODE_AT(m, FX_CODE, XI(lpsw, 0, 0, FX_DATA));
        FX_PGMC(ctx, m, fx_run(m), PG_PGM_SPECIFICATION, PG_PSW_S, targets[i]);
        FX_EQC(ctx, pg_get_tod(m), CYC(lpsw) + FX_IC);
        FX_EQC(ctx, pg_get_stats(m)->instructions, 1);
        pg_machine_free(m);
    }
    /* a PSW installed by pg_set_psw at an odd address is accepted, faults at fetch */
    pg_machine *m = fx_machine();
    pg_psw p = {0, FX_CODE + 2};
    CU_ASSERT(pg_set_psw(m, p));
    FX_PGM(m, fx_run(m), PG_PGM_SPECIFICATION, 0, FX_CODE + 2);
    FX_EQ(pg_get_tod(m), FX_IC);
    pg_machine_free(m);
    /* misaligned and beyond storage: specification first */
    m = fx_machine();
    fx_psw(m, PG_PSW_S, FX_MEM + 2);
    FX_PGM(m, fx_run(m), PG_PGM_SPECIFICATION, PG_PSW_S, FX_MEM + 2);
    pg_machine_free(m);
}

/* Fetching beyond installed storage is an addressing exception (not operation). */
static void test_fault_fetch_addressing(void)
{
    pg_machine *m = fx_machine();
    fx_put_psw(m, FX_DATA, PG_PSW_S, FX_MEM);
    FX_CODE_AT(m, FX_CODE, XI(lpsw, 0, 0, FX_DATA));
    FX_PGM(m, fx_run(m), PG_PGM_ADDRESSING, PG_PSW_S, FX_MEM);
    FX_EQ(pg_get_tod(m), CYC(lpsw) + FX_IC);
    FX_EQ(fx_get32(m, PG_LC_TEA), FX_TEA_SENTINEL);
    pg_machine_free(m);
    /* jal far beyond storage: the jal completes (link written), the fetch faults */
    m = fx_machine();
    FX_CODE_AT(m, FX_CODE, XI(jal, 14, 0, 0x4000));
    FX_PGM(m, fx_run(m), PG_PGM_ADDRESSING, PG_PSW_S, FX_CODE + 0x10000);
    FX_EQ(pg_get_gpr(m, 14), FX_CODE + 4);
    FX_EQ(pg_get_tod(m), CYC(jal) + TKX(jal) + FX_IC);
    pg_machine_free(m);
    /* jal with the most negative 20-bit offset wraps below zero: sign extension */
    m = fx_machine();
    FX_CODE_AT(m, FX_CODE, XI(jal, 14, 0, -(1 << 19)));
    FX_PGM(m, fx_run(m), PG_PGM_ADDRESSING, PG_PSW_S, FX_CODE - (1u << 21));
    pg_machine_free(m);
    /* running off the end of storage */
    m = fx_machine();
    fx_psw(m, 0, FX_MEM - 4);
    fx_put32(m, FX_MEM - 4, XI(addi, 3, 3, 1));
    FX_PGM(m, fx_run(m), PG_PGM_ADDRESSING, 0, FX_MEM);
    FX_EQ(pg_get_gpr(m, 3), 1);
    pg_machine_free(m);
}

/* An exception after completed instructions keeps their effects and nullifies only itself. */
static void test_fault_mid_sequence(void)
{
    pg_machine *m = fx_machine();
    fx_psw(m, 0, FX_CODE);
    pg_set_gpr(m, 1, FX_DATA + 1);
    pg_set_gpr(m, 3, 0x33);
    FX_CODE_AT(m, FX_CODE, XI(addi, 4, 0, 4), XI(sb, 4, 1, 0), XI(lw, 3, 1, 0), XI(addi, 5, 0, 5));
    FX_PGM(m, fx_run(m), PG_PGM_SPECIFICATION, 0, FX_CODE + 8);
    FX_EQ(pg_get_gpr(m, 4), 4);
    FX_EQ(pg_get_gpr(m, 3), 0x33);
    FX_EQ(pg_get_gpr(m, 5), 0);
    FX_EQ(fx_get32(m, FX_DATA), 0x00040000);
    FX_EQ(pg_get_tod(m), CYC(addi) + CYC(sb) + FX_IC);
    pg_machine_free(m);
}

/* A program handler reports the code and resumes past the faulting instruction. */
static void test_fault_handler_resumes(void)
{
    pg_machine *m = fx_machine();
    fx_put_psw(m, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER);
    fx_psw(m, 0, FX_CODE);
    pg_set_gpr(m, 1, 10);
    /* main: div by zero, an undefined word, addi, svc to end */
    FX_CODE_AT(m, FX_CODE, X3(div, 3, 1, 0), 0x00000000, XI(addi, 4, 0, 1), XI(svc, 0, 0, 1));
    /* handler: r10 = r10 * 16 + code; old PSW address += 4; lpsw old */
    FX_CODE_AT(m, FX_HANDLER, XI(lw, 5, 0, PG_LC_PGM_CODE), XI(slli, 10, 10, 4), X3(or, 10, 10, 5),
               XI(lw, 6, 0, PG_LC_PGM_OLD + 4), XI(addi, 6, 6, 4), XI(sw, 6, 0, PG_LC_PGM_OLD + 4),
               XI(lpsw, 0, 0, PG_LC_PGM_OLD));
    FX_WAIT(m, fx_run(m), FX_SVC_WAIT);
    FX_EQ(pg_get_gpr(m, 10), 0x91);
    FX_EQ(pg_get_gpr(m, 4), 1);
    FX_EQ(pg_get_gpr(m, 3), 0);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_PROGRAM], 2);
    pg_machine_free(m);
}

/* diag 0 on pgsim sets rd to 0 ("bare hardware"). */
static void test_diag_zero(void)
{
    pg_machine *m = fx_machine();
    pg_set_gpr(m, 3, 0x12345);
    pg_set_gpr(m, 1, 0x777);
    FX_CODE_AT(m, FX_CODE, XI(diag, 3, 1, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 0);
    FX_EQ(pg_get_gpr(m, 1), 0x777);
    FX_EQ(pg_get_tod(m), CYC(diag) + CYC(lpsw));
    pg_machine_free(m);
}

/* ======================================================================== */
/* psw: lpsw, epsw, ssm, waits, check stop                                   */
/* ======================================================================== */

/* lpsw loads flags and address; epsw reads the flags word. */
static void test_psw_lpsw_epsw(void)
{
    pg_machine *m = fx_machine();
    pg_set_timer(m, INT64_C(1) << 40);
    fx_put_psw(m, FX_DATA, PG_PSW_S | PG_PSW_E | PG_PSW_I, 0x1100);
    FX_CODE_AT(m, FX_CODE, XI(epsw, 3, 0, 0), XI(lpsw, 0, 0, FX_DATA));
    FX_CODE_AT(m, 0x1100, XI(epsw, 4, 0, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), PG_PSW_S);
    FX_EQ(pg_get_gpr(m, 4), PG_PSW_S | PG_PSW_E | PG_PSW_I);
    FX_EQ(pg_get_tod(m), CYC(epsw) * 2 + CYC(lpsw) * 2);
    pg_machine_free(m);
    /* lpsw into problem state: the next privileged instruction traps there */
    m = fx_machine();
    fx_put_psw(m, FX_DATA, 0, 0x1100);
    FX_CODE_AT(m, FX_CODE, XI(lpsw, 0, 0, FX_DATA));
    FX_CODE_AT(m, 0x1100, XI(addi, 3, 0, 3), XI(epsw, 4, 0, 0));
    FX_PGM(m, fx_run(m), PG_PGM_PRIVILEGED, 0, 0x1104);
    FX_EQ(pg_get_gpr(m, 3), 3);
    pg_machine_free(m);
}

/* ssm takes only I and E from the register; S, W, T and the rest are ignored. */
static void test_psw_ssm(void)
{
    static const struct { uint32_t reg; uint32_t flags; } cases[] = {
        {0xFFFFFFFF, PG_PSW_S | PG_PSW_I | PG_PSW_E}, {0, PG_PSW_S},
        {PG_PSW_I, PG_PSW_S | PG_PSW_I}, {PG_PSW_E, PG_PSW_S | PG_PSW_E},
        {PG_PSW_S | PG_PSW_W | PG_PSW_T, PG_PSW_S}, {0xFFFFFFE7, PG_PSW_S},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char ctx[48];
        snprintf(ctx, sizeof ctx, "ssm 0x%x", cases[i].reg);
        pg_machine *m = fx_machine();
        pg_set_timer(m, INT64_C(1) << 40);
        pg_set_gpr(m, 1, cases[i].reg);
        FX_CODE_AT(m, FX_CODE, XI(ssm, 0, 1, 0), XI(epsw, 3, 0, 0), HALT);
        FX_WAITC(ctx, m, fx_run(m), FX_DONE);
        FX_EQC(ctx, pg_get_gpr(m, 3), cases[i].flags);
        pg_machine_free(m);
    }
    /* ssm 0 from an enabled PSW clears both masks */
    pg_machine *m = fx_machine();
    pg_set_timer(m, INT64_C(1) << 40);
    fx_psw(m, PG_PSW_S | PG_PSW_I | PG_PSW_E, FX_CODE);
    FX_CODE_AT(m, FX_CODE, XI(ssm, 0, 0, 0), XI(epsw, 3, 0, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), PG_PSW_S);
    pg_machine_free(m);
}

/* pg_set_psw refuses reserved bits and leaves the PSW as it was. */
static void test_psw_set_refuses_reserved(void)
{
    pg_machine *m = fx_machine();
    static const uint32_t bad[] = {0x20, 0x40, 0x80000000u, 0xFFFFFFFFu, PG_PSW_S | 0x100};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pg_psw p = {bad[i], 0x2000};
        CU_ASSERT_FALSE(pg_set_psw(m, p));
        pg_psw now = pg_get_psw(m);
        FX_EQ(now.flags, PG_PSW_S);
        FX_EQ(now.addr, FX_CODE);
    }
    pg_psw ok = {PG_PSW_VALID, 0x12345};
    CU_ASSERT(pg_set_psw(m, ok));
    FX_EQ(pg_get_psw(m).flags, PG_PSW_VALID);
    FX_EQ(pg_get_psw(m).addr, 0x12345);
    pg_machine_free(m);
}

/* A disabled wait stops; the PSW address is the wait code, any value. */
static void test_psw_disabled_wait(void)
{
    static const struct { uint32_t flags, code; } cases[] = {
        {PG_PSW_W, 0x12345}, {PG_PSW_W, 0xFFFFFFFF}, {PG_PSW_W | PG_PSW_S, 0x42},
        {PG_PSW_W | PG_PSW_S | PG_PSW_T, 7}, {PG_PSW_W, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char ctx[48];
        snprintf(ctx, sizeof ctx, "wait {0x%x, 0x%x}", cases[i].flags, cases[i].code);
        pg_machine *m = fx_machine();
        fx_put_psw(m, FX_DATA, cases[i].flags, cases[i].code);
        FX_CODE_AT(m, FX_CODE, XI(addi, 3, 0, 1), XI(lpsw, 0, 0, FX_DATA), XI(addi, 4, 0, 1));
        pg_stop s = fx_run(m);
        FX_EQC(ctx, s, PG_STOP_DISABLED_WAIT);
        pg_psw p = pg_get_psw(m);
        FX_EQC(ctx, p.flags, cases[i].flags);
        FX_EQC(ctx, p.addr, cases[i].code);
        FX_EQC(ctx, pg_get_gpr(m, 3), 1);
        FX_EQC(ctx, pg_get_gpr(m, 4), 0);
        FX_EQC(ctx, pg_get_tod(m), CYC(addi) + CYC(lpsw));
        FX_EQC(ctx, pg_get_stats(m)->interrupts[PG_INT_PROGRAM], 0);
        pg_machine_free(m);
    }
}

/* An enabled wait that nothing can end: PG_STOP_IDLE_WAIT. */
static void test_psw_idle_wait(void)
{
    pg_machine *m = fx_machine();
    fx_put_psw(m, FX_DATA, PG_PSW_W | PG_PSW_S | PG_PSW_I, 0x2222);
    FX_CODE_AT(m, FX_CODE, XI(lpsw, 0, 0, FX_DATA));
    FX_STOP(fx_run(m), PG_STOP_IDLE_WAIT);
    FX_EQ(pg_get_psw(m).flags, PG_PSW_W | PG_PSW_S | PG_PSW_I);
    FX_EQ(pg_get_psw(m).addr, 0x2222);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_IO], 0);
    pg_machine_free(m);
}

/* An invalid new PSW loaded by an interrupt is a check stop (machine.md 9):
   the interrupt happened in full (old PSW, code, 10 cycles) and the invalid
   PSW is the current PSW. */
static void test_psw_check_stop_invalid_new(void)
{
    /* program new PSW with a reserved bit */
    pg_machine *m = fx_machine();
    fx_put_psw(m, PG_LC_PGM_NEW, 0x20, FX_HANDLER);
    pg_set_gpr(m, 1, 5);
    FX_CODE_AT(m, FX_CODE, XI(addi, 2, 0, 2), X3(rem, 3, 1, 0));
    FX_STOP(fx_run(m), PG_STOP_CHECK_STOP);
    FX_EQ(fx_get_psw(m, PG_LC_PGM_OLD).flags, PG_PSW_S);
    FX_EQ(fx_get_psw(m, PG_LC_PGM_OLD).addr, FX_CODE + 4);
    FX_EQ(fx_get32(m, PG_LC_PGM_CODE), PG_PGM_DIVIDE);
    FX_EQ(pg_get_psw(m).flags, 0x20);
    FX_EQ(pg_get_psw(m).addr, FX_HANDLER);
    FX_EQ(pg_get_tod(m), CYC(addi) + FX_IC);
    pg_machine_free(m);
    /* SVC new PSW with the top bit */
    m = fx_machine();
    fx_put_psw(m, PG_LC_SVC_NEW, 0x80000000u | PG_PSW_S, FX_HANDLER);
    FX_CODE_AT(m, FX_CODE, XI(addi, 1, 0, 1), XI(svc, 0, 0, 9), HALT);
    FX_STOP(fx_run(m), PG_STOP_CHECK_STOP);
    FX_EQ(fx_get_psw(m, PG_LC_SVC_OLD).flags, PG_PSW_S);
    FX_EQ(fx_get_psw(m, PG_LC_SVC_OLD).addr, FX_CODE + 8);
    FX_EQ(fx_get32(m, PG_LC_SVC_CODE), 9);
    FX_EQ(pg_get_psw(m).flags, 0x80000000u | PG_PSW_S);
    FX_EQ(pg_get_psw(m).addr, FX_HANDLER);
    FX_EQ(pg_get_tod(m), CYC(addi) + CYC(svc) + FX_IC);
    FX_EQ(pg_get_gpr(m, 1), 1);
    pg_machine_free(m);
    /* external new PSW invalid, timer interrupt */
    m = fx_machine();
    fx_put_psw(m, PG_LC_EXT_NEW, 0x40 | PG_PSW_S, FX_HANDLER);
    pg_set_timer(m, -1);
    fx_psw(m, PG_PSW_S | PG_PSW_E, FX_CODE);
    FX_CODE_AT(m, FX_CODE, HALT);
    FX_STOP(fx_run(m), PG_STOP_CHECK_STOP);
    FX_EQ(fx_get_psw(m, PG_LC_EXT_OLD).flags, PG_PSW_S | PG_PSW_E);
    FX_EQ(fx_get_psw(m, PG_LC_EXT_OLD).addr, FX_CODE);
    FX_EQ(fx_get32(m, PG_LC_EXT_CODE), PG_EXT_CPU_TIMER);
    FX_EQ(pg_get_psw(m).flags, 0x40 | PG_PSW_S);
    FX_EQ(pg_get_psw(m).addr, FX_HANDLER);
    FX_EQ(pg_get_tod(m), FX_IC);
    /* and it stays stopped: nothing is fetched */
    FX_STOP(fx_run(m), PG_STOP_CHECK_STOP);
    FX_EQ(pg_get_tod(m), FX_IC);
    pg_machine_free(m);
    /* I/O new PSW invalid */
    fx_console con = {0};
    m = fx_machine();
    fx_attach_console(m, PG_DEV_CONSOLE, &con);
    fx_ccw(m, FX_DATA, PG_CCW_WRITE, 0, 1, FX_DATA + 0x100);
    fx_put_psw(m, PG_LC_IO_NEW, 0xFFFFFFFFu, FX_HANDLER);
    fx_put_psw(m, FX_DATA + 0x40, PG_PSW_W | PG_PSW_I, 0x4321);
    pg_set_gpr(m, 1, PG_DEV_CONSOLE);
    pg_set_gpr(m, 2, FX_DATA);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), XI(lpsw, 0, 0, FX_DATA + 0x40));
    FX_STOP(fx_run(m), PG_STOP_CHECK_STOP);
    FX_EQ(fx_get_psw(m, PG_LC_IO_OLD).flags, PG_PSW_W | PG_PSW_I);
    FX_EQ(fx_get_psw(m, PG_LC_IO_OLD).addr, 0x4321);
    FX_EQ(fx_get32(m, PG_LC_IO_DEV), PG_DEV_CONSOLE);
    FX_EQ(fx_get32(m, PG_LC_CSW), FX_DATA + 8);
    FX_EQ(pg_get_psw(m).flags, 0xFFFFFFFFu);
    FX_EQ(pg_get_psw(m).addr, FX_HANDLER);
    FX_EQ(pg_get_tod(m), PG_LAT_CONSOLE_BASE + 1 + FX_IC);
    pg_machine_free(m);
}

/* A program exception before any instruction completes after a program
   interrupt is a check stop (program-interruption loop). */
static void test_psw_check_stop_loop(void)
{
    /* program new PSW all zero: problem state at 0, word 0 there */
    pg_machine *m = fx_machine();
    fx_put_psw(m, PG_LC_PGM_NEW, 0, 0);
    FX_CODE_AT(m, FX_CODE, 0xFFFFFFFF);
    FX_STOP(pg_run(m, 100000), PG_STOP_CHECK_STOP);
    pg_machine_free(m);
    /* program new PSW at an odd address */
    m = fx_machine();
    fx_put_psw(m, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER + 2);
    FX_CODE_AT(m, FX_CODE, X3(div, 1, 1, 0));
    FX_STOP(pg_run(m, 100000), PG_STOP_CHECK_STOP);
    pg_machine_free(m);
    /* program new PSW pointing at a privileged instruction in problem state */
    m = fx_machine();
    fx_put_psw(m, PG_LC_PGM_NEW, 0, FX_HANDLER);
    FX_CODE_AT(m, FX_HANDLER, XI(ptlb, 0, 0, 0));
    FX_CODE_AT(m, FX_CODE, 0);
    FX_STOP(pg_run(m, 100000), PG_STOP_CHECK_STOP);
    pg_machine_free(m);
}

/* The loop's second exception is not taken: not counted, nothing stored. */
static void test_psw_check_stop_loop_not_counted(void)
{
    pg_machine *m = fx_machine();
    fx_put_psw(m, PG_LC_PGM_NEW, 0, 0);
    FX_CODE_AT(m, FX_CODE, 0xFFFFFFFF);
    FX_STOP(pg_run(m, 100000), PG_STOP_CHECK_STOP);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_PROGRAM], 1);
    FX_EQ(fx_get32(m, PG_LC_PGM_OLD + 4), FX_CODE);  /* the first one's old PSW */
    FX_EQ(pg_get_psw(m).addr, 0);                    /* at the failing fetch */
    FX_EQ(pg_get_tod(m), FX_IC);
    pg_machine_free(m);
}

/* Installing a PSW through the interface ends the watch (machine.md 9). */
static void test_psw_set_psw_ends_watch(void)
{
    pg_machine *m = fx_machine();
    fx_put_psw(m, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER);
    FX_CODE_AT(m, FX_HANDLER, 0xFFFFFFFF);
    FX_CODE_AT(m, FX_CODE, 0xFFFFFFFF);
    pg_step_info info;
    FX_STOP(pg_step(m, &info), PG_STOP_STEP);       /* fault at FX_CODE, taken */
    CU_ASSERT(info.interrupted);
    CU_ASSERT(pg_set_psw(m, (pg_psw){PG_PSW_S, FX_HANDLER}));
    FX_STOP(pg_step(m, &info), PG_STOP_STEP);       /* an ordinary exception now */
    CU_ASSERT(info.interrupted);
    FX_EQ(info.irq.code, PG_PGM_OPERATION);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_PROGRAM], 2);
    pg_machine_free(m);
}

/* An external interrupt taken between the program interrupt and the next
   exception ends the watch: that exception is an ordinary one (machine.md 9). */
static void test_psw_no_check_stop_after_external(void)
{
    pg_machine *m = fx_machine();
    pg_set_timer(m, -1);
    fx_put_psw(m, PG_LC_PGM_NEW, PG_PSW_S | PG_PSW_E, FX_HANDLER);
    fx_put_psw(m, PG_LC_EXT_NEW, PG_PSW_S, FX_HANDLER + 0x100);
    FX_CODE_AT(m, FX_HANDLER + 0x100, 0xFFFFFFFF);
    FX_CODE_AT(m, FX_CODE, 0xFFFFFFFF);
    /* program -> external (timer) at once -> fault -> program -> external ... */
    FX_STOP(pg_run(m, 1000), PG_STOP_BUDGET);
    CU_ASSERT(pg_get_stats(m)->interrupts[PG_INT_PROGRAM] >= 40);
    CU_ASSERT(pg_get_stats(m)->interrupts[PG_INT_EXTERNAL] >= 40);
    FX_EQ(pg_get_stats(m)->instructions, 0);
    pg_machine_free(m);
}

/* Not a loop: a handler that completes an instruction before faulting again runs on. */
static void test_psw_no_check_stop_when_progress(void)
{
    pg_machine *m = fx_machine();
    fx_put_psw(m, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER);
    FX_CODE_AT(m, FX_HANDLER, XI(addi, 9, 9, 1), 0x00000000);
    FX_CODE_AT(m, FX_CODE, 0x00000000);
    pg_stop s = pg_run(m, 1000);
    FX_STOP(s, PG_STOP_BUDGET);
    uint64_t tod = pg_get_tod(m);
    CU_ASSERT(tod >= 1000);
    CU_ASSERT(tod < 1000 + FX_IC + CYC(addi));
    /* one program interrupt, then n times (addi, program interrupt) */
    uint64_t n = pg_get_gpr(m, 9), ints = pg_get_stats(m)->interrupts[PG_INT_PROGRAM];
    CU_ASSERT(n >= (1000 - FX_IC) / (FX_IC + CYC(addi)) - 1);
    CU_ASSERT(ints == n || ints == n + 1);
    pg_machine_free(m);
}

/* ======================================================================== */
/* interrupts                                                               */
/* ======================================================================== */

/* An interrupt that ends an enabled wait stores the wait PSW unchanged. */
static void test_int_wait_psw_stored(void)
{
    pg_machine *m = fx_machine();
    pg_set_timer(m, 100);
    fx_put_psw(m, FX_DATA, PG_PSW_W | PG_PSW_S | PG_PSW_E, 0x4444);
    FX_CODE_AT(m, FX_CODE, XI(lpsw, 0, 0, FX_DATA));
    FX_WAIT(m, fx_run(m), FX_EXT_WAIT);
    pg_psw old = fx_get_psw(m, PG_LC_EXT_OLD);
    FX_EQ(old.flags, PG_PSW_W | PG_PSW_S | PG_PSW_E);
    FX_EQ(old.addr, 0x4444);
    FX_EQ(fx_get32(m, PG_LC_EXT_CODE), PG_EXT_CPU_TIMER);
    /* the timer goes negative at TOD 101; the interrupt is taken then */
    FX_EQ(pg_get_tod(m), 101 + FX_IC);
    FX_EQ(pg_get_timer(m), 100 - (int64_t)(101 + FX_IC));
    FX_EQ(pg_get_stats(m)->wait_cycles, 101 - CYC(lpsw));
    FX_EQ(pg_get_stats(m)->cycles, 101 + FX_IC);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_EXTERNAL], 1);
    pg_machine_free(m);
}

/* A masked pending interrupt is not taken; ssm enabling it: taken at the very next boundary. */
static void test_int_enable_next_boundary(void)
{
    pg_machine *m = fx_machine();
    pg_set_timer(m, -1);
    fx_put32(m, PG_LC_EXT_CODE, 0xFFFFFFFF);
    pg_set_gpr(m, 1, PG_PSW_E);
    FX_CODE_AT(m, FX_CODE, XI(addi, 4, 0, 4), XI(addi, 5, 0, 5), XI(ssm, 0, 1, 0), XI(addi, 6, 0, 6));
    FX_WAIT(m, fx_run(m), FX_EXT_WAIT);
    pg_psw old = fx_get_psw(m, PG_LC_EXT_OLD);
    FX_EQ(old.flags, PG_PSW_S | PG_PSW_E);
    FX_EQ(old.addr, FX_CODE + 12);
    FX_EQ(fx_get32(m, PG_LC_EXT_CODE), PG_EXT_CPU_TIMER);
    FX_EQ(pg_get_gpr(m, 5), 5);
    FX_EQ(pg_get_gpr(m, 6), 0);
    FX_EQ(pg_get_tod(m), 2 * CYC(addi) + CYC(ssm) + FX_IC);
    pg_machine_free(m);
    /* lpsw enabling: taken before the first instruction of the new PSW */
    m = fx_machine();
    pg_set_timer(m, -1);
    fx_put_psw(m, FX_DATA, PG_PSW_E, 0x1100);
    FX_CODE_AT(m, FX_CODE, XI(lpsw, 0, 0, FX_DATA));
    FX_CODE_AT(m, 0x1100, XI(addi, 6, 0, 6));
    FX_WAIT(m, fx_run(m), FX_EXT_WAIT);
    old = fx_get_psw(m, PG_LC_EXT_OLD);
    FX_EQ(old.flags, PG_PSW_E);
    FX_EQ(old.addr, 0x1100);
    FX_EQ(pg_get_gpr(m, 6), 0);
    pg_machine_free(m);
    /* masked throughout: never taken */
    m = fx_machine();
    pg_set_timer(m, -1);
    pg_set_gpr(m, 1, PG_PSW_I);
    FX_CODE_AT(m, FX_CODE, XI(addi, 4, 0, 4), XI(ssm, 0, 1, 0), XI(addi, 5, 0, 5), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_EXTERNAL], 0);
    FX_EQ(fx_get32(m, PG_LC_EXT_OLD + 4), 0);
    pg_machine_free(m);
}

/* Several interrupts at one boundary: external first; its new PSW enables I/O, taken next. */
static void test_int_several_at_one_boundary(void)
{
    pg_machine *m = fx_machine();
    fx_console con = {0};
    fx_attach_console(m, PG_DEV_CONSOLE, &con);
    fx_ccw(m, FX_DATA, PG_CCW_WRITE, 0, 4, FX_DATA + 0x100);
    CU_ASSERT(pg_write_real(m, FX_DATA + 0x100, "ping", 4));
    fx_put_psw(m, PG_LC_EXT_NEW, PG_PSW_S | PG_PSW_I, FX_HANDLER);
    FX_CODE_AT(m, FX_HANDLER, XI(addi, 9, 0, 9));
    pg_set_timer(m, 200);
    pg_set_gpr(m, 1, PG_DEV_CONSOLE);
    pg_set_gpr(m, 2, FX_DATA);
    pg_set_gpr(m, 4, 100);
    pg_set_gpr(m, 5, PG_PSW_I | PG_PSW_E);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), XI(addi, 4, 4, -1), XI(bne, 4, 0, -1), XI(ssm, 0, 5, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_IO_WAIT);
    uint64_t loop = 100 * (CYC(addi) + CYC(bne)) + 99 * TKX(bne);
    uint64_t at = CYC(sio) + loop + CYC(ssm);
    CU_ASSERT(at > 200 && at > 104);    /* both pending before ssm */
    pg_psw ext = fx_get_psw(m, PG_LC_EXT_OLD);
    FX_EQ(ext.flags, PG_PSW_S | PG_PSW_I | PG_PSW_E);
    FX_EQ(ext.addr, FX_CODE + 16);
    FX_EQ(fx_get32(m, PG_LC_EXT_CODE), PG_EXT_CPU_TIMER);
    pg_psw io = fx_get_psw(m, PG_LC_IO_OLD);
    FX_EQ(io.flags, PG_PSW_S | PG_PSW_I);
    FX_EQ(io.addr, FX_HANDLER);
    FX_EQ(fx_get32(m, PG_LC_IO_DEV), PG_DEV_CONSOLE);
    FX_EQ(fx_get32(m, PG_LC_CSW), FX_DATA + 8);
    FX_EQ(fx_get32(m, PG_LC_CSW + 4), (uint32_t)(PG_US_CE | PG_US_DE) << 24);
    FX_EQ(pg_get_gpr(m, 9), 0);         /* no handler instruction ran */
    FX_EQ(pg_get_gpr(m, 3), PG_CC_OK);
    FX_EQ(pg_get_tod(m), at + 2 * FX_IC);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_EXTERNAL], 1);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_IO], 1);
    FX_EQ(con.outlen, 4);
    CU_ASSERT_STRING_EQUAL(con.out, "ping");
    pg_machine_free(m);
}

/* External before I/O even when the I/O interrupt became pending first. */
static void test_int_external_before_io(void)
{
    pg_machine *m = fx_machine();
    fx_console con = {0};
    fx_attach_console(m, PG_DEV_CONSOLE, &con);
    fx_ccw(m, FX_DATA, PG_CCW_WRITE, 0, 1, FX_DATA + 0x100);
    pg_set_timer(m, 1000);
    pg_set_gpr(m, 1, PG_DEV_CONSOLE);
    pg_set_gpr(m, 2, FX_DATA);
    pg_set_gpr(m, 4, 400);
    pg_set_gpr(m, 5, PG_PSW_I | PG_PSW_E);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), XI(addi, 4, 4, -1), XI(bne, 4, 0, -1), XI(ssm, 0, 5, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_EXT_WAIT);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_IO], 0);
    FX_EQ(fx_get_psw(m, PG_LC_EXT_OLD).addr, FX_CODE + 16);
    pg_machine_free(m);
}

/* ======================================================================== */
/* io: sio, tio, hio on the console                                         */
/* ======================================================================== */

/* A machine with the in-memory console, a WRITE CCW at FX_DATA of `text`, r1 = 9, r2 = CCW. */
static pg_machine *io_machine(fx_console *con, const char *text)
{
    pg_machine *m = fx_machine();
    fx_attach_console(m, PG_DEV_CONSOLE, con);
    uint16_t n = (uint16_t)strlen(text);
    fx_ccw(m, FX_DATA, PG_CCW_WRITE, 0, n, FX_DATA + 0x100);
    CU_ASSERT(pg_write_real(m, FX_DATA + 0x100, text, n));
    pg_set_gpr(m, 1, PG_DEV_CONSOLE);
    pg_set_gpr(m, 2, FX_DATA);
    return m;
}

/* sio then an enabled wait: the I/O interrupt at sio start + 100 + bytes, device and CSW stored. */
static void test_io_interrupt_timing(void)
{
    fx_console con = {0};
    pg_machine *m = io_machine(&con, "hello");
    fx_put_psw(m, FX_DATA + 0x40, PG_PSW_W | PG_PSW_S | PG_PSW_I, 0x5555);
    fx_put32(m, PG_LC_IO_DEV, 0xFFFFFFFF);
    FX_CODE_AT(m, FX_CODE, XI(addi, 5, 0, 1), X3(sio, 3, 1, 2), XI(lpsw, 0, 0, FX_DATA + 0x40));
    pg_set_gpr(m, 3, 0x77);
    FX_WAIT(m, fx_run(m), FX_IO_WAIT);
    FX_EQ(pg_get_gpr(m, 3), PG_CC_OK);
    CU_ASSERT_STRING_EQUAL(con.out, "hello");
    FX_EQ(con.writes, 1);
    uint64_t start = CYC(addi);
    uint64_t pending = start + PG_LAT_CONSOLE_BASE + 5;
    pg_psw old = fx_get_psw(m, PG_LC_IO_OLD);
    FX_EQ(old.flags, PG_PSW_W | PG_PSW_S | PG_PSW_I);
    FX_EQ(old.addr, 0x5555);
    FX_EQ(fx_get32(m, PG_LC_IO_DEV), PG_DEV_CONSOLE);
    FX_EQ(fx_get32(m, PG_LC_CSW), FX_DATA + 8);
    FX_EQ(fx_get32(m, PG_LC_CSW + 4), (uint32_t)(PG_US_CE | PG_US_DE) << 24);
    FX_EQ(pg_get_tod(m), pending + FX_IC);
    FX_EQ(pg_get_stats(m)->wait_cycles, pending - (start + CYC(sio) + CYC(lpsw)));
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_IO], 1);
    pg_machine_free(m);
}

/* The I/O interrupt is taken at the first boundary at or after the completion time. */
static void test_io_interrupt_in_loop(void)
{
    fx_console con = {0};
    pg_machine *m = io_machine(&con, "0123456789");
    fx_psw(m, PG_PSW_S | PG_PSW_I, FX_CODE);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), XI(addi, 4, 4, 1), XI(jal, 0, 0, -1));
    FX_WAIT(m, fx_run(m), FX_IO_WAIT);
    /* simulate the boundaries: after sio, then addi/jal alternately */
    uint64_t pending = PG_LAT_CONSOLE_BASE + 10, t = CYC(sio);
    uint32_t pc = FX_CODE + 4, r4 = 0;
    while (t < pending) {
        if (pc == FX_CODE + 4) {
            t += CYC(addi);
            r4++;
            pc = FX_CODE + 8;
        } else {
            t += CYC(jal) + TKX(jal);
            pc = FX_CODE + 4;
        }
    }
    pg_psw old = fx_get_psw(m, PG_LC_IO_OLD);
    FX_EQ(old.flags, PG_PSW_S | PG_PSW_I);
    FX_EQ(old.addr, pc);
    FX_EQ(pg_get_gpr(m, 4), r4);
    FX_EQ(pg_get_tod(m), t + FX_IC);
    pg_machine_free(m);
}

/* tio polling with I/O disabled: busy (2), then status pending (1, CSW stored), then available (0). */
static void test_io_tio_polling(void)
{
    fx_console con = {0};
    pg_machine *m = io_machine(&con, "hi!\n");
    pg_set_gpr(m, 7, PG_CC_BUSY);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), XI(tio, 4, 1, 0), XI(tio, 5, 1, 0), XI(beq, 5, 7, -1),
               XI(tio, 6, 1, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), PG_CC_OK);
    FX_EQ(pg_get_gpr(m, 4), PG_CC_BUSY);
    FX_EQ(pg_get_gpr(m, 5), PG_CC_STORED);
    FX_EQ(pg_get_gpr(m, 6), PG_CC_OK);
    FX_EQ(fx_get32(m, PG_LC_CSW), FX_DATA + 8);
    FX_EQ(fx_get32(m, PG_LC_CSW + 4), (uint32_t)(PG_US_CE | PG_US_DE) << 24);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_IO], 0);
    CU_ASSERT_STRING_EQUAL(con.out, "hi!\n");
    /* exact time: tio sees the clock as of its start */
    uint64_t pending = PG_LAT_CONSOLE_BASE + 4;
    uint64_t t = CYC(sio) + CYC(tio);
    while (t < pending)
        t += CYC(tio) + CYC(beq) + TKX(beq);
    t += CYC(tio) + CYC(beq) + CYC(tio) + CYC(lpsw);
    FX_EQ(pg_get_tod(m), t);
    pg_machine_free(m);
}

/* sio answers: 1 with status pending (CSW stored, nothing started), 2 busy, 3 no device. */
static void test_io_sio_answers(void)
{
    fx_console con = {0};
    pg_machine *m = io_machine(&con, "abc");
    pg_set_gpr(m, 8, 0x123);
    pg_set_gpr(m, 9, 0x10000 | PG_DEV_CONSOLE);
    pg_set_gpr(m, 10, 300);
    FX_CODE_AT(m, FX_CODE,
               X3(sio, 3, 1, 2),                   /* 0: started */
               X3(sio, 4, 1, 2),                   /* 2: busy */
               X3(sio, 5, 8, 2),                   /* 3: no device 0x123 */
               X3(sio, 6, 9, 2),                   /* 3: 0x10009 is not 009 */
               XI(addi, 10, 10, -1), XI(bne, 10, 0, -1),
               X3(sio, 11, 1, 2),                  /* 1: status pending, stored */
               X3(sio, 12, 1, 2),                  /* 0: started again */
               HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), PG_CC_OK);
    FX_EQ(pg_get_gpr(m, 4), PG_CC_BUSY);
    FX_EQ(pg_get_gpr(m, 5), PG_CC_NOT_OPER);
    FX_EQ(pg_get_gpr(m, 6), PG_CC_NOT_OPER);
    FX_EQ(pg_get_gpr(m, 11), PG_CC_STORED);
    FX_EQ(pg_get_gpr(m, 12), PG_CC_OK);
    FX_EQ(fx_get32(m, PG_LC_CSW), FX_DATA + 8);
    FX_EQ(fx_get32(m, PG_LC_CSW + 4), (uint32_t)(PG_US_CE | PG_US_DE) << 24);
    CU_ASSERT_STRING_EQUAL(con.out, "abcabc");
    FX_EQ(con.writes, 2);
    pg_machine_free(m);
}

/* tio and hio on missing devices answer 3; hio on an idle device answers 0. */
static void test_io_tio_hio_not_oper(void)
{
    fx_console con = {0};
    pg_machine *m = io_machine(&con, "x");
    pg_set_gpr(m, 8, 0x123);
    pg_set_gpr(m, 9, 0xFFFFFFFF);
    FX_CODE_AT(m, FX_CODE, XI(tio, 3, 8, 0), XI(hio, 4, 8, 0), XI(tio, 5, 9, 0), XI(hio, 6, 9, 0),
               XI(tio, 7, 1, 0), XI(hio, 10, 1, 0), HALT);
    for (unsigned r = 3; r <= 10; r++)
        pg_set_gpr(m, r, 0x55);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), PG_CC_NOT_OPER);
    FX_EQ(pg_get_gpr(m, 4), PG_CC_NOT_OPER);
    FX_EQ(pg_get_gpr(m, 5), PG_CC_NOT_OPER);
    FX_EQ(pg_get_gpr(m, 6), PG_CC_NOT_OPER);
    FX_EQ(pg_get_gpr(m, 7), PG_CC_OK);
    FX_EQ(pg_get_gpr(m, 10), PG_CC_OK);
    pg_machine_free(m);
}

/* hio on a busy device answers 1; its status is pending at once (interrupt at the next boundary). */
static void test_io_hio_busy(void)
{
    fx_console con = {0};
    pg_machine *m = io_machine(&con, "a long line of console output");
    pg_set_gpr(m, 5, PG_PSW_I);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), XI(hio, 4, 1, 0), XI(ssm, 0, 5, 0), XI(addi, 6, 0, 6));
    FX_WAIT(m, fx_run(m), FX_IO_WAIT);
    FX_EQ(pg_get_gpr(m, 3), PG_CC_OK);
    FX_EQ(pg_get_gpr(m, 4), PG_CC_STORED);
    pg_psw old = fx_get_psw(m, PG_LC_IO_OLD);
    FX_EQ(old.addr, FX_CODE + 12);
    FX_EQ(pg_get_gpr(m, 6), 0);
    FX_EQ(fx_get32(m, PG_LC_IO_DEV), PG_DEV_CONSOLE);
    FX_EQ(pg_get_tod(m), CYC(sio) + CYC(hio) + CYC(ssm) + FX_IC);
    pg_machine_free(m);
}

/* Lowest device number first when two devices are pending at one boundary. */
static void test_io_priority_lowest_devno(void)
{
    fx_console c9 = {0}, c20 = {0};
    pg_machine *m = fx_machine();
    fx_attach_console(m, PG_DEV_CONSOLE, &c9);
    fx_attach_console(m, 0x020, &c20);
    fx_ccw(m, FX_DATA, PG_CCW_WRITE, 0, 1, FX_DATA + 0x100);
    fx_ccw(m, FX_DATA + 8, PG_CCW_WRITE, 0, 2, FX_DATA + 0x100);
    CU_ASSERT(pg_write_real(m, FX_DATA + 0x100, "AB", 2));
    pg_set_gpr(m, 1, PG_DEV_CONSOLE);
    pg_set_gpr(m, 2, FX_DATA);
    pg_set_gpr(m, 7, 0x020);
    pg_set_gpr(m, 8, FX_DATA + 8);
    pg_set_gpr(m, 10, 200);
    pg_set_gpr(m, 5, PG_PSW_I);
    fx_put_psw(m, PG_LC_IO_NEW, PG_PSW_S, FX_HANDLER);
    /* handler (I/O disabled): record the device, return */
    FX_CODE_AT(m, FX_HANDLER, XI(lw, 11, 0, PG_LC_IO_DEV), XI(slli, 12, 12, 12), X3(or, 12, 12, 11),
               XI(lpsw, 0, 0, PG_LC_IO_OLD));
    /* the higher device (0x020) is started first and is pending first */
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 7, 8), X3(sio, 4, 1, 2), XI(addi, 10, 10, -1), XI(bne, 10, 0, -1),
               XI(ssm, 0, 5, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 12), (PG_DEV_CONSOLE << 12) | 0x020);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_IO], 2);
    CU_ASSERT_STRING_EQUAL(c9.out, "A");
    CU_ASSERT_STRING_EQUAL(c20.out, "AB");
    pg_machine_free(m);
}

/* A console READ: data stored, residual = count - length (SLI), and end of input. */
static void test_io_console_read(void)
{
    static const char *const lines[] = {"abc", NULL};
    fx_console con = {0};
    con.lines = lines;
    pg_machine *m = fx_machine();
    fx_attach_console(m, PG_DEV_CONSOLE, &con);
    fx_ccw(m, FX_DATA, PG_CCW_READ, PG_CCW_FLAG_SLI, 80, FX_DATA + 0x100);
    pg_set_gpr(m, 1, PG_DEV_CONSOLE);
    pg_set_gpr(m, 2, FX_DATA);
    pg_set_gpr(m, 7, PG_CC_BUSY);
    /* read, poll; read again (end of input), poll */
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), XI(tio, 4, 1, 0), XI(beq, 4, 7, -1),
               XI(lw, 8, 0, PG_LC_CSW + 4),
               X3(sio, 5, 1, 2), XI(tio, 6, 1, 0), XI(beq, 6, 7, -1),
               XI(lw, 9, 0, PG_LC_CSW + 4), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), PG_CC_OK);
    FX_EQ(pg_get_gpr(m, 4), PG_CC_STORED);
    FX_EQ(pg_get_gpr(m, 8), (uint32_t)(PG_US_CE | PG_US_DE) << 24 | 77);
    char buf[4] = {0};
    CU_ASSERT(pg_read_real(m, FX_DATA + 0x100, buf, 3));
    CU_ASSERT_STRING_EQUAL(buf, "abc");
    FX_EQ(pg_get_gpr(m, 5), PG_CC_OK);
    FX_EQ(pg_get_gpr(m, 9), (uint32_t)(PG_US_CE | PG_US_DE | PG_US_UNIT_EXCEPTION) << 24 | 80);
    pg_machine_free(m);
}

/* A console READ with no input yet: pg_run stops with IO_BLOCKED before the sio, clock frozen. */
static void test_io_blocked(void)
{
    static const char *const lines[] = {"x", NULL};
    fx_console con = {0};
    con.lines = lines;
    con.block = true;
    pg_machine *m = fx_machine();
    fx_attach_console(m, PG_DEV_CONSOLE, &con);
    fx_ccw(m, FX_DATA, PG_CCW_READ, PG_CCW_FLAG_SLI, 10, FX_DATA + 0x100);
    pg_set_gpr(m, 1, PG_DEV_CONSOLE);
    pg_set_gpr(m, 2, FX_DATA);
    pg_set_gpr(m, 3, 0x99);
    FX_CODE_AT(m, FX_CODE, XI(addi, 4, 0, 4), X3(sio, 3, 1, 2), HALT);
    FX_STOP(fx_run(m), PG_STOP_IO_BLOCKED);
    FX_EQ(pg_get_psw(m).addr, FX_CODE + 4);
    FX_EQ(pg_get_psw(m).flags, PG_PSW_S);
    FX_EQ(pg_get_gpr(m, 3), 0x99);
    FX_EQ(pg_get_gpr(m, 4), 4);
    FX_EQ(pg_get_tod(m), CYC(addi));
    /* again: still blocked, still no time */
    FX_STOP(fx_run(m), PG_STOP_IO_BLOCKED);
    FX_EQ(pg_get_tod(m), CYC(addi));
    con.block = false;
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), PG_CC_OK);
    FX_EQ(pg_get_tod(m), CYC(addi) + CYC(sio) + CYC(lpsw));
    FX_EQ(pg_get_stats(m)->instructions, 3);
    pg_machine_free(m);
}

/* Errors in a channel program never show in sio's answer: cc 0, then ending
   status with program check after the base latency; tio stores only the CSW. */
static void test_io_program_check_is_ending_status(void)
{
    fx_console con = {0};
    pg_machine *m = fx_machine();
    fx_attach_console(m, PG_DEV_CONSOLE, &con);
    pg_set_gpr(m, 1, PG_DEV_CONSOLE);
    pg_set_gpr(m, 2, FX_DATA + 4);          /* a misaligned CCW address */
    pg_set_gpr(m, 7, PG_CC_BUSY);
    fx_put32(m, PG_LC_IO_DEV, 0xABCDEF01);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), XI(tio, 4, 1, 0), XI(beq, 4, 7, -1), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), PG_CC_OK);
    FX_EQ(pg_get_gpr(m, 4), PG_CC_STORED);
    FX_EQ(fx_get32(m, PG_LC_CSW), FX_DATA + 12);
    FX_EQ(fx_get32(m, PG_LC_CSW + 4), (uint32_t)(PG_US_CE | PG_US_DE) << 24 | (uint32_t)PG_CS_PROGRAM_CHECK << 16);
    FX_EQ(fx_get32(m, PG_LC_IO_DEV), 0xABCDEF01);
    FX_EQ(con.writes, 0);
    uint64_t t = CYC(sio);
    while (t < PG_LAT_CONSOLE_BASE)
        t += CYC(tio) + CYC(beq) + TKX(beq);
    FX_EQ(pg_get_tod(m), t + CYC(tio) + CYC(beq) + CYC(lpsw));
    pg_machine_free(m);
}

/* hio leaves pending status pending (answer 0); the I/O interrupt clears it (tio then 0). */
static void test_io_hio_pending_and_interrupt_clears(void)
{
    fx_console con = {0};
    pg_machine *m = io_machine(&con, "xy");
    pg_set_gpr(m, 10, 200);
    pg_set_gpr(m, 5, PG_PSW_I);
    fx_put_psw(m, PG_LC_IO_NEW, PG_PSW_S, FX_HANDLER);
    FX_CODE_AT(m, FX_HANDLER, XI(tio, 6, 1, 0), HALT);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), XI(addi, 10, 10, -1), XI(bne, 10, 0, -1),
               XI(hio, 4, 1, 0), XI(ssm, 0, 5, 0), HALT);
    pg_set_gpr(m, 6, 0x55);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 4), PG_CC_OK);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_IO], 1);
    FX_EQ(fx_get_psw(m, PG_LC_IO_OLD).addr, FX_CODE + 20);
    FX_EQ(pg_get_gpr(m, 6), PG_CC_OK);
    pg_machine_free(m);
}

/* The device number is the whole register: r0 names device 0 (none here). */
static void test_io_device_zero(void)
{
    pg_machine *m = fx_machine();
    pg_set_gpr(m, 2, FX_DATA);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 0, 2), XI(tio, 4, 0, 0), XI(hio, 5, 0, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), PG_CC_NOT_OPER);
    FX_EQ(pg_get_gpr(m, 4), PG_CC_NOT_OPER);
    FX_EQ(pg_get_gpr(m, 5), PG_CC_NOT_OPER);
    pg_machine_free(m);
}

/* ======================================================================== */
/* hook: interrupts handed to the hook                                       */
/* ======================================================================== */

typedef struct hook_log {
    int calls;
    pg_interrupt irq[8];
    pg_psw psw_at_call[8];
    pg_hook_action action;
    bool skip_instruction;          /* program: resume past the faulting word */
    bool reset_timer;               /* external: set the timer far ahead */
} hook_log;

/* Record the interrupt and the PSW; optionally fix the cause. */
static pg_hook_action hook_record(void *ctx, pg_machine *m, const pg_interrupt *irq)
{
    hook_log *h = ctx;
    if (h->calls < 8) {
        h->irq[h->calls] = *irq;
        h->psw_at_call[h->calls] = pg_get_psw(m);
    }
    h->calls++;
    if (h->skip_instruction && irq->cls == PG_INT_PROGRAM) {
        pg_psw p = irq->old;
        p.addr += 4;
        pg_set_psw(m, p);
    }
    if (h->reset_timer && irq->cls == PG_INT_EXTERNAL)
        pg_set_timer(m, INT64_C(1) << 40);
    return h->calls > 6 ? PG_HOOK_STOP : h->action;
}

/* svc with a hook: hook sees it, nothing stored, no interrupt cycles, PSW = SVC old PSW. */
static void test_hook_svc(void)
{
    pg_machine *m = fx_machine();
    hook_log h = {.action = PG_HOOK_RESUME};
    pg_set_interrupt_hook(m, hook_record, &h);
    fx_put32(m, PG_LC_SVC_CODE, 0xFFFFFFFF);
    FX_CODE_AT(m, FX_CODE, XI(svc, 0, 0, 77), HALT);
    uint8_t *mem = fx_save_mem(m);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(h.calls, 1);
    FX_EQ(h.irq[0].cls, PG_INT_SVC);
    FX_EQ(h.irq[0].code, 77);
    FX_EQ(h.irq[0].old.flags, PG_PSW_S);
    FX_EQ(h.irq[0].old.addr, FX_CODE + 4);
    FX_EQ(h.psw_at_call[0].flags, PG_PSW_S);
    FX_EQ(h.psw_at_call[0].addr, FX_CODE + 4);
    FX_SAME_MEM("svc with hook", m, mem, NULL);
    FX_EQ(pg_get_tod(m), CYC(svc) + CYC(lpsw));
    free(mem);
    pg_machine_free(m);
}

/* A program exception with a hook: PSW at the nullified instruction; the hook may skip it. */
static void test_hook_program(void)
{
    pg_machine *m = fx_machine();
    hook_log h = {.action = PG_HOOK_RESUME, .skip_instruction = true};
    pg_set_interrupt_hook(m, hook_record, &h);
    pg_set_gpr(m, 1, 6);
    FX_CODE_AT(m, FX_CODE, XI(addi, 3, 0, 3), X3(divu, 4, 1, 0), HALT);
    uint8_t *mem = fx_save_mem(m);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(h.calls, 1);
    FX_EQ(h.irq[0].cls, PG_INT_PROGRAM);
    FX_EQ(h.irq[0].code, PG_PGM_DIVIDE);
    FX_EQ(h.irq[0].old.addr, FX_CODE + 4);
    FX_EQ(h.psw_at_call[0].addr, FX_CODE + 4);
    FX_EQ(h.psw_at_call[0].flags, PG_PSW_S);
    FX_SAME_MEM("program with hook", m, mem, NULL);
    FX_EQ(pg_get_gpr(m, 4), 0);
    FX_EQ(pg_get_tod(m), CYC(addi) + CYC(lpsw));
    free(mem);
    pg_machine_free(m);
}

/* PG_HOOK_STOP: pg_run returns PG_STOP_HOOK with the PSW as the old PSW. */
static void test_hook_stop(void)
{
    pg_machine *m = fx_machine();
    hook_log h = {.action = PG_HOOK_STOP};
    pg_set_interrupt_hook(m, hook_record, &h);
    FX_CODE_AT(m, FX_CODE, XI(addi, 3, 0, 3), 0xFFFFFFFF, HALT);
    FX_STOP(fx_run(m), PG_STOP_HOOK);
    FX_EQ(h.calls, 1);
    FX_EQ(h.irq[0].code, PG_PGM_OPERATION);
    FX_EQ(pg_get_psw(m).addr, FX_CODE + 4);
    FX_EQ(pg_get_psw(m).flags, PG_PSW_S);
    FX_EQ(pg_get_tod(m), CYC(addi));
    /* removing the hook: the interrupt is taken normally */
    pg_set_interrupt_hook(m, NULL, NULL);
    FX_PGM(m, fx_run(m), PG_PGM_OPERATION, PG_PSW_S, FX_CODE + 4);
    FX_EQ(h.calls, 1);
    FX_EQ(pg_get_tod(m), CYC(addi) + FX_IC);
    pg_machine_free(m);
}

/* External and I/O interrupts go to the hook too, uncharged, with the CSW. */
static void test_hook_external_and_io(void)
{
    fx_console con = {0};
    pg_machine *m = io_machine(&con, "zz");
    hook_log h = {.action = PG_HOOK_RESUME, .reset_timer = true};
    pg_set_interrupt_hook(m, hook_record, &h);
    pg_set_timer(m, -1);
    fx_psw(m, PG_PSW_S | PG_PSW_E | PG_PSW_I, FX_CODE);
    pg_set_gpr(m, 10, 60);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), XI(addi, 10, 10, -1), XI(bne, 10, 0, -1), HALT);
    uint8_t *mem = fx_save_mem(m);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(h.calls, 2);
    FX_EQ(h.irq[0].cls, PG_INT_EXTERNAL);
    FX_EQ(h.irq[0].code, PG_EXT_CPU_TIMER);
    FX_EQ(h.irq[0].old.addr, FX_CODE);
    FX_EQ(h.irq[0].old.flags, PG_PSW_S | PG_PSW_E | PG_PSW_I);
    FX_EQ(h.irq[1].cls, PG_INT_IO);
    FX_EQ(h.irq[1].code, PG_DEV_CONSOLE);
    FX_EQ(h.irq[1].csw[0], FX_DATA + 8);
    FX_EQ(h.irq[1].csw[1], (uint32_t)(PG_US_CE | PG_US_DE) << 24);
    FX_SAME_MEM("ext/io with hook", m, mem, NULL);
    FX_EQ(pg_get_tod(m), CYC(sio) + 60 * (CYC(addi) + CYC(bne)) + 59 * TKX(bne) + CYC(lpsw));
    free(mem);
    pg_machine_free(m);
}

/* ======================================================================== */
/* step                                                                     */
/* ======================================================================== */

/* pg_step executes one instruction and reports it. */
static void test_step_instructions(void)
{
    pg_machine *m = fx_machine();
    uint32_t code[] = {XI(addi, 3, 0, 1), X3(mul, 4, 3, 3), XI(beq, 0, 0, 2), 0, XI(addi, 5, 0, 5)};
    fx_code(m, FX_CODE, code, 5);
    uint32_t addrs[] = {FX_CODE, FX_CODE + 4, FX_CODE + 8, FX_CODE + 16};
    uint32_t words[] = {code[0], code[1], code[2], code[4]};
    uint64_t costs[] = {CYC(addi), CYC(mul), CYC(beq) + TKX(beq), CYC(addi)};
    uint64_t t = 0;
    for (int i = 0; i < 4; i++) {
        pg_step_info info;
        memset(&info, 0xA5, sizeof info);
        FX_STOP(pg_step(m, &info), PG_STOP_STEP);
        CU_ASSERT_FALSE(info.interrupted);
        CU_ASSERT(info.fetched);
        FX_EQ(info.addr, addrs[i]);
        FX_EQ(info.word, words[i]);
        t += costs[i];
        FX_EQ(pg_get_tod(m), t);
    }
    FX_EQ(pg_get_gpr(m, 5), 5);
    FX_EQ(pg_get_stats(m)->instructions, 4);
    pg_machine_free(m);
}

/* pg_step takes a pending enabled interrupt as its one thing. */
static void test_step_interrupt(void)
{
    pg_machine *m = fx_machine();
    fx_put_psw(m, PG_LC_EXT_NEW, PG_PSW_S, FX_HANDLER);
    FX_CODE_AT(m, FX_HANDLER, XI(addi, 7, 0, 7));
    pg_set_timer(m, -1);
    fx_psw(m, PG_PSW_S | PG_PSW_E, FX_CODE);
    FX_CODE_AT(m, FX_CODE, XI(addi, 3, 0, 3));
    pg_step_info info;
    memset(&info, 0, sizeof info);
    FX_STOP(pg_step(m, &info), PG_STOP_STEP);
    CU_ASSERT(info.interrupted);
    FX_EQ(info.irq.cls, PG_INT_EXTERNAL);
    FX_EQ(info.irq.code, PG_EXT_CPU_TIMER);
    FX_EQ(info.irq.old.flags, PG_PSW_S | PG_PSW_E);
    FX_EQ(info.irq.old.addr, FX_CODE);
    FX_EQ(pg_get_psw(m).addr, FX_HANDLER);
    FX_EQ(pg_get_psw(m).flags, PG_PSW_S);
    FX_EQ(pg_get_tod(m), FX_IC);
    FX_EQ(pg_get_gpr(m, 3), 0);
    memset(&info, 0, sizeof info);
    FX_STOP(pg_step(m, &info), PG_STOP_STEP);
    CU_ASSERT_FALSE(info.interrupted);
    FX_EQ(info.addr, FX_HANDLER);
    FX_EQ(pg_get_gpr(m, 7), 7);
    pg_machine_free(m);
}

/* ======================================================================== */
/* table: every row has a semantic test somewhere                            */
/* ======================================================================== */

/* Rows whose semantics are tested outside the ALU table (here or in test_mmu/test_timer). */
static const pg_op covered_elsewhere[] = {
    PG_OP_lw, PG_OP_lh, PG_OP_lhu, PG_OP_lb, PG_OP_lbu, PG_OP_sw, PG_OP_sh, PG_OP_sb,
    PG_OP_beq, PG_OP_bne, PG_OP_blt, PG_OP_bge, PG_OP_bltu, PG_OP_bgeu, PG_OP_jal, PG_OP_jalr,
    PG_OP_svc, PG_OP_lpsw, PG_OP_epsw, PG_OP_ssm, PG_OP_lctl, PG_OP_stctl, PG_OP_spt, PG_OP_stpt,
    PG_OP_stck, PG_OP_sio, PG_OP_tio, PG_OP_hio, PG_OP_lra, PG_OP_ptlb, PG_OP_diag,
};

/* A new row in pg32.def fails here until a semantic test covers it. */
static void test_table_every_row_covered(void)
{
    for (int op = 0; op < PG_OP_COUNT; op++) {
        bool found = false;
        for (size_t i = 0; i < N_ALU && !found; i++)
            found = alu_cases[i].op == (pg_op)op;
        for (size_t i = 0; i < sizeof covered_elsewhere / sizeof covered_elsewhere[0] && !found; i++)
            found = covered_elsewhere[i] == (pg_op)op;
        if (!found) {
            char msg[96];
            snprintf(msg, sizeof msg, "row %s has no semantic test", pg_insns[op].mnemonic);
            CU_assertImplementation(CU_FALSE, __LINE__, msg, __FILE__, "", CU_FALSE);
        }
    }
}

/* The brief's lists of problem-state and privileged instructions match the table. */
static void test_table_privilege_split(void)
{
    static const char *const unpriv[] = {
        "add", "sub", "and", "or", "xor", "sll", "srl", "sra", "slt", "sltu", "mul", "mulh", "div",
        "divu", "rem", "remu", "addi", "andi", "ori", "xori", "slli", "srli", "srai", "slti", "sltiu",
        "lui", "lw", "lh", "lhu", "lb", "lbu", "sw", "sh", "sb", "beq", "bne", "blt", "bge", "bltu",
        "bgeu", "jal", "jalr", "svc"};
    static const char *const priv[] = {"lpsw", "epsw", "ssm", "lctl", "stctl", "spt", "stpt", "stck",
                                       "sio", "tio", "hio", "lra", "ptlb", "diag"};
    for (size_t i = 0; i < sizeof unpriv / sizeof unpriv[0]; i++) {
        int op = pg_op_for_mnemonic(unpriv[i], strlen(unpriv[i]));
        CU_ASSERT_FATAL(op >= 0);
        CU_ASSERT_FALSE(pg_insns[op].privileged);
    }
    for (size_t i = 0; i < sizeof priv / sizeof priv[0]; i++) {
        int op = pg_op_for_mnemonic(priv[i], strlen(priv[i]));
        CU_ASSERT_FATAL(op >= 0);
        CU_ASSERT(pg_insns[op].privileged);
    }
    FX_EQ(PG_OP_COUNT, sizeof unpriv / sizeof unpriv[0] + sizeof priv / sizeof priv[0]);
    /* every instruction costs at least one cycle; only branches and jumps have a taken extra */
    for (int op = 0; op < PG_OP_COUNT; op++) {
        CU_ASSERT(pg_insns[op].cycles >= 1);
        if (pg_insns[op].taken_extra)
            CU_ASSERT(pg_insns[op].format == PG_FMT_BR || pg_insns[op].format == PG_FMT_J ||
                      op == PG_OP_jalr);
    }
    CU_ASSERT(PG_INTERRUPT_CYCLES >= 1);
}

/* ======================================================================== */

static const pg_test table_tests[] = {
    {"every_row_covered", test_table_every_row_covered},
    {"privilege_split", test_table_privilege_split},
    {NULL, NULL},
};
static const pg_test alu_tests[] = {
    {"table", test_alu_table},
    {"dest_is_source", test_alu_dest_is_source},
    {"r0", test_alu_r0},
    {"chain", test_alu_chain},
    {NULL, NULL},
};
static const pg_test memory_tests[] = {
    {"loads", test_mem_loads},
    {"last_word", test_mem_last_word},
    {"stores", test_mem_stores},
    {"store_load", test_mem_store_load},
    {"r0", test_mem_r0},
    {NULL, NULL},
};
static const pg_test branch_tests[] = {
    {"conditions", test_branch_conditions},
    {"offset_one", test_branch_offset_one},
    {"jal", test_branch_jal},
    {"jalr", test_branch_jalr},
    {"jalr_same_register", test_branch_jalr_same_register},
    {"call_ret", test_branch_call_ret},
    {"extremes", test_branch_extremes},
    {"svc", test_branch_svc},
    {"svc_round_trip", test_branch_svc_round_trip},
    {NULL, NULL},
};
static const pg_test cycles_tests[] = {
    {"every_row", test_cycles_every_row},
    {"straight_line", test_cycles_straight_line},
    {"loop", test_cycles_loop},
    {"nullified", test_cycles_nullified},
    {NULL, NULL},
};
static const pg_test exception_tests[] = {
    {"fault_words", test_fault_words},
    {"table", test_fault_table},
    {"unassigned_opcodes", test_fault_unassigned_opcodes},
    {"reserved_bits", test_fault_reserved_bits},
    {"privileged_rows", test_fault_privileged_rows},
    {"fetch_alignment", test_fault_fetch_alignment},
    {"fetch_addressing", test_fault_fetch_addressing},
    {"mid_sequence", test_fault_mid_sequence},
    {"handler_resumes", test_fault_handler_resumes},
    {"diag_zero", test_diag_zero},
    {NULL, NULL},
};
static const pg_test psw_tests[] = {
    {"lpsw_epsw", test_psw_lpsw_epsw},
    {"ssm", test_psw_ssm},
    {"set_refuses_reserved", test_psw_set_refuses_reserved},
    {"disabled_wait", test_psw_disabled_wait},
    {"idle_wait", test_psw_idle_wait},
    {"check_stop_invalid_new", test_psw_check_stop_invalid_new},
    {"check_stop_loop", test_psw_check_stop_loop},
    {"check_stop_loop_not_counted", test_psw_check_stop_loop_not_counted},
    {"set_psw_ends_watch", test_psw_set_psw_ends_watch},
    {"no_check_stop_when_progress", test_psw_no_check_stop_when_progress},
    {"no_check_stop_after_external", test_psw_no_check_stop_after_external},
    {NULL, NULL},
};
static const pg_test interrupt_tests[] = {
    {"wait_psw_stored", test_int_wait_psw_stored},
    {"enable_next_boundary", test_int_enable_next_boundary},
    {"several_at_one_boundary", test_int_several_at_one_boundary},
    {"external_before_io", test_int_external_before_io},
    {NULL, NULL},
};
static const pg_test io_tests[] = {
    {"interrupt_timing", test_io_interrupt_timing},
    {"interrupt_in_loop", test_io_interrupt_in_loop},
    {"tio_polling", test_io_tio_polling},
    {"sio_answers", test_io_sio_answers},
    {"tio_hio_not_oper", test_io_tio_hio_not_oper},
    {"hio_busy", test_io_hio_busy},
    {"priority_lowest_devno", test_io_priority_lowest_devno},
    {"console_read", test_io_console_read},
    {"blocked", test_io_blocked},
    {"program_check_is_ending_status", test_io_program_check_is_ending_status},
    {"hio_pending_and_interrupt_clears", test_io_hio_pending_and_interrupt_clears},
    {"device_zero", test_io_device_zero},
    {NULL, NULL},
};
static const pg_test hook_tests[] = {
    {"svc", test_hook_svc},
    {"program", test_hook_program},
    {"stop", test_hook_stop},
    {"external_and_io", test_hook_external_and_io},
    {NULL, NULL},
};
static const pg_test step_tests[] = {
    {"instructions", test_step_instructions},
    {"interrupt", test_step_interrupt},
    {NULL, NULL},
};

static const pg_suite suites[] = {
    {"table", table_tests},
    {"alu", alu_tests},
    {"memory", memory_tests},
    {"branch", branch_tests},
    {"cycles", cycles_tests},
    {"exceptions", exception_tests},
    {"psw", psw_tests},
    {"interrupts", interrupt_tests},
    {"io", io_tests},
    {"hook", hook_tests},
    {"step", step_tests},
    {NULL, NULL},
};

int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
