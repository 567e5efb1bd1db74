/*
 * test_cp.c -- CP's unit tests: every privileged instruction emulated and
 * every interrupt reflected, checked by running the same guest image on a
 * bare pg_machine and in a CP virtual machine and comparing everything the
 * guest can see (cp_fixture.h); a random program fuzzer doing the same for
 * a few hundred generated programs; statistics and the trap-event hook;
 * exact virtual time with several VMs.  Shadow tables, isolation and
 * minidisks have their own programs (test_cp_shadow, test_cp_isolation).
 * Instructions are built with pg_encode; the assembler is never used.
 */
#include "cp_fixture.h"
#include "runner.h"

/* ======================================================================== */
/* priv: each privileged instruction, in four states, bare vs CP            */
/* ======================================================================== */

/*
 * Every case is a piece of code placed at BODY.  A prologue at FX_CODE
 * loads CR1 with the standard space and lpsw's into the state under test:
 * supervisor, problem, supervisor with T, problem with T.  In problem state
 * the first privileged instruction is a privileged-operation exception
 * (reflected by CP), so each case also checks that.  Extra pages of the
 * standard space, for operand faults with T on:
 *   0x10000  not mapped (page-translation exception)
 *   0x11000  frame 0x8000, V U (read-only)
 *   0x12000  frame 0x9000, V W U (R and C start clear)
 *   0x13000  frame 0xA000, V W (supervisor only)
 *   0x400000 segment 1: not valid (segment-translation exception)
 */
enum {
    BODY = FX_CODE + 0x20,
    START_PSW = 0x1F10,
    D = FX_DATA,
    VA_UNMAPPED = 0x10000, VA_RO = 0x11000, VA_RW = 0x12000, VA_SUP = 0x13000,
    VA_NOSEG = 0x400000,
    FR_RO = 0x8000, FR_RW = 0x9000, FR_SUP = 0xA000,
    CCW = D + 0x200, BUF = D + 0x300, INBUF = D + 0x400,
};

static const uint32_t states[] = {PG_PSW_S, 0, PG_PSW_S | PG_PSW_T, PG_PSW_T};
static const char *const state_names[] = {"S", "P", "S+T", "P+T"};
static const char *const console_input[] = {"first line", "second", NULL};

typedef void (*case_fn)(cpx_asm *a);
typedef struct pcase {
    const char *name;
    case_fn fn;
} pcase;

/* The image of a case in one state. */
static cpx_img *case_image(case_fn fn, uint32_t state)
{
    cpx_img *img = cpx_std(PG_PSW_S);
    cpx_std_space(img);
    cpx_map(img, CPX_L1, CPX_L2, VA_RO, FR_RO | PG_PTE_V | PG_PTE_U);
    cpx_map(img, CPX_L1, CPX_L2, VA_RW, FR_RW | PG_PTE_V | PG_PTE_W | PG_PTE_U);
    cpx_map(img, CPX_L1, CPX_L2, VA_SUP, FR_SUP | PG_PTE_V | PG_PTE_W);
    cpx_psw(img, START_PSW, state, BODY);
    CPX_CODE(img, FX_CODE, XI(lui, 15, 0, CPX_L1 >> 16), XI(ori, 15, 15, CPX_L1 & 0xFFFF),
             XI(lctl, 1, 15, 0), XI(lpsw, 0, 0, START_PSW));
    cpx_asm a = {img, BODY};
    fn(&a);
    return img;
}

/* Run each case in each state, bare and under CP; all must agree. */
static void run_cases(const char *suite, const pcase *cases, size_t n)
{
    cpx_opts o = {.input = console_input, .max_cycles = 50000};
    for (size_t i = 0; i < n; i++)
        for (size_t s = 0; s < sizeof states / sizeof states[0]; s++) {
            char ctx[128];
            snprintf(ctx, sizeof ctx, "%s %s in %s", suite, cases[i].name, state_names[s]);
            cpx_img *img = case_image(cases[i].fn, states[s]);
            if (!CPX_DIFF(ctx, img, &o)) {
                char name[128];
                snprintf(name, sizeof name, "%s-%s-%s", suite, cases[i].name, state_names[s]);
                cpx_dump(img, name);
            }
            cpx_img_free(img);
        }
}

#define E(a, w) cpx_emit((a), (w))

/* Emit "li rd, v". */
static void li(cpx_asm *a, unsigned rd, uint32_t v)
{
    cpx_li(a, rd, v);
}

/* Emit the tio polling loop on the device in r1 (result in r4). */
static void poll_r1(cpx_asm *a)
{
    E(a, XI(tio, 4, 1, 0));
    E(a, XI(addi, 5, 0, 2));
    E(a, XI(beq, 4, 5, -2));
}

/* Emit sio r3, r1 = dev, r2 = ccw. */
static void sio_at(cpx_asm *a, uint32_t dev, uint32_t ccw)
{
    li(a, 1, dev);
    li(a, 2, ccw);
    E(a, X3(sio, 3, 1, 2));
}

/* ---- lpsw ---- */

static void c_lpsw_same(cpx_asm *a)
{
    E(a, XI(epsw, 1, 0, 0));
    E(a, XI(sw, 1, 0, D));
    uint32_t target = a->pc + 6 * 4;
    li(a, 2, target);
    E(a, XI(sw, 2, 0, D + 4));
    E(a, XI(lpsw, 0, 0, D));
    E(a, XI(addi, 3, 0, 7));
    E(a, HALT);
}
static void c_lpsw_wait_code(cpx_asm *a)
{
    cpx_psw(a->img, D + 0x40, PG_PSW_W, 0x1234);
    E(a, XI(lpsw, 0, 0, D + 0x40));
}
static void c_lpsw_wait_odd(cpx_asm *a)
{
    cpx_psw(a->img, D + 0x40, PG_PSW_W | PG_PSW_S | PG_PSW_T, 0xDEADBEEF);
    E(a, XI(lpsw, 0, 0, D + 0x40));
}
static void c_lpsw_invalid(cpx_asm *a)
{
    cpx_psw(a->img, D + 0x40, PG_PSW_S | 0x20, BODY);
    cpx_psw(a->img, D + 0x48, 0x80000001u, BODY);
    E(a, XI(addi, 3, 0, 1));
    E(a, XI(lpsw, 0, 0, D + 0x40));
}
static void c_lpsw_invalid_high(cpx_asm *a)
{
    cpx_psw(a->img, D + 0x48, 0x80000001u, BODY);
    E(a, XI(lpsw, 0, 0, D + 0x48));
}
static void c_lpsw_misaligned(cpx_asm *a)
{
    cpx_psw(a->img, D + 0x44, PG_PSW_W, 0x1234);
    E(a, XI(lpsw, 0, 0, D + 0x44));
}
static void c_lpsw_far(cpx_asm *a)
{
    li(a, 1, 0x20000);
    E(a, XI(lpsw, 0, 1, 0));
}
static void c_lpsw_unmapped(cpx_asm *a)
{
    li(a, 1, VA_UNMAPPED);
    E(a, XI(lpsw, 0, 1, 8));
}
static void c_lpsw_noseg(cpx_asm *a)
{
    li(a, 1, VA_NOSEG);
    E(a, XI(lpsw, 0, 1, 0x10));
}
static void c_lpsw_ro_page(cpx_asm *a)
{
    cpx_psw(a->img, FR_RO + 8, PG_PSW_W, 0x77);
    li(a, 1, VA_RO);
    E(a, XI(lpsw, 0, 1, 8));
}
static void c_lpsw_sup_page(cpx_asm *a)
{
    cpx_psw(a->img, FR_SUP, PG_PSW_W, 0x99);
    li(a, 1, VA_SUP);
    E(a, XI(lpsw, 0, 1, 0));
}
static void c_lpsw_timer_wait(cpx_asm *a)
{
    cpx_psw(a->img, D + 0x60, PG_PSW_W | PG_PSW_E, 0x4444);
    E(a, XI(addi, 1, 0, 50));
    E(a, XI(spt, 0, 1, 0));
    E(a, XI(lpsw, 0, 0, D + 0x60));
}
static void c_lpsw_idle_wait(cpx_asm *a)
{
    cpx_psw(a->img, D + 0x60, PG_PSW_W | PG_PSW_I | PG_PSW_S, 0x5555);
    E(a, XI(lpsw, 0, 0, D + 0x60));
}
static void c_lpsw_io_wait(cpx_asm *a)
{
    cpx_bytes(a->img, BUF, "hello", 5);
    cpx_ccw(a->img, CCW, PG_CCW_WRITE, 0, 5, BUF);
    cpx_psw(a->img, D + 0x60, PG_PSW_W | PG_PSW_I | PG_PSW_T, 0x6666);
    sio_at(a, PG_DEV_CONSOLE, CCW);
    E(a, XI(lpsw, 0, 0, D + 0x60));
}
static void c_lpsw_io_wait_pending(cpx_asm *a)
{
    cpx_bytes(a->img, BUF, "done", 4);
    cpx_ccw(a->img, CCW, PG_CCW_WRITE, 0, 4, BUF);
    cpx_psw(a->img, D + 0x60, PG_PSW_W | PG_PSW_I | PG_PSW_S, 0x6667);
    sio_at(a, PG_DEV_CONSOLE, CCW);
    E(a, XI(addi, 6, 0, 70));       /* spin past the completion */
    E(a, XI(addi, 6, 6, -1));
    E(a, XI(bne, 6, 0, -1));
    E(a, XI(lpsw, 0, 0, D + 0x60)); /* the wait lasts 0 cycles */
}
static void c_lpsw_to_problem(cpx_asm *a)
{
    E(a, XI(epsw, 1, 0, 0));
    E(a, XI(andi, 1, 1, PG_PSW_T));
    E(a, XI(sw, 1, 0, D));
    uint32_t target = a->pc + 6 * 4;
    li(a, 2, target);
    E(a, XI(sw, 2, 0, D + 4));
    E(a, XI(lpsw, 0, 0, D));
    E(a, XI(addi, 3, 0, 3));
    E(a, XI(ptlb, 0, 0, 0));
    E(a, HALT);
}
static void c_lpsw_to_translation(cpx_asm *a)
{
    uint32_t target = a->pc + 4;
    cpx_psw(a->img, D + 0x40, PG_PSW_S | PG_PSW_T, target);
    E(a, XI(lpsw, 0, 0, D + 0x40));
    E(a, XI(lw, 4, 0, D + 0x40));
    E(a, XI(addi, 3, 0, 1));
    E(a, HALT);
}
static void c_lpsw_timer_pending(cpx_asm *a)
{
    uint32_t target = a->pc + 8;
    cpx_psw(a->img, D + 0x40, PG_PSW_S | PG_PSW_E, target);
    E(a, XI(spt, 0, 0, 0));
    E(a, XI(lpsw, 0, 0, D + 0x40));
    E(a, XI(addi, 3, 0, 1));
    E(a, HALT);
}
static void c_lpsw_fetch_misaligned(cpx_asm *a)
{
    cpx_psw(a->img, D + 0x40, PG_PSW_S, BODY + 0x102);
    E(a, XI(lpsw, 0, 0, D + 0x40));
}
static void c_lpsw_fetch_far(cpx_asm *a)
{
    cpx_psw(a->img, D + 0x40, PG_PSW_S, 0x20000);
    E(a, XI(lpsw, 0, 0, D + 0x40));
}
static void c_lpsw_fetch_unmapped(cpx_asm *a)
{
    cpx_psw(a->img, D + 0x40, PG_PSW_S | PG_PSW_T, VA_UNMAPPED + 0x10);
    E(a, XI(lpsw, 0, 0, D + 0x40));
}
static void c_lpsw_fetch_sup_page(cpx_asm *a)
{
    CPX_CODE(a->img, FR_SUP, XI(addi, 3, 0, 3), HALT);
    cpx_psw(a->img, D + 0x40, PG_PSW_T, VA_SUP);
    cpx_psw(a->img, D + 0x48, PG_PSW_T | PG_PSW_S, VA_SUP);
    E(a, XI(lpsw, 0, 0, D + 0x48));
}
static void c_lpsw_fetch_problem_sup_page(cpx_asm *a)
{
    CPX_CODE(a->img, FR_SUP, XI(addi, 3, 0, 3), HALT);
    cpx_psw(a->img, D + 0x40, PG_PSW_T, VA_SUP);
    E(a, XI(lpsw, 0, 0, D + 0x40));
}

static const pcase lpsw_cases[] = {
    {"lpsw same state", c_lpsw_same},
    {"lpsw disabled wait", c_lpsw_wait_code},
    {"lpsw wait code any value", c_lpsw_wait_odd},
    {"lpsw invalid PSW", c_lpsw_invalid},
    {"lpsw invalid PSW high bit", c_lpsw_invalid_high},
    {"lpsw misaligned operand", c_lpsw_misaligned},
    {"lpsw operand beyond storage", c_lpsw_far},
    {"lpsw operand unmapped", c_lpsw_unmapped},
    {"lpsw operand no segment", c_lpsw_noseg},
    {"lpsw operand read-only page", c_lpsw_ro_page},
    {"lpsw operand supervisor page", c_lpsw_sup_page},
    {"lpsw enabled wait for the timer", c_lpsw_timer_wait},
    {"lpsw enabled wait nothing can end", c_lpsw_idle_wait},
    {"lpsw enabled wait for I/O", c_lpsw_io_wait},
    {"lpsw enabled wait, I/O already pending", c_lpsw_io_wait_pending},
    {"lpsw to problem state", c_lpsw_to_problem},
    {"lpsw to translation", c_lpsw_to_translation},
    {"lpsw enables a pending timer", c_lpsw_timer_pending},
    {"lpsw to a misaligned address", c_lpsw_fetch_misaligned},
    {"lpsw to an address beyond storage", c_lpsw_fetch_far},
    {"lpsw to an unmapped page", c_lpsw_fetch_unmapped},
    {"lpsw to a supervisor page", c_lpsw_fetch_sup_page},
    {"lpsw problem state to a supervisor page", c_lpsw_fetch_problem_sup_page},
};

