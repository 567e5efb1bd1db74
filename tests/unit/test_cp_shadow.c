/*
 * test_cp_shadow.c -- CP's shadow page tables against the architected TLB
 * (isa-spec/memory.md): a guest that changes a PTE without purging keeps
 * the old translation, ptlb and CR1 loads take the new one, supervisor-only
 * pages stay hidden from virtual problem state, R and C are set in the
 * guest's tables exactly when the bare machine sets them, write-protected
 * pages fault with the right TEA, and many pages and address spaces work.
 * Every case runs bare and under CP (cp_fixture.h) AND checks the values
 * the architecture prescribes directly in the VM's registers and storage.
 */
#include "cp_fixture.h"
#include "runner.h"

/*
 * Layout (64 KiB guest unless said otherwise):
 *   0x1000        prologue: CR1 = space A, lpsw into the state under test
 *   0x1020 BODY   the case's code; it ends with svc 0 (halt in any state)
 *   0x2000 D      data; 0x2800 LOG: the program handler's log
 *   0x3000        program handler: log (code, TEA, old flags, old address),
 *                 skip the instruction, return
 *   0x3100        SVC handler: 1 ptlb, 2 lctl cr1 <- r8, 3 back to
 *                 supervisor, 4 to problem state, anything else halts
 *   0x4000/0x5000 space A: first- and second-level tables
 *   0x6000/0x7000 space B
 *   pages 0-15 map to themselves in both spaces (page 0 supervisor only);
 *   test pages (segment 0):
 *     VA_X   0x20000  A: frame 0x8000, B: frame 0x9000   (V W U)
 *     VA_SUP 0x21000  frame 0xA000, V W (supervisor only)
 *     VA_C   0x22000  frame 0xB000, V W U, R and C clear
 *     VA_RO  0x23000  frame 0xC000, V U (no W)
 *     VA_C2  0x24000  frame 0xD000, V W U
 *     VA_C3  0x25000  frame 0xE000, V W U
 * Registers r9 and r10 belong to the SVC handler, r8 is its argument.
 */
enum {
    BODY = FX_CODE + 0x20,
    START_PSW = 0x1F10,
    D = FX_DATA,
    LOG = D + 0x800, LOGPTR = D + 0x7FC, LOG_LIMIT = 64,
    PGM_H = FX_HANDLER, SVC_H = FX_HANDLER + 0x100,
    L1A = 0x4000, L2A = 0x5000, L1B = 0x6000, L2B = 0x7000,
    VA_X = 0x20000, VA_SUP = 0x21000, VA_C = 0x22000, VA_RO = 0x23000, VA_C2 = 0x24000,
    VA_C3 = 0x25000,
    VWU = PG_PTE_V | PG_PTE_W | PG_PTE_U,
};

#define E(a, w) cpx_emit((a), (w))
#define PTE_A(va) (L2A + 4 * ((va) >> 12))
#define PTE_B(va) (L2B + 4 * ((va) >> 12))

/* The program handler: log and skip (LOG_LIMIT entries, then halt). */
static void pgm_logger(cpx_img *img)
{
    cpx_psw(img, PG_LC_PGM_NEW, PG_PSW_S, PGM_H);
    cpx_put32(img, LOGPTR, LOG);
    cpx_asm h = {img, PGM_H};
    E(&h, XI(sw, 1, 0, D + 0x7F0));
    E(&h, XI(sw, 2, 0, D + 0x7F4));
    E(&h, XI(lw, 1, 0, LOGPTR));
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
    E(&h, XI(sw, 1, 0, LOGPTR));
    E(&h, XI(addi, 2, 0, LOG + LOG_LIMIT * 16));
    E(&h, XI(beq, 1, 2, 4));
    E(&h, XI(lw, 2, 0, D + 0x7F4));
    E(&h, XI(lw, 1, 0, D + 0x7F0));
    E(&h, XI(lpsw, 0, 0, PG_LC_PGM_OLD));
    E(&h, HALT);
}

/* The SVC handler (see the layout). */
static void svc_services(cpx_img *img)
{
    cpx_psw(img, PG_LC_SVC_NEW, PG_PSW_S, SVC_H);
    cpx_asm h = {img, SVC_H};
    E(&h, XI(lw, 9, 0, PG_LC_SVC_CODE));
    E(&h, XI(addi, 10, 0, 1));
    E(&h, XI(bne, 9, 10, 3));
    E(&h, XI(ptlb, 0, 0, 0));
    E(&h, XI(lpsw, 0, 0, PG_LC_SVC_OLD));
    E(&h, XI(addi, 10, 0, 2));
    E(&h, XI(bne, 9, 10, 3));
    E(&h, XI(lctl, 1, 8, 0));
    E(&h, XI(lpsw, 0, 0, PG_LC_SVC_OLD));
    E(&h, XI(addi, 10, 0, 3));
    E(&h, XI(bne, 9, 10, 5));
    E(&h, XI(lw, 10, 0, PG_LC_SVC_OLD));
    E(&h, XI(ori, 10, 10, PG_PSW_S));
    E(&h, XI(sw, 10, 0, PG_LC_SVC_OLD));
    E(&h, XI(lpsw, 0, 0, PG_LC_SVC_OLD));
    E(&h, XI(addi, 10, 0, 4));
    E(&h, XI(bne, 9, 10, 5));
    E(&h, XI(lw, 10, 0, PG_LC_SVC_OLD));
    E(&h, XI(andi, 10, 10, 0xFFFE));
    E(&h, XI(sw, 10, 0, PG_LC_SVC_OLD));
    E(&h, XI(lpsw, 0, 0, PG_LC_SVC_OLD));
    E(&h, HALT);
}

