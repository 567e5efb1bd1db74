/*
 * arch.h -- PG32 architectural constants: the PSW, low core, interruption
 * codes, translation-table entries, channel I/O and the cycle model's fixed
 * costs.  Every number here is specified in the isa-spec chapters; the simulator, CP
 * and the tools use these names and never the raw values.
 */
#ifndef PG32_ARCH_H
#define PG32_ARCH_H

#include <stdint.h>

/* PSW flag bits (word 0 of the PSW); every other bit must be zero. */
enum {
    PG_PSW_S = 0x01,            /* supervisor state */
    PG_PSW_W = 0x02,            /* wait state */
    PG_PSW_T = 0x04,            /* address translation on */
    PG_PSW_I = 0x08,            /* I/O interrupts enabled */
    PG_PSW_E = 0x10,            /* external interrupts enabled */
    PG_PSW_VALID = 0x1F,        /* all defined flag bits */
};

/* A program status word: flags (PG_PSW_*), then the instruction address. */
typedef struct pg_psw {
    uint32_t flags;
    uint32_t addr;
} pg_psw;

/* Low core: fixed real addresses. */
enum {
    PG_LC_IPL_PSW = 0x00,
    PG_LC_EXT_OLD = 0x10, PG_LC_EXT_NEW = 0x18,
    PG_LC_SVC_OLD = 0x20, PG_LC_SVC_NEW = 0x28,
    PG_LC_PGM_OLD = 0x30, PG_LC_PGM_NEW = 0x38,
    PG_LC_MCK_OLD = 0x40, PG_LC_MCK_NEW = 0x48,
    PG_LC_IO_OLD = 0x50, PG_LC_IO_NEW = 0x58,
    PG_LC_EXT_CODE = 0x60,      /* external interruption code */
    PG_LC_SVC_CODE = 0x64,      /* SVC number */
    PG_LC_PGM_CODE = 0x68,      /* program interruption code */
    PG_LC_TEA = 0x6C,           /* translation-exception address (codes 4, 0x10, 0x11) */
    PG_LC_IO_DEV = 0x70,        /* I/O device address */
    PG_LC_CSW = 0x78,           /* channel status word, 8 bytes */
    PG_LC_END = 0x80,
};

/* Interruption classes, in the order the spec lists them. */
typedef enum {
    PG_INT_EXTERNAL = 0,
    PG_INT_SVC = 1,
    PG_INT_PROGRAM = 2,
    PG_INT_MACHINE_CHECK = 3,
    PG_INT_IO = 4,
    PG_INT_CLASSES = 5,
} pg_int_class;

/* Where an interruption class keeps its old PSW, new PSW and code in low core
   (the machine-check class has no code word). */
typedef struct pg_lowcore_slots {
    uint32_t old_psw, new_psw, code;
} pg_lowcore_slots;

/* The low-core slots of a class; the bare machine and CP both swap PSWs here. */
static inline pg_lowcore_slots pg_lowcore(pg_int_class cls)
{
    switch (cls) {
    case PG_INT_EXTERNAL: return (pg_lowcore_slots){PG_LC_EXT_OLD, PG_LC_EXT_NEW, PG_LC_EXT_CODE};
    case PG_INT_SVC: return (pg_lowcore_slots){PG_LC_SVC_OLD, PG_LC_SVC_NEW, PG_LC_SVC_CODE};
    case PG_INT_PROGRAM: return (pg_lowcore_slots){PG_LC_PGM_OLD, PG_LC_PGM_NEW, PG_LC_PGM_CODE};
    case PG_INT_IO: return (pg_lowcore_slots){PG_LC_IO_OLD, PG_LC_IO_NEW, PG_LC_IO_DEV};
    default: return (pg_lowcore_slots){PG_LC_MCK_OLD, PG_LC_MCK_NEW, 0};
    }
}

/* Program interruption codes (System/370 numbering where one exists). */
enum {
    PG_PGM_OPERATION = 0x01,
    PG_PGM_PRIVILEGED = 0x02,
    PG_PGM_PROTECTION = 0x04,
    PG_PGM_ADDRESSING = 0x05,
    PG_PGM_SPECIFICATION = 0x06,
    PG_PGM_DIVIDE = 0x09,
    PG_PGM_SEGMENT = 0x10,
    PG_PGM_PAGE = 0x11,
};

