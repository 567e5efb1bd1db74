/*
 * shadow.c -- shadow page tables: the tables the real machine translates a
 * guest with.  Three views per VM: guest real mode (guest real page -> CP
 * frame), and, with guest translation on, one for virtual supervisor and one
 * for virtual problem state.  The translated views are filled lazily on
 * hidden faults and *only* from the VM's architected TLB (tlb.h), so the
 * guest's R and C bits, faults and stale translations are exactly the bare
 * machine's.  Guest page tables are never write-protected: a guest changing
 * a PTE sees no effect until it purges, just as on the bare machine.
 *
 * Every shadow entry is U (the guest runs in real problem state).  It is W
 * only when the captured guest entry has W and C: the first store to a page
 * therefore faults into CP, which sets C in the guest's entry first.
 */
#include <stdlib.h>

#include "cp_priv.h"

/* Which view the VM's current mode runs in. */
int cp_view_index(const cp_vm *vm)
{
    if (!(vm->psw.flags & PG_PSW_T))
        return CP_VIEW_REAL;
    return (vm->psw.flags & PG_PSW_S) ? CP_VIEW_SUP : CP_VIEW_PROB;
}

/* Give a view's tables back.  If the real machine is translating through
   it right now, its TLB holds translations made from these tables: purge it,
   or a rebuilt view that gets the same first-level frame back would let
   them live on. */
static void release_view(cp_vm *vm, cp_view *w)
{
    cp *c = vm->cp;
    if (w->l1 && c->current == vm && pg_get_cr(c->m, PG_CR_PTO) == w->l1)
        pg_purge_tlb(c->m);
    for (uint32_t k = 0; k < w->nl2; k++)
        cp_frame_release(c, w->l2[k]);
    if (w->l1)
        cp_frame_release(c, w->l1);
    c->shadow_used -= w->nl2 + (w->l1 != 0);
    w->l1 = 0;
    w->nl2 = 0;
}

/* A frame within the shadow tables' budget, or 0. */
static uint32_t budget_frame(cp *c)
{
    if (c->shadow_used >= c->shadow_reserve)
        return 0;
    uint32_t f = cp_frame_alloc(c);
    c->shadow_used += f != 0;
    return f;
}

/* Drop the views of other VMs, round-robin from where the last reclaim
   stopped, until a quarter of the budget is free: reclaiming a little at a
   time keeps most VMs' tables, so they do not all refault at once. */
static void reclaim(cp_vm *vm)
{
    cp *c = vm->cp;
    uint32_t goal = c->shadow_reserve - c->shadow_reserve / 4;
    for (int k = 0; k < c->nvms && c->shadow_used > goal; k++) {
        cp_vm *other = c->vms[c->reclaim_cursor++ % c->nvms];
        if (other == vm)
            continue;
        for (int v = 0; v < CP_VIEWS; v++)
            release_view(other, &other->view[v]);
    }
}

/* A fresh table frame.  Shadow tables are only a cache, held to a budget
   so that they never take frames promised to guest storage: when it is
   spent, drop other VMs' views (rebuilt on use by hidden faults), then this
   VM's other views, and as a last resort the view being filled itself
   (callers fetch its first-level table again afterwards). */
static uint32_t table_frame(cp_vm *vm)
{
    cp *c = vm->cp;
    uint32_t f = budget_frame(c);
    if (f)
        return f;
    reclaim(vm);
    if ((f = budget_frame(c)))
        return f;
    int mine = cp_view_index(vm);
    for (int v = 0; v < CP_VIEWS; v++)
        if (v != mine)
            release_view(vm, &vm->view[v]);
    if ((f = budget_frame(c)))
        return f;
    release_view(vm, &vm->view[mine]);
    if (!(f = budget_frame(c)))
        abort();                    /* a budget below two frames: cp_frames_init forbids it */
    return f;
}

/* Release every view (IPL, logoff). */
void cp_shadow_release(cp_vm *vm)
{
    for (int v = 0; v < CP_VIEWS; v++) {
        release_view(vm, &vm->view[v]);
        free(vm->view[v].l2);
        vm->view[v].l2 = NULL;
        vm->view[v].capl2 = 0;
    }
}

/* The generation a view must have to be current. */
static uint32_t wanted_gen(const cp_vm *vm, int v)
{
    return v == CP_VIEW_REAL ? 1 : vm->tlb.gen;
}

