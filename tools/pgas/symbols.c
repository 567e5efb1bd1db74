/*
 * symbols.c -- the symbol table: FNV-1a hashing, linear probing, and a table
 * that doubles before it is half full.
 */
#include "symbols.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a over the name's bytes. */
static size_t hash(const char *name, size_t len)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)name[i];
        h *= 1099511628211u;
    }
    return (size_t)h;
}

/* The slot where name is, or the empty slot where it would go. */
static size_t probe(const symtab *tab, const char *name, size_t len)
{
    size_t mask = tab->cap - 1;
    size_t i = hash(name, len) & mask;
    while (tab->slots[i]) {
        const asm_sym *s = tab->slots[i];
        if (s->len == len && memcmp(s->name, name, len) == 0)
            break;
        i = (i + 1) & mask;
    }
    return i;
}

/* Look a name up. */
asm_sym *sym_find(const symtab *tab, const char *name, size_t len)
{
    if (!tab->cap)
        return NULL;
    return tab->slots[probe(tab, name, len)];
}

/* Double the table (or make the first one) and rehash every symbol. */
static bool grow(symtab *tab)
{
    size_t cap = tab->cap ? tab->cap * 2 : 64;
    asm_sym **old = tab->slots;
    size_t oldcap = tab->cap;
    tab->slots = calloc(cap, sizeof *tab->slots);
    if (!tab->slots) {
        tab->slots = old;
        return false;
    }
    tab->cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i])
            tab->slots[probe(tab, old[i]->name, old[i]->len)] = old[i];
    free(old);
    return true;
}

/* Insert a fresh, pending symbol. */
asm_sym *sym_add(symtab *tab, const char *name, size_t len)
{
    if ((tab->count + 1) * 2 > tab->cap && !grow(tab))
        return NULL;
    asm_sym *s = calloc(1, sizeof *s);
    char *copy = malloc(len + 1);
    if (!s || !copy) {
        free(s);
        free(copy);
        return NULL;
    }
    memcpy(copy, name, len);
    copy[len] = '\0';
    s->name = copy;
    s->len = len;
    s->state = SYM_PENDING;
    tab->slots[probe(tab, name, len)] = s;
    tab->count++;
    return s;
}

/* Free the symbols and the slots. */
void sym_free(symtab *tab)
{
    for (size_t i = 0; i < tab->cap; i++) {
        if (tab->slots[i]) {
            free(tab->slots[i]->name);
            free(tab->slots[i]);
        }
    }
    free(tab->slots);
    tab->slots = NULL;
    tab->cap = tab->count = 0;
}
