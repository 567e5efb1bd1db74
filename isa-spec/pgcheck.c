/*
 * pgcheck.c -- the Popek-Goldberg condition over an instruction table.
 */
#include "pgcheck.h"

/* Sensitive set minus privileged set: the rows that would not trap. */
size_t pg_check_virtualizable(const pg_insn_info *tab, size_t count,
                              size_t *offenders, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        if (!pg_insn_info_sensitive(&tab[i]) || tab[i].privileged)
            continue;
        if (n < max)
            offenders[n] = i;
        n++;
    }
    return n;
}