/* lpsw: every kind of new PSW and operand, bare vs CP, in four states. */
static void test_priv_lpsw(void)
{
    run_cases("lpsw", lpsw_cases, sizeof lpsw_cases / sizeof lpsw_cases[0]);
}

/* ---- epsw, ssm ---- */

static void c_epsw(cpx_asm *a)
{
    E(a, XI(epsw, 3, 0, 0));
    E(a, XI(epsw, 0, 0, 0));
    E(a, HALT);
}
static void c_epsw_masks(cpx_asm *a)
{
    li(a, 1, 0x7FFFFFFF);
    E(a, XI(spt, 0, 1, 0));
    E(a, XI(addi, 1, 0, PG_PSW_I | PG_PSW_E));
    E(a, XI(ssm, 0, 1, 0));
    E(a, XI(epsw, 3, 0, 0));
    E(a, HALT);
}
static void c_ssm_timer_pending(cpx_asm *a)
{
    E(a, XI(addi, 1, 0, PG_PSW_E));
    E(a, XI(ssm, 0, 1, 0));
    E(a, XI(addi, 3, 0, 1));
    E(a, HALT);
}
static void c_ssm_junk_bits(cpx_asm *a)
{
    li(a, 1, 0xFFFFFFE7u);
    E(a, XI(ssm, 0, 1, 0));
    E(a, XI(epsw, 3, 0, 0));
    E(a, HALT);
}
static void c_ssm_io_pending(cpx_asm *a)
{
    cpx_bytes(a->img, BUF, "abc", 3);
    cpx_ccw(a->img, CCW, PG_CCW_WRITE, 0, 3, BUF);
    sio_at(a, PG_DEV_CONSOLE, CCW);
    E(a, XI(addi, 6, 0, 60));       /* spin past the completion (103 cycles) */
    E(a, XI(addi, 6, 6, -1));
    E(a, XI(bne, 6, 0, -1));
    E(a, XI(addi, 1, 0, PG_PSW_I));
    E(a, XI(ssm, 0, 1, 0));
    E(a, XI(addi, 3, 0, 1));
    E(a, HALT);
}
static void c_ssm_disable(cpx_asm *a)
{
    E(a, XI(ssm, 0, 0, 0));
    E(a, XI(epsw, 3, 0, 0));
    E(a, HALT);
}

static const pcase mask_cases[] = {
    {"epsw", c_epsw},
    {"epsw with masks", c_epsw_masks},
    {"ssm enables a pending timer", c_ssm_timer_pending},
    {"ssm ignores other bits", c_ssm_junk_bits},
    {"ssm enables pending I/O", c_ssm_io_pending},
    {"ssm disables", c_ssm_disable},
};

/* epsw and ssm, bare vs CP, in four states. */
static void test_priv_epsw_ssm(void)
{
    run_cases("mask", mask_cases, sizeof mask_cases / sizeof mask_cases[0]);
}

/* ---- lctl, stctl ---- */

static void c_cr_all(cpx_asm *a)
{
    for (unsigned n = 0; n < 16; n++) {
        if (n == 1)
            continue;
        li(a, 1, 0x01000000u * n + 0x0055AA00u + n);
        E(a, XI(lctl, n, 1, 0));
    }
    for (unsigned n = 0; n < 16; n++) {
        E(a, XI(stctl, 2, n, 0));
        E(a, XI(sw, 2, 0, D + 4 * (int32_t)n));
    }
    E(a, XI(stctl, 0, 3, 0));
    E(a, HALT);
}
static void c_cr1_low_bits(cpx_asm *a)
{
    li(a, 1, CPX_L1 | 0xABC);
    E(a, XI(lctl, 1, 1, 0));
    E(a, XI(stctl, 2, 1, 0));
    E(a, XI(lw, 3, 0, D));
    E(a, HALT);
}
static void c_cr1_garbage(cpx_asm *a)
{
    li(a, 1, 0x00FFF000);
    E(a, XI(lctl, 1, 1, 0));
    E(a, XI(addi, 3, 0, 1));
    E(a, HALT);
}
static void c_cr1_zero(cpx_asm *a)
{
    E(a, XI(lctl, 1, 0, 0));
    E(a, XI(addi, 3, 0, 1));
    E(a, HALT);
}

static const pcase cr_cases[] = {
    {"lctl/stctl every CR", c_cr_all},
    {"lctl CR1 low bits kept", c_cr1_low_bits},
    {"lctl CR1 outside storage", c_cr1_garbage},
    {"lctl CR1 zero", c_cr1_zero},
};

/* lctl and stctl, bare vs CP, in four states. */
static void test_priv_lctl_stctl(void)
{
    run_cases("cr", cr_cases, sizeof cr_cases / sizeof cr_cases[0]);
}

/* ---- spt, stpt, stck ---- */

static void c_spt_values(cpx_asm *a)
{
    static const uint32_t v[] = {0, 1, 2, 3, 5, 0xFFFFFFFF, 0xFFFFFFFE, 0x7FFFFFFF,
                                 0x80000000, 1000};
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        li(a, 1, v[i]);
        E(a, XI(spt, 0, 1, 0));
        E(a, XI(stpt, 2, 0, 0));
        E(a, XI(mul, 3, 3, 3));
        E(a, XI(stpt, 4, 0, 0));
        E(a, XI(sw, 2, 0, D + 8 * (int32_t)i));
        E(a, XI(sw, 4, 0, D + 8 * (int32_t)i + 4));
    }
    E(a, HALT);
}
static void c_stpt_start(cpx_asm *a)
{
    E(a, XI(stpt, 1, 0, 0));
    E(a, XI(div, 5, 5, 1));
    E(a, XI(stpt, 2, 0, 0));
    E(a, HALT);
}
static void c_stck_ok(cpx_asm *a)
{
    E(a, XI(stck, 0, 0, D));
    E(a, XI(mulh, 3, 3, 3));
    E(a, XI(stck, 0, 0, D + 8));
    E(a, XI(lw, 1, 0, D + 4));
    E(a, XI(lw, 2, 0, D + 12));
    E(a, HALT);
}
static void c_stck_misaligned(cpx_asm *a)
{
    E(a, XI(stck, 0, 0, D + 4));
}
static void c_stck_unmapped(cpx_asm *a)
{
    li(a, 1, VA_UNMAPPED);
    E(a, XI(stck, 0, 1, 0x18));
}
static void c_stck_ro(cpx_asm *a)
{
    li(a, 1, VA_RO);
    E(a, XI(lw, 2, 1, 0));
    E(a, XI(stck, 0, 1, 0x20));
}
static void c_stck_rc(cpx_asm *a)
{
    li(a, 1, VA_RW);
    E(a, XI(stck, 0, 1, 0));
    li(a, 2, CPX_L2 + 4 * (VA_RW >> 12));
    E(a, XI(lw, 3, 2, 0));         /* the PTE after the first stck: R and C */
    E(a, XI(sw, 0, 2, 0));         /* clear it (no purge) */
    E(a, XI(stck, 0, 1, 8));       /* the translation recorded C: nothing set */
    E(a, XI(lw, 4, 2, 0));
    E(a, HALT);
}
static void c_stck_noseg(cpx_asm *a)
{
    li(a, 1, VA_NOSEG);
    E(a, XI(stck, 0, 1, 0));
}
static void c_stck_sup(cpx_asm *a)
{
    li(a, 1, VA_SUP);
    E(a, XI(stck, 0, 1, 0x40));
    E(a, HALT);
}

static const pcase time_cases[] = {
    {"spt/stpt values", c_spt_values},
    {"stpt at start", c_stpt_start},
    {"stck", c_stck_ok},
    {"stck misaligned", c_stck_misaligned},
    {"stck unmapped", c_stck_unmapped},
    {"stck read-only page", c_stck_ro},
    {"stck R and C", c_stck_rc},
    {"stck no segment", c_stck_noseg},
    {"stck supervisor page", c_stck_sup},
};

/* spt, stpt and stck (operand faults, R and C bits), bare vs CP, in four states. */
static void test_priv_timer_clock(void)
{
    run_cases("time", time_cases, sizeof time_cases / sizeof time_cases[0]);
}

/* ---- sio, tio, hio ---- */

static void c_sio_write_poll(cpx_asm *a)
{
    cpx_bytes(a->img, BUF, "Hello, world\n", 13);
    cpx_ccw(a->img, CCW, PG_CCW_WRITE, 0, 13, BUF);
    sio_at(a, PG_DEV_CONSOLE, CCW);
    poll_r1(a);
    E(a, XI(lw, 6, 0, PG_LC_CSW));
    E(a, XI(lw, 7, 0, PG_LC_CSW + 4));
    E(a, XI(tio, 8, 1, 0));
    E(a, HALT);
}
static void c_sio_busy_hio(cpx_asm *a)
{
    cpx_bytes(a->img, BUF, "0123456789", 10);
    cpx_ccw(a->img, CCW, PG_CCW_WRITE, 0, 10, BUF);
    sio_at(a, PG_DEV_CONSOLE, CCW);
    E(a, X3(sio, 4, 1, 2));         /* busy: 2 */
    E(a, XI(tio, 5, 1, 0));         /* busy: 2 */
    E(a, XI(hio, 6, 1, 0));         /* halted: 1 */
    E(a, XI(hio, 7, 1, 0));         /* not busy: 0 */
    E(a, XI(tio, 8, 1, 0));         /* status pending: 1, CSW */
    E(a, XI(tio, 9, 1, 0));         /* available: 0 */
    E(a, HALT);
}
static void c_sio_pending(cpx_asm *a)
{
    cpx_bytes(a->img, BUF, "xy", 2);
    cpx_ccw(a->img, CCW, PG_CCW_WRITE, 0, 2, BUF);
    sio_at(a, PG_DEV_CONSOLE, CCW);
    E(a, XI(addi, 6, 0, 80));
    E(a, XI(addi, 6, 6, -1));
    E(a, XI(bne, 6, 0, -1));
    E(a, X3(sio, 4, 1, 2));         /* status pending: 1, nothing started */
    E(a, X3(sio, 5, 1, 2));         /* started: 0 */
    poll_r1(a);
    E(a, HALT);
}
static void c_sio_not_oper(cpx_asm *a)
{
    cpx_ccw(a->img, CCW, PG_CCW_WRITE, 0, 2, BUF);
    sio_at(a, 0x123, CCW);
    E(a, XI(tio, 4, 1, 0));
    E(a, XI(hio, 5, 1, 0));
    li(a, 1, 0x10009);
    E(a, X3(sio, 6, 1, 2));
    E(a, XI(tio, 7, 1, 0));
    E(a, XI(hio, 8, 1, 0));
    E(a, HALT);
}
static void c_sio_read(cpx_asm *a)
{
    cpx_ccw(a->img, CCW, PG_CCW_READ, PG_CCW_FLAG_SLI, 40, INBUF);
    cpx_ccw(a->img, CCW + 8, PG_CCW_READ, 0, 4, INBUF + 0x40);
    sio_at(a, PG_DEV_CONSOLE, CCW);
    poll_r1(a);
    E(a, XI(lw, 6, 0, PG_LC_CSW + 4));
    li(a, 2, CCW + 8);
    E(a, X3(sio, 3, 1, 2));         /* "second", count 4: incorrect length */
    poll_r1(a);
    E(a, XI(lw, 7, 0, PG_LC_CSW + 4));
    E(a, X3(sio, 3, 1, 2));         /* end of input: unit exception */
    poll_r1(a);
    E(a, XI(lw, 8, 0, PG_LC_CSW + 4));
    E(a, HALT);
}
static void c_sio_program_checks(cpx_asm *a)
{
    cpx_ccw(a->img, CCW, PG_CCW_WRITE, 0, 0, BUF);                  /* count 0 */
    cpx_ccw(a->img, CCW + 8, PG_CCW_WRITE, 0, 100, FX_MEM - 50);     /* data beyond */
    cpx_ccw(a->img, CCW + 16, PG_CCW_TIC, 0, 0, CCW + 24);          /* TIC to TIC */
    cpx_ccw(a->img, CCW + 24, PG_CCW_TIC, 0, 0, CCW);
    cpx_ccw(a->img, CCW + 32, 0x55, 0, 1, BUF);                      /* unknown command */
    cpx_ccw(a->img, CCW + 40, PG_CCW_WRITE, 0x80, 1, BUF);           /* bad flag */
    static const uint32_t progs[] = {CCW, CCW + 8, CCW + 16, CCW + 32, CCW + 40, CCW + 4,
                                     FX_MEM - 4, 0xFFFFFFF8u};
    li(a, 1, PG_DEV_CONSOLE);
    for (unsigned i = 0; i < sizeof progs / sizeof progs[0]; i++) {
        li(a, 2, progs[i]);
        E(a, X3(sio, 3, 1, 2));
        E(a, XI(sw, 3, 0, D + 16 * (int32_t)i));
        poll_r1(a);
        E(a, XI(lw, 6, 0, PG_LC_CSW));
        E(a, XI(sw, 6, 0, D + 16 * (int32_t)i + 4));
        E(a, XI(lw, 6, 0, PG_LC_CSW + 4));
        E(a, XI(sw, 6, 0, D + 16 * (int32_t)i + 8));
    }
    E(a, HALT);
}
static void c_sio_chain(cpx_asm *a)
{
    cpx_bytes(a->img, BUF, "one two", 7);
    cpx_ccw(a->img, CCW, PG_CCW_WRITE, PG_CCW_FLAG_CC, 4, BUF);
    cpx_ccw(a->img, CCW + 8, PG_CCW_TIC, 0, 0, CCW + 16);
    cpx_ccw(a->img, CCW + 16, PG_CCW_WRITE, 0, 3, BUF + 4);
    sio_at(a, PG_DEV_CONSOLE, CCW);
    poll_r1(a);
    E(a, XI(lw, 6, 0, PG_LC_CSW));
    E(a, HALT);
}
static void c_sio_unit_record(cpx_asm *a)
{
    cpx_bytes(a->img, BUF, "PUNCHED CARD", 12);
    cpx_ccw(a->img, CCW, PG_CCW_READ, 0, 80, INBUF);
    cpx_ccw(a->img, CCW + 8, PG_CCW_WRITE, PG_CCW_FLAG_SLI, 12, BUF);
    cpx_ccw(a->img, CCW + 16, PG_CCW_SENSE, 0, 1, INBUF + 0x60);
    sio_at(a, PG_DEV_READER, CCW);          /* empty reader: unit exception */
    poll_r1(a);
    E(a, XI(lw, 6, 0, PG_LC_CSW + 4));
    sio_at(a, PG_DEV_PUNCH, CCW + 8);
    poll_r1(a);
    E(a, XI(lw, 7, 0, PG_LC_CSW + 4));
    sio_at(a, PG_DEV_PRINTER, CCW);         /* READ to the printer: command reject */
    poll_r1(a);
    E(a, XI(lw, 8, 0, PG_LC_CSW + 4));
    sio_at(a, PG_DEV_PRINTER, CCW + 16);
    poll_r1(a);
    E(a, XI(lw, 9, 0, PG_LC_CSW + 4));
    E(a, HALT);
}
static void c_sio_io_interrupt(cpx_asm *a)
{
    cpx_bytes(a->img, BUF, "int", 3);
    cpx_ccw(a->img, CCW, PG_CCW_WRITE, 0, 3, BUF);
    sio_at(a, PG_DEV_CONSOLE, CCW);
    E(a, XI(addi, 1, 0, PG_PSW_I));
    E(a, XI(ssm, 0, 1, 0));
    for (int i = 0; i < 40; i++)
        E(a, XI(addi, 6, 6, 1));
    E(a, HALT);
}