/* Frames with recognisable contents: word i of frame f is f | i*4 | tag. */
static void fill_frame(cpx_img *img, uint32_t frame, uint32_t tag)
{
    for (uint32_t i = 0; i < PG_PAGE_SIZE; i += 4)
        cpx_put32(img, frame + i, tag | frame | i);
}

/* The standard image of this file in a state (flags of the body). */
static cpx_img *sh_image(uint32_t state)
{
    cpx_img *img = cpx_std(PG_PSW_S);
    for (uint32_t p = 0; p < 16; p++) {
        uint32_t pte = (p << 12) | PG_PTE_V | PG_PTE_W | (p ? PG_PTE_U : 0);
        cpx_map(img, L1A, L2A, p << 12, pte);
        cpx_map(img, L1B, L2B, p << 12, pte);
    }
    cpx_map(img, L1A, L2A, VA_X, 0x8000 | VWU);
    cpx_map(img, L1B, L2B, VA_X, 0x9000 | VWU);
    uint32_t l1s[2] = {L1A, L1B}, l2s[2] = {L2A, L2B};
    for (int s = 0; s < 2; s++) {
        cpx_map(img, l1s[s], l2s[s], VA_SUP, 0xA000 | PG_PTE_V | PG_PTE_W);
        cpx_map(img, l1s[s], l2s[s], VA_C, 0xB000 | VWU);
        cpx_map(img, l1s[s], l2s[s], VA_RO, 0xC000 | PG_PTE_V | PG_PTE_U);
        cpx_map(img, l1s[s], l2s[s], VA_C2, 0xD000 | VWU);
        cpx_map(img, l1s[s], l2s[s], VA_C3, 0xE000 | VWU);
    }
    fill_frame(img, 0x8000, 0x10000000);
    fill_frame(img, 0x9000, 0x20000000);
    fill_frame(img, 0xA000, 0x30000000);
    fill_frame(img, 0xB000, 0x40000000);
    fill_frame(img, 0xC000, 0x50000000);
    pgm_logger(img);
    svc_services(img);
    cpx_psw(img, START_PSW, state, BODY);
    CPX_CODE(img, FX_CODE, XI(lui, 15, 0, L1A >> 16), XI(ori, 15, 15, L1A & 0xFFFF),
             XI(lctl, 1, 15, 0), XI(lpsw, 0, 0, START_PSW));
    return img;
}

static const uint32_t t_states[] = {PG_PSW_S | PG_PSW_T, PG_PSW_T};
static const char *const t_names[] = {"S+T", "P+T"};

/* Run the image bare and under CP, check they agree; the pair is returned
   for direct assertions (free with cpx_pair_free). */
static cpx_pair *sh_run(const cpx_img *img, const char *ctx)
{
    cpx_opts o = {.max_cycles = 200000};
    cpx_pair *p = cpx_pair_new(img, &o);
    cpx_run(p);
    if (!CPX_CHECK(ctx, p))
        cpx_dump(img, "shadow");
    FX_EQC(ctx, cp_vm_get_state(p->vm), CP_VM_DISABLED_WAIT);
    return p;
}

/* A logged program interruption (index i): code and TEA. */
static void logged_at(cp_vm *vm, int i, uint32_t code, uint32_t tea, const char *ctx,
                      unsigned line)
{
    fx_eq_at(cpx_vm_get32(vm, LOG + 16 * (uint32_t)i), code, "logged code", ctx, line, __FILE__);
    if (code == PG_PGM_PROTECTION || code == PG_PGM_PAGE || code == PG_PGM_SEGMENT)
        fx_eq_at(cpx_vm_get32(vm, LOG + 16 * (uint32_t)i + 4), tea, "logged TEA", ctx, line,
                 __FILE__);
}
#define LOGGED(vm, i, code, tea) logged_at((vm), (i), (code), (tea), ctx, __LINE__)
#define NLOGGED(vm) ((cpx_vm_get32((vm), LOGPTR) - LOG) / 16)

/* ======================================================================== */

/* A guest changes a PTE without purging: the old translation stays in use
   (loads and stores go to the old frame); after a purge (ptlb through
   svc 1, and the instruction itself in supervisor state) the new one takes
   effect -- as on the bare machine. */
static void test_pte_change_then_purge(void)
{
    for (int s = 0; s < 2; s++)
        for (int direct_ptlb = 0; direct_ptlb < 2; direct_ptlb++) {
            if (direct_ptlb && !(t_states[s] & PG_PSW_S))
                continue;
            cpx_img *img = sh_image(t_states[s]);
            cpx_asm a = {img, BODY};
            cpx_li(&a, 5, VA_X);
            cpx_li(&a, 7, L2A);
            cpx_li(&a, 6, 0x9000 | VWU);
            E(&a, XI(lw, 1, 5, 0));                 /* frame 0x8000 */
            E(&a, XI(sw, 6, 7, 4 * (VA_X >> 12)));  /* PTE -> frame 0x9000, no purge */
            E(&a, XI(lw, 2, 5, 0));                 /* still 0x8000 */
            E(&a, XI(sw, 2, 5, 0x10));              /* into 0x8010 */
            E(&a, direct_ptlb ? XI(ptlb, 0, 0, 0) : XI(svc, 0, 0, 1));
            E(&a, XI(lw, 3, 5, 0));                 /* frame 0x9000 */
            E(&a, XI(sw, 3, 5, 0x14));              /* into 0x9014 */
            E(&a, XI(svc, 0, 0, 0));
            char ctx[64];
            snprintf(ctx, sizeof ctx, "PTE change then %s in %s", direct_ptlb ? "ptlb" : "svc ptlb",
                     t_names[s]);
            cpx_pair *p = sh_run(img, ctx);
            FX_EQC(ctx, cp_vm_get_gpr(p->vm, 1), 0x10008000);
            FX_EQC(ctx, cp_vm_get_gpr(p->vm, 2), 0x10008000);
            FX_EQC(ctx, cp_vm_get_gpr(p->vm, 3), 0x20009000);
            FX_EQC(ctx, cpx_vm_get32(p->vm, 0x8010), 0x10008000);
            FX_EQC(ctx, cpx_vm_get32(p->vm, 0x9010), 0x20009010);
            FX_EQC(ctx, cpx_vm_get32(p->vm, 0x9014), 0x20009000);
            FX_EQC(ctx, NLOGGED(p->vm), 0);
            cpx_pair_free(p);
            cpx_img_free(img);
        }
}

