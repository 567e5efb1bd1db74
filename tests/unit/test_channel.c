/*
 * test_channel.c -- the channel library (channel programs, sio/tio/hio,
 * interrupts, every device) against in-memory storage and scripted test
 * backends, and pgsim's host backends (hostio) against temporary files.
 *
 * Every test builds its own fixture: 64 KiB of storage, a channel with the
 * console 009, reader 00C, punch 00D, printer 00E, a 4-block read-write disk
 * 191 and a 2-block read-only disk 190, both on one temporary image.
 */
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "channel.h"
#include "hostio.h"
#include "runner.h"

enum {
    MEM = 0x10000,                  /* installed storage */
    PROG = 0x100,                   /* where channel programs go */
    DATA = 0x1000,                  /* data areas */
    DATA2 = 0x2000,
    DISK_BLOCKS = 4,
    RO_BLOCKS = 2,
    DEV_DISK = 0x191,
    DEV_RODISK = 0x190,
    NOW = 1000,                     /* when programs are started */
    MAX_LINES = 8,
};

/* --- test backends --- */

/* A console with a script of input lines, of which `avail` have "arrived";
   past them, end of input if at_end, else nothing yet. */
typedef struct tconsole {
    const char *lines[MAX_LINES];
    uint32_t lens[MAX_LINES];       /* 0: strlen (lines may hold NULs when set) */
    uint32_t count, avail, next;
    bool at_end;
    char out[4096];
    size_t outlen;
    int writes;
} tconsole;

/* Line i of the script as read_line or peek_line answers it. */
static pg_input tcon_line(tconsole *c, uint32_t i, uint8_t *buf, uint32_t cap, uint32_t *len)
{
    if (i >= c->avail)
        return c->at_end && i >= c->count ? PG_IN_END : PG_IN_WOULD_BLOCK;
    uint32_t n = c->lens[i] ? c->lens[i] : (uint32_t)strlen(c->lines[i]);
    memcpy(buf, c->lines[i], n < cap ? n : cap);
    *len = n;
    return PG_IN_DATA;
}

/* The next line, consumed. */
static pg_input tcon_read(void *ctx, uint8_t *buf, uint32_t cap, uint32_t *len)
{
    tconsole *c = ctx;
    pg_input in = tcon_line(c, c->next, buf, cap, len);
    if (in == PG_IN_DATA)
        c->next++;
    return in;
}

/* A line ahead, not consumed: the trial run's view. */
static pg_input tcon_peek(void *ctx, uint32_t ahead, uint8_t *buf, uint32_t cap, uint32_t *len)
{
    tconsole *c = ctx;
    return tcon_line(c, c->next + ahead, buf, cap, len);
}

/* Collect console output. */
static void tcon_write(void *ctx, const uint8_t *data, uint32_t len)
{
    tconsole *c = ctx;
    memcpy(c->out + c->outlen, data, len);
    c->outlen += len;
    c->writes++;
}

/* Script the console: n lines, all arrived, then end of input. */
static void tcon_script(tconsole *c, uint32_t n, const char *const *lines, bool at_end)
{
    for (uint32_t i = 0; i < n; i++)
        c->lines[i] = lines[i];
    c->count = c->avail = n;
    c->at_end = at_end;
}

/* A reader: a list of cards where NULL ends a file. */
typedef struct treader {
    const char *items[MAX_LINES];
    uint32_t count, next;
    uint32_t lens[MAX_LINES];       /* 0: strlen (cards may hold NULs when set) */
} treader;

/* The next card, blank-padded; NULL in the list is the end of a file. */
static pg_input trdr_next(void *ctx, uint8_t card[PG_CARD_BYTES])
{
    treader *r = ctx;
    if (r->next >= r->count)
        return PG_IN_END;
    const char *s = r->items[r->next++];
    if (!s)
        return PG_IN_END;
    uint32_t len = r->lens[r->next - 1];
    memset(card, ' ', PG_CARD_BYTES);
    memcpy(card, s, len ? len : strlen(s));
    return PG_IN_DATA;
}

/* Punch and printer: collected records. */
typedef struct tout {
    char rec[MAX_LINES][200];
    uint32_t len[MAX_LINES];
    uint32_t count;
    uint32_t total;                 /* records, also beyond MAX_LINES */
    int closes;
} tout;

/* Keep a record (the first MAX_LINES), count them all. */
static void tout_record(tout *o, const uint8_t *data, uint32_t len)
{
    if (o->count < MAX_LINES) {
        memcpy(o->rec[o->count], data, len);
        o->rec[o->count][len] = 0;
        o->len[o->count++] = len;
    }
    o->total++;
}

/* Punch backend: a card. */
static void tpun_card(void *ctx, const uint8_t card[PG_CARD_BYTES])
{
    tout_record(ctx, card, PG_CARD_BYTES);
}

/* Punch backend: CONTROL closed the file. */
static void tpun_close(void *ctx)
{
    ((tout *)ctx)->closes++;
}

/* Printer backend: a line. */
static void tprt_line(void *ctx, const uint8_t *data, uint32_t len)
{
    tout_record(ctx, data, len);
}

/* --- the fixture --- */

typedef struct fx {
    uint8_t mem[MEM];
    pg_storage st;
    pg_channel ch;
    tconsole con;
    treader rdr;
    tout pun, prt;
    int disk_fd;
    uint32_t csw[2];
    uint64_t latency;               /* of the last program finished by finish() */
} fx;

/* pg_storage over a byte array: read. */
static void mem_read(void *ctx, uint32_t addr, void *dst, uint32_t len)
{
    memcpy(dst, (uint8_t *)ctx + addr, len);
}

/* pg_storage over a byte array: write. */
static void mem_write(void *ctx, uint32_t addr, const void *src, uint32_t len)
{
    memcpy((uint8_t *)ctx + addr, src, len);
}

/* Byte i of the test disk image as created. */
static uint8_t disk_byte(uint64_t i)
{
    return (uint8_t)(i * 13 + i / PG_DISK_BLOCK);
}

/* A temporary image of `blocks` blocks of disk_byte(), already unlinked. */
static int make_disk(uint32_t blocks)
{
    char path[] = "/tmp/test_channel_XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    unlink(path);
    uint8_t *img = malloc((size_t)blocks * PG_DISK_BLOCK);
    CU_ASSERT_FATAL(img != NULL);
    for (uint64_t i = 0; i < (uint64_t)blocks * PG_DISK_BLOCK; i++)
        img[i] = disk_byte(i);
    CU_ASSERT_FATAL(pwrite(fd, img, (size_t)blocks * PG_DISK_BLOCK, 0)
                    == (ssize_t)blocks * PG_DISK_BLOCK);
    free(img);
    return fd;
}

/* The standard fixture (see the head of the file). */
static fx *fx_new(void)
{
    fx *f = calloc(1, sizeof *f);
    CU_ASSERT_FATAL(f != NULL);
    f->st = (pg_storage){.ctx = f->mem, .size = MEM, .read = mem_read, .write = mem_write};
    pg_channel_init(&f->ch);
    f->disk_fd = make_disk(DISK_BLOCKS);
    pg_channel_add(&f->ch, PG_DEV_CONSOLE, PG_DEVT_CONSOLE)->be.console =
        (pg_console_backend){.ctx = &f->con, .read_line = tcon_read, .write = tcon_write,
                             .peek_line = tcon_peek};
    pg_channel_add(&f->ch, DEV_DISK, PG_DEVT_DISK)->be.disk =
        (pg_disk_backend){.fd = f->disk_fd, .blocks = DISK_BLOCKS};
    pg_channel_add(&f->ch, PG_DEV_READER, PG_DEVT_READER)->be.reader =
        (pg_reader_backend){.ctx = &f->rdr, .next_card = trdr_next};
    pg_channel_add(&f->ch, PG_DEV_PRINTER, PG_DEVT_PRINTER)->be.printer =
        (pg_printer_backend){.ctx = &f->prt, .line = tprt_line};
    pg_channel_add(&f->ch, PG_DEV_PUNCH, PG_DEVT_PUNCH)->be.punch =
        (pg_punch_backend){.ctx = &f->pun, .card = tpun_card, .close = tpun_close};
    pg_channel_add(&f->ch, DEV_RODISK, PG_DEVT_DISK)->be.disk =
        (pg_disk_backend){.fd = f->disk_fd, .blocks = RO_BLOCKS, .read_only = true};
    return f;
}

/* Undo fx_new. */
static void fx_free(fx *f)
{
    close(f->disk_fd);
    free(f);
}

/* Store a CCW at addr. */
static void ccw(fx *f, uint32_t addr, uint8_t cmd, uint8_t flags, uint16_t count, uint32_t data)
{
    uint8_t *p = f->mem + addr;
    p[0] = cmd;
    p[1] = flags;
    p[2] = (uint8_t)(count >> 8);
    p[3] = (uint8_t)count;
    p[4] = (uint8_t)(data >> 24);
    p[5] = (uint8_t)(data >> 16);
    p[6] = (uint8_t)(data >> 8);
    p[7] = (uint8_t)data;
}

/* Store a big-endian word at addr. */
static void word(fx *f, uint32_t addr, uint32_t v)
{
    f->mem[addr] = (uint8_t)(v >> 24);
    f->mem[addr + 1] = (uint8_t)(v >> 16);
    f->mem[addr + 2] = (uint8_t)(v >> 8);
    f->mem[addr + 3] = (uint8_t)v;
}

/* Start the program at PROG on devno at NOW. */
static int sio(fx *f, uint16_t devno)
{
    return pg_channel_sio(&f->ch, devno, PROG, NOW, &f->st, f->csw);
}

/* The device's ending status: busy one cycle before it pends, stored by tio
   when it does; the CSW lands in f->csw and the latency in f->latency. */
static void finish(fx *f, uint16_t devno)
{
    pg_device *d = pg_channel_find(&f->ch, devno);
    CU_ASSERT_FATAL(d != NULL && d->status_valid);
    uint64_t at = d->pending_at;
    f->latency = at - NOW;
    CU_ASSERT_EQUAL(pg_channel_tio(&f->ch, devno, at - 1, f->csw), PG_CC_BUSY);
    CU_ASSERT_EQUAL(pg_channel_tio(&f->ch, devno, at, f->csw), PG_CC_STORED);
    CU_ASSERT_FALSE(d->status_valid);
}

/* Start the program at PROG on devno, expect it accepted, and finish it. */
static void run(fx *f, uint16_t devno)
{
    CU_ASSERT_EQUAL(sio(f, devno), PG_CC_OK);
    finish(f, devno);
}

/* CSW word 1 from its parts. */
static uint32_t csw1(unsigned unit, unsigned chan, unsigned residual)
{
    return (uint32_t)unit << 24 | (uint32_t)chan << 16 | residual;
}

#define NORMAL (PG_US_CE | PG_US_DE)
#define UC (PG_US_CE | PG_US_DE | PG_US_UNIT_CHECK)
#define UE (PG_US_CE | PG_US_DE | PG_US_UNIT_EXCEPTION)
#define IL PG_CS_INCORRECT_LENGTH
#define PC PG_CS_PROGRAM_CHECK
#define CC PG_CCW_FLAG_CC
#define SLI PG_CCW_FLAG_SLI

/* The CSW is exactly (last CCW + 8, unit, channel, residual). */
#define EXPECT_CSW(f, w0, unit, chan, res)                      \
    do {                                                        \
        CU_ASSERT_EQUAL((f)->csw[0], (uint32_t)(w0));           \
        CU_ASSERT_EQUAL((f)->csw[1], csw1(unit, chan, res));    \
    } while (0)

/* The sense byte after a unit check, read by a SENSE program at PROG + 0x80. */
static uint8_t sense_of(fx *f, uint16_t devno)
{
    f->mem[DATA2] = 0xEE;
    ccw(f, PROG + 0x80, PG_CCW_SENSE, SLI, 1, DATA2);     /* SLI: disks too */
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, devno, PROG + 0x80, NOW, &f->st, f->csw), PG_CC_OK);
    finish(f, devno);
    EXPECT_CSW(f, PROG + 0x88, NORMAL, 0, 0);
    return f->mem[DATA2];
}

/* --- channel programs --- */

