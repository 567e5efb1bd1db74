/*
 * test_mmu.c -- translation, protection, R and C bits, the architected TLB
 * and lra, through machine.h (brief "Memory management", "The TLB is
 * architected"; isa-spec/memory.md).
 *
 * Layout: CR1 = 0x4000 (first-level table); the second-level table for
 * first-level index i (0..3) at 0x5000 + 0x1000 * i; frames 0x9000-0xF000.
 * The code page, virtual 0x1000, maps to real 0x1000 (V|U) so FX_CODE and
 * the halt PSW at 0x1F00 work unchanged with T on.
 */
#include "machine_fixture.h"
#include "runner.h"

enum {
    L1 = 0x4000,
    DVA = 0x00403000,           /* data page A: first-level index 1, second-level 3 */
    DVA2 = 0x00404000,          /* data page B */
    FRAME_A = 0x9000,
    FRAME_B = 0xA000,
    FRAME_C = 0xB000,
    SEG_INVALID = 0x00800000,   /* first-level index 2: invalid */
    PAGE_INVALID = 0x00405000,  /* first-level 1 valid, second-level invalid */
    V = PG_PTE_V, W = PG_PTE_W, U = PG_PTE_U, R = PG_PTE_R, C = PG_PTE_C,
};

/* Real address of the second-level entry for va (first-level index < 4). */
static uint32_t l2_addr(uint32_t va)
{
    return 0x5000 + 0x1000 * (va >> 22) + 4 * ((va >> 12) & 0x3FF);
}

/* Map va's page with the given second-level entry (its first-level entry made valid). */
static void map(pg_machine *m, uint32_t va, uint32_t pte)
{
    uint32_t i = va >> 22;
    fx_put32(m, L1 + 4 * i, (0x5000 + 0x1000 * i) | V);
    fx_put32(m, l2_addr(va), pte);
}

/* The second-level entry for va as it is in storage now. */
static uint32_t pte(const pg_machine *m, uint32_t va)
{
    return fx_get32(m, l2_addr(va));
}

/* A machine with CR1 set, the code page mapped and PSW = {flags | T, FX_CODE}. */
static pg_machine *mmu_machine(uint32_t flags)
{
    pg_machine *m = fx_machine();
    pg_set_cr(m, PG_CR_PTO, L1);
    map(m, FX_CODE, FX_CODE | V | U);
    map(m, DVA, FRAME_A | V | W | U);
    map(m, DVA2, FRAME_B | V | W | U);
    fx_psw(m, flags | PG_PSW_T, FX_CODE);
    return m;
}

/* Program interruption with a translation-exception address. */
#define FX_PGM_TEA(ctx, m, s, code, flags, addr, tea) do { \
        FX_PGMC((ctx), (m), (s), (code), (flags), (addr)); \
        FX_EQC((ctx), fx_get32((m), PG_LC_TEA), (tea)); \
    } while (0)

/* ======================================================================== */
/* translate                                                                */
/* ======================================================================== */

/* Loads and stores go to the mapped frame; R on the first access, C on the first store. */
static void test_translate_load_store(void)
{
    pg_machine *m = mmu_machine(PG_PSW_S);
    fx_put32(m, FRAME_A + 0x10, 0xCAFE0001);
    pg_set_gpr(m, 1, DVA);
    pg_set_gpr(m, 4, 0x12345678);
    uint64_t misses = pg_get_stats(m)->tlb_misses;
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0x10), XI(lbu, 5, 1, 0x11), XI(lw, 6, 0, 0x1000), XI(lw, 7, 2, 0),
               XI(sw, 4, 1, 0x14), XI(sb, 4, 1, 0xFFF), HALT);
    pg_set_gpr(m, 2, DVA2 + 0x20);
    fx_put32(m, FRAME_B + 0x20, 0xB0B0B0B0);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 0xCAFE0001);
    FX_EQ(pg_get_gpr(m, 5), 0xFE);
    FX_EQ(pg_get_gpr(m, 6), XI(lw, 3, 1, 0x10));     /* virtual 0x1000 = real 0x1000 */
    FX_EQ(pg_get_gpr(m, 7), 0xB0B0B0B0);
    FX_EQ(fx_get32(m, FRAME_A + 0x14), 0x12345678);
    FX_EQ(fx_get32(m, FRAME_A + 0xFFC), 0x00000078);
    FX_EQ(pte(m, DVA), FRAME_A | V | W | U | R | C);
    FX_EQ(pte(m, DVA2), FRAME_B | V | W | U | R);
    FX_EQ(pte(m, FX_CODE), FX_CODE | V | U | R);
    FX_EQ(fx_get32(m, L1 + 4), 0x6000 | V);           /* first-level entries never change */
    FX_EQ(pg_get_stats(m)->tlb_misses - misses, 3);
    /* translation costs nothing */
    FX_EQ(pg_get_tod(m), CYC(lw) * 3 + CYC(lbu) + CYC(sw) + CYC(sb) + CYC(lpsw));
    pg_machine_free(m);
}

/* Resume a program the way a supervisor does: a real-mode stub at 0x330
   executes lpsw of {flags, addr}.  (After a program interruption the next
   exception must follow a completed instruction, or it is a program-
   interruption loop, machine.md section 9.) */
static void resume_via_lpsw(pg_machine *m, uint32_t flags, uint32_t addr)
{
    fx_put_psw(m, 0x338, flags, addr);
    fx_put32(m, 0x330, XI(lpsw, 0, 0, 0x338));
    fx_psw(m, PG_PSW_S, 0x330);
}