/* Does a program-interruption code store the translation-exception address? */
static inline int pg_code_stores_tea(uint32_t code)
{
    return code == PG_PGM_PROTECTION || code == PG_PGM_SEGMENT || code == PG_PGM_PAGE;
}

/* External interruption codes. */
enum { PG_EXT_CPU_TIMER = 0x1005 };

/* Translation: 4 KiB pages, 10/10/12 split; entry flag bits. */
enum {
    PG_PAGE_SIZE = 4096,
    PG_PAGE_SHIFT = 12,
    PG_PTE_V = 0x01, PG_PTE_W = 0x02, PG_PTE_U = 0x04,
    PG_PTE_R = 0x08, PG_PTE_C = 0x10,
    PG_PTE_ADDR_MASK = 0xFFFFF000u,
};
#define PG_CR_COUNT 16
#define PG_CR_PTO 1                     /* CR1: first-level table origin */

/* Channel command words: [command][flags][count:16][data address:32]. */
enum {
    PG_CCW_WRITE = 0x01, PG_CCW_READ = 0x02, PG_CCW_CONTROL = 0x03,
    PG_CCW_SENSE = 0x04, PG_CCW_SEEK = 0x07, PG_CCW_TIC = 0x08,
    PG_CCW_FLAG_CC = 0x40,              /* command chaining */
    PG_CCW_FLAG_SLI = 0x20,             /* suppress incorrect length */
    PG_CCW_FLAGS_VALID = 0x60,
};

/* Unit status (CSW word 1, byte 0) and channel status (byte 1). */
enum {
    PG_US_ATTENTION = 0x80, PG_US_CE = 0x08, PG_US_DE = 0x04,
    PG_US_UNIT_CHECK = 0x02, PG_US_UNIT_EXCEPTION = 0x01,
    PG_CS_INCORRECT_LENGTH = 0x40, PG_CS_PROGRAM_CHECK = 0x20,
    PG_CS_PROTECTION_CHECK = 0x10,
};

/* Sense byte of the unit-record devices (SENSE on 009, 00C, 00D, 00E). */
enum {
    PG_SENSE_COMMAND_REJECT = 0x80,
    PG_SENSE_INTERVENTION = 0x40,
    PG_SENSE_DATA_CHECK = 0x08,
    PG_SENSE_END_OF_EXTENT = 0x04,      /* disk: seek or transfer beyond the end */
    PG_SENSE_WRITE_PROTECT = 0x02,      /* disk: write to a read-only disk */
};

/* Condition codes answered by sio, tio and hio. */
enum { PG_CC_OK = 0, PG_CC_STORED = 1, PG_CC_BUSY = 2, PG_CC_NOT_OPER = 3 };

/* Standard device addresses (VM/370's). */
enum {
    PG_DEV_CONSOLE = 0x009, PG_DEV_READER = 0x00C,
    PG_DEV_PUNCH = 0x00D, PG_DEV_PRINTER = 0x00E,
};

enum {
    PG_CARD_BYTES = 80,                 /* a card, reader and punch */
    PG_PRINT_COLUMNS = 132,             /* widest printer line */
    PG_DISK_BLOCK = 512,                /* fixed-block disk */
    PG_IPL_BYTES = 4096,                /* read from an IPL device to real 0 */
};

/* Most CCWs (TICs included) one channel program may fetch; fetching one more
   is a program check.  A program runs entirely at its sio, so it must end. */
#define PG_CHANNEL_MAX_CCWS 4096u

/* Cycle model: what taking any interrupt costs (rule 2). */
#define PG_INTERRUPT_CYCLES 10u

/* Device latency (rule 5): base + bytes moved / divisor, per device class. */
#define PG_LAT_CONSOLE_BASE 100u
#define PG_LAT_UNIT_RECORD_BASE 200u
#define PG_LAT_DISK_BASE 400u
#define PG_LAT_DISK_BYTES_PER_CYCLE 4u

/* DIAGNOSE code 0: "where am I running?" -- 0 on bare hardware. */
enum { PG_DIAG_QUERY_HOST = 0 };

#endif
