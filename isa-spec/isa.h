/*
 * isa.h -- the PG32 instruction set as data, generated from pg32.def.
 *
 * Instruction word (big-endian, 4-aligned):
 *
 *   31      24 23    20 19    16 15    12 11                   0
 *  +----------+--------+--------+--------+----------------------+
 *  |  opcode  |   A    |   B    |   C    |   reserved (zero)    |  R3
 *  +----------+--------+--------+--------+----------------------+
 *  |  opcode  |   A    |   B    |          imm16                |  RI RU SH U LD ST M BR SVC
 *  +----------+--------+--------+-------------------------------+
 *  |  opcode  |   A    |              imm20                     |  J
 *  +----------+--------+----------------------------------------+
 *
 * Each format says which operand sits in which field and which bits are
 * reserved; a reserved bit that is not zero makes the word an invalid
 * instruction (operation exception), as does an unassigned opcode.
 */
#ifndef PG32_ISA_H
#define PG32_ISA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Control state an instruction may read or write (the "reads"/"writes" columns). */
enum {
    CS_MODE = 1 << 0,   /* supervisor/problem state */
    CS_MASK = 1 << 1,   /* interrupt masks PSW.I, PSW.E */
    CS_TRANS = 1 << 2,  /* translation: PSW.T, table origin, TLB */
    CS_CR = 1 << 3,     /* control registers */
    CS_TIMER = 1 << 4,  /* CPU timer */
    CS_CLOCK = 1 << 5,  /* TOD clock */
    CS_IO = 1 << 6,     /* channels and devices */
    CS_REAL = 1 << 7,   /* real (untranslated) addresses */
    CS_WAIT = 1 << 8,   /* wait state: stopping the CPU */
    CS_HOST = 1 << 9,   /* machine- or hypervisor-specific service */
    CS_ALL = (1 << 10) - 1,
};
#define PG_CS_NAMES "mode", "mask", "translation", "control registers", "timer", \
                    "clock", "I/O", "real addresses", "wait", "host"

/* Operand kinds, as they are written in assembly. */
typedef enum {
    PG_OPD_NONE = 0,
    PG_OPD_REG,         /* a general register rN */
    PG_OPD_CREG,        /* a control register crN */
    PG_OPD_SIMM16,      /* -32768..32767 */
    PG_OPD_UIMM16,      /* 0..65535 */
    PG_OPD_IMM16,       /* any 16-bit pattern: -32768..65535 */
    PG_OPD_SHAMT,       /* 0..31 */
    PG_OPD_MEM,         /* off16(rN): field B is the base, imm16 a signed byte offset */
    PG_OPD_BR16,        /* label: signed word offset from the branch, 16 bits */
    PG_OPD_BR20,        /* label: signed word offset from the jump, 20 bits */
} pg_opd_kind;

/* Which field of the word an operand occupies. */
typedef enum { PG_FLD_NONE, PG_FLD_A, PG_FLD_B, PG_FLD_C, PG_FLD_IMM } pg_field;

/* Formats: name, syntax, operands (kind, field) x3, reserved bits, A is a destination. */
#define PG_FORMATS(X) \
    X(R3,  "rd, rs1, rs2",   PG_OPD_REG, PG_FLD_A, PG_OPD_REG, PG_FLD_B, PG_OPD_REG, PG_FLD_C, 0x00000FFFu, 1) \
    X(RI,  "rd, rs1, simm16", PG_OPD_REG, PG_FLD_A, PG_OPD_REG, PG_FLD_B, PG_OPD_SIMM16, PG_FLD_IMM, 0u, 1) \
    X(RU,  "rd, rs1, uimm16", PG_OPD_REG, PG_FLD_A, PG_OPD_REG, PG_FLD_B, PG_OPD_UIMM16, PG_FLD_IMM, 0u, 1) \
    X(SH,  "rd, rs1, shamt", PG_OPD_REG, PG_FLD_A, PG_OPD_REG, PG_FLD_B, PG_OPD_SHAMT, PG_FLD_IMM, 0x0000FFE0u, 1) \
    X(U,   "rd, imm16",      PG_OPD_REG, PG_FLD_A, PG_OPD_IMM16, PG_FLD_IMM, PG_OPD_NONE, PG_FLD_NONE, 0x000F0000u, 1) \
    X(LD,  "rd, off(rs1)",   PG_OPD_REG, PG_FLD_A, PG_OPD_MEM, PG_FLD_B, PG_OPD_NONE, PG_FLD_NONE, 0u, 1) \
    X(ST,  "rs2, off(rs1)",  PG_OPD_REG, PG_FLD_A, PG_OPD_MEM, PG_FLD_B, PG_OPD_NONE, PG_FLD_NONE, 0u, 0) \
    X(M,   "off(rs1)",       PG_OPD_MEM, PG_FLD_B, PG_OPD_NONE, PG_FLD_NONE, PG_OPD_NONE, PG_FLD_NONE, 0x00F00000u, 0) \
    X(BR,  "rs1, rs2, label", PG_OPD_REG, PG_FLD_A, PG_OPD_REG, PG_FLD_B, PG_OPD_BR16, PG_FLD_IMM, 0u, 0) \
    X(J,   "rd, label",      PG_OPD_REG, PG_FLD_A, PG_OPD_BR20, PG_FLD_IMM, PG_OPD_NONE, PG_FLD_NONE, 0u, 1) \
    X(SVC, "uimm16",         PG_OPD_UIMM16, PG_FLD_IMM, PG_OPD_NONE, PG_FLD_NONE, PG_OPD_NONE, PG_FLD_NONE, 0x00FF0000u, 0) \
    X(D,   "rd",             PG_OPD_REG, PG_FLD_A, PG_OPD_NONE, PG_FLD_NONE, PG_OPD_NONE, PG_FLD_NONE, 0x000FFFFFu, 1) \
    X(S,   "rs1",            PG_OPD_REG, PG_FLD_B, PG_OPD_NONE, PG_FLD_NONE, PG_OPD_NONE, PG_FLD_NONE, 0x00F0FFFFu, 0) \
    X(R2,  "rd, rs1",        PG_OPD_REG, PG_FLD_A, PG_OPD_REG, PG_FLD_B, PG_OPD_NONE, PG_FLD_NONE, 0x0000FFFFu, 1) \
    X(CW,  "crN, rs1",       PG_OPD_CREG, PG_FLD_A, PG_OPD_REG, PG_FLD_B, PG_OPD_NONE, PG_FLD_NONE, 0x0000FFFFu, 0) \
    X(CR,  "rd, crN",        PG_OPD_REG, PG_FLD_A, PG_OPD_CREG, PG_FLD_B, PG_OPD_NONE, PG_FLD_NONE, 0x0000FFFFu, 1) \
    X(N,   "",               PG_OPD_NONE, PG_FLD_NONE, PG_OPD_NONE, PG_FLD_NONE, PG_OPD_NONE, PG_FLD_NONE, 0x00FFFFFFu, 0)

