/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-storage.c - general instructions on storage operands: the SS-format
 * character instructions (MVC, CLC, NC, OC, XC), MOVE RIGHT TO LEFT, MOVE
 * IMMEDIATE, and MOVE LONG (MVCL, MVCLE).
 *
 * The SS instructions translate both operands before touching either, so
 * an access exception suppresses them whole.  They work byte by byte from
 * left to right, which is what makes overlapping operands (the
 * "MVC 1(255,R),0(R)" propagation idiom, "XC X,X" clearing) work; the
 * non-overlapping common case takes memcpy.
 */
#include "internal.h"

typedef struct SSOperands {
    UvSpan op1, op2;
    uint32_t len;
} SSOperands;

static void ss_prepare(UvCpu *cpu, const UvInsn *d, SSOperands *o,
                       UvCpuAccess acc1)
{
    o->len = d->len + 1;
    uv_span(cpu, &o->op2, uv_a2(cpu, d), o->len, UVCPU_ACCESS_READ);
    uv_span(cpu, &o->op1, uv_a1(cpu, d), o->len, acc1);
}

/* Whether both operands are single host ranges that do not overlap. */
static bool ss_disjoint(const SSOperands *o)
{
    const uint8_t *a = o->op1.p[0], *b = o->op2.p[0];

    return o->op1.len0 == o->len && o->op2.len0 == o->len &&
           (a + o->len <= b || b + o->len <= a);
}

UV_HANDLER(mvc)
{
    SSOperands o;
    uint32_t i;

    ss_prepare(cpu, d, &o, UVCPU_ACCESS_WRITE);
    if (ss_disjoint(&o)) {
        memcpy(o.op1.p[0], o.op2.p[0], o.len);
        return;
    }
    for (i = 0; i < o.len; i++) {
        *uv_span_ptr(&o.op1, i) = *uv_span_ptr(&o.op2, i);
    }
}

/*
 * MOVE RIGHT TO LEFT (facility 61): GR0 bits 56-63 + 1 bytes, moved one
 * at a time from the rightmost, so an overlapping first operand to the
 * right of the second one sees only original bytes.
 */
UV_HANDLER(mvcrl)
{
    UvSpan op1, op2;
    uint32_t len = (GR(0) & 0xff) + 1, i;

    uv_span(cpu, &op2, uv_a2(cpu, d), len, UVCPU_ACCESS_READ);
    uv_span(cpu, &op1, uv_a1(cpu, d), len, UVCPU_ACCESS_WRITE);
    for (i = len; i-- > 0;) {
        *uv_span_ptr(&op1, i) = *uv_span_ptr(&op2, i);
    }
}

typedef enum { SS_AND, SS_OR, SS_XOR } SSBitOp;

/* NC, OC, XC: CC 0 if every result byte is zero, else 1. */
static void ss_bitop(UvCpu *cpu, const UvInsn *d, SSBitOp op)
{
    SSOperands o;
    uint8_t *p, b, any = 0;
    uint32_t i;

    ss_prepare(cpu, d, &o, UVCPU_ACCESS_WRITE);
    if (op == SS_XOR && d->b1 == d->b2 && d->d1 == d->d2) {
        /* XC of an operand with itself: the usual way to clear storage. */
        memset(o.op1.p[0], 0, o.op1.len0);
        if (o.op1.p[1]) {
            memset(o.op1.p[1], 0, o.len - o.op1.len0);
        }
        cpu->cc = 0;
        return;
    }
    for (i = 0; i < o.len; i++) {
        p = uv_span_ptr(&o.op1, i);
        b = *uv_span_ptr(&o.op2, i);
        *p = op == SS_AND ? *p & b : op == SS_OR ? *p | b : *p ^ b;
        any |= *p;
    }
    cpu->cc = any != 0;
}

UV_HANDLER(nc) { ss_bitop(cpu, d, SS_AND); }
UV_HANDLER(oc) { ss_bitop(cpu, d, SS_OR); }
UV_HANDLER(xc) { ss_bitop(cpu, d, SS_XOR); }

UV_HANDLER(clc)
{
    SSOperands o;
    uint8_t a, b;
    uint32_t i;

    ss_prepare(cpu, d, &o, UVCPU_ACCESS_READ);
    cpu->cc = 0;
    for (i = 0; i < o.len; i++) {
        a = *uv_span_ptr(&o.op1, i);
        b = *uv_span_ptr(&o.op2, i);
        if (a != b) {
            cpu->cc = a < b ? 1 : 2;
            return;
        }
    }
}

UV_HANDLER(mvi) { uv_st(cpu, uv_a1(cpu, d), (uint8_t)d->imm, 1); }

/* ---- MOVE LONG ---- */

/* An address register updated by MVCL/MVCLE: bits 32-63 below 64-bit mode. */
static void set_addr_reg(UvCpu *cpu, unsigned r, uint64_t a)
{
    if (cpu->amask == UINT64_MAX) {
        GR(r) = a;
    } else {
        uv_set_r32(cpu, r, a & cpu->amask);
    }
}

