/*
 * test_timer.c -- the cycle model as seen through the CPU timer, the TOD
 * clock, waits and pg_run's budget (brief "Cycle model", isa-spec/time.md).
 * Expected times are computed from the instruction table's costs.
 */
#include "machine_fixture.h"
#include "runner.h"

/* ======================================================================== */
/* clock                                                                    */
/* ======================================================================== */

/* stck stores the TOD as of the instruction's start, big-endian. */
static void test_clock_stck_as_of_start(void)
{
    pg_machine *m = fx_machine();
    FX_CODE_AT(m, FX_CODE, XI(addi, 1, 0, 1), XI(addi, 1, 1, 1), XI(stck, 0, 0, FX_DATA),
               XI(stck, 0, 0, FX_DATA + 8), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(fx_get64(m, FX_DATA), 2 * CYC(addi));
    FX_EQ(fx_get64(m, FX_DATA + 8), 2 * CYC(addi) + CYC(stck));
    FX_EQ(pg_get_tod(m), 2 * CYC(addi) + 2 * CYC(stck) + CYC(lpsw));
    pg_machine_free(m);
}

/* stck of a large TOD: both words, most significant first. */
static void test_clock_stck_big_endian(void)
{
    pg_machine *m = fx_machine();
    pg_set_tod(m, UINT64_C(0x0123456789ABCDE0));
    FX_EQ(pg_get_tod(m), UINT64_C(0x0123456789ABCDE0));
    pg_set_gpr(m, 5, FX_DATA + 0x18);
    FX_CODE_AT(m, FX_CODE, XI(stck, 0, 5, -8), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    static const uint8_t want[8] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xE0};
    uint8_t got[8];
    CU_ASSERT(pg_read_real(m, FX_DATA + 0x10, got, 8));
    CU_ASSERT(memcmp(got, want, 8) == 0);
    FX_EQ(pg_get_tod(m), UINT64_C(0x0123456789ABCDE0) + CYC(stck) + CYC(lpsw));
    pg_machine_free(m);
}

/* The clocks API: set/get round trips; a fresh machine starts at 0. */
static void test_clock_api(void)
{
    pg_machine *m = fx_machine();
    FX_EQ(pg_get_tod(m), 0);
    FX_EQ(pg_get_timer(m), 0);
    pg_set_timer(m, INT64_MIN + 5);
    FX_EQ(pg_get_timer(m), INT64_MIN + 5);
    pg_set_timer(m, -1);
    FX_EQ(pg_get_timer(m), -1);
    pg_set_tod(m, UINT64_MAX - 3);
    FX_EQ(pg_get_tod(m), UINT64_MAX - 3);
    pg_machine_free(m);
}

/* The worked example of time.md section 4, cycle for cycle. */
static void test_clock_time_md_example(void)
{
    pg_machine *m = pg_machine_new(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    /* .psw S, start ; .psw S, tick at 0x18 */
    fx_put_psw(m, 0x00, PG_PSW_S, 0x200);
    fx_put_psw(m, 0x18, PG_PSW_S, 0x210);
    FX_CODE_AT(m, 0x200, XI(addi, 1, 0, 1000), XI(spt, 0, 1, 0), XI(stpt, 2, 0, 0), XI(lpsw, 0, 0, 0x220),
               XI(stck, 0, 0, 0x100), XI(stpt, 3, 0, 0), XI(lpsw, 0, 0, 0x228));
    fx_put_psw(m, 0x220, PG_PSW_W | PG_PSW_E, 0);
    fx_put_psw(m, 0x228, PG_PSW_W, 0);
    CU_ASSERT_FATAL(pg_machine_load_ipl_psw(m));
    pg_stop s = pg_run(m, 100000);
    FX_STOP(s, PG_STOP_DISABLED_WAIT);
    FX_EQ(pg_get_psw(m).addr, 0);
    FX_EQ(pg_get_tod(m), 1019);
    FX_EQ(pg_get_timer(m), -18);
    FX_EQ(pg_get_gpr(m, 2), 998);
    FX_EQ(pg_get_gpr(m, 3), 0xFFFFFFF3);
    FX_EQ(fx_get64(m, 0x100), 1012);
    pg_psw old = fx_get_psw(m, PG_LC_EXT_OLD);
    FX_EQ(old.flags, PG_PSW_W | PG_PSW_E);
    FX_EQ(old.addr, 0);
    FX_EQ(fx_get32(m, PG_LC_EXT_CODE), PG_EXT_CPU_TIMER);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_EXTERNAL], 1);
    FX_EQ(pg_get_stats(m)->wait_cycles, 1002 - 8);
    pg_machine_free(m);
}