/* One WRITE: exact bytes, CE|DE, latency 100 + bytes. */
static void test_write_normal(void)
{
    fx *f = fx_new();
    memcpy(f->mem + DATA, "hello", 5);
    ccw(f, PROG, PG_CCW_WRITE, 0, 5, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    CU_ASSERT_EQUAL(f->con.outlen, 5);
    CU_ASSERT_NSTRING_EQUAL(f->con.out, "hello", 5);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_CONSOLE_BASE + 5);
    fx_free(f);
}

/* Command chaining runs CCWs in order until one without CC. */
static void test_chain(void)
{
    fx *f = fx_new();
    memcpy(f->mem + DATA, "abcdef", 6);
    ccw(f, PROG, PG_CCW_WRITE, CC, 2, DATA);
    ccw(f, PROG + 8, PG_CCW_WRITE, CC, 2, DATA + 2);
    ccw(f, PROG + 16, PG_CCW_WRITE, 0, 2, DATA + 4);
    ccw(f, PROG + 24, PG_CCW_WRITE, 0, 2, DATA);     /* not reached */
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 24, NORMAL, 0, 0);
    CU_ASSERT_EQUAL(f->con.outlen, 6);
    CU_ASSERT_NSTRING_EQUAL(f->con.out, "abcdef", 6);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_CONSOLE_BASE + 6);
    fx_free(f);
}

/* Without CC the program ends at the first CCW. */
static void test_no_chain_without_cc(void)
{
    fx *f = fx_new();
    memcpy(f->mem + DATA, "abcd", 4);
    ccw(f, PROG, PG_CCW_WRITE, 0, 2, DATA);
    ccw(f, PROG + 8, PG_CCW_WRITE, 0, 2, DATA + 2);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    CU_ASSERT_EQUAL(f->con.outlen, 2);
    fx_free(f);
}

/* TIC continues the chain at its target; its count may be 0. */
static void test_tic(void)
{
    fx *f = fx_new();
    memcpy(f->mem + DATA, "abcd", 4);
    ccw(f, PROG, PG_CCW_WRITE, CC, 2, DATA);
    ccw(f, PROG + 8, PG_CCW_TIC, 0, 0, PROG + 0x40);    /* count ignored */
    ccw(f, PROG + 0x40, PG_CCW_WRITE, 0, 2, DATA + 2);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 0x48, NORMAL, 0, 0);
    CU_ASSERT_NSTRING_EQUAL(f->con.out, "abcd", 4);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_CONSOLE_BASE + 4);
    fx_free(f);
}

/* A TIC's flags and count are ignored, as on System/370. */
static void test_tic_ignores_flags_and_count(void)
{
    fx *f = fx_new();
    memcpy(f->mem + DATA, "ab", 2);
    ccw(f, PROG, PG_CCW_CONTROL, CC, 1, DATA);
    ccw(f, PROG + 8, PG_CCW_TIC, 0xFF, 0x1234, PROG + 0x40);
    ccw(f, PROG + 0x40, PG_CCW_WRITE, 0, 2, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 0x48, NORMAL, 0, 0);
    CU_ASSERT_EQUAL(f->con.outlen, 2);
    fx_free(f);
}

/* TIC to TIC: program check at the second TIC; earlier CCWs stand. */
static void test_tic_to_tic(void)
{
    fx *f = fx_new();
    memcpy(f->mem + DATA, "ab", 2);
    ccw(f, PROG, PG_CCW_WRITE, CC, 2, DATA);
    ccw(f, PROG + 8, PG_CCW_TIC, 0, 0, PROG + 0x40);
    ccw(f, PROG + 0x40, PG_CCW_TIC, 0, 5, PROG + 0x80);
    ccw(f, PROG + 0x80, PG_CCW_WRITE, 0, 2, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 0x48, NORMAL, PC, 0);  /* at the second TIC */
    CU_ASSERT_EQUAL(f->con.outlen, 2);          /* the first WRITE happened */
    CU_ASSERT_EQUAL(f->latency, PG_LAT_CONSOLE_BASE + 2);
    fx_free(f);
}

/* A program may not start with a TIC (System/370). */
static void test_tic_first(void)
{
    fx *f = fx_new();
    ccw(f, PROG, PG_CCW_TIC, 0, 0, PROG + 0x40);
    ccw(f, PROG + 0x40, PG_CCW_WRITE, 0, 2, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, PC, 0);
    CU_ASSERT_EQUAL(f->con.outlen, 0);
    fx_free(f);
}

/* A misaligned or uninstalled TIC target is charged to the TIC. */
static void test_tic_bad_target(void)
{
    fx *f = fx_new();
    ccw(f, PROG, PG_CCW_CONTROL, CC, 1, DATA);
    ccw(f, PROG + 8, PG_CCW_TIC, 0, 0, PROG + 0x44);    /* misaligned */
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 16, NORMAL, PC, 0);    /* charged to the TIC */
    ccw(f, PROG + 8, PG_CCW_TIC, 0, 0, MEM);             /* outside storage */
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 16, NORMAL, PC, 0);
    ccw(f, PROG + 8, PG_CCW_TIC, 0, 0, MEM - 8);         /* the last doubleword: fine */
    ccw(f, MEM - 8, PG_CCW_CONTROL, 0, 1, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, MEM, NORMAL, 0, 1);
    fx_free(f);
}

/* Misaligned or uninstalled CCW addresses: program check, residual 0. */
static void test_ccw_address_checks(void)
{
    fx *f = fx_new();
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, PG_DEV_CONSOLE, PROG + 4, NOW, &f->st, f->csw),
                    PG_CC_OK);                  /* errors come as status, never as the answer */
    finish(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 12, NORMAL, PC, 0);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_CONSOLE_BASE);
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, PG_DEV_CONSOLE, MEM, NOW, &f->st, f->csw),
                    PG_CC_OK);
    finish(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, MEM + 8, NORMAL, PC, 0);
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, PG_DEV_CONSOLE, 0xFFFFFFF8u, NOW, &f->st, f->csw),
                    PG_CC_OK);
    finish(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, 0, NORMAL, PC, 0);            /* 0xFFFFFFF8 + 8 wraps */
    /* chaining off the end of storage */
    memcpy(f->mem + DATA, "xy", 2);
    ccw(f, MEM - 8, PG_CCW_WRITE, CC, 2, DATA);
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, PG_DEV_CONSOLE, MEM - 8, NOW, &f->st, f->csw),
                    PG_CC_OK);
    finish(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, MEM + 8, NORMAL, PC, 0);
    CU_ASSERT_EQUAL(f->con.outlen, 2);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_CONSOLE_BASE + 2);
    fx_free(f);
}

/* A count of 0 is a program check for every command but TIC. */
static void test_count_zero(void)
{
    fx *f = fx_new();
    ccw(f, PROG, PG_CCW_WRITE, 0, 0, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, PC, 0);
    CU_ASSERT_EQUAL(f->con.writes, 0);
    ccw(f, PROG, PG_CCW_CONTROL, 0, 0, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, PC, 0);
    fx_free(f);
}

/* The whole command byte is compared: anything else is a program check. */
static void test_unknown_command(void)
{
    static const uint8_t bad[] = {0x00, 0x05, 0x06, 0x09, 0x0C, 0x81, 0x42, 0xFF};
    fx *f = fx_new();
    for (size_t i = 0; i < sizeof bad; i++) {
        ccw(f, PROG, bad[i], 0, 7, DATA);
        run(f, PG_DEV_CONSOLE);
        EXPECT_CSW(f, PROG + 8, NORMAL, PC, 7);
    }
    CU_ASSERT_EQUAL(f->con.writes, 0);
    fx_free(f);
}

/* Flags other than CC and SLI: program check, nothing transferred. */
static void test_bad_flags(void)
{
    static const uint8_t bad[] = {0x80, 0x10, 0x08, 0x04, 0x02, 0x01, 0xE0};
    fx *f = fx_new();
    memcpy(f->mem + DATA, "abc", 3);
    for (size_t i = 0; i < sizeof bad; i++) {
        ccw(f, PROG, PG_CCW_WRITE, bad[i], 3, DATA);
        run(f, PG_DEV_CONSOLE);
        EXPECT_CSW(f, PROG + 8, NORMAL, PC, 3);
        CU_ASSERT_EQUAL(f->latency, PG_LAT_CONSOLE_BASE);
    }
    CU_ASSERT_EQUAL(f->con.writes, 0);
    fx_free(f);
}

/* The whole data area must be installed, whatever is transferred. */
static void test_data_area(void)
{
    fx *f = fx_new();
    ccw(f, PROG, PG_CCW_WRITE, 0, 5, MEM - 4);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, PC, 5);
    ccw(f, PROG, PG_CCW_WRITE, 0, 2, 0xFFFFFFFFu);      /* would wrap */
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, PC, 2);
    CU_ASSERT_EQUAL(f->con.writes, 0);
    ccw(f, PROG, PG_CCW_WRITE, 0, 5, MEM - 5);          /* ends at the last byte */
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    CU_ASSERT_EQUAL(f->con.outlen, 5);
    /* a READ is checked on its whole count, however short the line */
    const char *lines[] = {"x"};
    tcon_script(&f->con, 1, lines, true);
    ccw(f, PROG, PG_CCW_READ, SLI, 100, MEM - 50);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, PC, 100);
    CU_ASSERT_EQUAL(f->con.next, 0);            /* no line taken */
    fx_free(f);
}

/* A program check in a chained CCW keeps what earlier CCWs did. */
static void test_program_check_later_ccw(void)
{
    fx *f = fx_new();
    memcpy(f->mem + DATA, "abc", 3);
    ccw(f, PROG, PG_CCW_WRITE, CC, 3, DATA);
    ccw(f, PROG + 8, PG_CCW_WRITE, 0x80, 3, DATA);
    ccw(f, PROG + 16, PG_CCW_WRITE, 0, 3, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 16, NORMAL, PC, 3);
    CU_ASSERT_EQUAL(f->con.outlen, 3);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_CONSOLE_BASE + 3);
    fx_free(f);
}

/* SLI suppresses incorrect length, so chaining goes on. */
static void test_sli_continues_chain(void)
{
    fx *f = fx_new();
    f->rdr = (treader){.items = {"CARD1", "CARD2"}, .count = 2};
    ccw(f, PROG, PG_CCW_READ, CC | SLI, 40, DATA);
    ccw(f, PROG + 8, PG_CCW_READ, SLI, 100, DATA2);
    run(f, PG_DEV_READER);
    EXPECT_CSW(f, PROG + 16, NORMAL, 0, 20);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA, "CARD1", 5);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA2, "CARD2", 5);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_UNIT_RECORD_BASE + 120);
    fx_free(f);
}

/* Incorrect length ends chaining. */
static void test_il_ends_chain(void)
{
    fx *f = fx_new();
    f->rdr = (treader){.items = {"CARD1", "CARD2"}, .count = 2};
    ccw(f, PROG, PG_CCW_READ, CC, 40, DATA);
    ccw(f, PROG + 8, PG_CCW_READ, 0, 80, DATA2);
    run(f, PG_DEV_READER);
    EXPECT_CSW(f, PROG + 8, NORMAL, IL, 0);
    CU_ASSERT_EQUAL(f->rdr.next, 1);
    CU_ASSERT_EQUAL(f->mem[DATA2], 0);
    fx_free(f);
}

/* Unit check ends chaining, with a sense byte. */
static void test_unit_check_ends_chain(void)
{
    fx *f = fx_new();
    memcpy(f->mem + DATA, "ab", 2);
    ccw(f, PROG, PG_CCW_SEEK, CC, 4, DATA);
    ccw(f, PROG + 8, PG_CCW_WRITE, 0, 2, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, UC, 0, 4);
    CU_ASSERT_EQUAL(f->con.writes, 0);
    CU_ASSERT_EQUAL(sense_of(f, PG_DEV_CONSOLE), PG_SENSE_COMMAND_REJECT);
    fx_free(f);
}

