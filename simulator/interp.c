/*
 * interp.c -- the interpreter: the fast loop that executes problem-state
 * instructions, and pg_run / pg_step around it.
 *
 * The loop keeps pc, tod and the instruction count in locals and goes back to
 * the boundary code (interrupts.c) only when tod reaches ev, the next cycle at
 * which something else can happen (an enabled interrupt, the end of the
 * budget), or when an instruction needs the slow path (privileged
 * instructions, svc, exceptions, TLB misses).  Dispatch is by computed goto on
 * the pre-decoded handler number; the label table is generated from
 * pg32.def: every privileged row goes to L_privileged (the one privilege
 * check), and an unprivileged row without a label here does not compile.
 */
#include <string.h>

#include "cpu_priv.h"

/* Cycle costs as compile-time constants, from the table. */
enum {
#define PG_INSN(mn, fmt, opc, priv, cyc, tk, ...) CYC_##mn = cyc, TK_##mn = tk,
#include "pg32.def"
#undef PG_INSN
};

#define PAGE_MASK 0xFFFFF000u
#define OFFSET_MASK 0x00000FFFu

/* The fast loop; returns why the run stopped. */
static pg_stop run_loop(pg_machine *m)
{
    static const void *const dispatch[PG_H_FIRST + PG_OP_COUNT] = {
        [PG_H_UNDECODED] = &&L_undecoded,
        [PG_H_INVALID] = &&L_invalid,
#define LABEL_UNPRIV(mn) [PG_H_FIRST + PG_OP_##mn] = &&L_##mn,
#define LABEL_PRIV(mn) [PG_H_FIRST + PG_OP_##mn] = &&L_privileged,
#define PG_INSN(mn, fmt, opc, priv, ...) LABEL_##priv(mn)
#include "pg32.def"
#undef PG_INSN
    };
    pg_stop stop;

    for (;;) {
        if (m->tod >= m->ev && pg_boundary(m, &stop))
            return stop;

        uint32_t pc = m->psw.addr;
        uint64_t tod = m->tod;
        const uint64_t ev = m->ev;
        uint64_t icount = m->stats.instructions;
        uint32_t *const r = m->r;
        uint8_t *const mem = m->mem;
        pg_pre *const pre = m->pre;
        pg_ftlb *const rtlb = m->rtlb[m->xm];
        pg_ftlb *const wtlb = m->wtlb[m->xm];
        uint64_t ftag = m->fetch_tag;
        uint32_t frbase = m->fetch_rbase;
        const pg_pre *d;
        uint32_t va, ra, xcode;
        pg_access xacc = PG_ACC_READ;

/* Write the locals back: the slow paths see an exact machine. */
#define SYNC() do { m->psw.addr = pc; m->stats.cycles += tod - m->tod; m->tod = tod; \
                    m->stats.instructions = icount; } while (0)
/* Fetch and dispatch the next instruction.  Every handler ends in its own
   copy of this (threaded code: one indirect branch per handler, which the
   host predicts far better than one shared dispatch jump). */
#define DISPATCH() do { \
        if (__builtin_expect((uint64_t)(pc & 0xFFFFF003u) != ftag, 0)) goto fetch; \
        d = &pre[(frbase | (pc & OFFSET_MASK)) >> 2]; \
        goto *dispatch[d->h]; \
    } while (0)
/* Finish an instruction of the given cost and go on (or back to the boundary). */
#define NEXT(cost) do { \
        tod += (cost); \
        icount++; \
        if (__builtin_expect(tod >= ev, 0)) \
            goto out; \
        DISPATCH(); \
    } while (0)
/* The same for an instruction that falls through to pc + 4: the next entry
   is the next pre-decoded word, unless pc crossed into another page. */
#define NEXT_SEQ(cost) do { \
        pc += 4; \
        tod += (cost); \
        icount++; \
        if (__builtin_expect(tod >= ev, 0)) \
            goto out; \
        if (__builtin_expect(!(pc & OFFSET_MASK), 0)) \
            goto fetch; \
        d++; \
        goto *dispatch[d->h]; \
    } while (0)
