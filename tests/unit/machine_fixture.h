/*
 * machine_fixture.h -- shared helpers for the CPU test programs (test_cpu,
 * test_mmu, test_timer, test_ipl): build a machine whose interrupt new PSWs
 * are disabled waits with recognisable codes, place code built with
 * pg_encode (never the assembler), run it and check the outcome.
 *
 * Everything is static inline: tests/module.mk links each test program from
 * its own object, runner.o and the libraries only.
 *
 * Layout used by every test (real addresses, 64 KiB machine):
 *   0x0000-0x007F  low core
 *   0x1000-0x1EFF  code (FX_CODE)
 *   0x1F00         FX_HALT_PSW: a disabled wait with code FX_DONE
 *   0x2000-0x2FFF  data (FX_DATA)
 *   0x3000-0x3FFF  interrupt handlers when a test needs one
 *   0x4000-0x7FFF  translation tables (test_mmu)
 *   0x8000-0xFFFF  page frames (test_mmu)
 */
#ifndef PG_TEST_MACHINE_FIXTURE_H
#define PG_TEST_MACHINE_FIXTURE_H

#include <CUnit/CUnit.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "channel.h"
#include "isa.h"
#include "machine.h"

enum {
    FX_MEM = 64 * 1024,
    FX_CODE = 0x1000,
    FX_HALT_PSW = 0x1F00,
    FX_DATA = 0x2000,
    FX_HANDLER = 0x3000,
    /* wait codes: where each run ended */
    FX_DONE = 0x600D,
    FX_EXT_WAIT = 0xE060,
    FX_SVC_WAIT = 0xE064,
    FX_PGM_WAIT = 0xE068,
    FX_MCK_WAIT = 0xE040,
    FX_IO_WAIT = 0xE070,
    /* a sentinel placed at the TEA word: codes other than 4, 0x10, 0x11 leave it */
    FX_TEA_SENTINEL = 0xA5A5A5A5u,
};

#define FX_BUDGET 1000000u
#define FX_IC PG_INTERRUPT_CYCLES

/* ---- encoding (pg_encode only) ------------------------------------------ */

/* Encode one instruction from its row and raw fields A, B, C and immediate. */
static inline uint32_t fx_ins(pg_op op, unsigned a, unsigned b, unsigned c, int32_t imm)
{
    pg_decoded d = {.op = op, .a = (uint8_t)a, .b = (uint8_t)b, .c = (uint8_t)c, .imm = imm};
    return pg_encode(&d);
}

/* X3(op, A, B, C): R3 and sio.  XI(op, A, B, imm): every other format, with
   the fields as isa.h places them (LD: rd, base; ST: rs2, base; M: -, base;
   BR: rs1, rs2; J: rd; S: -, rs1; CW: crN, rs1; CR: rd, crN). */
#define X3(op, a, b, c) fx_ins(PG_OP_##op, (a), (b), (c), 0)
#define XI(op, a, b, imm) fx_ins(PG_OP_##op, (a), (b), 0, (imm))
/* The normal end of a supervisor-state test: lpsw of the FX_DONE wait. */
#define HALT XI(lpsw, 0, 0, FX_HALT_PSW)
/* The cost of a row, from the table. */
#define CYC(op) ((uint64_t)pg_insns[PG_OP_##op].cycles)
#define TKX(op) ((uint64_t)pg_insns[PG_OP_##op].taken_extra)

/* ---- storage ------------------------------------------------------------- */

/* Store a big-endian word in real storage. */
static inline void fx_put32(pg_machine *m, uint32_t addr, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    CU_ASSERT_FATAL(pg_write_real(m, addr, b, 4));
}