/* Unit exception ends chaining. */
static void test_unit_exception_ends_chain(void)
{
    fx *f = fx_new();
    f->rdr = (treader){.items = {"A", NULL, "B"}, .count = 3};
    ccw(f, PROG, PG_CCW_READ, CC, 80, DATA);
    ccw(f, PROG + 8, PG_CCW_READ, CC | SLI, 80, DATA);
    ccw(f, PROG + 16, PG_CCW_READ, 0, 80, DATA2);
    run(f, PG_DEV_READER);
    EXPECT_CSW(f, PROG + 16, UE, 0, 80);
    CU_ASSERT_EQUAL(f->rdr.next, 2);
    CU_ASSERT_EQUAL(f->mem[DATA2], 0);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_UNIT_RECORD_BASE + 80);
    fx_free(f);
}

/* An endless program ends with program check after PG_CHANNEL_MAX_CCWS. */
static void test_ccw_limit(void)
{
    fx *f = fx_new();
    f->mem[DATA] = 'x';
    ccw(f, PROG, PG_CCW_WRITE, CC, 1, DATA);
    ccw(f, PROG + 8, PG_CCW_TIC, 0, 0, PROG);
    run(f, PG_DEV_PRINTER);
    EXPECT_CSW(f, PROG + 8, NORMAL, PC, 0);
    CU_ASSERT_EQUAL(f->prt.total, PG_CHANNEL_MAX_CCWS / 2);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_UNIT_RECORD_BASE + PG_CHANNEL_MAX_CCWS / 2);
    fx_free(f);
}

/* CCWs are fetched when reached, so data read into them counts. */
static void test_self_modifying(void)
{
    /* a READ that stores the CCW it chains to: the channel fetches the new one */
    fx *f = fx_new();
    f->rdr = (treader){.items = {"\x03\x00\x00\x01\x00\x00\x10\x00"}, .count = 1, .lens = {8}};
    ccw(f, PROG, PG_CCW_READ, CC | SLI, 8, PROG + 8);
    ccw(f, PROG + 8, PG_CCW_WRITE, 0, 1, DATA);
    run(f, PG_DEV_READER);
    EXPECT_CSW(f, PROG + 16, NORMAL, 0, 1);     /* the CONTROL ran, not the WRITE */
    fx_free(f);
}

/* --- sio, tio, hio --- */

/* sio in each state: no device, idle, busy, pending. */
static void test_sio_states(void)
{
    fx *f = fx_new();
    memcpy(f->mem + DATA, "ab", 2);
    ccw(f, PROG, PG_CCW_WRITE, 0, 2, DATA);
    pg_device *d = pg_channel_find(&f->ch, PG_DEV_CONSOLE);
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, 0x123, PROG, NOW, &f->st, f->csw), PG_CC_NOT_OPER);
    CU_ASSERT_EQUAL(sio(f, PG_DEV_CONSOLE), PG_CC_OK);
    CU_ASSERT_EQUAL(d->io_count, 1);
    CU_ASSERT_EQUAL(d->pending_at, NOW + PG_LAT_CONSOLE_BASE + 2);
    /* busy: nothing started */
    uint64_t at = d->pending_at;
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, PG_DEV_CONSOLE, PROG, at - 1, &f->st, f->csw),
                    PG_CC_BUSY);
    CU_ASSERT_EQUAL(d->io_count, 1);
    CU_ASSERT_EQUAL(f->con.outlen, 2);
    /* pending: the CSW is stored and cleared, nothing started */
    f->csw[0] = f->csw[1] = 0;
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, PG_DEV_CONSOLE, PROG, at, &f->st, f->csw),
                    PG_CC_STORED);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    CU_ASSERT_FALSE(d->status_valid);
    CU_ASSERT_EQUAL(d->io_count, 1);
    CU_ASSERT_EQUAL(f->con.outlen, 2);
    /* idle again: started */
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, PG_DEV_CONSOLE, PROG, at, &f->st, f->csw), PG_CC_OK);
    CU_ASSERT_EQUAL(d->io_count, 2);
    CU_ASSERT_EQUAL(d->pending_at, at + PG_LAT_CONSOLE_BASE + 2);
    CU_ASSERT_EQUAL(f->con.outlen, 4);
    fx_free(f);
}

/* tio in each state: no device, idle, busy, pending. */
static void test_tio_states(void)
{
    fx *f = fx_new();
    ccw(f, PROG, PG_CCW_CONTROL, 0, 1, DATA);
    CU_ASSERT_EQUAL(pg_channel_tio(&f->ch, 0x123, NOW, f->csw), PG_CC_NOT_OPER);
    CU_ASSERT_EQUAL(pg_channel_tio(&f->ch, PG_DEV_PRINTER, NOW, f->csw), PG_CC_OK);
    CU_ASSERT_EQUAL(sio(f, PG_DEV_PRINTER), PG_CC_OK);
    CU_ASSERT_EQUAL(pg_channel_tio(&f->ch, PG_DEV_PRINTER, NOW, f->csw), PG_CC_BUSY);
    uint64_t at = NOW + PG_LAT_UNIT_RECORD_BASE;
    CU_ASSERT_EQUAL(pg_channel_tio(&f->ch, PG_DEV_PRINTER, at - 1, f->csw), PG_CC_BUSY);
    CU_ASSERT_EQUAL(pg_channel_tio(&f->ch, PG_DEV_PRINTER, at + 50, f->csw), PG_CC_STORED);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 1);      /* CONTROL moves nothing */
    CU_ASSERT_EQUAL(pg_channel_tio(&f->ch, PG_DEV_PRINTER, at + 50, f->csw), PG_CC_OK);
    CU_ASSERT_EQUAL(pg_channel_find(&f->ch, PG_DEV_PRINTER)->io_count, 1);
    fx_free(f);
}

/* hio in each state: no device, idle, busy (halted), pending. */
static void test_hio_states(void)
{
    fx *f = fx_new();
    pg_device *d = pg_channel_find(&f->ch, PG_DEV_PRINTER);
    f->mem[DATA] = 'x';
    ccw(f, PROG, PG_CCW_WRITE, 0, 1, DATA);
    CU_ASSERT_EQUAL(pg_channel_hio(&f->ch, 0x123, NOW), PG_CC_NOT_OPER);
    CU_ASSERT_EQUAL(pg_channel_hio(&f->ch, PG_DEV_PRINTER, NOW), PG_CC_OK);   /* idle */
    CU_ASSERT_FALSE(d->status_valid);
    /* busy: the ending status pends now, as the program left it */
    CU_ASSERT_EQUAL(sio(f, PG_DEV_PRINTER), PG_CC_OK);
    CU_ASSERT_EQUAL(pg_channel_hio(&f->ch, PG_DEV_PRINTER, NOW + 5), 1);
    CU_ASSERT_EQUAL(d->pending_at, NOW + 5);
    CU_ASSERT_EQUAL(pg_channel_next_pending(&f->ch), NOW + 5);
    /* pending: nothing changes */
    CU_ASSERT_EQUAL(pg_channel_hio(&f->ch, PG_DEV_PRINTER, NOW + 7), PG_CC_OK);
    CU_ASSERT_TRUE(d->status_valid);
    CU_ASSERT_EQUAL(d->pending_at, NOW + 5);
    CU_ASSERT_EQUAL(pg_channel_tio(&f->ch, PG_DEV_PRINTER, NOW + 5, f->csw), PG_CC_STORED);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    CU_ASSERT_EQUAL(f->prt.count, 1);
    fx_free(f);
}

/* Ending status pends at exactly now + the device class's latency. */
static void test_latency(void)
{
    fx *f = fx_new();
    /* reader: 200 + bytes */
    f->rdr = (treader){.items = {"C"}, .count = 1};
    ccw(f, PROG, PG_CCW_READ, 0, 80, DATA);
    run(f, PG_DEV_READER);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_UNIT_RECORD_BASE + 80);
    /* punch */
    ccw(f, PROG, PG_CCW_WRITE, 0, 80, DATA);
    run(f, PG_DEV_PUNCH);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_UNIT_RECORD_BASE + 80);
    /* printer, sense included */
    ccw(f, PROG, PG_CCW_WRITE, CC, 7, DATA);
    ccw(f, PROG + 8, PG_CCW_SENSE, 0, 1, DATA2);
    run(f, PG_DEV_PRINTER);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_UNIT_RECORD_BASE + 8);
    /* disk: 400 + ceil(bytes / 4); seek 4 + read 513 = 517 -> 130 */
    word(f, DATA, 0);
    ccw(f, PROG, PG_CCW_SEEK, CC, 4, DATA);
    ccw(f, PROG + 8, PG_CCW_READ, 0, 513, DATA2);
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 16, NORMAL, 0, 0);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_DISK_BASE + 130);
    ccw(f, PROG, PG_CCW_SEEK, 0, 4, DATA);
    run(f, DEV_DISK);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_DISK_BASE + 1);
    ccw(f, PROG, PG_CCW_CONTROL, 0, 9, DATA);
    run(f, DEV_DISK);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_DISK_BASE);
    /* a program started later pends later */
    ccw(f, PROG, PG_CCW_CONTROL, 0, 1, DATA);
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, PG_DEV_CONSOLE, PROG, 123456789, &f->st, f->csw),
                    PG_CC_OK);
    CU_ASSERT_EQUAL(pg_channel_find(&f->ch, PG_DEV_CONSOLE)->pending_at,
                    123456789 + PG_LAT_CONSOLE_BASE);
    fx_free(f);
}

/* --- devices in the set, interrupts, unsolicited status --- */

/* Devices are kept sorted; duplicates and overflow are refused. */
static void test_add_find(void)
{
    pg_channel ch;
    pg_channel_init(&ch);
    CU_ASSERT_PTR_NULL(pg_channel_find(&ch, 9));
    CU_ASSERT_PTR_NOT_NULL(pg_channel_add(&ch, 0x191, PG_DEVT_DISK));
    CU_ASSERT_PTR_NOT_NULL(pg_channel_add(&ch, 0x009, PG_DEVT_CONSOLE));
    CU_ASSERT_PTR_NOT_NULL(pg_channel_add(&ch, 0x00E, PG_DEVT_PRINTER));
    CU_ASSERT_PTR_NULL(pg_channel_add(&ch, 0x00E, PG_DEVT_PUNCH));
    CU_ASSERT_PTR_NULL(pg_channel_add(&ch, 0x300, (pg_devtype)99));
    CU_ASSERT_EQUAL(ch.count, 3);
    CU_ASSERT_EQUAL(ch.dev[0].devno, 0x009);
    CU_ASSERT_EQUAL(ch.dev[1].devno, 0x00E);
    CU_ASSERT_EQUAL(ch.dev[2].devno, 0x191);
    CU_ASSERT_EQUAL(pg_channel_find(&ch, 0x00E)->type, PG_DEVT_PRINTER);
    CU_ASSERT_PTR_NULL(pg_channel_find(&ch, 0x00D));
    for (uint16_t n = 0x200; ch.count < PG_MAX_DEVICES; n++)
        CU_ASSERT_PTR_NOT_NULL_FATAL(pg_channel_add(&ch, n, PG_DEVT_PRINTER));
    CU_ASSERT_PTR_NULL(pg_channel_add(&ch, 0x100, PG_DEVT_PRINTER));
    CU_ASSERT_EQUAL(pg_channel_next_pending(&ch), UINT64_MAX);
}

/* Interrupts are taken lowest devno first among pending ones. */
static void test_interrupt_order(void)
{
    fx *f = fx_new();
    uint16_t dev;
    CU_ASSERT_EQUAL(pg_channel_next_pending(&f->ch), UINT64_MAX);
    CU_ASSERT_FALSE(pg_channel_take_interrupt(&f->ch, NOW, &dev, f->csw));
    ccw(f, PROG, PG_CCW_CONTROL, 0, 1, DATA);
    /* disk 191 at NOW+400, printer at NOW+200, console at NOW+100, disk 190 at NOW+400 */
    CU_ASSERT_EQUAL(sio(f, DEV_DISK), PG_CC_OK);
    CU_ASSERT_EQUAL(sio(f, PG_DEV_PRINTER), PG_CC_OK);
    CU_ASSERT_EQUAL(sio(f, DEV_RODISK), PG_CC_OK);
    CU_ASSERT_EQUAL(pg_channel_next_pending(&f->ch), NOW + PG_LAT_UNIT_RECORD_BASE);
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, PG_DEV_CONSOLE, PROG, NOW + 150, &f->st, f->csw),
                    PG_CC_OK);
    CU_ASSERT_EQUAL(pg_channel_next_pending(&f->ch), NOW + PG_LAT_UNIT_RECORD_BASE);
    uint64_t t = NOW + PG_LAT_UNIT_RECORD_BASE - 1;
    CU_ASSERT_FALSE(pg_channel_take_interrupt(&f->ch, t, &dev, f->csw));
    t = NOW + PG_LAT_DISK_BASE;
    /* everything pends now: lowest devno first */
    static const uint16_t order[] = {PG_DEV_CONSOLE, PG_DEV_PRINTER, DEV_RODISK, DEV_DISK};
    for (int i = 0; i < 4; i++) {
        dev = 0;
        CU_ASSERT_TRUE(pg_channel_take_interrupt(&f->ch, t, &dev, f->csw));
        CU_ASSERT_EQUAL(dev, order[i]);
        EXPECT_CSW(f, PROG + 8, NORMAL, 0, 1);
    }
    CU_ASSERT_FALSE(pg_channel_take_interrupt(&f->ch, t, &dev, f->csw));
    CU_ASSERT_EQUAL(pg_channel_next_pending(&f->ch), UINT64_MAX);
    fx_free(f);
}