/* A guest that invalidates a PTE without purging can still use the page;
   after the purge the access is a page-translation exception (TEA = the
   address); making it valid again needs another purge to be seen... or not:
   an invalid entry captures nothing, so the next access walks again. */
static void test_pte_invalidate_then_purge(void)
{
    for (int s = 0; s < 2; s++) {
        cpx_img *img = sh_image(t_states[s]);
        cpx_asm a = {img, BODY};
        cpx_li(&a, 5, VA_X);
        cpx_li(&a, 7, L2A);
        cpx_li(&a, 6, 0x8000 | VWU);
        E(&a, XI(lw, 1, 5, 4));
        E(&a, XI(sw, 0, 7, 4 * (VA_X >> 12)));      /* invalid, no purge */
        E(&a, XI(lw, 2, 5, 8));                     /* stale: works */
        E(&a, XI(svc, 0, 0, 1));
        E(&a, XI(lw, 3, 5, 12));                    /* page translation */
        E(&a, XI(sw, 6, 7, 4 * (VA_X >> 12)));      /* valid again, no purge */
        E(&a, XI(lw, 4, 5, 16));                    /* nothing was captured: works */
        E(&a, XI(svc, 0, 0, 0));
        char ctx[64];
        snprintf(ctx, sizeof ctx, "PTE invalidated in %s", t_names[s]);
        cpx_pair *p = sh_run(img, ctx);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 1), 0x10008004);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 2), 0x10008008);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 3), 0);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 4), 0x10008010);
        FX_EQC(ctx, NLOGGED(p->vm), 1);
        LOGGED(p->vm, 0, PG_PGM_PAGE, VA_X + 12);
        cpx_pair_free(p);
        cpx_img_free(img);
    }
}

/* A guest switches CR1 between two address spaces (lctl through svc 2):
   each load purges and the page maps to that space's frame; reloading the
   same CR1 value also purges (a PTE changed meanwhile takes effect).  Also
   with lctl issued directly in supervisor state with T on. */
static void test_cr1_switch(void)
{
    for (int v = 0; v < 3; v++) {
        int s = v == 2 ? 0 : v;
        uint32_t lctl = v == 2 ? XI(lctl, 1, 8, 0) : XI(svc, 0, 0, 2);
        cpx_img *img = sh_image(t_states[s]);
        cpx_asm a = {img, BODY};
        cpx_li(&a, 5, VA_X);
        E(&a, XI(lw, 1, 5, 0));                     /* A: 0x8000 */
        cpx_li(&a, 8, L1B);
        E(&a, lctl);
        E(&a, XI(lw, 2, 5, 0));                     /* B: 0x9000 */
        E(&a, XI(sw, 2, 5, 0x20));                  /* 0x9020 */
        cpx_li(&a, 8, L1A);
        E(&a, lctl);
        E(&a, XI(lw, 3, 5, 0));                     /* A again: 0x8000 */
        cpx_li(&a, 7, L2A);
        cpx_li(&a, 6, 0xC000 | VWU);
        E(&a, XI(sw, 6, 7, 4 * (VA_X >> 12)));      /* A's PTE -> 0xC000, no purge */
        E(&a, XI(lw, 4, 5, 0));                     /* stale: 0x8000 */
        E(&a, lctl);                    /* reload CR1 = A: purges */
        E(&a, XI(lw, 11, 5, 0));                    /* 0xC000 */
        E(&a, XI(svc, 0, 0, 0));
        char ctx[64];
        snprintf(ctx, sizeof ctx, "CR1 switch in %s%s", t_names[s], v == 2 ? " (lctl)" : "");
        cpx_pair *p = sh_run(img, ctx);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 1), 0x10008000);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 2), 0x20009000);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 3), 0x10008000);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 4), 0x10008000);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 11), 0x5000C000);
        FX_EQC(ctx, cpx_vm_get32(p->vm, 0x9020), 0x20009000);
        FX_EQC(ctx, cp_vm_get_cr(p->vm, 1), L1A);
        cpx_pair_free(p);
        cpx_img_free(img);
    }
}

/* A supervisor-only page (no U) is readable and writable in virtual
   supervisor state and a protection exception (TEA = the address) in
   virtual problem state: when problem state touches it first, when the
   supervisor read it first and when the supervisor wrote it first (one
   translation serves both states and its U bit decides). */
