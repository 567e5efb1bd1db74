/*
 * spool.h -- CP's spool: files punched by one VM and read by another (or
 * printed), each with its origin, name, type and destination, as in VM/370.
 *
 * A file is built on a VM's punch (or on its printer while that is spooled
 * to a reader) until CONTROL (or CP's CLOSE) closes it; it then joins the
 * spool, held in the reader queue of its destination VM, until that VM has
 * read it to its end (the unit exception after its last card), or it is
 * transferred to another reader.  The spool owns every closed file; a VM's
 * devices own only the files they are still building.
 *
 * Names are kept upper-cased and without padding: file name and type at
 * most 8 characters, origin and destination VM names as long as a VM's name
 * (DIAGNOSE areas cut them to 8 and pad them with blanks).  Nothing here depends on host time or addresses: ids count up from
 * 1 in the order files are opened.
 */
#ifndef PG_CP_SPOOL_H
#define PG_CP_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "channel.h"
#include "hostio.h"
#include "vmm.h"

typedef struct cp cp;
typedef struct cp_vm cp_vm;
typedef struct cp_spool_file cp_spool_file;

#define CP_SPOOL_NAME 8             /* file name and type */
/* Bounds on what a guest can make CP keep: cards in one file (more are lost,
   and CP says so), and cards queued in one reader (a file that would pass it
   stays with, or comes back to, its sender). */
#define CP_SPOOL_MAX_CARDS 65536u
#define CP_READER_MAX_CARDS (4u * CP_SPOOL_MAX_CARDS)

/* One spool file: a deck of 80-byte cards and where it came from. */
struct cp_spool_file {
    uint32_t id;                    /* spool id, from 1 */
    char origin[CP_NAME_MAX + 1];   /* the VM that made it, or HOST */
    char name[CP_SPOOL_NAME + 1];
    char type[CP_SPOOL_NAME + 1];
    char dest[CP_NAME_MAX + 1];     /* the VM whose reader holds it */
    uint8_t *cards;                 /* ncards * PG_CARD_BYTES bytes */
    uint32_t ncards, cap;
    bool lost;                      /* cards were lost (the sender was told) */
    /* owned by the spool once closed: */
    cp_vm *holder;                  /* whose reader queue it is in */
    cp_spool_file *prev, *next;     /* the spool's list, in arrival order */
};

/* The spool of one CP: every closed file not yet read, and the next id. */
typedef struct cp_spool {
    cp_spool_file *files;           /* all closed files, in arrival order */
    cp_spool_file *last;
    uint32_t next_id;
} cp_spool;

void cp_spool_init(cp_spool *s);
/* Free every file still queued (safe before or after the VMs are freed). */
void cp_spool_free(cp_spool *s);

/* ---- the spool devices of a VM (backends for channel.h) ------------------ */

/* Reader 00C: the file being read and how far. */
struct cp_spool_reader {
    cp_vm *vm;
    cp_spool_file *current;         /* in the spool, or NULL between files */
    uint32_t pos;                   /* next card of current */
};

/* A tag from DIAGNOSE 0x0020: applies to the next file closed. */
typedef struct cp_spool_tag {
    bool set;
    char name[CP_SPOOL_NAME + 1];   /* "" : the default */
    char type[CP_SPOOL_NAME + 1];
    char dest[CP_NAME_MAX + 1];
} cp_spool_tag;

/* Punch 00D: the file being punched and where it will go. */
struct cp_spool_punch {
    cp_vm *vm;
    cp_spool_file *open;            /* NULL until the first card */
    char dest[CP_NAME_MAX + 1];     /* SPOOL PUNCH TO; "" : the VM's own reader */
    cp_spool_tag tag;
};

/* Printer 00E: a host file (or nothing), or spooled to a reader. */
struct cp_spool_printer {
    cp_vm *vm;
    pg_host_output host;            /* PRINTER FILE, or discarded */
    bool host_open;
    char dest[CP_NAME_MAX + 1];     /* SPOOL PRINTER TO; "" : OFF (the host file) */
    cp_spool_file *open;            /* lines spooled so far */
};