/* The worked example of memory.md section 5, step by step. */
static void test_translate_memory_md_example(void)
{
    pg_machine *m = pg_machine_new(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    fx_put_psw(m, PG_LC_PGM_NEW, PG_PSW_W, FX_PGM_WAIT);
    fx_put_psw(m, PG_LC_SVC_NEW, PG_PSW_W, FX_SVC_WAIT);
    pg_set_cr(m, 1, 0x1000);
    fx_put32(m, 0x1000, 0x00002001);
    fx_put32(m, 0x2000, 0x00000003);
    fx_put32(m, 0x2010, 0x00006005);
    fx_put32(m, 0x2014, 0x00007007);
    fx_put32(m, 0x2018, 0x00008005);
    fx_put32(m, 0x7010, 0x11112222);
    FX_CODE_AT(m, 0x6000, XI(lw, 1, 0, 0x5010), XI(sw, 1, 0, 0x5020), XI(sw, 1, 0, 0x5024), XI(sw, 1, 0, 0x6000),
               XI(lw, 2, 0, 0x5010), XI(svc, 0, 0, 0),
               XI(lw, 3, 0, 0x7000), XI(lw, 3, 4, 0), XI(lw, 3, 0, 0x10));
    fx_psw(m, PG_PSW_T, 0x4000);
    /* steps 1-6 */
    FX_PGM_TEA("steps 1-6", m, pg_run(m, FX_BUDGET), PG_PGM_PROTECTION, PG_PSW_T, 0x400C, 0x6000);
    FX_EQ(pg_get_gpr(m, 1), 0x11112222);
    FX_EQ(fx_get32(m, 0x7020), 0x11112222);
    FX_EQ(fx_get32(m, 0x7024), 0x11112222);
    FX_EQ(fx_get32(m, 0x8000), 0);
    FX_EQ(fx_get32(m, 0x2010), 0x0000600D);
    FX_EQ(fx_get32(m, 0x2014), 0x0000701F);
    FX_EQ(fx_get32(m, 0x2018), 0x00008005);
    FX_EQ(pg_get_stats(m)->tlb_misses, 2);
    /* the supervisor moves page 0x5000 to frame 0x9000 and forgets ptlb */
    uint8_t frame[PG_PAGE_SIZE];
    CU_ASSERT(pg_read_real(m, 0x7000, frame, sizeof frame));
    CU_ASSERT(pg_write_real(m, 0x9000, frame, sizeof frame));
    fx_put32(m, 0x9010, 0x33334444);    /* to tell the frames apart */
    fx_put32(m, 0x2014, 0x00009007);
    /* step 7: the old translation still maps to 0x7010 */
    fx_psw(m, PG_PSW_T, 0x4010);
    FX_WAITC("step 7", m, pg_run(m, FX_BUDGET), FX_SVC_WAIT);
    FX_EQ(pg_get_gpr(m, 2), 0x11112222);
    FX_EQ(fx_get32(m, 0x2014), 0x00009007);
    /* the supervisor executes ptlb, then resumes the load (step 8) */
    FX_CODE_AT(m, 0x300, XI(ptlb, 0, 0, 0), XI(lpsw, 0, 0, 0x308));
    fx_put_psw(m, 0x308, PG_PSW_T, 0x4010);
    fx_psw(m, PG_PSW_S, 0x300);
    FX_WAITC("step 8", m, pg_run(m, FX_BUDGET), FX_SVC_WAIT);
    FX_EQ(pg_get_gpr(m, 2), 0x33334444);
    FX_EQ(fx_get32(m, 0x2010), 0x0000600D);
    FX_EQ(fx_get32(m, 0x2014), 0x0000900F);
    /* step 9: page translation */
    resume_via_lpsw(m, PG_PSW_T, 0x4018);
    FX_PGM_TEA("step 9", m, pg_run(m, FX_BUDGET), PG_PGM_PAGE, PG_PSW_T, 0x4018, 0x7000);
    /* step 10: segment translation */
    pg_set_gpr(m, 4, 0x00400000);
    resume_via_lpsw(m, PG_PSW_T, 0x401C);
    FX_PGM_TEA("step 10", m, pg_run(m, FX_BUDGET), PG_PGM_SEGMENT, PG_PSW_T, 0x401C, 0x00400000);
    /* step 11: protection (page 0 has no U) */
    resume_via_lpsw(m, PG_PSW_T, 0x4020);
    FX_PGM_TEA("step 11", m, pg_run(m, FX_BUDGET), PG_PGM_PROTECTION, PG_PSW_T, 0x4020, 0x10);
    FX_EQ(fx_get32(m, 0x2000), 0x00000003);
    /* the same load in supervisor state captures page 0 with U = 0 ... */
    pg_set_gpr(m, 3, 0);
    resume_via_lpsw(m, PG_PSW_S | PG_PSW_T, 0x4020);
    pg_step_info info;
    FX_STOP(pg_step(m, &info), PG_STOP_STEP);
    FX_STOP(pg_step(m, &info), PG_STOP_STEP);
    FX_EQ(pg_get_gpr(m, 3), fx_get32(m, 0x10));
    FX_EQ(fx_get32(m, 0x2000), 0x0000000B);
    /* ... and setting U in the table does not help the problem state until a purge */
    fx_put32(m, 0x2000, 0x00000007);
    resume_via_lpsw(m, PG_PSW_T, 0x4020);
    FX_PGM_TEA("after U set", m, pg_run(m, FX_BUDGET), PG_PGM_PROTECTION, PG_PSW_T, 0x4020, 0x10);
    /* lra in the supervisor: 0x9010 and all ones, setting nothing */
    fx_put32(m, 0x2014, 0x00009007);
    FX_CODE_AT(m, 0x310, XI(lra, 7, 0, 0x5010), XI(lra, 8, 0, 0x7000), XI(lpsw, 0, 0, 0x320));
    fx_put_psw(m, 0x320, PG_PSW_W, FX_DONE);
    fx_psw(m, PG_PSW_S, 0x310);
    FX_WAIT(m, pg_run(m, FX_BUDGET), FX_DONE);
    FX_EQ(pg_get_gpr(m, 7), 0x00009010);
    FX_EQ(pg_get_gpr(m, 8), 0xFFFFFFFF);
    FX_EQ(fx_get32(m, 0x2014), 0x00009007);
    pg_machine_free(m);
}

/* ======================================================================== */
/* exceptions                                                               */
/* ======================================================================== */

typedef struct mmu_fault {
    const char *name;
    uint32_t flags;             /* without T */
    uint32_t word;              /* at FX_CODE; r1 = va */
    uint32_t va;
    uint32_t code_pte, a_pte;   /* entries of the code page and of page A */
    uint32_t code;
    bool tea;                   /* code stores the TEA (= va) */
} mmu_fault;

#define SUP PG_PSW_S
#define PRB 0u
static const mmu_fault mmu_faults[] = {
    {"segment: lw", SUP, 0x20310000, SEG_INVALID + 0x454, FX_CODE | V | U, FRAME_A | V | W | U, PG_PGM_SEGMENT, true},
    {"segment: sb problem", PRB, 0x2A310000, SEG_INVALID + 0x457, FX_CODE | V | U, FRAME_A | V | W | U, PG_PGM_SEGMENT, true},
    {"page: lbu", SUP, 0x24310000, PAGE_INVALID + 0x457, FX_CODE | V | U, FRAME_A | V | W | U, PG_PGM_PAGE, true},
    {"page: sw problem", PRB, 0x28310000, PAGE_INVALID + 0xFFC, FX_CODE | V | U, FRAME_A | V | W | U, PG_PGM_PAGE, true},
    {"page: lpsw", SUP, 0x80010000, PAGE_INVALID + 8, FX_CODE | V | U, FRAME_A | V | W | U, PG_PGM_PAGE, true},
    {"page: entry with W U but no V", SUP, 0x20310000, DVA + 4, FX_CODE | V | U, FRAME_A | W | U | R | C, PG_PGM_PAGE, true},
    {"protection: supervisor store, no W", SUP, 0x28310000, DVA + 8, FX_CODE | V | U, FRAME_A | V | U, PG_PGM_PROTECTION, true},
    {"protection: supervisor sb, no W", SUP, 0x2A310000, DVA + 3, FX_CODE | V | U, FRAME_A | V, PG_PGM_PROTECTION, true},
    {"protection: stck, no W", SUP, 0x87010000, DVA + 0x10, FX_CODE | V | U, FRAME_A | V | U, PG_PGM_PROTECTION, true},
    {"protection: problem load, no U", PRB, 0x20310000, DVA + 0x20, FX_CODE | V | U, FRAME_A | V | W, PG_PGM_PROTECTION, true},
    {"protection: problem store, no U", PRB, 0x28310000, DVA + 0x20, FX_CODE | V | U, FRAME_A | V | W, PG_PGM_PROTECTION, true},
    {"protection: problem store, U no W", PRB, 0x29310000, DVA + 0x22, FX_CODE | V | U, FRAME_A | V | U, PG_PGM_PROTECTION, true},
    {"addressing: frame beyond storage", SUP, 0x20310000, DVA + 4, FX_CODE | V | U, 0x00100000 | V | W | U, PG_PGM_ADDRESSING, false},
    {"protection before addressing", SUP, 0x28310000, DVA + 4, FX_CODE | V | U, 0x00100000 | V | U, PG_PGM_PROTECTION, true},
    {"specification before translation", SUP, 0x20310000, SEG_INVALID + 2, FX_CODE | V | U, FRAME_A | V | W | U, PG_PGM_SPECIFICATION, false},
    {"specification before protection", PRB, 0x28310000, DVA + 1, FX_CODE | V | U, FRAME_A | V, PG_PGM_SPECIFICATION, false},
    {"privileged before translation", PRB, 0x80010000, SEG_INVALID, FX_CODE | V | U, FRAME_A | V | W | U, PG_PGM_PRIVILEGED, false},
    {"privileged: stck to a no-W page", PRB, 0x87010000, DVA, FX_CODE | V | U, FRAME_A | V | U, PG_PGM_PRIVILEGED, false},
    {"divide: page mapped", PRB, 0x0D310000, DVA, FX_CODE | V | U, FRAME_A | V | W | U, PG_PGM_DIVIDE, false},
    {"operation under T", PRB, 0xFFFFFFFF, DVA, FX_CODE | V | U, FRAME_A | V | W | U, PG_PGM_OPERATION, false},
};
#undef SUP
#undef PRB

/* Each operand fault: code, TEA (only for 4, 0x10, 0x11), nothing changed, no translation or bit for it. */
static void test_exc_operand_faults(void)
{
    for (size_t i = 0; i < sizeof mmu_faults / sizeof mmu_faults[0]; i++) {
        const mmu_fault *f = &mmu_faults[i];
        pg_machine *m = mmu_machine(f->flags);
        map(m, FX_CODE, f->code_pte);
        map(m, DVA, f->a_pte);
        fx_fill_gprs(m);
        pg_set_gpr(m, 1, f->va);
        fx_put32(m, FX_CODE, f->word);
        fx_gprs g = fx_save_gprs(m);
        uint32_t code_pte = f->code_pte;
        fx_put32(m, l2_addr(FX_CODE), code_pte);
        uint8_t *mem = fx_save_mem(m);
        uint64_t misses = pg_get_stats(m)->tlb_misses;
        pg_stop s = fx_run(m);
        FX_PGMC(f->name, m, s, f->code, f->flags | PG_PSW_T, FX_CODE);
        if (f->tea)
            FX_EQC(f->name, fx_get32(m, PG_LC_TEA), f->va);
        else
            FX_EQC(f->name, fx_get32(m, PG_LC_TEA), FX_TEA_SENTINEL);
        FX_SAME_GPRS(f->name, m, &g);
        /* storage: only low core and the code page's R bit (the fetch succeeded) */
        uint32_t skip[] = {PG_LC_PGM_OLD, PG_LC_PGM_OLD + 8, PG_LC_PGM_CODE, PG_LC_TEA + 4,
                           l2_addr(FX_CODE), l2_addr(FX_CODE) + 4, 0, 0};
        FX_SAME_MEM(f->name, m, mem, skip);
        FX_EQC(f->name, pte(m, FX_CODE), code_pte | R);
        FX_EQC(f->name, pg_get_stats(m)->tlb_misses - misses, 1);   /* the code page only */
        FX_EQC(f->name, pg_get_tod(m), FX_IC);
        free(mem);
        pg_machine_free(m);
    }
}

/* Fetch faults: translation, protection and addressing at the instruction address. */
static void test_exc_fetch_faults(void)
{
    struct {
        const char *name;
        uint32_t flags, target, target_pte;
        uint32_t code;
        bool tea;
    } cases[] = {
        {"fetch: segment", PG_PSW_S, SEG_INVALID + 0x100, 0, PG_PGM_SEGMENT, true},
        {"fetch: page", PG_PSW_S, PAGE_INVALID + 0x10, 0, PG_PGM_PAGE, true},
        {"fetch: problem, no U", 0, DVA + 0x40, FRAME_A | V | W, PG_PGM_PROTECTION, true},
        {"fetch: frame beyond storage", PG_PSW_S, DVA + 0x40, 0x00200000 | V | U, PG_PGM_ADDRESSING, false},
        {"fetch: misaligned before translation", PG_PSW_S, SEG_INVALID + 0x102, 0, PG_PGM_SPECIFICATION, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pg_machine *m = mmu_machine(cases[i].flags);
        if (cases[i].target_pte)
            map(m, cases[i].target, cases[i].target_pte);
        pg_set_gpr(m, 1, cases[i].target);
        /* jalr r14, 0(r1): the jump completes; the fetch at the target faults */
        FX_CODE_AT(m, FX_CODE, XI(jalr, 14, 1, 0));
        uint32_t pte_before = cases[i].target_pte ? pte(m, cases[i].target) : 0;
        pg_stop s = fx_run(m);
        uint32_t want_addr = cases[i].code == PG_PGM_SPECIFICATION ? FX_CODE : cases[i].target;
        if (cases[i].code == PG_PGM_SPECIFICATION) {
            /* a misaligned jalr target faults at the jalr itself */
            FX_PGMC(cases[i].name, m, s, cases[i].code, cases[i].flags | PG_PSW_T, want_addr);
            FX_EQC(cases[i].name, pg_get_gpr(m, 14), 0);
        } else {
            FX_PGMC(cases[i].name, m, s, cases[i].code, cases[i].flags | PG_PSW_T, want_addr);
            FX_EQC(cases[i].name, pg_get_gpr(m, 14), FX_CODE + 4);
            FX_EQC(cases[i].name, pg_get_tod(m), CYC(jalr) + TKX(jalr) + FX_IC);
        }
        FX_EQC(cases[i].name, fx_get32(m, PG_LC_TEA), cases[i].tea ? cases[i].target : FX_TEA_SENTINEL);
        if (cases[i].target_pte)
            FX_EQC(cases[i].name, pte(m, cases[i].target), pte_before);
        pg_machine_free(m);
    }
    /* a problem-state PSW whose first fetch is from a page without U */
    pg_machine *m = mmu_machine(0);
    map(m, FX_CODE, FX_CODE | V | W);
    FX_PGM_TEA("problem fetch, code page without U", m, fx_run(m), PG_PGM_PROTECTION, PG_PSW_T, FX_CODE, FX_CODE);
    FX_EQ(pte(m, FX_CODE), FX_CODE | V | W);
    pg_machine_free(m);
    /* a fetch from an unmapped page is a translation exception even if the real word is invalid */
    m = mmu_machine(PG_PSW_S);
    fx_psw(m, PG_PSW_S | PG_PSW_T, PAGE_INVALID);
    FX_PGM_TEA("fetch unmapped", m, fx_run(m), PG_PGM_PAGE, PG_PSW_S | PG_PSW_T, PAGE_INVALID, PAGE_INVALID);
    pg_machine_free(m);
}

/* Table entries outside storage: addressing during the walk; no TEA. */
static void test_exc_tables_outside_storage(void)
{
    /* CR1 beyond storage: the first fetch already walks it */
    pg_machine *m = mmu_machine(PG_PSW_S);
    pg_set_cr(m, 1, 0x00F00000);
    FX_PGM(m, fx_run(m), PG_PGM_ADDRESSING, PG_PSW_S | PG_PSW_T, FX_CODE);
    FX_EQ(fx_get32(m, PG_LC_TEA), FX_TEA_SENTINEL);
    pg_machine_free(m);
    /* first-level entry pointing at a second-level table beyond storage */
    m = mmu_machine(PG_PSW_S);
    fx_put32(m, L1 + 4 * 3, 0x00F00000 | V);
    pg_set_gpr(m, 1, 0x00C00000);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0));
    FX_PGM(m, fx_run(m), PG_PGM_ADDRESSING, PG_PSW_S | PG_PSW_T, FX_CODE);
    FX_EQ(fx_get32(m, PG_LC_TEA), FX_TEA_SENTINEL);
    pg_machine_free(m);
    /* the same first-level entry, invalid: segment exception, the address is not looked at */
    m = mmu_machine(PG_PSW_S);
    fx_put32(m, L1 + 4 * 3, 0x00F00000);
    pg_set_gpr(m, 1, 0x00C00000);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0));
    FX_PGM_TEA("invalid entry beyond", m, fx_run(m), PG_PGM_SEGMENT, PG_PSW_S | PG_PSW_T, FX_CODE, 0x00C00000);
    pg_machine_free(m);
}

