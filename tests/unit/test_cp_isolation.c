/*
 * test_cp_isolation.c -- CP keeps VMs apart: hostile guests (every
 * privileged instruction with random operands, wild addresses, CR1 garbage
 * with T on, channel programs pointing outside their storage, random
 * DIAGNOSE) run beside ordinary ones, whose results stay those of their
 * solo bare runs; a VM that does not fit is refused; CP's real frames are
 * shared without leaks and without running out; minidisks (block ranges
 * of a host image) cannot be read or written outside their range.
 */
#define _FILE_OFFSET_BITS 64

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../vmm/console.h"
#include "cp_fixture.h"
#include "runner.h"

#define E(a, w) cpx_emit((a), (w))

/* VM i of mm against its solo bare run, without the console (DIAGNOSE
   "execute a CP command" lets a hostile VM send messages to other VMs'
   consoles: inter-VM communication by design, not a breach). */
static bool same_but_console(cpx_multi *mm, int i, const char *ctx)
{
    cpx_pair p = {.m = mm->m[i], .c = mm->c, .vm = mm->vm[i], .bstop = mm->bstop[i],
                  .cp_unfinished = mm->cp_unfinished, .max_cycles = mm->max_cycles};
    return cpx_check_at(&p, -1, ctx, __LINE__, __FILE__);
}

/* A guest that loops for ever (a jump to itself). */
static cpx_img *looper(void)
{
    cpx_img *img = cpx_std(PG_PSW_S);
    cpx_put32(img, FX_CODE, XI(jal, 0, 0, 0));
    return img;
}

/* A guest that ends in a disabled wait at once. */
static cpx_img *waiter(void)
{
    cpx_img *img = cpx_std(PG_PSW_S);
    cpx_psw(img, PG_LC_IPL_PSW, PG_PSW_W, 0x0BAD);
    return img;
}

/* A guest whose program new PSW faults itself: a check stop. */
static cpx_img *checkstopper(void)
{
    cpx_img *img = cpx_std(PG_PSW_S);
    cpx_psw(img, PG_LC_PGM_NEW, PG_PSW_S | PG_PSW_T, 0x7777000);
    cpx_put32(img, FX_CODE, 0);
    return img;
}

/* Hostile VMs beside ordinary ones (and a looping one, one in a disabled
   wait at once, one check-stopped), several rounds and slice lengths: each
   ordinary VM ends exactly as its solo bare run, and so does the hostile
   one (whose instructions, however wild, are those of a PG32). */
static void test_hostile_neighbours(void)
{
    static const uint64_t slices[] = {13, 200, 0, 57};
    for (int round = 0; round < 8; round++) {
        cpx_img *imgs[8];
        int n = 0;
        imgs[n++] = fz_build(90000 + (uint64_t)round, 1);
        imgs[n++] = fz_build(91000 + (uint64_t)round, 0);
        imgs[n++] = fz_build(92000 + (uint64_t)round, 1);
        imgs[n++] = fz_build(93000 + (uint64_t)round, 0);
        imgs[n++] = looper();
        imgs[n++] = waiter();
        imgs[n++] = checkstopper();
        cpx_opts o = {.input = fz_input, .max_cycles = 30000, .slice = slices[round % 4]};
        cpx_multi *mm = cpx_multi_new(imgs, n, &o);
        cpx_multi_run(mm);
        for (int i = 0; i < n; i++) {
            char ctx[64];
            snprintf(ctx, sizeof ctx, "round %d, VM %d", round, i);
            CPX_MULTI_CHECK(ctx, mm, i);
        }
        FX_EQ(cp_vm_get_state(mm->vm[4]), CP_VM_MAX_CYCLES);
        FX_EQ(cp_vm_get_state(mm->vm[5]), CP_VM_DISABLED_WAIT);
        FX_EQ(cp_vm_get_state(mm->vm[6]), CP_VM_CHECK_STOP);
        cpx_multi_free(mm);
        for (int i = 0; i < n; i++)
            cpx_img_free(imgs[i]);
    }
}

/* Hostile VMs that also issue DIAGNOSE with random codes and operands
   (CP commands, block I/O, spool functions): CP does not crash, and the
   ordinary VMs' state and storage stay those of their solo bare runs. */
static void test_hostile_diagnose(void)
{
    for (int round = 0; round < 6; round++) {
        cpx_img *imgs[4];
        imgs[0] = fz_build(95000 + (uint64_t)round, 2);
        imgs[1] = fz_build(96000 + (uint64_t)round, 0);
        imgs[2] = fz_build(97000 + (uint64_t)round, 2);
        imgs[3] = fz_build(98000 + (uint64_t)round, 0);
        cpx_opts o = {.input = fz_input, .max_cycles = 30000, .slice = round % 2 ? 31 : 0};
        cpx_multi *mm = cpx_multi_new(imgs, 4, &o);
        cpx_multi_run(mm);
        for (int i = 1; i < 4; i += 2) {
            char ctx[64];
            snprintf(ctx, sizeof ctx, "diag round %d, VM %d", round, i);
            same_but_console(mm, i, ctx);
        }
        for (int i = 0; i < 4; i += 2)
            CU_ASSERT(cp_vm_get_state(mm->vm[i]) != CP_VM_READY);
        cpx_multi_free(mm);
        for (int i = 0; i < 4; i++)
            cpx_img_free(imgs[i]);
    }
}

/* Hostile VMs with CP's own devices (queued console, spool reader, punch
   and printer, as pgvmm gives several VMs) issuing random DIAGNOSE (CP
   commands, spool tags, reader information, block I/O) and random channel
   programs: CP neither crashes nor corrupts memory (run it under the
   sanitizers), and every VM ends. */
