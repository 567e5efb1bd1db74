/*
 * privileged.c -- the privileged instructions.  The fast loop has already
 * checked supervisor state (once, for all of them) and synchronised the
 * machine: psw.addr is the instruction, tod the clock at its start.  Each
 * either completes (complete()) or raises a program exception (nullified).
 */
#include "cpu_priv.h"

/* The instruction finished: step past it (unless it loaded a PSW), count its
   cycles after its effects, and send the fast loop back to the boundary. */
static void complete(pg_machine *m, pg_op op, bool advance_pc)
{
    if (advance_pc)
        m->psw.addr += 4;
    pg_advance(m, pg_insns[op].cycles);
    m->stats.instructions++;
    m->ev = 0;
}

/* Translate an 8-aligned doubleword operand at rs1 + off; 0 or an exception. */
static int dword_operand(pg_machine *m, const pg_decoded *d, pg_access acc,
                         uint32_t *va, uint32_t *ra)
{
    *va = m->r[d->b] + (uint32_t)d->imm;
    if (*va & 7)
        return PG_PGM_SPECIFICATION;
    return pg_translate(m, *va, acc, ra);
}

/* Raise code for the current instruction; TEA is the operand address. */
static void fault(pg_machine *m, int code, uint32_t va, pg_access acc)
{
    uint32_t word = 0;
    bool fetched = pg_peek_fetch(m, m->psw.addr, &word);
    pg_program_exception(m, (uint32_t)code, va, acc, fetched, word);
}

/* lpsw: load the PSW at the operand. */
static void priv_lpsw(pg_machine *m, const pg_decoded *d)
{
    uint32_t va, ra;
    int code = dword_operand(m, d, PG_ACC_READ, &va, &ra);
    if (code)
        return fault(m, code, va, PG_ACC_READ);
    pg_psw p = {pg_be32(m->mem + ra), pg_be32(m->mem + ra + 4)};
    if (p.flags & ~(uint32_t)PG_PSW_VALID)
        return fault(m, PG_PGM_SPECIFICATION, 0, PG_ACC_READ);
    pg_load_psw(m, p);
    complete(m, PG_OP_lpsw, false);
}

/* epsw: rd = PSW flags. */
static void priv_epsw(pg_machine *m, const pg_decoded *d)
{
    m->r[d->a] = m->psw.flags;
    complete(m, PG_OP_epsw, true);
}

/* ssm: replace the I and E masks from rs1. */
static void priv_ssm(pg_machine *m, const pg_decoded *d)
{
    uint32_t masks = PG_PSW_I | PG_PSW_E;
    m->psw.flags = (m->psw.flags & ~masks) | (m->r[d->b] & masks);
    complete(m, PG_OP_ssm, true);
}

/* lctl: CRn = rs1; CR1 purges the TLB. */
static void priv_lctl(pg_machine *m, const pg_decoded *d)
{
    m->cr[d->a] = m->r[d->b];
    if (d->a == PG_CR_PTO)
        pg_mmu_purge(m);
    complete(m, PG_OP_lctl, true);
}

/* stctl: rd = CRn. */
static void priv_stctl(pg_machine *m, const pg_decoded *d)
{
    m->r[d->a] = m->cr[d->b];
    complete(m, PG_OP_stctl, true);
}

/* spt: the timer takes the sign-extended value as of this instruction's start. */
static void priv_spt(pg_machine *m, const pg_decoded *d)
{
    m->timer_base = m->tod + (uint64_t)(int64_t)(int32_t)m->r[d->b];
    complete(m, PG_OP_spt, true);
}

/* stpt: rd = low word of the timer as of this instruction's start. */
static void priv_stpt(pg_machine *m, const pg_decoded *d)
{
    m->r[d->a] = (uint32_t)pg_timer_now(m);
    complete(m, PG_OP_stpt, true);
}