/* Interrupts store and load low core at real addresses whatever PSW.T says. */
static void test_exc_low_core_is_real(void)
{
    pg_machine *m = mmu_machine(PG_PSW_S);
    map(m, 0, FRAME_C | V | W | U);     /* virtual page 0 elsewhere */
    FX_CODE_AT(m, FX_CODE, XI(svc, 0, 0, 0x55));
    FX_WAIT(m, fx_run(m), FX_SVC_WAIT);
    pg_psw old = fx_get_psw(m, PG_LC_SVC_OLD);
    FX_EQ(old.flags, PG_PSW_S | PG_PSW_T);
    FX_EQ(old.addr, FX_CODE + 4);
    FX_EQ(fx_get32(m, PG_LC_SVC_CODE), 0x55);
    FX_EQ(fx_get32(m, FRAME_C + PG_LC_SVC_OLD), 0);
    FX_EQ(fx_get32(m, FRAME_C + PG_LC_SVC_CODE), 0);
    pg_machine_free(m);
    /* and a program interruption's TEA goes to real 0x6C */
    m = mmu_machine(0);
    map(m, 0, FRAME_C | V | W | U);
    pg_set_gpr(m, 1, PAGE_INVALID);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0));
    FX_PGM_TEA("TEA real", m, fx_run(m), PG_PGM_PAGE, PG_PSW_T, FX_CODE, PAGE_INVALID);
    FX_EQ(fx_get32(m, FRAME_C + PG_LC_TEA), 0);
    pg_machine_free(m);
}