/* ======================================================================== */
/* timer                                                                    */
/* ======================================================================== */

/* spt sets the timer as of its start: right after it reads value - cost(spt). */
static void test_timer_spt_stpt(void)
{
    static const uint32_t vals[] = {500, 0, 1, 0xFFFFFFF0u, 0x80000000u, 0x7FFFFFFFu, 0xFFFFFFFFu};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        char ctx[48];
        snprintf(ctx, sizeof ctx, "spt 0x%x", vals[i]);
        pg_machine *m = fx_machine();
        pg_set_gpr(m, 1, vals[i]);
        FX_CODE_AT(m, FX_CODE, XI(addi, 4, 0, 4), XI(spt, 0, 1, 0), XI(stpt, 3, 0, 0), XI(stpt, 5, 0, 0), HALT);
        FX_WAITC(ctx, m, fx_run(m), FX_DONE);
        int64_t v = (int32_t)vals[i];
        FX_EQC(ctx, pg_get_gpr(m, 3), (uint32_t)(v - (int64_t)CYC(spt)));
        FX_EQC(ctx, pg_get_gpr(m, 5), (uint32_t)(v - (int64_t)CYC(spt) - (int64_t)CYC(stpt)));
        FX_EQC(ctx, pg_get_timer(m), v - (int64_t)(CYC(spt) + 2 * CYC(stpt) + CYC(lpsw)));
        FX_EQC(ctx, pg_get_tod(m), CYC(addi) + CYC(spt) + 2 * CYC(stpt) + CYC(lpsw));
        pg_machine_free(m);
    }
}

/* stpt stores the low 32 bits of the 64-bit timer. */
static void test_timer_stpt_low_word(void)
{
    static const int64_t vals[] = {INT64_C(0x100000005), -13, INT64_C(-0x100000000), INT64_C(0x7FFFFFFF00000010)};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        pg_machine *m = fx_machine();
        pg_set_timer(m, vals[i]);
        FX_CODE_AT(m, FX_CODE, XI(stpt, 3, 0, 0), HALT);
        FX_WAIT(m, fx_run(m), FX_DONE);
        FX_EQ(pg_get_gpr(m, 3), (uint32_t)(uint64_t)vals[i]);
        FX_EQ(pg_get_timer(m), vals[i] - (int64_t)(CYC(stpt) + CYC(lpsw)));
        pg_machine_free(m);
    }
}

/* The timer interrupt is taken at the first boundary at or after TOD spt_start + v + 1,
   for every v in a range (the loop is addi / jal back). */
