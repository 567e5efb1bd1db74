/*
 * diag.c -- DIAGNOSE, CP's paravirtual interface (isa-spec/cp.md).  The
 * core decodes `diag rd, rs1, code`, charges its cycles and advances the
 * PSW; here each function reads its parameter area (guest real storage) and
 * answers rd's value, or a program-interruption code that nullifies it.  So
 * every check that can end in a program interruption comes before any
 * change.
 */
#define _FILE_OFFSET_BITS 64

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "cp_priv.h"

#define CP_DIAG_COMMAND_MAX 1024u   /* longest command text for DIAGNOSE 0x0008 */

/* ---- guest real storage ----------------------------------------------------- */

/* Can len bytes at addr be accessed?  0, or the program code. */
static int area_check(const cp_vm *vm, uint32_t addr, uint64_t len)
{
    return (uint64_t)addr + len <= vm->storage.size ? 0 : PG_PGM_ADDRESSING;
}

/* A parameter block: word-aligned (specification) and installed (addressing). */
static int block_check(const cp_vm *vm, uint32_t addr, uint32_t len)
{
    if (addr & 3)
        return PG_PGM_SPECIFICATION;
    return area_check(vm, addr, len);
}

/* Read n big-endian words at addr (checked). */
static void read_words(cp_vm *vm, uint32_t addr, uint32_t *w, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        uint8_t b[4];
        vm->storage.read(vm->storage.ctx, addr + 4 * i, b, 4);
        w[i] = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    }
}

/* Store a big-endian word at addr (checked). */
static void write_word(cp_vm *vm, uint32_t addr, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    vm->storage.write(vm->storage.ctx, addr, b, 4);
}

/* Store a name blank-padded to 8 bytes at addr (checked). */
static void write_name(cp_vm *vm, uint32_t addr, const char *name)
{
    uint8_t b[CP_SPOOL_NAME];
    size_t n = strlen(name);
    memset(b, ' ', sizeof b);
    memcpy(b, name, n < sizeof b ? n : sizeof b);
    vm->storage.write(vm->storage.ctx, addr, b, sizeof b);
}

/* An 8-byte blank-padded field without its trailing blanks, NUL-terminated. */
static void field_text(const uint8_t f[CP_SPOOL_NAME], char out[CP_SPOOL_NAME + 1])
{
    size_t n = CP_SPOOL_NAME;
    while (n && f[n - 1] == ' ')
        n--;
    memcpy(out, f, n);
    out[n] = '\0';
    /* an embedded NUL would shorten the name silently: make it invalid */
    for (size_t i = 0; i < n; i++)
        if (out[i] == '\0')
            out[i] = '?';
}

/* ---- the functions ------------------------------------------------------------ */

/* 0x0000: where am I?  1 under CP (pgsim answers 0). */
static int diag_where(cp_vm *vm, uint32_t a, uint32_t *rd)
{
    (void)vm;
    (void)a;
    *rd = 1;
    return 0;
}

/* 0x0008: run a CP command as this VM; the response into the guest's
   buffer (cut to its length), the full length into word 4. */
static int diag_command(cp_vm *vm, uint32_t a, uint32_t *rd)
{
    uint32_t p[4];
    int code = block_check(vm, a, 20);
    if (code)
        return code;
    read_words(vm, a, p, 4);
    if (p[1] > CP_DIAG_COMMAND_MAX)
        return PG_PGM_SPECIFICATION;
    if ((code = area_check(vm, p[0], p[1])) || (code = area_check(vm, p[2], p[3])))
        return code;
    char line[CP_DIAG_COMMAND_MAX + 1];
    vm->storage.read(vm->storage.ctx, p[0], line, p[1]);
    line[p[1]] = '\0';
    cp_out out;
    cp_out_init(&out);
    *rd = (uint32_t)cp_command(vm->cp, vm, line, &out);
    uint32_t full = out.len > UINT32_MAX ? UINT32_MAX : (uint32_t)out.len;
    uint32_t n = full < p[3] ? full : p[3];
    if (n)
        vm->storage.write(vm->storage.ctx, p[2], out.text, n);
    write_word(vm, a + 16, full);
    cp_out_free(&out);
    return 0;
}

/* 0x000C: yield: the core ends this dispatch after the diag. */
static int diag_yield(cp_vm *vm, uint32_t a, uint32_t *rd)
{
    (void)a;
    vm->dev_yield = true;
    *rd = 0;
    return 0;
}

/* 0x0014: what the next reader READ will read: origin, name, type, id,
   cards; 1 when the reader is empty, 2 when the VM's reader is not a spool
   reader (pgvmm with one image: pgsim's host reader, where no file can come). */
static int diag_reader_info(cp_vm *vm, uint32_t a, uint32_t *rd)
{
    int code = block_check(vm, a, 32);
    if (code)
        return code;
    if (!vm->dev.reader) {
        *rd = 2;
        return 0;
    }
    const cp_spool_file *f = cp_spool_reader_next_file(vm);
    if (!f) {
        *rd = 1;
        return 0;
    }
    write_name(vm, a, f->origin);
    write_name(vm, a + 8, f->name);
    write_name(vm, a + 16, f->type);
    write_word(vm, a + 24, f->id);
    write_word(vm, a + 28, f->ncards);
    *rd = 0;
    return 0;
}