static const pcase io_cases[] = {
    {"sio write, tio poll", c_sio_write_poll},
    {"sio busy, hio", c_sio_busy_hio},
    {"sio with status pending", c_sio_pending},
    {"sio/tio/hio not operational", c_sio_not_oper},
    {"sio read console", c_sio_read},
    {"sio program checks", c_sio_program_checks},
    {"sio chained", c_sio_chain},
    {"sio reader, punch, printer", c_sio_unit_record},
    {"sio then I/O interrupt", c_sio_io_interrupt},
};

/* sio, tio and hio on a console and the unit-record devices, bare vs CP. */
static void test_priv_io(void)
{
    run_cases("io", io_cases, sizeof io_cases / sizeof io_cases[0]);
}

/* ---- lra, ptlb, reserved fields ---- */

static void c_lra(cpx_asm *a)
{
    cpx_put32(a->img, CPX_L1 + 4 * 2, 0x00F00000u | PG_PTE_V);     /* segment 2: table beyond */
    E(a, XI(lra, 1, 0, D + 0x14));
    li(a, 5, VA_RO);
    E(a, XI(lra, 2, 5, 0x123));
    li(a, 5, VA_UNMAPPED);
    E(a, XI(lra, 3, 5, 0));
    li(a, 5, VA_NOSEG);
    E(a, XI(lra, 4, 5, 0));
    li(a, 5, 0x00800000);
    E(a, XI(lra, 6, 5, 0));
    E(a, XI(lra, 0, 5, 0));
    li(a, 5, CPX_L2 + 4 * (VA_RO >> 12));
    E(a, XI(lw, 7, 5, 0));          /* lra set no R bit */
    E(a, HALT);
}
static void c_lra_cr1_outside(cpx_asm *a)
{
    li(a, 1, 0x0FFFF000);
    E(a, XI(lctl, 1, 1, 0));
    E(a, XI(lra, 2, 0, 0));
    E(a, HALT);
}
static void c_ptlb(cpx_asm *a)
{
    E(a, XI(ptlb, 0, 0, 0));
    E(a, XI(lw, 1, 0, D));
    E(a, XI(ptlb, 0, 0, 0));
    E(a, HALT);
}
static void c_reserved_ptlb(cpx_asm *a)
{
    E(a, 0x8C000001u);
}
static void c_reserved_epsw(cpx_asm *a)
{
    E(a, 0x81300001u);
}
static void c_reserved_lpsw(cpx_asm *a)
{
    E(a, XI(lpsw, 0, 0, FX_HALT_PSW) | 0x00100000u);
}

static const pcase misc_cases[] = {
    {"lra", c_lra},
    {"lra with CR1 outside storage", c_lra_cr1_outside},
    {"ptlb", c_ptlb},
    {"ptlb reserved bits", c_reserved_ptlb},
    {"epsw reserved bits", c_reserved_epsw},
    {"lpsw reserved bits", c_reserved_lpsw},
};

/* lra, ptlb and privileged words with reserved bits, bare vs CP. */
static void test_priv_misc(void)
{
    run_cases("misc", misc_cases, sizeof misc_cases / sizeof misc_cases[0]);
}

/* A case that only runs what the caller put at BODY. */
static void c_nothing(cpx_asm *a)
{
    (void)a;
}

/* Every privileged instruction in problem state (with and without T, with
   and without the I/O and external masks), with random operand fields and
   registers: a privileged-operation exception that changes nothing but the
   program old PSW and code, bare vs CP. */
static void test_priv_problem_state_all(void)
{
    cpx_rng r = {0xC0FFEE};
    int n = 0;
    for (int op = 0; op < PG_OP_COUNT; op++) {
        if (!pg_insns[op].privileged)
            continue;
        for (int k = 0; k < 4; k++) {
            uint32_t flags = (k & 1 ? PG_PSW_T : 0) | (k & 2 ? PG_PSW_I : 0);
            cpx_img *img = case_image(c_nothing, flags);
            /* random fields, reserved bits kept clear by pg_encode */
            uint32_t w = fx_ins((pg_op)op, cpx_below(&r, 16), cpx_below(&r, 16),
                                cpx_below(&r, 16), (int32_t)(cpx_rand(&r) & 0xFFFF));
            CPX_CODE(img, BODY, w, HALT);
            cpx_opts o = {.set_gprs = true};
            for (unsigned i = 1; i < 16; i++)
                o.gpr[i] = i == 15 ? CPX_L1 : cpx_rand(&r);
            char ctx[96];
            snprintf(ctx, sizeof ctx, "problem-state %s (0x%08x) variant %d", pg_insns[op].mnemonic,
                     w, k);
            cpx_pair *p = cpx_pair_new(img, &o);
            cpx_run(p);
            CPX_CHECK(ctx, p);
            /* and directly: a privileged-operation exception, nothing else changed */
            FX_EQC(ctx, cp_vm_get_state(p->vm), CP_VM_DISABLED_WAIT);
            FX_EQC(ctx, cpx_vm_get32(p->vm, PG_LC_PGM_CODE), PG_PGM_PRIVILEGED);
            FX_EQC(ctx, cpx_vm_get32(p->vm, PG_LC_PGM_OLD), flags);
            FX_EQC(ctx, cpx_vm_get32(p->vm, PG_LC_PGM_OLD + 4), BODY);
            for (unsigned i = 1; i < 16; i++)
                FX_EQC(ctx, cp_vm_get_gpr(p->vm, i), o.gpr[i]);
            FX_EQC(ctx, cp_vm_get_stats(p->vm)->emulated, 2);      /* the prologue's */
            FX_EQC(ctx, cp_vm_get_stats(p->vm)->reflected[PG_INT_PROGRAM], 1);
            cpx_pair_free(p);
            cpx_img_free(img);
            n++;
        }
    }
    CU_ASSERT(n >= 14 * 4);
}

/* diag 0 answers 0 bare and non-zero under CP (the one intended
   difference); everything else -- the rest of the registers, PSW, time,
   storage, and the digest once that register is equalised -- agrees. */
static void test_priv_diag0(void)
{
    for (size_t s = 0; s < 4; s++) {
        cpx_img *img = case_image(c_epsw, states[s]);   /* prologue; body replaced below */
        cpx_asm a = {img, BODY};
        E(&a, XI(addi, 3, 0, 0x55));
        E(&a, XI(diag, 3, 0, PG_DIAG_QUERY_HOST));
        E(&a, XI(diag, 0, 0, PG_DIAG_QUERY_HOST));
        E(&a, XI(addi, 4, 0, 1));
        E(&a, HALT);
        char ctx[64];
        snprintf(ctx, sizeof ctx, "diag 0 in %s", state_names[s]);
        cpx_pair *p = cpx_pair_new(img, NULL);
        cpx_run(p);
        CPX_CHECK_SKIP(ctx, p, 3);
        if (states[s] & PG_PSW_S) {
            FX_EQC(ctx, pg_get_gpr(p->m, 3), 0);
            CU_ASSERT_NOT_EQUAL(cp_vm_get_gpr(p->vm, 3), 0);
            FX_EQC(ctx, cp_vm_get_stats(p->vm)->diag, 2);
            FX_EQC(ctx, cp_vm_get_stats(p->vm)->by_op[PG_OP_diag], 2);
            /* the only difference: with r3 equal, the digests are equal */
            pg_set_gpr(p->m, 3, cp_vm_get_gpr(p->vm, 3));
            FX_EQC(ctx, cp_vm_digest(p->vm), pg_machine_digest(p->m));
        } else {
            FX_EQC(ctx, cp_vm_get_gpr(p->vm, 3), 0x55);
            FX_EQC(ctx, cp_vm_digest(p->vm), pg_machine_digest(p->m));
        }
        cpx_pair_free(p);
        cpx_img_free(img);
    }
}

/* ======================================================================== */
/* interrupts: each class reflected through the guest's low core            */
/* ======================================================================== */

/* A handler at FX_HANDLER for the program class that logs the code, the
   TEA and the old PSW (16 bytes a fault, from D + 0x800), skips the
   faulting instruction and returns; after 12 faults it halts. */
static void program_logger(cpx_img *img)
{
    cpx_psw(img, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER);
    cpx_put32(img, D + 0x7FC, D + 0x800);
    cpx_asm h = {img, FX_HANDLER};
    E(&h, XI(sw, 1, 0, D + 0x7F0));
    E(&h, XI(sw, 2, 0, D + 0x7F4));
    E(&h, XI(lw, 1, 0, D + 0x7FC));
    E(&h, XI(lw, 2, 0, PG_LC_PGM_CODE));
    E(&h, XI(sw, 2, 1, 0));
    E(&h, XI(lw, 2, 0, PG_LC_TEA));
    E(&h, XI(sw, 2, 1, 4));
    E(&h, XI(lw, 2, 0, PG_LC_PGM_OLD));
    E(&h, XI(sw, 2, 1, 8));
    E(&h, XI(lw, 2, 0, PG_LC_PGM_OLD + 4));
    E(&h, XI(sw, 2, 1, 12));
    E(&h, XI(addi, 2, 2, 4));
    E(&h, XI(sw, 2, 0, PG_LC_PGM_OLD + 4));
    E(&h, XI(addi, 1, 1, 16));
    E(&h, XI(sw, 1, 0, D + 0x7FC));
    E(&h, XI(addi, 2, 0, (int32_t)(D + 0x800 + 12 * 16)));
    E(&h, XI(beq, 1, 2, 4));
    E(&h, XI(lw, 2, 0, D + 0x7F4));
    E(&h, XI(lw, 1, 0, D + 0x7F0));
    E(&h, XI(lpsw, 0, 0, PG_LC_PGM_OLD));
    E(&h, HALT);
}

/* An SVC handler at FX_HANDLER + 0x100: adds the SVC number to r6 and
   stores it, then returns (uses r5 and r6). */
static void svc_adder(cpx_img *img)
{
    cpx_psw(img, PG_LC_SVC_NEW, PG_PSW_S, FX_HANDLER + 0x100);
    CPX_CODE(img, FX_HANDLER + 0x100, XI(lw, 5, 0, PG_LC_SVC_CODE), X3(add, 6, 6, 5),
             XI(sw, 6, 0, D + 0x780), XI(lpsw, 0, 0, PG_LC_SVC_OLD));
}

static void c_svc(cpx_asm *a)
{
    svc_adder(a->img);
    E(a, XI(svc, 0, 0, 1));
    E(a, XI(svc, 0, 0, 0x1234));
    E(a, XI(svc, 0, 0, 0xFFFF));
    E(a, XI(addi, 3, 0, 1));
    E(a, XI(svc, 0, 0, 0));
    E(a, HALT);
}
static void c_svc_to_wait(cpx_asm *a)
{
    E(a, XI(addi, 3, 0, 1));
    E(a, XI(svc, 0, 0, 77));
}

static const pcase svc_cases[] = {
    {"svc handled and resumed", c_svc},
    {"svc to the SVC wait", c_svc_to_wait},
};

/* SVC interrupts: code, old PSW past the svc, return through lpsw, bare vs CP. */
static void test_int_svc(void)
{
    run_cases("svc", svc_cases, sizeof svc_cases / sizeof svc_cases[0]);
}

/* ---- one program exception of each code (the program wait ends the run) ---- */