/* The hook receives the translation-exception address. */
static pg_hook_action hook_stop(void *ctx, pg_machine *m, const pg_interrupt *irq)
{
    (void)m;
    *(pg_interrupt *)ctx = *irq;
    return PG_HOOK_STOP;
}

/* With a hook, a translation exception reaches it with tea, nothing stored. */
static void test_exc_hook_tea(void)
{
    pg_machine *m = mmu_machine(0);
    pg_interrupt irq;
    memset(&irq, 0, sizeof irq);
    pg_set_interrupt_hook(m, hook_stop, &irq);
    pg_set_gpr(m, 1, SEG_INVALID + 0x124);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0));
    FX_STOP(fx_run(m), PG_STOP_HOOK);
    FX_EQ(irq.cls, PG_INT_PROGRAM);
    FX_EQ(irq.code, PG_PGM_SEGMENT);
    FX_EQ(irq.tea, SEG_INVALID + 0x124);
    FX_EQ(irq.old.flags, PG_PSW_T);
    FX_EQ(irq.old.addr, FX_CODE);
    FX_EQ(fx_get32(m, PG_LC_TEA), FX_TEA_SENTINEL);
    pg_machine_free(m);
}

/* ======================================================================== */
/* protection                                                               */
/* ======================================================================== */

/* Supervisor state ignores U; stores need W in either state. */
static void test_prot_allowed(void)
{
    pg_machine *m = mmu_machine(PG_PSW_S);
    map(m, DVA, FRAME_A | V);           /* supervisor only, read-only */
    map(m, DVA2, FRAME_B | V | W);      /* supervisor only, writable */
    fx_put32(m, FRAME_A, 0xA1A1A1A1);
    pg_set_gpr(m, 1, DVA);
    pg_set_gpr(m, 2, DVA2);
    pg_set_gpr(m, 4, 0x44);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0), XI(sw, 4, 2, 0), XI(stck, 0, 2, 8), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 0xA1A1A1A1);
    FX_EQ(fx_get32(m, FRAME_B), 0x44);
    FX_EQ(fx_get64(m, FRAME_B + 8), CYC(lw) + CYC(sw));
    FX_EQ(pte(m, DVA), FRAME_A | V | R);
    FX_EQ(pte(m, DVA2), FRAME_B | V | W | R | C);
    pg_machine_free(m);
    /* problem state with V|W|U: loads and stores allowed */
    m = mmu_machine(0);
    pg_set_gpr(m, 1, DVA);
    pg_set_gpr(m, 4, 0x99);
    FX_CODE_AT(m, FX_CODE, XI(sh, 4, 1, 2), XI(lhu, 3, 1, 2), XI(svc, 0, 0, 0));
    FX_WAIT(m, fx_run(m), FX_SVC_WAIT);
    FX_EQ(pg_get_gpr(m, 3), 0x99);
    FX_EQ(fx_get32(m, FRAME_A), 0x99);
    pg_machine_free(m);
}

/* lpsw reads its operand through translation (a load: no W needed). */
static void test_prot_lpsw_translated(void)
{
    pg_machine *m = mmu_machine(PG_PSW_S);
    map(m, DVA, FRAME_A | V);
    fx_put_psw(m, FRAME_A + 0x20, PG_PSW_W, 0x5150);
    fx_put_psw(m, FX_DATA + 0x20, PG_PSW_W, 0xBAD);
    pg_set_gpr(m, 1, DVA);
    FX_CODE_AT(m, FX_CODE, XI(lpsw, 0, 1, 0x20));
    FX_WAIT(m, fx_run(m), 0x5150);
    FX_EQ(pte(m, DVA), FRAME_A | V | R);
    pg_machine_free(m);
    /* an lpsw whose operand reads fine but holds reserved bits: 6, yet the read captured */
    m = mmu_machine(PG_PSW_S);
    fx_put_psw(m, FRAME_A + 0x20, 0x40, 0x5150);
    pg_set_gpr(m, 1, DVA);
    FX_CODE_AT(m, FX_CODE, XI(lpsw, 0, 1, 0x20));
    FX_PGM(m, fx_run(m), PG_PGM_SPECIFICATION, PG_PSW_S | PG_PSW_T, FX_CODE);
    FX_EQ(pte(m, DVA), FRAME_A | V | W | U | R);
    FX_EQ(pg_get_stats(m)->tlb_misses, 2);
    pg_machine_free(m);
}