/* stck: store the TOD clock (as of the start) at the 8-aligned operand. */
static void priv_stck(pg_machine *m, const pg_decoded *d)
{
    uint32_t va, ra;
    int code = dword_operand(m, d, PG_ACC_WRITE, &va, &ra);
    if (code)
        return fault(m, code, va, PG_ACC_WRITE);
    pg_store_real32(m, ra, (uint32_t)(m->tod >> 32));
    pg_store_real32(m, ra + 4, (uint32_t)m->tod);
    complete(m, PG_OP_stck, true);
}

/* Store a CSW at 0x78 (sio/tio answering 1). */
static void store_csw(pg_machine *m, const uint32_t csw[2])
{
    pg_store_real32(m, PG_LC_CSW, csw[0]);
    pg_store_real32(m, PG_LC_CSW + 4, csw[1]);
}

/* sio rd, rs1, rs2: start the channel program at real rs2 on device rs1. */
static void priv_sio(pg_machine *m, const pg_decoded *d)
{
    uint32_t csw[2];
    int cc = pg_channel_sio(&m->chan, m->r[d->b], m->r[d->c], m->tod, &m->storage, csw);
    if (cc == PG_IN_WOULD_BLOCK) {  /* not executed: the clock waits for the host */
        m->stop_pending = true;
        m->stop_reason = PG_STOP_IO_BLOCKED;
        m->ev = 0;
        return;
    }
    if (cc == PG_CC_STORED)
        store_csw(m, csw);
    m->r[d->a] = (uint32_t)cc;
    complete(m, PG_OP_sio, true);
}

/* tio rd, rs1: test I/O. */
static void priv_tio(pg_machine *m, const pg_decoded *d)
{
    uint32_t csw[2];
    int cc = pg_channel_tio(&m->chan, m->r[d->b], m->tod, csw);
    if (cc == PG_CC_STORED)
        store_csw(m, csw);
    m->r[d->a] = (uint32_t)cc;
    complete(m, PG_OP_tio, true);
}

/* hio rd, rs1: halt I/O. */
static void priv_hio(pg_machine *m, const pg_decoded *d)
{
    int cc = pg_channel_hio(&m->chan, m->r[d->b], m->tod);
    m->r[d->a] = (uint32_t)cc;
    complete(m, PG_OP_hio, true);
}

/* lra rd, off(rs1): real address by walking the tables, all ones if none. */
static void priv_lra(pg_machine *m, const pg_decoded *d)
{
    uint32_t real;
    if (!pg_lra(m, m->r[d->b] + (uint32_t)d->imm, &real))
        real = 0xFFFFFFFFu;
    m->r[d->a] = real;
    complete(m, PG_OP_lra, true);
}

/* ptlb: purge the TLB. */
static void priv_ptlb(pg_machine *m, const pg_decoded *d)
{
    (void)d;
    pg_mmu_purge(m);
    complete(m, PG_OP_ptlb, true);
}

/* diag: on bare hardware only code 0 exists, answering "not under CP". */
static void priv_diag(pg_machine *m, const pg_decoded *d)
{
    if (d->imm != PG_DIAG_QUERY_HOST)
        return fault(m, PG_PGM_SPECIFICATION, 0, PG_ACC_READ);
    m->r[d->a] = 0;
    complete(m, PG_OP_diag, true);
}

/* One executor per privileged row of the table; a privileged row without
   one here does not compile. */
typedef void (*priv_fn)(pg_machine *, const pg_decoded *);
#define PRIVFN_PRIV(mn) [PG_OP_##mn] = priv_##mn,
#define PRIVFN_UNPRIV(mn)
static const priv_fn executors[PG_OP_COUNT] = {
#define PG_INSN(mn, fmt, opc, priv, ...) PRIVFN_##priv(mn)
#include "pg32.def"
#undef PG_INSN
};

/* Execute a pre-decoded privileged instruction at the PSW (supervisor state). */
void pg_exec_privileged(pg_machine *m, pg_op op, const pg_pre *p)
{
    pg_decoded d = {op, p->a, p->b, p->c, p->imm};   /* a: 16 for a destination r0 */
    executors[op](m, &d);
}