typedef struct cp_spool_reader cp_spool_reader;
typedef struct cp_spool_punch cp_spool_punch;
typedef struct cp_spool_printer cp_spool_printer;

cp_spool_reader *cp_spool_reader_new(cp_vm *vm);
void cp_spool_reader_free(cp_spool_reader *r);
pg_reader_backend cp_spool_reader_backend(cp_spool_reader *r);

cp_spool_punch *cp_spool_punch_new(cp_vm *vm);
void cp_spool_punch_free(cp_spool_punch *p);       /* an unclosed file is lost */
pg_punch_backend cp_spool_punch_backend(cp_spool_punch *p);

/* path NULL: printed lines are discarded (unless spooled). */
cp_spool_printer *cp_spool_printer_new(cp_vm *vm, const char *path, char *err, size_t n);
/* False with a reason when printed output was lost (a host write failed). */
bool cp_spool_printer_free(cp_spool_printer *p, char *err, size_t n);
pg_printer_backend cp_spool_printer_backend(cp_spool_printer *p);

/* ---- operations (return 0 or a CP_RC_* code with a reason in err) -------- */

/* Return codes shared with the command interpreter (isa-spec/cp.md). */
enum {
    CP_RC_OK = 0,
    CP_RC_UNKNOWN = 1,              /* unknown command */
    CP_RC_OPERAND = 2,              /* missing, unknown or extra operand */
    CP_RC_NOT_FOUND = 3,            /* no such VM or spool file */
    CP_RC_NOT_AUTHORIZED = 4,       /* the issuer may not do that */
    CP_RC_NOT_NOW = 5,              /* not possible in this state */
    CP_RC_NO_MEMORY = 6,            /* CP ran out of host memory */
};

/* SPOOL PUNCH TO: name, or NULL / "*" for the VM's own reader. */
int cp_spool_set_punch_dest(cp_vm *vm, const char *name, char *err, size_t n);
/* SPOOL PRINTER TO: name, "*" for the own reader, NULL / "OFF" for the host
   file; a file spooled so far is closed first (to its old destination). */
int cp_spool_set_printer_dest(cp_vm *vm, const char *name, char *err, size_t n);
/* Tag the next punch file (DIAGNOSE 0x0020): "" keeps a default. */
int cp_spool_tag_punch(cp_vm *vm, const char *name, const char *type, const char *dest,
                       char *err, size_t n);
/* CLOSE: close the punch's (or printer's) open file now, as CONTROL does. */
int cp_spool_close_punch(cp_vm *vm, char *err, size_t n);
int cp_spool_close_printer(cp_vm *vm, char *err, size_t n);

/* Move a reader file to another VM's reader: file id, or 0 for the first
   file of from's reader not being read.  from NULL (the operator): any
   file, by id.  The file arrives as a punched file does; *moved (if not
   NULL) gets its id. */
int cp_spool_transfer(cp *c, cp_vm *from, uint32_t id, cp_vm *to, uint32_t *moved,
                      char *err, size_t n);

/* Queue a host text deck (one card a line) in vm's reader, from HOST. */
int cp_spool_load_deck(cp_vm *vm, const char *path, const char *name, const char *type,
                       char *err, size_t n);

/* The files in vm's reader queue, in the order they will be read. */
const cp_spool_file *cp_spool_first(const cp_vm *vm);
const cp_spool_file *cp_spool_next(const cp_vm *vm, const cp_spool_file *f);
/* The file the next READ on vm's reader reads, or NULL (empty reader). */
const cp_spool_file *cp_spool_reader_next_file(const cp_vm *vm);
/* Files in the spool (every reader), for the operator. */
size_t cp_spool_count(const cp *c);

/* Is s (len bytes) a valid spool file name or type: 1-8 of A-Z 0-9 $ # @
   + - : _ after upper-casing?  Writes the upper-cased name to out. */
bool cp_spool_name_ok(const char *s, size_t len, char out[CP_SPOOL_NAME + 1]);

#endif