/* ======================================================================== */
/* tlb: the architected TLB                                                 */
/* ======================================================================== */

/* A machine where a load from DVA captured page A (frame A holds 0xAAAA0000,
   frame B 0xBBBB0000); then the table is changed to frame B. */
static pg_machine *tlb_captured(uint32_t flags)
{
    pg_machine *m = mmu_machine(flags);
    fx_put32(m, FRAME_A, 0xAAAA0000);
    fx_put32(m, FRAME_B, 0xBBBB0000);
    pg_set_gpr(m, 1, DVA);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 0xAAAA0000);
    map(m, DVA, FRAME_B | V | W | U);
    return m;
}

/* Run code at 0x1100 in supervisor state with T; return r5. */
static uint32_t tlb_probe(pg_machine *m, const uint32_t *code, size_t n)
{
    fx_code(m, 0x1100, code, n);
    pg_set_gpr(m, 5, 0);
    fx_psw(m, PG_PSW_S | PG_PSW_T, 0x1100);
    pg_stop s = fx_run(m);
    FX_WAIT(m, s, FX_DONE);
    return pg_get_gpr(m, 5);
}

/* A captured translation survives table changes until ptlb / CR1 load / pg_set_cr / pg_purge_tlb. */
static void test_tlb_retention_and_purge(void)
{
    pg_machine *m = tlb_captured(PG_PSW_S);
    uint32_t plain[] = {XI(lw, 5, 1, 0), HALT};
    FX_EQ(tlb_probe(m, plain, 2), 0xAAAA0000);
    /* pg_set_psw, T off and on through lpsw, lctl of another CR: no purge */
    fx_put_psw(m, 0x1F10, PG_PSW_S, 0x1108);
    fx_put_psw(m, 0x1F18, PG_PSW_S | PG_PSW_T, 0x1110);
    pg_set_gpr(m, 6, 0x12345);
    uint32_t no_purge[] = {XI(lpsw, 0, 0, 0x1F10), 0, XI(lpsw, 0, 0, 0x1F18), 0,
                           XI(lctl, 2, 6, 0), XI(lctl, 0, 6, 0), XI(lw, 5, 1, 0), HALT};
    FX_EQ(tlb_probe(m, no_purge, 8), 0xAAAA0000);
    FX_EQ(pte(m, DVA), FRAME_B | V | W | U);   /* not walked: no R */
    /* ptlb */
    uint32_t ptlb[] = {XI(ptlb, 0, 0, 0), XI(lw, 5, 1, 0), HALT};
    FX_EQ(tlb_probe(m, ptlb, 3), 0xBBBB0000);
    FX_EQ(pte(m, DVA), FRAME_B | V | W | U | R);
    pg_machine_free(m);
    /* lctl cr1 with the value it already holds */
    m = tlb_captured(PG_PSW_S);
    pg_set_gpr(m, 6, L1);
    uint32_t lctl[] = {XI(lctl, 1, 6, 0), XI(lw, 5, 1, 0), HALT};
    FX_EQ(tlb_probe(m, lctl, 3), 0xBBBB0000);
    pg_machine_free(m);
    /* lctl cr1 with T off also purges */
    m = tlb_captured(PG_PSW_S);
    pg_set_gpr(m, 6, L1);
    fx_put_psw(m, 0x1F10, PG_PSW_S, 0x1108);
    fx_put_psw(m, 0x1F18, PG_PSW_S | PG_PSW_T, 0x1110);
    uint32_t lctl_real[] = {XI(lpsw, 0, 0, 0x1F10), 0, XI(lctl, 1, 6, 0), XI(lpsw, 0, 0, 0x1F18),
                            XI(lw, 5, 1, 0), HALT};
    FX_EQ(tlb_probe(m, lctl_real, 6), 0xBBBB0000);
    pg_machine_free(m);
    /* pg_set_cr(1) and pg_purge_tlb from outside */
    m = tlb_captured(PG_PSW_S);
    pg_set_cr(m, 1, L1);
    FX_EQ(tlb_probe(m, plain, 2), 0xBBBB0000);
    pg_machine_free(m);
    m = tlb_captured(PG_PSW_S);
    pg_purge_tlb(m);
    FX_EQ(tlb_probe(m, plain, 2), 0xBBBB0000);
    pg_machine_free(m);
    /* pg_set_cr of another CR does not purge */
    m = tlb_captured(PG_PSW_S);
    pg_set_cr(m, 3, 0x1234);
    FX_EQ(tlb_probe(m, plain, 2), 0xAAAA0000);
    pg_machine_free(m);
}

/* An invalidated entry keeps working through its translation until a purge. */
static void test_tlb_invalidated_entry(void)
{
    pg_machine *m = tlb_captured(PG_PSW_S);
    fx_put32(m, l2_addr(DVA), 0);
    fx_put32(m, L1 + 4, 0);             /* even the first-level entry */
    uint32_t plain[] = {XI(lw, 5, 1, 0), HALT};
    FX_EQ(tlb_probe(m, plain, 2), 0xAAAA0000);
    fx_code(m, 0x1100, (uint32_t[]){XI(ptlb, 0, 0, 0), XI(lw, 5, 1, 0), HALT}, 3);
    fx_psw(m, PG_PSW_S | PG_PSW_T, 0x1100);
    FX_PGM_TEA("after ptlb", m, fx_run(m), PG_PGM_SEGMENT, PG_PSW_S | PG_PSW_T, 0x1104, DVA);
    pg_machine_free(m);
}

/* One translation serves both states: its captured U decides for problem state. */
static void test_tlb_captured_u_and_w(void)
{
    /* captured in supervisor with U = 0; U set afterwards; problem access refused */
    pg_machine *m = mmu_machine(PG_PSW_S);
    map(m, DVA, FRAME_A | V | W);
    pg_set_gpr(m, 1, DVA);
    fx_put_psw(m, 0x1F10, PG_PSW_T, 0x1100);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0), XI(lpsw, 0, 0, 0x1F10));
    FX_CODE_AT(m, 0x1100, XI(lw, 4, 1, 0), XI(svc, 0, 0, 0));
    /* run to the lpsw into problem state, then set U in the table */
    FX_STOP(pg_run(m, CYC(lw)), PG_STOP_BUDGET);
    map(m, DVA, FRAME_A | V | W | U | R);
    FX_PGM_TEA("captured U=0", m, fx_run(m), PG_PGM_PROTECTION, PG_PSW_T, 0x1100, DVA);
    pg_machine_free(m);
    /* captured in problem state with U = 1; U cleared afterwards; still allowed */
    m = mmu_machine(0);
    pg_set_gpr(m, 1, DVA);
    fx_put32(m, FRAME_A, 0x5A5A);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0), XI(lw, 4, 1, 0), XI(svc, 0, 0, 0));
    FX_STOP(pg_run(m, CYC(lw)), PG_STOP_BUDGET);
    map(m, DVA, FRAME_A | V);
    FX_WAIT(m, fx_run(m), FX_SVC_WAIT);
    FX_EQ(pg_get_gpr(m, 4), 0x5A5A);
    pg_machine_free(m);
    /* captured with W = 0 by a load; W set afterwards; stores still refused */
    m = mmu_machine(PG_PSW_S);
    map(m, DVA, FRAME_A | V);
    pg_set_gpr(m, 1, DVA);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0), XI(sw, 3, 1, 4), HALT);
    FX_STOP(pg_run(m, CYC(lw)), PG_STOP_BUDGET);
    map(m, DVA, FRAME_A | V | W | R);
    FX_PGM_TEA("captured W=0", m, fx_run(m), PG_PGM_PROTECTION, PG_PSW_S | PG_PSW_T, FX_CODE + 4, DVA + 4);
    FX_EQ(pte(m, DVA), FRAME_A | V | W | R);
    pg_machine_free(m);
    /* captured with W = 1; W cleared afterwards; stores still allowed (and C set) */
    m = mmu_machine(PG_PSW_S);
    pg_set_gpr(m, 1, DVA);
    pg_set_gpr(m, 4, 0x77);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0), XI(sw, 4, 1, 4), HALT);
    FX_STOP(pg_run(m, CYC(lw)), PG_STOP_BUDGET);
    map(m, DVA, FRAME_A | V | U | R);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(fx_get32(m, FRAME_A + 4), 0x77);
    FX_EQ(pte(m, DVA), FRAME_A | V | U | R | C);
    pg_machine_free(m);
}

