/*
 * test_ipl.c -- machine lifetime, reset, IPL (image and disk) and the state
 * digest, through machine.h (brief "IPL"; isa-spec/machine.md section 9).
 */
#include <fcntl.h>
#include <unistd.h>

#include "machine_fixture.h"
#include "runner.h"

/* ======================================================================== */
/* machine                                                                  */
/* ======================================================================== */

/* pg_machine_new accepts multiples of 4 KiB up to PG_MAX_MEMORY only. */
static void test_machine_sizes(void)
{
    static const uint32_t bad[] = {0, 1, 4095, 4097, 6144, 65535, PG_MAX_MEMORY + 4096, 0xFFFFF000u};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pg_machine *m = pg_machine_new(bad[i]);
        char ctx[32];
        snprintf(ctx, sizeof ctx, "size %u", bad[i]);
        FX_EQC(ctx, m == NULL, 1);
        if (m)
            pg_machine_free(m);
    }
    pg_machine *m = pg_machine_new(4096);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    FX_EQ(pg_mem_size(m), 4096);
    pg_machine_free(m);
    m = pg_machine_new(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    FX_EQ(pg_mem_size(m), FX_MEM);
    FX_EQ(pg_machine_storage(m)->size, FX_MEM);
    pg_machine_free(m);
}