static void test_supervisor_only_page(void)
{
    for (int order = 0; order < 3; order++) {
        cpx_img *img = sh_image(PG_PSW_S | PG_PSW_T);
        cpx_asm a = {img, BODY};
        cpx_li(&a, 5, VA_SUP);
        if (order == 0) {
            E(&a, XI(svc, 0, 0, 4));                /* to problem state */
            E(&a, XI(lw, 1, 5, 0));                 /* protection */
            E(&a, XI(svc, 0, 0, 3));                /* back to supervisor */
            E(&a, XI(lw, 2, 5, 0));                 /* fine */
        } else {
            E(&a, order == 1 ? XI(lw, 2, 5, 0) : XI(sw, 5, 5, 8));
            E(&a, XI(svc, 0, 0, 4));
            E(&a, XI(lw, 1, 5, 0));                 /* protection */
            E(&a, XI(sw, 1, 5, 4));                 /* protection */
            E(&a, XI(svc, 0, 0, 3));
            E(&a, XI(lw, 2, 5, 0));
        }
        E(&a, XI(svc, 0, 0, 4));
        E(&a, XI(lbu, 3, 5, 3));                    /* protection again */
        E(&a, XI(lw, 4, 0, 0x10));                  /* low core: protection */
        E(&a, XI(svc, 0, 0, 0));
        char ctx[64];
        snprintf(ctx, sizeof ctx, "supervisor-only page, order %d", order);
        cpx_pair *p = sh_run(img, ctx);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 1), 0);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 2), 0x3000A000);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 3), 0);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 4), 0);
        if (order == 2)
            FX_EQC(ctx, cpx_vm_get32(p->vm, 0xA008), VA_SUP);
        int i = 0;
        LOGGED(p->vm, i++, PG_PGM_PROTECTION, VA_SUP);
        if (order)
            LOGGED(p->vm, i++, PG_PGM_PROTECTION, VA_SUP + 4);
        LOGGED(p->vm, i++, PG_PGM_PROTECTION, VA_SUP + 3);
        LOGGED(p->vm, i++, PG_PGM_PROTECTION, 0x10);
        FX_EQC(ctx, NLOGGED(p->vm), (uint32_t)i);
        /* the log's old PSWs: problem state with T */
        FX_EQC(ctx, cpx_vm_get32(p->vm, LOG + 8), PG_PSW_T);
        cpx_pair_free(p);
        cpx_img_free(img);
    }
}

/* The R and C sequence of one page: each step is followed by a copy of
   its PTE into the data area (the guest reads its own table). */
enum { STEPS = D + 0x100 };

static void copy_pte(cpx_asm *a, uint32_t pte_addr, int *step)
{
    E(a, XI(lw, 9, 0, (int32_t)pte_addr));      /* T on: the tables map to themselves */
    E(a, XI(sw, 9, 0, STEPS + 4 * *step));
    (*step)++;
}

/* R and C in the guest's PTEs are set exactly when the bare machine sets
   them: R on the first access after a purge, C on the first store through a
   translation that recorded C clear (also when the guest cleared C without
   purging: nothing is set again), a store by stck, a first store in problem
   state through the problem view after a supervisor read, and nothing for
   a faulting access or lra. */
static void test_r_and_c_bits(void)
{
    for (int s = 0; s < 2; s++) {
        cpx_img *img = sh_image(t_states[s]);
        cpx_asm a = {img, BODY};
        int step = 0;
        cpx_li(&a, 5, VA_C);
        cpx_li(&a, 6, 0xB000 | VWU);
        copy_pte(&a, PTE_A(VA_C), &step);               /* 0: V W U */
        E(&a, XI(lw, 1, 5, 0));
        copy_pte(&a, PTE_A(VA_C), &step);               /* 1: R */
        E(&a, XI(lw, 1, 5, 4));
        copy_pte(&a, PTE_A(VA_C), &step);               /* 2: R */
        E(&a, XI(sw, 1, 5, 8));
        copy_pte(&a, PTE_A(VA_C), &step);               /* 3: R C */
        E(&a, XI(sw, 6, 0, (int32_t)PTE_A(VA_C)));      /* guest clears R and C, no purge */
        E(&a, XI(sb, 1, 5, 9));
        copy_pte(&a, PTE_A(VA_C), &step);               /* 4: nothing set again */
        E(&a, XI(svc, 0, 0, 1));                        /* purge */
        copy_pte(&a, PTE_A(VA_C), &step);               /* 5: still clear */
        E(&a, XI(sh, 1, 5, 10));
        copy_pte(&a, PTE_A(VA_C), &step);               /* 6: R C at once (store) */
        /* C2: read in supervisor first, then stored in problem state */
        cpx_li(&a, 5, VA_C2);
        E(&a, XI(svc, 0, 0, 3));
        E(&a, XI(lw, 1, 5, 0));
        copy_pte(&a, PTE_A(VA_C2), &step);              /* 7: R */
        E(&a, XI(svc, 0, 0, 4));
        E(&a, XI(sw, 1, 5, 4));
        copy_pte(&a, PTE_A(VA_C2), &step);              /* 8: R C */
        E(&a, XI(svc, 0, 0, 3));
        cpx_li(&a, 6, 0xD000 | VWU);
        E(&a, XI(sw, 6, 0, (int32_t)PTE_A(VA_C2)));     /* clear, no purge */
        E(&a, XI(sw, 1, 5, 8));                         /* supervisor store: C recorded */
        copy_pte(&a, PTE_A(VA_C2), &step);              /* 9: clear */
        /* C3: the first store is stck (emulated), then lra sets nothing */
        cpx_li(&a, 5, VA_C3);
        E(&a, XI(stck, 0, 5, 0x18));
        copy_pte(&a, PTE_A(VA_C3), &step);              /* 10: R C */
        cpx_li(&a, 6, 0xE000 | VWU);
        E(&a, XI(sw, 6, 0, (int32_t)PTE_A(VA_C3)));
        E(&a, XI(lra, 1, 5, 0));
        copy_pte(&a, PTE_A(VA_C3), &step);              /* 11: clear */
        /* a faulting store to the read-only page sets nothing */
        cpx_li(&a, 5, VA_RO);
        E(&a, XI(sw, 1, 5, 0));
        copy_pte(&a, PTE_A(VA_RO), &step);              /* 12: V U */
        E(&a, XI(lw, 1, 5, 0));
        copy_pte(&a, PTE_A(VA_RO), &step);              /* 13: R */
        E(&a, XI(svc, 0, 0, 0));
        char ctx[64];
        snprintf(ctx, sizeof ctx, "R and C in %s", t_names[s]);
        cpx_pair *p = sh_run(img, ctx);
        static const uint32_t want[] = {
            0xB000 | VWU, 0xB000 | VWU | PG_PTE_R, 0xB000 | VWU | PG_PTE_R,
            0xB000 | VWU | PG_PTE_R | PG_PTE_C, 0xB000 | VWU, 0xB000 | VWU,
            0xB000 | VWU | PG_PTE_R | PG_PTE_C,
            0xD000 | VWU | PG_PTE_R, 0xD000 | VWU | PG_PTE_R | PG_PTE_C, 0xD000 | VWU,
            0xE000 | VWU | PG_PTE_R | PG_PTE_C, 0xE000 | VWU,
            0xC000 | PG_PTE_V | PG_PTE_U, 0xC000 | PG_PTE_V | PG_PTE_U | PG_PTE_R,
        };
        for (int i = 0; i < step; i++) {
            char what[32];
            snprintf(what, sizeof what, "PTE after step %d", i);
            fx_eq_at(cpx_vm_get32(p->vm, STEPS + 4 * (uint32_t)i), want[i], what, ctx, __LINE__,
                     __FILE__);
        }
        FX_EQC(ctx, step, (int)(sizeof want / sizeof want[0]));
        FX_EQC(ctx, NLOGGED(p->vm), 1);
        LOGGED(p->vm, 0, PG_PGM_PROTECTION, VA_RO);
        cpx_pair_free(p);
        cpx_img_free(img);
    }
}