static void test_hostile_cp_devices(void)
{
    uint64_t diags = 0, ios = 0;
    for (int round = 0; round < 16; round++) {
        cp *c = cpx_cp(4u << 20, round % 2 ? 23 : 0);
        cpx_img *imgs[4];
        for (int i = 0; i < 4; i++) {
            imgs[i] = fz_build(99000 + (uint64_t)(4 * round + i), i % 2 ? 2 : 1);
            char name[16], err[256] = "";
            snprintf(name, sizeof name, "VM%02d", i);
            cp_vm *vm = cpx_vm(c, name, imgs[i]);
            cp_vdev_config cfg = {.input = i == 3 ? CP_INPUT_QUEUE : CP_INPUT_NONE};
            bool ok = cp_vdevs_attach_cp(vm, &cfg, err, sizeof err);
            if (!ok)
                fprintf(stderr, "cp_vdevs_attach_cp: %s\n", err);
            CU_ASSERT_FATAL(ok);
            cpx_ipl(vm, imgs[i]);
            cp_vm_set_max_cycles(vm, 30000);
        }
        /* VM03's console READs wait for lines: give it some, then end its input */
        cpx_cp_run(c, 200000);
        for (int k = 0; k < 3; k++) {
            cp_console_queue_line(cp_vm_at(c, 3)->dev.console, "QUERY NAMES", 11);
            cpx_cp_run(c, 200000);
        }
        cp_console_end_input(cp_vm_at(c, 3)->dev.console);
        cpx_cp_run(c, 2000000);
        for (int i = 0; i < 4; i++) {
            diags += cp_vm_get_stats(cp_vm_at(c, i))->diag;
            ios += cp_vm_get_stats(cp_vm_at(c, i))->io_ops;
        }
        for (int i = 0; i < 4; i++) {
            cp_vm_state st = cp_vm_get_state(cp_vm_at(c, i));
            char what[64];
            snprintf(what, sizeof what, "round %d VM%02d ended (%s)", round, i, cpx_state_name(st));
            CU_assertImplementation(st != CP_VM_READY && st != CP_VM_NOT_IPLED, __LINE__, what,
                                    __FILE__, "", CU_FALSE);
        }
        cp_free(c);
        for (int i = 0; i < 4; i++)
            cpx_img_free(imgs[i]);
    }
    /* the programs did reach DIAGNOSE and started channel programs */
    CU_ASSERT(diags > 50);
    CU_ASSERT(ios > 0);
}

/* Channel programs pointing outside the VM's storage -- the CCW itself
   beyond the end or straddling it, chaining past the end, a TIC out, data
   areas beyond the end, straddling it, wrapping at 4 GiB, for WRITE and for
   READ (which would store) -- end in program check exactly as bare, and the
   neighbour VM (whose frames are next in CP's storage) is untouched. */
static void test_ccws_outside_storage(void)
{
    enum { MEM = 16 * 1024, CCWS = 0x2000, BUF = 0x2800 };
    cpx_img *img = cpx_img_new(MEM);
    cpx_lowcore(img, PG_PSW_S);
    cpx_bytes(img, BUF, "outside", 7);
    static const struct { uint8_t cmd, flags; uint16_t count; uint32_t data; } ccw[] = {
        {PG_CCW_WRITE, 0, 100, MEM - 50},                 /* data straddles the end */
        {PG_CCW_READ, PG_CCW_FLAG_SLI, 100, MEM - 4},     /* input straddling the end */
        {PG_CCW_READ, PG_CCW_FLAG_SLI, 16, MEM},          /* input just beyond */
        {PG_CCW_READ, PG_CCW_FLAG_SLI, 64, 0xFFFFFFF0u},  /* wrapping */
        {PG_CCW_WRITE, 0, 8, 0x40000000u},                /* far beyond */
        {PG_CCW_TIC, 0, 0, MEM + 8},                      /* TIC out of storage */
        {PG_CCW_WRITE, PG_CCW_FLAG_CC, 7, BUF},           /* chains to a CCW beyond */
        {PG_CCW_READ, PG_CCW_FLAG_SLI, 16, MEM - 16},     /* exactly fits: fine */
    };
    uint32_t n = sizeof ccw / sizeof ccw[0];
    for (uint32_t i = 0; i < n; i++)
        cpx_ccw(img, CCWS + 8 * i, ccw[i].cmd, ccw[i].flags, ccw[i].count, ccw[i].data);
    /* the chaining one is copied to the very last doubleword, chaining beyond */
    cpx_ccw(img, MEM - 8, PG_CCW_WRITE, PG_CCW_FLAG_CC, 7, BUF);
    uint32_t progs[16], np = 0;
    for (uint32_t i = 0; i < n; i++)
        if (i != 6)
            progs[np++] = CCWS + 8 * i;
    progs[np++] = MEM - 8;          /* chains beyond */
    progs[np++] = MEM;              /* the CCW beyond */
    progs[np++] = MEM - 4;          /* misaligned, straddling */
    progs[np++] = 0xFFFFFFF8u;
    cpx_asm a = {img, FX_CODE};
    cpx_li(&a, 1, PG_DEV_CONSOLE);
    for (uint32_t i = 0; i < np; i++) {
        cpx_li(&a, 2, progs[i]);
        E(&a, X3(sio, 3, 1, 2));
        E(&a, XI(tio, 4, 1, 0));
        E(&a, XI(addi, 5, 0, 2));
        E(&a, XI(beq, 4, 5, -2));
        E(&a, XI(lw, 6, 0, PG_LC_CSW));
        E(&a, XI(sw, 6, 0, 0x3000 + 16 * (int32_t)i));
        E(&a, XI(lw, 6, 0, PG_LC_CSW + 4));
        E(&a, XI(sw, 6, 0, 0x3004 + 16 * (int32_t)i));
        E(&a, XI(sw, 3, 0, 0x3008 + 16 * (int32_t)i));
    }
    E(&a, HALT);
    static const char *const lines[] = {"a line of input that is rather long, longer than 16",
                                        "x", "y", "z", "w", "v", "u", NULL};
    cpx_img *imgs[3] = {fz_build(123, 0), img, fz_build(124, 0)};
    cpx_opts o = {.input = lines, .max_cycles = 100000, .slice = 9};
    cpx_multi *mm = cpx_multi_new(imgs, 3, &o);
    /* the neighbours' input differs: give them the fuzzer's */
    mm->bcon[0].lines = mm->vcon[0].lines = fz_input;
    mm->bcon[2].lines = mm->vcon[2].lines = fz_input;
    cpx_multi_run(mm);
    CPX_MULTI_CHECK("CCWs outside storage", mm, 1);
    CPX_MULTI_CHECK("neighbour before", mm, 0);
    CPX_MULTI_CHECK("neighbour after", mm, 2);
    for (uint32_t i = 0; i < np; i++) {
        uint32_t csw1 = cpx_vm_get32(mm->vm[1], 0x3004 + 16 * i);
        char what[64];
        snprintf(what, sizeof what, "channel program %u at 0x%x: program check", i, progs[i]);
        bool pc = (csw1 >> 16) & PG_CS_PROGRAM_CHECK;
        bool last_ok = i == n - 2;  /* "exactly fits" is index 7 in progs (6 skipped) */
        CU_assertImplementation(last_ok ? !pc : pc, __LINE__, what, __FILE__, "", CU_FALSE);
    }
    cpx_multi_free(mm);
    cpx_img_free(imgs[0]);
    cpx_img_free(imgs[1]);
    cpx_img_free(imgs[2]);
}

