/*
 * directory.h -- the user directory, in the spirit of VM/370's USER DIRECT:
 * a text file naming the VMs CP logs on, each with its storage size,
 * minidisks, spool settings, console and what to IPL (README.md, "The user
 * directory", has the format).
 *
 * Loading parses and checks the whole file, and refuses a malformed one
 * with "FILE:LINE: reason".  Logging on checks every host file an entry
 * names (images, decks, ranges, overlaps) before it creates any VM, then
 * creates each VM, attaches its devices and IPLs it.
 */
#ifndef PG_CP_DIRECTORY_H
#define PG_CP_DIRECTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "spool.h"
#include "vdev.h"
#include "vmm.h"

#define CP_DIR_DEFAULT_MEM (1u << 20)
#define CP_DIR_NAME 8               /* user names: 1-8 of A-Z 0-9 $ # @, as in VM/370 */

/* MDISK devno path first-block block-count R|W */
typedef struct cp_dir_mdisk {
    uint16_t devno;
    char *path;                     /* resolved against the directory's folder */
    uint64_t first;
    uint32_t blocks;
    bool read_only;
    int line;
} cp_dir_mdisk;

/* READER FILE path: a host deck queued at logon. */
typedef struct cp_dir_deck {
    char *path;
    int line;
} cp_dir_deck;

typedef enum { CP_IPL_NONE, CP_IPL_DEVICE, CP_IPL_FILE } cp_dir_ipl;

/* One USER entry. */
typedef struct cp_dir_user {
    char name[CP_DIR_NAME + 1];     /* upper case */
    uint32_t mem;
    int line;                       /* of its USER statement */
    cp_dir_mdisk *mdisks;
    int nmdisks;
    cp_dir_ipl ipl;
    uint16_t ipl_dev;
    char *ipl_path;
    int ipl_line;
    char *printer_path, *console_path;
    int printer_line, console_line;
    cp_dir_deck *decks;
    int ndecks;
    char punch_dest[CP_SPOOL_NAME + 1];     /* "" : own reader ("*") */
    char printer_dest[CP_SPOOL_NAME + 1];   /* "" : OFF; own name for "*" */
    int punch_line, printer_spool_line;
} cp_dir_user;

/* A parsed directory, and how logon sets up consoles (the caller may change
   these three after loading). */
typedef struct cp_directory {
    char *file;                     /* as given, for messages */
    cp_dir_user *users;
    int nusers;
    cp_input_kind console_input;    /* default CP_INPUT_QUEUE (the monitor types) */
    FILE *console_out;              /* consoles without CONSOLE FILE: this stream */
    const char *console_dir;        /* or, if set, DIR/NAME.console */
} cp_directory;

/* Parse the file at path; false with "FILE:LINE: reason" (nothing kept). */
bool cp_directory_load(cp_directory *dir, const char *path, char *err, size_t n);
/* Parse text (len bytes) as if read from file; relative paths are taken
   from file's folder. */
bool cp_directory_parse(cp_directory *dir, const char *file, const char *text, size_t len,
                        char *err, size_t n);
void cp_directory_free(cp_directory *dir);

/* Log on every user: check all host files first (nothing created on an
   error), then create the VMs in directory order, attach their devices,
   set their spool and IPL them.  False with "FILE:LINE: reason". */
bool cp_directory_logon_all(cp *c, const cp_directory *dir, char *err, size_t n);

/* Is name (len bytes) a directory user name: 1-8 of A-Z 0-9 $ # @ (after
   upper-casing)?  The upper-cased name goes to out. */
bool cp_directory_name_ok(const char *name, size_t len, char out[CP_DIR_NAME + 1]);

#endif
