/*
 * symtab.c -- symbol tables in memory: lookup order, and the binary searches
 * that put names on addresses (the disassembler calls lookup once a word).
 */
#include "symfile.h"

#include <stdlib.h>
#include <string.h>

/* Lookup order: labels before equates, then by value, then by name. */
static int lookup_order(const void *pa, const void *pb)
{
    const pg_symbol *a = pa, *b = pb;
    bool la = a->kind == 'T', lb = b->kind == 'T';
    if (la != lb)
        return la ? -1 : 1;
    if (a->value != b->value)
        return a->value < b->value ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Sort in place; qsort is enough, a table is sorted once after it is built. */
void pg_symtab_sort(pg_symtab *tab)
{
    if (tab->count > 1)
        qsort(tab->syms, tab->count, sizeof tab->syms[0], lookup_order);
}

/* Free the names and the array, and leave an empty table behind. */
void pg_symtab_free(pg_symtab *tab)
{
    for (size_t i = 0; i < tab->count; i++)
        free(tab->syms[i].name);
    free(tab->syms);
    tab->syms = NULL;
    tab->count = 0;
}

/* Labels form a prefix of a table in lookup order: find its end by bisection. */
size_t pg_symtab_label_count(const pg_symtab *tab)
{
    size_t lo = 0, hi = tab->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tab->syms[mid].kind == 'T')
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* First label with value >= addr: a lower bound over the label prefix. */
size_t pg_symtab_label_index(const pg_symtab *tab, uint32_t addr)
{
    size_t lo = 0, hi = pg_symtab_label_count(tab);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tab->syms[mid].value < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Nearest label at or below addr, by bisection: the pg_symbolizer for pgdis. */
const char *pg_symtab_lookup(void *ctx, uint32_t addr, uint32_t *offset)
{
    const pg_symtab *tab = ctx;
    if (!tab)
        return NULL;
    /* The first label above addr; the one before it is the nearest below. */
    size_t lo = 0, hi = pg_symtab_label_count(tab);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tab->syms[mid].value <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    uint32_t value = tab->syms[lo - 1].value;
    if (addr - value >= PG_SYMTAB_NEAR)
        return NULL;
    /* Several labels may share the value: name it by the first of them. */
    const pg_symbol *s = &tab->syms[pg_symtab_label_index(tab, value)];
    if (offset)
        *offset = addr - value;
    return s->name;
}

/* The value of the label of that name. */
bool pg_symtab_find(const pg_symtab *tab, const char *name, uint32_t *value)
{
    for (size_t i = 0; i < tab->count; i++)
        if (tab->syms[i].kind == 'T' && strcmp(tab->syms[i].name, name) == 0) {
            *value = tab->syms[i].value;
            return true;
        }
    return false;
}