/* A VM whose storage does not fit in CP's real storage is refused with a
   message naming it; so are bad sizes, bad and duplicate names; a VM that
   fits exactly is accepted and runs; the refusals change nothing. */
static void test_vm_does_not_fit(void)
{
    char err[256] = "";
    /* CP itself needs room: too little real storage, or a size not in pages */
    CU_ASSERT_PTR_NULL(cp_new(&(cp_config){.real_mem = 64 * 1024}, err, sizeof err));
    CU_ASSERT(err[0] != 0);
    err[0] = 0;
    CU_ASSERT_PTR_NULL(cp_new(&(cp_config){.real_mem = (1u << 20) + 100}, err, sizeof err));
    CU_ASSERT(err[0] != 0);
    cp *c = cpx_cp(1u << 20, 0);
    err[0] = 0;
    CU_ASSERT_PTR_NULL(cp_vm_create(c, "HUGE", 1u << 20, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "HUGE"));
    uint64_t avail = cp_frames_available(c);
    CU_ASSERT(avail > 0 && avail < (1u << 20));
    err[0] = 0;
    CU_ASSERT_PTR_NULL(cp_vm_create(c, "OVER", (uint32_t)(avail + PG_PAGE_SIZE) & ~4095u, err,
                                    sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "OVER"));
    err[0] = 0;
    CU_ASSERT_PTR_NULL(cp_vm_create(c, "ZERO", 0, err, sizeof err));
    CU_ASSERT(err[0] != 0);
    err[0] = 0;
    CU_ASSERT_PTR_NULL(cp_vm_create(c, "ODD", 4097, err, sizeof err));
    CU_ASSERT(err[0] != 0);
    err[0] = 0;
    CU_ASSERT_PTR_NULL(cp_vm_create(c, "bad name!", 4096, err, sizeof err));
    CU_ASSERT(err[0] != 0);
    FX_EQ(cp_vm_count(c), 0);
    FX_EQ(cp_frames_available(c), avail);
    /* one VM that takes everything */
    uint32_t all = (uint32_t)avail & ~4095u;
    cp_vm *vm = cp_vm_create(c, "ALL", all, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
    err[0] = 0;
    CU_ASSERT_PTR_NULL(cp_vm_create(c, "MORE", 4096, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "MORE"));
    err[0] = 0;
    CU_ASSERT_PTR_NULL(cp_vm_create(c, "all", 4096, err, sizeof err));   /* taken, any case */
    CU_ASSERT(err[0] != 0);
    FX_EQ(cp_vm_count(c), 1);
    /* not IPLed yet: nothing to run */
    FX_EQ(cp_vm_get_state(vm), CP_VM_NOT_IPLED);
    CU_ASSERT(!cp_run(c, 1000));
    FX_EQ(cp_vm_get_tod(vm), 0);
    /* it runs: touch its first and last pages */
    cpx_img *img = cpx_img_new(all);
    cpx_lowcore(img, PG_PSW_S);
    cpx_asm a = {img, FX_CODE};
    cpx_li(&a, 1, all - 4);
    cpx_li(&a, 2, 0x5A5A5A5A);
    E(&a, XI(sw, 2, 1, 0));
    E(&a, XI(lw, 3, 1, 0));
    E(&a, HALT);
    cpx_ipl(vm, img);
    cp_run(c, 1000000);
    FX_EQ(cp_vm_get_state(vm), CP_VM_DISABLED_WAIT);
    FX_EQ(cp_vm_get_gpr(vm, 3), 0x5A5A5A5A);
    FX_EQ(cpx_vm_get32(vm, all - 4), 0x5A5A5A5A);
    cpx_img_free(img);
    cp_free(c);
}

/* CP's frames come back: IPL after IPL of a VM running programs with
   translation (shadow views in both states) and I/O, the frames in use
   after a reset are always the same, the storage CP can still promise is
   unchanged, and with several VMs re-IPLed in turn nothing accumulates. */
static void test_frames_no_leak(void)
{
    cp *c = cpx_cp(1u << 20, 50);
    char err[256];
    cp_vm *vm[3];
    fx_console con[3];
    for (int i = 0; i < 3; i++) {
        char name[16];
        snprintf(name, sizeof name, "L%d", i);
        vm[i] = cp_vm_create(c, name, FZ_MEM, err, sizeof err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(vm[i]);
        cpx_devices(cp_vm_channel(vm[i]), &con[i], fz_input);
    }
    uint64_t avail = cp_frames_available(c);
    uint64_t base = cpx_frames_in_use(c);
    uint64_t peak = 0;
    for (int round = 0; round < 40; round++) {
        for (int i = 0; i < 3; i++) {
            cpx_img *img = fz_build(5000 + (uint64_t)(3 * round + i), 0);
            con[i].next = 0;
            cpx_ipl(vm[i], img);
            cp_vm_set_max_cycles(vm[i], 20000);
            cpx_img_free(img);
        }
        cpx_cp_run(c, 60000);
        uint64_t used = cpx_frames_in_use(c);
        if (used > peak)
            peak = used;
        for (int i = 0; i < 3; i++)
            CU_ASSERT(cp_vm_get_state(vm[i]) != CP_VM_READY);
        for (int i = 0; i < 3; i++)
            cp_vm_reset(vm[i]);
        FX_EQ(cpx_frames_in_use(c), base);
        FX_EQ(cp_frames_available(c), avail);
    }
    CU_ASSERT(peak >= base + 3 * FZ_MEM / PG_PAGE_SIZE);
    CU_ASSERT(peak < c->real_mem / PG_PAGE_SIZE);
    cp_free(c);
}

/* In a child process (CP may abort): fill CP's real storage with small VMs
   that log on with their storage reserved, IPL a one-page image and touch
   the rest of their storage only while running (with translation on when
   translate): every VM must end normally with its bare result.  Exit
   status: 0 all well, 1 a VM ended differently. */
static int pressure_child(bool translate, uint64_t slice)
{
    enum { MEM = 5 * PG_PAGE_SIZE };
    char err[256];
    cp_config cfg = {.real_mem = 1u << 20, .slice = slice};
    cp *c = cp_new(&cfg, err, sizeof err);
    if (!c)
        return 1;
    /* the image: page 0 only; pages 1-4 touched at run time */
    uint8_t *img = calloc(1, MEM);
    cpx_img im = {MEM, img};
    cpx_psw(&im, PG_LC_IPL_PSW, PG_PSW_S, 0x200);
    cpx_psw(&im, 0x100, PG_PSW_W, 0x600D);
    cpx_psw(&im, 0x108, PG_PSW_S | PG_PSW_T, 0x400);
    cpx_psw(&im, PG_LC_PGM_NEW, PG_PSW_W, 0xE068);
    cpx_asm a = {&im, 0x200};
    if (translate) {
        /* tables in pages 3 (L1) and 4 (L2), built at run time */
        cpx_li(&a, 1, 0x3000);
        cpx_li(&a, 2, 0x4000 | PG_PTE_V);
        E(&a, XI(sw, 2, 1, 0));
        for (uint32_t p = 0; p < 5; p++) {
            cpx_li(&a, 2, p << 12 | PG_PTE_V | PG_PTE_W | PG_PTE_U);
            cpx_li(&a, 3, 0x4000 + 4 * p);
            E(&a, XI(sw, 2, 3, 0));
        }
        E(&a, XI(lctl, 1, 1, 0));
        E(&a, XI(lpsw, 0, 0, 0x108));
        a.pc = 0x400;
    }
    for (uint32_t p = 1; p < 5; p++) {
        cpx_li(&a, 1, p << 12);
        E(&a, XI(sw, 1, 1, 0x10));
        E(&a, XI(lw, 4, 1, 0x10));
        E(&a, X3(add, 5, 5, 4));
    }
    E(&a, XI(lpsw, 0, 0, 0x100));
    pg_machine *m = pg_machine_new(MEM);
    pg_write_real(m, 0, img, MEM);
    pg_machine_load_ipl_psw(m);
    pg_run(m, 100000);
    uint64_t want = pg_machine_digest(m);
    pg_machine_free(m);
    int n = 0;
    for (;;) {
        char name[16];
        snprintf(name, sizeof name, "P%d", n);
        cp_vm *vm = cp_vm_create(c, name, MEM, err, sizeof err);
        if (!vm)
            break;
        if (!cp_vm_ipl_image(vm, img, PG_PAGE_SIZE, err, sizeof err))
            return 1;
        n++;
    }
    cp_run(c, 20000000);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        cp_vm *vm = cp_vm_at(c, i);
        if (cp_vm_get_state(vm) != CP_VM_DISABLED_WAIT || cp_vm_get_psw(vm).addr != 0x600D ||
            cp_vm_digest(vm) != want)
            bad++;
    }
    free(img);
    cp_free(c);
    if (bad)
        fprintf(stderr, "    %d of %d VMs ended differently\n", bad, n);
    return bad ? 1 : 0;
}

/* Run pressure_child in a child process and report how it ended. */
static void run_pressure(bool translate, uint64_t slice)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0)
        _exit(pressure_child(translate, slice));
    int status = 0;
    CU_ASSERT_FATAL(waitpid(pid, &status, 0) == pid);
    char msg[160];
    if (WIFSIGNALED(status))
        snprintf(msg, sizeof msg, "CP died of signal %d with its real storage full of VMs%s, "
                 "slice %llu", WTERMSIG(status), translate ? " (translation on)" : "",
                 (unsigned long long)slice);
    else
        snprintf(msg, sizeof msg, "VMs filling CP's real storage%s, slice %llu, end as on bare "
                 "(exit %d)", translate ? " (translation on)" : "", (unsigned long long)slice,
                 WEXITSTATUS(status));
    CU_assertImplementation(WIFEXITED(status) && WEXITSTATUS(status) == 0, __LINE__, msg,
                            __FILE__, "", CU_FALSE);
}

