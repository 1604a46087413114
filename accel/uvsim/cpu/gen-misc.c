/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-misc.c - general instructions that reach beyond plain data: EXECUTE,
 * the PSW's CC and program mask (IPM, SPM), SUPERVISOR CALL, and the
 * interlocked updates (COMPARE AND SWAP, TEST AND SET, LOAD AND ADD/AND/
 * OR/EXCLUSIVE OR), which use host atomics on guest storage so that they
 * are atomic against other vCPU threads without a global lock.
 */
#include "internal.h"

/* ---- EXECUTE ---- */

/* Fetches the @len-byte instruction at @addr, left-aligned. */
static uint64_t fetch_insn(UvCpu *cpu, uint64_t addr, unsigned len)
{
    return uv_ld_slow(cpu, addr, len, UVCPU_ACCESS_FETCH) << (64 - 8 * len);
}

/*
 * Runs the instruction at @target with bits 8-15 ORed with bits 56-63 of
 * R1 (unless R1 is 0).  The target is decoded here, never cached: it
 * depends on R1.  It runs with the PSW already past the EXECUTE and with
 * EXECUTE's ILC; only relative operands use the target's own address.
 */
static void execute(UvCpu *cpu, const UvInsn *d, uint64_t target)
{
    UvInsn t;
    uint64_t raw;
    uint8_t op;

    if (target & 1) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    raw = fetch_insn(cpu, target, 2);
    op = raw >> 56;
    if (uv_insn_len(op) > 2) {
        raw = fetch_insn(cpu, target, uv_insn_len(op));
    }
    if (d->r1) {
        raw |= (GR(d->r1) & 0xff) << 48;
    }
    if (op == 0x44 || (op == 0xc6 && ((raw >> 48) & 0xf) == 0)) {
        uv_program_exception(cpu, UVCPU_PGM_EXECUTE);
    }
    uv_decode(cpu, raw, &t);
    cpu->iaddr = target;
    cpu->in_execute = true;
    t.fn(cpu, &t);
    cpu->in_execute = false;
}

UV_HANDLER(ex)   { execute(cpu, d, uv_a2(cpu, d)); }
UV_HANDLER(exrl) { execute(cpu, d, uv_rel(cpu, d)); }

/* ---- PSW fields ---- */

/* INSERT PROGRAM MASK: bits 32-39 of R1 = 0, 0, CC, program mask. */
UV_HANDLER(ipm)
{
    uint64_t pm = (cpu->r.psw_mask & UVCPU_PSW_MASK_PM) >> UVCPU_PSW_SHIFT_PM;

    GR(d->r1) = (GR(d->r1) & ~0xff000000ULL) |
                ((((uint64_t)cpu->cc << 4) | pm) << 24);
}

/* SET PROGRAM MASK: the reverse, from bits 34-39 of R1. */
UV_HANDLER(spm)
{
    uint64_t v = GR(d->r1);

    cpu->cc = (v >> 28) & 3;
    cpu->r.psw_mask = (cpu->r.psw_mask & ~UVCPU_PSW_MASK_PM) |
                      (((v >> 24) & 0xf) << UVCPU_PSW_SHIFT_PM);
}

UV_HANDLER(svc)
{
    cpu->exit = (UvCpuExit) {
        .reason = UVCPU_EXIT_SVC,
        .svc = d->imm,
        .ilc = cpu->ilen,
    };
    uv_exit(cpu);
}

/* PREFETCH DATA: a hint. */
UV_HANDLER(nop)
{
}

/* ---- interlocked updates ---- */

