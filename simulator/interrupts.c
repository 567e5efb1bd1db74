/*
 * interrupts.c -- PSW swapping through low core, pending interrupts, waits
 * and everything else that happens at an instruction boundary.
 */
#include "cpu_priv.h"


/* Make psw current (it is valid); the fast loop must re-examine everything. */
void pg_load_psw(pg_machine *m, pg_psw psw)
{
    bool same_mode = !((psw.flags ^ m->psw.flags) & (PG_PSW_S | PG_PSW_T));
    m->psw = psw;
    if (!same_mode)                 /* the fetch page stays valid within one mode */
        pg_mmu_mode_changed(m);
    m->ev = 0;
}

/* Let cycles pass: TOD forward (the timer follows, being derived from it). */
void pg_advance(pg_machine *m, uint64_t cycles)
{
    m->tod += cycles;
    m->stats.cycles += cycles;
}

/* Ask the run loop to return with reason at the next boundary. */
static void request_stop(pg_machine *m, pg_stop reason)
{
    m->stop_pending = true;
    m->stop_reason = reason;
    m->ev = 0;
}

/* Take an interrupt: hand it to the hook, or swap PSWs through low core. */
static void take(pg_machine *m, const pg_interrupt *irqp)
{
    const pg_interrupt irq = *irqp;
    pg_int_class cls = irq.cls;
    uint32_t code = irq.code, tea = irq.tea;
    pg_psw old = irq.old;
    const uint32_t *csw = irq.csw;
    bool was_guarded = m->pgm_guard && m->pgm_guard_icount == m->stats.instructions;
    if (!m->hook && cls == PG_INT_PROGRAM && was_guarded) {
        /* the program new PSW led straight to another program exception:
           nothing is stored, no time passes, the interrupt is not counted */
        m->psw = old;
        m->check_stopped = true;
        request_stop(m, PG_STOP_CHECK_STOP);
        return;
    }
    m->stats.interrupts[cls]++;
    if (m->step_info) {
        m->step_info->interrupted = true;
        m->step_info->irq = irq;
    }
    if (m->hook) {
        pg_load_psw(m, old);
        if (m->hook(m->hook_ctx, m, irqp) == PG_HOOK_STOP)
            request_stop(m, PG_STOP_HOOK);
        m->ev = 0;
        return;
    }
    pg_store_real32(m, pg_lowcore(cls).old_psw, old.flags);
    pg_store_real32(m, pg_lowcore(cls).old_psw + 4, old.addr);
    pg_store_real32(m, pg_lowcore(cls).code, code);
    if (cls == PG_INT_PROGRAM && pg_code_stores_tea(code))
        pg_store_real32(m, PG_LC_TEA, tea);
    if (cls == PG_INT_IO) {
        pg_store_real32(m, PG_LC_CSW, csw[0]);
        pg_store_real32(m, PG_LC_CSW + 4, csw[1]);
    }
    pg_psw new_psw = {pg_be32(m->mem + pg_lowcore(cls).new_psw),
                      pg_be32(m->mem + pg_lowcore(cls).new_psw + 4)};
    pg_advance(m, PG_INTERRUPT_CYCLES);
    m->pgm_guard = cls == PG_INT_PROGRAM;
    m->pgm_guard_icount = m->stats.instructions;
    if (new_psw.flags & ~(uint32_t)PG_PSW_VALID) {
        m->psw = new_psw;
        m->check_stopped = true;
        request_stop(m, PG_STOP_CHECK_STOP);
        return;
    }
    pg_load_psw(m, new_psw);
}

/* Take an interrupt of a class with its code (and CSW for I/O). */
void pg_take_interrupt(pg_machine *m, pg_int_class cls, uint32_t code, uint32_t tea,
                       pg_psw old, const uint32_t csw[2])
{
    pg_interrupt irq = {.cls = cls, .code = code, .tea = tea, .old = old,
                        .csw = {csw ? csw[0] : 0, csw ? csw[1] : 0}};
    take(m, &irq);
}

/* A program exception at the instruction the PSW points to (nullified);
   the failing access and the instruction word go to the hook. */
void pg_program_exception(pg_machine *m, uint32_t code, uint32_t tea, pg_access acc,
                          bool fetched, uint32_t word)
{
    pg_interrupt irq = {.cls = PG_INT_PROGRAM, .code = code, .tea = tea, .old = m->psw,
                        .access = acc, .fetched = fetched, .word = word};
    take(m, &irq);
}

/* The first cycle at which an enabled interrupt is pending, or PG_NEVER. */
static uint64_t next_enabled_event(const pg_machine *m)
{
    uint64_t t = PG_NEVER;
    if (m->psw.flags & PG_PSW_E) {
        int64_t timer = pg_timer_now(m);
        t = timer < 0 ? m->tod : m->tod + (uint64_t)timer + 1;
    }
    if (m->psw.flags & PG_PSW_I) {
        uint64_t io = pg_channel_next_pending(&m->chan);
        if (io < t)
            t = io < m->tod ? m->tod : io;
    }
    return t;
}

/* Take the highest-priority enabled pending interrupt, if any. */
static bool take_pending(pg_machine *m)
{
    if ((m->psw.flags & PG_PSW_E) && pg_timer_now(m) < 0) {
        pg_take_interrupt(m, PG_INT_EXTERNAL, PG_EXT_CPU_TIMER, 0, m->psw, NULL);
        return true;
    }
    uint16_t dev;
    uint32_t csw[2];
    if ((m->psw.flags & PG_PSW_I) && pg_channel_take_interrupt(&m->chan, m->tod, &dev, csw)) {
        pg_take_interrupt(m, PG_INT_IO, dev, 0, m->psw, csw);
        return true;
    }
    return false;
}

/* The slow half of an instruction boundary: stops, the budget, interrupts
   and waits.  Returns true when the run must end with *stop; false when the
   fast loop may execute, with m->ev set to the next cycle it must come back. */
bool pg_boundary(pg_machine *m, pg_stop *stop)
{
    for (;;) {
        if (m->stop_pending) {
            m->stop_pending = false;
            *stop = m->stop_reason;
            return true;
        }
        if (m->check_stopped) {
            *stop = PG_STOP_CHECK_STOP;
            return true;
        }
        if (m->step_armed) {
            m->step_armed = false;
            *stop = PG_STOP_STEP;
            return true;
        }
        if (m->tod >= m->run_end) {
            *stop = PG_STOP_BUDGET;
            return true;
        }
        if (take_pending(m)) {
            if (m->step_mode)
                m->step_armed = true;
            continue;
        }
        if (m->psw.flags & PG_PSW_W) {
            if (!(m->psw.flags & (PG_PSW_I | PG_PSW_E))) {
                *stop = PG_STOP_DISABLED_WAIT;
                return true;
            }
            uint64_t t = next_enabled_event(m);
            if (t == PG_NEVER) {
                *stop = PG_STOP_IDLE_WAIT;
                return true;
            }
            uint64_t until = t < m->run_end ? t : m->run_end;
            m->stats.wait_cycles += until - m->tod;
            pg_advance(m, until - m->tod);
            continue;
        }
        if (m->step_mode) {
            m->step_armed = true;
            if (m->step_info) {
                m->step_info->addr = m->psw.addr;
                m->step_info->fetched = pg_peek_fetch(m, m->psw.addr, &m->step_info->word);
            }
            m->ev = 0;
            return false;
        }
        uint64_t t = next_enabled_event(m);
        m->ev = t < m->run_end ? t : m->run_end;
        return false;
    }
}