/* C: the first store through a translation lacking C ORs 0x10 into the entry it came from. */
static void test_tlb_change_bit(void)
{
    /* captured by a load; R cleared by software; the store sets only C */
    pg_machine *m = mmu_machine(PG_PSW_S);
    pg_set_gpr(m, 1, DVA);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0), XI(sw, 3, 1, 4), XI(sw, 3, 1, 8), HALT);
    FX_STOP(pg_run(m, CYC(lw)), PG_STOP_BUDGET);
    FX_EQ(pte(m, DVA), FRAME_A | V | W | U | R);
    fx_put32(m, l2_addr(DVA), FRAME_A | V | W | U | 0x40);   /* R cleared, an ignored bit set */
    FX_STOP(pg_run(m, CYC(sw)), PG_STOP_BUDGET);
    FX_EQ(pte(m, DVA), FRAME_A | V | W | U | 0x40 | C);
    /* C cleared by software: the next store writes nothing (the translation recorded C) */
    fx_put32(m, l2_addr(DVA), FRAME_A | V | W | U);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pte(m, DVA), FRAME_A | V | W | U);
    pg_machine_free(m);
    /* captured by a store: R and C at once; later stores set nothing */
    m = mmu_machine(PG_PSW_S);
    pg_set_gpr(m, 1, DVA);
    FX_CODE_AT(m, FX_CODE, XI(sw, 3, 1, 0), XI(sw, 3, 1, 4), HALT);
    FX_STOP(pg_run(m, CYC(sw)), PG_STOP_BUDGET);
    FX_EQ(pte(m, DVA), FRAME_A | V | W | U | R | C);
    fx_put32(m, l2_addr(DVA), FRAME_A | V | W | U);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pte(m, DVA), FRAME_A | V | W | U);
    pg_machine_free(m);
    /* C goes to the entry the translation was made from, even after the tables moved */
    m = mmu_machine(PG_PSW_S);
    pg_set_gpr(m, 1, DVA);
    fx_put32(m, FRAME_A, 0x1234);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0), XI(sw, 3, 1, 4), HALT);
    FX_STOP(pg_run(m, CYC(lw)), PG_STOP_BUDGET);
    uint32_t old_entry = l2_addr(DVA);
    fx_put32(m, L1 + 4, 0x8000 | V);    /* first-level 1 now points at a table at 0x8000 */
    uint32_t new_entry = 0x8000 + 4 * ((DVA >> 12) & 0x3FF);
    fx_put32(m, new_entry, FRAME_B | V | W | U);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(fx_get32(m, old_entry), FRAME_A | V | W | U | R | C);
    FX_EQ(fx_get32(m, new_entry), FRAME_B | V | W | U);
    FX_EQ(fx_get32(m, FRAME_A + 4), 0x1234);
    FX_EQ(fx_get32(m, FRAME_B + 4), 0);
    pg_machine_free(m);
}

/* A faulting access captures nothing: fixing the table without a purge lets the retry succeed. */
static void test_tlb_fault_captures_nothing(void)
{
    /* store to a read-only page: protection; set W (no purge); retry succeeds */
    pg_machine *m = mmu_machine(PG_PSW_S);
    map(m, DVA, FRAME_A | V | U);
    pg_set_gpr(m, 1, DVA);
    pg_set_gpr(m, 4, 0x4444);
    FX_CODE_AT(m, FX_CODE, XI(sw, 4, 1, 0), HALT);
    uint64_t misses = pg_get_stats(m)->tlb_misses;
    FX_PGM_TEA("first store", m, fx_run(m), PG_PGM_PROTECTION, PG_PSW_S | PG_PSW_T, FX_CODE, DVA);
    FX_EQ(pte(m, DVA), FRAME_A | V | U);
    FX_EQ(pg_get_stats(m)->tlb_misses - misses, 1);
    map(m, DVA, FRAME_A | V | U | W);
    fx_psw(m, PG_PSW_S | PG_PSW_T, FX_CODE);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(fx_get32(m, FRAME_A), 0x4444);
    FX_EQ(pte(m, DVA), FRAME_A | V | U | W | R | C);
    pg_machine_free(m);
    /* problem-state load without U: R stays clear; the fetch's translation and R remain */
    m = mmu_machine(0);
    map(m, DVA, FRAME_A | V | W);
    pg_set_gpr(m, 1, DVA);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0), XI(svc, 0, 0, 0));
    FX_PGM_TEA("no U", m, fx_run(m), PG_PGM_PROTECTION, PG_PSW_T, FX_CODE, DVA);
    FX_EQ(pte(m, DVA), FRAME_A | V | W);
    FX_EQ(pte(m, FX_CODE), FX_CODE | V | U | R);
    /* the fetch's translation is kept: removing the code page from the table changes nothing */
    map(m, FX_CODE, 0);
    map(m, DVA, FRAME_A | V | W | U);
    fx_psw(m, PG_PSW_T, FX_CODE);
    FX_WAIT(m, fx_run(m), FX_SVC_WAIT);
    FX_EQ(pte(m, DVA), FRAME_A | V | W | U | R);
    pg_machine_free(m);
    /* a page fault, then the page is mapped: the retry walks again */
    m = mmu_machine(0);
    pg_set_gpr(m, 1, PAGE_INVALID);
    fx_put32(m, FRAME_C + 0x10, 0xC0C0);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 1, 0x10), XI(svc, 0, 0, 0));
    FX_PGM_TEA("page fault", m, fx_run(m), PG_PGM_PAGE, PG_PSW_T, FX_CODE, PAGE_INVALID + 0x10);
    map(m, PAGE_INVALID, FRAME_C | V | U);
    fx_psw(m, PG_PSW_T, FX_CODE);
    FX_WAIT(m, fx_run(m), FX_SVC_WAIT);
    FX_EQ(pg_get_gpr(m, 3), 0xC0C0);
    pg_machine_free(m);
}

