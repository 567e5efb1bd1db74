/*
 * cp_fixture.h -- helpers for CP's unit tests (test_cp, test_cp_shadow,
 * test_cp_isolation): build a guest storage image with pg_encode (never the
 * assembler), run it on a bare pg_machine and in a CP virtual machine, and
 * compare everything the guest can see -- registers, PSW, control registers,
 * CPU timer, TOD, every byte of storage, console output, how the run ended
 * and the digest.  That differential run is the backbone of the tests: the
 * bare machine is the specification CP must reproduce bit for bit.
 *
 * Everything is static inline (tests/module.mk links each test program from
 * its own object, runner.o and the libraries only).  The layout of the
 * images follows machine_fixture.h: code at FX_CODE, the halt PSW at
 * FX_HALT_PSW, data at FX_DATA, handlers at FX_HANDLER, tables from 0x4000.
 */
#ifndef PG_TEST_CP_FIXTURE_H
#define PG_TEST_CP_FIXTURE_H

#include "machine_fixture.h"

#include "../../vmm/cp_priv.h"
#include "digest.h"
#include "vmm.h"

/* CP's real storage in the tests: small, so a CP is cheap to make. */
#define CPX_REAL_MEM (1u << 20)
/* Default virtual-cycle bound of a differential run (both sides). */
#define CPX_MAX_CYCLES 200000u

/* ---- a guest storage image ------------------------------------------------ */

typedef struct cpx_img {
    uint32_t size;
    uint8_t *b;
} cpx_img;