static void c_pgm_zero(cpx_asm *a) { E(a, 0x00000000u); }
static void c_pgm_ones(cpx_asm *a) { E(a, 0xFFFFFFFFu); }
static void c_pgm_reserved(cpx_asm *a) { E(a, X3(add, 1, 2, 3) | 1u); }
static void c_pgm_privileged(cpx_asm *a) { E(a, XI(addi, 3, 0, 1)); E(a, XI(ptlb, 0, 0, 0)); E(a, HALT); }
static void c_pgm_store_ro(cpx_asm *a) { li(a, 1, VA_RO); E(a, XI(sw, 1, 1, 0x10)); E(a, HALT); }
static void c_pgm_lowcore(cpx_asm *a) { E(a, XI(lw, 1, 0, 0x10)); E(a, HALT); }
static void c_pgm_wrap(cpx_asm *a) { E(a, XI(lw, 1, 0, -4)); E(a, HALT); }
static void c_pgm_far(cpx_asm *a) { li(a, 1, 0xFFFF0); E(a, XI(lb, 2, 1, 0)); E(a, HALT); }
static void c_pgm_spec_lw(cpx_asm *a) { E(a, XI(lw, 1, 0, 2)); E(a, HALT); }
static void c_pgm_spec_lh(cpx_asm *a) { E(a, XI(lh, 1, 0, D + 1)); E(a, HALT); }
static void c_pgm_spec_sh(cpx_asm *a) { E(a, XI(sh, 1, 0, D + 3)); E(a, HALT); }
static void c_pgm_spec_ro(cpx_asm *a) { li(a, 1, VA_RO + 2); E(a, XI(sw, 1, 1, 0)); E(a, HALT); }
static void c_pgm_spec_jalr(cpx_asm *a) { li(a, 1, BODY + 0x42); E(a, XI(jalr, 14, 1, 0)); E(a, HALT); }
static void c_pgm_div(cpx_asm *a) { E(a, XI(addi, 2, 0, 7)); E(a, X3(div, 1, 2, 0)); E(a, HALT); }
static void c_pgm_divu(cpx_asm *a) { E(a, XI(addi, 1, 0, 7)); E(a, X3(divu, 1, 1, 0)); E(a, HALT); }
static void c_pgm_rem(cpx_asm *a) { E(a, XI(addi, 1, 0, 7)); E(a, X3(rem, 1, 1, 0)); E(a, HALT); }
static void c_pgm_remu(cpx_asm *a) { E(a, XI(addi, 1, 0, 7)); E(a, X3(remu, 1, 1, 0)); E(a, HALT); }
static void c_pgm_segment(cpx_asm *a) { li(a, 1, VA_NOSEG + 0x123); E(a, XI(lw, 2, 1, 1)); E(a, HALT); }
static void c_pgm_page(cpx_asm *a) { li(a, 1, VA_UNMAPPED); E(a, XI(sw, 2, 1, 4)); E(a, HALT); }
static void c_pgm_page_fetch(cpx_asm *a) { li(a, 1, VA_UNMAPPED + 8); E(a, XI(jalr, 14, 1, 0)); }
static void c_pgm_sup_page(cpx_asm *a) { li(a, 1, VA_SUP); E(a, XI(lw, 2, 1, 0)); E(a, HALT); }
static void c_pgm_fetch_far(cpx_asm *a) { li(a, 1, 0x20000); E(a, XI(jalr, 14, 1, 0)); }
static void c_pgm_fall_off(cpx_asm *a) { E(a, XI(addi, 1, 0, 1)); }     /* then zeros */

static const pcase pgm_cases[] = {
    {"operation: zero word", c_pgm_zero},
    {"operation: all ones", c_pgm_ones},
    {"operation: reserved bits", c_pgm_reserved},
    {"privileged operation", c_pgm_privileged},
    {"protection: store to a read-only page", c_pgm_store_ro},
    {"protection: low core", c_pgm_lowcore},
    {"address wraps", c_pgm_wrap},
    {"addressing / page: far load", c_pgm_far},
    {"specification: lw", c_pgm_spec_lw},
    {"specification: lh", c_pgm_spec_lh},
    {"specification: sh", c_pgm_spec_sh},
    {"specification before protection", c_pgm_spec_ro},
    {"specification: jalr target", c_pgm_spec_jalr},
    {"divide: div", c_pgm_div},
    {"divide: divu", c_pgm_divu},
    {"divide: rem", c_pgm_rem},
    {"divide: remu", c_pgm_remu},
    {"segment translation", c_pgm_segment},
    {"page translation: store", c_pgm_page},
    {"page translation: fetch", c_pgm_page_fetch},
    {"protection: supervisor page", c_pgm_sup_page},
    {"addressing: fetch", c_pgm_fetch_far},
    {"operation: falling off the code", c_pgm_fall_off},
};

/* A program interruption of every code, in four states, bare vs CP. */
static void test_int_program_codes(void)
{
    run_cases("pgm", pgm_cases, sizeof pgm_cases / sizeof pgm_cases[0]);
}

/* Many faults in a row handled by a logging handler that resumes after
   each: codes, TEAs and old PSWs logged identically, bare vs CP. */
static void c_pgm_many(cpx_asm *a)
{
    program_logger(a->img);
    li(a, 1, VA_RO);
    E(a, XI(sw, 1, 1, 0));          /* 4 (T) or 5 */
    E(a, XI(lw, 2, 1, 0));          /* ok (T) or 5 */
    E(a, 0);                        /* 1 */
    E(a, XI(lw, 2, 0, 6));          /* 6 */
    E(a, X3(rem, 2, 2, 0));         /* 9 */
    li(a, 1, VA_NOSEG);
    E(a, XI(lw, 2, 1, 0));          /* 0x10 */
    li(a, 1, VA_UNMAPPED);
    E(a, XI(sb, 2, 1, 3));          /* 0x11 */
    li(a, 1, VA_SUP);
    E(a, XI(lbu, 2, 1, 3));         /* 4 in problem state */
    E(a, XI(stpt, 3, 0, 0));        /* 2 in problem state */
    E(a, XI(addi, 7, 0, 7));
    E(a, HALT);
}
static const pcase pgm_many_cases[] = {{"many faults, handled", c_pgm_many}};
/* Faults of every code in a row, each logged and resumed, in four states. */
static void test_int_program_handled(void)
{
    run_cases("pgm", pgm_many_cases, 1);
}

/* ---- external: the CPU timer at the exact boundary ---- */

/* A mixed-cost sequence (1, 2, 4, 12 cycles, taken branches, emulated). */
static void mixed(cpx_asm *a, int reps)
{
    for (int i = 0; i < reps; i++) {
        E(a, X3(mul, 3, 3, 3));
        E(a, XI(addi, 8, 8, 1));
        E(a, XI(lw, 4, 0, D));
        E(a, X3(div, 5, 5, 7));
        E(a, XI(beq, 0, 0, 1));
        E(a, XI(sw, 8, 0, D + 4));
        E(a, XI(stpt, 6, 0, 0));
        E(a, X3(mulh, 3, 3, 8));
        E(a, XI(jal, 0, 0, 1));
        E(a, XI(bne, 0, 0, 5));
        E(a, XI(stctl, 9, 3, 0));
    }
}

/* The timer interrupt is taken at exactly the bare machine's boundary, for
   every small timer value (each lands on a different instruction), in
   real and translated supervisor state, with big and tiny CP slices. */
static void test_int_timer_boundary(void)
{
    static const uint64_t slices[] = {0, 3, 29};
    for (uint32_t v = 0; v < 72; v++)
        for (int t = 0; t < 2; t++) {
            cpx_img *img = case_image(c_epsw, t ? PG_PSW_S | PG_PSW_T : PG_PSW_S);
            cpx_asm a = {img, BODY};
            E(&a, XI(addi, 7, 0, 3));
            li(&a, 1, v);
            E(&a, XI(spt, 0, 1, 0));
            E(&a, XI(addi, 2, 0, PG_PSW_E));
            E(&a, XI(ssm, 0, 2, 0));
            mixed(&a, 6);
            E(&a, HALT);
            char ctx[64];
            snprintf(ctx, sizeof ctx, "timer %u%s slice %llu", v, t ? " T" : "",
                     (unsigned long long)slices[v % 3]);
            cpx_opts o = {.slice = slices[v % 3]};
            if (!CPX_DIFF(ctx, img, &o))
                cpx_dump(img, "timer-boundary");
            cpx_img_free(img);
        }
}

/* A periodic timer (the handler re-arms it and counts ticks, logging the
   TOD of each) over a long loop: every tick at the bare machine's boundary,
   with several slice lengths. */
static void test_int_timer_periodic(void)
{
    static const uint64_t slices[] = {0, 17, 1000, 5};
    for (int s = 0; s < 4; s++)
        for (int t = 0; t < 2; t++) {
            cpx_img *img = case_image(c_epsw, t ? PG_PSW_S | PG_PSW_T : PG_PSW_S);
            cpx_psw(img, PG_LC_EXT_NEW, PG_PSW_S, FX_HANDLER);
            cpx_asm h = {img, FX_HANDLER};
            E(&h, XI(sw, 1, 0, D + 0x7F0));
            E(&h, XI(lw, 1, 0, D + 0x7FC));
            E(&h, XI(stck, 0, 1, 0));
            E(&h, XI(addi, 1, 1, 8));
            E(&h, XI(sw, 1, 0, D + 0x7FC));
            E(&h, XI(addi, 1, 0, 37 + 11 * s));
            E(&h, XI(spt, 0, 1, 0));
            E(&h, XI(lw, 1, 0, D + 0x7F0));
            E(&h, XI(lpsw, 0, 0, PG_LC_EXT_OLD));
            cpx_put32(img, D + 0x7FC, D + 0x800);
            cpx_asm a = {img, BODY};
            E(&a, XI(addi, 7, 0, 3));
            E(&a, XI(addi, 1, 0, 50));
            E(&a, XI(spt, 0, 1, 0));
            E(&a, XI(addi, 2, 0, PG_PSW_E));
            E(&a, XI(ssm, 0, 2, 0));
            E(&a, XI(addi, 10, 0, 60));
            uint32_t top = a.pc;
            mixed(&a, 2);
            E(&a, XI(addi, 10, 10, -1));
            uint32_t b = E(&a, XI(bne, 10, 0, 0));
            cpx_patch_br(img, b, top);
            E(&a, XI(ssm, 0, 0, 0));
            E(&a, HALT);
            char ctx[64];
            snprintf(ctx, sizeof ctx, "periodic timer slice %llu%s",
                     (unsigned long long)slices[s], t ? " T" : "");
            cpx_opts o = {.slice = slices[s]};
            CPX_DIFF(ctx, img, &o);
            cpx_img_free(img);
        }
}

/* ---- I/O completion ---- */

/* The console's ending status arrives at the exact boundary (the latency
   depends on the bytes moved), with I/O interrupts enabled while the
   program computes, in real and translated state. */
static void test_int_io_boundary(void)
{
    for (uint32_t n = 1; n <= 30; n++)
        for (int t = 0; t < 2; t++) {
            cpx_img *img = case_image(c_epsw, t ? PG_PSW_S | PG_PSW_T : PG_PSW_S);
            cpx_bytes(img, BUF, "abcdefghijklmnopqrstuvwxyz0123456789", 36);
            cpx_ccw(img, CCW, PG_CCW_WRITE, 0, (uint16_t)n, BUF);
            cpx_asm a = {img, BODY};
            li(&a, 1, 0x7FFFFFFF);
            E(&a, XI(spt, 0, 1, 0));
            E(&a, XI(addi, 7, 0, 3));
            sio_at(&a, PG_DEV_CONSOLE, CCW);
            E(&a, XI(addi, 2, 0, PG_PSW_I));
            E(&a, XI(ssm, 0, 2, 0));
            mixed(&a, 10);
            E(&a, HALT);
            char ctx[64];
            snprintf(ctx, sizeof ctx, "I/O of %u bytes%s", n, t ? " T" : "");
            cpx_opts o = {.slice = n % 2 ? 0 : 23};
            CPX_DIFF(ctx, img, &o);
            cpx_img_free(img);
        }
}

/* Several interrupts pending at one boundary: the timer first, then I/O of
   the lowest device first; each handler returns with the masks of the old
   PSW, so the next one is taken at once. */