/* tlb_misses counts translations made from the tables (captures), nothing else. */
static void test_tlb_miss_count(void)
{
    pg_machine *m = mmu_machine(PG_PSW_S);
    pg_set_gpr(m, 1, DVA);
    pg_set_gpr(m, 2, DVA2);
    pg_set_gpr(m, 3, PAGE_INVALID);
    uint64_t m0 = pg_get_stats(m)->tlb_misses;
    FX_CODE_AT(m, FX_CODE, XI(lw, 4, 1, 0), XI(lw, 4, 1, 4), XI(sw, 4, 1, 8), XI(lw, 4, 2, 0),
               XI(lra, 4, 3, 0), XI(lra, 4, 0, 0x6000), XI(ptlb, 0, 0, 0), XI(lw, 4, 1, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    /* code, A, B; after ptlb: code again, A again */
    FX_EQ(pg_get_stats(m)->tlb_misses - m0, 5);
    pg_machine_free(m);
    /* with T off the TLB is neither consulted nor changed */
    m = fx_machine();
    m0 = pg_get_stats(m)->tlb_misses;
    FX_CODE_AT(m, FX_CODE, XI(lw, 4, 0, 0x2000), XI(sw, 4, 0, 0x3000), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_stats(m)->tlb_misses - m0, 0);
    pg_machine_free(m);
}

/* Demand paging: a problem-state program touches 4 unmapped pages; the
   handler maps each and retries; every page ends with R and C. */
static void test_tlb_demand_paging(void)
{
    pg_machine *m = mmu_machine(0);
    fx_put32(m, L1 + 4, 0x6000 | V);
    for (uint32_t a = 0x6000; a < 0x7000; a += 4)
        fx_put32(m, a, 0);              /* second-level table 1: all invalid */
    fx_put_psw(m, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER);
    fx_put_psw(m, 0x3F00, PG_PSW_W, 0xBAD);
    pg_set_gpr(m, 11, FRAME_A);
    FX_CODE_AT(m, FX_CODE,
               XI(lui, 1, 0, 0x40), XI(addi, 2, 0, 0), XI(addi, 5, 0, 4),
               XI(sw, 2, 1, 0), XI(addi, 1, 1, 0x1000), XI(addi, 2, 2, 1), XI(bne, 2, 5, -3),
               XI(lui, 1, 0, 0x40), XI(addi, 3, 0, 0), XI(addi, 2, 0, 0),
               XI(lw, 4, 1, 0), X3(add, 3, 3, 4), XI(addi, 1, 1, 0x1000), XI(addi, 2, 2, 1), XI(bne, 2, 5, -4),
               XI(svc, 0, 0, 0));
    FX_CODE_AT(m, FX_HANDLER,
               XI(lw, 10, 0, PG_LC_PGM_CODE), XI(addi, 13, 0, PG_PGM_PAGE), XI(bne, 10, 13, 10),
               XI(lw, 10, 0, PG_LC_TEA), XI(srli, 10, 10, 12), XI(andi, 10, 10, 0x3FF), XI(slli, 10, 10, 2),
               XI(ori, 13, 11, V | W | U), XI(sw, 13, 10, 0x6000), XI(addi, 11, 11, 0x1000),
               XI(addi, 12, 12, 1), XI(lpsw, 0, 0, PG_LC_PGM_OLD), XI(lpsw, 0, 0, 0x3F00));
    FX_WAIT(m, fx_run(m), FX_SVC_WAIT);
    FX_EQ(pg_get_gpr(m, 12), 4);
    FX_EQ(pg_get_gpr(m, 3), 0 + 1 + 2 + 3);
    for (uint32_t i = 0; i < 4; i++) {
        FX_EQ(fx_get32(m, 0x6000 + 4 * i), (FRAME_A + 0x1000 * i) | V | W | U | R | C);
        FX_EQ(fx_get32(m, FRAME_A + 0x1000 * i), i);
    }
    FX_EQ(fx_get_psw(m, PG_LC_SVC_OLD).flags, PG_PSW_T);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_PROGRAM], 4);
    pg_machine_free(m);
}

/* ======================================================================== */
/* lra and control registers                                                */
/* ======================================================================== */

/* lra: the real address or all ones; walks whatever T says; sets nothing; no TLB. */
static void test_lra_results(void)
{
    pg_machine *m = mmu_machine(PG_PSW_S);
    fx_put32(m, L1 + 4 * 3, 0x00F00000 | V);   /* second-level table beyond storage */
    map(m, DVA2, 0x00300000 | V);               /* frame beyond storage */
    struct { uint32_t va; uint32_t want; } cases[] = {
        {DVA + 0x123, FRAME_A + 0x123}, {DVA + 0xFFF, FRAME_A + 0xFFF}, {FX_CODE + 2, FX_CODE + 2},
        {SEG_INVALID + 4, 0xFFFFFFFF}, {PAGE_INVALID, 0xFFFFFFFF}, {0x00C00010, 0xFFFFFFFF},
        {DVA2 + 0x10, 0x00300010},
    };
    uint8_t *mem = NULL;
    for (int t = 0; t < 2; t++) {
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            char ctx[64];
            snprintf(ctx, sizeof ctx, "lra 0x%x with T %s", cases[i].va, t ? "on" : "off");
            pg_set_gpr(m, 1, cases[i].va - 0x10);
            pg_set_gpr(m, 3, 0x12121212);
            FX_CODE_AT(m, FX_CODE, XI(lra, 3, 1, 0x10), HALT);
            fx_psw(m, PG_PSW_S | (t ? PG_PSW_T : 0), FX_CODE);
            if (!mem)
                mem = fx_save_mem(m);
            FX_WAITC(ctx, m, fx_run(m), FX_DONE);
            FX_EQC(ctx, pg_get_gpr(m, 3), cases[i].want);
            uint32_t real = 0;
            bool ok = pg_lra(m, cases[i].va, &real);
            FX_EQC(ctx, ok, cases[i].want != 0xFFFFFFFF);
            if (ok)
                FX_EQC(ctx, real, cases[i].want);
        }
    }
    /* nothing was set anywhere except, with T on, the code page's R */
    uint32_t skip[] = {l2_addr(FX_CODE), l2_addr(FX_CODE) + 4, 0, 0};
    FX_SAME_MEM("lra sets nothing", m, mem, skip);
    free(mem);
    pg_machine_free(m);
    /* CR1 beyond storage: all ones, no exception */
    m = mmu_machine(PG_PSW_S);
    pg_set_cr(m, 1, 0x00F00000);
    pg_set_gpr(m, 1, DVA);
    FX_CODE_AT(m, FX_CODE, XI(lra, 3, 1, 0), HALT);
    fx_psw(m, PG_PSW_S, FX_CODE);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 0xFFFFFFFF);
    FX_EQ(pg_get_tod(m), CYC(lra) + CYC(lpsw));
    pg_machine_free(m);
}