/* Host address of an aligned @size-byte operand, translated for a store. */
static void *atomic_ptr(UvCpu *cpu, uint64_t a, unsigned size)
{
    if (a & (size - 1)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return uv_translate(cpu, a, UVCPU_ACCESS_WRITE) + (a & ~UVCPU_PAGE_MASK);
}

/*
 * COMPARE AND SWAP (and COMPARE DOUBLE AND SWAP of two 32-bit registers):
 * CC 0 and the new value stored when storage equals the old value, else
 * CC 1 and storage loaded into the old-value register(s).
 */
UV_HANDLER(cs)
{
    uint32_t *p = atomic_ptr(cpu, uv_a2(cpu, d), 4);
    uint32_t old = GUINT32_TO_BE((uint32_t)GR(d->r1));

    if (__atomic_compare_exchange_n(p, &old, GUINT32_TO_BE((uint32_t)GR(d->r3)),
                                    false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        cpu->cc = 0;
    } else {
        uv_set_r32(cpu, d->r1, GUINT32_FROM_BE(old));
        cpu->cc = 1;
    }
}

UV_HANDLER(csg)
{
    uint64_t *p = atomic_ptr(cpu, uv_a2(cpu, d), 8);
    uint64_t old = GUINT64_TO_BE(GR(d->r1));

    if (__atomic_compare_exchange_n(p, &old, GUINT64_TO_BE(GR(d->r3)),
                                    false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        cpu->cc = 0;
    } else {
        GR(d->r1) = GUINT64_FROM_BE(old);
        cpu->cc = 1;
    }
}

UV_HANDLER(cds)
{
    uint64_t *p;
    uint64_t old, new;

    uv_check_even(cpu, d->r1);
    uv_check_even(cpu, d->r3);
    p = atomic_ptr(cpu, uv_a2(cpu, d), 8);
    old = GUINT64_TO_BE((GR(d->r1) << 32) | (uint32_t)GR(d->r1 + 1));
    new = GUINT64_TO_BE((GR(d->r3) << 32) | (uint32_t)GR(d->r3 + 1));
    if (__atomic_compare_exchange_n(p, &old, new, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST)) {
        cpu->cc = 0;
    } else {
        old = GUINT64_FROM_BE(old);
        uv_set_r32(cpu, d->r1, old >> 32);
        uv_set_r32(cpu, d->r1 + 1, old);
        cpu->cc = 1;
    }
}

/* TEST AND SET: the byte becomes all ones; CC = its old leftmost bit. */
UV_HANDLER(ts)
{
    uint8_t *p = atomic_ptr(cpu, uv_a2(cpu, d), 1);

    cpu->cc = __atomic_exchange_n(p, 0xff, __ATOMIC_SEQ_CST) >> 7;
}

typedef enum { IA_ADD, IA_ADD_LOGICAL, IA_AND, IA_OR, IA_XOR } InterlockedOp;

/* The new value of a LOAD AND <op>, and its CC; true on signed overflow. */
static bool interlocked_op(InterlockedOp op, unsigned size, uint64_t a,
                           uint64_t b, uint64_t *res, uint32_t *cc)
{
    uint64_t top = size == 8 ? UINT64_MAX : UINT32_MAX;
    int64_t sa, sb;
    bool ovf = false;

    switch (op) {
    case IA_ADD:
        sa = size == 8 ? (int64_t)a : (int32_t)a;
        sb = size == 8 ? (int64_t)b : (int32_t)b;
        *res = (sa + (uint64_t)sb) & top;
        ovf = size == 8 ? __builtin_add_overflow(sa, sb, &sa)
                        : (sa + sb != (int32_t)(sa + sb));
        *cc = ovf ? 3 : uv_cc_signed(size == 8 ? (int64_t)*res : (int32_t)*res);
        return ovf;
    case IA_ADD_LOGICAL:
        *res = (a + b) & top;
        *cc = (*res < a ? 2 : 0) | (*res != 0);
        return false;
    case IA_AND:
        *res = a & b;
        break;
    case IA_OR:
        *res = a | b;
        break;
    case IA_XOR:
        *res = a ^ b;
        break;
    }
    *cc = *res != 0;
    return false;
}

/*
 * Replaces the big-endian @size-byte value at @p with old <op> @b in a
 * compare-and-swap loop; returns the old value, and sets the CC.
 */
static uint64_t update_atomic(UvCpu *cpu, void *p, unsigned size,
                              InterlockedOp op, uint64_t b, bool *ovf)
{
    uint32_t *p32 = p, old32, new32;
    uint64_t *p64 = p, old64, new64;
    uint64_t old, res;

    if (size == 4) {
        old32 = __atomic_load_n(p32, __ATOMIC_SEQ_CST);
        do {
            old = GUINT32_FROM_BE(old32);
            *ovf = interlocked_op(op, 4, old, b, &res, &cpu->cc);
            new32 = GUINT32_TO_BE((uint32_t)res);
        } while (!__atomic_compare_exchange_n(p32, &old32, new32, false,
                                              __ATOMIC_SEQ_CST,
                                              __ATOMIC_SEQ_CST));
        return old;
    }
    old64 = __atomic_load_n(p64, __ATOMIC_SEQ_CST);
    do {
        old = GUINT64_FROM_BE(old64);
        *ovf = interlocked_op(op, 8, old, b, &res, &cpu->cc);
        new64 = GUINT64_TO_BE(res);
    } while (!__atomic_compare_exchange_n(p64, &old64, new64, false,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    return old;
}

/* R1 = the storage operand's old value; storage = old <op> R3, atomically. */
static void load_and_op(UvCpu *cpu, const UvInsn *d, unsigned size,
                        InterlockedOp op)
{
    void *p = atomic_ptr(cpu, uv_a2(cpu, d), size);
    uint64_t b = size == 8 ? GR(d->r3) : (uint32_t)GR(d->r3);
    bool ovf;
    uint64_t old = update_atomic(cpu, p, size, op, b, &ovf);

    if (size == 4) {
        uv_set_r32(cpu, d->r1, old);
    } else {
        GR(d->r1) = old;
    }
    if (ovf) {
        uv_fixpt_overflow(cpu);
    }
}

UV_HANDLER(laa)   { load_and_op(cpu, d, 4, IA_ADD); }
UV_HANDLER(laag)  { load_and_op(cpu, d, 8, IA_ADD); }
UV_HANDLER(laal)  { load_and_op(cpu, d, 4, IA_ADD_LOGICAL); }
UV_HANDLER(laalg) { load_and_op(cpu, d, 8, IA_ADD_LOGICAL); }
UV_HANDLER(lan)   { load_and_op(cpu, d, 4, IA_AND); }
UV_HANDLER(lang)  { load_and_op(cpu, d, 8, IA_AND); }
UV_HANDLER(lao)   { load_and_op(cpu, d, 4, IA_OR); }
UV_HANDLER(laog)  { load_and_op(cpu, d, 8, IA_OR); }
UV_HANDLER(lax)   { load_and_op(cpu, d, 4, IA_XOR); }
UV_HANDLER(laxg)  { load_and_op(cpu, d, 8, IA_XOR); }

/*
 * EXTRACT CPU ATTRIBUTE: no cache topology is described; every attribute
 * reads as all ones ("not available"), as QEMU reports it.
 */
UV_HANDLER(ecag)
{
    GR(d->r1) = UINT64_MAX;
}