/* VMs that together take all the storage CP promises (cp_vm_create accepted
   each) touch their pages only while running, beside each other's shadow
   tables: CP must neither abort nor fail any of them, in real mode... */
static void test_frames_full_real(void)
{
    run_pressure(false, 0);
}

/* ... and with translation on ... */
static void test_frames_full_translated(void)
{
    run_pressure(true, 0);
}

/* ... and with translation on and slices shorter than a trap: every VM
   must still make progress (no VM may lose its shadow tables to the others
   before it has run an instruction, for ever). */
static void test_frames_full_tiny_slices(void)
{
    run_pressure(true, 37);
}

/* ======================================================================== */
/* minidisks: a block range of a host image                                 */
/* ======================================================================== */

enum { DISK_BLOCKS = 16, MD_FIRST = 4, MD_BLOCKS = 4, DEV_MD = 0x191 };

/* The original byte at offset off of the image. */
static uint8_t disk_byte(uint64_t off)
{
    return (uint8_t)((off / PG_DISK_BLOCK) * 7 + off * 13 + 0xA5);
}

/* A temporary image of DISK_BLOCKS blocks with disk_byte contents. */
static int make_disk(char *path, size_t n)
{
    snprintf(path, n, "/tmp/cp_md_XXXXXX");
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    uint8_t *b = malloc(DISK_BLOCKS * PG_DISK_BLOCK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    for (uint32_t i = 0; i < DISK_BLOCKS * PG_DISK_BLOCK; i++)
        b[i] = disk_byte(i);
    CU_ASSERT_FATAL(pwrite(fd, b, DISK_BLOCKS * PG_DISK_BLOCK, 0) == DISK_BLOCKS * PG_DISK_BLOCK);
    free(b);
    return fd;
}

/* The whole image. */
static uint8_t *read_disk(int fd)
{
    uint8_t *b = malloc(DISK_BLOCKS * PG_DISK_BLOCK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT(pread(fd, b, DISK_BLOCKS * PG_DISK_BLOCK, 0) == DISK_BLOCKS * PG_DISK_BLOCK);
    return b;
}

/* The channel programs of the minidisk tests, results at 0x3000 (CSW words
   and the sio answer, 16 bytes a program) and data at 0x4000... */
enum { MD_CCW = 0x2000, MD_SEEKARG = 0x2F00, MD_RES = 0x3000, MD_IN = 0x4000, MD_OUT = 0x8000 };

static cpx_img *minidisk_image(void)
{
    cpx_img *img = cpx_std(PG_PSW_S);
    for (uint32_t i = 0; i < 2048; i++)
        img->b[MD_OUT + i] = (uint8_t)('W' + i % 3);
    memset(img->b + MD_IN, 0xEE, 0x3000);
    static const uint32_t seeks[] = {0, 3, 4, 0xFFFFFFFF, 2, 3};
    for (uint32_t i = 0; i < 6; i++)
        cpx_put32(img, MD_SEEKARG + 4 * i, seeks[i]);
    /* programs: 8 CCW slots (64 bytes) each */
    struct { uint8_t cmd, flags; uint16_t count; uint32_t data; } progs[][3] = {
        {{PG_CCW_SENSE, 0, 5, MD_IN}},                                              /* 0 size */
        {{PG_CCW_SEEK, PG_CCW_FLAG_CC, 4, MD_SEEKARG}, {PG_CCW_READ, 0, 512, MD_IN + 0x10}},
        {{PG_CCW_SEEK, PG_CCW_FLAG_CC, 4, MD_SEEKARG + 4}, {PG_CCW_WRITE, 0, 512, MD_OUT}},
        {{PG_CCW_SEEK, 0, 4, MD_SEEKARG + 8}},                                      /* 3 beyond */
        {{PG_CCW_SENSE, 0, 5, MD_IN + 0x300}},                                      /* sense 04 */
        {{PG_CCW_SEEK, PG_CCW_FLAG_CC, 4, MD_SEEKARG + 4}, {PG_CCW_WRITE, 0, 1024, MD_OUT}},
        {{PG_CCW_SEEK, PG_CCW_FLAG_CC, 4, MD_SEEKARG + 16}, {PG_CCW_READ, 0, 1536, MD_IN + 0x400}},
        {{PG_CCW_SEEK, 0, 4, MD_SEEKARG + 12}},                                     /* 7 -1 */
        {{PG_CCW_SEEK, PG_CCW_FLAG_CC, 4, MD_SEEKARG + 20}, {PG_CCW_READ, PG_CCW_FLAG_CC, 512,
                                                            MD_IN + 0xA00},
         {PG_CCW_READ, 0, 1, MD_IN + 0xC00}},                                       /* 8 at end */
        {{PG_CCW_SEEK, PG_CCW_FLAG_CC, 4, MD_SEEKARG + 16}, {PG_CCW_WRITE, 0, 1025, MD_OUT}},
        {{PG_CCW_SEEK, PG_CCW_FLAG_CC, 4, MD_SEEKARG}, {PG_CCW_READ, 0, 2048, MD_IN + 0xD00}},
    };
    uint32_t np = sizeof progs / sizeof progs[0];
    for (uint32_t p = 0; p < np; p++)
        for (uint32_t k = 0; k < 3; k++)
            if (progs[p][k].cmd)
                cpx_ccw(img, MD_CCW + 64 * p + 8 * k, progs[p][k].cmd, progs[p][k].flags,
                        progs[p][k].count, progs[p][k].data);
    cpx_asm a = {img, FX_CODE};
    cpx_li(&a, 1, DEV_MD);
    for (uint32_t p = 0; p < np; p++) {
        cpx_li(&a, 2, MD_CCW + 64 * p);
        E(&a, X3(sio, 3, 1, 2));
        E(&a, XI(tio, 4, 1, 0));
        E(&a, XI(addi, 5, 0, 2));
        E(&a, XI(beq, 4, 5, -2));
        E(&a, XI(lw, 6, 0, PG_LC_CSW));
        E(&a, XI(sw, 6, 0, MD_RES + 16 * (int32_t)p));
        E(&a, XI(lw, 6, 0, PG_LC_CSW + 4));
        E(&a, XI(sw, 6, 0, MD_RES + 4 + 16 * (int32_t)p));
        E(&a, XI(sw, 3, 0, MD_RES + 8 + 16 * (int32_t)p));
    }
    E(&a, HALT);
    return img;
}

/* The unit status of program p in the VM. */
static uint32_t md_status(cp_vm *vm, uint32_t p)
{
    return cpx_vm_get32(vm, MD_RES + 4 + 16 * p) >> 24;
}

/* Check a VM that ran minidisk_image on blocks [MD_FIRST, +MD_BLOCKS) of the
   image fd: statuses, data and the host image outside the range. */
static void check_minidisk_run(cp_vm *vm, int fd, bool read_only, const char *ctx)
{
    uint8_t *d = read_disk(fd);
    FX_EQC(ctx, cpx_vm_get32(vm, MD_IN), MD_BLOCKS);                    /* SENSE: size */
    FX_EQC(ctx, md_status(vm, 0), PG_US_CE | PG_US_DE);
    FX_EQC(ctx, md_status(vm, 1), PG_US_CE | PG_US_DE);
    /* block 0 of the minidisk is block MD_FIRST of the image */
    uint8_t got[512];
    cp_vm_storage(vm)->read(cp_vm_storage(vm)->ctx, MD_IN + 0x10, got, 512);
    bool same = true;
    for (int i = 0; i < 512; i++)
        same &= got[i] == disk_byte(MD_FIRST * PG_DISK_BLOCK + (uint64_t)i);
    CU_assertImplementation(same, __LINE__, "READ of minidisk block 0 = image block 4", __FILE__,
                            "", CU_FALSE);
    FX_EQC(ctx, md_status(vm, 2), read_only ? PG_US_CE | PG_US_DE | PG_US_UNIT_CHECK
                                            : PG_US_CE | PG_US_DE);
    for (uint32_t p = 3; p <= 9; p++) {
        if (p == 4)
            continue;
        char what[64];
        snprintf(what, sizeof what, "%s: program %u ends in unit check", ctx, p);
        CU_assertImplementation(md_status(vm, p) & PG_US_UNIT_CHECK, __LINE__, what, __FILE__, "",
                                CU_FALSE);
    }
    FX_EQC(ctx, cpx_vm_get32(vm, MD_IN + 0x300 + 4) >> 24, PG_SENSE_END_OF_EXTENT);
    FX_EQC(ctx, md_status(vm, 10), PG_US_CE | PG_US_DE);
    /* a failed READ moved nothing */
    FX_EQC(ctx, cpx_vm_get32(vm, MD_IN + 0x400), 0xEEEEEEEE);
    FX_EQC(ctx, cpx_vm_get32(vm, MD_IN + 0x400 + 1532), 0xEEEEEEEE);
    /* the image: outside the range untouched; block 7 written once (by
       program 2) unless read-only; the 1024- and 1025-byte WRITEs moved nothing */
    bool outside = true, inside = true;
    for (uint32_t off = 0; off < DISK_BLOCKS * PG_DISK_BLOCK; off++) {
        uint32_t blk = off / PG_DISK_BLOCK;
        uint8_t want = disk_byte(off);
        if (blk == MD_FIRST + 3 && !read_only)
            want = (uint8_t)('W' + (off % PG_DISK_BLOCK) % 3);
        if (blk >= MD_FIRST && blk < MD_FIRST + MD_BLOCKS)
            inside &= d[off] == want;
        else
            outside &= d[off] == want;
    }
    char msg[128];
    snprintf(msg, sizeof msg, "%s: image bytes outside the minidisk untouched", ctx);
    CU_assertImplementation(outside, __LINE__, msg, __FILE__, "", CU_FALSE);
    snprintf(msg, sizeof msg, "%s: image bytes inside the minidisk as written", ctx);
    CU_assertImplementation(inside, __LINE__, msg, __FILE__, "", CU_FALSE);
    /* READ of 2048 from block 0 (the whole minidisk) is exactly blocks 4-7 */
    uint8_t all[2048];
    cp_vm_storage(vm)->read(cp_vm_storage(vm)->ctx, MD_IN + 0xD00, all, 2048);
    CU_ASSERT(memcmp(all, d + MD_FIRST * PG_DISK_BLOCK, 2048) == 0);
    free(d);
}

/* A minidisk at the channel level (the channel library's disk on a block
   range of a host image, pg_disk_backend offset/blocks) under CP and the
   same range bare: SENSE gives the range's size, block 0 is the range's
   first block, a SEEK or a transfer beyond the range is a unit check that
   moves nothing, and no byte of the image outside the range changes. */
static void test_minidisk_channel(void)
{
    char bpath[64], vpath[64];
    int bfd = make_disk(bpath, sizeof bpath), vfd = make_disk(vpath, sizeof vpath);
    cpx_img *img = minidisk_image();
    cpx_pair *p = cpx_pair_new(img, &(cpx_opts){.input = NULL});
    pg_disk_backend be = {.fd = bfd, .offset = MD_FIRST * PG_DISK_BLOCK, .blocks = MD_BLOCKS};
    pg_device *d = pg_channel_add(pg_machine_channel(p->m), DEV_MD, PG_DEVT_DISK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    d->be.disk = be;
    d = pg_channel_add(cp_vm_channel(p->vm), DEV_MD, PG_DEVT_DISK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    be.fd = vfd;
    d->be.disk = be;
    cpx_run(p);
    CPX_CHECK("minidisk at the channel level", p);
    check_minidisk_run(p->vm, vfd, false, "channel-level minidisk");
    uint8_t *bd = read_disk(bfd), *vd = read_disk(vfd);
    CU_ASSERT(memcmp(bd, vd, DISK_BLOCKS * PG_DISK_BLOCK) == 0);
    free(bd);
    free(vd);
    cpx_pair_free(p);
    cpx_img_free(img);
    close(bfd);
    close(vfd);
    unlink(bpath);
    unlink(vpath);
}

/* The same through CP's minidisk API (cp_vdevs_add_minidisk: a path and a
   block range), writable and read-only (WRITE: unit check, nothing
   written); a writable range overlapping another VM's writable range of the
   same image is refused, read-only sharing is not. */
static void test_minidisk_cp(void)
{
    for (int ro = 0; ro < 2; ro++) {
        char path[64];
        int fd = make_disk(path, sizeof path);
        cpx_img *img = minidisk_image();
        cp *c = cpx_cp(0, 0);
        cp_vm *vm = cpx_vm(c, "MD", img);
        char err[256] = "";
        bool ok = cp_vdevs_add_minidisk(vm, DEV_MD, path, MD_FIRST, MD_BLOCKS, ro, err, sizeof err);
        if (!ok)
            fprintf(stderr, "cp_vdevs_add_minidisk: %s\n", err);
        CU_ASSERT_FATAL(ok);
        cp_vm *other = cpx_vm(c, "OTHER", img);
        err[0] = 0;
        bool over = cp_vdevs_add_minidisk(other, DEV_MD, path, MD_FIRST + 3, 2, false, err,
                                          sizeof err);
        if (ro) {
            CU_ASSERT(over);        /* no writable overlap: MD is read-only */
        } else {
            CU_ASSERT(!over);
            CU_ASSERT(err[0] != 0);
        }
        err[0] = 0;
        bool beside = cp_vdevs_add_minidisk(other, 0x192, path, MD_FIRST + MD_BLOCKS + 1, 2,
                                            false, err, sizeof err);
        if (!beside)
            fprintf(stderr, "cp_vdevs_add_minidisk beside: %s\n", err);
        CU_ASSERT(beside);
        cpx_ipl(vm, img);
        cp_vm_set_max_cycles(vm, 200000);
        cpx_cp_run(c, 200000);
        FX_EQ(cp_vm_get_state(vm), CP_VM_DISABLED_WAIT);
        check_minidisk_run(vm, fd, ro, ro ? "read-only minidisk" : "writable minidisk");
        if (ro)
            FX_EQ(cpx_vm_get32(vm, MD_IN + 0x300 + 4) >> 24, PG_SENSE_END_OF_EXTENT);
        cp_free(c);
        cpx_img_free(img);
        close(fd);
        unlink(path);
    }
}

/* DIAGNOSE 0x0018 (synchronous block I/O) keeps to the minidisk's range
   too: first + count beyond its size answers 2 and moves nothing; a buffer
   beyond storage answers 4; inside the range it reads and writes the
   image's blocks at the range's offset. */
static void test_minidisk_diag_bounds(void)
{
    char path[64];
    int fd = make_disk(path, sizeof path);
    cpx_img *img = cpx_std(PG_PSW_S);
    memset(img->b + 0x8000, 'D', 0x1000);
    memset(img->b + 0xA000, 0xEE, 0x1000);
    /* parameter blocks at 0x2000 + 32 * k: dev, op, first, count, buffer */
    static const uint32_t blocks[][5] = {
        {DEV_MD, 1, 0, 1, 0xA000},              /* 0 read block 0 -> image block 4: 0 */
        {DEV_MD, 2, 3, 1, 0x8000},              /* 1 write block 3 -> image block 7: 0 */
        {DEV_MD, 2, 3, 2, 0x8000},              /* 2 write 3..4: beyond: 2 */
        {DEV_MD, 1, 4, 1, 0xA200},              /* 3 read block 4: beyond: 2 */
        {DEV_MD, 1, 0xFFFFFFFF, 2, 0xA200},     /* 4 wrapping first + count: 2 */
        {DEV_MD, 1, 0, 1, FX_MEM - 256},        /* 5 buffer beyond storage: 4 */
        {0x999, 1, 0, 1, 0xA000},               /* 6 no such disk: 1 */
        {DEV_MD, 1, 0, 0, 0xA000},              /* 7 count 0: 0 */
    };
    cpx_asm a = {img, FX_CODE};
    for (uint32_t k = 0; k < 8; k++) {
        for (uint32_t w = 0; w < 5; w++)
            cpx_put32(img, 0x2000 + 32 * k + 4 * w, blocks[k][w]);
        cpx_li(&a, 1, 0x2000 + 32 * k);
        E(&a, XI(diag, 3, 1, 0x0018));
        E(&a, XI(sw, 3, 0, 0x2400 + 4 * (int32_t)k));
    }
    E(&a, HALT);
    cp *c = cpx_cp(0, 0);
    cp_vm *vm = cpx_vm(c, "DIAG", img);
    char err[256] = "";
    CU_ASSERT_FATAL(cp_vdevs_add_minidisk(vm, DEV_MD, path, MD_FIRST, MD_BLOCKS, false, err,
                                          sizeof err));
    cpx_ipl(vm, img);
    cpx_cp_run(c, 100000);
    FX_EQ(cp_vm_get_state(vm), CP_VM_DISABLED_WAIT);
    FX_EQ(cp_vm_get_psw(vm).addr, FX_DONE);
    static const uint32_t want[] = {0, 0, 2, 2, 2, 4, 1, 0};
    for (uint32_t k = 0; k < 8; k++) {
        char what[48];
        snprintf(what, sizeof what, "diag 0x18 block %u answer", k);
        fx_eq_at(cpx_vm_get32(vm, 0x2400 + 4 * k), want[k], what, "", __LINE__, __FILE__);
    }
    FX_EQ(cpx_vm_get32(vm, 0xA200), 0xEEEEEEEE);
    uint8_t *d = read_disk(fd);
    bool ok = true;
    for (uint32_t off = 0; off < DISK_BLOCKS * PG_DISK_BLOCK; off++) {
        uint8_t w = off / PG_DISK_BLOCK == MD_FIRST + 3 ? 'D' : disk_byte(off);
        ok &= d[off] == w;
    }
    CU_ASSERT(ok);
    uint8_t got[512];
    cp_vm_storage(vm)->read(cp_vm_storage(vm)->ctx, 0xA000, got, 512);
    CU_ASSERT(memcmp(got, d + MD_FIRST * PG_DISK_BLOCK, 512) == 0);
    free(d);
    cp_free(c);
    cpx_img_free(img);
    close(fd);
    unlink(path);
}

/* IPL from a minidisk reads the range's first 4 KiB (not the image's) and
   runs exactly like a bare IPL from a disk on the same range. */
static void test_minidisk_ipl(void)
{
    char path[64];
    int fd = make_disk(path, sizeof path);
    /* a bootable first 4 KiB at block 8 of the image */
    cpx_img *boot = cpx_img_new(PG_IPL_BYTES);
    cpx_lowcore(boot, PG_PSW_S);
    cpx_psw(boot, 0x80, PG_PSW_W, 0x1B0);
    CPX_CODE(boot, 0x200, XI(addi, 1, 0, 42), XI(stck, 0, 0, 0x100), XI(lpsw, 0, 0, 0x80));
    cpx_put32(boot, PG_LC_IPL_PSW + 4, 0x200);
    CU_ASSERT_FATAL(pwrite(fd, boot->b, PG_IPL_BYTES, 8 * PG_DISK_BLOCK) == PG_IPL_BYTES);
    cpx_img_free(boot);
    pg_machine *m = pg_machine_new(FX_MEM);
    pg_device *d = pg_channel_add(pg_machine_channel(m), DEV_MD, PG_DEVT_DISK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    d->be.disk = (pg_disk_backend){.fd = fd, .offset = 8 * PG_DISK_BLOCK, .blocks = 8};
    char err[256] = "";
    CU_ASSERT_FATAL(pg_machine_ipl_device(m, DEV_MD, err, sizeof err));
    pg_stop st = pg_run(m, 10000);
    FX_EQ(st, PG_STOP_DISABLED_WAIT);
    cp *c = cpx_cp(0, 0);
    cp_vm *vm = cp_vm_create(c, "BOOT", FX_MEM, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
    CU_ASSERT_FATAL(cp_vdevs_add_minidisk(vm, DEV_MD, path, 8, 8, true, err, sizeof err));
    bool ok = cp_vm_ipl_device(vm, DEV_MD, err, sizeof err);
    if (!ok)
        fprintf(stderr, "cp_vm_ipl_device: %s\n", err);
    CU_ASSERT_FATAL(ok);
    cpx_cp_run(c, 10000);
    FX_EQ(cp_vm_get_state(vm), CP_VM_DISABLED_WAIT);
    FX_EQ(cp_vm_get_psw(vm).addr, 0x1B0);
    FX_EQ(cp_vm_get_gpr(vm, 1), 42);
    CPX_SAME_STATE("IPL from a minidisk", m, vm);
    FX_EQ(cp_vm_digest(vm), pg_machine_digest(m));
    /* a minidisk smaller than 4 KiB cannot be IPLed */
    cp_vm *small = cp_vm_create(c, "SMALL", FX_MEM, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(small);
    CU_ASSERT_FATAL(cp_vdevs_add_minidisk(small, DEV_MD, path, 8, 7, true, err, sizeof err));
    err[0] = 0;
    CU_ASSERT(!cp_vm_ipl_device(small, DEV_MD, err, sizeof err));
    CU_ASSERT(err[0] != 0);
    cp_free(c);
    pg_machine_free(m);
    close(fd);
    unlink(path);
}

static const pg_test isolation_tests[] = {
    {"hostile and ordinary neighbours", test_hostile_neighbours},
    {"hostile DIAGNOSE", test_hostile_diagnose},
    {"hostile VMs with CP's devices", test_hostile_cp_devices},
    {"CCWs outside storage", test_ccws_outside_storage},
    {"a VM that does not fit", test_vm_does_not_fit},
    {"frames: no leaks over many IPLs", test_frames_no_leak},
    {"frames: storage full, real mode", test_frames_full_real},
    {"frames: storage full, translated", test_frames_full_translated},
    {"frames: storage full, tiny slices", test_frames_full_tiny_slices},
    {NULL, NULL},
};

static const pg_test minidisk_tests[] = {
    {"bounds at the channel level", test_minidisk_channel},
    {"CP minidisks, writable and read-only", test_minidisk_cp},
    {"DIAGNOSE block I/O bounds", test_minidisk_diag_bounds},
    {"IPL from a minidisk", test_minidisk_ipl},
    {NULL, NULL},
};

int main(int argc, char **argv)
{
    static const pg_suite suites[] = {
        {"isolation", isolation_tests},
        {"minidisk", minidisk_tests},
        {NULL, NULL},
    };
    return pg_test_main(argc, argv, suites);
}