/* The PTE of VA_C as the test harness reads it from guest storage after
   each step of a supervisor program (a marker instruction, stctl r0, cr5,
   separates the steps): through the trap hook under CP, with pg_step bare.
   Both sequences are equal and are the architected ones. */
#define MARK XI(stctl, 0, 5, 0)

typedef struct pte_trace {
    cp_vm *vm;
    uint32_t v[32];
    int n;
} pte_trace;

static cp_trap_action pte_hook(void *ctx, const cp_trap_event *ev)
{
    pte_trace *t = ctx;
    if (ev->phase == CP_TRAP_BEFORE && ev->kind == CP_TRAP_EMULATE && ev->insn_word == MARK &&
        t->n < 32)
        t->v[t->n++] = cpx_vm_get32(t->vm, PTE_A(VA_C));
    return CP_TRAP_CONTINUE;
}

/* R and C of one page read from guest storage by the harness after each
   step (hook under CP, pg_step bare): the architected sequence on both. */
static void test_r_and_c_stepwise(void)
{
    cpx_img *img = sh_image(PG_PSW_S | PG_PSW_T);
    cpx_asm a = {img, BODY};
    cpx_li(&a, 5, VA_C);
    cpx_li(&a, 6, 0xB000 | VWU);
    cpx_li(&a, 7, PTE_A(VA_C));
    E(&a, MARK);
    E(&a, XI(lbu, 1, 5, 1));
    E(&a, MARK);
    E(&a, XI(sb, 1, 5, 2));
    E(&a, MARK);
    E(&a, XI(sw, 6, 7, 0));
    E(&a, MARK);
    E(&a, XI(sw, 1, 5, 8));
    E(&a, MARK);
    E(&a, XI(ptlb, 0, 0, 0));
    E(&a, MARK);
    E(&a, XI(stck, 0, 5, 0x10));
    E(&a, MARK);
    E(&a, XI(sw, 6, 7, 0));
    E(&a, XI(ptlb, 0, 0, 0));
    E(&a, XI(lw, 1, 5, 0));
    E(&a, MARK);
    E(&a, XI(svc, 0, 0, 0));
    /* bare, one step at a time */
    pg_machine *m = cpx_bare(img, NULL, NULL, false);
    uint32_t bare[32];
    int nb = 0;
    for (int i = 0; i < 10000; i++) {
        pg_step_info info;
        pg_stop st = pg_step(m, &info);
        if (st != PG_STOP_STEP)
            break;
        if (!info.interrupted && info.fetched && info.word == MARK && nb < 32)
            bare[nb++] = cpx_bare_get32(m, PTE_A(VA_C));
    }
    /* CP, with the hook reading guest storage */
    cpx_pair *p = cpx_pair_new(img, &(cpx_opts){.no_devices = true});
    pte_trace *t = calloc(1, sizeof *t);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    t->vm = p->vm;
    cp_set_trap_hook(p->c, pte_hook, t);
    cpx_run(p);
    CPX_CHECK("stepwise R and C", p);
    static const uint32_t want[] = {
        0xB000 | VWU, 0xB000 | VWU | PG_PTE_R, 0xB000 | VWU | PG_PTE_R | PG_PTE_C,
        0xB000 | VWU, 0xB000 | VWU, 0xB000 | VWU, 0xB000 | VWU | PG_PTE_R | PG_PTE_C,
        0xB000 | VWU | PG_PTE_R,
    };
    FX_EQ(nb, 8);
    FX_EQ(t->n, nb);
    for (int i = 0; i < nb && i < t->n && i < 8; i++) {
        char what[64];
        snprintf(what, sizeof what, "PTE at step %d (bare)", i);
        fx_eq_at(bare[i], want[i], what, "", __LINE__, __FILE__);
        snprintf(what, sizeof what, "PTE at step %d (CP)", i);
        fx_eq_at(t->v[i], want[i], what, "", __LINE__, __FILE__);
    }
    free(t);
    cpx_pair_free(p);
    pg_machine_free(m);
    cpx_img_free(img);
}

