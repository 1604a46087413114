/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-bfp.c - BFP arithmetic, compare and test data class, and the
 * floating-point-support instructions (register loads and stores, sign
 * handling, the FPC).  The exception machinery is bfp-core.c's.
 */
#include <math.h>
#include "bfp.h"

/* @v scaled by 2^@scale, exactly unless it leaves the format's range. */
static UvFloat scaled(UvBfpFmt fmt, UvFloat v, int scale)
{
    switch (fmt) {
    case UV_BFP_E:
        v.e = scalbnf(v.e, scale);
        break;
    case UV_BFP_D:
        v.d = scalbn(v.d, scale);
        break;
    default:
        v.x = scalbnf128(v.x, scale);
        break;
    }
    return v;
}

#define ARITH(T, a, b, c, kind)                                             \
    ((kind) == UV_BFP_OP_ADD ? (a) + (b) :                                  \
     (kind) == UV_BFP_OP_SUB ? (a) - (b) :                                  \
     (kind) == UV_BFP_OP_MUL ? (a) * (b) : (a) / (b))

unsigned uv_bfp_arith_compute(const UvBfpOp *op, unsigned mode, int scale,
                              UvU128 *res)
{
    UvFloat a = uv_bfp_to_host(op->in, op->a);
    UvFloat b = uv_bfp_to_host(op->in, op->b);
    UvFloat c = uv_bfp_to_host(op->in, op->c);
    UvFloat r;
    unsigned flags;
    int kind = op->kind;

    if (scale) {
        /* A product or quotient scales with one operand, a sum with both. */
        a = scaled(op->in, a, scale);
        if (kind == UV_BFP_OP_ADD || kind == UV_BFP_OP_SUB) {
            b = scaled(op->in, b, scale);
        }
        if (kind == UV_BFP_OP_MADD || kind == UV_BFP_OP_MSUB) {
            c = scaled(op->in, c, scale);
        }
    }
    if (kind == UV_BFP_OP_MSUB) {
        c.x = op->in == UV_BFP_X ? -c.x : c.x;
        c.d = op->in == UV_BFP_D ? -c.d : c.d;
        c.e = op->in == UV_BFP_E ? -c.e : c.e;
    }
    uv_host_round_begin(mode);
    switch (op->fmt) {
    case UV_BFP_E:
        r.e = kind == UV_BFP_OP_SQRT ? sqrtf(b.e) :
              kind >= UV_BFP_OP_MADD ? fmaf(a.e, b.e, c.e) :
              ARITH(float, a.e, b.e, 0, kind);
        break;
    case UV_BFP_D:
        if (op->in == UV_BFP_E) {           /* MDEBR: exact */
            r.d = (double)a.e * (double)b.e;
        } else {
            r.d = kind == UV_BFP_OP_SQRT ? sqrt(b.d) :
                  kind >= UV_BFP_OP_MADD ? fma(a.d, b.d, c.d) :
                  ARITH(double, a.d, b.d, 0, kind);
        }
        break;
    default:
        if (op->in == UV_BFP_D) {           /* MXDBR: exact */
            r.x = (_Float128)a.d * (_Float128)b.d;
        } else {
            r.x = kind == UV_BFP_OP_SQRT ? sqrtf128(b.x) :
                  kind >= UV_BFP_OP_MADD ? fmaf128(a.x, b.x, c.x) :
                  ARITH(_Float128, a.x, b.x, 0, kind);
        }
        break;
    }
    flags = uv_host_round_end();
    *res = uv_bfp_from_host(op->fmt, r);
    if (mode == UV_RM_SHORTER && (flags & UV_IEEE_INEXACT)) {
        *res |= 1;                  /* round to odd */
    }
    return flags;
}

