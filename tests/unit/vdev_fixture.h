/*
 * vdev_fixture.h -- helpers for the tests of CP's virtual devices, spool,
 * DIAGNOSE, commands and user directory (test_spool, test_command,
 * test_directory): a small CP, VMs with CP's console and spool devices,
 * guests assembled from source text, channel programs started straight on
 * a VM's channel, and a scratch folder of host files removed afterwards.
 *
 * Everything is static inline (each test program is its own object, runner.o
 * and the libraries).
 */
#ifndef PG_TEST_VDEV_FIXTURE_H
#define PG_TEST_VDEV_FIXTURE_H

#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../vmm/command.h"
#include "../../vmm/console.h"
#include "../../vmm/cp_priv.h"
#include "../../vmm/directory.h"
#include "../../vmm/spool.h"
#include "../../vmm/vdev.h"
#include "../../tools/pgas/pgasm.h"
#include "vmm.h"

#define VX_REAL_MEM (4u << 20)
#define VX_VM_MEM (64u * 1024)

/* A CP with small real storage. */
static inline cp *vx_cp(void)
{
    char err[256] = "";
    cp_config cfg = {.real_mem = VX_REAL_MEM};
    cp *c = cp_new(&cfg, err, sizeof err);
    if (!c)
        fprintf(stderr, "cp_new: %s\n", err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    return c;
}

/* A VM with CP's devices: console input kind as given, nothing else set. */
static inline cp_vm *vx_vm_with(cp *c, const char *name, const cp_vdev_config *cfg)
{
    char err[256] = "";
    cp_vm *vm = cp_vm_create(c, name, VX_VM_MEM, err, sizeof err);
    if (!vm)
        fprintf(stderr, "cp_vm_create: %s\n", err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
    bool ok = cp_vdevs_attach_cp(vm, cfg, err, sizeof err);
    if (!ok)
        fprintf(stderr, "cp_vdevs_attach_cp: %s\n", err);
    CU_ASSERT_FATAL(ok);
    return vm;
}

/* A VM whose console input is a queue (the monitor's way). */
static inline cp_vm *vx_vm(cp *c, const char *name)
{
    cp_vdev_config cfg = {.input = CP_INPUT_QUEUE};
    return vx_vm_with(c, name, &cfg);
}

/* Assemble src and IPL it in vm. */
static inline void vx_ipl_asm(cp_vm *vm, const char *src)
{
    pgasm_output out;
    int errors = pgasm_assemble_string("guest.s", src, false, &out, stderr);
    CU_ASSERT_EQUAL_FATAL(errors, 0);
    char err[256] = "";
    bool ok = cp_vm_ipl_image(vm, out.image, out.size, err, sizeof err);
    if (!ok)
        fprintf(stderr, "cp_vm_ipl_image: %s\n", err);
    pgasm_output_free(&out);
    CU_ASSERT_FATAL(ok);
}

/* Run CP until no VM can run (bounded: a test never hangs). */
static inline void vx_run(cp *c)
{
    for (int i = 0; i < 100 && cp_run(c, 50000000u); i++)
        ;
}

/* ---- guest storage and channel programs ------------------------------------ */

static inline void vx_put(cp_vm *vm, uint32_t addr, const void *src, uint32_t n)
{
    vm->storage.write(vm->storage.ctx, addr, src, n);
}

/* Bytes of guest real storage. */
static inline void vx_get(cp_vm *vm, uint32_t addr, void *dst, uint32_t n)
{
    vm->storage.read(vm->storage.ctx, addr, dst, n);
}

/* A big-endian word into guest real storage. */
static inline void vx_put32(cp_vm *vm, uint32_t addr, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    vx_put(vm, addr, b, 4);
}

/* A big-endian word of guest real storage. */
static inline uint32_t vx_get32(cp_vm *vm, uint32_t addr)
{
    uint8_t b[4];
    vx_get(vm, addr, b, 4);
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* A CCW at addr. */
static inline void vx_ccw(cp_vm *vm, uint32_t addr, uint8_t cmd, uint8_t flags, uint16_t count,
                          uint32_t data)
{
    vx_put32(vm, addr, (uint32_t)cmd << 24 | (uint32_t)flags << 16 | count);
    vx_put32(vm, addr + 4, data);
}

/* The outcome of a channel program run with vx_io. */
typedef struct vx_status {
    int cc;                         /* sio's answer (or PG_IN_WOULD_BLOCK) */
    uint8_t unit, chan;
    uint16_t residual;
} vx_status;

/* Start the program at ccw on devno at the VM's time, then collect its
   ending status at once (the time is the channel's business, not ours). */
static inline vx_status vx_io(cp_vm *vm, uint16_t devno, uint32_t ccw)
{
    vx_status s = {0};
    uint32_t csw[2] = {0, 0};
    s.cc = pg_channel_sio(&vm->chan, devno, ccw, cp_vm_now(vm), &vm->storage, csw);
    if (s.cc != PG_CC_OK)
        return s;
    int tc = pg_channel_tio(&vm->chan, devno, UINT64_MAX, csw);
    CU_ASSERT_EQUAL(tc, PG_CC_STORED);
    s.unit = (uint8_t)(csw[1] >> 24);
    s.chan = (uint8_t)(csw[1] >> 16);
    s.residual = (uint16_t)csw[1];
    return s;
}

/* Unsolicited status pending on a device: its unit status, or 0. */
static inline uint8_t vx_pending_status(cp_vm *vm, uint16_t devno)
{
    pg_device *d = pg_channel_find(&vm->chan, devno);
    if (!d || !d->status_valid)
        return 0;
    return (uint8_t)(d->csw[1] >> 24);
}

/* ---- spool files ---------------------------------------------------------- */

/* The number of files in vm's reader. */
static inline int vx_reader_count(const cp_vm *vm)
{
    int n = 0;
    for (const cp_spool_file *f = cp_spool_first(vm); f; f = cp_spool_next(vm, f))
        n++;
    return n;
}

/* Punch the text lines as cards and close the file with CONTROL (one
   channel program: WRITE ... CONTROL, command-chained).  Uses guest storage
   from 0x8000. */
static inline vx_status vx_punch(cp_vm *vm, const char *const *cards, int n)
{
    uint32_t prog = 0x8000, data = 0x9000;
    for (int i = 0; i < n; i++) {
        vx_put(vm, data + 80u * (uint32_t)i, cards[i], (uint32_t)strlen(cards[i]));
        vx_ccw(vm, prog + 8u * (uint32_t)i, PG_CCW_WRITE, PG_CCW_FLAG_CC | PG_CCW_FLAG_SLI,
               (uint16_t)strlen(cards[i]), data + 80u * (uint32_t)i);
    }
    vx_ccw(vm, prog + 8u * (uint32_t)n, PG_CCW_CONTROL, 0, 1, data);
    return vx_io(vm, PG_DEV_PUNCH, prog);
}

/* Collect (and drop) any status pending on devno. */
static inline void vx_clear(cp_vm *vm, uint16_t devno)
{
    uint32_t csw[2];
    pg_channel_tio(&vm->chan, devno, UINT64_MAX, csw);
}

/* Read one card from the reader into card (80 bytes, after clearing any
   attention pending on it): the channel status. */
static inline vx_status vx_read_card(cp_vm *vm, char card[81])
{
    vx_clear(vm, PG_DEV_READER);
    memset(card, 0, 81);
    vx_put(vm, 0x9000, card, 80);
    vx_ccw(vm, 0x8000, PG_CCW_READ, 0, 80, 0x9000);
    vx_status s = vx_io(vm, PG_DEV_READER, 0x8000);
    vx_get(vm, 0x9000, card, 80);
    card[80] = '\0';
    return s;
}

/* ---- consoles ------------------------------------------------------------- */

/* The console output of a VM with CP's console, NUL-terminated (malloc'd). */
static inline char *vx_console_text(cp_vm *vm)
{
    size_t len;
    const char *t = cp_console_output(vm->dev.console, &len);
    char *s = malloc(len + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    memcpy(s, t, len);
    s[len] = '\0';
    return s;
}

/* Does vm's console output equal want exactly? */
static inline bool vx_console_is(cp_vm *vm, const char *want)
{
    char *s = vx_console_text(vm);
    bool ok = strcmp(s, want) == 0;
    if (!ok)
        fprintf(stderr, "\nconsole of %s: [%s]\n   expected: [%s]\n", vm->name, s, want);
    free(s);
    return ok;
}

/* ---- a scratch folder ----------------------------------------------------- */

typedef struct vx_dir {
    char path[64];
} vx_dir;

/* A new, empty scratch folder under /tmp. */
static inline void vx_dir_new(vx_dir *d)
{
    snprintf(d->path, sizeof d->path, "/tmp/vmlab-vdev-XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(d->path));
}

/* path of name in the folder (static buffer per call: copy it if kept). */
static inline const char *vx_path(const vx_dir *d, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", d->path, name);
    return buf;
}

/* Write a file in the folder. */
static inline void vx_file(const vx_dir *d, const char *name, const void *data, size_t len)
{
    char p[256];
    FILE *f = fopen(vx_path(d, name, p, sizeof p), "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* A disk image of blocks blocks: every byte of block b is (b & 0xFF). */
static inline void vx_image(const vx_dir *d, const char *name, uint32_t blocks)
{
    uint8_t *b = malloc((size_t)blocks * PG_DISK_BLOCK + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    for (uint32_t i = 0; i < blocks; i++)
        memset(b + (size_t)i * PG_DISK_BLOCK, (int)(i & 0xFF), PG_DISK_BLOCK);
    vx_file(d, name, b, (size_t)blocks * PG_DISK_BLOCK);
    free(b);
}

/* The whole of a file in the folder (malloc'd, NUL-terminated), *len its size. */
static inline char *vx_read_file(const vx_dir *d, const char *name, size_t *len)
{
    char p[256];
    FILE *f = fopen(vx_path(d, name, p, sizeof p), "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n;
    char *b = malloc(cap + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    n = fread(b, 1, cap, f);
    fclose(f);
    b[n] = '\0';
    if (len)
        *len = n;
    return b;
}

/* Remove the folder and everything in it (one level, as the tests make it). */
static inline void vx_dir_free(vx_dir *d)
{
    DIR *dir = opendir(d->path);
    if (!dir)
        return;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", d->path, e->d_name);
        chmod(p, 0600);
        if (remove(p) != 0)
            rmdir(p);
    }
    closedir(dir);
    rmdir(d->path);
}

#endif