/* Write-protected pages: every store (sw, sh, sb, stck) faults with
   protection and TEA = the store's address, before and after the page was
   read; setting W without a purge keeps refusing (the translation captured
   W = 0); after the purge stores work and set C; clearing W without a
   purge keeps allowing stores to a page captured writable. */
static void test_write_protect(void)
{
    for (int s = 0; s < 2; s++) {
        cpx_img *img = sh_image(t_states[s]);
        cpx_asm a = {img, BODY};
        cpx_li(&a, 5, VA_RO);
        cpx_li(&a, 7, L2A);
        E(&a, XI(sw, 1, 5, 0x40));                  /* protection, 0x23040 */
        E(&a, XI(lw, 1, 5, 0x44));                  /* fine */
        E(&a, XI(sh, 1, 5, 0x46));                  /* protection, 0x23046 */
        E(&a, XI(sb, 1, 5, 0x47));                  /* protection, 0x23047 */
        E(&a, XI(svc, 0, 0, 3));
        E(&a, XI(stck, 0, 5, 0x48));                /* protection, 0x23048 */
        E(&a, XI(svc, 0, 0, s ? 4 : 3));
        cpx_li(&a, 6, 0xC000 | VWU);
        E(&a, XI(sw, 6, 7, 4 * (VA_RO >> 12)));     /* W set, no purge */
        E(&a, XI(sw, 1, 5, 0x50));                  /* still protection, 0x23050 */
        E(&a, XI(svc, 0, 0, 1));
        E(&a, XI(sw, 1, 5, 0x54));                  /* works */
        E(&a, XI(lw, 2, 7, 4 * (VA_RO >> 12)));     /* R C */
        cpx_li(&a, 6, 0xC000 | PG_PTE_V | PG_PTE_U);
        E(&a, XI(sw, 6, 7, 4 * (VA_RO >> 12)));     /* W cleared, no purge */
        E(&a, XI(sw, 1, 5, 0x58));                  /* still works */
        E(&a, XI(svc, 0, 0, 1));
        E(&a, XI(sw, 1, 5, 0x5C));                  /* protection, 0x2305C */
        E(&a, XI(svc, 0, 0, 0));
        char ctx[64];
        snprintf(ctx, sizeof ctx, "write protection in %s", t_names[s]);
        cpx_pair *p = sh_run(img, ctx);
        static const uint32_t teas[] = {VA_RO + 0x40, VA_RO + 0x46, VA_RO + 0x47, VA_RO + 0x48,
                                        VA_RO + 0x50, VA_RO + 0x5C};
        for (int i = 0; i < 6; i++)
            LOGGED(p->vm, i, PG_PGM_PROTECTION, teas[i]);
        FX_EQC(ctx, NLOGGED(p->vm), 6);
        FX_EQC(ctx, cp_vm_get_gpr(p->vm, 2), 0xC000 | VWU | PG_PTE_R | PG_PTE_C);
        FX_EQC(ctx, cpx_vm_get32(p->vm, 0xC054), cp_vm_get_gpr(p->vm, 1));
        FX_EQC(ctx, cpx_vm_get32(p->vm, 0xC058), cp_vm_get_gpr(p->vm, 1));
        FX_EQC(ctx, cpx_vm_get32(p->vm, 0xC050), 0x5000C050);
        FX_EQC(ctx, cpx_vm_get32(p->vm, 0xC05C), 0x5000C05C);
        cpx_pair_free(p);
        cpx_img_free(img);
    }
}

/* Turning translation off and on (lpsw) does not purge: a PTE changed
   while T was off is not seen until ptlb; lra walks the tables and sees
   the new entry meanwhile. */
static void test_t_toggle_keeps_translations(void)
{
    cpx_img *img = sh_image(PG_PSW_S | PG_PSW_T);
    cpx_asm a = {img, BODY};
    cpx_li(&a, 5, VA_X);
    E(&a, XI(lw, 1, 5, 0));
    uint32_t off = a.pc + 4, on = off + 16;
    cpx_psw(img, D + 0x40, PG_PSW_S, off);
    cpx_psw(img, D + 0x48, PG_PSW_S | PG_PSW_T, on);
    E(&a, XI(lpsw, 0, 0, D + 0x40));                /* T off */
    cpx_li(&a, 6, 0x9000 | VWU);
    E(&a, XI(sw, 6, 0, (int32_t)PTE_A(VA_X)));      /* real store */
    E(&a, XI(lpsw, 0, 0, D + 0x48));                /* T on again */
    CU_ASSERT_EQUAL(a.pc, on);
    E(&a, XI(lw, 2, 5, 0));                         /* stale */
    E(&a, XI(lra, 3, 5, 0x24));                     /* the tables: 0x9024 */
    E(&a, XI(ptlb, 0, 0, 0));
    E(&a, XI(lw, 4, 5, 0));                         /* new */
    E(&a, XI(svc, 0, 0, 0));
    cpx_pair *p = sh_run(img, "T toggled");
    FX_EQ(cp_vm_get_gpr(p->vm, 1), 0x10008000);
    FX_EQ(cp_vm_get_gpr(p->vm, 2), 0x10008000);
    FX_EQ(cp_vm_get_gpr(p->vm, 3), 0x9024);
    FX_EQ(cp_vm_get_gpr(p->vm, 4), 0x20009000);
    cpx_pair_free(p);
    cpx_img_free(img);
}

