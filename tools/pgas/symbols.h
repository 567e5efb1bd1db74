/*
 * symbols.h -- the assembler's symbol table: a hash table of names, each
 * with its value, what defined it and whether the value is known yet.
 * Symbols are allocated one by one so that pointers to them stay valid.
 */
#ifndef PGAS_SYMBOLS_H
#define PGAS_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    SYM_PENDING,        /* an equate whose value is not known yet (forward reference) */
    SYM_DEFINED,        /* value known */
} sym_state;

typedef struct asm_sym {
    char *name;             /* NUL-terminated copy */
    size_t len;
    int64_t value;
    char kind;              /* 'T' label, 'A' equate */
    sym_state state;
    bool predefined;        /* one of S W T I E, not (yet) redefined by the program */
    size_t def_stmt;        /* the statement that defined it */
    size_t expr_begin;      /* an equate: its expression's tokens */
    size_t expr_end;
    bool busy;              /* being evaluated: meeting it again is a cycle */
} asm_sym;

typedef struct symtab {
    asm_sym **slots;        /* open addressing, linear probing; NULL = empty */
    size_t cap, count;      /* cap is a power of two */
} symtab;

/* The symbol called name[0..len), or NULL. */
asm_sym *sym_find(const symtab *tab, const char *name, size_t len);

/* Add a new symbol (the name must not be there); NULL when out of memory. */
asm_sym *sym_add(symtab *tab, const char *name, size_t len);

/* Free every symbol and the table. */
void sym_free(symtab *tab);

#endif