/* Load a big-endian word from real storage. */
static inline uint32_t fx_get32(const pg_machine *m, uint32_t addr)
{
    uint8_t b[4] = {0};
    CU_ASSERT(pg_read_real(m, addr, b, 4));
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Load a big-endian doubleword. */
static inline uint64_t fx_get64(const pg_machine *m, uint32_t addr)
{
    return (uint64_t)fx_get32(m, addr) << 32 | fx_get32(m, addr + 4);
}

/* Store a big-endian doubleword. */
static inline void fx_put64(pg_machine *m, uint32_t addr, uint64_t v)
{
    fx_put32(m, addr, (uint32_t)(v >> 32));
    fx_put32(m, addr + 4, (uint32_t)v);
}

/* Store a PSW (flags word, then address) in real storage. */
static inline void fx_put_psw(pg_machine *m, uint32_t addr, uint32_t flags, uint32_t ia)
{
    fx_put32(m, addr, flags);
    fx_put32(m, addr + 4, ia);
}

/* Read a stored PSW. */
static inline pg_psw fx_get_psw(const pg_machine *m, uint32_t addr)
{
    pg_psw p = {fx_get32(m, addr), fx_get32(m, addr + 4)};
    return p;
}

/* Place n instruction words at addr. */
static inline void fx_code(pg_machine *m, uint32_t addr, const uint32_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fx_put32(m, addr + 4 * (uint32_t)i, w[i]);
}
#define FX_CODE_AT(m, addr, ...) do { \
        const uint32_t fx_w_[] = {__VA_ARGS__}; \
        fx_code((m), (addr), fx_w_, sizeof fx_w_ / sizeof fx_w_[0]); \
    } while (0)

/* ---- assertions with values ----------------------------------------------- */

/* Record one assertion; on a mismatch the message carries both values. */
static inline void fx_eq_at(uint64_t got, uint64_t want, const char *what, const char *ctx,
                            unsigned line, const char *file)
{
    if (got == want) {
        CU_assertImplementation(CU_TRUE, line, what, file, "", CU_FALSE);
        return;
    }
    char msg[512];
    snprintf(msg, sizeof msg, "%s%s%s: got 0x%llx (%lld), expected 0x%llx (%lld)",
             ctx ? ctx : "", ctx && *ctx ? ": " : "", what,
             (unsigned long long)got, (long long)got,
             (unsigned long long)want, (long long)want);
    CU_assertImplementation(CU_FALSE, line, msg, file, "", CU_FALSE);
}
#define FX_EQ(got, want) fx_eq_at((uint64_t)(got), (uint64_t)(want), #got, "", __LINE__, __FILE__)
#define FX_EQC(ctx, got, want) fx_eq_at((uint64_t)(got), (uint64_t)(want), #got, (ctx), __LINE__, __FILE__)

/* Name a stop reason for messages. */
static inline const char *fx_stop_name(pg_stop s)
{
    switch (s) {
    case PG_STOP_BUDGET: return "BUDGET";
    case PG_STOP_STEP: return "STEP";
    case PG_STOP_DISABLED_WAIT: return "DISABLED_WAIT";
    case PG_STOP_IDLE_WAIT: return "IDLE_WAIT";
    case PG_STOP_CHECK_STOP: return "CHECK_STOP";
    case PG_STOP_HOOK: return "HOOK";
    case PG_STOP_IO_BLOCKED: return "IO_BLOCKED";
    }
    return "?";
}

/* The run stopped in a disabled wait whose code is `code` (PSW = {W, code}). */
static inline void fx_wait_at(pg_machine *m, pg_stop s, uint32_t code, const char *ctx,
                              unsigned line, const char *file)
{
    char what[96];
    snprintf(what, sizeof what, "stop (%s)", fx_stop_name(s));
    fx_eq_at(s, PG_STOP_DISABLED_WAIT, what, ctx, line, file);
    pg_psw p = pg_get_psw(m);
    fx_eq_at(p.addr, code, "wait code (PSW address)", ctx, line, file);
    fx_eq_at(p.flags, PG_PSW_W, "wait PSW flags", ctx, line, file);
}
#define FX_WAIT(m, s, code) fx_wait_at((m), (s), (code), "", __LINE__, __FILE__)
#define FX_WAITC(ctx, m, s, code) fx_wait_at((m), (s), (code), (ctx), __LINE__, __FILE__)
#define FX_STOP(s, want) fx_eq_at((s), (want), "stop", "", __LINE__, __FILE__)

/* ---- the machine ---------------------------------------------------------- */

/* Make the five new PSWs disabled waits with their class codes, and the halt PSW. */
static inline void fx_lowcore(pg_machine *m)
{
    fx_put_psw(m, PG_LC_EXT_NEW, PG_PSW_W, FX_EXT_WAIT);
    fx_put_psw(m, PG_LC_SVC_NEW, PG_PSW_W, FX_SVC_WAIT);
    fx_put_psw(m, PG_LC_PGM_NEW, PG_PSW_W, FX_PGM_WAIT);
    fx_put_psw(m, PG_LC_MCK_NEW, PG_PSW_W, FX_MCK_WAIT);
    fx_put_psw(m, PG_LC_IO_NEW, PG_PSW_W, FX_IO_WAIT);
    fx_put32(m, PG_LC_TEA, FX_TEA_SENTINEL);
    fx_put_psw(m, FX_HALT_PSW, PG_PSW_W, FX_DONE);
}

