/*
 * trace.c -- pgsim --trace: each instruction executed, disassembled,
 * with the registers it changed; each interrupt with its old PSW.
 */
#include <stdio.h>
#include <string.h>

#include "isa.h"
#include "front.h"

static const char *const class_names[PG_INT_CLASSES] = {
    [PG_INT_EXTERNAL] = "external", [PG_INT_SVC] = "SVC", [PG_INT_PROGRAM] = "program",
    [PG_INT_MACHINE_CHECK] = "machine-check", [PG_INT_IO] = "I/O",
};

/* The name of an interrupt class, for messages. */
const char *pgsim_class_name(pg_int_class cls)
{
    return cls < PG_INT_CLASSES ? class_names[cls] : "?";
}

/* Print one step: the instruction and the registers it changed, or the interrupt. */
static void print_step(FILE *out, const pg_machine *m, const pg_step_info *info,
                       const uint32_t before[16], uint64_t tod_before)
{
    if (info->fetched) {
        char text[96];
        pg_disassemble(info->word, info->addr, text, sizeof text, NULL, NULL);
        fprintf(out, "%10llu  %08x  %08x  %-30s", (unsigned long long)tod_before,
                info->addr, info->word, text);
        for (unsigned i = 1; i < 16; i++)
            if (pg_get_gpr(m, i) != before[i])
                fprintf(out, " r%u=%08x", i, pg_get_gpr(m, i));
        fputc('\n', out);
    }
    if (info->interrupted) {
        const pg_interrupt *q = &info->irq;
        pg_psw now = pg_get_psw(m);
        fprintf(out, "%10llu  *** %s interrupt, code 0x%04x, old PSW %08x %08x, new PSW %08x %08x\n",
                (unsigned long long)pg_get_tod(m), pgsim_class_name(q->cls), q->code,
                q->old.flags, q->old.addr, now.flags, now.addr);
    }
}

/* Run one step at a time until a stop or the cycle limit, tracing to out. */
pg_stop pgsim_run_traced(pg_machine *m, uint64_t max_cycles, FILE *out)
{
    for (;;) {
        if (pg_get_tod(m) >= max_cycles)
            return PG_STOP_BUDGET;
        uint32_t before[16];
        for (unsigned i = 0; i < 16; i++)
            before[i] = pg_get_gpr(m, i);
        uint64_t tod = pg_get_tod(m);
        pg_step_info info;
        pg_stop s = pg_step(m, &info);
        print_step(out, m, &info, before, tod);
        if (s != PG_STOP_STEP)
            return s;
    }
}