static void test_timer_interrupt_boundary(void)
{
    for (int32_t v = -3; v <= 40; v++) {
        char ctx[32];
        snprintf(ctx, sizeof ctx, "spt %d", (int)v);
        pg_machine *m = fx_machine();
        pg_set_timer(m, INT64_C(1) << 40);
        fx_psw(m, PG_PSW_S | PG_PSW_E, FX_CODE);
        fx_put32(m, PG_LC_EXT_CODE, 0);
        pg_set_gpr(m, 1, (uint32_t)v);
        FX_CODE_AT(m, FX_CODE, XI(addi, 4, 4, 1), XI(spt, 0, 1, 0), XI(addi, 2, 2, 1), XI(jal, 0, 0, -1));
        FX_WAITC(ctx, m, fx_run(m), FX_EXT_WAIT);
        /* model: spt starts at s, pending from s + v + 1 */
        uint64_t s = CYC(addi), t = s + CYC(spt);
        int64_t pending = (int64_t)s + v + 1;
        uint32_t pc = FX_CODE + 8, r2 = 0;
        while ((int64_t)t < pending) {
            if (pc == FX_CODE + 8) {
                t += CYC(addi);
                r2++;
                pc = FX_CODE + 12;
            } else {
                t += CYC(jal) + TKX(jal);
                pc = FX_CODE + 8;
            }
        }
        pg_psw old = fx_get_psw(m, PG_LC_EXT_OLD);
        FX_EQC(ctx, old.addr, pc);
        FX_EQC(ctx, old.flags, PG_PSW_S | PG_PSW_E);
        FX_EQC(ctx, pg_get_gpr(m, 2), r2);
        FX_EQC(ctx, fx_get32(m, PG_LC_EXT_CODE), PG_EXT_CPU_TIMER);
        FX_EQC(ctx, pg_get_tod(m), t + FX_IC);
        FX_EQC(ctx, pg_get_timer(m), (int64_t)v - (int64_t)(t + FX_IC - s));
        pg_machine_free(m);
    }
}

/* A masked timer never interrupts; ssm E then takes it before the next instruction. */
static void test_timer_masked(void)
{
    pg_machine *m = fx_machine();
    pg_set_gpr(m, 1, 5);
    pg_set_gpr(m, 6, 50);
    pg_set_gpr(m, 7, PG_PSW_E);
    FX_CODE_AT(m, FX_CODE, XI(spt, 0, 1, 0), XI(addi, 6, 6, -1), XI(bne, 6, 0, -1), XI(stpt, 3, 0, 0),
               XI(ssm, 0, 7, 0), XI(addi, 8, 0, 8), HALT);
    FX_WAIT(m, fx_run(m), FX_EXT_WAIT);
    uint64_t loop = 50 * (CYC(addi) + CYC(bne)) + 49 * TKX(bne);
    FX_EQ(pg_get_gpr(m, 3), (uint32_t)(5 - (int64_t)(CYC(spt) + loop)));
    FX_EQ(fx_get_psw(m, PG_LC_EXT_OLD).addr, FX_CODE + 20);
    FX_EQ(pg_get_gpr(m, 8), 0);
    FX_EQ(pg_get_tod(m), CYC(spt) + loop + CYC(stpt) + CYC(ssm) + FX_IC);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_EXTERNAL], 1);
    pg_machine_free(m);
}

/* Taking the interrupt leaves the timer negative: re-enabling E without spt interrupts again. */
static void test_timer_stays_negative(void)
{
    pg_machine *m = fx_machine();
    pg_set_timer(m, -1);
    fx_put_psw(m, PG_LC_EXT_NEW, PG_PSW_S, FX_HANDLER);
    fx_psw(m, PG_PSW_S | PG_PSW_E, FX_CODE);
    /* handler: count; after 3, halt; else return to the old PSW (E set) */
    pg_set_gpr(m, 10, 3);
    FX_CODE_AT(m, FX_HANDLER, XI(addi, 9, 9, 1), XI(beq, 9, 10, 2), XI(lpsw, 0, 0, PG_LC_EXT_OLD), HALT);
    FX_CODE_AT(m, FX_CODE, XI(addi, 5, 5, 1), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 9), 3);
    FX_EQ(pg_get_gpr(m, 5), 0);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_EXTERNAL], 3);
    pg_machine_free(m);
}

/* ======================================================================== */
/* wait                                                                     */
/* ======================================================================== */