/* A zeroed image of size bytes. */
static inline cpx_img *cpx_img_new(uint32_t size)
{
    cpx_img *img = calloc(1, sizeof *img);
    CU_ASSERT_PTR_NOT_NULL_FATAL(img);
    img->size = size;
    img->b = calloc(size, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(img->b);
    return img;
}

static inline void cpx_img_free(cpx_img *img)
{
    if (img)
        free(img->b);
    free(img);
}

/* Big-endian word into the image (addresses outside it are a test bug: ignored). */
static inline void cpx_put32(cpx_img *img, uint32_t addr, uint32_t v)
{
    if (addr > img->size - 4)
        return;
    img->b[addr] = (uint8_t)(v >> 24);
    img->b[addr + 1] = (uint8_t)(v >> 16);
    img->b[addr + 2] = (uint8_t)(v >> 8);
    img->b[addr + 3] = (uint8_t)v;
}

static inline uint32_t cpx_get32(const cpx_img *img, uint32_t addr)
{
    if (addr > img->size - 4)
        return 0;
    const uint8_t *p = img->b + addr;
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A PSW (flags word, then address). */
static inline void cpx_psw(cpx_img *img, uint32_t addr, uint32_t flags, uint32_t ia)
{
    cpx_put32(img, addr, flags);
    cpx_put32(img, addr + 4, ia);
}

/* A CCW. */
static inline void cpx_ccw(cpx_img *img, uint32_t addr, uint8_t cmd, uint8_t flags,
                           uint16_t count, uint32_t data)
{
    cpx_put32(img, addr, (uint32_t)cmd << 24 | (uint32_t)flags << 16 | count);
    cpx_put32(img, addr + 4, data);
}

/* Bytes into the image. */
static inline void cpx_bytes(cpx_img *img, uint32_t addr, const void *src, uint32_t n)
{
    if (addr <= img->size && n <= img->size - addr)
        memcpy(img->b + addr, src, n);
}

/* n words at addr. */
static inline void cpx_words(cpx_img *img, uint32_t addr, const uint32_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cpx_put32(img, addr + 4 * (uint32_t)i, w[i]);
}
#define CPX_CODE(img, addr, ...) do { \
        const uint32_t cpx_w_[] = {__VA_ARGS__}; \
        cpx_words((img), (addr), cpx_w_, sizeof cpx_w_ / sizeof cpx_w_[0]); \
    } while (0)

/* machine_fixture's low core: every new PSW a disabled wait with its class's
   code, the TEA sentinel, the halt PSW; and the IPL PSW (flags, FX_CODE). */
static inline void cpx_lowcore(cpx_img *img, uint32_t ipl_flags)
{
    cpx_psw(img, PG_LC_IPL_PSW, ipl_flags, FX_CODE);
    cpx_psw(img, PG_LC_EXT_NEW, PG_PSW_W, FX_EXT_WAIT);
    cpx_psw(img, PG_LC_SVC_NEW, PG_PSW_W, FX_SVC_WAIT);
    cpx_psw(img, PG_LC_PGM_NEW, PG_PSW_W, FX_PGM_WAIT);
    cpx_psw(img, PG_LC_MCK_NEW, PG_PSW_W, FX_MCK_WAIT);
    cpx_psw(img, PG_LC_IO_NEW, PG_PSW_W, FX_IO_WAIT);
    cpx_put32(img, PG_LC_TEA, FX_TEA_SENTINEL);
    cpx_psw(img, FX_HALT_PSW, PG_PSW_W, FX_DONE);
}

/* A 64 KiB image with the standard low core and IPL PSW. */
static inline cpx_img *cpx_std(uint32_t ipl_flags)
{
    cpx_img *img = cpx_img_new(FX_MEM);
    cpx_lowcore(img, ipl_flags);
    return img;
}

/* ---- a code emitter --------------------------------------------------------- */

typedef struct cpx_asm {
    cpx_img *img;
    uint32_t pc;
} cpx_asm;

/* Emit one word; returns its address. */
static inline uint32_t cpx_emit(cpx_asm *a, uint32_t w)
{
    cpx_put32(a->img, a->pc, w);
    a->pc += 4;
    return a->pc - 4;
}

/* rd = v in two instructions (lui + ori). */
static inline void cpx_li(cpx_asm *a, unsigned rd, uint32_t v)
{
    cpx_emit(a, XI(lui, rd, 0, (int32_t)(v >> 16)));
    cpx_emit(a, XI(ori, rd, rd, (int32_t)(v & 0xFFFF)));
}

/* Patch the branch at addr to jump to target (BR16 offset in words). */
static inline void cpx_patch_br(cpx_img *img, uint32_t addr, uint32_t target)
{
    uint32_t w = cpx_get32(img, addr);
    int32_t off = ((int32_t)target - (int32_t)addr) / 4;
    cpx_put32(img, addr, (w & 0xFFFF0000u) | ((uint32_t)off & 0xFFFF));
}

/* ---- translation tables ----------------------------------------------------- */

/* Map va by the tables rooted at l1 (the second-level table for va's
   segment at l2, made valid in l1 when it is not yet): pte is the whole
   second-level entry (frame | flags). */
static inline void cpx_map(cpx_img *img, uint32_t l1, uint32_t l2, uint32_t va, uint32_t pte)
{
    uint32_t seg = l1 + (va >> 22) * 4;
    if (!(cpx_get32(img, seg) & PG_PTE_V))
        cpx_put32(img, seg, (l2 & PG_PTE_ADDR_MASK) | PG_PTE_V);
    l2 = cpx_get32(img, seg) & PG_PTE_ADDR_MASK;
    cpx_put32(img, l2 + ((va >> 12) & 0x3FF) * 4, pte);
}

/* The address of va's second-level entry in the tables at l1 (image view). */
static inline uint32_t cpx_pte_addr(const cpx_img *img, uint32_t l1, uint32_t va)
{
    uint32_t seg = cpx_get32(img, l1 + (va >> 22) * 4);
    return (seg & PG_PTE_ADDR_MASK) + ((va >> 12) & 0x3FF) * 4;
}

/* The standard space of the translated tests: L1 at 0x4000, L2 at 0x5000,
   the 16 pages of a 64 KiB machine mapped to themselves, V W U, except
   page 0 (low core): V W, supervisor only. */
enum { CPX_L1 = 0x4000, CPX_L2 = 0x5000 };
static inline void cpx_std_space(cpx_img *img)
{
    for (uint32_t p = 0; p < 16; p++)
        cpx_map(img, CPX_L1, CPX_L2, p << 12,
                (p << 12) | PG_PTE_V | PG_PTE_W | (p ? PG_PTE_U : 0));
}

/* ---- the differential pair -------------------------------------------------- */

typedef struct cpx_opts {
    uint64_t max_cycles;            /* 0: CPX_MAX_CYCLES */
    uint64_t slice;                 /* 0: CP's default */
    uint32_t real_mem;              /* 0: CPX_REAL_MEM */
    const char *const *input;       /* console input lines, both sides */
    bool no_devices;                /* no 009/00C/00D/00E */
    bool set_gprs;                  /* start with gpr[] (after IPL) */
    uint32_t gpr[16];
} cpx_opts;

typedef struct cpx_pair {
    pg_machine *m;                  /* bare */
    cp *c;
    cp_vm *vm;
    fx_console bcon, vcon;
    pg_stop bstop;
    bool cp_unfinished;             /* cp_run still had a runnable VM at the budget */
    uint64_t max_cycles;
    uint32_t mem;
} cpx_pair;

/* The devices both sides get: the in-memory console at 009 and the other
   three standard devices without host files. */
static inline void cpx_devices(pg_channel *ch, fx_console *con, const char *const *input)
{
    memset(con, 0, sizeof *con);
    con->lines = input;
    pg_device *d = pg_channel_add(ch, PG_DEV_CONSOLE, PG_DEVT_CONSOLE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    d->be.console = (pg_console_backend){con, fx_console_read, fx_console_write,
                                         fx_console_peek};
    CU_ASSERT_PTR_NOT_NULL_FATAL(pg_channel_add(ch, PG_DEV_READER, PG_DEVT_READER));
    CU_ASSERT_PTR_NOT_NULL_FATAL(pg_channel_add(ch, PG_DEV_PUNCH, PG_DEVT_PUNCH));
    CU_ASSERT_PTR_NOT_NULL_FATAL(pg_channel_add(ch, PG_DEV_PRINTER, PG_DEVT_PRINTER));
}

/* A new CP (NULL-safe options). */
static inline cp *cpx_cp(uint32_t real_mem, uint64_t slice)
{
    char err[256] = "";
    cp_config cfg = {.real_mem = real_mem ? real_mem : CPX_REAL_MEM, .slice = slice};
    cp *c = cp_new(&cfg, err, sizeof err);
    if (!c)
        fprintf(stderr, "cp_new: %s\n", err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    return c;
}

/* Log a VM on and IPL the image in it. */
static inline cp_vm *cpx_vm(cp *c, const char *name, const cpx_img *img)
{
    char err[256] = "";
    cp_vm *vm = cp_vm_create(c, name, img->size, err, sizeof err);
    if (!vm)
        fprintf(stderr, "cp_vm_create: %s\n", err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
    return vm;
}

/* IPL the image in a VM: only up to its last non-zero byte, so that the
   pages beyond are first touched (and given frames by CP) while the guest
   or a channel program runs -- the bare machine gets them as zeros. */
static inline void cpx_ipl(cp_vm *vm, const cpx_img *img)
{
    char err[256] = "";
    uint32_t len = img->size;
    while (len > 8 && img->b[len - 1] == 0)
        len--;
    bool ok = cp_vm_ipl_image(vm, img->b, len, err, sizeof err);
    if (!ok)
        fprintf(stderr, "cp_vm_ipl_image: %s\n", err);
    CU_ASSERT_FATAL(ok);
}

/* A bare machine IPLed from the image (with the standard devices unless asked). */
static inline pg_machine *cpx_bare(const cpx_img *img, fx_console *con, const char *const *input,
                                   bool devices)
{
    pg_machine *m = pg_machine_new(img->size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    if (devices)
        cpx_devices(pg_machine_channel(m), con, input);
    CU_ASSERT_FATAL(pg_write_real(m, 0, img->b, img->size));
    pg_machine_load_ipl_psw(m);     /* false: check stop, reported by pg_run */
    return m;
}

/* Both sides, IPLed from the same image, not run yet. */
static inline cpx_pair *cpx_pair_new(const cpx_img *img, const cpx_opts *o)
{
    static const cpx_opts none;
    if (!o)
        o = &none;
    cpx_pair *p = calloc(1, sizeof *p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    p->mem = img->size;
    p->max_cycles = o->max_cycles ? o->max_cycles : CPX_MAX_CYCLES;
    p->m = cpx_bare(img, &p->bcon, o->input, !o->no_devices);
    p->c = cpx_cp(o->real_mem, o->slice);
    p->vm = cpx_vm(p->c, "GUEST", img);
    if (!o->no_devices)
        cpx_devices(cp_vm_channel(p->vm), &p->vcon, o->input);
    cpx_ipl(p->vm, img);
    if (o->set_gprs)
        for (unsigned n = 1; n < 16; n++) {
            pg_set_gpr(p->m, n, o->gpr[n]);
            cp_vm_set_gpr(p->vm, n, o->gpr[n]);
        }
    return p;
}

static inline void cpx_pair_free(cpx_pair *p)
{
    if (!p)
        return;
    pg_machine_free(p->m);
    cp_free(p->c);
    free(p);
}

/* Run CP until no VM can run (or a generous real budget is spent). */
static inline bool cpx_cp_run(cp *c, uint64_t virtual_bound)
{
    uint64_t budget = virtual_bound * 64 + 10000000u;
    return cp_run(c, budget);
}

/* Run both sides to their end (or the cycle bound). */
static inline void cpx_run(cpx_pair *p)
{
    p->bstop = pg_run(p->m, p->max_cycles);
    cp_vm_set_max_cycles(p->vm, p->max_cycles);
    p->cp_unfinished = cpx_cp_run(p->c, p->max_cycles) &&
                       cp_vm_get_state(p->vm) == CP_VM_READY;
}

/* Name a VM state for messages. */
static inline const char *cpx_state_name(cp_vm_state s)
{
    switch (s) {
    case CP_VM_READY: return "READY";
    case CP_VM_BLOCKED: return "BLOCKED";
    case CP_VM_STOPPED: return "STOPPED";
    case CP_VM_DISABLED_WAIT: return "DISABLED_WAIT";
    case CP_VM_CHECK_STOP: return "CHECK_STOP";
    case CP_VM_MAX_CYCLES: return "MAX_CYCLES";
    case CP_VM_NOT_IPLED: return "NOT_IPLED";
    }
    return "?";
}

/* Does the VM's end correspond to the bare machine's stop?  An enabled wait
   nothing can end is an idle wait bare and, under CP, a VM blocked waiting
   for an event from outside (nothing inside it can end the wait). */
static inline bool cpx_same_end(pg_stop bare, cp_vm_state s, cp_block_reason why)
{
    switch (bare) {
    case PG_STOP_DISABLED_WAIT: return s == CP_VM_DISABLED_WAIT;
    case PG_STOP_CHECK_STOP: return s == CP_VM_CHECK_STOP;
    case PG_STOP_BUDGET: return s == CP_VM_MAX_CYCLES;
    case PG_STOP_IDLE_WAIT:
        return s == CP_VM_BLOCKED && why == CP_BLOCK_WAIT;
    default: return false;
    }
}

/* Guest storage of the VM (whole), malloc'ed. */
static inline uint8_t *cpx_vm_mem(cp_vm *vm)
{
    const pg_storage *st = cp_vm_storage(vm);
    uint8_t *b = malloc(st->size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    st->read(st->ctx, 0, b, st->size);
    return b;
}

/* A word of the VM's guest real storage. */
static inline uint32_t cpx_vm_get32(cp_vm *vm, uint32_t addr)
{
    const pg_storage *st = cp_vm_storage(vm);
    uint8_t b[4] = {0};
    if (addr <= st->size - 4)
        st->read(st->ctx, addr, b, 4);
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* A word of the bare machine's storage, without an assertion. */
static inline uint32_t cpx_bare_get32(const pg_machine *m, uint32_t addr)
{
    uint8_t b[4] = {0};
    pg_read_real(m, addr, b, 4);
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* When set, the comparisons below only compute their verdict (no CUnit
   assertion): the fuzzer reports its first failing programs in full and
   then only counts. */
static bool cpx_quiet;

/* One comparison: an assertion with both values unless quiet. */
static inline bool cpx_eq_at(uint64_t got, uint64_t want, const char *what, const char *ctx,
                             unsigned line, const char *file)
{
    if (!cpx_quiet)
        fx_eq_at(got, want, what, ctx, line, file);
    return got == want;
}

/* Compare the VM's visible state with a bare machine's (registers, PSW,
   CRs, timer, TOD, storage).  skip_gpr: a register not compared (-1: none).
   Returns true when everything matched. */
static inline bool cpx_same_state_at(pg_machine *m, cp_vm *vm, int skip_gpr, const char *ctx,
                                     unsigned line, const char *file)
{
    bool ok = true;
    pg_arch_state v;
    cp_vm_get_state_regs(vm, &v);
    char what[64];
    for (unsigned n = 0; n < 16; n++) {
        if ((int)n == skip_gpr)
            continue;
        snprintf(what, sizeof what, "r%u (CP vs bare)", n);
        ok &= cpx_eq_at(v.gpr[n], pg_get_gpr(m, n), what, ctx, line, file);
    }
    pg_psw bp = pg_get_psw(m);
    ok &= cpx_eq_at(v.psw.flags, bp.flags, "PSW flags (CP vs bare)", ctx, line, file);
    ok &= cpx_eq_at(v.psw.addr, bp.addr, "PSW address (CP vs bare)", ctx, line, file);
    for (unsigned n = 0; n < PG_CR_COUNT; n++) {
        snprintf(what, sizeof what, "cr%u (CP vs bare)", n);
        ok &= cpx_eq_at(v.cr[n], pg_get_cr(m, n), what, ctx, line, file);
    }
    ok &= cpx_eq_at((uint64_t)v.timer, (uint64_t)pg_get_timer(m), "CPU timer (CP vs bare)", ctx,
                    line, file);
    ok &= cpx_eq_at(v.tod, pg_get_tod(m), "TOD (CP vs bare)", ctx, line, file);
    /* storage: the first differing word */
    uint32_t size = pg_mem_size(m);
    ok &= cpx_eq_at(cp_vm_mem_size(vm), size, "storage size", ctx, line, file);
    if (cp_vm_mem_size(vm) == size) {
        uint8_t *vb = cpx_vm_mem(vm);
        uint8_t *bb = malloc(size);
        CU_ASSERT_PTR_NOT_NULL_FATAL(bb);
        pg_read_real(m, 0, bb, size);
        bool same = !memcmp(vb, bb, size);
        if (!same) {
            uint32_t a = 0;
            while (vb[a] == bb[a])
                a++;
            uint32_t w = a & ~3u;
            snprintf(what, sizeof what, "storage word at 0x%x (CP vs bare)", w);
            cpx_eq_at(cpx_vm_get32(vm, w), cpx_bare_get32(m, w), what, ctx, line, file);
        } else if (!cpx_quiet) {
            CU_assertImplementation(CU_TRUE, line, "storage (CP vs bare)", file, "", CU_FALSE);
        }
        ok &= same;
        free(vb);
        free(bb);
    }
    return ok;
}
#define CPX_SAME_STATE(ctx, m, vm) cpx_same_state_at((m), (vm), -1, (ctx), __LINE__, __FILE__)

/* The whole differential verdict: the same end, the same state, the same
   console output and the same digest (unless a register is skipped, which
   makes the digests differ by design).  Returns true when all matched. */
static inline bool cpx_check_at(cpx_pair *p, int skip_gpr, const char *ctx, unsigned line,
                                const char *file)
{
    cp_vm_state s = cp_vm_get_state(p->vm);
    cp_block_reason why = cp_vm_block_reason(p->vm);
    bool ok = cpx_same_end(p->bstop, s, why);
    if (!cpx_quiet) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s%show the run ended: bare %s, CP %s (block reason %d)", ctx,
                 *ctx ? ": " : "", fx_stop_name(p->bstop), cpx_state_name(s), (int)why);
        CU_assertImplementation(ok, line, msg, file, "", CU_FALSE);
    }
    ok &= cpx_eq_at(p->cp_unfinished, 0, "cp_run left the VM runnable", ctx, line, file);
    ok &= cpx_same_state_at(p->m, p->vm, skip_gpr, ctx, line, file);
    ok &= cpx_eq_at(p->vcon.outlen, p->bcon.outlen, "console output length (CP vs bare)", ctx,
                    line, file);
    bool same_out = !memcmp(p->bcon.out, p->vcon.out, sizeof p->bcon.out);
    if (!cpx_quiet) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s%sconsole output (CP vs bare)", ctx, *ctx ? ": " : "");
        CU_assertImplementation(same_out, line, msg, file, "", CU_FALSE);
    }
    ok &= same_out;
    if (skip_gpr < 0)
        ok &= cpx_eq_at(cp_vm_digest(p->vm), pg_machine_digest(p->m), "digest (CP vs bare)", ctx,
                        line, file);
    return ok;
}
#define CPX_CHECK(ctx, p) cpx_check_at((p), -1, (ctx), __LINE__, __FILE__)
#define CPX_CHECK_SKIP(ctx, p, r) cpx_check_at((p), (r), (ctx), __LINE__, __FILE__)

/* With CPX_DUMP_DIR set, write an image that failed (a pgsim/pgvmm image). */
static inline void cpx_dump(const cpx_img *img, const char *name)
{
    const char *dir = getenv("CPX_DUMP_DIR");
    if (!dir)
        return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s.img", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fwrite(img->b, 1, img->size, f);
    fclose(f);
}

/* Build, run both sides, compare, free: one differential case. */
static inline bool cpx_diff_at(const cpx_img *img, const cpx_opts *o, const char *ctx,
                               unsigned line, const char *file)
{
    cpx_pair *p = cpx_pair_new(img, o);
    cpx_run(p);
    bool ok = cpx_check_at(p, -1, ctx, line, file);
    cpx_pair_free(p);
    return ok;
}
#define CPX_DIFF(ctx, img, o) cpx_diff_at((img), (o), (ctx), __LINE__, __FILE__)

/* Frames of CP's real storage in use now (guest storage and shadow tables). */
static inline uint64_t cpx_frames_in_use(const cp *c)
{
    return (uint64_t)(c->next_frame / PG_PAGE_SIZE - 1) - c->nfree;
}

/* ---- several VMs in one CP, each against its own solo bare run ---------------- */

#define CPX_MULTI_MAX 16

typedef struct cpx_multi {
    int n;
    cp *c;
    cp_vm *vm[CPX_MULTI_MAX];
    pg_machine *m[CPX_MULTI_MAX];
    fx_console bcon[CPX_MULTI_MAX], vcon[CPX_MULTI_MAX];
    pg_stop bstop[CPX_MULTI_MAX];
    uint64_t max_cycles;
    bool cp_unfinished;
} cpx_multi;

/* n images, each IPLed in its own VM of one CP and on its own bare machine. */
static inline cpx_multi *cpx_multi_new(cpx_img *const *imgs, int n, const cpx_opts *o)
{
    cpx_multi *mm = calloc(1, sizeof *mm);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mm);
    CU_ASSERT_FATAL(n <= CPX_MULTI_MAX);
    mm->n = n;
    mm->max_cycles = o->max_cycles ? o->max_cycles : CPX_MAX_CYCLES;
    mm->c = cpx_cp(o->real_mem ? o->real_mem : 2u << 20, o->slice);
    for (int i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "VM%02d", i);
        mm->m[i] = cpx_bare(imgs[i], &mm->bcon[i], o->input, !o->no_devices);
        mm->vm[i] = cpx_vm(mm->c, name, imgs[i]);
        if (!o->no_devices)
            cpx_devices(cp_vm_channel(mm->vm[i]), &mm->vcon[i], o->input);
        cpx_ipl(mm->vm[i], imgs[i]);
    }
    return mm;
}

static inline void cpx_multi_free(cpx_multi *mm)
{
    if (!mm)
        return;
    for (int i = 0; i < mm->n; i++)
        pg_machine_free(mm->m[i]);
    cp_free(mm->c);
    free(mm);
}

/* Run every bare machine alone, and all VMs together under CP. */
static inline void cpx_multi_run(cpx_multi *mm)
{
    for (int i = 0; i < mm->n; i++) {
        mm->bstop[i] = pg_run(mm->m[i], mm->max_cycles);
        cp_vm_set_max_cycles(mm->vm[i], mm->max_cycles);
    }
    bool more = cpx_cp_run(mm->c, mm->max_cycles * (uint64_t)mm->n);
    mm->cp_unfinished = false;
    for (int i = 0; i < mm->n; i++)
        if (more && cp_vm_get_state(mm->vm[i]) == CP_VM_READY)
            mm->cp_unfinished = true;
}

/* VM i against its solo bare run. */
static inline bool cpx_multi_check_at(cpx_multi *mm, int i, const char *ctx, unsigned line,
                                      const char *file)
{
    cpx_pair p = {.m = mm->m[i], .c = mm->c, .vm = mm->vm[i], .bcon = mm->bcon[i],
                  .vcon = mm->vcon[i], .bstop = mm->bstop[i],
                  .cp_unfinished = mm->cp_unfinished, .max_cycles = mm->max_cycles};
    return cpx_check_at(&p, -1, ctx, line, file);
}
#define CPX_MULTI_CHECK(ctx, mm, i) cpx_multi_check_at((mm), (i), (ctx), __LINE__, __FILE__)

/* ---- a deterministic PRNG (xorshift64*) -------------------------------------- */

typedef struct cpx_rng {
    uint64_t s;
} cpx_rng;

static inline uint32_t cpx_rand(cpx_rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

/* Uniform in [0, n). */
static inline uint32_t cpx_below(cpx_rng *r, uint32_t n)
{
    return n ? cpx_rand(r) % n : 0;
}


/* ---- the random program generator ---------------------------------------------
 *
 * A 64 KiB guest with interrupt handlers that log every interrupt (TOD by
 * stck, code, old PSW address) and resume the program: the program handler
 * skips the faulting instruction (at most FZ_PGM_LIMIT times, then a
 * disabled wait), the external handler reloads the timer (FZ_EXT_LIMIT
 * ticks), the I/O handler and the SVC handler return; svc 255 ends the run
 * in a disabled wait.  Handlers clear W in the old PSW they return to, so a
 * wait ended by an interrupt goes on after the wait.  Two address spaces
 * (CR1 = FZ_L1A or FZ_L1B) with random page flags and R/C bits.  The body
 * mixes ALU, loads and stores, forward branches, counted loops, svc and
 * privileged instructions (state switches through lpsw, T on and off,
 * timers, console I/O, PTE changes without purge, ptlb, lra, ...).
 * Registers: r1-r10 random work, r11 loop counter, r12 a wild address,
 * r13 the data base, r14 and r15 scratch for operands.  Deterministic for
 * a seed.  A hostile program draws every operand at random instead.
 */
enum {
    FZ_MEM = 64 * 1024,
    FZ_HALT_OK = 0x80, FZ_HALT_PGM = 0x88,
    FZ_PGMCNT = 0xA0, FZ_EXTCNT = 0xA4, FZ_IOCNT = 0xA8, FZ_SVCCNT = 0xAC,
    FZ_LOGPTR = 0xB0, FZ_TICK = 0xB4,
    FZ_SAVE = 0xC0,                 /* 16 bytes per handler */
    FZ_HANDLERS = 0x200,
    FZ_CODE = 0x1000, FZ_CODE_END = 0x2F00,
    FZ_PSWS = 0x3000, FZ_NPSWS = 256,
    FZ_CCWS = 0x3800, FZ_OUT = 0x3C00, FZ_IN = 0x3D00, FZ_DIAG = 0x3E00, FZ_DIAG_TEXT = 0x3F00,
    FZ_DATA = 0x4000, FZ_LOG = 0x7000, FZ_LOG_END = 0x7FF0,
    FZ_L1A = 0x8000, FZ_L2A = 0x9000, FZ_L1B = 0xA000, FZ_L2B = 0xB000, FZ_ALT = 0xC000,
    FZ_L2X = 0xF000,
    FZ_PGM_LIMIT = 40, FZ_EXT_LIMIT = 25,
    FZ_NCCW = 10,
};
#define FZ_DONE 0x600D

typedef struct fz_gen {
    cpx_rng r;
    cpx_asm a;
    cpx_img *img;
    uint32_t npsw;
    int hostile;                    /* 0 normal, 1 hostile, 2 hostile with any DIAGNOSE */
    uint32_t fix[512];              /* forward branches to clamp to the end */
    uint32_t nfix;
} fz_gen;

static inline uint32_t fz_pick(fz_gen *g, uint32_t n) { return cpx_below(&g->r, n); }
static inline bool fz_chance(fz_gen *g, uint32_t percent) { return fz_pick(g, 100) < percent; }

/* One handler: save r1-r3, log (TOD, code, old address), count, then its tail. */
static inline uint32_t fz_handler(fz_gen *g, int idx, uint32_t old, uint32_t code, uint32_t cnt,
                                  pg_int_class cls)
{
    cpx_asm *a = &g->a;
    uint32_t start = a->pc, save = FZ_SAVE + 16u * (uint32_t)idx;
    cpx_emit(a, XI(sw, 1, 0, save));
    cpx_emit(a, XI(sw, 2, 0, save + 4));
    cpx_emit(a, XI(sw, 3, 0, save + 8));
    cpx_emit(a, XI(lw, 1, 0, FZ_LOGPTR));
    cpx_emit(a, XI(addi, 2, 0, FZ_LOG_END));
    uint32_t skip = cpx_emit(a, XI(bgeu, 1, 2, 0));
    cpx_emit(a, XI(stck, 0, 1, 0));
    cpx_emit(a, XI(lw, 3, 0, code));
    cpx_emit(a, XI(sw, 3, 1, 8));
    cpx_emit(a, XI(lw, 3, 0, old + 4));
    cpx_emit(a, XI(sw, 3, 1, 12));
    cpx_emit(a, XI(addi, 1, 1, 16));
    cpx_emit(a, XI(sw, 1, 0, FZ_LOGPTR));
    cpx_patch_br(g->img, skip, a->pc);
    cpx_emit(a, XI(lw, 1, 0, cnt));
    cpx_emit(a, XI(addi, 1, 1, 1));
    cpx_emit(a, XI(sw, 1, 0, cnt));
    uint32_t halt = 0, halt_psw = FZ_HALT_PGM, b1 = 0, b2 = 0;
    switch (cls) {
    case PG_INT_PROGRAM:
        cpx_emit(a, XI(slti, 2, 1, FZ_PGM_LIMIT));
        halt = cpx_emit(a, XI(beq, 2, 0, 0));
        cpx_emit(a, XI(lw, 1, 0, old + 4));
        cpx_emit(a, XI(addi, 1, 1, 4));
        cpx_emit(a, XI(sw, 1, 0, old + 4));
        break;
    case PG_INT_EXTERNAL:
        cpx_emit(a, XI(slti, 2, 1, FZ_EXT_LIMIT));
        b1 = cpx_emit(a, XI(beq, 2, 0, 0));
        cpx_emit(a, XI(lw, 2, 0, FZ_TICK));
        cpx_emit(a, XI(spt, 0, 2, 0));
        b2 = cpx_emit(a, XI(jal, 0, 0, 0));
        cpx_patch_br(g->img, b1, a->pc);
        cpx_emit(a, XI(lui, 2, 0, 0x7FFF));
        cpx_emit(a, XI(spt, 0, 2, 0));
        /* jal's 20-bit offset */
        cpx_put32(g->img, b2, XI(jal, 0, 0, (int32_t)(a->pc - b2) / 4));
        break;
    case PG_INT_SVC:
        cpx_emit(a, XI(lw, 3, 0, PG_LC_SVC_CODE));
        cpx_emit(a, XI(addi, 2, 0, 255));
        halt = cpx_emit(a, XI(beq, 3, 2, 0));
        halt_psw = FZ_HALT_OK;
        break;
    default:
        break;
    }
    /* clear W in the old PSW: a wait ended by this interrupt goes on after it */
    cpx_emit(a, XI(lw, 2, 0, old));
    cpx_emit(a, XI(andi, 2, 2, 0xFFFD));
    cpx_emit(a, XI(sw, 2, 0, old));
    cpx_emit(a, XI(lw, 3, 0, save + 8));
    cpx_emit(a, XI(lw, 2, 0, save + 4));
    cpx_emit(a, XI(lw, 1, 0, save));
    cpx_emit(a, XI(lpsw, 0, 0, old));
    if (halt) {
        cpx_patch_br(g->img, halt, a->pc);
        cpx_emit(a, XI(lpsw, 0, 0, halt_psw));
    }
    return start;
}

/* Random page flags for a data page. */
static inline uint32_t fz_flags(fz_gen *g)
{
    static const uint32_t f[] = {
        PG_PTE_V | PG_PTE_W | PG_PTE_U, PG_PTE_V | PG_PTE_W | PG_PTE_U, PG_PTE_V | PG_PTE_U,
        PG_PTE_V | PG_PTE_W, PG_PTE_V, 0, PG_PTE_V | PG_PTE_W | PG_PTE_U | PG_PTE_R | PG_PTE_C,
        PG_PTE_V | PG_PTE_W | PG_PTE_U | PG_PTE_R, PG_PTE_W | PG_PTE_U};
    return f[fz_pick(g, sizeof f / sizeof f[0])];
}

/* The two address spaces. */
static inline void fz_tables(fz_gen *g)
{
    cpx_img *img = g->img;
    for (int s = 0; s < 2; s++) {
        uint32_t l1 = s ? FZ_L1B : FZ_L1A, l2 = s ? FZ_L2B : FZ_L2A;
        for (uint32_t p = 0; p < 16; p++) {
            uint32_t frame = p << 12, fl;
            if (p == 0 || p == 7 || (p >= 8 && p <= 11))
                fl = PG_PTE_V | PG_PTE_W;                       /* low core, log, tables */
            else if (p <= 2)
                fl = PG_PTE_V | PG_PTE_U | (fz_chance(g, 50) ? PG_PTE_W : 0);   /* code */
            else if (p == 3)
                fl = PG_PTE_V | PG_PTE_U | PG_PTE_W;            /* PSWs, CCWs */
            else if (p <= 6) {
                fl = fz_flags(g);
                if (s)
                    frame = (p - 4 + 12) << 12;                 /* B: data in the alternate frames */
            } else if (p <= 14) {
                fl = fz_flags(g);
                if (s)
                    frame = (p - 12 + 4) << 12;
            } else {
                fl = fz_chance(g, 50) ? 0 : PG_PTE_V | PG_PTE_U;
            }
            if (fz_chance(g, 20))
                fl |= fz_chance(g, 50) ? PG_PTE_R : PG_PTE_R | PG_PTE_C;
            cpx_map(img, l1, l2, p << 12, frame | fl);
        }
        if (fz_chance(g, 50))       /* the last segment's table outside storage */
            cpx_put32(img, l1 + 0x3FF * 4, 0x00FFF000u | PG_PTE_V);
        if (fz_chance(g, 50))       /* segment 1: one page */
            cpx_map(img, l1, FZ_L2X, 0x400000u, FZ_ALT | PG_PTE_V | PG_PTE_W | PG_PTE_U);
    }
}

/* A random register value: small, an address in the guest, or anything. */
static inline uint32_t fz_value(fz_gen *g)
{
    switch (fz_pick(g, 6)) {
    case 0: return fz_pick(g, 16);
    case 1: return (uint32_t)-(int32_t)fz_pick(g, 16);
    case 2: return FZ_DATA + 4 * fz_pick(g, 0xC00);
    case 3: return fz_pick(g, FZ_MEM);
    case 4: return 0x80000000u >> fz_pick(g, 32);
    default: return cpx_rand(&g->r);
    }
}

static inline unsigned fz_rd(fz_gen *g) { return 1 + fz_pick(g, 10); }         /* r1-r10 */
static inline unsigned fz_rs(fz_gen *g) { return fz_pick(g, 16); }

/* A PSW slot holding {flags, the address after the lpsw that uses it}. */
static inline uint32_t fz_psw_slot(fz_gen *g, uint32_t flags, uint32_t addr)
{
    uint32_t slot = FZ_PSWS + 8 * (g->npsw++ % FZ_NPSWS);
    cpx_psw(g->img, slot, flags, addr);
    return slot;
}

/* A forward branch or jump over 0-7 words (clamped to the program's end later). */
static inline void fz_forward(fz_gen *g, uint32_t word_without_offset, bool jal)
{
    uint32_t off = 1 + fz_pick(g, 8);
    uint32_t w = jal ? word_without_offset | off : word_without_offset | (off & 0xFFFF);
    uint32_t at = cpx_emit(&g->a, w);
    if (g->nfix < sizeof g->fix / sizeof g->fix[0])
        g->fix[g->nfix++] = at;
}

/* DIAGNOSE: one of CP's functions or any code; a prepared block or not. */
static inline void fz_diag(fz_gen *g)
{
    static const uint16_t codes[] = {0x0000, 0x0008, 0x000C, 0x0014, 0x0018, 0x0020};
    uint32_t code = fz_chance(g, 80) ? codes[fz_pick(g, 6)] : fz_pick(g, 0x10000);
    cpx_li(&g->a, 14, fz_chance(g, 60) ? FZ_DIAG + 32 * fz_pick(g, 4) : fz_value(g));
    cpx_emit(&g->a, XI(diag, fz_rd(g), 14, (int32_t)code));
}

/* One privileged instruction with its operand setup. */
static inline void fz_privileged(fz_gen *g)
{
    cpx_asm *a = &g->a;
    bool h = g->hostile;
    switch (fz_pick(g, 17)) {
    case 0: cpx_emit(a, XI(epsw, fz_rd(g), 0, 0)); break;
    case 1: cpx_emit(a, XI(stctl, fz_rd(g), fz_pick(g, 16), 0)); break;
    case 2: cpx_emit(a, XI(stpt, fz_rd(g), 0, 0)); break;
    case 3: {
        unsigned cr = fz_pick(g, 16);
        if (cr == 1 && !h)
            cr = 2;
        cpx_emit(a, XI(lctl, cr, fz_rs(g), 0));
        break;
    }
    case 4:
        cpx_li(a, 14, h ? cpx_rand(&g->r)
                        : (fz_chance(g, 50) ? FZ_L1A : FZ_L1B) | (fz_chance(g, 20) ? 0xABC : 0));
        cpx_emit(a, XI(lctl, 1, 14, 0));
        break;
    case 5:
        cpx_li(a, 14, h ? cpx_rand(&g->r) : fz_pick(g, 400));
        cpx_emit(a, XI(spt, 0, 14, 0));
        break;
    case 6:
        cpx_li(a, 14, cpx_rand(&g->r));
        cpx_emit(a, XI(ssm, 0, 14, 0));
        break;
    case 7:
        if (h)
            cpx_emit(a, XI(stck, 0, fz_rs(g), (int32_t)(int16_t)cpx_rand(&g->r)));
        else
            cpx_emit(a, XI(stck, 0, 13, 8 * (int32_t)fz_pick(g, 0x600) + (fz_chance(g, 10) ? 4 : 0)));
        break;
    case 8: {
        static const uint32_t devs[] = {PG_DEV_CONSOLE, PG_DEV_CONSOLE, PG_DEV_CONSOLE,
                                        PG_DEV_READER, PG_DEV_PUNCH, PG_DEV_PRINTER, 0x123,
                                        0x10009};
        /* hostile: half the time a real device and a prepared channel program */
        cpx_li(a, 14, h && fz_chance(g, 50) ? fz_value(g) : devs[fz_pick(g, 8)]);
        cpx_li(a, 15, h && fz_chance(g, 50)
                          ? (fz_chance(g, 50) ? cpx_rand(&g->r) : FZ_MEM - 8 * fz_pick(g, 4))
                          : FZ_CCWS + 8 * fz_pick(g, FZ_NCCW));
        cpx_emit(a, X3(sio, fz_rd(g), 14, 15));
        break;
    }
    case 9:
        cpx_li(a, 14, h ? fz_value(g) : (fz_chance(g, 80) ? PG_DEV_CONSOLE : fz_pick(g, 16)));
        cpx_emit(a, fz_chance(g, 70) ? XI(tio, fz_rd(g), 14, 0) : XI(hio, fz_rd(g), 14, 0));
        break;
    case 10:
        if (fz_chance(g, 70))
            cpx_emit(a, XI(lra, fz_rd(g), 13, (int32_t)fz_pick(g, 0x3000)));
        else
            cpx_emit(a, XI(lra, fz_rd(g), 12, (int32_t)(int16_t)cpx_rand(&g->r)));
        break;
    case 11: cpx_emit(a, XI(ptlb, 0, 0, 0)); break;
    case 12:
    case 13: {
        uint32_t f = PG_PSW_S;
        if (fz_chance(g, 25)) f &= ~(uint32_t)PG_PSW_S;
        if (fz_chance(g, 50)) f |= PG_PSW_T;
        if (fz_chance(g, 30)) f |= PG_PSW_I;
        if (fz_chance(g, 40)) f |= PG_PSW_E;
        if (fz_chance(g, 3)) f |= PG_PSW_W;
        if (h && fz_chance(g, 30))
            f = cpx_rand(&g->r) & (fz_chance(g, 80) ? PG_PSW_VALID : 0xFFu);
        uint32_t next = a->pc + 12;
        uint32_t slot = fz_psw_slot(g, f, h && fz_chance(g, 20) ? cpx_rand(&g->r) : next);
        cpx_li(a, 14, slot);
        cpx_emit(a, XI(lpsw, 0, 14, 0));
        break;
    }
    case 14:
        if (g->hostile == 2) {
            fz_diag(g);
        } else {
            cpx_emit(a, XI(diag, 0, 0, 0));
        }
        break;
    case 15: {                  /* a wait that an interrupt ends (or not) */
        uint32_t f = PG_PSW_W | (fz_chance(g, 50) ? PG_PSW_S : 0) |
                     (fz_chance(g, 70) ? PG_PSW_E : 0) | (fz_chance(g, 50) ? PG_PSW_I : 0);
        uint32_t next = a->pc + 12;
        uint32_t slot = fz_psw_slot(g, f, next);
        cpx_li(a, 14, slot);
        cpx_emit(a, XI(lpsw, 0, 14, 0));
        break;
    }
    default: {                  /* change a PTE (no purge) */
        uint32_t l2 = fz_chance(g, 50) ? FZ_L2A : FZ_L2B;
        uint32_t page = fz_chance(g, 50) ? 4 + fz_pick(g, 3) : 12 + fz_pick(g, 3);
        uint32_t frame = (fz_chance(g, 50) ? 4 + fz_pick(g, 3) : 12 + fz_pick(g, 3)) << 12;
        cpx_li(a, 14, h ? cpx_rand(&g->r) : frame | fz_flags(g));
        cpx_li(a, 15, h ? fz_value(g) & ~3u : l2 + 4 * page);
        cpx_emit(a, XI(sw, 14, 15, 0));
        break;
    }
    }
}

/* One body item (depth 0 may open a loop). */
static inline void fz_item(fz_gen *g, int depth)
{
    static const pg_op r3[] = {PG_OP_add, PG_OP_sub, PG_OP_and, PG_OP_or, PG_OP_xor,
                               PG_OP_sll, PG_OP_srl, PG_OP_sra, PG_OP_slt, PG_OP_sltu,
                               PG_OP_mul, PG_OP_mulh};
    static const pg_op dv[] = {PG_OP_div, PG_OP_divu, PG_OP_rem, PG_OP_remu};
    static const pg_op ri[] = {PG_OP_addi, PG_OP_andi, PG_OP_ori, PG_OP_xori, PG_OP_slli,
                               PG_OP_srli, PG_OP_srai, PG_OP_slti, PG_OP_sltiu, PG_OP_lui};
    static const pg_op ld[] = {PG_OP_lw, PG_OP_lh, PG_OP_lhu, PG_OP_lb, PG_OP_lbu};
    static const pg_op st[] = {PG_OP_sw, PG_OP_sh, PG_OP_sb};
    static const pg_op br[] = {PG_OP_beq, PG_OP_bne, PG_OP_blt, PG_OP_bge, PG_OP_bltu,
                               PG_OP_bgeu};
    cpx_asm *a = &g->a;
    if (a->pc >= FZ_CODE_END - 0x100)
        return;
    uint32_t k = fz_pick(g, 100);
    if (g->hostile == 2 && k < 25) {
        fz_diag(g);
        return;
    }
    if (g->hostile && k < 40) {
        fz_privileged(g);
        return;
    }
    if (k < 20) {
        cpx_emit(a, fx_ins(r3[fz_pick(g, 12)], fz_rd(g), fz_rs(g), fz_rs(g), 0));
    } else if (k < 33) {
        pg_op op = ri[fz_pick(g, 10)];
        cpx_emit(a, fx_ins(op, fz_rd(g), fz_rs(g), 0, (int32_t)(cpx_rand(&g->r) & 0xFFFF)));
    } else if (k < 35) {
        cpx_emit(a, fx_ins(dv[fz_pick(g, 4)], fz_rd(g), fz_rs(g), fz_rs(g), 0));
    } else if (k < 44) {
        unsigned i = fz_pick(g, 5);
        uint32_t size = i == 0 ? 4 : i <= 2 ? 2 : 1;
        int32_t off = (int32_t)(fz_pick(g, 0x3000) & ~(size - 1)) + (fz_chance(g, 8) ? 1 : 0);
        if (fz_chance(g, 5))
            cpx_emit(a, fx_ins(ld[i], fz_rd(g), 12, 0, (int32_t)(int16_t)cpx_rand(&g->r)));
        else
            cpx_emit(a, fx_ins(ld[i], fz_rd(g), 13, 0, off));
    } else if (k < 53) {
        unsigned i = fz_pick(g, 3);
        uint32_t size = i == 0 ? 4 : i == 1 ? 2 : 1;
        int32_t off = (int32_t)(fz_pick(g, 0x3000) & ~(size - 1)) + (fz_chance(g, 8) ? 1 : 0);
        if (fz_chance(g, 5))
            cpx_emit(a, fx_ins(st[i], fz_rs(g), 12, 0, (int32_t)(int16_t)cpx_rand(&g->r)));
        else
            cpx_emit(a, fx_ins(st[i], fz_rs(g), 13, 0, off));
    } else if (k < 59) {
        fz_forward(g, fx_ins(br[fz_pick(g, 6)], fz_rs(g), fz_rs(g), 0, 0), false);
    } else if (k < 60) {
        fz_forward(g, XI(jal, fz_chance(g, 50) ? 0 : 10, 0, 0), true);
    } else if (k < 61) {
        uint32_t t = a->pc + 12 + 4 * fz_pick(g, 6);
        if (fz_chance(g, 20))
            t += 2;
        if (fz_chance(g, 10))
            t = cpx_rand(&g->r);
        cpx_li(a, 15, t);
        cpx_emit(a, XI(jalr, fz_chance(g, 50) ? 0 : 10, 15, 0));
    } else if (k < 64 && depth == 0) {
        cpx_emit(a, XI(addi, 11, 0, 2 + (int32_t)fz_pick(g, 5)));
        uint32_t top = a->pc;
        uint32_t n = 2 + fz_pick(g, 5);
        for (uint32_t i = 0; i < n; i++)
            fz_item(g, 1);
        cpx_emit(a, XI(addi, 11, 11, -1));
        uint32_t b = cpx_emit(a, XI(bne, 11, 0, 0));
        cpx_patch_br(g->img, b, top);
    } else if (k < 67) {
        cpx_emit(a, XI(svc, 0, 0, (int32_t)fz_pick(g, 255)));
    } else {
        fz_privileged(g);
    }
}

/* Build a random program into a fresh 64 KiB image. */
static inline cpx_img *fz_build(uint64_t seed, int hostile)
{
    cpx_img *img = cpx_img_new(FZ_MEM);
    fz_gen *g = calloc(1, sizeof *g);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    g->r.s = seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL;
    g->img = img;
    g->hostile = hostile;
    cpx_asm *a = &g->a;
    a->img = img;
    /* low core, halts, counters */
    cpx_psw(img, FZ_HALT_OK, PG_PSW_W, FZ_DONE);
    cpx_psw(img, FZ_HALT_PGM, PG_PSW_W, FX_PGM_WAIT);
    cpx_psw(img, PG_LC_MCK_NEW, PG_PSW_W, FX_MCK_WAIT);
    cpx_put32(img, FZ_LOGPTR, FZ_LOG);
    cpx_put32(img, FZ_TICK, 20 + fz_pick(g, 300));
    a->pc = FZ_HANDLERS;
    cpx_psw(img, PG_LC_PGM_NEW, PG_PSW_S,
            fz_handler(g, 0, PG_LC_PGM_OLD, PG_LC_PGM_CODE, FZ_PGMCNT, PG_INT_PROGRAM));
    cpx_psw(img, PG_LC_EXT_NEW, PG_PSW_S,
            fz_handler(g, 1, PG_LC_EXT_OLD, PG_LC_EXT_CODE, FZ_EXTCNT, PG_INT_EXTERNAL));
    cpx_psw(img, PG_LC_IO_NEW, PG_PSW_S,
            fz_handler(g, 2, PG_LC_IO_OLD, PG_LC_IO_DEV, FZ_IOCNT, PG_INT_IO));
    cpx_psw(img, PG_LC_SVC_NEW, PG_PSW_S,
            fz_handler(g, 3, PG_LC_SVC_OLD, PG_LC_SVC_CODE, FZ_SVCCNT, PG_INT_SVC));
    fz_tables(g);
    /* data, console text, channel programs */
    for (uint32_t p = FZ_DATA; p < FZ_LOG; p += 4)
        cpx_put32(img, p, fz_value(g));
    for (uint32_t p = FZ_ALT; p < FZ_L2X; p += 4)
        cpx_put32(img, p, fz_value(g));
    const char text[] = "The quick brown fox jumps over the lazy dog, 0123456789!\n";
    cpx_bytes(img, FZ_OUT, text, sizeof text - 1);
    cpx_ccw(img, FZ_CCWS + 0, PG_CCW_WRITE, 0, (uint16_t)(1 + fz_pick(g, 57)), FZ_OUT);
    cpx_ccw(img, FZ_CCWS + 8, PG_CCW_READ, PG_CCW_FLAG_SLI, 16, FZ_IN);
    cpx_ccw(img, FZ_CCWS + 16, PG_CCW_READ, 0, 8, FZ_IN + 0x20);
    cpx_ccw(img, FZ_CCWS + 24, PG_CCW_WRITE, PG_CCW_FLAG_CC, 5, FZ_OUT);
    cpx_ccw(img, FZ_CCWS + 32, PG_CCW_WRITE, 0, 6, FZ_OUT + 10);
    cpx_ccw(img, FZ_CCWS + 40, PG_CCW_WRITE, 0, 0, FZ_OUT);
    cpx_ccw(img, FZ_CCWS + 48, PG_CCW_WRITE, 0, 64, FZ_MEM - 16);
    cpx_ccw(img, FZ_CCWS + 56, PG_CCW_TIC, 0, 0, FZ_CCWS);
    cpx_ccw(img, FZ_CCWS + 64, PG_CCW_SENSE, 0, 1, FZ_IN + 0x40);
    cpx_ccw(img, FZ_CCWS + 72, PG_CCW_CONTROL, PG_CCW_FLAG_SLI, 1, FZ_IN + 0x48);
    if (hostile == 2) {
        /* DIAGNOSE parameter blocks: a CP command (text, length, buffer,
           length), block I/O (device, op, first, count, buffer), spool tags */
        static const char *const cmds[] = {"MSG VM01 HELLO FROM A HOSTILE GUEST",
                                           "SPOOL PUNCH TO VM03", "QUERY NAMES",
                                           "TRANSFER VM01 RDR ALL", "QUERY TIME", "\x01\xff"};
        const char *cmd = cmds[fz_pick(g, 6)];
        cpx_bytes(img, FZ_DIAG_TEXT, cmd, (uint32_t)strlen(cmd));
        uint32_t blk[4][8] = {
            {FZ_DIAG_TEXT, (uint32_t)strlen(cmd), FZ_IN + 0x80, 64, 0},
            {0x191, 1 + fz_pick(g, 2), fz_pick(g, 8), fz_pick(g, 4), FZ_DATA},
            {0x4D594E41, 0x4D452020, 0x54595045, 0x20202020, 0x564D3031, 0x20202020},
            {cpx_rand(&g->r), cpx_rand(&g->r), FZ_MEM - 4, 0xFFFFFFFF, cpx_rand(&g->r)},
        };
        for (uint32_t b = 0; b < 4; b++)
            for (uint32_t w = 0; w < 8; w++)
                cpx_put32(img, FZ_DIAG + 32 * b + 4 * w, blk[b][w]);
    }
    /* the program: prologue, body, svc 255 */
    a->pc = FZ_CODE;
    cpx_li(a, 13, FZ_DATA);
    cpx_li(a, 14, fz_chance(g, 50) ? FZ_L1A : FZ_L1B);
    cpx_emit(a, XI(lctl, 1, 14, 0));
    cpx_li(a, 14, 50 + fz_pick(g, 500));
    cpx_emit(a, XI(spt, 0, 14, 0));
    for (unsigned n = 1; n <= 10; n++)
        cpx_li(a, n, fz_value(g));
    cpx_li(a, 12, hostile ? cpx_rand(&g->r) : fz_value(g));
    uint32_t items = 10 + fz_pick(g, hostile ? 120 : 90);
    for (uint32_t i = 0; i < items; i++)
        fz_item(g, 0);
    uint32_t end = cpx_emit(a, XI(svc, 0, 0, 255));
    /* forward branches that would leave the program land on its svc 255 */
    for (uint32_t i = 0; i < g->nfix; i++) {
        uint32_t at = g->fix[i], w = cpx_get32(img, at);
        bool jal = (w >> 24) == pg_insns[PG_OP_jal].opcode;
        uint32_t off = jal ? (w & 0xFFFFF) : (w & 0xFFFF);
        if (at + 4 * off > end)
            cpx_put32(img, at, jal ? (w & 0xFFF00000u) | ((end - at) / 4)
                                   : (w & 0xFFFF0000u) | ((end - at) / 4));
    }
    /* IPL: supervisor (sometimes with masks or translation) at the program */
    uint32_t ipl = PG_PSW_S;
    if (fz_chance(g, 20))
        ipl |= PG_PSW_I;
    cpx_psw(img, PG_LC_IPL_PSW, ipl, FZ_CODE);
    free(g);
    return img;
}

/* The console input of generated programs (both sides). */
static const char *const fz_input[] = {"alpha", "beta gamma delta epsilon", NULL};

#endif