/* Status that does not pend yet is not taken. */
static void test_interrupt_only_when_pending(void)
{
    fx *f = fx_new();
    uint16_t dev = 0;
    ccw(f, PROG, PG_CCW_CONTROL, 0, 1, DATA);
    CU_ASSERT_EQUAL(sio(f, PG_DEV_CONSOLE), PG_CC_OK);         /* NOW + 100 */
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, DEV_DISK, PROG, NOW - 350, &f->st, f->csw),
                    PG_CC_OK);                                  /* NOW + 50 */
    CU_ASSERT_EQUAL(pg_channel_next_pending(&f->ch), NOW + 50);
    CU_ASSERT_TRUE(pg_channel_take_interrupt(&f->ch, NOW + 60, &dev, f->csw));
    CU_ASSERT_EQUAL(dev, DEV_DISK);             /* the console does not pend yet */
    CU_ASSERT_EQUAL(pg_channel_next_pending(&f->ch), NOW + 100);
    CU_ASSERT_FALSE(pg_channel_take_interrupt(&f->ch, NOW + 99, &dev, f->csw));
    CU_ASSERT_TRUE(pg_channel_take_interrupt(&f->ch, NOW + 100, &dev, f->csw));
    CU_ASSERT_EQUAL(dev, PG_DEV_CONSOLE);
    fx_free(f);
}

/* Unsolicited status: only on a device without status. */
static void test_present(void)
{
    fx *f = fx_new();
    uint16_t dev = 0;
    CU_ASSERT_FALSE(pg_channel_present(&f->ch, 0x123, PG_US_ATTENTION, NOW));
    CU_ASSERT_TRUE(pg_channel_present(&f->ch, PG_DEV_CONSOLE, PG_US_ATTENTION, NOW + 10));
    CU_ASSERT_FALSE(pg_channel_present(&f->ch, PG_DEV_CONSOLE, PG_US_ATTENTION, NOW + 20));
    CU_ASSERT_EQUAL(pg_channel_next_pending(&f->ch), NOW + 10);
    CU_ASSERT_EQUAL(pg_channel_tio(&f->ch, PG_DEV_CONSOLE, NOW + 9, f->csw), PG_CC_BUSY);
    CU_ASSERT_FALSE(pg_channel_take_interrupt(&f->ch, NOW + 9, &dev, f->csw));
    CU_ASSERT_TRUE(pg_channel_take_interrupt(&f->ch, NOW + 10, &dev, f->csw));
    CU_ASSERT_EQUAL(dev, PG_DEV_CONSOLE);
    EXPECT_CSW(f, 0, PG_US_ATTENTION, 0, 0);
    /* not on a busy device */
    ccw(f, PROG, PG_CCW_CONTROL, 0, 1, DATA);
    CU_ASSERT_EQUAL(sio(f, PG_DEV_PRINTER), PG_CC_OK);
    CU_ASSERT_FALSE(pg_channel_present(&f->ch, PG_DEV_PRINTER, PG_US_ATTENTION, NOW));
    /* sio sees presented status as pending status */
    CU_ASSERT_TRUE(pg_channel_present(&f->ch, PG_DEV_PUNCH, PG_US_ATTENTION, NOW));
    CU_ASSERT_EQUAL(sio(f, PG_DEV_PUNCH), PG_CC_STORED);
    EXPECT_CSW(f, 0, PG_US_ATTENTION, 0, 0);
    CU_ASSERT_EQUAL(pg_channel_find(&f->ch, PG_DEV_PUNCH)->io_count, 0);
    fx_free(f);
}

/* --- console --- */

/* Console WRITE passes any bytes, in one backend call. */
static void test_console_write_exact(void)
{
    fx *f = fx_new();
    memcpy(f->mem + DATA, "a\0b\nc\r", 6);
    ccw(f, PROG, PG_CCW_WRITE, 0, 6, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    CU_ASSERT_EQUAL(f->con.writes, 1);
    CU_ASSERT_EQUAL(f->con.outlen, 6);
    CU_ASSERT_EQUAL(memcmp(f->con.out, "a\0b\nc\r", 6), 0);
    fx_free(f);
}

/* Console READ: exact, short, long lines, with and without SLI. */
static void test_console_read_lengths(void)
{
    fx *f = fx_new();
    const char *lines[] = {"hello", "hi", "hi", "toolongline", "next"};
    tcon_script(&f->con, 5, lines, true);
    memset(f->mem + DATA, '.', 16);
    ccw(f, PROG, PG_CCW_READ, 0, 5, DATA);          /* exact */
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA, "hello.", 6);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_CONSOLE_BASE + 5);
    ccw(f, PROG, PG_CCW_READ, 0, 10, DATA2);        /* short: IL, residual = 8 */
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, IL, 8);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA2, "hi", 2);
    ccw(f, PROG, PG_CCW_READ, SLI, 10, DATA2);      /* short with SLI */
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 8);
    memset(f->mem + DATA, '.', 16);
    ccw(f, PROG, PG_CCW_READ, 0, 4, DATA);          /* long: truncated, rest gone */
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, IL, 0);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA, "tool.", 5);
    ccw(f, PROG, PG_CCW_READ, SLI, 4, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA, "next.", 5);
    fx_free(f);
}

/* An empty line moves nothing: residual = count. */
static void test_console_empty_line(void)
{
    fx *f = fx_new();
    const char *lines[] = {""};
    tcon_script(&f->con, 1, lines, true);
    f->mem[DATA] = '.';
    ccw(f, PROG, PG_CCW_READ, SLI, 20, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 20);
    CU_ASSERT_EQUAL(f->mem[DATA], '.');
    fx_free(f);
}

/* End of input: CE|DE|UE, residual = count, no IL, every time. */
static void test_console_eof(void)
{
    fx *f = fx_new();
    const char *lines[] = {"last"};
    tcon_script(&f->con, 1, lines, true);
    ccw(f, PROG, PG_CCW_READ, CC | SLI, 20, DATA);
    ccw(f, PROG + 8, PG_CCW_READ, CC, 20, DATA2);
    ccw(f, PROG + 16, PG_CCW_WRITE, 0, 1, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 16, UE, 0, 20);        /* no IL, residual = count */
    CU_ASSERT_EQUAL(f->con.writes, 0);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_CONSOLE_BASE + 4);
    ccw(f, PROG, PG_CCW_READ, 0, 20, DATA);
    run(f, PG_DEV_CONSOLE);                     /* and every READ after it */
    EXPECT_CSW(f, PROG + 8, UE, 0, 20);
    fx_free(f);
}

/* CONTROL does nothing; SENSE stores one byte and clears it. */
static void test_console_control_sense(void)
{
    fx *f = fx_new();
    ccw(f, PROG, PG_CCW_CONTROL, 0, 3, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 3);
    CU_ASSERT_EQUAL(sense_of(f, PG_DEV_CONSOLE), 0);
    ccw(f, PROG, PG_CCW_SEEK, 0, 4, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, UC, 0, 4);
    /* SENSE with a longer count: one byte, IL unless SLI; the byte is cleared */
    f->mem[DATA2] = 0xEE;
    f->mem[DATA2 + 1] = 0xEE;
    ccw(f, PROG, PG_CCW_SENSE, 0, 2, DATA2);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, IL, 1);
    CU_ASSERT_EQUAL(f->mem[DATA2], PG_SENSE_COMMAND_REJECT);
    CU_ASSERT_EQUAL(f->mem[DATA2 + 1], 0xEE);
    ccw(f, PROG, PG_CCW_SENSE, SLI, 2, DATA2);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 1);
    CU_ASSERT_EQUAL(f->mem[DATA2], 0);
    fx_free(f);
}

/* A command other than SENSE clears the sense byte. */
static void test_sense_cleared_by_next_command(void)
{
    fx *f = fx_new();
    ccw(f, PROG, PG_CCW_WRITE, 0, 4, DATA);
    run(f, PG_DEV_READER);
    EXPECT_CSW(f, PROG + 8, UC, 0, 4);
    ccw(f, PROG, PG_CCW_CONTROL, 0, 1, DATA);
    run(f, PG_DEV_READER);
    CU_ASSERT_EQUAL(sense_of(f, PG_DEV_READER), 0);
    fx_free(f);
}

/* Storage, console state and device state are exactly as before. */
static void expect_untouched(fx *f, const uint8_t *mem_before, uint32_t next_before)
{
    pg_device *d = pg_channel_find(&f->ch, PG_DEV_CONSOLE);
    CU_ASSERT_EQUAL(memcmp(f->mem, mem_before, MEM), 0);
    CU_ASSERT_EQUAL(f->con.next, next_before);
    CU_ASSERT_EQUAL(f->con.writes, 0);
    CU_ASSERT_FALSE(d->status_valid);
    CU_ASSERT_EQUAL(d->io_count, 0);
    CU_ASSERT_EQUAL(d->sense, PG_SENSE_COMMAND_REJECT);
}

/* No input yet: sio answers -1 and nothing at all changes. */
static void test_would_block(void)
{
    fx *f = fx_new();
    uint8_t *before = malloc(MEM);
    CU_ASSERT_FATAL(before != NULL);
    pg_channel_find(&f->ch, PG_DEV_CONSOLE)->sense = PG_SENSE_COMMAND_REJECT;
    const char *lines[] = {"one", "two"};
    tcon_script(&f->con, 2, lines, false);
    f->con.avail = 0;
    memcpy(f->mem + DATA, "prompt", 6);
    ccw(f, PROG, PG_CCW_WRITE, CC, 6, DATA);
    ccw(f, PROG + 8, PG_CCW_READ, CC | SLI, 10, DATA2);
    ccw(f, PROG + 16, PG_CCW_READ, SLI, 10, DATA2 + 16);
    memcpy(before, f->mem, MEM);
    CU_ASSERT_EQUAL(sio(f, PG_DEV_CONSOLE), PG_IN_WOULD_BLOCK);
    expect_untouched(f, before, 0);
    /* one line is not enough for two READs: still nothing done, nothing taken */
    f->con.avail = 1;
    CU_ASSERT_EQUAL(sio(f, PG_DEV_CONSOLE), PG_IN_WOULD_BLOCK);
    expect_untouched(f, before, 0);
    /* both lines there: the program runs */
    f->con.avail = 2;
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 24, NORMAL, 0, 7);
    CU_ASSERT_NSTRING_EQUAL(f->con.out, "prompt", 6);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA2, "one", 3);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA2 + 16, "two", 3);
    CU_ASSERT_EQUAL(f->con.next, 2);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_CONSOLE_BASE + 12);
    free(before);
    fx_free(f);
}

/* Only a READ that chaining reaches waits for input. */
static void test_would_block_not_for_write(void)
{
    fx *f = fx_new();
    f->con.at_end = false;                      /* no input, none yet */
    ccw(f, PROG, PG_CCW_WRITE, 0, 2, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    /* a READ that chaining never reaches does not wait either */
    ccw(f, PROG, PG_CCW_SEEK, CC, 4, DATA);
    ccw(f, PROG + 8, PG_CCW_READ, 0, 2, DATA);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 8, UC, 0, 4);
    /* nor does a pending status: sio answers 1 first */
    ccw(f, PROG, PG_CCW_READ, 0, 2, DATA);
    CU_ASSERT_TRUE(pg_channel_present(&f->ch, PG_DEV_CONSOLE, PG_US_ATTENTION, NOW));
    CU_ASSERT_EQUAL(sio(f, PG_DEV_CONSOLE), PG_CC_STORED);
    CU_ASSERT_EQUAL(sio(f, PG_DEV_CONSOLE), PG_IN_WOULD_BLOCK);
    fx_free(f);
}