/* Many pages in several segments and many address spaces (a 512 KiB guest,
   six spaces of 40 random pages each with random flags and frames): load
   and store every page of every space, twice, then change PTEs without
   purging and with it -- identical bare and under CP, faults included. */
enum { BIG = 512 * 1024, SPACES = 6, PAGES = 40, LIST = D + 0x400, TABLES = 0x10000,
       FRAMES = 0x40000 };

static cpx_img *many_spaces_image(uint32_t state, uint64_t seed)
{
    cpx_rng r = {seed};
    cpx_img *img = cpx_img_new(BIG);
    cpx_lowcore(img, PG_PSW_S);
    pgm_logger(img);
    svc_services(img);
    /* the log must hold every fault: 4096 entries at 0x30000 (r2 = 0x40000 is the end) */
    cpx_put32(img, LOGPTR, 0x30000);
    cpx_put32(img, PGM_H + 15 * 4, XI(lui, 2, 0, 4));
    for (uint32_t f = FRAMES; f < BIG; f += 4)
        cpx_put32(img, f, cpx_rand(&r));
    uint32_t l1s[SPACES];
    for (uint32_t s = 0; s < SPACES; s++) {
        uint32_t base = TABLES + s * 5 * PG_PAGE_SIZE;
        l1s[s] = base;
        for (uint32_t p = 0; p < 16; p++)
            cpx_map(img, base, base + PG_PAGE_SIZE, p << 12,
                    (p << 12) | PG_PTE_V | PG_PTE_W | (p ? PG_PTE_U : 0));
        for (uint32_t i = 0; i < PAGES; i++) {
            uint32_t seg = cpx_below(&r, 4);
            uint32_t va = seg << 22 | (0x20 + cpx_below(&r, 0x3C0)) << 12 | 4 * cpx_below(&r, 1024);
            uint32_t frame = FRAMES + cpx_below(&r, (BIG - FRAMES) / PG_PAGE_SIZE) * PG_PAGE_SIZE;
            static const uint32_t fl[] = {VWU, VWU, VWU, VWU, PG_PTE_V | PG_PTE_U,
                                          PG_PTE_V | PG_PTE_W, 0, VWU | PG_PTE_R};
            cpx_map(img, base, base + (1 + seg) * PG_PAGE_SIZE, va, frame | fl[cpx_below(&r, 8)]);
            cpx_put32(img, LIST + (s * PAGES + i) * 4, va);
        }
    }
    cpx_psw(img, START_PSW, state, BODY);
    CPX_CODE(img, FX_CODE, XI(lui, 15, 0, l1s[0] >> 16), XI(ori, 15, 15, l1s[0] & 0xFFFF),
             XI(lctl, 1, 15, 0), XI(lpsw, 0, 0, START_PSW));
    cpx_asm a = {img, BODY};
    for (int pass = 0; pass < 3; pass++)
        for (uint32_t s = 0; s < SPACES; s++) {
            cpx_li(&a, 8, l1s[s]);
            E(&a, XI(svc, 0, 0, 2));
            if (pass == 2 && s % 2) {
                /* change five PTEs of this space without purge: stale until svc 1 */
                for (uint32_t k = 0; k < 5; k++) {
                    uint32_t va = cpx_get32(img, LIST + (s * PAGES + k) * 4);
                    uint32_t pte_addr = cpx_pte_addr(img, l1s[s], va);
                    cpx_li(&a, 6, (FRAMES + k * PG_PAGE_SIZE) | VWU);
                    cpx_li(&a, 7, pte_addr);
                    E(&a, XI(sw, 6, 7, 0));
                }
            }
            for (int purge = 0; purge < (pass == 2 ? 2 : 1); purge++) {
                if (purge)
                    E(&a, XI(svc, 0, 0, 1));
                cpx_li(&a, 5, LIST + s * PAGES * 4);
                E(&a, XI(addi, 6, 0, PAGES));
                uint32_t top = a.pc;
                E(&a, XI(lw, 1, 5, 0));
                E(&a, XI(lw, 2, 1, 0));
                E(&a, X3(add, 3, 3, 2));
                E(&a, XI(sw, 3, 1, 0));
                E(&a, XI(addi, 5, 5, 4));
                E(&a, XI(addi, 6, 6, -1));
                uint32_t b = E(&a, XI(bne, 6, 0, 0));
                cpx_patch_br(img, b, top);
            }
        }
    E(&a, XI(svc, 0, 0, 0));
    return img;
}

/* Six address spaces of 40 random pages, four seeds, both states. */
static void test_many_pages_and_spaces(void)
{
    for (int s = 0; s < 2; s++)
        for (uint64_t seed = 1; seed <= 4; seed++) {
            cpx_img *img = many_spaces_image(t_states[s], seed * 7919);
            char ctx[64];
            snprintf(ctx, sizeof ctx, "many spaces seed %llu in %s", (unsigned long long)seed,
                     t_names[s]);
            cpx_opts o = {.max_cycles = 2000000, .slice = seed % 2 ? 0 : 97};
            cpx_pair *p = cpx_pair_new(img, &o);
            cpx_run(p);
            if (!CPX_CHECK(ctx, p))
                cpx_dump(img, "many-spaces");
            FX_EQC(ctx, cp_vm_get_state(p->vm), CP_VM_DISABLED_WAIT);
            FX_EQC(ctx, cp_vm_get_psw(p->vm).addr, FX_DONE);
            CU_ASSERT(cp_vm_get_stats(p->vm)->hidden_faults > 0);
            cpx_pair_free(p);
            cpx_img_free(img);
        }
}

