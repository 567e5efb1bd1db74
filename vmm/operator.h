/*
 * operator.h -- the operator's console: what the CP commands of the
 * operator remember between lines (the selected VM, the user directory for
 * LOGON, traces and trap breakpoints, how much of each VM's console output
 * was shown) and the trap-event hook that carries out TRACE and BREAK TRAP.
 * pgvmm --batch uses it, and the monitor's panel will.
 *
 *     cp_operator op;
 *     cp_operator_init(&op, c, dir, true);      installs the trap hook
 *     cp_command_op(c, &op, line, &out);        one command (command.h)
 *     cp_operator_console(&op, &out, false);    new console lines "NAME: text"
 *     cp_operator_free(&op);
 */
#ifndef PG_CP_OPERATOR_H
#define PG_CP_OPERATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "command.h"
#include "directory.h"
#include "isa.h"
#include "symfile.h"
#include "vmm.h"

/* Trap classes TRACE and BREAK TRAP name. */
enum {
    CP_TC_SVC = 1u << 0,
    CP_TC_PROGRAM = 1u << 1,        /* program interrupts reflected, shadow faults */
    CP_TC_EXTERNAL = 1u << 2,
    CP_TC_IO = 1u << 3,
    CP_TC_PRIV = 1u << 4,           /* privileged instructions CP emulates */
    CP_TC_TRAPS = (1u << 5) - 1,    /* ALL */
    CP_TC_INSTRUCT = 1u << 5,       /* every instruction (stepped) */
};

/* What the operator keeps for one VM (indexed like the VMs). */
typedef struct cp_op_vm {
    unsigned trace;                 /* CP_TC_* traced */
    unsigned break_classes;         /* CP_TC_* that stop the VM before CP handles them */
    bool break_ops[PG_OP_COUNT];    /* instructions that do */
    uint64_t console_seen;          /* console output bytes shown */
    pg_symtab *syms;                /* the labels of its image, or NULL */
} cp_op_vm;

struct cp_operator {
    cp *c;
    cp_vm *selected;                /* SET VM; NULL: none */
    const cp_directory *dir;        /* LOGON and AUTOLOG; NULL: none */
    bool batch;                     /* RUN and SEND; BEGIN runs */
    bool shutdown;                  /* SHUTDOWN was given */
    cp_out *events;                 /* where trap events go while a command runs */
    cp_op_vm *vms;
    int nvms;
};

/* An operator's console on c (dir may be NULL); installs the trap hook. */
void cp_operator_init(cp_operator *op, cp *c, const cp_directory *dir, bool batch);
/* Remove the hook and free. */
void cp_operator_free(cp_operator *op);
/* The operator's record of vm (grown as VMs log on); NULL when out of memory. */
cp_op_vm *cp_operator_vm(cp_operator *op, const cp_vm *vm);
/* Append each VM's new console lines, "NAME: line"; a last line without its
   newline only when flush (the end of a batch). */
void cp_operator_console(cp_operator *op, cp_out *out, bool flush);

/* Name the VM's addresses with the labels of the symbol file beside
   image_path (none if there is no such file). */
void cp_operator_set_symbols(cp_operator *op, cp_vm *vm, const char *image_path);
/* Disassemble word at addr with the VM's labels into buf. */
void cp_operator_disassemble(cp_operator *op, cp_vm *vm, uint32_t word, uint32_t addr,
                             char *buf, size_t n);
/* One line about a trap event (TRACE, BREAK TRAP). */
void cp_operator_event_line(cp_operator *op, cp_out *out, const char *what,
                            const cp_trap_event *ev);
/* The guest instruction at addr ("WORD disassembly") into buf ("" when it
   cannot be read: translation on, or beyond storage). */
void cp_operator_insn_at(cp_operator *op, cp_vm *vm, uint32_t addr, char *buf, size_t n);
/* Advance the VMs by budget real cycles (RUN, BEGIN); VMs traced with
   INSTRUCT are stepped one instruction at a time instead.  Reports VMs whose
   state changed. */
void cp_operator_run(cp_operator *op, cp_out *out, uint64_t budget);

#endif