static void test_int_several_pending(void)
{
    for (int t = 0; t < 2; t++)
        for (int wait = 0; wait < 2; wait++) {
            cpx_img *img = case_image(c_epsw, t ? PG_PSW_S | PG_PSW_T : PG_PSW_S);
            /* handlers: log (class marker, code) pairs and return */
            cpx_psw(img, PG_LC_EXT_NEW, PG_PSW_S, FX_HANDLER);
            cpx_psw(img, PG_LC_IO_NEW, PG_PSW_S, FX_HANDLER + 0x80);
            cpx_put32(img, D + 0x7FC, D + 0x800);
            cpx_asm h = {img, FX_HANDLER};
            E(&h, XI(sw, 1, 0, D + 0x7F0));
            E(&h, XI(sw, 2, 0, D + 0x7F4));
            E(&h, XI(lw, 1, 0, D + 0x7FC));
            E(&h, XI(stck, 0, 1, 0));
            E(&h, XI(lw, 2, 0, PG_LC_EXT_OLD + 4));
            E(&h, XI(sw, 2, 1, 8));
            E(&h, XI(addi, 1, 1, 16));
            E(&h, XI(sw, 1, 0, D + 0x7FC));
            li(&h, 2, 0x7FFFFFFF);
            E(&h, XI(spt, 0, 2, 0));
            E(&h, XI(lw, 2, 0, D + 0x7F4));
            E(&h, XI(lw, 1, 0, D + 0x7F0));
            E(&h, XI(lpsw, 0, 0, PG_LC_EXT_OLD));
            h.pc = FX_HANDLER + 0x80;
            E(&h, XI(sw, 1, 0, D + 0x7F0));
            E(&h, XI(sw, 2, 0, D + 0x7F4));
            E(&h, XI(lw, 1, 0, D + 0x7FC));
            E(&h, XI(stck, 0, 1, 0));
            E(&h, XI(lw, 2, 0, PG_LC_IO_DEV));
            E(&h, XI(sw, 2, 1, 8));
            E(&h, XI(lw, 2, 0, PG_LC_CSW + 4));
            E(&h, XI(sw, 2, 1, 12));
            E(&h, XI(addi, 1, 1, 16));
            E(&h, XI(sw, 1, 0, D + 0x7FC));
            E(&h, XI(lw, 2, 0, PG_LC_IO_OLD));
            E(&h, XI(andi, 2, 2, 0xFFFD));
            E(&h, XI(sw, 2, 0, PG_LC_IO_OLD));
            E(&h, XI(lw, 2, 0, D + 0x7F4));
            E(&h, XI(lw, 1, 0, D + 0x7F0));
            E(&h, XI(lpsw, 0, 0, PG_LC_IO_OLD));
            cpx_bytes(img, BUF, "printer line", 12);
            cpx_ccw(img, CCW, PG_CCW_WRITE, 0, 5, BUF);
            cpx_ccw(img, CCW + 8, PG_CCW_WRITE, 0, 12, BUF);
            cpx_asm a = {img, BODY};
            E(&a, XI(spt, 0, 0, 0));                   /* timer pending soon */
            sio_at(&a, PG_DEV_PRINTER, CCW + 8);
            sio_at(&a, PG_DEV_CONSOLE, CCW);
            if (wait) {
                /* an enabled wait: the timer is already pending (a 0-cycle
                   wait), then each I/O completion ends a wait of its own */
                cpx_psw(img, D + 0x40, PG_PSW_W | PG_PSW_I | PG_PSW_E | (t ? PG_PSW_T : 0) |
                                           PG_PSW_S, a.pc + 4);
                E(&a, XI(lpsw, 0, 0, D + 0x40));
            } else {
                E(&a, XI(addi, 6, 0, 150));            /* let both complete */
                E(&a, XI(addi, 6, 6, -1));
                E(&a, XI(bne, 6, 0, -1));
                E(&a, XI(addi, 2, 0, PG_PSW_I | PG_PSW_E));
                E(&a, XI(ssm, 0, 2, 0));
            }
            E(&a, XI(addi, 3, 0, 3));
            E(&a, XI(ssm, 0, 0, 0));
            E(&a, HALT);
            char ctx[64];
            snprintf(ctx, sizeof ctx, "several pending%s%s", t ? " T" : "", wait ? " wait" : "");
            CPX_DIFF(ctx, img, NULL);
            cpx_img_free(img);
        }
}

/* ---- waits and check stops ---- */

/* An enabled wait ended by the timer and one by I/O (the old PSW stored is
   the wait PSW), a disabled wait, an idle wait. */
static void test_int_waits(void)
{
    run_cases("wait", (const pcase[]){{"timer wait", c_lpsw_timer_wait},
                                      {"I/O wait", c_lpsw_io_wait},
                                      {"idle wait", c_lpsw_idle_wait},
                                      {"disabled wait", c_lpsw_wait_code}}, 4);
}

/* Check stops: an invalid new PSW for each class, program-interruption
   loops, an invalid IPL PSW; and IPL PSWs that wait or translate at once
   -- same end and state bare and under CP. */
static void test_int_check_stops(void)
{
    for (int k = 0; k < 12; k++) {
        cpx_img *img = cpx_std(PG_PSW_S);
        cpx_std_space(img);
        cpx_asm a = {img, FX_CODE};
        switch (k) {
        case 0:     /* external new PSW invalid */
            cpx_psw(img, PG_LC_EXT_NEW, 0x20, 0);
            E(&a, XI(addi, 1, 0, PG_PSW_E));
            E(&a, XI(ssm, 0, 1, 0));
            break;
        case 1:     /* SVC new PSW invalid */
            cpx_psw(img, PG_LC_SVC_NEW, 0xFF, 0x1000);
            E(&a, XI(svc, 0, 0, 1));
            break;
        case 2:     /* program new PSW invalid */
            cpx_psw(img, PG_LC_PGM_NEW, 0x100 | PG_PSW_S, FX_HANDLER);
            E(&a, 0);
            break;
        case 3:     /* I/O new PSW invalid */
            cpx_psw(img, PG_LC_IO_NEW, 0x80000000u, 0);
            cpx_ccw(img, CCW, PG_CCW_WRITE, 0, 1, BUF);
            sio_at(&a, PG_DEV_CONSOLE, CCW);
            cpx_psw(img, D + 0x40, PG_PSW_W | PG_PSW_I, 0x1234);
            E(&a, XI(lpsw, 0, 0, D + 0x40));
            break;
        case 4:     /* program new PSW at a zero word: a loop */
            cpx_psw(img, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER);
            E(&a, XI(addi, 1, 0, 1));
            E(&a, 0);
            break;
        case 5:     /* program new PSW with T at an unmapped page: a loop */
            cpx_psw(img, PG_LC_PGM_NEW, PG_PSW_S | PG_PSW_T, VA_UNMAPPED);
            li(&a, 1, CPX_L1);
            E(&a, XI(lctl, 1, 1, 0));
            E(&a, XI(lw, 1, 0, 1));
            break;
        case 6:     /* an instruction completes between the faults: no loop, cycle limit */
            cpx_psw(img, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER);
            CPX_CODE(img, FX_HANDLER, XI(addi, 1, 1, 1), 0);
            E(&a, 0);
            break;
        case 7:     /* an SVC leads to a fault, whose handler faults: a loop */
            cpx_psw(img, PG_LC_SVC_NEW, PG_PSW_S, FX_HANDLER);
            cpx_psw(img, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER);
            E(&a, XI(svc, 0, 0, 5));
            break;
        case 8:     /* an invalid IPL PSW */
            cpx_psw(img, PG_LC_IPL_PSW, 0x40 | PG_PSW_S, FX_CODE);
            E(&a, HALT);
            break;
        case 9:     /* the IPL PSW is a disabled wait */
            cpx_psw(img, PG_LC_IPL_PSW, PG_PSW_W, 0xABCD);
            break;
        case 10:    /* the IPL PSW is an enabled wait: the timer (0 at IPL) ends it */
            cpx_psw(img, PG_LC_IPL_PSW, PG_PSW_W | PG_PSW_E, 0x1234);
            break;
        default:    /* the IPL PSW has T with CR1 = 0: tables at 0 (low core) */
            cpx_psw(img, PG_LC_IPL_PSW, PG_PSW_S | PG_PSW_T, FX_CODE);
            E(&a, HALT);
            break;
        }
        char ctx[64];
        snprintf(ctx, sizeof ctx, "check stop case %d", k);
        cpx_opts o = {.max_cycles = 5000};
        cpx_pair *p = cpx_pair_new(img, &o);
        cpx_run(p);
        CPX_CHECK(ctx, p);
        if (k <= 9) {
            cp_vm_state want = k == 6 ? CP_VM_MAX_CYCLES : k == 9 ? CP_VM_DISABLED_WAIT
                                                                 : CP_VM_CHECK_STOP;
            FX_EQC(ctx, cp_vm_get_state(p->vm), want);
        }
        cpx_pair_free(p);
        cpx_img_free(img);
    }
}

/* The virtual cycle limit stops the VM at the same boundary as pgsim's
   --max-cycles stops the bare machine, also in the middle of a wait. */
static void test_int_max_cycles(void)
{
    for (uint64_t max = 1; max < 160; max += 3) {
        cpx_img *img = case_image(c_epsw, PG_PSW_S);
        cpx_asm a = {img, BODY};
        E(&a, XI(addi, 7, 0, 3));
        mixed(&a, 2);
        cpx_psw(img, D + 0x40, PG_PSW_W | PG_PSW_E, 0x4444);
        E(&a, XI(addi, 1, 0, 40));
        E(&a, XI(spt, 0, 1, 0));
        E(&a, XI(lpsw, 0, 0, D + 0x40));
        char ctx[64];
        snprintf(ctx, sizeof ctx, "max cycles %llu", (unsigned long long)max);
        cpx_opts o = {.max_cycles = max, .slice = max % 2 ? 0 : 7};
        CPX_DIFF(ctx, img, &o);
        cpx_img_free(img);
    }
}

/* ======================================================================== */
/* fuzz: random programs, bare vs CP                                        */
/* ======================================================================== */

#define FUZZ_PROGRAMS 800
#define FUZZ_HOSTILE 200

/* Run n generated programs from seed0 bare and under CP; report the first
   three failures in full, then count; check that the programs exercised
   what they should (every privileged instruction emulated, every class
   reflected, hidden faults, normal ends). */
static void fuzz_run(uint64_t seed0, int n, int hostile)
{
    static const uint64_t slices[] = {0, 100, 13, 1000, 37, 5};
    int failures = 0, reported = 0, done = 0;
    char failing[256] = "";
    uint64_t by_op[PG_OP_COUNT] = {0}, reflected[PG_INT_CLASSES] = {0}, hidden = 0, direct = 0;
    for (int i = 0; i < n; i++) {
        uint64_t seed = seed0 + (uint64_t)i;
        cpx_img *img = fz_build(seed, hostile);
        cpx_opts o = {.input = fz_input, .max_cycles = 30000, .slice = slices[i % 6]};
        char ctx[96];
        snprintf(ctx, sizeof ctx, "%s program seed %llu (slice %llu)", hostile ? "hostile" : "fuzz",
                 (unsigned long long)seed, (unsigned long long)o.slice);
        cpx_quiet = reported >= 3;
        cpx_pair *p = cpx_pair_new(img, &o);
        cpx_run(p);
        bool ok = cpx_check_at(p, -1, ctx, __LINE__, __FILE__);
        cpx_quiet = false;
        if (!ok) {
            if (reported < 3) {
                reported++;
                fprintf(stderr, "\n  %s: bare and CP differ (CPX_DUMP_DIR=dir keeps the image)\n",
                        ctx);
            }
            size_t len = strlen(failing);
            if (len < sizeof failing - 24)
                snprintf(failing + len, sizeof failing - len, " %llu", (unsigned long long)seed);
            char name[64];
            snprintf(name, sizeof name, "%s-%llu", hostile ? "hostile" : "fuzz",
                     (unsigned long long)seed);
            cpx_dump(img, name);
            failures++;
        }
        const cp_vm_stats *st = cp_vm_get_stats(p->vm);
        for (int k = 0; k < PG_OP_COUNT; k++)
            by_op[k] += st->by_op[k];
        for (int k = 0; k < PG_INT_CLASSES; k++)
            reflected[k] += st->reflected[k];
        hidden += st->hidden_faults;
        direct += st->direct;
        if (cp_vm_get_state(p->vm) == CP_VM_DISABLED_WAIT && cp_vm_get_psw(p->vm).addr == FZ_DONE)
            done++;
        cpx_pair_free(p);
        cpx_img_free(img);
    }
    char msg[400];
    snprintf(msg, sizeof msg, "%d of %d %s programs differ bare vs CP; seeds:%s", failures, n,
             hostile ? "hostile" : "random", failing);
    CU_assertImplementation(failures == 0, __LINE__, msg, __FILE__, "", CU_FALSE);
    /* the generator reaches what it should */
    for (int k = 0; k < PG_OP_COUNT; k++)
        if (pg_insns[k].privileged) {
            char what[64];
            snprintf(what, sizeof what, "programs emulated %s at least once", pg_insns[k].mnemonic);
            CU_assertImplementation(by_op[k] > 0, __LINE__, what, __FILE__, "", CU_FALSE);
        }
    CU_ASSERT(reflected[PG_INT_SVC] > 0);
    CU_ASSERT(reflected[PG_INT_PROGRAM] > 0);
    CU_ASSERT(reflected[PG_INT_EXTERNAL] > 0);
    if (!hostile)
        CU_ASSERT(reflected[PG_INT_IO] > 0);
    CU_ASSERT(hidden > 0);
    CU_ASSERT(direct > 0);
    if (!hostile)
        CU_ASSERT(done > n / 4);
}

/* A few hundred random programs (fixed seeds): ALU, loads and stores,
   branches, loops, svc, every privileged instruction, translation on and
   off with random tables, timers and console I/O -- identical bare and
   under CP (registers, PSW, CRs, timer, TOD, storage, console, digest). */
static void test_fuzz_programs(void)
{
    fuzz_run(1000, FUZZ_PROGRAMS, 0);
}

/* Hostile random programs (random operands everywhere: wild addresses,
   CR1 garbage with T on, CCWs outside storage) -- still identical bare and
   under CP. */
static void test_fuzz_hostile(void)
{
    fuzz_run(50000, FUZZ_HOSTILE, 1);
}

/* ======================================================================== */
/* stats and hooks                                                          */
/* ======================================================================== */

/* A program with known numbers of each kind of event (supervisor, real):
   3 svc, 2 program exceptions handled, 1 timer interrupt, 1 I/O interrupt. */