typedef enum {
#define PG_FMT_ENUM(name, ...) PG_FMT_##name,
    PG_FORMATS(PG_FMT_ENUM)
#undef PG_FMT_ENUM
    PG_FMT_COUNT
} pg_format;

typedef struct {
    const char *name;
    const char *syntax;             /* operand syntax for the spec and messages */
    pg_opd_kind kind[3];            /* operands in the order they are written */
    pg_field field[3];
    uint32_t reserved;              /* bits that must be zero */
    bool a_is_dest;                 /* field A names a register the instruction writes */
} pg_format_info;

extern const pg_format_info pg_formats[PG_FMT_COUNT];

/* Instructions, in table order. */
typedef enum {
#define PG_INSN(m, ...) PG_OP_##m,
#include "pg32.def"
#undef PG_INSN
    PG_OP_COUNT
} pg_op;

typedef struct {
    const char *mnemonic;
    pg_format format;
    uint8_t opcode;
    bool privileged;
    uint8_t cycles;                 /* cost when executed */
    uint8_t taken_extra;            /* extra cost when a branch or jump is taken */
    uint16_t reads, writes;         /* CS_* control state */
    const char *semantics;
} pg_insn_info;

extern const pg_insn_info pg_insns[PG_OP_COUNT];

/* A decoded instruction: raw register fields and the format's immediate. */
typedef struct {
    pg_op op;
    uint8_t a, b, c;                /* register fields (C only in R3) */
    int32_t imm;                    /* sign- or zero-extended as the operand kind says;
                                       BR16/BR20 in words */
} pg_decoded;

/* Decode one word; false when it is not an instruction (operation exception). */
bool pg_decode(uint32_t word, pg_decoded *out);

/* Encode a decoded instruction; fields out of range are masked to their width. */
uint32_t pg_encode(const pg_decoded *d);

/* The row for an opcode byte, or -1 when the opcode is unassigned. */
int pg_op_for_opcode(uint8_t opcode);

/* The row for a mnemonic (case-insensitive), or -1. */
int pg_op_for_mnemonic(const char *name, size_t len);

/* Derived, never declared: does the instruction touch any control state? */
bool pg_insn_sensitive(pg_op op);

/* The same derivation for any row, e.g. of a hand-built table in a test. */
bool pg_insn_info_sensitive(const pg_insn_info *in);

/* Value range of an immediate operand kind (inclusive). */
void pg_opd_range(pg_opd_kind kind, int64_t *lo, int64_t *hi);

/* Name a symbol for an address, for the disassembler; NULL when there is none. */
typedef const char *(*pg_symbolizer)(void *ctx, uint32_t addr, uint32_t *offset);

/*
 * Disassemble the word at addr into buf ("add r1, r2, r3"; branch targets as
 * absolute addresses or symbols).  An invalid word prints as ".word 0x...".
 * Returns the length written (snprintf-style).
 */
int pg_disassemble(uint32_t word, uint32_t addr, char *buf, size_t size,
                   pg_symbolizer sym, void *sym_ctx);

#endif