typedef struct MoveLong {
    uint64_t dst, src;         /* current addresses */
    uint64_t dlen, slen;       /* remaining lengths */
    uint8_t pad;
} MoveLong;

/*
 * Moves at most @limit bytes (less at a page boundary of either operand)
 * of @m, padding once the source is used up.  Returns the bytes done.
 */
static uint64_t move_long_chunk(UvCpu *cpu, MoveLong *m, uint64_t limit)
{
    uint64_t n = MIN(m->dlen, limit);
    uint8_t *dp;

    n = MIN(n, UVCPU_PAGE_SIZE - (m->dst & ~UVCPU_PAGE_MASK));
    if (m->slen) {
        n = MIN(n, m->slen);
        n = MIN(n, UVCPU_PAGE_SIZE - (m->src & ~UVCPU_PAGE_MASK));
    }
    dp = uv_translate(cpu, m->dst, UVCPU_ACCESS_WRITE) +
         (m->dst & ~UVCPU_PAGE_MASK);
    if (m->slen) {
        memmove(dp, uv_translate(cpu, m->src, UVCPU_ACCESS_READ) +
                    (m->src & ~UVCPU_PAGE_MASK), n);
        m->src = uv_wrap(cpu, m->src + n);
        m->slen -= n;
    } else {
        memset(dp, m->pad, n);
    }
    m->dst = uv_wrap(cpu, m->dst + n);
    m->dlen -= n;
    return n;
}

static uint32_t cc_lengths(uint64_t dlen, uint64_t slen)
{
    return dlen == slen ? 0 : dlen < slen ? 1 : 2;
}

/*
 * MVCL: 24-bit lengths in R1 + 1 and R2 + 1, the pad byte in bits 32-39
 * of R2 + 1.  CC 3 (nothing moved) when the destination starts inside
 * the part of the source still to be read (destructive overlap).  The
 * registers are updated after every page, so an access exception leaves
 * them describing what remains.
 */
UV_HANDLER(mvcl)
{
    MoveLong m;
    unsigned r1 = d->r1, r2 = d->r2;

    uv_check_even(cpu, r1);
    uv_check_even(cpu, r2);
    m.dst = uv_wrap(cpu, GR(r1));
    m.src = uv_wrap(cpu, GR(r2));
    m.dlen = GR(r1 + 1) & 0xffffff;
    m.slen = GR(r2 + 1) & 0xffffff;
    m.pad = GR(r2 + 1) >> 24;
    cpu->cc = cc_lengths(m.dlen, m.slen);
    if (m.src < m.dst && m.dst < m.src + MIN(m.dlen, m.slen)) {
        cpu->cc = 3;
        return;
    }
    while (m.dlen) {
        move_long_chunk(cpu, &m, m.dlen);
        set_addr_reg(cpu, r1, m.dst);
        set_addr_reg(cpu, r2, m.src);
        GR(r1 + 1) = (GR(r1 + 1) & ~0xffffffULL) | m.dlen;
        GR(r2 + 1) = (GR(r2 + 1) & ~0xffffffULL) | m.slen;
    }
}

/* A length register of MVCLE: 32 bits below 64-bit mode. */
static uint64_t get_len(const UvCpu *cpu, unsigned r)
{
    return cpu->amask == UINT64_MAX ? GR(r) : (uint32_t)GR(r);
}

static void set_len(UvCpu *cpu, unsigned r, uint64_t len)
{
    if (cpu->amask == UINT64_MAX) {
        GR(r) = len;
    } else {
        uv_set_r32(cpu, r, len);
    }
}

/*
 * MVCLE: like MVCL with full-width lengths and the pad byte taken from
 * the second-operand address.  It stops after a CPU-determined amount -
 * here one page, as QEMU does - with CC 3, and the program branches back.
 */
UV_HANDLER(mvcle)
{
    MoveLong m;
    unsigned r1 = d->r1, r3 = d->r3;

    uv_check_even(cpu, r1);
    uv_check_even(cpu, r3);
    m.dst = uv_wrap(cpu, GR(r1));
    m.src = uv_wrap(cpu, GR(r3));
    m.dlen = get_len(cpu, r1 + 1);
    m.slen = get_len(cpu, r3 + 1);
    m.pad = uv_a2(cpu, d);
    cpu->cc = cc_lengths(m.dlen, m.slen);
    if (m.dlen) {
        move_long_chunk(cpu, &m, UVCPU_PAGE_SIZE);
        set_addr_reg(cpu, r1, m.dst);
        set_addr_reg(cpu, r3, m.src);
        set_len(cpu, r1 + 1, m.dlen);
        set_len(cpu, r3 + 1, m.slen);
        if (m.dlen) {
            cpu->cc = 3;
        }
    }
}