/* A new 64 KiB machine, low core prepared, PSW = supervisor at FX_CODE. */
static inline pg_machine *fx_machine(void)
{
    pg_machine *m = pg_machine_new(FX_MEM);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    fx_lowcore(m);
    pg_psw p = {PG_PSW_S, FX_CODE};
    CU_ASSERT_FATAL(pg_set_psw(m, p));
    return m;
}

/* Install a PSW, asserting that it is accepted. */
static inline void fx_psw(pg_machine *m, uint32_t flags, uint32_t addr)
{
    pg_psw p = {flags, addr};
    CU_ASSERT_FATAL(pg_set_psw(m, p));
}

/* Run with the default budget. */
static inline pg_stop fx_run(pg_machine *m)
{
    return pg_run(m, FX_BUDGET);
}

/* Set r1..r15 to distinct recognisable values (r_n = 0x11110000 * n | n). */
static inline void fx_fill_gprs(pg_machine *m)
{
    for (unsigned n = 1; n < 16; n++)
        pg_set_gpr(m, n, 0x01010000u * n + n);
}

/* All sixteen registers. */
typedef struct { uint32_t r[16]; } fx_gprs;

static inline fx_gprs fx_save_gprs(const pg_machine *m)
{
    fx_gprs g;
    for (unsigned n = 0; n < 16; n++)
        g.r[n] = pg_get_gpr(m, n);
    return g;
}

/* Every register equals the saved one. */
static inline void fx_same_gprs_at(const pg_machine *m, const fx_gprs *g, const char *ctx,
                                   unsigned line, const char *file)
{
    for (unsigned n = 0; n < 16; n++) {
        char what[16];
        snprintf(what, sizeof what, "r%u", n);
        fx_eq_at(pg_get_gpr(m, n), g->r[n], what, ctx, line, file);
    }
}
#define FX_SAME_GPRS(ctx, m, g) fx_same_gprs_at((m), (g), (ctx), __LINE__, __FILE__)

/* A copy of all of real storage (free with free()). */
static inline uint8_t *fx_save_mem(const pg_machine *m)
{
    uint32_t n = pg_mem_size(m);
    uint8_t *p = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT(pg_read_real(m, 0, p, n));
    return p;
}

/* Storage equals the saved copy except in [skip_lo, skip_hi) ranges (pairs,
   terminated by a 0,0 pair); reports the first difference. */
static inline void fx_same_mem_at(const pg_machine *m, const uint8_t *saved, const uint32_t *skip,
                                  const char *ctx, unsigned line, const char *file)
{
    uint32_t n = pg_mem_size(m);
    uint8_t *now = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(now);
    CU_ASSERT(pg_read_real(m, 0, now, n));
    for (uint32_t a = 0; a < n; a++) {
        bool skipped = false;
        for (const uint32_t *s = skip; s && (s[0] || s[1]); s += 2)
            if (a >= s[0] && a < s[1])
                skipped = true;
        if (skipped || now[a] == saved[a])
            continue;
        char what[64];
        snprintf(what, sizeof what, "storage byte at 0x%x", a);
        fx_eq_at(now[a], saved[a], what, ctx, line, file);
        break;
    }
    free(now);
}
#define FX_SAME_MEM(ctx, m, saved, skip) fx_same_mem_at((m), (saved), (skip), (ctx), __LINE__, __FILE__)

/* Storage that a program interruption may change: old PSW and code word. */
static const uint32_t fx_pgm_skip[] = {PG_LC_PGM_OLD, PG_LC_PGM_OLD + 8, PG_LC_PGM_CODE,
                                       PG_LC_PGM_CODE + 4, 0, 0};
/* ... and the TEA word too (codes 4, 0x10, 0x11). */
static const uint32_t fx_pgm_tea_skip[] = {PG_LC_PGM_OLD, PG_LC_PGM_OLD + 8, PG_LC_PGM_CODE,
                                           PG_LC_TEA + 4, 0, 0};

