/*
 * panel_vm.c -- the VM list and the selected VM's pane: registers, virtual
 * PSW and CRs beside the real PSW, and the disassembly around its PSW.
 */
#include <stdio.h>
#include <string.h>

#include "panel.h"

/* A VM's state in a few words. */
const char *panel_state_text(cp_vm *vm, char *buf, size_t n)
{
    static const char *const why[] = {
        [CP_STOP_OPERATOR] = "stopped", [CP_STOP_BREAKPOINT] = "stopped: breakpoint",
        [CP_STOP_TRAP] = "stopped: trap", [CP_STOP_STEP] = "stopped: step",
    };
    switch (cp_vm_get_state(vm)) {
    case CP_VM_READY: snprintf(buf, n, "running"); break;
    case CP_VM_BLOCKED:
        snprintf(buf, n, "%s", cp_vm_block_reason(vm) == CP_BLOCK_CONSOLE ? "waiting: console"
                                                                          : "enabled wait");
        break;
    case CP_VM_STOPPED: {
        cp_stop_reason r = cp_vm_stop_reason(vm);
        snprintf(buf, n, "%s", (unsigned)r < 4 ? why[r] : "stopped");
        break;
    }
    case CP_VM_DISABLED_WAIT:
        snprintf(buf, n, "disabled wait %x", (unsigned)cp_vm_get_psw(vm).addr);
        break;
    case CP_VM_CHECK_STOP: snprintf(buf, n, "check stop"); break;
    case CP_VM_MAX_CYCLES: snprintf(buf, n, "cycle limit"); break;
    default: snprintf(buf, n, "not IPLed"); break;
    }
    return buf;
}

/* Traps a VM caused: emulations, reflections and hidden faults. */
static uint64_t vm_traps(const cp_vm_stats *s)
{
    uint64_t t = s->emulated + s->hidden_faults;
    for (int i = 0; i < PG_INT_CLASSES; i++)
        t += s->reflected[i];
    return t;
}

/* The VM list, the selected VM highlighted. */
void panel_draw_list(panel *p)
{
    WINDOW *w = p->list;
    werase(w);
    panel_title(w, " VM        STATE                 VIRTUAL PSW        INSTRUCTIONS"
                   "        TRAPS  DIRECT");
    cp_vm *sel = panel_selected(p);
    int rows = getmaxy(w) - 1, n = cp_vm_count(p->c), first = 0;
    for (int i = 0; i < n; i++)
        if (cp_vm_at(p->c, i) == sel && i >= rows)
            first = i - rows + 1;
    for (int i = first; i < n && i - first < rows; i++) {
        cp_vm *vm = cp_vm_at(p->c, i);
        const cp_vm_stats *s = cp_vm_get_stats(vm);
        char st[40];
        pg_psw psw = cp_vm_get_psw(vm);
        if (vm == sel)
            wattron(w, A_REVERSE);
        mvwprintw(w, 1 + i - first, 0, "%c%-9s %-21s %08x %08x %15llu %12llu %6.2f%%",
                  vm == sel ? '>' : ' ', cp_vm_name(vm), panel_state_text(vm, st, sizeof st),
                  (unsigned)psw.flags, (unsigned)psw.addr,
                  (unsigned long long)(s->direct + s->emulated),
                  (unsigned long long)vm_traps(s), 100.0 * cp_vm_efficiency(vm));
        wclrtoeol(w);
        if (vm == sel)
            wattroff(w, A_REVERSE);
    }
    wnoutrefresh(w);
}

/* The newest real PSW the trap log saw for vm (false: none). */
static bool last_real_psw(panel *p, cp_vm *vm, pg_psw *psw)
{
    uint64_t n = p->ntraps < PANEL_TRAPS ? p->ntraps : PANEL_TRAPS;
    for (uint64_t k = 1; k <= n; k++) {
        const panel_trap *t = &p->traps[(p->ntraps - k) % PANEL_TRAPS];
        if (t->vm == vm) {
            *psw = t->rpsw;
            return true;
        }
    }
    return false;
}

/* Registers r0-r15 and CRs c0-c15, PSWs. */
void panel_draw_regs(panel *p)
{
    WINDOW *w = p->regs;
    werase(w);
    cp_vm *vm = panel_selected(p);
    if (!vm) {
        panel_title(w, " no VM");
        wnoutrefresh(w);
        return;
    }
    char title[80], st[40];
    snprintf(title, sizeof title, " %s  %s", cp_vm_name(vm), panel_state_text(vm, st, sizeof st));
    panel_title(w, title);
    pg_arch_state s;
    cp_vm_get_state_regs(vm, &s);
    for (int row = 0; row < 4; row++) {
        wmove(w, 1 + row, 0);
        for (int k = 0; k < 4; k++)
            wprintw(w, "r%-2d %08x  ", row * 4 + k, (unsigned)s.gpr[row * 4 + k]);
        wprintw(w, "  ");
        for (int k = 0; k < 4 && row * 4 + k < PG_CR_COUNT; k++)
            wprintw(w, "c%-2d %08x  ", row * 4 + k, (unsigned)s.cr[row * 4 + k]);
    }
    pg_psw rp;
    mvwprintw(w, 5, 0, "virtual PSW %08x %08x   real PSW -- (not on the real CPU)",
              (unsigned)s.psw.flags, (unsigned)s.psw.addr);
    if (last_real_psw(p, vm, &rp))
        wprintw(w, ", at its last trap %08x %08x", (unsigned)rp.flags, (unsigned)rp.addr);
    wnoutrefresh(w);
}

/* "label:" when one of the VM's labels names addr exactly, else "". */
static void label_at(panel *p, cp_vm *vm, uint32_t addr, char *buf, size_t n)
{
    cp_op_vm *r = cp_operator_vm(&p->op, vm);
    uint32_t off = 1;
    const char *name = r && r->syms ? pg_symtab_lookup(r->syms, addr, &off) : NULL;
    snprintf(buf, n, "%s%s", name && off == 0 ? name : "", name && off == 0 ? ":" : "");
}

/* The instructions around the selected VM's PSW, with its labels. */
void panel_draw_dis(panel *p)
{
    WINDOW *w = p->dis;
    werase(w);
    panel_title(w, " instructions");
    cp_vm *vm = panel_selected(p);
    int rows = getmaxy(w) - 1;
    if (vm && rows > 0) {
        uint32_t at = cp_vm_get_psw(vm).addr & ~3u;
        uint32_t back = (uint32_t)(rows / 3) * 4u;
        uint32_t start = at >= back ? at - back : 0;
        for (int i = 0; i < rows; i++) {
            uint32_t a = start + 4u * (uint32_t)i;
            char text[128];
            cp_operator_insn_at(&p->op, vm, a, text, sizeof text);
            char label[16];
            label_at(p, vm, a, label, sizeof label);
            if (a == at)
                wattron(w, A_BOLD | COLOR_PAIR(2));
            mvwprintw(w, 1 + i, 0, "%s%08x %-10s %s", a == at ? "=>" : "  ", (unsigned)a, label,
                      *text ? text : "(not readable)");
            if (a == at)
                wattroff(w, A_BOLD | COLOR_PAIR(2));
        }
    }
    wnoutrefresh(w);
}