static cpx_img *counting_image(uint32_t state)
{
    cpx_img *img = case_image(c_epsw, state);
    program_logger(img);
    svc_adder(img);
    /* external and I/O: return, with the timer made huge / W cleared */
    cpx_psw(img, PG_LC_EXT_NEW, PG_PSW_S, FX_HANDLER + 0x200);
    CPX_CODE(img, FX_HANDLER + 0x200, XI(lui, 9, 0, 0x7FFF), XI(spt, 0, 9, 0),
             XI(lpsw, 0, 0, PG_LC_EXT_OLD));
    cpx_psw(img, PG_LC_IO_NEW, PG_PSW_S, FX_HANDLER + 0x280);
    CPX_CODE(img, FX_HANDLER + 0x280, XI(lw, 9, 0, PG_LC_IO_OLD), XI(andi, 9, 9, 0xFFFD),
             XI(sw, 9, 0, PG_LC_IO_OLD), XI(lpsw, 0, 0, PG_LC_IO_OLD));
    cpx_bytes(img, BUF, "count", 5);
    cpx_ccw(img, CCW, PG_CCW_WRITE, 0, 5, BUF);
    cpx_asm a = {img, BODY};
    E(&a, XI(addi, 7, 0, 3));
    E(&a, XI(svc, 0, 0, 1));
    E(&a, XI(svc, 0, 0, 2));
    E(&a, XI(svc, 0, 0, 3));
    E(&a, 0);                               /* program 1 */
    E(&a, X3(div, 1, 1, 0));                /* program 9 */
    E(&a, XI(addi, 1, 0, 100));
    E(&a, XI(spt, 0, 1, 0));
    E(&a, XI(addi, 1, 0, PG_PSW_E));
    E(&a, XI(ssm, 0, 1, 0));
    E(&a, XI(addi, 6, 0, 60));
    E(&a, XI(addi, 6, 6, -1));
    E(&a, XI(bne, 6, 0, -1));               /* the timer interrupts this loop */
    sio_at(&a, PG_DEV_CONSOLE, CCW);
    cpx_psw(img, D + 0x40, PG_PSW_W | PG_PSW_I | (state & PG_PSW_T) | PG_PSW_S, a.pc + 4);
    E(&a, XI(lpsw, 0, 0, D + 0x40));        /* wait for the I/O */
    E(&a, XI(stck, 0, 0, D + 0x80));
    E(&a, HALT);
    return img;
}

/* Per-VM statistics: instructions run directly plus emulated equal the
   bare machine's completed instructions; emulated by instruction; every
   reflected class as often as the bare machine took it; emulation cycles,
   wait cycles, I/O operations and efficiency consistent. */
static void test_stats_counts(void)
{
    for (int t = 0; t < 2; t++) {
        cpx_img *img = counting_image(t ? PG_PSW_S | PG_PSW_T : PG_PSW_S);
        cpx_pair *p = cpx_pair_new(img, NULL);
        cpx_run(p);
        const char *ctx = t ? "stats with T" : "stats";
        CPX_CHECK(ctx, p);
        const cp_vm_stats *st = cp_vm_get_stats(p->vm);
        const pg_stats *bs = pg_get_stats(p->m);
        FX_EQC(ctx, st->direct + st->emulated, bs->instructions);
        uint64_t sum = 0, cycles = 0;
        for (int k = 0; k < PG_OP_COUNT; k++) {
            sum += st->by_op[k];
            cycles += st->by_op[k] * pg_insns[k].cycles;
            if (!pg_insns[k].privileged)
                FX_EQC(ctx, st->by_op[k], 0);
        }
        FX_EQC(ctx, sum, st->emulated);
        FX_EQC(ctx, st->emulation_cycles, cycles);
        /* prologue lctl + lpsw; handlers: 2 lpsw (pgm) + 3 (svc) + 1 (ext) + 1 (io);
           body: spt, ssm, sio, lpsw (wait), stck, lpsw (halt); ext handler spt */
        FX_EQC(ctx, st->by_op[PG_OP_lctl], 1);
        FX_EQC(ctx, st->by_op[PG_OP_lpsw], 1 + 2 + 3 + 1 + 1 + 2);
        FX_EQC(ctx, st->by_op[PG_OP_spt], 2);
        FX_EQC(ctx, st->by_op[PG_OP_ssm], 1);
        FX_EQC(ctx, st->by_op[PG_OP_sio], 1);
        FX_EQC(ctx, st->by_op[PG_OP_stck], 1);
        FX_EQC(ctx, st->io_ops, 1);
        FX_EQC(ctx, st->reflected[PG_INT_SVC], 3);
        FX_EQC(ctx, st->reflected[PG_INT_PROGRAM], 2);
        FX_EQC(ctx, st->reflected[PG_INT_EXTERNAL], 1);
        FX_EQC(ctx, st->reflected[PG_INT_IO], 1);
        FX_EQC(ctx, st->reflected[PG_INT_MACHINE_CHECK], 0);
        for (int k = 0; k < PG_INT_CLASSES; k++)
            FX_EQC(ctx, st->reflected[k], bs->interrupts[k]);
        FX_EQC(ctx, st->wait_cycles, bs->wait_cycles);
        CU_ASSERT(st->wait_cycles > 0);
        double eff = cp_vm_efficiency(p->vm);
        CU_ASSERT(eff > 0.0 && eff < 1.0);
        CU_ASSERT_DOUBLE_EQUAL(eff, (double)st->direct / (double)(st->direct + st->emulated), 1e-12);
        if (t)
            CU_ASSERT(st->hidden_faults > 0);
        cpx_pair_free(p);
        cpx_img_free(img);
    }
}

/* A loop of iters iterations over a few pages with an emulated instruction
   in each (with a ptlb too when purge); the VM's hidden-fault count. */
static uint64_t loop_hidden_faults(uint32_t state, uint32_t iters, bool purge)
{
    cpx_img *img = case_image(c_epsw, state);
    cpx_asm a = {img, BODY};
    li(&a, 10, iters);
    uint32_t top = a.pc;
    E(&a, XI(lw, 1, 0, D));
    E(&a, XI(sw, 1, 0, D + 0x1000));
    E(&a, XI(lw, 2, 0, D + 0x1000 + 0x800));
    E(&a, XI(stpt, 3, 0, 0));
    if (purge)
        E(&a, XI(ptlb, 0, 0, 0));
    E(&a, XI(addi, 10, 10, -1));
    uint32_t b = E(&a, XI(bne, 10, 0, 0));
    cpx_patch_br(img, b, top);
    E(&a, HALT);
    cpx_opts o = {.max_cycles = 10000000};
    cpx_pair *p = cpx_pair_new(img, &o);
    cpx_run(p);
    CPX_CHECK("hidden-fault loop", p);
    uint64_t h = cp_vm_get_stats(p->vm)->hidden_faults;
    cpx_pair_free(p);
    cpx_img_free(img);
    return h;
}

/* Hidden faults: some with translation on; none more once the guest's pages
   are known (ten or a thousand iterations cost the same), in real and in
   translated state; a guest that purges in its loop keeps faulting. */
static void test_stats_hidden_faults(void)
{
    for (int t = 0; t < 2; t++) {
        uint32_t state = t ? PG_PSW_S | PG_PSW_T : PG_PSW_S;
        uint64_t few = loop_hidden_faults(state, 10, false);
        uint64_t many = loop_hidden_faults(state, 1000, false);
        FX_EQ(many, few);
        if (t)
            CU_ASSERT(few > 0);
        uint64_t pfew = loop_hidden_faults(state, 10, true);
        uint64_t pmany = loop_hidden_faults(state, 1000, true);
        if (t)
            CU_ASSERT(pmany > pfew);
    }
}

/* ---- the trap-event hook ---- */

typedef struct hook_ev {
    cp_trap_event ev;
    uint32_t cr3;                   /* the VM's CR3 when the hook ran */
    uint64_t emulated;
} hook_ev;

typedef struct hook_rec {
    hook_ev e[512];
    int n;
    bool shadow;                    /* record shadow events too */
    /* stop: at the BEFORE (or AFTER) of the first event matching kind and
       word (or class), once */
    bool stop_armed, stop_after, stop_by_class;
    cp_trap_kind stop_kind;
    uint32_t stop_word;
    pg_int_class stop_cls;
    int stops;
} hook_rec;

static cp_trap_action record_hook(void *ctx, const cp_trap_event *ev)
{
    hook_rec *r = ctx;
    if (ev->kind != CP_TRAP_SHADOW || r->shadow) {
        if (r->n < (int)(sizeof r->e / sizeof r->e[0])) {
            hook_ev *h = &r->e[r->n++];
            h->ev = *ev;
            h->ev.outcome = NULL;   /* not kept beyond the call */
            h->cr3 = cp_vm_get_cr(ev->vm, 3);
            h->emulated = cp_vm_get_stats(ev->vm)->emulated;
            if (ev->phase == CP_TRAP_AFTER)
                CU_ASSERT_PTR_NOT_NULL(ev->outcome);
        }
    }
    if (r->stop_armed && ev->kind == r->stop_kind &&
        ev->phase == (r->stop_after ? CP_TRAP_AFTER : CP_TRAP_BEFORE) &&
        (r->stop_by_class ? ev->cls == r->stop_cls : ev->has_insn && ev->insn_word == r->stop_word)) {
        r->stop_armed = false;
        r->stops++;
        return CP_TRAP_STOP;
    }
    return CP_TRAP_CONTINUE;
}

/* The program of the hook tests: lctl cr3 (emulated), svc (reflected, its
   handler lpsw's back), a program exception (reflected), stpt, halt. */
enum { H_LCTL = BODY + 4, H_SVC = BODY + 8, H_PGM = BODY + 12 };
static cpx_img *hook_image(void)
{
    cpx_img *img = case_image(c_epsw, PG_PSW_S);
    cpx_psw(img, PG_LC_SVC_NEW, PG_PSW_S, FX_HANDLER);
    CPX_CODE(img, FX_HANDLER, XI(lpsw, 0, 0, PG_LC_SVC_OLD));
    cpx_psw(img, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER + 0x40);
    CPX_CODE(img, FX_HANDLER + 0x40, XI(lw, 9, 0, PG_LC_PGM_OLD + 4), XI(addi, 9, 9, 4),
             XI(sw, 9, 0, PG_LC_PGM_OLD + 4), XI(lpsw, 0, 0, PG_LC_PGM_OLD));
    CPX_CODE(img, BODY, XI(addi, 1, 0, 5), XI(lctl, 3, 1, 0), XI(svc, 0, 0, 9), X3(divu, 2, 1, 0),
             XI(stpt, 4, 0, 0), HALT);
    return img;
}

/* Find the index of the event with this phase, kind and instruction address. */
static int find_ev(const hook_rec *r, cp_trap_phase ph, cp_trap_kind k, pg_int_class cls,
                   uint32_t addr)
{
    for (int i = 0; i < r->n; i++)
        if (r->e[i].ev.phase == ph && r->e[i].ev.kind == k && r->e[i].ev.cls == cls &&
            r->e[i].ev.insn_addr == addr)
            return i;
    return -1;
}

/* The trap-event hook is called before and after each emulation and
   reflection (and shadow fill), in pairs, with the right kind, class,
   code, instruction word and virtual/real PSWs, seeing the VM's state as
   it is before and after. */