/* The trial run sees its own stores, like the real run. */
static void test_would_block_sees_own_writes(void)
{
    /* the first READ stores the CCW it chains to; the trial run must see the
       new CCW, exactly as the real run will */
    static const char control[8] = {PG_CCW_CONTROL, 0, 0, 1, 0, 0, 0x10, 0};
    static const char read[8] = {PG_CCW_READ, SLI, 0, 5, 0, 0, 0x20, 0};
    fx *f = fx_new();
    uint8_t *before = malloc(MEM);
    CU_ASSERT_FATAL(before != NULL);
    /* READ overwritten by CONTROL: one line is enough */
    const char *lines[] = {control, "never"};
    tcon_script(&f->con, 2, lines, false);
    f->con.lens[0] = 8;
    f->con.avail = 1;
    ccw(f, PROG, PG_CCW_READ, CC | SLI, 8, PROG + 8);
    ccw(f, PROG + 8, PG_CCW_READ, SLI, 5, DATA2);
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 16, NORMAL, 0, 1);
    CU_ASSERT_EQUAL(f->con.next, 1);
    /* CONTROL overwritten by READ: that READ needs a second line */
    fx_free(f);
    f = fx_new();
    pg_channel_find(&f->ch, PG_DEV_CONSOLE)->sense = PG_SENSE_COMMAND_REJECT;
    const char *lines2[] = {read, "hello"};
    tcon_script(&f->con, 2, lines2, false);
    f->con.lens[0] = 8;
    f->con.avail = 1;
    ccw(f, PROG, PG_CCW_READ, CC | SLI, 8, PROG + 8);
    ccw(f, PROG + 8, PG_CCW_CONTROL, 0, 1, DATA);
    memcpy(before, f->mem, MEM);
    CU_ASSERT_EQUAL(sio(f, PG_DEV_CONSOLE), PG_IN_WOULD_BLOCK);
    expect_untouched(f, before, 0);
    f->con.avail = 2;
    run(f, PG_DEV_CONSOLE);
    EXPECT_CSW(f, PROG + 16, NORMAL, 0, 0);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA2, "hello", 5);
    /* a trial's data crossing a page boundary stays in the trial too */
    fx_free(f);
    f = fx_new();
    pg_channel_find(&f->ch, PG_DEV_CONSOLE)->sense = PG_SENSE_COMMAND_REJECT;
    const char *lines3[] = {"0123456789abcdef", "x"};
    tcon_script(&f->con, 2, lines3, false);
    f->con.avail = 1;
    ccw(f, PROG, PG_CCW_READ, CC, 16, PG_PAGE_SIZE - 8);
    ccw(f, PROG + 8, PG_CCW_READ, SLI, 5, DATA2);
    memcpy(before, f->mem, MEM);
    CU_ASSERT_EQUAL(sio(f, PG_DEV_CONSOLE), PG_IN_WOULD_BLOCK);
    expect_untouched(f, before, 0);
    free(before);
    fx_free(f);
}

/* A console backend without peek_line that still answers "nothing yet". */
static pg_input never_ready(void *ctx, uint8_t *buf, uint32_t cap, uint32_t *len)
{
    (void)ctx, (void)buf, (void)cap, (void)len;
    return PG_IN_WOULD_BLOCK;
}

/* A backend that waits without peek_line gets intervention required. */
static void test_console_broken_backend(void)
{
    fx *f = fx_new();
    pg_device *d = pg_channel_find(&f->ch, PG_DEV_CONSOLE);
    d->be.console.peek_line = NULL;
    d->be.console.read_line = never_ready;
    ccw(f, PROG, PG_CCW_READ, 0, 5, DATA);
    run(f, PG_DEV_CONSOLE);                     /* cannot undo: intervention required */
    EXPECT_CSW(f, PROG + 8, UC, 0, 5);
    CU_ASSERT_EQUAL(sense_of(f, PG_DEV_CONSOLE), PG_SENSE_INTERVENTION);
    fx_free(f);
}

/* --- reader --- */

/* Reader READ with count 80, shorter, longer, SLI. */
static void test_reader_cards(void)
{
    fx *f = fx_new();
    f->rdr = (treader){.items = {"FIRST", "SECOND", "THIRD", "FOURTH"}, .count = 4};
    memset(f->mem + DATA, '.', 200);
    ccw(f, PROG, PG_CCW_READ, 0, 80, DATA);
    run(f, PG_DEV_READER);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA, "FIRST ", 6);
    CU_ASSERT_EQUAL(f->mem[DATA + 79], ' ');
    CU_ASSERT_EQUAL(f->mem[DATA + 80], '.');
    memset(f->mem + DATA, '.', 200);
    ccw(f, PROG, PG_CCW_READ, 0, 3, DATA);          /* short count: IL, rest lost */
    run(f, PG_DEV_READER);
    EXPECT_CSW(f, PROG + 8, NORMAL, IL, 0);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA, "SEC.", 4);
    memset(f->mem + DATA, '.', 200);
    ccw(f, PROG, PG_CCW_READ, 0, 100, DATA);        /* long count: 80 moved */
    run(f, PG_DEV_READER);
    EXPECT_CSW(f, PROG + 8, NORMAL, IL, 20);
    CU_ASSERT_EQUAL(f->mem[DATA + 79], ' ');
    CU_ASSERT_EQUAL(f->mem[DATA + 80], '.');
    ccw(f, PROG, PG_CCW_READ, SLI, 100, DATA);
    run(f, PG_DEV_READER);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 20);
    CU_ASSERT_NSTRING_EQUAL(f->mem + DATA, "FOURTH", 6);
    fx_free(f);
}

/* Unit exception between files, and at every READ after the last. */
static void test_reader_files(void)
{
    fx *f = fx_new();
    f->rdr = (treader){.items = {"A1", "A2", NULL, "B1", NULL}, .count = 5};
    static const char *expect[] = {"A1", "A2", NULL, "B1", NULL, NULL, NULL};
    for (int i = 0; i < 7; i++) {
        memset(f->mem + DATA, '.', 80);
        ccw(f, PROG, PG_CCW_READ, 0, 80, DATA);
        run(f, PG_DEV_READER);
        if (expect[i]) {
            EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
            CU_ASSERT_NSTRING_EQUAL(f->mem + DATA, expect[i], 2);
        } else {
            EXPECT_CSW(f, PROG + 8, UE, 0, 80);
            CU_ASSERT_EQUAL(f->mem[DATA], '.');
            CU_ASSERT_EQUAL(f->latency, PG_LAT_UNIT_RECORD_BASE);
        }
    }
    fx_free(f);
}

/* Devices without a backend: empty reader, no input, discarded output. */
static void test_reader_no_backend(void)
{
    pg_channel ch;
    uint8_t mem[0x100] = {0};
    pg_storage st = {.ctx = mem, .size = sizeof mem, .read = mem_read, .write = mem_write};
    uint32_t csw[2];
    pg_channel_init(&ch);
    pg_channel_add(&ch, PG_DEV_READER, PG_DEVT_READER);
    pg_channel_add(&ch, PG_DEV_PRINTER, PG_DEVT_PRINTER);
    pg_channel_add(&ch, PG_DEV_CONSOLE, PG_DEVT_CONSOLE);
    mem[0x10] = PG_CCW_READ;
    mem[0x13] = 80;
    mem[0x17] = 0x80;
    for (int i = 0; i < 2; i++) {
        CU_ASSERT_EQUAL(pg_channel_sio(&ch, PG_DEV_READER, 0x10, 0, &st, csw), PG_CC_OK);
        CU_ASSERT_EQUAL(pg_channel_tio(&ch, PG_DEV_READER, PG_LAT_UNIT_RECORD_BASE, csw),
                        PG_CC_STORED);
        CU_ASSERT_EQUAL(csw[1], csw1(UE, 0, 80));
    }
    /* console without input: end of input; printer without a file: discarded */
    CU_ASSERT_EQUAL(pg_channel_sio(&ch, PG_DEV_CONSOLE, 0x10, 0, &st, csw), PG_CC_OK);
    CU_ASSERT_EQUAL(pg_channel_tio(&ch, PG_DEV_CONSOLE, PG_LAT_CONSOLE_BASE, csw), PG_CC_STORED);
    CU_ASSERT_EQUAL(csw[1], csw1(UE, 0, 80));
    mem[0x10] = PG_CCW_WRITE;
    CU_ASSERT_EQUAL(pg_channel_sio(&ch, PG_DEV_PRINTER, 0x10, 0, &st, csw), PG_CC_OK);
    CU_ASSERT_EQUAL(pg_channel_tio(&ch, PG_DEV_PRINTER, PG_LAT_UNIT_RECORD_BASE + 80, csw),
                    PG_CC_STORED);
    CU_ASSERT_EQUAL(csw[1], csw1(NORMAL, 0, 0));
}

/* Reader: WRITE and SEEK rejected; CONTROL does nothing. */
static void test_reader_rejects(void)
{
    fx *f = fx_new();
    static const uint8_t cmds[] = {PG_CCW_WRITE, PG_CCW_SEEK};
    for (size_t i = 0; i < sizeof cmds; i++) {
        ccw(f, PROG, cmds[i], 0, 80, DATA);
        run(f, PG_DEV_READER);
        EXPECT_CSW(f, PROG + 8, UC, 0, 80);
        CU_ASSERT_EQUAL(sense_of(f, PG_DEV_READER), PG_SENSE_COMMAND_REJECT);
        CU_ASSERT_EQUAL(sense_of(f, PG_DEV_READER), 0);
    }
    ccw(f, PROG, PG_CCW_CONTROL, 0, 1, DATA);
    run(f, PG_DEV_READER);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 1);
    CU_ASSERT_EQUAL(f->rdr.next, 0);
    fx_free(f);
}

/* --- punch --- */

/* Punch: blank padding, IL, CONTROL closes, rejects. */
static void test_punch(void)
{
    fx *f = fx_new();
    memset(f->mem + DATA, 'P', 100);
    memcpy(f->mem + DATA, "HELLO", 5);
    ccw(f, PROG, PG_CCW_WRITE, 0, 80, DATA);
    run(f, PG_DEV_PUNCH);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    ccw(f, PROG, PG_CCW_WRITE, 0, 5, DATA);         /* short: padded, IL */
    run(f, PG_DEV_PUNCH);
    EXPECT_CSW(f, PROG + 8, NORMAL, IL, 0);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_UNIT_RECORD_BASE + 5);
    ccw(f, PROG, PG_CCW_WRITE, SLI, 5, DATA);
    run(f, PG_DEV_PUNCH);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    ccw(f, PROG, PG_CCW_WRITE, 0, 100, DATA);       /* long: 80 taken */
    run(f, PG_DEV_PUNCH);
    EXPECT_CSW(f, PROG + 8, NORMAL, IL, 20);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_UNIT_RECORD_BASE + 80);
    CU_ASSERT_EQUAL(f->pun.count, 4);
    char card[81];
    memset(card, 'P', 80);
    memcpy(card, "HELLO", 5);
    card[80] = 0;
    CU_ASSERT_STRING_EQUAL(f->pun.rec[0], card);
    CU_ASSERT_STRING_EQUAL(f->pun.rec[3], card);
    memset(card + 5, ' ', 75);
    CU_ASSERT_STRING_EQUAL(f->pun.rec[1], card);
    CU_ASSERT_STRING_EQUAL(f->pun.rec[2], card);
    CU_ASSERT_EQUAL(f->pun.closes, 0);
    ccw(f, PROG, PG_CCW_CONTROL, 0, 1, DATA);
    run(f, PG_DEV_PUNCH);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 1);
    CU_ASSERT_EQUAL(f->pun.closes, 1);
    static const uint8_t cmds[] = {PG_CCW_READ, PG_CCW_SEEK};
    for (size_t i = 0; i < sizeof cmds; i++) {
        ccw(f, PROG, cmds[i], 0, 80, DATA);
        run(f, PG_DEV_PUNCH);
        EXPECT_CSW(f, PROG + 8, UC, 0, 80);
        CU_ASSERT_EQUAL(sense_of(f, PG_DEV_PUNCH), PG_SENSE_COMMAND_REJECT);
    }
    CU_ASSERT_EQUAL(f->pun.count, 4);
    fx_free(f);
}