/* A guest larger than one segment (8 MiB + 4 KiB, so its real view and its
   translated views span three first-level entries): stores and loads at
   both sides of each 4 MiB boundary and in the last page, and beyond the
   end (addressing with T off, page translation with T on) -- identical bare
   and under CP, in all four states. */
static void test_big_guest(void)
{
    enum { BIGMEM = (8u << 20) + PG_PAGE_SIZE, BL1 = 0x4000, BL2 = 0x5000 };
    static const uint32_t states4[] = {PG_PSW_S, 0, PG_PSW_S | PG_PSW_T, PG_PSW_T};
    static const uint32_t addrs[] = {0x3FFFFC, 0x400000, 0x400FFC, 0x7FFFFC, 0x800000,
                                     0x800FFC, 0x801000, 0x0FFFFFFC};
    cpx_img *img = cpx_img_new(BIGMEM);
    for (size_t st = 0; st < 4; st++) {
        memset(img->b, 0, BIGMEM);
        cpx_lowcore(img, PG_PSW_S);
        pgm_logger(img);
        svc_services(img);
        for (uint32_t pg = 0; pg < BIGMEM / PG_PAGE_SIZE; pg++)
            cpx_map(img, BL1, BL2 + (pg >> 10) * PG_PAGE_SIZE, pg << 12,
                    (pg << 12) | PG_PTE_V | PG_PTE_W | (pg ? PG_PTE_U : 0));
        cpx_psw(img, START_PSW, states4[st], BODY);
        CPX_CODE(img, FX_CODE, XI(lui, 15, 0, 0), XI(ori, 15, 15, BL1), XI(lctl, 1, 15, 0),
                 XI(lpsw, 0, 0, START_PSW));
        cpx_asm a = {img, BODY};
        for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++) {
            cpx_li(&a, 5, addrs[i]);
            E(&a, XI(sw, 5, 5, 0));
            E(&a, XI(lw, 6, 5, 0));
            E(&a, X3(add, 7, 7, 6));
        }
        E(&a, XI(svc, 0, 0, 0));
        char ctx[48];
        snprintf(ctx, sizeof ctx, "8 MiB + 4 KiB guest, state 0x%x", states4[st]);
        cpx_opts o = {.real_mem = 16u << 20, .max_cycles = 100000};
        cpx_pair *p = cpx_pair_new(img, &o);
        cpx_run(p);
        CPX_CHECK(ctx, p);
        FX_EQC(ctx, cpx_vm_get32(p->vm, 0x800FFC), 0x800FFC);
        FX_EQC(ctx, cpx_vm_get32(p->vm, 0x400000), 0x400000);
        FX_EQC(ctx, NLOGGED(p->vm), 4);          /* two beyond the end, both twice */
        uint32_t code = states4[st] & PG_PSW_T ? PG_PGM_PAGE : PG_PGM_ADDRESSING;
        LOGGED(p->vm, 0, code, 0x801000);
        cpx_pair_free(p);
    }
    cpx_img_free(img);
}

/* The shadow cases of this file all at once in one CP, as several VMs with
   tiny slices (each dispatch reloads the real CR1): each VM still matches
   its solo bare run. */
static void test_shadow_many_vms(void)
{
    cpx_img *imgs[8];
    int n = 0;
    imgs[n++] = many_spaces_image(PG_PSW_S | PG_PSW_T, 11);
    imgs[n++] = many_spaces_image(PG_PSW_T, 12);
    imgs[n++] = many_spaces_image(PG_PSW_S | PG_PSW_T, 13);
    imgs[n++] = many_spaces_image(PG_PSW_T, 14);
    imgs[n++] = fz_build(31337, 0);
    imgs[n++] = fz_build(31338, 0);
    for (int k = 0; k < 2; k++) {
        cpx_opts o = {.max_cycles = 2000000, .slice = k ? 11 : 1000, .real_mem = 8u << 20,
                      .input = fz_input};
        cpx_multi *mm = cpx_multi_new(imgs, n, &o);
        cpx_multi_run(mm);
        for (int i = 0; i < n; i++) {
            char ctx[64];
            snprintf(ctx, sizeof ctx, "shadow VMs slice %llu, VM %d", (unsigned long long)o.slice,
                     i);
            CPX_MULTI_CHECK(ctx, mm, i);
        }
        cpx_multi_free(mm);
    }
    for (int i = 0; i < n; i++)
        cpx_img_free(imgs[i]);
}

static const pg_test shadow_tests[] = {
    {"PTE change without purge, then purge", test_pte_change_then_purge},
    {"PTE invalidated, then purge", test_pte_invalidate_then_purge},
    {"CR1 switch between address spaces", test_cr1_switch},
    {"supervisor-only page hidden from problem state", test_supervisor_only_page},
    {"R and C bits", test_r_and_c_bits},
    {"R and C bits read after each step", test_r_and_c_stepwise},
    {"write-protected pages", test_write_protect},
    {"T off and on keeps translations", test_t_toggle_keeps_translations},
    {"many pages and address spaces", test_many_pages_and_spaces},
    {"a guest larger than a segment", test_big_guest},
    {"several VMs with shadow tables", test_shadow_many_vms},
    {NULL, NULL},
};

int main(int argc, char **argv)
{
    static const pg_suite suites[] = {
        {"shadow", shadow_tests},
        {NULL, NULL},
    };
    return pg_test_main(argc, argv, suites);
}