/* DIAGNOSE 0x0018's answers. */
enum { BIO_OK, BIO_NO_DISK, BIO_BEYOND_END, BIO_READ_ONLY, BIO_BUFFER, BIO_HOST_ERROR };

/* 0x0018: synchronous block I/O on a disk: no interrupt, no status, the
   disk's position unchanged.  Reads are all or nothing. */
static int diag_block_io(cp_vm *vm, uint32_t a, uint32_t *rd)
{
    /* LAB vio BEGIN: check the parameter block (program exceptions first, then the answers 1-4 in order) and move the blocks between the minidisk and guest storage */
    uint32_t p[5];
    int code = block_check(vm, a, 20);
    if (code)
        return code;
    read_words(vm, a, p, 5);
    uint32_t devno = p[0], op = p[1], first = p[2], count = p[3], buf = p[4];
    if (op != 1 && op != 2)
        return PG_PGM_SPECIFICATION;
    bool write = op == 2;
    pg_device *d = devno <= 0xFFFF ? pg_channel_find(&vm->chan, (uint16_t)devno) : NULL;
    uint64_t bytes = (uint64_t)count * PG_DISK_BLOCK;
    if (!d || d->type != PG_DEVT_DISK) {
        *rd = BIO_NO_DISK;
    } else if ((uint64_t)first + count > d->be.disk.blocks) {
        *rd = BIO_BEYOND_END;
    } else if (write && d->be.disk.read_only) {
        *rd = BIO_READ_ONLY;
    } else if (area_check(vm, buf, bytes)) {
        *rd = BIO_BUFFER;
    } else if (count == 0) {
        *rd = BIO_OK;
    } else {
        uint8_t *tmp = malloc((size_t)bytes);
        uint64_t off = d->be.disk.offset + (uint64_t)first * PG_DISK_BLOCK;
        bool ok = tmp != NULL;
        if (ok && write) {
            vm->storage.read(vm->storage.ctx, buf, tmp, (uint32_t)bytes);
            ok = pg_disk_host_io(d->be.disk.fd, true, off, tmp, bytes);
        } else if (ok) {
            ok = pg_disk_host_io(d->be.disk.fd, false, off, tmp, bytes);
            if (ok)
                vm->storage.write(vm->storage.ctx, buf, tmp, (uint32_t)bytes);
        }
        free(tmp);
        *rd = ok ? BIO_OK : BIO_HOST_ERROR;
    }
    return 0;
    /* LAB vio STUB
    (void)a;
    (void)rd;
    cp_lab_todo(vm, "vio", "DIAGNOSE 0x0018 block I/O (diag_block_io in vmm/diag.c)");
    return 0;
    LAB vio END */
}

/* 0x0020: tag the next punch file: name, type, destination (8 bytes each,
   blank-padded; blanks keep the default).  1: no such VM; 2: a bad name or
   type; 3: this VM has no spool punch.  Nothing changes unless 0. */
static int diag_tag(cp_vm *vm, uint32_t a, uint32_t *rd)
{
    int code = block_check(vm, a, 24);
    if (code)
        return code;
    uint8_t raw[24];
    vm->storage.read(vm->storage.ctx, a, raw, sizeof raw);
    char name[CP_SPOOL_NAME + 1], type[CP_SPOOL_NAME + 1], dest[CP_SPOOL_NAME + 1];
    field_text(raw, name);
    field_text(raw + 8, type);
    field_text(raw + 16, dest);
    char err[160];
    switch (cp_spool_tag_punch(vm, name, type, dest, err, sizeof err)) {
    case CP_RC_OK:
        *rd = 0;
        break;
    case CP_RC_NOT_FOUND:
        *rd = 1;
        break;
    case CP_RC_OPERAND:
        *rd = 2;
        break;
    default:
        *rd = 3;
        break;
    }
    return 0;
}

/* The functions, by code. */
static const struct {
    uint16_t code;
    int (*fn)(cp_vm *vm, uint32_t area, uint32_t *rd);
} functions[] = {
    {0x0000, diag_where},
    {0x0008, diag_command},
    {0x000C, diag_yield},
    {0x0014, diag_reader_info},
    {0x0018, diag_block_io},
    {0x0020, diag_tag},
};

/* DIAGNOSE code with rs1's value as the parameter area: 0 and rd's value,
   or a program-interruption code (nothing changed). */
int cp_diag(cp_vm *vm, uint16_t code, unsigned rd, unsigned rs1, uint32_t *rd_value)
{
    (void)rd;
    uint32_t area = cp_vm_reg(vm, rs1);
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        if (functions[i].code != code)
            continue;
        int pgm = functions[i].fn(vm, area, rd_value);
        if (code == 0x0018 && !pgm && *rd_value == BIO_OK) {
            uint32_t count;             /* the block checked out: count its blocks */
            read_words(vm, area + 12, &count, 1);
            vm->stats.diag_blocks += count;
        }
        return pgm;
    }
    return PG_PGM_SPECIFICATION;
}