/* --- printer --- */

/* Printer: lines up to 132 bytes, longer ones cut with IL, rejects. */
static void test_printer(void)
{
    fx *f = fx_new();
    memset(f->mem + DATA, 'L', 200);
    ccw(f, PROG, PG_CCW_WRITE, 0, 132, DATA);
    run(f, PG_DEV_PRINTER);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    ccw(f, PROG, PG_CCW_WRITE, 0, 10, DATA);        /* shorter lines are normal */
    run(f, PG_DEV_PRINTER);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 0);
    ccw(f, PROG, PG_CCW_WRITE, 0, 140, DATA);       /* too long: 132 printed, IL */
    run(f, PG_DEV_PRINTER);
    EXPECT_CSW(f, PROG + 8, NORMAL, IL, 8);
    CU_ASSERT_EQUAL(f->latency, PG_LAT_UNIT_RECORD_BASE + 132);
    ccw(f, PROG, PG_CCW_WRITE, SLI, 140, DATA);
    run(f, PG_DEV_PRINTER);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 8);
    CU_ASSERT_EQUAL(f->prt.count, 4);
    CU_ASSERT_EQUAL(f->prt.len[0], 132);
    CU_ASSERT_EQUAL(f->prt.len[1], 10);
    CU_ASSERT_EQUAL(f->prt.len[2], 132);
    CU_ASSERT_EQUAL(f->prt.len[3], 132);
    ccw(f, PROG, PG_CCW_CONTROL, 0, 1, DATA);
    run(f, PG_DEV_PRINTER);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 1);
    static const uint8_t cmds[] = {PG_CCW_READ, PG_CCW_SEEK};
    for (size_t i = 0; i < sizeof cmds; i++) {
        ccw(f, PROG, cmds[i], 0, 80, DATA);
        run(f, PG_DEV_PRINTER);
        EXPECT_CSW(f, PROG + 8, UC, 0, 80);
        CU_ASSERT_EQUAL(sense_of(f, PG_DEV_PRINTER), PG_SENSE_COMMAND_REJECT);
    }
    CU_ASSERT_EQUAL(f->prt.count, 4);
    fx_free(f);
}

/* --- disk --- */

/* Storage at addr holds the image's bytes from off on. */
static bool holds_disk(const fx *f, uint32_t addr, uint64_t off, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        if (f->mem[addr + i] != disk_byte(off + i))
            return false;
    return true;
}

/* Disk READ crosses blocks, and the position persists. */
static void test_disk_seek_read(void)
{
    fx *f = fx_new();
    word(f, DATA, 1);
    ccw(f, PROG, PG_CCW_SEEK, CC, 4, DATA);
    ccw(f, PROG + 8, PG_CCW_READ, 0, 512, DATA2);
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 16, NORMAL, 0, 0);
    CU_ASSERT_TRUE(holds_disk(f, DATA2, 512, 512));
    /* across a block boundary, then on from there in the next program */
    word(f, DATA, 2);
    ccw(f, PROG + 8, PG_CCW_READ, 0, 700, DATA2);
    run(f, DEV_DISK);
    CU_ASSERT_TRUE(holds_disk(f, DATA2, 1024, 700));
    ccw(f, PROG, PG_CCW_READ, CC, 100, DATA2);
    ccw(f, PROG + 8, PG_CCW_READ, 0, 100, DATA2 + 100);
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 16, NORMAL, 0, 0);
    CU_ASSERT_TRUE(holds_disk(f, DATA2, 1724, 200));
    CU_ASSERT_EQUAL(pg_channel_find(&f->ch, DEV_DISK)->position, 1924);
    fx_free(f);
}

/* Disk WRITE lands at the position, across blocks; the image never grows. */
static void test_disk_write(void)
{
    fx *f = fx_new();
    for (int i = 0; i < 600; i++)
        f->mem[DATA2 + i] = (uint8_t)(i ^ 0x5A);
    word(f, DATA, 0);
    ccw(f, PROG, PG_CCW_SEEK, CC, 4, DATA);
    ccw(f, PROG + 8, PG_CCW_READ, CC, 300, DATA2 + 0x1000);    /* position 300 */
    ccw(f, PROG + 16, PG_CCW_WRITE, 0, 600, DATA2);            /* 300..899 */
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 24, NORMAL, 0, 0);
    uint8_t img[DISK_BLOCKS * PG_DISK_BLOCK];
    CU_ASSERT_EQUAL(pread(f->disk_fd, img, sizeof img, 0), (ssize_t)sizeof img);
    bool ok = true;
    for (uint32_t i = 0; i < sizeof img; i++) {
        uint8_t want = i >= 300 && i < 900 ? (uint8_t)((i - 300) ^ 0x5A) : disk_byte(i);
        ok = ok && img[i] == want;
    }
    CU_ASSERT_TRUE(ok);
    struct stat sb;
    CU_ASSERT_EQUAL(fstat(f->disk_fd, &sb), 0);
    CU_ASSERT_EQUAL(sb.st_size, DISK_BLOCKS * PG_DISK_BLOCK);
    /* the last byte of the disk, exactly */
    word(f, DATA, DISK_BLOCKS - 1);
    ccw(f, PROG + 8, PG_CCW_WRITE, 0, 512, DATA2);
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 16, NORMAL, 0, 0);
    CU_ASSERT_EQUAL(fstat(f->disk_fd, &sb), 0);
    CU_ASSERT_EQUAL(sb.st_size, DISK_BLOCKS * PG_DISK_BLOCK);
    fx_free(f);
}

/* Seek or transfer beyond the end: unit check, sense 0x04, nothing moved. */
static void test_disk_beyond_end(void)
{
    fx *f = fx_new();
    pg_device *d = pg_channel_find(&f->ch, DEV_DISK);
    word(f, DATA, DISK_BLOCKS);                     /* seek beyond the end */
    ccw(f, PROG, PG_CCW_SEEK, CC, 4, DATA);
    ccw(f, PROG + 8, PG_CCW_READ, 0, 10, DATA2);
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 8, UC, 0, 4);
    CU_ASSERT_EQUAL(d->position, 0);
    CU_ASSERT_EQUAL(sense_of(f, DEV_DISK), DISK_BLOCKS >> 24);   /* byte 0 of the size */
    /* size and sense byte together */
    run(f, DEV_DISK);
    ccw(f, PROG + 0x40, PG_CCW_SENSE, 0, 5, DATA2);
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, DEV_DISK, PROG + 0x40, NOW, &f->st, f->csw), PG_CC_OK);
    finish(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 0x48, NORMAL, 0, 0);
    CU_ASSERT_EQUAL(f->mem[DATA2 + 3], DISK_BLOCKS);
    CU_ASSERT_EQUAL(f->mem[DATA2 + 4], PG_SENSE_END_OF_EXTENT);
    /* a transfer past the end moves nothing and keeps the position */
    word(f, DATA, DISK_BLOCKS - 1);
    memset(f->mem + DATA2, '.', 600);
    ccw(f, PROG + 8, PG_CCW_READ, 0, 513, DATA2);
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 16, UC, 0, 513);
    CU_ASSERT_EQUAL(f->mem[DATA2], '.');
    CU_ASSERT_EQUAL(d->position, (DISK_BLOCKS - 1) * PG_DISK_BLOCK);
    ccw(f, PROG + 8, PG_CCW_WRITE, 0, 513, DATA2);
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 16, UC, 0, 513);
    CU_ASSERT_EQUAL(sense_of(f, DEV_DISK), 0);
    struct stat sb;
    CU_ASSERT_EQUAL(fstat(f->disk_fd, &sb), 0);
    CU_ASSERT_EQUAL(sb.st_size, DISK_BLOCKS * PG_DISK_BLOCK);
    uint8_t b;
    CU_ASSERT_EQUAL(pread(f->disk_fd, &b, 1, (DISK_BLOCKS - 1) * PG_DISK_BLOCK), 1);
    CU_ASSERT_EQUAL(b, disk_byte((DISK_BLOCKS - 1) * PG_DISK_BLOCK));
    fx_free(f);
}

/* WRITE to a read-only disk: unit check, sense 0x02, nothing written. */
static void test_disk_read_only(void)
{
    fx *f = fx_new();
    memset(f->mem + DATA2, 'W', 16);
    word(f, DATA, 1);
    ccw(f, PROG, PG_CCW_SEEK, CC, 4, DATA);
    ccw(f, PROG + 8, PG_CCW_WRITE, 0, 16, DATA2);
    run(f, DEV_RODISK);
    EXPECT_CSW(f, PROG + 16, UC, 0, 16);
    uint8_t b[16];
    CU_ASSERT_EQUAL(pread(f->disk_fd, b, 16, 512), 16);
    CU_ASSERT_EQUAL(b[0], disk_byte(512));
    ccw(f, PROG + 0x40, PG_CCW_SENSE, 0, 5, DATA2);
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, DEV_RODISK, PROG + 0x40, NOW, &f->st, f->csw),
                    PG_CC_OK);
    finish(f, DEV_RODISK);
    CU_ASSERT_EQUAL(f->mem[DATA2 + 3], RO_BLOCKS);
    CU_ASSERT_EQUAL(f->mem[DATA2 + 4], PG_SENSE_WRITE_PROTECT);
    /* reading is fine */
    ccw(f, PROG + 8, PG_CCW_READ, 0, 16, DATA2);
    run(f, DEV_RODISK);
    EXPECT_CSW(f, PROG + 16, NORMAL, 0, 0);
    CU_ASSERT_TRUE(holds_disk(f, DATA2, 512, 16));
    fx_free(f);
}

/* SEEK count < 4 is rejected; > 4 is incorrect length unless SLI. */
static void test_disk_seek_counts(void)
{
    fx *f = fx_new();
    pg_device *d = pg_channel_find(&f->ch, DEV_DISK);
    word(f, DATA, 2);
    ccw(f, PROG, PG_CCW_SEEK, 0, 3, DATA);
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 8, UC, 0, 3);
    CU_ASSERT_EQUAL(d->position, 0);
    CU_ASSERT_EQUAL(sense_of(f, DEV_DISK), 0);      /* count 1 reads the size's top byte */
    ccw(f, PROG, PG_CCW_SEEK, 0, 3, DATA);
    run(f, DEV_DISK);
    ccw(f, PROG + 0x40, PG_CCW_SENSE, SLI, 8, DATA2);
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, DEV_DISK, PROG + 0x40, NOW, &f->st, f->csw), PG_CC_OK);
    finish(f, DEV_DISK);
    CU_ASSERT_EQUAL(f->mem[DATA2 + 4], PG_SENSE_COMMAND_REJECT);
    ccw(f, PROG, PG_CCW_SEEK, 0, 6, DATA);
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 8, NORMAL, IL, 2);
    CU_ASSERT_EQUAL(d->position, 1024);
    word(f, DATA, 3);
    ccw(f, PROG, PG_CCW_SEEK, SLI, 6, DATA);
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 2);
    CU_ASSERT_EQUAL(d->position, 1536);
    fx_free(f);
}

/* Disk SENSE: size word, then the sense byte; IL unless count 4 or 5. */
static void test_disk_sense_counts(void)
{
    fx *f = fx_new();
    static const struct { uint16_t count; uint8_t flags; uint8_t chan; uint16_t res; } t[] = {
        {4, 0, 0, 0}, {5, 0, 0, 0}, {2, 0, IL, 0}, {2, SLI, 0, 0}, {8, 0, IL, 3}, {8, SLI, 0, 3},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        memset(f->mem + DATA2, '.', 16);
        ccw(f, PROG, PG_CCW_SENSE, t[i].flags, t[i].count, DATA2);
        run(f, DEV_DISK);
        EXPECT_CSW(f, PROG + 8, NORMAL, t[i].chan, t[i].res);
        uint32_t n = t[i].count < 5 ? t[i].count : 5;
        static const uint8_t rec[5] = {0, 0, 0, DISK_BLOCKS, 0};
        CU_ASSERT_EQUAL(memcmp(f->mem + DATA2, rec, n), 0);
        CU_ASSERT_EQUAL(f->mem[DATA2 + n], '.');
    }
    ccw(f, PROG, PG_CCW_CONTROL, 0, 2, DATA);
    run(f, DEV_DISK);
    EXPECT_CSW(f, PROG + 8, NORMAL, 0, 2);
    fx_free(f);
}