/* A program interruption was taken and the machine stopped in the program
   wait: old PSW = {flags, addr}, code at 0x68. */
static inline void fx_pgm_at(pg_machine *m, pg_stop s, uint32_t code, uint32_t flags, uint32_t addr,
                             const char *ctx, unsigned line, const char *file)
{
    fx_wait_at(m, s, FX_PGM_WAIT, ctx, line, file);
    fx_eq_at(fx_get32(m, PG_LC_PGM_CODE), code, "program interruption code", ctx, line, file);
    pg_psw old = fx_get_psw(m, PG_LC_PGM_OLD);
    fx_eq_at(old.flags, flags, "program old PSW flags", ctx, line, file);
    fx_eq_at(old.addr, addr, "program old PSW address", ctx, line, file);
}
#define FX_PGM(m, s, code, flags, addr) fx_pgm_at((m), (s), (code), (flags), (addr), "", __LINE__, __FILE__)
#define FX_PGMC(ctx, m, s, code, flags, addr) fx_pgm_at((m), (s), (code), (flags), (addr), (ctx), __LINE__, __FILE__)

/* ---- a console backend in memory ---------------------------------------- */

typedef struct fx_console {
    char out[2048];                 /* everything written, in order */
    uint32_t outlen;
    int writes;                     /* write calls */
    const char *const *lines;       /* input lines, NULL-terminated */
    int next;                       /* next input line */
    int reads;                      /* read_line calls */
    bool block;                     /* answer PG_IN_WOULD_BLOCK */
} fx_console;

/* Console output: append. */
static inline void fx_console_write(void *ctx, const uint8_t *data, uint32_t len)
{
    fx_console *c = ctx;
    c->writes++;
    for (uint32_t i = 0; i < len && c->outlen + 1 < sizeof c->out; i++)
        c->out[c->outlen++] = (char)data[i];
    c->out[c->outlen] = 0;
}

/* Console input: the next line, or end of input. */
static inline pg_input fx_console_read(void *ctx, uint8_t *buf, uint32_t cap, uint32_t *len)
{
    fx_console *c = ctx;
    c->reads++;
    if (c->block)
        return PG_IN_WOULD_BLOCK;
    if (!c->lines || !c->lines[c->next])
        return PG_IN_END;
    const char *l = c->lines[c->next++];
    uint32_t n = (uint32_t)strlen(l);
    memcpy(buf, l, n < cap ? n : cap);
    *len = n;
    return PG_IN_DATA;
}

/* Console look-ahead: the line `ahead` after the next, without consuming it. */
static inline pg_input fx_console_peek(void *ctx, uint32_t ahead, uint8_t *buf, uint32_t cap,
                                       uint32_t *len)
{
    fx_console *c = ctx;
    if (c->block)
        return PG_IN_WOULD_BLOCK;
    for (uint32_t i = 0; i <= ahead; i++)
        if (!c->lines || !c->lines[c->next + (int)i])
            return PG_IN_END;
    const char *l = c->lines[c->next + (int)ahead];
    uint32_t n = (uint32_t)strlen(l);
    memcpy(buf, l, n < cap ? n : cap);
    *len = n;
    return PG_IN_DATA;
}

/* Attach the in-memory console at devno (added unless the machine has it). */
static inline pg_device *fx_attach_console(pg_machine *m, uint16_t devno, fx_console *c)
{
    pg_channel *ch = pg_machine_channel(m);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ch);
    pg_device *d = pg_channel_find(ch, devno);
    if (!d)
        d = pg_channel_add(ch, devno, PG_DEVT_CONSOLE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_EQUAL_FATAL(d->type, PG_DEVT_CONSOLE);
    d->be.console.ctx = c;
    d->be.console.read_line = fx_console_read;
    d->be.console.write = fx_console_write;
    d->be.console.peek_line = fx_console_peek;
    return d;
}

/* Place a CCW (8 bytes) in real storage. */
static inline void fx_ccw(pg_machine *m, uint32_t addr, uint8_t cmd, uint8_t flags, uint16_t count,
                          uint32_t data)
{
    fx_put32(m, addr, (uint32_t)cmd << 24 | (uint32_t)flags << 16 | count);
    fx_put32(m, addr + 4, data);
}

#endif