#define FAULT(code) do { xcode = (code); goto exception; } while (0)
#define RD r[d->a]
#define RS1 r[d->b]
#define RS2 r[d->c]
/* The operand address of a load/store; faults if misaligned. */
#define EA(align) do { va = RS1 + (uint32_t)d->imm; if (va & (align)) FAULT(PG_PGM_SPECIFICATION); } while (0)
/* Translate va for a read or write through the host TLB, else the MMU. */
#define XLATE(tlb, acc) do { \
        const pg_ftlb *e_ = &(tlb)[(va >> 12) % PG_FTLB_SIZE]; \
        if (e_->tag == ((va & PAGE_MASK) | 1)) { ra = e_->rbase | (va & OFFSET_MASK); } \
        else { SYNC(); int c_ = pg_translate(m, va, (acc), &ra); \
               if (c_) { xacc = (acc); FAULT((uint32_t)c_); } } \
    } while (0)
#define LOAD(align) do { EA(align); XLATE(rtlb, PG_ACC_READ); } while (0)
#define STORE(align) do { EA(align); XLATE(wtlb, PG_ACC_WRITE); pre[ra >> 2].h = PG_H_UNDECODED; } while (0)
#define BRANCH(op, cond) do { if (cond) { pc += (uint32_t)d->imm; NEXT(CYC_##op + TK_##op); } \
                              NEXT_SEQ(CYC_##op); } while (0)
#define ALU(op, expr) do { RD = (expr); NEXT_SEQ(CYC_##op); } while (0)

    fetch:
        if ((uint64_t)(pc & 0xFFFFF003u) != ftag) {
            SYNC();
            xcode = (uint32_t)pg_fetch_page(m, pc);
            if (xcode) {
                pg_program_exception(m, xcode, pc, PG_ACC_FETCH, false, 0);
                continue;
            }
            ftag = m->fetch_tag;
            frbase = m->fetch_rbase;
        }
        d = &pre[(frbase | (pc & OFFSET_MASK)) >> 2];
        goto *dispatch[d->h];

    L_undecoded: {
        uint32_t fa = frbase | (pc & OFFSET_MASK);
        pg_predecode(&pre[fa >> 2], pg_be32(mem + fa));
        goto *dispatch[d->h];
    }
    L_invalid:
        va = 0;
        FAULT(PG_PGM_OPERATION);
    L_privileged:
        SYNC();
        if (!(m->psw.flags & PG_PSW_S)) {
            va = 0;
            FAULT(PG_PGM_PRIVILEGED);
        }
        pg_exec_privileged(m, (pg_op)(d->h - PG_H_FIRST), d);
        continue;

    L_add: ALU(add, RS1 + RS2);
    L_sub: ALU(sub, RS1 - RS2);
    L_and: ALU(and, RS1 & RS2);
    L_or: ALU(or, RS1 | RS2);
    L_xor: ALU(xor, RS1 ^ RS2);
    L_sll: ALU(sll, RS1 << (RS2 & 31));
    L_srl: ALU(srl, RS1 >> (RS2 & 31));
    L_sra: ALU(sra, (uint32_t)((int32_t)RS1 >> (RS2 & 31)));
    L_slt: ALU(slt, (int32_t)RS1 < (int32_t)RS2);
    L_sltu: ALU(sltu, RS1 < RS2);
    L_mul: ALU(mul, RS1 * RS2);
    L_mulh: ALU(mulh, (uint32_t)((uint64_t)((int64_t)(int32_t)RS1 * (int32_t)RS2) >> 32));
    L_div:
        if (!RS2) { va = 0; FAULT(PG_PGM_DIVIDE); }
        ALU(div, (RS1 == 0x80000000u && RS2 == 0xFFFFFFFFu)
                     ? RS1 : (uint32_t)((int32_t)RS1 / (int32_t)RS2));
    L_divu:
        if (!RS2) { va = 0; FAULT(PG_PGM_DIVIDE); }
        ALU(divu, RS1 / RS2);
    L_rem:
        if (!RS2) { va = 0; FAULT(PG_PGM_DIVIDE); }
        ALU(rem, RS2 == 0xFFFFFFFFu ? 0 : (uint32_t)((int32_t)RS1 % (int32_t)RS2));
    L_remu:
        if (!RS2) { va = 0; FAULT(PG_PGM_DIVIDE); }
        ALU(remu, RS1 % RS2);

    L_addi: ALU(addi, RS1 + (uint32_t)d->imm);
    L_andi: ALU(andi, RS1 & (uint32_t)d->imm);
    L_ori: ALU(ori, RS1 | (uint32_t)d->imm);
    L_xori: ALU(xori, RS1 ^ (uint32_t)d->imm);
    L_slli: ALU(slli, RS1 << d->imm);
    L_srli: ALU(srli, RS1 >> d->imm);
    L_srai: ALU(srai, (uint32_t)((int32_t)RS1 >> d->imm));
    L_slti: ALU(slti, (int32_t)RS1 < d->imm);
    L_sltiu: ALU(sltiu, RS1 < (uint32_t)d->imm);
    L_lui: ALU(lui, (uint32_t)d->imm << 16);

    L_lw: LOAD(3); ALU(lw, pg_be32(mem + ra));
    L_lh: LOAD(1); ALU(lh, (uint32_t)(int32_t)(int16_t)(mem[ra] << 8 | mem[ra + 1]));
    L_lhu: LOAD(1); ALU(lhu, (uint32_t)(mem[ra] << 8 | mem[ra + 1]));
    L_lb: LOAD(0); ALU(lb, (uint32_t)(int32_t)(int8_t)mem[ra]);
    L_lbu: LOAD(0); ALU(lbu, mem[ra]);
    L_sw: STORE(3); pg_put_be32(mem + ra, r[d->a]); NEXT_SEQ(CYC_sw);
    L_sh: STORE(1); mem[ra] = (uint8_t)(r[d->a] >> 8); mem[ra + 1] = (uint8_t)r[d->a];
        NEXT_SEQ(CYC_sh);
    L_sb: STORE(0); mem[ra] = (uint8_t)r[d->a]; NEXT_SEQ(CYC_sb);

    L_beq: BRANCH(beq, r[d->a] == r[d->b]);
    L_bne: BRANCH(bne, r[d->a] != r[d->b]);
    L_blt: BRANCH(blt, (int32_t)r[d->a] < (int32_t)r[d->b]);
    L_bge: BRANCH(bge, (int32_t)r[d->a] >= (int32_t)r[d->b]);
    L_bltu: BRANCH(bltu, r[d->a] < r[d->b]);
    L_bgeu: BRANCH(bgeu, r[d->a] >= r[d->b]);
    L_jal:
        RD = pc + 4;
        pc += (uint32_t)d->imm;
        NEXT(CYC_jal + TK_jal);
    L_jalr: {
        uint32_t target = RS1 + (uint32_t)d->imm;
        if (target & 3) { va = 0; FAULT(PG_PGM_SPECIFICATION); }
        RD = pc + 4;
        pc = target;
        NEXT(CYC_jalr + TK_jalr);
    }
    L_svc:
        /* svc completes, then its interrupt is part of it (old PSW past it) */
        pc += 4;
        tod += CYC_svc;
        icount++;
        SYNC();
        pg_take_interrupt(m, PG_INT_SVC, (uint32_t)d->imm, 0, m->psw, NULL);
        continue;

    exception:
        SYNC();
        pg_program_exception(m, xcode, va, xacc, true,
                             pg_be32(mem + (frbase | (pc & OFFSET_MASK))));
        continue;
    out:
        SYNC();
    }
#undef SYNC
#undef NEXT
#undef FAULT
}

/* Run for at least budget cycles (or until a stop). */
pg_stop pg_run(pg_machine *m, uint64_t budget)
{
    m->run_end = m->tod + budget < m->tod ? PG_NEVER : m->tod + budget;
    m->ev = 0;
    return run_loop(m);
}

/* Take one interrupt or execute one instruction. */
pg_stop pg_step(pg_machine *m, pg_step_info *info)
{
    pg_step_info scratch;
    m->step_info = info ? info : &scratch;
    memset(m->step_info, 0, sizeof *m->step_info);
    m->step_mode = true;
    m->step_armed = false;
    m->run_end = PG_NEVER;
    m->ev = 0;
    pg_stop s = run_loop(m);
    m->step_mode = false;
    m->step_armed = false;
    m->step_info = NULL;
    return s;
}