/* Minidisk windows, and host I/O errors as data check. */
static void test_disk_window_and_errors(void)
{
    fx *f = fx_new();
    /* a minidisk: blocks 1..2 of the image as its blocks 0..1 */
    pg_device *mini = pg_channel_add(&f->ch, 0x192, PG_DEVT_DISK);
    mini->be.disk = (pg_disk_backend){.fd = f->disk_fd, .offset = 512, .blocks = 2};
    word(f, DATA, 1);
    ccw(f, PROG, PG_CCW_SEEK, CC, 4, DATA);
    ccw(f, PROG + 8, PG_CCW_READ, 0, 512, DATA2);
    run(f, 0x192);
    EXPECT_CSW(f, PROG + 16, NORMAL, 0, 0);
    CU_ASSERT_TRUE(holds_disk(f, DATA2, 1024, 512));
    word(f, DATA, 2);
    run(f, 0x192);
    EXPECT_CSW(f, PROG + 8, UC, 0, 4);
    /* a window beyond the host file: the read fails, data check */
    pg_device *bad = pg_channel_add(&f->ch, 0x193, PG_DEVT_DISK);
    bad->be.disk = (pg_disk_backend){.fd = f->disk_fd, .offset = 2048, .blocks = 2};
    word(f, DATA, 0);
    memset(f->mem + DATA2, '.', 16);
    run(f, 0x193);
    EXPECT_CSW(f, PROG + 16, UC, 0, 512);
    CU_ASSERT_EQUAL(f->mem[DATA2], '.');
    CU_ASSERT_EQUAL(sense_of(f, 0x193), 0);     /* count 1: the size's top byte */
    run(f, 0x193);
    ccw(f, PROG + 0x40, PG_CCW_SENSE, 0, 5, DATA2);
    CU_ASSERT_EQUAL(pg_channel_sio(&f->ch, 0x193, PROG + 0x40, NOW, &f->st, f->csw), PG_CC_OK);
    finish(f, 0x193);
    CU_ASSERT_EQUAL(f->mem[DATA2 + 4], PG_SENSE_DATA_CHECK);
    /* a host descriptor that cannot write: data check */
    pg_device *rdonly = pg_channel_add(&f->ch, 0x194, PG_DEVT_DISK);
    int fd = open("/dev/null", O_RDONLY);
    CU_ASSERT_FATAL(fd >= 0);
    rdonly->be.disk = (pg_disk_backend){.fd = fd, .blocks = 1};
    ccw(f, PROG + 8, PG_CCW_WRITE, 0, 16, DATA2);
    run(f, 0x194);
    EXPECT_CSW(f, PROG + 16, UC, 0, 16);
    CU_ASSERT_EQUAL(pg_channel_find(&f->ch, 0x194)->position, 0);
    close(fd);
    fx_free(f);
}

/* --- hostio --- */

/* A scratch directory for host files, and a path in it. */
typedef struct tdir {
    char dir[64];
    char path[128];
} tdir;

/* A fresh scratch directory. */
static void tdir_make(tdir *t)
{
    strcpy(t->dir, "/tmp/test_hostio_XXXXXX");
    CU_ASSERT_FATAL(mkdtemp(t->dir) != NULL);
}

static const char *tdir_path(tdir *t, const char *name)
{
    snprintf(t->path, sizeof t->path, "%s/%s", t->dir, name);
    return t->path;
}

/* Write a file in the scratch directory. */
static const char *tdir_file(tdir *t, const char *name, const void *data, size_t len)
{
    const char *p = tdir_path(t, name);
    FILE *fp = fopen(p, "wb");
    CU_ASSERT_FATAL(fp != NULL);
    fwrite(data, 1, len, fp);
    fclose(fp);
    return p;
}

/* Read a whole file (at most cap - 1 bytes) into buf; its length. */
static size_t slurp(const char *path, char *buf, size_t cap)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return (size_t)-1;
    size_t n = fread(buf, 1, cap - 1, fp);
    buf[n] = 0;
    fclose(fp);
    return n;
}

/* Remove the scratch directory and the named files in it. */
static void tdir_remove(tdir *t, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        unlink(tdir_path(t, names[i]));
    rmdir(t->dir);
}

/* Host console: lines without newline, last line, end, exact output. */
static void test_host_console(void)
{
    FILE *in = tmpfile(), *out = tmpfile();
    CU_ASSERT_FATAL(in && out);
    fputs("first\n\nlonger line\nlast", in);
    rewind(in);
    pg_host_console c;
    pg_host_console_init(&c, in, out);
    pg_console_backend be = pg_host_console_backend(&c);
    CU_ASSERT_PTR_NULL(be.peek_line);           /* stdin blocks, never would-block */
    uint8_t buf[8];
    uint32_t len = 99;
    CU_ASSERT_EQUAL(be.read_line(be.ctx, buf, sizeof buf, &len), PG_IN_DATA);
    CU_ASSERT_EQUAL(len, 5);
    CU_ASSERT_NSTRING_EQUAL(buf, "first", 5);
    CU_ASSERT_EQUAL(be.read_line(be.ctx, buf, sizeof buf, &len), PG_IN_DATA);
    CU_ASSERT_EQUAL(len, 0);
    CU_ASSERT_EQUAL(be.read_line(be.ctx, buf, 6, &len), PG_IN_DATA);
    CU_ASSERT_EQUAL(len, 11);
    CU_ASSERT_NSTRING_EQUAL(buf, "longer", 6);
    CU_ASSERT_EQUAL(be.read_line(be.ctx, buf, sizeof buf, &len), PG_IN_DATA);
    CU_ASSERT_EQUAL(len, 4);
    CU_ASSERT_NSTRING_EQUAL(buf, "last", 4);
    CU_ASSERT_EQUAL(be.read_line(be.ctx, buf, sizeof buf, &len), PG_IN_END);
    CU_ASSERT_EQUAL(be.read_line(be.ctx, buf, sizeof buf, &len), PG_IN_END);
    be.write(be.ctx, (const uint8_t *)"a\0b\n", 4);
    be.write(be.ctx, (const uint8_t *)"c", 1);
    char got[16];
    rewind(out);
    CU_ASSERT_EQUAL(fread(got, 1, sizeof got, out), 5);
    CU_ASSERT_EQUAL(memcmp(got, "a\0b\nc", 5), 0);
    fclose(in);
    fclose(out);
    /* no streams: no input, output discarded */
    pg_host_console_init(&c, NULL, NULL);
    be = pg_host_console_backend(&c);
    CU_ASSERT_EQUAL(be.read_line(be.ctx, buf, sizeof buf, &len), PG_IN_END);
    be.write(be.ctx, (const uint8_t *)"x", 1);
}