bool uv_bfp_nan_pick(UvBfpFmt in, UvBfpFmt out, const UvU128 *v, unsigned n,
                     UvU128 *res, unsigned *flags)
{
    unsigned i;
    int pick = -1;

    for (i = 0; i < n && pick < 0; i++) {
        if (uv_bfp_is_snan(in, v[i])) {
            pick = i;
        }
    }
    if (pick >= 0) {
        *flags |= UV_IEEE_INVALID;
    }
    for (i = 0; i < n && pick < 0; i++) {
        if (uv_bfp_is_nan(in, v[i])) {
            pick = i;
        }
    }
    if (pick < 0) {
        return false;
    }
    *res = uv_bfp_nan_convert(in, out, v[pick]);
    return true;
}

/* uv_bfp_nan_pick() with the invalid exception processed. */
static bool nan_operand(UvCpu *cpu, UvBfpFmt in, UvBfpFmt out,
                        const UvU128 *v, unsigned n, UvU128 *res)
{
    unsigned flags = 0;

    if (!uv_bfp_nan_pick(in, out, v, n, res, &flags)) {
        return false;
    }
    if (flags) {
        uv_bfp_ieee(cpu, flags);
    }
    return true;
}

/*
 * R1 = R1 op @b (@c: the addend of multiply and add); sets the CC for
 * add and subtract.
 */
static void arith(UvCpu *cpu, int kind, UvBfpFmt fmt, UvBfpFmt in,
                  unsigned r1, UvU128 a, UvU128 b, UvU128 c, bool set_cc)
{
    UvBfpOp op = {
        .fmt = fmt, .in = in, .mode = uv_bfp_mode(cpu, 0, 0),
        .a = a, .b = b, .c = c, .compute = uv_bfp_arith_compute, .kind = kind,
    };
    /* Multiply and add: the second operand's NaN before the third's. */
    bool fma = kind >= UV_BFP_OP_MADD;
    UvU128 v[3] = { fma ? b : a, fma ? a : b, c }, res;
    unsigned n = kind == UV_BFP_OP_SQRT ? 1 : fma ? 3 : 2;

    if (!nan_operand(cpu, in, fmt, kind == UV_BFP_OP_SQRT ? &v[1] : v, n, &res)) {
        res = uv_bfp_run(cpu, &op);
        if (uv_bfp_is_nan(fmt, res)) {
            res = uv_bfp_default_nan(fmt);
        }
    }
    uv_fpr_put(cpu, fmt, r1, res);
    if (set_cc) {
        cpu->cc = uv_bfp_cc(fmt, res);
    }
    uv_bfp_trap_pending(cpu);
}

/* The register form: R1 = R1 op R2. */
static void arith_rr(UvCpu *cpu, const UvInsn *d, int kind, UvBfpFmt fmt)
{
    uv_bfp_regs(cpu, fmt, d->r1, d->r2);
    arith(cpu, kind, fmt, fmt, d->r1, uv_fpr_get(cpu, fmt, d->r1),
          uv_fpr_get(cpu, fmt, d->r2), 0, kind <= UV_BFP_OP_SUB);
}

/* The storage form: R1 = R1 op D2(X2,B2). */
static void arith_rx(UvCpu *cpu, const UvInsn *d, int kind, UvBfpFmt fmt)
{
    UvU128 b;

    uv_bfp_regs(cpu, fmt, d->r1, 0);
    b = uv_bfp_load(cpu, fmt, uv_a2(cpu, d));
    arith(cpu, kind, fmt, fmt, d->r1, uv_fpr_get(cpu, fmt, d->r1), b, 0,
          kind <= UV_BFP_OP_SUB);
}