/* An enabled wait jumps to exactly the cycle the timer goes negative. */
static void test_wait_skips_to_timer(void)
{
    pg_machine *m = fx_machine();
    pg_set_gpr(m, 1, 1000);
    fx_put_psw(m, FX_DATA, PG_PSW_W | PG_PSW_S | PG_PSW_E, 0x7777);
    FX_CODE_AT(m, FX_CODE, XI(spt, 0, 1, 0), XI(lpsw, 0, 0, FX_DATA));
    FX_WAIT(m, fx_run(m), FX_EXT_WAIT);
    pg_psw old = fx_get_psw(m, PG_LC_EXT_OLD);
    FX_EQ(old.flags, PG_PSW_W | PG_PSW_S | PG_PSW_E);
    FX_EQ(old.addr, 0x7777);
    FX_EQ(pg_get_tod(m), 1001 + FX_IC);
    FX_EQ(pg_get_timer(m), 1000 - (int64_t)(1001 + FX_IC));
    FX_EQ(pg_get_stats(m)->wait_cycles, 1001 - CYC(spt) - CYC(lpsw));
    FX_EQ(pg_get_stats(m)->cycles, 1001 + FX_IC);
    pg_machine_free(m);
}

/* A wait that begins with an enabled interrupt already pending lasts 0 cycles. */
static void test_wait_already_pending(void)
{
    pg_machine *m = fx_machine();
    pg_set_timer(m, -1);
    fx_put_psw(m, FX_DATA, PG_PSW_W | PG_PSW_E, 0x1234);
    FX_CODE_AT(m, FX_CODE, XI(lpsw, 0, 0, FX_DATA));
    FX_WAIT(m, fx_run(m), FX_EXT_WAIT);
    FX_EQ(fx_get_psw(m, PG_LC_EXT_OLD).flags, PG_PSW_W | PG_PSW_E);
    FX_EQ(fx_get_psw(m, PG_LC_EXT_OLD).addr, 0x1234);
    FX_EQ(pg_get_tod(m), CYC(lpsw) + FX_IC);
    FX_EQ(pg_get_stats(m)->wait_cycles, 0);
    pg_machine_free(m);
}

/* A wait enabled for I/O and external ends at whichever comes first. */
static void test_wait_earliest_event(void)
{
    for (int timer_first = 0; timer_first < 2; timer_first++) {
        const char *ctx = timer_first ? "timer first" : "I/O first";
        fx_console con = {0};
        pg_machine *m = fx_machine();
        fx_attach_console(m, PG_DEV_CONSOLE, &con);
        fx_ccw(m, FX_DATA, PG_CCW_WRITE, 0, 3, FX_DATA + 0x100);
        CU_ASSERT(pg_write_real(m, FX_DATA + 0x100, "abc", 3));
        fx_put_psw(m, FX_DATA + 0x40, PG_PSW_W | PG_PSW_I | PG_PSW_E, 0x99);
        uint32_t v = timer_first ? 50 : 500;
        pg_set_gpr(m, 1, PG_DEV_CONSOLE);
        pg_set_gpr(m, 2, FX_DATA);
        pg_set_gpr(m, 5, v);
        FX_CODE_AT(m, FX_CODE, XI(spt, 0, 5, 0), X3(sio, 3, 1, 2), XI(lpsw, 0, 0, FX_DATA + 0x40));
        pg_stop s = fx_run(m);
        uint64_t t_timer = v + 1, t_io = CYC(spt) + PG_LAT_CONSOLE_BASE + 3;
        if (timer_first) {
            FX_WAITC(ctx, m, s, FX_EXT_WAIT);
            FX_EQC(ctx, pg_get_tod(m), t_timer + FX_IC);
        } else {
            FX_WAITC(ctx, m, s, FX_IO_WAIT);
            FX_EQC(ctx, pg_get_tod(m), t_io + FX_IC);
        }
        pg_machine_free(m);
    }
    /* I only: a negative timer does not end it, the I/O does */
    fx_console con = {0};
    pg_machine *m = fx_machine();
    fx_attach_console(m, PG_DEV_CONSOLE, &con);
    fx_ccw(m, FX_DATA, PG_CCW_WRITE, 0, 3, FX_DATA + 0x100);
    fx_put_psw(m, FX_DATA + 0x40, PG_PSW_W | PG_PSW_I, 0x99);
    pg_set_timer(m, -100);
    pg_set_gpr(m, 1, PG_DEV_CONSOLE);
    pg_set_gpr(m, 2, FX_DATA);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), XI(lpsw, 0, 0, FX_DATA + 0x40));
    FX_WAIT(m, fx_run(m), FX_IO_WAIT);
    FX_EQ(pg_get_tod(m), PG_LAT_CONSOLE_BASE + 3 + FX_IC);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_EXTERNAL], 0);
    pg_machine_free(m);
}