/* Host reader: padding, truncation, CR, files in turn, setup errors. */
static void test_host_reader(void)
{
    tdir t;
    tdir_make(&t);
    char lines[400];
    char long_line[101];
    memset(long_line, 'L', 100);
    long_line[99] = 'Z';
    long_line[100] = 0;
    snprintf(lines, sizeof lines, "short\n%s\ncrlf\r\n\n\r\nlast", long_line);
    const char *names[] = {"a.txt", "empty.txt", "b.txt"};
    char paths[3][128];
    strcpy(paths[0], tdir_file(&t, names[0], lines, strlen(lines)));
    strcpy(paths[1], tdir_file(&t, names[1], "", 0));
    strcpy(paths[2], tdir_file(&t, names[2], "B\n", 2));
    const char *const queue[] = {paths[0], paths[1], paths[2]};
    pg_host_reader r;
    char err[256] = "";
    CU_ASSERT_TRUE_FATAL(pg_host_reader_open(&r, PG_DEV_READER, queue, 3, err, sizeof err));
    pg_reader_backend be = pg_host_reader_backend(&r);
    uint8_t card[PG_CARD_BYTES];
    char want[PG_CARD_BYTES];
    static const char *expect[] = {"short", "LONG", "crlf", "", "", "last", NULL, NULL, "B",
                                   NULL, NULL};
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        pg_input in = be.next_card(be.ctx, card);
        if (!expect[i]) {
            CU_ASSERT_EQUAL(in, PG_IN_END);
            continue;
        }
        CU_ASSERT_EQUAL(in, PG_IN_DATA);
        memset(want, ' ', sizeof want);
        if (strcmp(expect[i], "LONG") == 0)
            memset(want, 'L', sizeof want);     /* cut at 80: the Z at 99 is gone */
        else
            memcpy(want, expect[i], strlen(expect[i]));
        CU_ASSERT_EQUAL(memcmp(card, want, sizeof want), 0);
    }
    pg_host_reader_close(&r);
    /* an 81-byte line whose 81st byte is the CR of a CRLF: 80 bytes kept */
    char eighty[84];
    memset(eighty, 'E', 80);
    memcpy(eighty + 80, "\r\n", 3);
    const char *const one[] = {tdir_file(&t, names[0], eighty, 82)};
    CU_ASSERT_TRUE_FATAL(pg_host_reader_open(&r, PG_DEV_READER, one, 1, err, sizeof err));
    be = pg_host_reader_backend(&r);
    CU_ASSERT_EQUAL(be.next_card(be.ctx, card), PG_IN_DATA);
    memset(want, 'E', sizeof want);
    CU_ASSERT_EQUAL(memcmp(card, want, sizeof want), 0);
    CU_ASSERT_EQUAL(be.next_card(be.ctx, card), PG_IN_END);
    pg_host_reader_close(&r);
    /* no files at all: an empty reader */
    CU_ASSERT_TRUE(pg_host_reader_open(&r, PG_DEV_READER, NULL, 0, err, sizeof err));
    be = pg_host_reader_backend(&r);
    CU_ASSERT_EQUAL(be.next_card(be.ctx, card), PG_IN_END);
    CU_ASSERT_EQUAL(be.next_card(be.ctx, card), PG_IN_END);
    pg_host_reader_close(&r);
    /* a file that cannot be opened is refused at setup */
    const char *const bad[] = {paths[2], "/nonexistent/cards.txt"};
    CU_ASSERT_FALSE(pg_host_reader_open(&r, PG_DEV_READER, bad, 2, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(err, "reader 00C: /nonexistent/cards.txt: does not exist");
    const char *const dir[] = {t.dir};
    CU_ASSERT_FALSE(pg_host_reader_open(&r, PG_DEV_READER, dir, 1, err, sizeof err));
    char msg[200];
    snprintf(msg, sizeof msg, "reader 00C: %s: is a directory", t.dir);
    CU_ASSERT_STRING_EQUAL(err, msg);
    tdir_remove(&t, names, 3);
}

/* Host punch and printer: trimming, lines, errors at setup and close. */
static void test_host_punch_printer(void)
{
    tdir t;
    tdir_make(&t);
    const char *names[] = {"punch.txt", "print.txt"};
    char ppath[128], lpath[128];
    strcpy(ppath, tdir_path(&t, names[0]));
    strcpy(lpath, tdir_path(&t, names[1]));
    pg_host_output pun, prt;
    char err[256] = "";
    CU_ASSERT_TRUE_FATAL(pg_host_punch_open(&pun, PG_DEV_PUNCH, ppath, err, sizeof err));
    CU_ASSERT_TRUE_FATAL(pg_host_printer_open(&prt, PG_DEV_PRINTER, lpath, err, sizeof err));
    pg_punch_backend pb = pg_host_punch_backend(&pun);
    pg_printer_backend lb = pg_host_printer_backend(&prt);
    uint8_t card[PG_CARD_BYTES];
    memset(card, ' ', sizeof card);
    memcpy(card, " A  B", 5);
    pb.card(pb.ctx, card);
    memset(card, ' ', sizeof card);
    pb.card(pb.ctx, card);                      /* all blank: an empty line */
    memset(card, 'X', sizeof card);
    pb.card(pb.ctx, card);
    pb.close(pb.ctx);                           /* CONTROL: visible on the host now */
    char got[400];
    char want[400];
    snprintf(want, sizeof want, " A  B\n\n%.80s\n",
             "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
    CU_ASSERT_EQUAL(slurp(ppath, got, sizeof got), strlen(want));
    CU_ASSERT_STRING_EQUAL(got, want);
    lb.line(lb.ctx, (const uint8_t *)"line one  ", 10);
    lb.line(lb.ctx, (const uint8_t *)"", 0);
    CU_ASSERT_TRUE(pg_host_output_close(&prt, err, sizeof err));
    CU_ASSERT_TRUE(pg_host_output_close(&pun, err, sizeof err));
    CU_ASSERT_EQUAL(slurp(lpath, got, sizeof got), 12);
    CU_ASSERT_STRING_EQUAL(got, "line one  \n\n");
    /* no file: discarded */
    CU_ASSERT_TRUE(pg_host_punch_open(&pun, PG_DEV_PUNCH, NULL, err, sizeof err));
    pb = pg_host_punch_backend(&pun);
    pb.card(pb.ctx, card);
    pb.close(pb.ctx);
    CU_ASSERT_TRUE(pg_host_output_close(&pun, err, sizeof err));
    /* cannot create */
    CU_ASSERT_FALSE(pg_host_printer_open(&prt, PG_DEV_PRINTER, "/nonexistent/p.txt", err,
                                         sizeof err));
    CU_ASSERT_STRING_EQUAL(err, "printer 00E: /nonexistent/p.txt: cannot create: "
                                "No such file or directory");
    /* a write that fails during the run is reported at close */
    if (access("/dev/full", W_OK) == 0) {
        CU_ASSERT_TRUE(pg_host_printer_open(&prt, PG_DEV_PRINTER, "/dev/full", err, sizeof err));
        lb = pg_host_printer_backend(&prt);
        for (int i = 0; i < 10000; i++)
            lb.line(lb.ctx, (const uint8_t *)"full", 4);
        CU_ASSERT_FALSE(pg_host_output_close(&prt, err, sizeof err));
        CU_ASSERT_STRING_EQUAL(err, "printer 00E: /dev/full: write error: "
                                    "No space left on device");
    }
    tdir_remove(&t, names, 2);
}

/* Host disk: a good image through the channel, and every refusal. */
static void test_host_disk(void)
{
    tdir t;
    tdir_make(&t);
    const char *names[] = {"a.disk", "empty.disk", "odd.disk"};
    char buf[1536];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)i;
    char good[128], empty[128], odd[128];
    strcpy(good, tdir_file(&t, names[0], buf, 1536));
    strcpy(empty, tdir_file(&t, names[1], "", 0));
    strcpy(odd, tdir_file(&t, names[2], buf, 1000));
    pg_host_disk d;
    char err[256] = "", msg[300];
    CU_ASSERT_TRUE_FATAL(pg_host_disk_open(&d, 0x191, good, false, err, sizeof err));
    CU_ASSERT_EQUAL(d.blocks, 3);
    pg_disk_backend be = pg_host_disk_backend(&d);
    CU_ASSERT_EQUAL(be.blocks, 3);
    CU_ASSERT_EQUAL(be.offset, 0);
    CU_ASSERT_FALSE(be.read_only);
    /* through the channel: write block 2 */
    uint8_t mem[0x400] = {0};
    pg_storage st = {.ctx = mem, .size = sizeof mem, .read = mem_read, .write = mem_write};
    pg_channel ch;
    uint32_t csw[2];
    pg_channel_init(&ch);
    pg_channel_add(&ch, 0x191, PG_DEVT_DISK)->be.disk = be;
    static const uint8_t prog[] = {PG_CCW_SEEK, CC, 0, 4, 0, 0, 0x02, 0x00,
                                   PG_CCW_WRITE, 0, 0, 3, 0, 0, 0x02, 0x04};
    memcpy(mem + 0x100, prog, sizeof prog);
    memcpy(mem + 0x200, "\0\0\0\x02" "abc", 7);
    CU_ASSERT_EQUAL(pg_channel_sio(&ch, 0x191, 0x100, 0, &st, csw), PG_CC_OK);
    CU_ASSERT_EQUAL(pg_channel_tio(&ch, 0x191, 1000, csw), PG_CC_STORED);
    CU_ASSERT_EQUAL(csw[1], csw1(NORMAL, 0, 0));
    pg_host_disk_close(&d);
    CU_ASSERT_EQUAL(d.fd, -1);
    CU_ASSERT_EQUAL(slurp(good, buf, sizeof buf), 1535);
    CU_ASSERT_NSTRING_EQUAL(buf + 1024, "abc", 3);
    /* read-only */
    CU_ASSERT_TRUE_FATAL(pg_host_disk_open(&d, 0x190, good, true, err, sizeof err));
    CU_ASSERT_TRUE(pg_host_disk_backend(&d).read_only);
    pg_host_disk_close(&d);
    /* refused, with the reason */
    CU_ASSERT_FALSE(pg_host_disk_open(&d, 0x191, "/nonexistent/a.disk", false, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(err, "disk 191: /nonexistent/a.disk: does not exist");
    CU_ASSERT_EQUAL(d.fd, -1);
    CU_ASSERT_FALSE(pg_host_disk_open(&d, 0x191, odd, false, err, sizeof err));
    snprintf(msg, sizeof msg, "disk 191: %s: size 1000 is not a multiple of 512 bytes",
             odd);
    CU_ASSERT_STRING_EQUAL(err, msg);
    CU_ASSERT_FALSE(pg_host_disk_open(&d, 0x19A, empty, true, err, sizeof err));
    snprintf(msg, sizeof msg, "disk 19A: %s: is empty", empty);
    CU_ASSERT_STRING_EQUAL(err, msg);
    CU_ASSERT_FALSE(pg_host_disk_open(&d, 0x191, t.dir, true, err, sizeof err));
    snprintf(msg, sizeof msg, "disk 191: %s: is not a regular file", t.dir);
    CU_ASSERT_STRING_EQUAL(err, msg);
    CU_ASSERT_FALSE(pg_host_disk_open(&d, 0x191, t.dir, false, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(err, msg);
    CU_ASSERT_FALSE(pg_host_disk_open(&d, 0x191, "/dev/null", false, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(err, "disk 191: /dev/null: is not a regular file");
    /* a small buffer still gets a terminated, cut message */
    char tiny[12];
    CU_ASSERT_FALSE(pg_host_disk_open(&d, 0x191, odd, false, tiny, sizeof tiny));
    CU_ASSERT_STRING_EQUAL(tiny, "disk 191: /");
    tdir_remove(&t, names, 3);
}

/* A host deck read by one chained channel program. */
static void test_host_reader_through_channel(void)
{
    tdir t;
    tdir_make(&t);
    const char *names[] = {"deck.txt"};
    const char *const deck[] = {tdir_file(&t, names[0], "HELLO\nWORLD\n", 12)};
    pg_host_reader r;
    char err[256];
    CU_ASSERT_TRUE_FATAL(pg_host_reader_open(&r, PG_DEV_READER, deck, 1, err, sizeof err));
    uint8_t mem[0x400] = {0};
    pg_storage st = {.ctx = mem, .size = sizeof mem, .read = mem_read, .write = mem_write};
    pg_channel ch;
    uint32_t csw[2];
    pg_channel_init(&ch);
    pg_channel_add(&ch, PG_DEV_READER, PG_DEVT_READER)->be.reader = pg_host_reader_backend(&r);
    static const uint8_t prog[] = {PG_CCW_READ, CC, 0, 80, 0, 0, 0x02, 0x00,
                                   PG_CCW_READ, CC, 0, 80, 0, 0, 0x02, 0x50,
                                   PG_CCW_READ, 0, 0, 80, 0, 0, 0x02, 0xA0};
    memcpy(mem + 0x100, prog, sizeof prog);
    CU_ASSERT_EQUAL(pg_channel_sio(&ch, PG_DEV_READER, 0x100, 0, &st, csw), PG_CC_OK);
    CU_ASSERT_EQUAL(pg_channel_tio(&ch, PG_DEV_READER, 1000, csw), PG_CC_STORED);
    CU_ASSERT_EQUAL(csw[0], 0x118);
    CU_ASSERT_EQUAL(csw[1], csw1(UE, 0, 80));
    CU_ASSERT_NSTRING_EQUAL(mem + 0x200, "HELLO ", 6);
    CU_ASSERT_NSTRING_EQUAL(mem + 0x250, "WORLD ", 6);
    CU_ASSERT_EQUAL(mem[0x2A0], 0);
    pg_host_reader_close(&r);
    tdir_remove(&t, names, 1);
}

static const pg_test program_tests[] = {
    {"write_normal", test_write_normal},
    {"chain", test_chain},
    {"no_chain_without_cc", test_no_chain_without_cc},
    {"tic", test_tic},
    {"tic_ignores_flags_and_count", test_tic_ignores_flags_and_count},
    {"tic_to_tic", test_tic_to_tic},
    {"tic_first", test_tic_first},
    {"tic_bad_target", test_tic_bad_target},
    {"ccw_address_checks", test_ccw_address_checks},
    {"count_zero", test_count_zero},
    {"unknown_command", test_unknown_command},
    {"bad_flags", test_bad_flags},
    {"data_area", test_data_area},
    {"program_check_later_ccw", test_program_check_later_ccw},
    {"sli_continues_chain", test_sli_continues_chain},
    {"il_ends_chain", test_il_ends_chain},
    {"unit_check_ends_chain", test_unit_check_ends_chain},
    {"unit_exception_ends_chain", test_unit_exception_ends_chain},
    {"ccw_limit", test_ccw_limit},
    {"self_modifying", test_self_modifying},
    {NULL, NULL},
};

static const pg_test start_tests[] = {
    {"sio_states", test_sio_states},
    {"tio_states", test_tio_states},
    {"hio_states", test_hio_states},
    {"latency", test_latency},
    {"add_find", test_add_find},
    {"interrupt_order", test_interrupt_order},
    {"interrupt_only_when_pending", test_interrupt_only_when_pending},
    {"present", test_present},
    {NULL, NULL},
};

static const pg_test console_tests[] = {
    {"write_exact", test_console_write_exact},
    {"read_lengths", test_console_read_lengths},
    {"empty_line", test_console_empty_line},
    {"eof", test_console_eof},
    {"control_sense", test_console_control_sense},
    {"sense_cleared_by_next_command", test_sense_cleared_by_next_command},
    {"would_block", test_would_block},
    {"would_block_not_for_write", test_would_block_not_for_write},
    {"would_block_sees_own_writes", test_would_block_sees_own_writes},
    {"broken_backend", test_console_broken_backend},
    {NULL, NULL},
};

static const pg_test unitrec_tests[] = {
    {"reader_cards", test_reader_cards},
    {"reader_files", test_reader_files},
    {"reader_no_backend", test_reader_no_backend},
    {"reader_rejects", test_reader_rejects},
    {"punch", test_punch},
    {"printer", test_printer},
    {NULL, NULL},
};

static const pg_test disk_tests[] = {
    {"seek_read", test_disk_seek_read},
    {"write", test_disk_write},
    {"beyond_end", test_disk_beyond_end},
    {"read_only", test_disk_read_only},
    {"seek_counts", test_disk_seek_counts},
    {"sense_counts", test_disk_sense_counts},
    {"window_and_errors", test_disk_window_and_errors},
    {NULL, NULL},
};

static const pg_test hostio_tests[] = {
    {"console", test_host_console},
    {"reader", test_host_reader},
    {"punch_printer", test_host_punch_printer},
    {"disk", test_host_disk},
    {"reader_through_channel", test_host_reader_through_channel},
    {NULL, NULL},
};

static const pg_suite suites[] = {
    {"program", program_tests},
    {"start", start_tests},
    {"console", console_tests},
    {"unitrec", unitrec_tests},
    {"disk", disk_tests},
    {"hostio", hostio_tests},
    {NULL, NULL},
};

/* All the suites, or the one named on the command line. */
int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