#define ARITH_OPS(name, kind)                                                \
    UV_HANDLER(name##ebr) { arith_rr(cpu, d, kind, UV_BFP_E); }             \
    UV_HANDLER(name##dbr) { arith_rr(cpu, d, kind, UV_BFP_D); }             \
    UV_HANDLER(name##xbr) { arith_rr(cpu, d, kind, UV_BFP_X); }             \
    UV_HANDLER(name##eb)  { arith_rx(cpu, d, kind, UV_BFP_E); }             \
    UV_HANDLER(name##db)  { arith_rx(cpu, d, kind, UV_BFP_D); }

ARITH_OPS(a, UV_BFP_OP_ADD)
ARITH_OPS(s, UV_BFP_OP_SUB)
ARITH_OPS(m, UV_BFP_OP_MUL)
ARITH_OPS(d, UV_BFP_OP_DIV)

/* SQUARE ROOT: the operand is R2 or storage, into R1. */
static void sqrt_op(UvCpu *cpu, const UvInsn *d, UvBfpFmt fmt, bool rx)
{
    UvU128 b;

    uv_bfp_regs(cpu, fmt, d->r1, rx ? 0 : d->r2);
    b = rx ? uv_bfp_load(cpu, fmt, uv_a2(cpu, d)) : uv_fpr_get(cpu, fmt, d->r2);
    arith(cpu, UV_BFP_OP_SQRT, fmt, fmt, d->r1, 0, b, 0, false);
}

UV_HANDLER(sqebr) { sqrt_op(cpu, d, UV_BFP_E, false); }
UV_HANDLER(sqdbr) { sqrt_op(cpu, d, UV_BFP_D, false); }
UV_HANDLER(sqxbr) { sqrt_op(cpu, d, UV_BFP_X, false); }
UV_HANDLER(sqeb)  { sqrt_op(cpu, d, UV_BFP_E, true); }
UV_HANDLER(sqdb)  { sqrt_op(cpu, d, UV_BFP_D, true); }

/* MULTIPLY with a longer result: R1 (pair) = R1 * R2 / storage, exact. */
static void mul_long(UvCpu *cpu, const UvInsn *d, UvBfpFmt in, bool rx)
{
    UvBfpFmt out = in == UV_BFP_E ? UV_BFP_D : UV_BFP_X;
    UvU128 b;

    uv_bfp_regs(cpu, out, d->r1, 0);
    uv_fpr_check(cpu, d->r2);
    b = rx ? uv_bfp_load(cpu, in, uv_a2(cpu, d)) : uv_fpr_get(cpu, in, d->r2);
    arith(cpu, UV_BFP_OP_MUL, out, in, d->r1, uv_fpr_get(cpu, in, d->r1), b, 0, false);
}

UV_HANDLER(mdebr) { mul_long(cpu, d, UV_BFP_E, false); }
UV_HANDLER(mxdbr) { mul_long(cpu, d, UV_BFP_D, false); }
UV_HANDLER(mdeb)  { mul_long(cpu, d, UV_BFP_E, true); }
UV_HANDLER(mxdb)  { mul_long(cpu, d, UV_BFP_D, true); }

/* MULTIPLY AND ADD/SUBTRACT: R1 = R3 * R2 (or storage) +- R1. */
static void madd(UvCpu *cpu, const UvInsn *d, int kind, UvBfpFmt fmt, bool rx)
{
    UvU128 b;

    uv_bfp_regs(cpu, fmt, d->r1, d->r3);
    uv_fpr_check(cpu, rx ? 0 : d->r2);
    b = rx ? uv_bfp_load(cpu, fmt, uv_a2(cpu, d)) : uv_fpr_get(cpu, fmt, d->r2);
    arith(cpu, kind, fmt, fmt, d->r1, uv_fpr_get(cpu, fmt, d->r3), b,
          uv_fpr_get(cpu, fmt, d->r1), false);
}

UV_HANDLER(maebr) { madd(cpu, d, UV_BFP_OP_MADD, UV_BFP_E, false); }
UV_HANDLER(madbr) { madd(cpu, d, UV_BFP_OP_MADD, UV_BFP_D, false); }
UV_HANDLER(mseb)  { madd(cpu, d, UV_BFP_OP_MSUB, UV_BFP_E, true); }
UV_HANDLER(msdb)  { madd(cpu, d, UV_BFP_OP_MSUB, UV_BFP_D, true); }
UV_HANDLER(maeb)  { madd(cpu, d, UV_BFP_OP_MADD, UV_BFP_E, true); }
UV_HANDLER(madb)  { madd(cpu, d, UV_BFP_OP_MADD, UV_BFP_D, true); }
UV_HANDLER(msebr) { madd(cpu, d, UV_BFP_OP_MSUB, UV_BFP_E, false); }
UV_HANDLER(msdbr) { madd(cpu, d, UV_BFP_OP_MSUB, UV_BFP_D, false); }

/* ---- compare ---- */

/* COMPARE (@signaling: AND SIGNAL, invalid for any NaN) R1 with @b. */
static void compare(UvCpu *cpu, UvBfpFmt fmt, UvU128 a, UvU128 b,
                    bool signaling)
{
    UvFloat x = uv_bfp_to_host(fmt, a), y = uv_bfp_to_host(fmt, b);
    bool lt, gt;

    if (uv_bfp_is_nan(fmt, a) || uv_bfp_is_nan(fmt, b)) {
        if (signaling || uv_bfp_is_snan(fmt, a) || uv_bfp_is_snan(fmt, b)) {
            uv_bfp_ieee(cpu, UV_IEEE_INVALID);
        }
        cpu->cc = 3;
        return;
    }
    lt = fmt == UV_BFP_E ? x.e < y.e : fmt == UV_BFP_D ? x.d < y.d : x.x < y.x;
    gt = fmt == UV_BFP_E ? x.e > y.e : fmt == UV_BFP_D ? x.d > y.d : x.x > y.x;
    cpu->cc = lt ? 1 : gt ? 2 : 0;
}

static void compare_rr(UvCpu *cpu, const UvInsn *d, UvBfpFmt fmt, bool sig)
{
    uv_bfp_regs(cpu, fmt, d->r1, d->r2);
    compare(cpu, fmt, uv_fpr_get(cpu, fmt, d->r1), uv_fpr_get(cpu, fmt, d->r2),
            sig);
}

static void compare_rx(UvCpu *cpu, const UvInsn *d, UvBfpFmt fmt, bool sig)
{
    UvU128 b;

    uv_bfp_regs(cpu, fmt, d->r1, 0);
    b = uv_bfp_load(cpu, fmt, uv_a2(cpu, d));
    compare(cpu, fmt, uv_fpr_get(cpu, fmt, d->r1), b, sig);
}

UV_HANDLER(cebr) { compare_rr(cpu, d, UV_BFP_E, false); }
UV_HANDLER(cdbr) { compare_rr(cpu, d, UV_BFP_D, false); }
UV_HANDLER(cxbr) { compare_rr(cpu, d, UV_BFP_X, false); }
UV_HANDLER(ceb)  { compare_rx(cpu, d, UV_BFP_E, false); }
UV_HANDLER(cdb)  { compare_rx(cpu, d, UV_BFP_D, false); }
UV_HANDLER(kebr) { compare_rr(cpu, d, UV_BFP_E, true); }
UV_HANDLER(kdbr) { compare_rr(cpu, d, UV_BFP_D, true); }
UV_HANDLER(kxbr) { compare_rr(cpu, d, UV_BFP_X, true); }
UV_HANDLER(keb)  { compare_rx(cpu, d, UV_BFP_E, true); }
UV_HANDLER(kdb)  { compare_rx(cpu, d, UV_BFP_D, true); }

/* ---- TEST DATA CLASS ---- */

unsigned uv_bfp_data_class(UvBfpFmt fmt, UvU128 v)
{
    UvFloat f = uv_bfp_to_host(fmt, v);
    int c = fmt == UV_BFP_E ? fpclassify(f.e) : fmt == UV_BFP_D ?
            fpclassify(f.d) : fpclassify(f.x);
    unsigned neg = !!(v & uv_bfp_sign(fmt));

    switch (c) {
    case FP_ZERO:
        return 11 - neg;
    case FP_NORMAL:
        return 9 - neg;
    case FP_SUBNORMAL:
        return 7 - neg;
    case FP_INFINITE:
        return 5 - neg;
    default:
        return (uv_bfp_is_snan(fmt, v) ? 1 : 3) - neg;
    }
}

static void test_class(UvCpu *cpu, const UvInsn *d, UvBfpFmt fmt)
{
    uv_bfp_regs(cpu, fmt, d->r1, 0);
    cpu->cc = (uv_a2(cpu, d) >> uv_bfp_data_class(fmt, uv_fpr_get(cpu, fmt, d->r1))) & 1;
}

UV_HANDLER(tceb) { test_class(cpu, d, UV_BFP_E); }
UV_HANDLER(tcdb) { test_class(cpu, d, UV_BFP_D); }
UV_HANDLER(tcxb) { test_class(cpu, d, UV_BFP_X); }

/* ---- LOAD AND TEST / COMPLEMENT / NEGATIVE / POSITIVE ---- */

/* LOAD AND TEST: an SNaN is invalid and becomes quiet. */
static void load_test(UvCpu *cpu, const UvInsn *d, UvBfpFmt fmt)
{
    UvU128 v;

    uv_bfp_regs(cpu, fmt, d->r1, d->r2);
    v = uv_fpr_get(cpu, fmt, d->r2);
    if (uv_bfp_is_snan(fmt, v)) {
        uv_bfp_ieee(cpu, UV_IEEE_INVALID);
        v = uv_bfp_nan_convert(fmt, fmt, v);
    }
    uv_fpr_put(cpu, fmt, d->r1, v);
    cpu->cc = uv_bfp_cc(fmt, v);
}

UV_HANDLER(ltebr) { load_test(cpu, d, UV_BFP_E); }
UV_HANDLER(ltdbr) { load_test(cpu, d, UV_BFP_D); }
UV_HANDLER(ltxbr) { load_test(cpu, d, UV_BFP_X); }

enum { SIGN_COMPLEMENT, SIGN_NEGATIVE, SIGN_POSITIVE };

/* The sign-changing loads: no exceptions, a NaN keeps its payload. */
static UvU128 with_sign(UvBfpFmt fmt, UvU128 v, int how)
{
    UvU128 s = uv_bfp_sign(fmt);

    return how == SIGN_COMPLEMENT ? v ^ s : how == SIGN_NEGATIVE ? v | s : v & ~s;
}

static void load_sign(UvCpu *cpu, const UvInsn *d, UvBfpFmt fmt, int how)
{
    UvU128 v;

    uv_bfp_regs(cpu, fmt, d->r1, d->r2);
    v = with_sign(fmt, uv_fpr_get(cpu, fmt, d->r2), how);
    uv_fpr_put(cpu, fmt, d->r1, v);
    cpu->cc = uv_bfp_cc(fmt, v);
}

UV_HANDLER(lcebr) { load_sign(cpu, d, UV_BFP_E, SIGN_COMPLEMENT); }
UV_HANDLER(lcdbr) { load_sign(cpu, d, UV_BFP_D, SIGN_COMPLEMENT); }
UV_HANDLER(lcxbr) { load_sign(cpu, d, UV_BFP_X, SIGN_COMPLEMENT); }
UV_HANDLER(lnebr) { load_sign(cpu, d, UV_BFP_E, SIGN_NEGATIVE); }
UV_HANDLER(lndbr) { load_sign(cpu, d, UV_BFP_D, SIGN_NEGATIVE); }
UV_HANDLER(lnxbr) { load_sign(cpu, d, UV_BFP_X, SIGN_NEGATIVE); }
UV_HANDLER(lpebr) { load_sign(cpu, d, UV_BFP_E, SIGN_POSITIVE); }
UV_HANDLER(lpdbr) { load_sign(cpu, d, UV_BFP_D, SIGN_POSITIVE); }
UV_HANDLER(lpxbr) { load_sign(cpu, d, UV_BFP_X, SIGN_POSITIVE); }