/* A tick counter: the handler re-arms the timer and waits again; exact TOD after 5 ticks. */
static void test_wait_tick_counter(void)
{
    const uint32_t v = 100;
    pg_machine *m = fx_machine();
    fx_put_psw(m, PG_LC_EXT_NEW, PG_PSW_S, FX_HANDLER);
    fx_put_psw(m, FX_DATA, PG_PSW_W | PG_PSW_S | PG_PSW_E, 0xABC);
    pg_set_gpr(m, 1, v);
    pg_set_gpr(m, 10, 5);
    FX_CODE_AT(m, FX_CODE, XI(spt, 0, 1, 0), XI(lpsw, 0, 0, FX_DATA));
    FX_CODE_AT(m, FX_HANDLER, XI(addi, 9, 9, 1), XI(beq, 9, 10, 3), XI(spt, 0, 1, 0),
               XI(lpsw, 0, 0, FX_DATA), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    uint64_t t = 0, s = 0, waited = 0;
    t += CYC(spt) + CYC(lpsw);
    for (int k = 1; k <= 5; k++) {
        waited += s + v + 1 - t;
        t = s + v + 1 + FX_IC + CYC(addi);
        if (k == 5) {
            t += CYC(beq) + TKX(beq) + CYC(lpsw);
        } else {
            t += CYC(beq);
            s = t;
            t += CYC(spt) + CYC(lpsw);
        }
    }
    FX_EQ(pg_get_gpr(m, 9), 5);
    FX_EQ(pg_get_tod(m), t);
    FX_EQ(pg_get_stats(m)->wait_cycles, waited);
    FX_EQ(pg_get_stats(m)->interrupts[PG_INT_EXTERNAL], 5);
    FX_EQ(fx_get_psw(m, PG_LC_EXT_OLD).addr, 0xABC);
    pg_machine_free(m);
}

/* ======================================================================== */
/* budget                                                                   */
/* ======================================================================== */

/* pg_run returns at the first boundary at which at least `budget` cycles have passed. */
static void test_budget_boundary(void)
{
    pg_machine *m = fx_machine();
    FX_CODE_AT(m, FX_CODE, XI(addi, 4, 4, 1), XI(jal, 0, 0, -1));
    uint64_t t = 0;
    uint32_t pc = FX_CODE;
    static const uint64_t budgets[] = {50, 50, 1, 7, 1000};
    for (size_t i = 0; i < sizeof budgets / sizeof budgets[0]; i++) {
        uint64_t start = t;
        while (t < start + budgets[i]) {
            if (pc == FX_CODE) {
                t += CYC(addi);
                pc = FX_CODE + 4;
            } else {
                t += CYC(jal) + TKX(jal);
                pc = FX_CODE;
            }
        }
        char ctx[32];
        snprintf(ctx, sizeof ctx, "slice %zu", i);
        FX_EQC(ctx, pg_run(m, budgets[i]), PG_STOP_BUDGET);
        FX_EQC(ctx, pg_get_tod(m), t);
        FX_EQC(ctx, pg_get_psw(m).addr, pc);
    }
    pg_machine_free(m);
}

/* A wait is cut at exactly the budget, and the rest of the run is unchanged by the cut. */
static void test_budget_cuts_wait(void)
{
    pg_machine *whole = fx_machine(), *cut = fx_machine();
    pg_machine *ms[2] = {whole, cut};
    for (int i = 0; i < 2; i++) {
        pg_set_gpr(ms[i], 1, 1000);
        fx_put_psw(ms[i], FX_DATA, PG_PSW_W | PG_PSW_S | PG_PSW_E, 0x7777);
        FX_CODE_AT(ms[i], FX_CODE, XI(spt, 0, 1, 0), XI(lpsw, 0, 0, FX_DATA));
    }
    FX_WAIT(whole, fx_run(whole), FX_EXT_WAIT);
    FX_STOP(pg_run(cut, 500), PG_STOP_BUDGET);
    FX_EQ(pg_get_tod(cut), 500);
    FX_EQ(pg_get_timer(cut), 1000 - 500);
    FX_EQ(pg_get_psw(cut).flags, PG_PSW_W | PG_PSW_S | PG_PSW_E);
    FX_EQ(pg_get_psw(cut).addr, 0x7777);
    FX_STOP(pg_run(cut, 300), PG_STOP_BUDGET);
    FX_EQ(pg_get_tod(cut), 800);
    FX_WAIT(cut, fx_run(cut), FX_EXT_WAIT);
    FX_EQ(pg_get_tod(cut), pg_get_tod(whole));
    FX_EQ(pg_machine_digest(cut), pg_machine_digest(whole));
    FX_EQ(pg_get_stats(cut)->wait_cycles, pg_get_stats(whole)->wait_cycles);
    pg_machine_free(whole);
    pg_machine_free(cut);
}

/* Build the determinism workload: timer ticks, I/O, a busy loop, a final halt. */
static pg_machine *workload(fx_console *con)
{
    pg_machine *m = fx_machine();
    fx_attach_console(m, PG_DEV_CONSOLE, con);
    fx_ccw(m, FX_DATA, PG_CCW_WRITE, 0, 2, FX_DATA + 0x100);
    CU_ASSERT(pg_write_real(m, FX_DATA + 0x100, "ok", 2));
    fx_put_psw(m, PG_LC_EXT_NEW, PG_PSW_S, FX_HANDLER);
    fx_put_psw(m, PG_LC_IO_NEW, PG_PSW_S, FX_HANDLER + 0x100);
    pg_set_gpr(m, 1, 37);               /* timer interval */
    pg_set_gpr(m, 2, PG_DEV_CONSOLE);
    pg_set_gpr(m, 3, FX_DATA);
    pg_set_gpr(m, 6, 3000);             /* loop count */
    pg_set_gpr(m, 7, PG_PSW_I | PG_PSW_E);
    FX_CODE_AT(m, FX_CODE, XI(spt, 0, 1, 0), XI(ssm, 0, 7, 0),
               XI(addi, 6, 6, -1), X3(mul, 8, 6, 6), XI(bne, 6, 0, -2), HALT);
    /* external: count, stck into a ring, re-arm, return */
    FX_CODE_AT(m, FX_HANDLER, XI(addi, 9, 9, 1), XI(andi, 11, 9, 0xF8), XI(stck, 0, 11, FX_DATA + 0x200),
               XI(spt, 0, 1, 0), XI(lpsw, 0, 0, PG_LC_EXT_OLD));
    /* I/O: count, start the next write (every I/O interrupt), return */
    FX_CODE_AT(m, FX_HANDLER + 0x100, XI(addi, 10, 10, 1), X3(sio, 12, 2, 3), XI(lpsw, 0, 0, PG_LC_IO_OLD));
    return m;
}

/* Slicing a run with pg_run budgets or pg_step changes nothing: same digest, same TOD. */
static void test_budget_slicing_deterministic(void)
{
    fx_console c0 = {0}, c1 = {0}, c2 = {0};
    pg_machine *a = workload(&c0), *b = workload(&c1), *c = workload(&c2);
    FX_WAIT(a, pg_run(a, 10000000), FX_DONE);
    pg_stop s;
    int guard = 0;
    while ((s = pg_run(b, 7)) == PG_STOP_BUDGET && guard++ < 10000000)
        ;
    FX_WAIT(b, s, FX_DONE);
    pg_step_info info;
    guard = 0;
    while ((s = pg_step(c, &info)) == PG_STOP_STEP && guard++ < 10000000)
        ;
    FX_WAIT(c, s, FX_DONE);
    CU_ASSERT(pg_get_gpr(a, 9) > 100);
    FX_EQ(pg_get_tod(b), pg_get_tod(a));
    FX_EQ(pg_get_tod(c), pg_get_tod(a));
    FX_EQ(pg_get_gpr(b, 9), pg_get_gpr(a, 9));
    FX_EQ(pg_get_gpr(c, 9), pg_get_gpr(a, 9));
    FX_EQ(pg_machine_digest(b), pg_machine_digest(a));
    FX_EQ(pg_machine_digest(c), pg_machine_digest(a));
    FX_EQ(pg_get_stats(b)->instructions, pg_get_stats(a)->instructions);
    FX_EQ(pg_get_stats(c)->instructions, pg_get_stats(a)->instructions);
    pg_machine_free(a);
    pg_machine_free(b);
    pg_machine_free(c);
}

/* The same workload with console I/O interleaved: identical output and state across slicings. */
static void test_budget_slicing_with_io(void)
{
    fx_console c0 = {0}, c1 = {0};
    pg_machine *a = workload(&c0), *b = workload(&c1);
    pg_machine *ms[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        /* kick off the I/O chain: the program's first instruction becomes a sio */
        FX_CODE_AT(ms[i], FX_CODE - 4, X3(sio, 12, 2, 3));
        fx_psw(ms[i], PG_PSW_S, FX_CODE - 4);
    }
    FX_WAIT(a, pg_run(a, 10000000), FX_DONE);
    pg_stop s;
    int guard = 0;
    while ((s = pg_run(b, 3)) == PG_STOP_BUDGET && guard++ < 10000000)
        ;
    FX_WAIT(b, s, FX_DONE);
    CU_ASSERT(pg_get_gpr(a, 10) > 10);
    FX_EQ(pg_get_gpr(b, 10), pg_get_gpr(a, 10));
    FX_EQ(pg_get_tod(b), pg_get_tod(a));
    FX_EQ(pg_machine_digest(b), pg_machine_digest(a));
    FX_EQ(c1.outlen, c0.outlen);
    CU_ASSERT_STRING_EQUAL(c1.out, c0.out);
    pg_machine_free(a);
    pg_machine_free(b);
}

static const pg_test clock_tests[] = {
    {"stck_as_of_start", test_clock_stck_as_of_start},
    {"stck_big_endian", test_clock_stck_big_endian},
    {"api", test_clock_api},
    {"time_md_example", test_clock_time_md_example},
    {NULL, NULL},
};
static const pg_test timer_tests[] = {
    {"spt_stpt", test_timer_spt_stpt},
    {"stpt_low_word", test_timer_stpt_low_word},
    {"interrupt_boundary", test_timer_interrupt_boundary},
    {"masked", test_timer_masked},
    {"stays_negative", test_timer_stays_negative},
    {NULL, NULL},
};
static const pg_test wait_tests[] = {
    {"skips_to_timer", test_wait_skips_to_timer},
    {"already_pending", test_wait_already_pending},
    {"earliest_event", test_wait_earliest_event},
    {"tick_counter", test_wait_tick_counter},
    {NULL, NULL},
};
static const pg_test budget_tests[] = {
    {"boundary", test_budget_boundary},
    {"cuts_wait", test_budget_cuts_wait},
    {"slicing_deterministic", test_budget_slicing_deterministic},
    {"slicing_with_io", test_budget_slicing_with_io},
    {NULL, NULL},
};

static const pg_suite suites[] = {
    {"clock", clock_tests},
    {"timer", timer_tests},
    {"wait", wait_tests},
    {"budget", budget_tests},
    {NULL, NULL},
};

int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
