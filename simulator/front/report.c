/*
 * report.c -- the counters of --stats, in one format for pgsim and pgvmm.
 */
#include "front.h"

/* Print a machine's counters to standard error, each line prefixed "prog: ". */
void pgsim_print_stats(const char *prog, const pg_stats *s, double seconds)
{
    fprintf(stderr, "%s: instructions %llu\n", prog, (unsigned long long)s->instructions);
    fprintf(stderr, "%s: cycles %llu (%llu in waits)\n", prog, (unsigned long long)s->cycles,
            (unsigned long long)s->wait_cycles);
    fprintf(stderr, "%s: host seconds %.3f\n", prog, seconds);
    fprintf(stderr, "%s: guest MIPS %.1f\n", prog,
            seconds > 0 ? (double)s->instructions / seconds / 1e6 : 0.0);
    fprintf(stderr, "%s: interrupts", prog);
    for (int c = 0; c < PG_INT_CLASSES; c++)
        fprintf(stderr, " %s %llu", pgsim_class_name((pg_int_class)c),
                (unsigned long long)s->interrupts[c]);
    fprintf(stderr, "\n%s: TLB misses %llu\n", prog, (unsigned long long)s->tlb_misses);
}