static void test_hook_events(void)
{
    cpx_img *img = hook_image();
    cpx_pair *p = cpx_pair_new(img, NULL);
    hook_rec *r = calloc(1, sizeof *r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    r->shadow = true;
    cp_set_trap_hook(p->c, record_hook, r);
    cpx_run(p);
    CPX_CHECK("hook events", p);
    CU_ASSERT(r->n >= 2 * 8);
    /* strict pairs: each BEFORE followed by its AFTER of the same trap */
    for (int i = 0; i + 1 < r->n; i += 2) {
        const cp_trap_event *b = &r->e[i].ev, *a = &r->e[i + 1].ev;
        FX_EQ(b->phase, CP_TRAP_BEFORE);
        FX_EQ(a->phase, CP_TRAP_AFTER);
        FX_EQ(a->kind, b->kind);
        FX_EQ(a->cls, b->cls);
        FX_EQ(a->code, b->code);
        CU_ASSERT(a->vm == p->vm && b->vm == p->vm);
    }
    CU_ASSERT(r->n % 2 == 0);
    /* lctl cr3 */
    int i = find_ev(r, CP_TRAP_BEFORE, CP_TRAP_EMULATE, PG_INT_PROGRAM, H_LCTL);
    CU_ASSERT_FATAL(i >= 0 && i + 1 < r->n);
    const cp_trap_event *b = &r->e[i].ev, *a = &r->e[i + 1].ev;
    FX_EQ(b->code, PG_PGM_PRIVILEGED);
    CU_ASSERT(b->has_insn);
    FX_EQ(b->insn_word, XI(lctl, 3, 1, 0));
    FX_EQ(b->vpsw.flags, PG_PSW_S);
    FX_EQ(b->vpsw.addr, H_LCTL);
    FX_EQ(b->rpsw.flags & PG_PSW_S, 0);     /* the guest runs in real problem state */
    FX_EQ(b->rpsw.addr, H_LCTL);
    FX_EQ(r->e[i].cr3, 0);
    FX_EQ(a->vpsw.flags, PG_PSW_S);
    FX_EQ(a->vpsw.addr, H_LCTL + 4);
    FX_EQ(a->rpsw.addr, H_LCTL + 4);
    FX_EQ(r->e[i + 1].cr3, 5);
    FX_EQ(r->e[i + 1].emulated, r->e[i].emulated + 1);
    /* svc 9: reflected; before: the PSW past the svc; after: the SVC new PSW */
    i = find_ev(r, CP_TRAP_BEFORE, CP_TRAP_REFLECT, PG_INT_SVC, H_SVC + 4);
    if (i < 0)
        i = find_ev(r, CP_TRAP_BEFORE, CP_TRAP_REFLECT, PG_INT_SVC, H_SVC);
    CU_ASSERT_FATAL(i >= 0 && i + 1 < r->n);
    b = &r->e[i].ev, a = &r->e[i + 1].ev;
    FX_EQ(b->code, 9);
    FX_EQ(b->vpsw.addr, H_SVC + 4);
    FX_EQ(b->vpsw.flags, PG_PSW_S);
    FX_EQ(a->vpsw.flags, PG_PSW_S);
    FX_EQ(a->vpsw.addr, FX_HANDLER);
    /* divu by zero: a program interruption reflected, with its word */
    i = find_ev(r, CP_TRAP_BEFORE, CP_TRAP_REFLECT, PG_INT_PROGRAM, H_PGM);
    CU_ASSERT_FATAL(i >= 0 && i + 1 < r->n);
    b = &r->e[i].ev, a = &r->e[i + 1].ev;
    FX_EQ(b->code, PG_PGM_DIVIDE);
    CU_ASSERT(b->has_insn);
    FX_EQ(b->insn_word, X3(divu, 2, 1, 0));
    FX_EQ(b->vpsw.addr, H_PGM);
    FX_EQ(a->vpsw.addr, FX_HANDLER + 0x40);
    /* shadow fills were reported as such (the guest touched its pages) */
    int shadows = 0;
    for (int k = 0; k < r->n; k++)
        shadows += r->e[k].ev.kind == CP_TRAP_SHADOW;
    CU_ASSERT(shadows > 0);
    FX_EQ(shadows, 2 * cp_vm_get_stats(p->vm)->hidden_faults);
    cpx_pair_free(p);
    cpx_img_free(img);
    free(r);
}

/* Run a pair whose CP has a hook that may stop the VM: on each stop check
   with check(), then wake it and go on, until the VM ends. */
static int run_with_stops(cpx_pair *p, void (*check)(cpx_pair *p, void *ctx), void *ctx)
{
    p->bstop = pg_run(p->m, p->max_cycles);
    cp_vm_set_max_cycles(p->vm, p->max_cycles);
    int stops = 0;
    for (int guard = 0; guard < 10; guard++) {
        bool more = cpx_cp_run(p->c, p->max_cycles);
        if (cp_vm_get_state(p->vm) != CP_VM_STOPPED) {
            p->cp_unfinished = more && cp_vm_get_state(p->vm) == CP_VM_READY;
            break;
        }
        stops++;
        if (check)
            check(p, ctx);
        cp_vm_wake(p->vm);
    }
    return stops;
}

typedef struct stop_expect {
    uint32_t addr;                  /* the virtual PSW address at the stop */
    uint32_t cr3;
    uint32_t r2;
    uint64_t emulated;
    uint64_t reflected_svc, reflected_pgm;
    int calls;
} stop_expect;

static void check_stop(cpx_pair *p, void *ctx)
{
    stop_expect *x = ctx;
    x->calls++;
    FX_EQ(cp_vm_get_state(p->vm), CP_VM_STOPPED);
    FX_EQ(cp_vm_get_psw(p->vm).addr, x->addr);
    FX_EQ(cp_vm_get_psw(p->vm).flags, PG_PSW_S);
    FX_EQ(cp_vm_get_cr(p->vm, 3), x->cr3);
    FX_EQ(cp_vm_get_gpr(p->vm, 2), x->r2);
    FX_EQ(cp_vm_get_stats(p->vm)->emulated, x->emulated);
    FX_EQ(cp_vm_get_stats(p->vm)->reflected[PG_INT_SVC], x->reflected_svc);
    FX_EQ(cp_vm_get_stats(p->vm)->reflected[PG_INT_PROGRAM], x->reflected_pgm);
}

/* A hook returning CP_TRAP_STOP before an emulation stops the VM with the
   instruction not executed (registers, CRs and counts unchanged, PSW at
   it); cp_vm_wake and cp_run then execute it exactly once, without a second
   BEFORE; the run ends exactly as on the bare machine. */
static void test_hook_stop_before_emulation(void)
{
    cpx_img *img = hook_image();
    cpx_pair *p = cpx_pair_new(img, NULL);
    hook_rec *r = calloc(1, sizeof *r);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    r->stop_armed = true;
    r->stop_kind = CP_TRAP_EMULATE;
    r->stop_word = XI(lctl, 3, 1, 0);
    cp_set_trap_hook(p->c, record_hook, r);
    /* at the stop: prologue emulated lctl cr1 and lpsw, nothing else */
    stop_expect x = {.addr = H_LCTL, .cr3 = 0, .r2 = 0, .emulated = 2};
    int stops = run_with_stops(p, check_stop, &x);
    FX_EQ(stops, 1);
    FX_EQ(x.calls, 1);
    CPX_CHECK("stop before lctl", p);
    FX_EQ(cp_vm_get_stats(p->vm)->by_op[PG_OP_lctl], 2);
    int before = 0, after = 0;
    for (int i = 0; i < r->n; i++)
        if (r->e[i].ev.has_insn && r->e[i].ev.insn_addr == H_LCTL &&
            r->e[i].ev.kind == CP_TRAP_EMULATE)
            r->e[i].ev.phase == CP_TRAP_BEFORE ? before++ : after++;
    FX_EQ(before, 1);
    FX_EQ(after, 1);
    cpx_pair_free(p);
    cpx_img_free(img);
    free(r);
}

/* CP_TRAP_STOP after an emulation stops the VM after it (done once); a
   stop before an SVC reflection, before a program-interruption reflection
   and before a shadow fill stops before CP handles it; all resume to the
   bare machine's result. */
static void test_hook_stop_other(void)
{
    for (int k = 0; k < 4; k++) {
        cpx_img *img = hook_image();
        cpx_pair *p = cpx_pair_new(img, NULL);
        hook_rec *r = calloc(1, sizeof *r);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        r->stop_armed = true;
        stop_expect x = {0};
        if (k == 3) {           /* before the very first shadow fill (IPL's first fetch) */
            r->stop_kind = CP_TRAP_SHADOW;
            r->stop_by_class = true;
            r->stop_cls = PG_INT_PROGRAM;
            x = (stop_expect){.addr = FX_CODE};
        } else if (k == 0) {    /* after lctl cr3 */
            r->stop_kind = CP_TRAP_EMULATE;
            r->stop_word = XI(lctl, 3, 1, 0);
            r->stop_after = true;
            x = (stop_expect){.addr = H_LCTL + 4, .cr3 = 5, .emulated = 3};
        } else if (k == 1) {    /* before the SVC */
            r->stop_kind = CP_TRAP_REFLECT;
            r->stop_by_class = true;
            r->stop_cls = PG_INT_SVC;
            x = (stop_expect){.addr = H_SVC + 4, .cr3 = 5, .emulated = 3};
        } else {                /* before the divide exception */
            r->stop_kind = CP_TRAP_REFLECT;
            r->stop_by_class = true;
            r->stop_cls = PG_INT_PROGRAM;
            x = (stop_expect){.addr = H_PGM, .cr3 = 5, .emulated = 4, .reflected_svc = 1};
        }
        cp_set_trap_hook(p->c, record_hook, r);
        int stops = run_with_stops(p, check_stop, &x);
        char ctx[32];
        snprintf(ctx, sizeof ctx, "hook stop case %d", k);
        FX_EQC(ctx, stops, 1);
        CPX_CHECK(ctx, p);
        FX_EQC(ctx, cp_vm_get_stats(p->vm)->reflected[PG_INT_SVC], 1);
        FX_EQC(ctx, cp_vm_get_stats(p->vm)->reflected[PG_INT_PROGRAM], 1);
        cpx_pair_free(p);
        cpx_img_free(img);
        free(r);
    }
}

/* CP_TRAP_STOP before the reflection of a pending timer interrupt, or of
   an I/O completion, stops the VM before the interrupt is stored (vmm.h:
   the hook's STOP before a trap stops the VM with it not yet handled);
   resuming takes it once, with its CSW, and the run ends as on bare. */
static void test_hook_stop_before_timer_io(void)
{
    for (int io = 0; io < 2; io++) {
        cpx_img *img = case_image(c_epsw, PG_PSW_S);
        cpx_asm a = {img, BODY};
        if (io) {
            cpx_psw(img, PG_LC_IO_NEW, PG_PSW_S, FX_HANDLER);
            CPX_CODE(img, FX_HANDLER, XI(lw, 9, 0, PG_LC_CSW + 4), XI(lw, 10, 0, PG_LC_IO_DEV),
                     HALT);
            cpx_bytes(img, BUF, "stop", 4);
            cpx_ccw(img, CCW, PG_CCW_WRITE, 0, 4, BUF);
            sio_at(&a, PG_DEV_CONSOLE, CCW);
            E(&a, XI(addi, 1, 0, PG_PSW_I));
        } else {
            E(&a, XI(addi, 1, 0, 30));
            E(&a, XI(spt, 0, 1, 0));
            E(&a, XI(addi, 1, 0, PG_PSW_E));
        }
        E(&a, XI(ssm, 0, 1, 0));
        for (int i = 0; i < 150; i++)
            E(&a, XI(addi, 2, 2, 1));
        E(&a, HALT);
        pg_int_class cls = io ? PG_INT_IO : PG_INT_EXTERNAL;
        const char *ctx = io ? "stop before an I/O reflection" : "stop before a timer reflection";
        cpx_pair *p = cpx_pair_new(img, NULL);
        hook_rec *r = calloc(1, sizeof *r);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        r->stop_armed = true;
        r->stop_kind = CP_TRAP_REFLECT;
        r->stop_by_class = true;
        r->stop_cls = cls;
        cp_set_trap_hook(p->c, record_hook, r);
        p->bstop = pg_run(p->m, p->max_cycles);
        cpx_cp_run(p->c, p->max_cycles);
        FX_EQC(ctx, r->stops, 1);
        FX_EQC(ctx, cp_vm_get_state(p->vm), CP_VM_STOPPED);
        FX_EQC(ctx, cp_vm_get_stats(p->vm)->reflected[cls], 0);
        FX_EQC(ctx, cp_vm_get_psw(p->vm).flags, PG_PSW_S | (io ? PG_PSW_I : PG_PSW_E));
        uint64_t tod = cp_vm_get_tod(p->vm);
        cpx_cp_run(p->c, p->max_cycles);           /* stopped: nothing moves */
        FX_EQC(ctx, cp_vm_get_tod(p->vm), tod);
        cp_vm_wake(p->vm);
        p->cp_unfinished = cpx_cp_run(p->c, p->max_cycles) &&
                           cp_vm_get_state(p->vm) == CP_VM_READY;
        CPX_CHECK(ctx, p);
        FX_EQC(ctx, cp_vm_get_stats(p->vm)->reflected[cls], 1);
        int before = 0;
        for (int i = 0; i < r->n; i++)
            before += r->e[i].ev.phase == CP_TRAP_BEFORE && r->e[i].ev.cls == cls &&
                      r->e[i].ev.kind == CP_TRAP_REFLECT;
        FX_EQC(ctx, before, 1);
        cpx_pair_free(p);
        cpx_img_free(img);
        free(r);
    }
}

/* ======================================================================== */
/* time: virtual clocks with several VMs                                    */
/* ======================================================================== */

/* Several timer-driven and I/O-driven VMs run round-robin with small
   slices: each one's final TOD, timer, state and digest equal its solo
   bare run (its clock advanced only with its own execution). */
static void test_time_round_robin(void)
{
    static const uint64_t slices[] = {7, 50, 333, 0};
    for (int s = 0; s < 4; s++) {
        cpx_img *imgs[6];
        for (int i = 0; i < 4; i++)
            imgs[i] = fz_build(7000 + (uint64_t)(4 * s + i), 0);
        imgs[4] = counting_image(PG_PSW_S | PG_PSW_T);
        imgs[5] = counting_image(PG_PSW_S);
        cpx_opts o = {.input = fz_input, .max_cycles = 40000, .slice = slices[s]};
        cpx_multi *mm = cpx_multi_new(imgs, 6, &o);
        cpx_multi_run(mm);
        for (int i = 0; i < 6; i++) {
            char ctx[64];
            snprintf(ctx, sizeof ctx, "round robin slice %llu, VM %d",
                     (unsigned long long)slices[s], i);
            CPX_MULTI_CHECK(ctx, mm, i);
        }
        cpx_multi_free(mm);
        for (int i = 0; i < 6; i++)
            cpx_img_free(imgs[i]);
    }
}

/* A VM in an enabled wait that nothing inside it can end is blocked
   (CP_BLOCK_WAIT) with its clock frozen: other VMs running, cp_run again,
   cp_vm_wake -- its TOD and timer stay those of the bare idle wait. */
static void test_time_blocked_wait(void)
{
    cpx_img *imgs[2];
    imgs[0] = case_image(c_lpsw_idle_wait, PG_PSW_S);
    imgs[1] = fz_build(4242, 0);
    cpx_opts o = {.input = fz_input, .max_cycles = 100000, .slice = 20};
    cpx_multi *mm = cpx_multi_new(imgs, 2, &o);
    cpx_multi_run(mm);
    CPX_MULTI_CHECK("blocked VM", mm, 0);
    CPX_MULTI_CHECK("busy VM", mm, 1);
    FX_EQ(mm->bstop[0], PG_STOP_IDLE_WAIT);
    FX_EQ(cp_vm_get_state(mm->vm[0]), CP_VM_BLOCKED);
    FX_EQ(cp_vm_block_reason(mm->vm[0]), CP_BLOCK_WAIT);
    uint64_t tod = cp_vm_get_tod(mm->vm[0]);
    int64_t timer = cp_vm_get_timer(mm->vm[0]);
    FX_EQ(tod, pg_get_tod(mm->m[0]));
    /* again, and after a wake: nothing changes */
    cpx_cp_run(mm->c, 1000);
    FX_EQ(cp_vm_get_tod(mm->vm[0]), tod);
    cp_vm_wake(mm->vm[0]);
    cpx_cp_run(mm->c, 1000);
    FX_EQ(cp_vm_get_state(mm->vm[0]), CP_VM_BLOCKED);
    FX_EQ(cp_vm_get_tod(mm->vm[0]), tod);
    FX_EQ(cp_vm_get_timer(mm->vm[0]), timer);
    FX_EQ(cp_vm_get_stats(mm->vm[0])->wait_cycles, 0);
    cpx_multi_free(mm);
    cpx_img_free(imgs[0]);
    cpx_img_free(imgs[1]);
}

/* A console READ with no input yet blocks the VM (CP_BLOCK_CONSOLE) with
   its clock frozen while another VM runs; when the line arrives (wake),
   the sio runs as if the line had been there: the result equals the bare
   run that had the input from the start. */
static void test_time_console_block(void)
{
    cpx_img *imgs[2];
    imgs[0] = case_image(c_sio_read, PG_PSW_S);
    imgs[1] = fz_build(777, 0);
    cpx_opts o = {.input = console_input, .max_cycles = 60000, .slice = 40};
    cpx_multi *mm = cpx_multi_new(imgs, 2, &o);
    mm->vcon[0].block = true;
    for (int i = 0; i < 2; i++) {
        mm->bstop[i] = pg_run(mm->m[i], mm->max_cycles);
        cp_vm_set_max_cycles(mm->vm[i], mm->max_cycles);
    }
    cpx_cp_run(mm->c, 200000);
    FX_EQ(cp_vm_get_state(mm->vm[0]), CP_VM_BLOCKED);
    FX_EQ(cp_vm_block_reason(mm->vm[0]), CP_BLOCK_CONSOLE);
    uint64_t tod = cp_vm_get_tod(mm->vm[0]);
    cpx_cp_run(mm->c, 200000);
    FX_EQ(cp_vm_get_tod(mm->vm[0]), tod);
    mm->vcon[0].block = false;
    cp_vm_wake(mm->vm[0]);
    mm->cp_unfinished = cpx_cp_run(mm->c, 200000) && cp_vm_get_state(mm->vm[0]) == CP_VM_READY;
    CPX_MULTI_CHECK("console-blocked VM", mm, 0);
    CPX_MULTI_CHECK("other VM", mm, 1);
    cpx_multi_free(mm);
    cpx_img_free(imgs[0]);
    cpx_img_free(imgs[1]);
}

/* A run cut into many small cp_run budgets, with operator STOPs (cp_vm_stop)
   and BEGINs (cp_vm_wake) in between, ends exactly as the bare run; while
   stopped the VM's clock does not move. */
static void test_time_interrupted_runs(void)
{
    for (int k = 0; k < 6; k++) {
        cpx_img *img = k < 4 ? fz_build(8100 + (uint64_t)k, 0) : counting_image(PG_PSW_S | PG_PSW_T);
        /* cp_run's budget is checked between dispatches: slices must be short */
        cpx_opts o = {.input = fz_input, .max_cycles = 30000, .slice = k % 2 ? 25 : 60};
        cpx_pair *p = cpx_pair_new(img, &o);
        p->bstop = pg_run(p->m, p->max_cycles);
        cp_vm_set_max_cycles(p->vm, p->max_cycles);
        int runs = 0;
        bool more = true;
        while (more && runs < 100000) {
            more = cp_run(p->c, 97 + 13 * (uint64_t)k);
            runs++;
            if (runs % 7 == 0 && cp_vm_get_state(p->vm) == CP_VM_READY) {
                cp_vm_stop(p->vm);
                FX_EQ(cp_vm_get_state(p->vm), CP_VM_STOPPED);
                uint64_t tod = cp_vm_get_tod(p->vm);
                CU_ASSERT(!cp_run(p->c, 1000));
                FX_EQ(cp_vm_get_tod(p->vm), tod);
                cp_vm_wake(p->vm);
                more = true;
            }
        }
        CU_ASSERT(runs > 3);
        p->cp_unfinished = more;
        char ctx[64];
        snprintf(ctx, sizeof ctx, "run cut in %d pieces (program %d)", runs, k);
        CPX_CHECK(ctx, p);
        cpx_pair_free(p);
        cpx_img_free(img);
    }
}

/* Round-robin in real time: two looping VMs given a real budget share it
   within a slice; a VM that mostly waits for its own timer gets its waits
   for free in real time -- its clock runs far ahead -- while the real time
   is still shared evenly. */
static void test_time_scheduling(void)
{
    enum { SLICE = 1000, BUDGET = 200000 };
    cpx_img *loop = case_image(c_nothing, PG_PSW_S);
    CPX_CODE(loop, BODY, XI(addi, 1, 1, 1), XI(jal, 0, 0, -1));
    cpx_img *waiter = case_image(c_nothing, PG_PSW_S);
    cpx_psw(waiter, PG_LC_EXT_NEW, PG_PSW_S, FX_HANDLER);
    /* BODY: li r1, 100000; spt r1; lpsw wait -- the handler counts in r2 and
       starts over at BODY */
    cpx_psw(waiter, D + 0x40, PG_PSW_W | PG_PSW_E, 0x4444);
    cpx_psw(waiter, D + 0x48, PG_PSW_S, BODY);
    CPX_CODE(waiter, FX_HANDLER, XI(addi, 2, 2, 1), XI(lpsw, 0, 0, D + 0x48));
    li(&(cpx_asm){waiter, BODY}, 1, 100000);
    CPX_CODE(waiter, BODY + 8, XI(spt, 0, 1, 0), XI(lpsw, 0, 0, D + 0x40));
    for (int k = 0; k < 2; k++) {
        cp *c = cpx_cp(0, SLICE);
        cp_vm *a = cpx_vm(c, "A", loop);
        cp_vm *b = cpx_vm(c, "B", k ? waiter : loop);
        cpx_ipl(a, loop);
        cpx_ipl(b, k ? waiter : loop);
        CU_ASSERT(cp_run(c, BUDGET));
        uint64_t ta = cp_vm_get_tod(a), tb = cp_vm_get_tod(b);
        uint64_t real = cp_real_time(c);
        CU_ASSERT(real >= BUDGET && real <= BUDGET + 2 * SLICE);
        if (!k) {
            /* equal shares, within a slice (plus the traps of the prologue) */
            CU_ASSERT(ta + tb <= real);
            CU_ASSERT(ta > tb ? ta - tb <= SLICE + 100 : tb - ta <= SLICE + 100);
        } else {
            /* B's waits cost no real time: in its half of the real time its
               clock ran through many timer periods; A still got its half */
            CU_ASSERT(tb > 10 * real);
            CU_ASSERT(cp_vm_get_gpr(b, 2) > 10);
            CU_ASSERT(ta >= BUDGET / 2 - 2 * SLICE && ta <= BUDGET / 2 + 2 * SLICE);
        }
        cp_free(c);
    }
    cpx_img_free(loop);
    cpx_img_free(waiter);
}

/* DIAGNOSE 0x000C (yield) changes nothing a guest can see: a timer- and
   I/O-driven program with yields in its loop, run beside a busy VM, ends
   exactly as the same program with "where am I?" (same cost, rd = r0)
   instead -- registers, clocks, storage (but the diag's own code), digest. */
static void test_time_yield_invisible(void)
{
    uint64_t digest[2] = {0, 0};
    uint64_t tod[2] = {0, 0};
    for (int y = 0; y < 2; y++) {
        cpx_img *img = counting_image(PG_PSW_S | PG_PSW_T);
        /* replace the timer loop's body with diag + counting */
        cpx_asm a = {img, FX_HANDLER + 0x400};
        uint32_t sub = a.pc;
        E(&a, XI(diag, 0, 0, y ? 0x000C : 0x0000));
        E(&a, XI(addi, 11, 11, 1));
        E(&a, XI(jalr, 0, 14, 0));
        /* call it from the body's spin loop: patch "addi r6, r6, -1" into a call */
        bool patched = false;
        for (uint32_t at = BODY; at < BODY + 0x100; at += 4)
            if (cpx_get32(img, at) == XI(addi, 6, 6, -1)) {
                cpx_put32(img, at, XI(jal, 14, 0, (int32_t)(sub - at) / 4));
                cpx_put32(img, sub + 4, XI(addi, 6, 6, -1));   /* count down r6 instead */
                patched = true;
                break;
            }
        CU_ASSERT_FATAL(patched);
        cpx_img *busy = fz_build(6060, 0);
        cpx_img *imgs[2] = {img, busy};
        cpx_opts o = {.input = fz_input, .max_cycles = 50000, .slice = 300};
        cpx_multi *mm = cpx_multi_new(imgs, 2, &o);
        cpx_multi_run(mm);
        FX_EQ(cp_vm_get_state(mm->vm[0]), CP_VM_DISABLED_WAIT);
        FX_EQ(cp_vm_get_psw(mm->vm[0]).addr, FX_DONE);
        CPX_MULTI_CHECK("busy VM beside a yielding one", mm, 1);
        /* the programs differ only in the diag's code: make that word equal */
        uint8_t w[4];
        uint32_t same = XI(diag, 0, 0, 0x0000);
        for (int k = 0; k < 4; k++)
            w[k] = (uint8_t)(same >> (24 - 8 * k));
        cp_vm_storage(mm->vm[0])->write(cp_vm_storage(mm->vm[0])->ctx, sub, w, 4);
        digest[y] = cp_vm_digest(mm->vm[0]);
        tod[y] = cp_vm_get_tod(mm->vm[0]);
        FX_EQ(cp_vm_get_stats(mm->vm[0])->diag, 60);
        cpx_multi_free(mm);
        cpx_img_free(img);
        cpx_img_free(busy);
    }
    FX_EQ(tod[1], tod[0]);
    FX_EQ(digest[1], digest[0]);
}

/* Re-IPL leaves nothing behind: a VM that ran a program writing all over
   its storage with translation on, IPLed again with a short image (one
   page), runs the second program exactly as a fresh bare machine does
   (storage zero, TLB and shadow tables empty, clocks and registers zero). */
static void test_time_reipl_clean(void)
{
    cpx_img *first = fz_build(8800, 0);
    cpx_img *second = case_image(c_epsw, PG_PSW_S | PG_PSW_T);
    cpx_asm a = {second, BODY};
    /* read words all over storage (zero bare) and translate through CR1 */
    for (uint32_t addr = 0x2000; addr < FX_MEM; addr += 0x1000) {
        li(&a, 5, addr + 0x7C);
        E(&a, XI(lw, 6, 5, 0));
        E(&a, X3(add, 7, 7, 6));
    }
    E(&a, XI(stpt, 8, 0, 0));
    E(&a, XI(stctl, 9, 3, 0));
    E(&a, HALT);
    cpx_opts o = {.input = fz_input, .max_cycles = 30000};
    cpx_pair *p = cpx_pair_new(first, &o);
    cpx_run(p);
    CPX_CHECK("first program", p);
    /* second program: the bare side is a fresh machine */
    pg_machine_free(p->m);
    p->m = cpx_bare(second, &p->bcon, fz_input, true);
    char err[256];
    /* everything the second image holds is below 0x6000 (code, PSWs, tables) */
    bool tail_zero = true;
    for (uint32_t i = 0x6000; i < FX_MEM; i++)
        tail_zero &= second->b[i] == 0;
    CU_ASSERT_FATAL(tail_zero);
    CU_ASSERT_FATAL(cp_vm_ipl_image(p->vm, second->b, 0x6000, err, sizeof err));
    FX_EQ(cp_vm_get_tod(p->vm), 0);
    FX_EQ(cp_vm_get_timer(p->vm), 0);
    p->vcon.outlen = 0;
    p->vcon.out[0] = 0;
    p->vcon.next = 0;
    cpx_run(p);
    CPX_CHECK("second program after re-IPL", p);
    FX_EQ(cp_vm_get_gpr(p->vm, 7), 0);
    cpx_pair_free(p);
    cpx_img_free(first);
    cpx_img_free(second);
}

/* ======================================================================== */

static const pg_test priv_tests[] = {
    {"lpsw", test_priv_lpsw},
    {"epsw and ssm", test_priv_epsw_ssm},
    {"lctl and stctl", test_priv_lctl_stctl},
    {"spt, stpt, stck", test_priv_timer_clock},
    {"sio, tio, hio", test_priv_io},
    {"lra, ptlb, reserved bits", test_priv_misc},
    {"every privileged instruction in problem state", test_priv_problem_state_all},
    {"diag 0 is the one difference", test_priv_diag0},
    {NULL, NULL},
};

static const pg_test int_tests[] = {
    {"svc", test_int_svc},
    {"program: every code", test_int_program_codes},
    {"program: handled and resumed", test_int_program_handled},
    {"external: timer at the exact boundary", test_int_timer_boundary},
    {"external: periodic timer", test_int_timer_periodic},
    {"I/O completion at the exact boundary", test_int_io_boundary},
    {"several pending at once", test_int_several_pending},
    {"waits", test_int_waits},
    {"check stops", test_int_check_stops},
    {"cycle limit", test_int_max_cycles},
    {NULL, NULL},
};

static const pg_test fuzz_tests[] = {
    {"random programs", test_fuzz_programs},
    {"hostile random programs", test_fuzz_hostile},
    {NULL, NULL},
};

static const pg_test stats_tests[] = {
    {"counts", test_stats_counts},
    {"hidden faults", test_stats_hidden_faults},
    {"hook events", test_hook_events},
    {"hook stop before an emulation", test_hook_stop_before_emulation},
    {"hook stop after, before reflections", test_hook_stop_other},
    {"hook stop before timer and I/O reflections", test_hook_stop_before_timer_io},
    {NULL, NULL},
};

static const pg_test time_tests[] = {
    {"round robin, small slices", test_time_round_robin},
    {"blocked in an enabled wait", test_time_blocked_wait},
    {"blocked on console input", test_time_console_block},
    {"runs cut by budgets, STOP and BEGIN", test_time_interrupted_runs},
    {"round robin in real time", test_time_scheduling},
    {"DIAGNOSE yield is invisible", test_time_yield_invisible},
    {"re-IPL leaves nothing behind", test_time_reipl_clean},
    {NULL, NULL},
};

int main(int argc, char **argv)
{
    static const pg_suite suites[] = {
        {"priv", priv_tests},
        {"interrupts", int_tests},
        {"fuzz", fuzz_tests},
        {"stats", stats_tests},
        {"time", time_tests},
        {NULL, NULL},
    };
    return pg_test_main(argc, argv, suites);
}