/* A new machine is reset: everything zero. */
static void test_machine_new_is_reset(void)
{
    pg_machine *m = pg_machine_new(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    for (unsigned n = 0; n < 16; n++)
        FX_EQ(pg_get_gpr(m, n), 0);
    for (unsigned n = 0; n < PG_CR_COUNT; n++)
        FX_EQ(pg_get_cr(m, n), 0);
    FX_EQ(pg_get_psw(m).flags, 0);
    FX_EQ(pg_get_psw(m).addr, 0);
    FX_EQ(pg_get_timer(m), 0);
    FX_EQ(pg_get_tod(m), 0);
    uint8_t *mem = malloc(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
    CU_ASSERT(pg_read_real(m, 0, mem, FX_MEM));
    uint32_t nonzero = 0;
    for (uint32_t a = 0; a < FX_MEM; a++)
        nonzero += mem[a] != 0;
    FX_EQ(nonzero, 0);
    free(mem);
    pg_machine_free(m);
}

/* Real storage access: out of range is refused and copies nothing. */
static void test_machine_real_bounds(void)
{
    pg_machine *m = pg_machine_new(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    CU_ASSERT(pg_write_real(m, FX_MEM - 8, buf, 8));
    CU_ASSERT_FALSE(pg_write_real(m, FX_MEM - 4, buf, 8));
    CU_ASSERT_FALSE(pg_write_real(m, FX_MEM, buf, 1));
    CU_ASSERT_FALSE(pg_write_real(m, 0xFFFFFFFCu, buf, 8));
    uint8_t got[8] = {0};
    CU_ASSERT(pg_read_real(m, FX_MEM - 8, got, 8));
    CU_ASSERT(memcmp(got, buf, 8) == 0);
    memset(got, 0xEE, sizeof got);
    CU_ASSERT_FALSE(pg_read_real(m, FX_MEM - 4, got, 8));
    CU_ASSERT_FALSE(pg_read_real(m, 0xFFFFFFFCu, got, 8));
    for (int i = 0; i < 8; i++)
        FX_EQ(got[i], 0xEE);
    /* the refused partial write changed nothing */
    FX_EQ(fx_get32(m, FX_MEM - 4), 0x05060708);
    pg_machine_free(m);
}

/* Two machines in one process do not share anything. */
static void test_machine_independent(void)
{
    pg_machine *a = fx_machine(), *b = fx_machine();
    pg_set_gpr(a, 1, 5);
    pg_set_gpr(b, 1, 7);
    FX_CODE_AT(a, FX_CODE, XI(addi, 1, 1, 1), HALT);
    FX_CODE_AT(b, FX_CODE, XI(addi, 1, 1, 2), XI(addi, 1, 1, 2), HALT);
    FX_WAIT(a, fx_run(a), FX_DONE);
    FX_EQ(pg_get_gpr(a, 1), 6);
    FX_EQ(pg_get_gpr(b, 1), 7);
    FX_EQ(pg_get_tod(b), 0);
    FX_WAIT(b, fx_run(b), FX_DONE);
    FX_EQ(pg_get_gpr(b, 1), 11);
    FX_EQ(pg_get_gpr(a, 1), 6);
    FX_EQ(pg_get_stats(a)->instructions, 2);
    FX_EQ(pg_get_stats(b)->instructions, 3);
    pg_machine_free(a);
    pg_machine_free(b);
}

/* ======================================================================== */
/* reset                                                                    */
/* ======================================================================== */

/* pg_machine_reset: registers, CRs, PSW, timer, TOD, storage to zero; no time. */
static void test_reset_zeroes(void)
{
    pg_machine *m = fx_machine();
    pg_machine *fresh = pg_machine_new(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fresh);
    fx_fill_gprs(m);
    for (unsigned n = 0; n < PG_CR_COUNT; n++)
        pg_set_cr(m, n, 0xC0000000u | n);
    pg_set_timer(m, -12345);
    pg_set_tod(m, 987654321);
    fx_put32(m, 0, 0xFFFFFFFF);
    fx_put32(m, FX_MEM - 4, 0xFFFFFFFF);
    FX_CODE_AT(m, FX_CODE, XI(addi, 1, 1, 1), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    pg_machine_reset(m);
    for (unsigned n = 0; n < 16; n++)
        FX_EQ(pg_get_gpr(m, n), 0);
    for (unsigned n = 0; n < PG_CR_COUNT; n++)
        FX_EQ(pg_get_cr(m, n), 0);
    FX_EQ(pg_get_psw(m).flags, 0);
    FX_EQ(pg_get_psw(m).addr, 0);
    FX_EQ(pg_get_timer(m), 0);
    FX_EQ(pg_get_tod(m), 0);
    FX_EQ(fx_get32(m, 0), 0);
    FX_EQ(fx_get32(m, FX_MEM - 4), 0);
    FX_EQ(fx_get32(m, FX_CODE), 0);
    FX_EQ(pg_machine_digest(m), pg_machine_digest(fresh));
    pg_machine_free(m);
    pg_machine_free(fresh);
}

/* Reset empties the TLB: a new mapping at the same virtual page is walked afresh. */
static void test_reset_empties_tlb(void)
{
    pg_machine *m = fx_machine();
    pg_set_cr(m, 1, 0x4000);
    fx_put32(m, 0x4000, 0x5000 | PG_PTE_V);
    fx_put32(m, 0x5000 + 4 * 1, 0x1000 | PG_PTE_V);           /* code page */
    fx_put32(m, 0x5000 + 4 * 2, 0x9000 | PG_PTE_V);           /* data page -> 0x9000 */
    fx_put32(m, 0x9000, 0x99999999);
    fx_psw(m, PG_PSW_S | PG_PSW_T, FX_CODE);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 0, 0x2000), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 0x99999999);
    pg_machine_reset(m);
    /* the same tables again, data page -> 0xA000 */
    fx_lowcore(m);
    pg_set_cr(m, 1, 0x4000);
    fx_put32(m, 0x4000, 0x5000 | PG_PTE_V);
    fx_put32(m, 0x5000 + 4 * 1, 0x1000 | PG_PTE_V);
    fx_put32(m, 0x5000 + 4 * 2, 0xA000 | PG_PTE_V);
    fx_put32(m, 0xA000, 0xAAAAAAAA);
    fx_psw(m, PG_PSW_S | PG_PSW_T, FX_CODE);
    FX_CODE_AT(m, FX_CODE, XI(lw, 3, 0, 0x2000), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), 0xAAAAAAAA);
    pg_machine_free(m);
}

/* Reset makes devices idle: an I/O in flight is forgotten (an I-enabled wait is idle). */
static void test_reset_devices_idle(void)
{
    fx_console con = {0};
    pg_machine *m = fx_machine();
    fx_attach_console(m, PG_DEV_CONSOLE, &con);
    fx_ccw(m, FX_DATA, PG_CCW_WRITE, 0, 2, FX_DATA + 0x100);
    pg_set_gpr(m, 1, PG_DEV_CONSOLE);
    pg_set_gpr(m, 2, FX_DATA);
    FX_CODE_AT(m, FX_CODE, X3(sio, 3, 1, 2), HALT);
    FX_WAIT(m, fx_run(m), FX_DONE);
    FX_EQ(pg_get_gpr(m, 3), PG_CC_OK);
    pg_machine_reset(m);
    fx_lowcore(m);
    fx_attach_console(m, PG_DEV_CONSOLE, &con);
    fx_put_psw(m, FX_DATA, PG_PSW_W | PG_PSW_S | PG_PSW_I, 0x1111);
    pg_set_gpr(m, 1, PG_DEV_CONSOLE);
    FX_CODE_AT(m, FX_CODE, XI(tio, 4, 1, 0), XI(lpsw, 0, 0, FX_DATA));
    pg_set_gpr(m, 4, 0x55);
    fx_psw(m, PG_PSW_S, FX_CODE);
    FX_STOP(fx_run(m), PG_STOP_IDLE_WAIT);
    FX_EQ(pg_get_gpr(m, 4), PG_CC_OK);
    pg_machine_free(m);
}

/* ======================================================================== */
/* ipl                                                                      */
/* ======================================================================== */

/* Load the IPL PSW from real 0 and run: an image-style IPL. */
static void test_ipl_psw(void)
{
    pg_machine *m = pg_machine_new(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    fx_put_psw(m, 0, PG_PSW_S, 0x200);
    fx_put_psw(m, 0x38, PG_PSW_W, FX_PGM_WAIT);
    FX_CODE_AT(m, 0x200, XI(addi, 1, 0, 42), XI(lpsw, 0, 0, 0x210), 0, 0);
    fx_put_psw(m, 0x210, PG_PSW_W, 42);
    CU_ASSERT(pg_machine_load_ipl_psw(m));
    FX_EQ(pg_get_psw(m).flags, PG_PSW_S);
    FX_EQ(pg_get_psw(m).addr, 0x200);
    FX_EQ(pg_get_tod(m), 0);
    FX_STOP(fx_run(m), PG_STOP_DISABLED_WAIT);
    FX_EQ(pg_get_psw(m).addr, 42);
    FX_EQ(pg_get_gpr(m, 1), 42);
    FX_EQ(pg_get_tod(m), CYC(addi) + CYC(lpsw));
    pg_machine_free(m);
}

/* An IPL PSW with reserved bits: false, check stop; the invalid PSW is the
   current PSW, nothing runs, TOD 0 (machine.md 9). */
static void test_ipl_psw_invalid(void)
{
    static const uint32_t bad[] = {0x20, 0x80000000u, PG_PSW_S | 0x100};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pg_machine *m = pg_machine_new(FX_MEM);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        fx_put_psw(m, 0, bad[i], 0x200);
        FX_CODE_AT(m, 0x200, XI(addi, 1, 0, 1));
        CU_ASSERT_FALSE(pg_machine_load_ipl_psw(m));
        FX_EQ(pg_get_psw(m).flags, bad[i]);
        FX_EQ(pg_get_psw(m).addr, 0x200);
        FX_STOP(fx_run(m), PG_STOP_CHECK_STOP);
        FX_EQ(pg_get_tod(m), 0);
        FX_EQ(pg_get_gpr(m, 1), 0);
        FX_EQ(pg_get_stats(m)->instructions, 0);
        pg_machine_free(m);
    }
}

/* An IPL PSW at an odd address is valid; the first fetch faults. */
static void test_ipl_psw_odd_address(void)
{
    pg_machine *m = pg_machine_new(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    fx_put_psw(m, 0, PG_PSW_S, 0x202);
    fx_put_psw(m, 0x38, PG_PSW_W, FX_PGM_WAIT);
    fx_put32(m, PG_LC_TEA, FX_TEA_SENTINEL);
    CU_ASSERT(pg_machine_load_ipl_psw(m));
    FX_PGM(m, fx_run(m), PG_PGM_SPECIFICATION, PG_PSW_S, 0x202);
    FX_EQ(pg_get_tod(m), FX_IC);
    pg_machine_free(m);
}

/* The classic loop: no program new PSW set up, a fault: check stop, first
   interrupt's old PSW and code kept, no cycles for the second. */
static void test_ipl_program_loop(void)
{
    pg_machine *m = pg_machine_new(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    fx_put_psw(m, 0, PG_PSW_S, 0x200);
    pg_set_gpr(m, 1, 3);
    FX_CODE_AT(m, 0x200, XI(addi, 2, 0, 2), X3(div, 3, 1, 0));
    CU_ASSERT(pg_machine_load_ipl_psw(m));
    FX_STOP(fx_run(m), PG_STOP_CHECK_STOP);
    pg_psw old = fx_get_psw(m, PG_LC_PGM_OLD);
    FX_EQ(old.flags, PG_PSW_S);
    FX_EQ(old.addr, 0x204);
    FX_EQ(fx_get32(m, PG_LC_PGM_CODE), PG_PGM_DIVIDE);
    /* the new PSW (0, 0) was loaded; the fetch at 0 found opcode 0x00 */
    FX_EQ(pg_get_psw(m).flags, 0);
    FX_EQ(pg_get_psw(m).addr, 0);
    FX_EQ(pg_get_tod(m), CYC(addi) + FX_IC);
    pg_machine_free(m);
}

/* Program-interruption loops: the first interrupt's old PSW and code are
   kept, the PSW points at the failing instruction, no cycles for the second. */
static void test_ipl_check_stop_details(void)
{
    pg_machine *m;
    /* a program-interruption loop after a handler that faults at once */
    m = fx_machine();
    fx_put_psw(m, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER);
    FX_CODE_AT(m, FX_HANDLER, 0xFFFFFFFF);
    FX_CODE_AT(m, FX_CODE, XI(addi, 1, 0, 1), XI(lw, 2, 0, 2));
    FX_STOP(fx_run(m), PG_STOP_CHECK_STOP);
    pg_psw old = fx_get_psw(m, PG_LC_PGM_OLD);
    FX_EQ(old.addr, FX_CODE + 4);
    FX_EQ(fx_get32(m, PG_LC_PGM_CODE), PG_PGM_SPECIFICATION);
    FX_EQ(pg_get_psw(m).flags, PG_PSW_S);
    FX_EQ(pg_get_psw(m).addr, FX_HANDLER);
    FX_EQ(pg_get_tod(m), CYC(addi) + FX_IC);
    pg_machine_free(m);
    /* an svc in the handler counts as a completed instruction: no loop */
    m = fx_machine();
    fx_put_psw(m, PG_LC_PGM_NEW, PG_PSW_S, FX_HANDLER);
    fx_put_psw(m, PG_LC_SVC_NEW, PG_PSW_S, FX_HANDLER + 8);
    FX_CODE_AT(m, FX_HANDLER, XI(svc, 0, 0, 1), 0, 0, HALT);
    FX_CODE_AT(m, FX_CODE, 0);
    /* program (code 1) -> handler svc -> SVC handler at +8: word 0 -> program again -> svc ... */
    FX_STOP(pg_run(m, 2000), PG_STOP_BUDGET);
    CU_ASSERT(pg_get_stats(m)->interrupts[PG_INT_SVC] > 10);
    pg_machine_free(m);
}

/* IPL from a disk: reset, blocks 0-7 to real 0, PSW loaded; bad devices refused. */
static void test_ipl_disk(void)
{
    char path[] = "/tmp/pgtest_iplXXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    unlink(path);
    uint8_t img[16 * PG_DISK_BLOCK];
    memset(img, 0, sizeof img);
    /* PSW {S, 0x200}; code: addi r1, r0, 7; lpsw 0x210; PSW {W, 0x77} at 0x210; 0xEE in block 8 */
    uint32_t words[] = {PG_PSW_S, 0x200};
    for (int i = 0; i < 2; i++)
        for (int b = 0; b < 4; b++)
            img[4 * i + b] = (uint8_t)(words[i] >> (24 - 8 * b));
    uint32_t code[] = {XI(addi, 1, 0, 7), XI(lpsw, 0, 0, 0x210), 0, 0, PG_PSW_W, 0x77};
    for (int i = 0; i < 6; i++)
        for (int b = 0; b < 4; b++)
            img[0x200 + 4 * i + b] = (uint8_t)(code[i] >> (24 - 8 * b));
    img[4095] = 0x5A;
    memset(img + 4096, 0xEE, 512);
    CU_ASSERT_FATAL(write(fd, img, sizeof img) == (ssize_t)sizeof img);

    pg_machine *m = fx_machine();
    pg_channel *ch = pg_machine_channel(m);
    pg_device *d = pg_channel_find(ch, 0x190);
    if (!d)
        d = pg_channel_add(ch, 0x190, PG_DEVT_DISK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    d->be.disk.fd = fd;
    d->be.disk.offset = 0;
    d->be.disk.blocks = 16;
    d->be.disk.read_only = true;
    fx_fill_gprs(m);
    fx_put32(m, 0x3000, 0x12345678);
    pg_set_tod(m, 999);
    char err[128] = "";
    CU_ASSERT(pg_machine_ipl_device(m, 0x190, err, sizeof err));
    FX_EQ(pg_get_psw(m).flags, PG_PSW_S);
    FX_EQ(pg_get_psw(m).addr, 0x200);
    FX_EQ(pg_get_tod(m), 0);
    FX_EQ(pg_get_gpr(m, 5), 0);
    FX_EQ(fx_get32(m, 0x3000), 0);
    FX_EQ(fx_get32(m, 4092), 0x5A);
    FX_EQ(fx_get32(m, 4096), 0);
    FX_STOP(fx_run(m), PG_STOP_DISABLED_WAIT);
    FX_EQ(pg_get_psw(m).addr, 0x77);
    FX_EQ(pg_get_gpr(m, 1), 7);
    /* a console is not IPL-able; a missing device neither */
    err[0] = 0;
    CU_ASSERT_FALSE(pg_machine_ipl_device(m, PG_DEV_CONSOLE, err, sizeof err));
    CU_ASSERT(err[0] != 0);
    err[0] = 0;
    CU_ASSERT_FALSE(pg_machine_ipl_device(m, 0x333, err, sizeof err));
    CU_ASSERT(err[0] != 0);
    /* a disk smaller than 4 KiB */
    d = pg_channel_find(ch, 0x190);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    d->be.disk.blocks = 4;
    err[0] = 0;
    CU_ASSERT_FALSE(pg_machine_ipl_device(m, 0x190, err, sizeof err));
    CU_ASSERT(err[0] != 0);
    /* an invalid PSW on the disk: true, and the next run check-stops */
    d->be.disk.blocks = 16;
    img[3] = 0x40;
    CU_ASSERT_FATAL(pwrite(fd, img, 8, 0) == 8);
    CU_ASSERT(pg_machine_ipl_device(m, 0x190, err, sizeof err));
    FX_STOP(fx_run(m), PG_STOP_CHECK_STOP);
    FX_EQ(pg_get_tod(m), 0);
    pg_machine_free(m);
    close(fd);
}

/* ======================================================================== */
/* digest                                                                   */
/* ======================================================================== */

/* Equal states give equal digests; each component changes it; restoring restores it. */
static void test_digest(void)
{
    pg_machine *a = fx_machine(), *b = fx_machine();
    FX_EQ(pg_machine_digest(a), pg_machine_digest(b));
    uint64_t base = pg_machine_digest(a);
    /* registers */
    for (unsigned n = 1; n < 16; n++) {
        pg_set_gpr(a, n, 1);
        CU_ASSERT(pg_machine_digest(a) != base);
        pg_set_gpr(a, n, 0);
        FX_EQ(pg_machine_digest(a), base);
    }
    /* r0 cannot change */
    pg_set_gpr(a, 0, 1);
    FX_EQ(pg_machine_digest(a), base);
    /* control registers */
    for (unsigned n = 0; n < PG_CR_COUNT; n++) {
        pg_set_cr(a, n, 0x80000000u);
        CU_ASSERT(pg_machine_digest(a) != base);
        pg_set_cr(a, n, 0);
        FX_EQ(pg_machine_digest(a), base);
    }
    /* PSW */
    pg_psw p = pg_get_psw(a);
    fx_psw(a, p.flags | PG_PSW_I, p.addr);
    CU_ASSERT(pg_machine_digest(a) != base);
    fx_psw(a, p.flags, p.addr + 4);
    CU_ASSERT(pg_machine_digest(a) != base);
    fx_psw(a, p.flags, p.addr);
    FX_EQ(pg_machine_digest(a), base);
    /* clocks */
    pg_set_timer(a, -1);
    CU_ASSERT(pg_machine_digest(a) != base);
    pg_set_timer(a, 0);
    pg_set_tod(a, 1);
    CU_ASSERT(pg_machine_digest(a) != base);
    pg_set_tod(a, 0);
    FX_EQ(pg_machine_digest(a), base);
    /* storage: first, last and some bytes, every bit of one byte */
    static const uint32_t addrs[] = {0, 1, 0x7F, 0x1234, FX_MEM / 2, FX_MEM - 1};
    for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++) {
        uint8_t old, v;
        CU_ASSERT(pg_read_real(a, addrs[i], &old, 1));
        for (int bit = 0; bit < 8; bit++) {
            v = (uint8_t)(old ^ (1u << bit));
            CU_ASSERT(pg_write_real(a, addrs[i], &v, 1));
            char ctx[48];
            snprintf(ctx, sizeof ctx, "byte 0x%x bit %d", addrs[i], bit);
            FX_EQC(ctx, pg_machine_digest(a) != base, 1);
        }
        CU_ASSERT(pg_write_real(a, addrs[i], &old, 1));
        FX_EQ(pg_machine_digest(a), base);
    }
    /* the same program on both machines: equal digests after, different from before */
    FX_CODE_AT(a, FX_CODE, XI(addi, 1, 0, 5), XI(sw, 1, 0, FX_DATA), HALT);
    FX_CODE_AT(b, FX_CODE, XI(addi, 1, 0, 5), XI(sw, 1, 0, FX_DATA), HALT);
    FX_WAIT(a, fx_run(a), FX_DONE);
    FX_WAIT(b, fx_run(b), FX_DONE);
    FX_EQ(pg_machine_digest(a), pg_machine_digest(b));
    CU_ASSERT(pg_machine_digest(a) != base);
    /* a machine of another size differs */
    pg_machine *c = pg_machine_new(FX_MEM * 2);
    pg_machine *d = pg_machine_new(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT(pg_machine_digest(c) != pg_machine_digest(d));
    pg_machine_free(a);
    pg_machine_free(b);
    pg_machine_free(c);
    pg_machine_free(d);
}

static const pg_test machine_tests[] = {
    {"sizes", test_machine_sizes},
    {"new_is_reset", test_machine_new_is_reset},
    {"real_bounds", test_machine_real_bounds},
    {"independent", test_machine_independent},
    {NULL, NULL},
};
static const pg_test reset_tests[] = {
    {"zeroes", test_reset_zeroes},
    {"empties_tlb", test_reset_empties_tlb},
    {"devices_idle", test_reset_devices_idle},
    {NULL, NULL},
};
static const pg_test ipl_tests[] = {
    {"psw", test_ipl_psw},
    {"psw_invalid", test_ipl_psw_invalid},
    {"psw_odd_address", test_ipl_psw_odd_address},
    {"program_loop", test_ipl_program_loop},
    {"check_stop_details", test_ipl_check_stop_details},
    {"disk", test_ipl_disk},
    {NULL, NULL},
};
static const pg_test digest_tests[] = {
    {"digest", test_digest},
    {NULL, NULL},
};

static const pg_suite suites[] = {
    {"machine", machine_tests},
    {"reset", reset_tests},
    {"ipl", ipl_tests},
    {"digest", digest_tests},
    {NULL, NULL},
};

int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
