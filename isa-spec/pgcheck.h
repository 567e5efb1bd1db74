/*
 * pgcheck.h -- the Popek-Goldberg check, derived from the instruction table:
 * PG32 is virtualizable by trap-and-emulate when every sensitive instruction
 * (one that touches control state, pg_insn_info_sensitive) is privileged, so
 * that it traps in problem state.  The check takes any table, so a test can
 * show it catching a deliberately broken one, and the non-virtualizable
 * variant of PG32 planned for later can be checked the same way.
 */
#ifndef PG32_PGCHECK_H
#define PG32_PGCHECK_H

#include <stddef.h>

#include "isa.h"

/*
 * Rows of tab[0 .. count) that are sensitive but not privileged: returns how
 * many there are and stores the first max of their indices in offenders.  The
 * table is virtualizable exactly when it returns 0.
 */
size_t pg_check_virtualizable(const pg_insn_info *tab, size_t count,
                              size_t *offenders, size_t max);

#endif