/* lra ignores the TLB (captured A, table now B: lra says B) and makes no translation. */
static void test_lra_ignores_tlb(void)
{
    pg_machine *m = tlb_captured(PG_PSW_S);
    uint32_t code[] = {XI(lra, 5, 1, 0), HALT};
    FX_EQ(tlb_probe(m, code, 2), FRAME_B);
    /* the TLB still maps A */
    uint32_t load[] = {XI(lw, 5, 1, 0), HALT};
    FX_EQ(tlb_probe(m, load, 2), 0xAAAA0000);
    pg_machine_free(m);
    /* lra of a never-accessed page, then a table change: the access sees the change */
    m = mmu_machine(PG_PSW_S);
    fx_put32(m, FRAME_A, 0xAAAA0000);
    fx_put32(m, FRAME_B, 0xBBBB0000);
    pg_set_gpr(m, 1, DVA);
    FX_CODE_AT(m, FX_CODE, XI(lra, 3, 1, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), FRAME_A);
    FX_EQ(pte(m, DVA), FRAME_A | V | W | U);
    map(m, DVA, FRAME_B | V | W | U);
    FX_EQ(tlb_probe(m, load, 2), 0xBBBB0000);
    pg_machine_free(m);
}

/* CR1 keeps all 32 bits (stctl gives them back) but translation ignores bits 11-0; all CRs round-trip. */
static void test_cr_round_trip(void)
{
    pg_machine *m = mmu_machine(PG_PSW_S);
    fx_put32(m, FRAME_A, 0xF00D);
    pg_set_gpr(m, 1, DVA);
    pg_set_gpr(m, 6, L1 | 0xABC);
    FX_CODE_AT(m, FX_CODE, XI(lctl, 1, 6, 0), XI(stctl, 7, 1, 0), XI(lw, 3, 1, 0), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 7), L1 | 0xABC);
    FX_EQ(pg_get_cr(m, 1), L1 | 0xABC);
    FX_EQ(pg_get_gpr(m, 3), 0xF00D);
    pg_machine_free(m);
    /* every CR: lctl then stctl; with T off so CR1's value does not matter */
    m = fx_machine();
    uint32_t a = FX_CODE;
    for (unsigned n = 0; n < PG_CR_COUNT; n++) {
        fx_put32(m, a, XI(lui, 2, 0, (int32_t)(0x1000 * n + n)));
        a += 4;
        fx_put32(m, a, XI(lctl, n, 2, 0));
        a += 4;
    }
    for (unsigned n = 0; n < PG_CR_COUNT; n++) {
        fx_put32(m, a, XI(stctl, 1, n, 0));
        fx_put32(m, a + 4, XI(sw, 1, 0, (int32_t)(FX_DATA + 4 * n)));
        a += 8;
    }
    fx_put32(m, a, HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    for (unsigned n = 0; n < PG_CR_COUNT; n++) {
        uint32_t want = (uint32_t)(0x1000 * n + n) << 16;
        FX_EQ(fx_get32(m, FX_DATA + 4 * n), want);
        FX_EQ(pg_get_cr(m, n), want);
    }
    pg_machine_free(m);
}

/* Running off the end of a page into an unmapped one: the fetch faults at the
   first address of the next page, after the last instruction completed. */
static void test_exc_fetch_crosses_page(void)
{
    pg_machine *m = mmu_machine(PG_PSW_S);
    fx_psw(m, PG_PSW_S | PG_PSW_T, 0x1FF8);
    FX_CODE_AT(m, 0x1FF8, XI(addi, 3, 0, 3), XI(addi, 4, 0, 4));
    FX_PGM_TEA("page crossing", m, fx_run(m), PG_PGM_PAGE, PG_PSW_S | PG_PSW_T, 0x2000, 0x2000);
    FX_EQ(pg_get_gpr(m, 4), 4);
    FX_EQ(pg_get_tod(m), 2 * CYC(addi) + FX_IC);
    pg_machine_free(m);
}

/* A code page captured in supervisor state with U = 0 refuses problem-state
   fetches, even after U is set in the table. */
static void test_prot_captured_u_fetch(void)
{
    pg_machine *m = mmu_machine(PG_PSW_S);
    map(m, FX_CODE, FX_CODE | V);
    fx_put_psw(m, 0x1F10, PG_PSW_T, FX_CODE + 8);
    FX_CODE_AT(m, FX_CODE, XI(addi, 3, 0, 3), XI(lpsw, 0, 0, 0x1F10), XI(addi, 4, 0, 4));
    FX_STOP(pg_run(m, CYC(addi)), PG_STOP_BUDGET);
    map(m, FX_CODE, FX_CODE | V | U | R);
    FX_PGM_TEA("captured U=0 fetch", m, fx_run(m), PG_PGM_PROTECTION, PG_PSW_T, FX_CODE + 8, FX_CODE + 8);
    FX_EQ(pg_get_gpr(m, 4), 0);
    pg_machine_free(m);
}

/* stck is a store: its first access to a page sets R and C; epsw shows T. */
static void test_prot_stck_sets_c(void)
{
    pg_machine *m = mmu_machine(PG_PSW_S);
    pg_set_timer(m, INT64_C(1) << 40);
    fx_psw(m, PG_PSW_S | PG_PSW_T | PG_PSW_E, FX_CODE);
    pg_set_gpr(m, 1, DVA);
    FX_CODE_AT(m, FX_CODE, XI(epsw, 5, 0, 0), XI(stck, 0, 1, 0x18), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 5), PG_PSW_S | PG_PSW_T | PG_PSW_E);
    FX_EQ(fx_get64(m, FRAME_A + 0x18), CYC(epsw));
    FX_EQ(pte(m, DVA), FRAME_A | V | W | U | R | C);
    pg_machine_free(m);
}

static const pg_test translate_tests[] = {
    {"load_store", test_translate_load_store},
    {"memory_md_example", test_translate_memory_md_example},
    {NULL, NULL},
};
static const pg_test exc_tests[] = {
    {"operand_faults", test_exc_operand_faults},
    {"fetch_faults", test_exc_fetch_faults},
    {"tables_outside_storage", test_exc_tables_outside_storage},
    {"low_core_is_real", test_exc_low_core_is_real},
    {"hook_tea", test_exc_hook_tea},
    {"fetch_crosses_page", test_exc_fetch_crosses_page},
    {NULL, NULL},
};
static const pg_test prot_tests[] = {
    {"allowed", test_prot_allowed},
    {"lpsw_translated", test_prot_lpsw_translated},
    {"captured_u_fetch", test_prot_captured_u_fetch},
    {"stck_sets_c", test_prot_stck_sets_c},
    {NULL, NULL},
};
static const pg_test tlb_tests[] = {
    {"retention_and_purge", test_tlb_retention_and_purge},
    {"invalidated_entry", test_tlb_invalidated_entry},
    {"captured_u_and_w", test_tlb_captured_u_and_w},
    {"change_bit", test_tlb_change_bit},
    {"fault_captures_nothing", test_tlb_fault_captures_nothing},
    {"miss_count", test_tlb_miss_count},
    {"demand_paging", test_tlb_demand_paging},
    {NULL, NULL},
};
static const pg_test lra_tests[] = {
    {"results", test_lra_results},
    {"ignores_tlb", test_lra_ignores_tlb},
    {"cr_round_trip", test_cr_round_trip},
    {NULL, NULL},
};

static const pg_suite suites[] = {
    {"translate", translate_tests},
    {"exceptions", exc_tests},
    {"protection", prot_tests},
    {"tlb", tlb_tests},
    {"lra", lra_tests},
    {NULL, NULL},
};

int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
