/*
 * cmsdisk.h -- CMS disk images on the host: the file-system format of
 * guest-os/README.md (a header, a directory of 32-byte entries, contiguous
 * files), held whole in memory, checked on load, and written back through a
 * temporary copy that replaces the old image by rename(2).
 *
 * Every function that can fail takes a cms_err and returns 0 on success or a
 * CMS_FAIL_* status; the message is one line without a trailing newline.
 */
#ifndef CMSDISK_H
#define CMSDISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum {
    CMS_BLOCK = 512,                    /* bytes a block */
    CMS_ENTRY_BYTES = 32,               /* a directory entry */
    CMS_ENTRIES_PER_BLOCK = CMS_BLOCK / CMS_ENTRY_BYTES,
    CMS_NAME_LEN = 8,                   /* file name, file type and label */
    CMS_DEFAULT_DIR_BLOCKS = 8,
    CMS_SYSTEM_ORIGIN = 128,            /* file system of a system disk */
    CMS_MODULE_BASE = 0x10000,          /* a MODULE's bytes start here */
    CMS_BOOT_LIMIT = CMS_SYSTEM_ORIGIN * CMS_BLOCK,
};
#define CMS_MAGIC "PGCMSFS1"
#define CMS_MAX_BLOCKS (1u << 21)       /* 1 GiB: largest disk cmsdisk handles */

/* Exit statuses: a refusal (damaged disk, missing file, full disk) is 1, a
   wrong command line 2. */
enum { CMS_OK = 0, CMS_FAIL = 1, CMS_USAGE = 2 };

/* The reason for the last failure. */
typedef struct cms_err {
    char msg[512];
} cms_err;

/* A whole disk image in memory. */
typedef struct cms_disk {
    const char *path;
    unsigned char *bytes;
    size_t size;                        /* a multiple of CMS_BLOCK */
    uint32_t blocks;
} cms_disk;

/* One used directory entry. */
typedef struct cms_entry {
    char fn[CMS_NAME_LEN + 1];          /* without the padding blanks */
    char ft[CMS_NAME_LEN + 1];
    uint32_t slot;                      /* index in the directory */
    uint32_t first;                     /* first data block, from the origin */
    uint32_t blocks;
    uint32_t length;                    /* bytes */
} cms_entry;

/* A checked file system on a disk. */
typedef struct cms_fs {
    cms_disk *disk;
    uint32_t origin;                    /* disk block of the header */
    uint32_t fsblocks;                  /* blocks from the origin on */
    uint32_t dirblocks;
    char label[CMS_NAME_LEN + 1];       /* without the padding blanks */
    cms_entry *entries;                 /* used entries, in slot order */
    uint32_t count;
} cms_fs;

/* err.c */
int cms_fail(cms_err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* bytes.c */
uint32_t cms_get32(const unsigned char *p);
void cms_put32(unsigned char *p, uint32_t v);
int cms_read_file(const char *path, unsigned char **bytes, size_t *size, cms_err *e);

/* disk.c */
int cms_disk_load(cms_disk *d, const char *path, cms_err *e);
int cms_disk_new(cms_disk *d, const char *path, uint32_t blocks, cms_err *e);
int cms_disk_save(const cms_disk *d, cms_err *e);
int cms_write_atomic(const char *path, const unsigned char *bytes, size_t n, cms_err *e);
void cms_disk_free(cms_disk *d);

/* names.c */
int cms_name_parse(const char *in, char out[CMS_NAME_LEN + 1], const char *what, cms_err *e);
bool cms_name_field_ok(const unsigned char *field, char out[CMS_NAME_LEN + 1]);
void cms_name_store(unsigned char *field, const char *name);

/* fs.c */
int cms_fs_find_origin(const cms_disk *d, uint32_t *origin);
int cms_fs_open(cms_fs *fs, cms_disk *d, cms_err *e);
void cms_fs_close(cms_fs *fs);
unsigned char *cms_fs_block(const cms_fs *fs, uint32_t block);
unsigned char *cms_fs_slot(const cms_fs *fs, uint32_t slot);
const cms_entry *cms_fs_lookup(const cms_fs *fs, const char *fn, const char *ft);
uint32_t cms_fs_data_start(const cms_fs *fs);

/* alloc.c */
bool cms_fs_allocate(const cms_fs *fs, uint32_t need, uint32_t ignore_slot,
                     uint32_t *first, uint32_t *largest);
uint32_t cms_fs_free_blocks(const cms_fs *fs);

/* format.c, files.c: each works on a loaded disk in memory; the caller saves it. */
int cms_op_format(cms_disk *d, uint32_t origin, const char *label, uint32_t dirblocks,
                  bool force, cms_err *e);
int cms_op_boot(cms_disk *d, const char *name, const unsigned char *image, size_t size,
                cms_err *e);
int cms_op_put(cms_disk *d, const char *src, const unsigned char *data, size_t size,
               const char *fn, const char *ft, cms_err *e);
int cms_op_erase(cms_disk *d, const char *fn, const char *ft, cms_err *e);
int cms_op_get(cms_disk *d, const char *fn, const char *ft, bool image,
               unsigned char **out, size_t *size, cms_err *e);

/* list.c */
int cms_op_list(cms_disk *d, FILE *out, cms_err *e);

#endif