/* May view v still be used: was it filled for the VM's TLB as it is now? */
static bool view_current(cp_vm *vm, int v)
{
    /* LAB shadow BEGIN: a translated view is stale once the VM's TLB was purged after it was built (compare generations); the real-mode view never goes stale */
    return vm->view[v].gen == wanted_gen(vm, v);
    /* LAB shadow STUB
    (void)v;
    cp_lab_todo(vm, "shadow", "the staleness of a shadow view (view_current in vmm/shadow.c)");
    return true;
    LAB shadow END */
}

/* The first-level table of view v, rebuilt empty if the VM's TLB was
   purged since it was filled. */
static uint32_t view_l1(cp_vm *vm, int v)
{
    cp_view *w = &vm->view[v];
    if (w->l1 && view_current(vm, v))
        return w->l1;
    release_view(vm, w);
    w->l1 = table_frame(vm);
    w->gen = wanted_gen(vm, v);
    return w->l1;
}

/* CR1 for the real machine while it runs this VM in its current mode. */
uint32_t cp_view_origin(cp_vm *vm)
{
    return view_l1(vm, cp_view_index(vm));
}

/* The VM's architected TLB was purged: the translated views go stale by
   generation (O(1)); the real machine must switch to a fresh one. */
void cp_shadow_purge(cp_vm *vm)
{
    cp_vm_switch_view(vm);
}

/* Read a word of real storage. */
static uint32_t real32(cp *c, uint32_t addr)
{
    uint8_t b[4];
    pg_read_real(c->m, addr, b, 4);
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Write a word of real storage. */
static void set_real32(cp *c, uint32_t addr, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    pg_write_real(c->m, addr, b, 4);
}

/* Set the shadow entry for va in view v, adding a second-level table if
   needed (which may rebuild the view; then the entry goes into the new one). */
static void set_entry(cp_vm *vm, int v, uint32_t va, uint32_t pte)
{
    cp *c = vm->cp;
    cp_view *w = &vm->view[v];
    uint32_t seg = real32(c, view_l1(vm, v) + (va >> 22) * 4);
    if (!(seg & PG_PTE_V)) {
        uint32_t l2 = table_frame(vm);
        uint32_t l1 = view_l1(vm, v);     /* again: table_frame may have dropped the view */
        if (w->nl2 == w->capl2) {
            uint32_t cap = w->capl2 ? w->capl2 * 2 : 8;
            uint32_t *p = realloc(w->l2, cap * sizeof *p);
            if (!p)
                abort();
            w->l2 = p;
            w->capl2 = cap;
        }
        w->l2[w->nl2++] = l2;
        seg = l2 | PG_PTE_V;
        set_real32(c, l1 + (va >> 22) * 4, seg);
    }
    set_real32(c, (seg & PG_PTE_ADDR_MASK) + ((va >> 12) & 0x3FF) * 4, pte);
    cp_vm_switch_view(vm);          /* a rebuilt view has a new first-level table */
}

/* A translation exception of the real machine while it ran the guest:
   resolve it from the VM's own translation.  Returns 0 when it was hidden
   (the shadow now has the entry), else the program-interruption code the
   guest itself must see for this access. */
int cp_shadow_fault(cp_vm *vm, const pg_interrupt *irq)
{
    /* LAB shadow BEGIN: translate as the VM's own TLB does (its faults go to the guest), then map the frame in the current view: writable only if the captured entry has W and C */
    uint32_t va = irq->tea, gra;
    int code = cp_vm_translate(vm, va, irq->access, &gra);
    if (code)
        return code;
    uint32_t frame = cp_vm_frame(vm, gra, true);
    uint32_t pte = frame | PG_PTE_V | PG_PTE_U;
    int v = cp_view_index(vm);
    if (v == CP_VIEW_REAL) {
        pte |= PG_PTE_W;
    } else {
        const pg_tlb_entry *e = pg_tlb_lookup(&vm->tlb, va);
        if ((e->pte & PG_PTE_W) && (e->pte & PG_PTE_C))
            pte |= PG_PTE_W;
    }
    set_entry(vm, v, va, pte);
    if (irq->code == PG_PGM_PROTECTION)
        pg_purge_tlb(vm->cp->m);    /* the real TLB holds the entry without W */
    vm->stats.hidden_faults++;
    return 0;
    /* LAB shadow STUB
    (void)irq;
    (void)set_entry;
    cp_lab_todo(vm, "shadow", "the shadow-table fill (cp_shadow_fault in vmm/shadow.c)");
    return 0;
    LAB shadow END */
}
