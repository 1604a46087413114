/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-bfp-convert.c - BFP conversions: load lengthened, load rounded,
 * convert from and to fixed (signed and logical), load FP integer.
 *
 * Every value of a narrower format and every 64-bit integer is exact in
 * _Float128, so rounding to an integer happens there, and a conversion
 * from fixed is an exact _Float128 followed by the same rounding step as
 * LOAD ROUNDED.
 */
#include <math.h>
#include "bfp.h"

/* ---- LOAD LENGTHENED ---- */

static UvFloat widen(UvBfpFmt in, UvBfpFmt out, UvFloat f)
{
    UvFloat r;

    if (out == UV_BFP_D) {
        r.d = f.e;
    } else {
        r.x = in == UV_BFP_E ? (_Float128)f.e : (_Float128)f.d;
    }
    return r;
}

static void lengthen(UvCpu *cpu, const UvInsn *d, UvBfpFmt in, UvBfpFmt out,
                     bool rx)
{
    UvU128 v, res;

    uv_bfp_regs(cpu, out, d->r1, 0);
    uv_fpr_check(cpu, rx ? 0 : d->r2);
    v = rx ? uv_bfp_load(cpu, in, uv_a2(cpu, d)) : uv_fpr_get(cpu, in, d->r2);
    if (uv_bfp_is_nan(in, v)) {
        if (uv_bfp_is_snan(in, v)) {
            uv_bfp_ieee(cpu, UV_IEEE_INVALID);
        }
        res = uv_bfp_nan_convert(in, out, v);
    } else {
        res = uv_bfp_from_host(out, widen(in, out, uv_bfp_to_host(in, v)));
    }
    uv_fpr_put(cpu, out, d->r1, res);
}

UV_HANDLER(ldebr) { lengthen(cpu, d, UV_BFP_E, UV_BFP_D, false); }
UV_HANDLER(lxdbr) { lengthen(cpu, d, UV_BFP_D, UV_BFP_X, false); }
UV_HANDLER(lxebr) { lengthen(cpu, d, UV_BFP_E, UV_BFP_X, false); }
UV_HANDLER(ldeb)  { lengthen(cpu, d, UV_BFP_E, UV_BFP_D, true); }
UV_HANDLER(lxdb)  { lengthen(cpu, d, UV_BFP_D, UV_BFP_X, true); }
UV_HANDLER(lxeb)  { lengthen(cpu, d, UV_BFP_E, UV_BFP_X, true); }

/* ---- LOAD ROUNDED and CONVERT FROM FIXED: narrowing ---- */

/* @f of format @in to @out in the current host rounding mode. */
static UvFloat narrow_host(UvBfpFmt in, UvBfpFmt out, UvFloat f)
{
    UvFloat r;

    if (in == UV_BFP_X) {
        if (out == UV_BFP_E) {
            r.e = (float)f.x;
        } else if (out == UV_BFP_D) {
            r.d = (double)f.x;
        } else {
            r.x = f.x;
        }
    } else {
        r.e = (float)f.d;
    }
    return r;
}

_Float128 uv_bfp_to_x(UvBfpFmt fmt, UvU128 v)
{
    UvFloat f = uv_bfp_to_host(fmt, v);

    return fmt == UV_BFP_E ? f.e : fmt == UV_BFP_D ? f.d : f.x;
}

static unsigned narrow_once(const UvBfpOp *op, unsigned mode, int scale,
                            UvU128 *res)
{
    UvFloat f = uv_bfp_to_host(op->in, op->a);
    unsigned flags;

    if (scale) {
        f.x = op->in == UV_BFP_X ? scalbnf128(f.x, scale) : f.x;
        f.d = op->in == UV_BFP_D ? scalbn(f.d, scale) : f.d;
    }
    uv_host_round_begin(mode);
    f = narrow_host(op->in, op->fmt, f);
    flags = uv_host_round_end();
    *res = uv_bfp_from_host(op->fmt, f);
    if (mode == UV_RM_SHORTER && (flags & UV_IEEE_INEXACT)) {
        *res |= 1;
    }
    return flags;
}

/*
 * Round to nearest with ties away from zero, which the host lacks: the
 * nearest-even result unless the operand lies exactly halfway between
 * the truncated result and the next one away from zero.
 */
unsigned uv_bfp_narrow_compute(const UvBfpOp *op, unsigned mode, int scale,
                               UvU128 *res)
{
    UvU128 tz, away;
    unsigned flags;
    _Float128 x, lo, hi;

    if (mode != UV_RM_NEAR_AWAY) {
        return narrow_once(op, mode, scale, res);
    }
    flags = narrow_once(op, UV_RM_NEAR_EVEN, scale, res);
    if (!(flags & UV_IEEE_INEXACT) || scale) {
        return flags;
    }
    narrow_once(op, UV_RM_ZERO, 0, &tz);
    narrow_once(op, op->a & uv_bfp_sign(op->in) ? UV_RM_DOWN : UV_RM_UP, 0,
                &away);
    x = uv_bfp_to_x(op->in, op->a);
    lo = uv_bfp_to_x(op->fmt, tz);
    hi = uv_bfp_to_x(op->fmt, away);
    if (x - lo == hi - x) {
        *res = away;
    }
    return flags;
}

/* Rounds @a (of @in) into R1 in @fmt under the M3/M4 fields. */
static void narrow(UvCpu *cpu, const UvInsn *d, UvBfpFmt in, UvBfpFmt fmt,
                   UvU128 a)
{
    UvBfpOp op = {
        .fmt = fmt, .in = in, .a = a, .compute = uv_bfp_narrow_compute,
        .mode = uv_bfp_mode(cpu, d->m3, d->m4),
        .no_inexact = d->m4 & 4,
    };
    UvU128 res;

    if (uv_bfp_is_nan(in, a)) {
        if (uv_bfp_is_snan(in, a)) {
            uv_bfp_ieee(cpu, UV_IEEE_INVALID);
        }
        res = uv_bfp_nan_convert(in, fmt, a);
    } else {
        res = uv_bfp_run(cpu, &op);
    }
    uv_fpr_put(cpu, fmt, d->r1, res);
    uv_bfp_trap_pending(cpu);
}

static void load_rounded(UvCpu *cpu, const UvInsn *d, UvBfpFmt in,
                         UvBfpFmt out)
{
    uv_bfp_regs(cpu, in, d->r1, d->r2);
    narrow(cpu, d, in, out, uv_fpr_get(cpu, in, d->r2));
}

UV_HANDLER(ledbr) { load_rounded(cpu, d, UV_BFP_D, UV_BFP_E); }
UV_HANDLER(ldxbr) { load_rounded(cpu, d, UV_BFP_X, UV_BFP_D); }
UV_HANDLER(lexbr) { load_rounded(cpu, d, UV_BFP_X, UV_BFP_E); }

/* CONVERT FROM FIXED: GR R2 (@bits wide, @logical) into FPR R1. */
static void from_fixed(UvCpu *cpu, const UvInsn *d, UvBfpFmt fmt,
                       unsigned bits, bool logical)
{
    uint64_t g = GR(d->r2);
    UvFloat x;

    uv_bfp_regs(cpu, fmt, d->r1, 0);
    if (bits == 32) {
        x.x = logical ? (_Float128)(uint32_t)g : (_Float128)(int32_t)g;
    } else {
        x.x = logical ? (_Float128)g : (_Float128)(int64_t)g;
    }
    narrow(cpu, d, UV_BFP_X, fmt, uv_bfp_from_host(UV_BFP_X, x));
}

UV_HANDLER(cefbr)  { from_fixed(cpu, d, UV_BFP_E, 32, false); }
UV_HANDLER(cdfbr)  { from_fixed(cpu, d, UV_BFP_D, 32, false); }
UV_HANDLER(cxfbr)  { from_fixed(cpu, d, UV_BFP_X, 32, false); }
UV_HANDLER(cegbr)  { from_fixed(cpu, d, UV_BFP_E, 64, false); }
UV_HANDLER(cdgbr)  { from_fixed(cpu, d, UV_BFP_D, 64, false); }
UV_HANDLER(cxgbr)  { from_fixed(cpu, d, UV_BFP_X, 64, false); }
UV_HANDLER(celfbr) { from_fixed(cpu, d, UV_BFP_E, 32, true); }
UV_HANDLER(cdlfbr) { from_fixed(cpu, d, UV_BFP_D, 32, true); }
UV_HANDLER(cxlfbr) { from_fixed(cpu, d, UV_BFP_X, 32, true); }
UV_HANDLER(celgbr) { from_fixed(cpu, d, UV_BFP_E, 64, true); }
UV_HANDLER(cdlgbr) { from_fixed(cpu, d, UV_BFP_D, 64, true); }
UV_HANDLER(cxlgbr) { from_fixed(cpu, d, UV_BFP_X, 64, true); }

/* ---- rounding to an integral value ---- */

/* @x rounded to an integer in @mode (resolved, UV_RM_*). */
static _Float128 integral(_Float128 x, unsigned mode)
{
    _Float128 t;

    switch (mode) {
    case UV_RM_NEAR_AWAY:
        return roundf128(x);
    case UV_RM_SHORTER:         /* toward zero, odd when inexact */
        t = truncf128(x);
        if (t != x && fmodf128(t, 2) == 0) {
            t += x < 0 ? -1 : 1;
        }
        return t;
    default:
        uv_host_round_begin(mode);
        t = rintf128(x);
        uv_host_round_end();
        return t;
    }
}

unsigned uv_bfp_round_integral(UvBfpFmt fmt, UvU128 v, unsigned mode,
                               UvU128 *res)
{
    _Float128 x, r;
    UvFloat f;

    if (uv_bfp_is_nan(fmt, v)) {
        *res = uv_bfp_nan_convert(fmt, fmt, v);
        return uv_bfp_is_snan(fmt, v) ? UV_IEEE_INVALID : 0;
    }
    x = uv_bfp_to_x(fmt, v);
    r = integral(x, mode);
    f.x = r;
    f = narrow_host(UV_BFP_X, fmt, f);      /* exact: an integer of @fmt */
    *res = uv_bfp_from_host(fmt, f);
    /* An integral zero keeps the operand's sign. */
    *res = uv_bfp_is_zero(fmt, *res) ? (v & uv_bfp_sign(fmt)) : *res;
    return r != x ? UV_IEEE_INEXACT : 0;
}

/* LOAD FP INTEGER: R1 = R2 rounded to an integral value in its format. */
static void load_integer(UvCpu *cpu, const UvInsn *d, UvBfpFmt fmt)
{
    unsigned mode, flags;
    UvU128 res;

    uv_bfp_regs(cpu, fmt, d->r1, d->r2);
    mode = uv_bfp_mode(cpu, d->m3, d->m4);
    flags = uv_bfp_round_integral(fmt, uv_fpr_get(cpu, fmt, d->r2), mode, &res);
    if (flags & UV_IEEE_INVALID) {
        uv_bfp_ieee(cpu, UV_IEEE_INVALID);
    }
    uv_fpr_put(cpu, fmt, d->r1, res);
    if ((flags & UV_IEEE_INEXACT) && !(d->m4 & 4)) {
        uv_bfp_ieee(cpu, UV_IEEE_INEXACT);
    }
}

UV_HANDLER(fiebr) { load_integer(cpu, d, UV_BFP_E); }
UV_HANDLER(fidbr) { load_integer(cpu, d, UV_BFP_D); }
UV_HANDLER(fixbr) { load_integer(cpu, d, UV_BFP_X); }

/* ---- CONVERT TO FIXED ---- */

unsigned uv_bfp_to_fixed(UvBfpFmt fmt, UvU128 v, unsigned bits, bool logical,
                         unsigned mode, uint64_t *res)
{
    bool nan = uv_bfp_is_nan(fmt, v);
    _Float128 x = uv_bfp_to_x(fmt, v), r, lo, hi;

    r = nan ? 0 : integral(x, mode);
    lo = logical ? 0 : -ldexpf128(1, bits - 1);
    hi = logical ? ldexpf128(1, bits) - 1 : ldexpf128(1, bits - 1) - 1;
    if (nan || r < lo || r > hi) {
        *res = (nan || x < 0) ? (uint64_t)(int64_t)lo : (uint64_t)hi;
        if (nan && logical) {
            *res = 0;
        }
        /* Out of range is inexact too (a NaN is not), as rounding would be. */
        return UV_IEEE_INVALID | (nan ? 0 : UV_IEEE_INEXACT);
    }
    *res = r < 0 ? (uint64_t)(int64_t)r : (uint64_t)r;
    return r != x ? UV_IEEE_INEXACT : 0;
}

/*
 * FPR R2 into GR R1 (@bits wide, @logical), rounded under M3.  Out of
 * range and NaN are invalid, CC 3.
 */
static void to_fixed(UvCpu *cpu, const UvInsn *d, UvBfpFmt fmt,
                     unsigned bits, bool logical)
{
    unsigned mode, flags;
    UvU128 v;
    uint64_t res;

    uv_bfp_regs(cpu, fmt, d->r2, 0);
    mode = uv_bfp_mode(cpu, d->m3, d->m4);
    v = uv_fpr_get(cpu, fmt, d->r2);
    flags = uv_bfp_to_fixed(fmt, v, bits, logical, mode, &res);
    if (flags & UV_IEEE_INVALID) {
        uv_bfp_ieee(cpu, UV_IEEE_INVALID);
    }
    if (bits == 32) {
        uv_set_r32(cpu, d->r1, res);
    } else {
        GR(d->r1) = res;
    }
    cpu->cc = flags & UV_IEEE_INVALID ? 3 : uv_bfp_cc(fmt, v);
    if ((flags & UV_IEEE_INEXACT) && !(d->m4 & 4)) {
        uv_bfp_ieee(cpu, UV_IEEE_INEXACT);
    }
}

UV_HANDLER(cfebr)  { to_fixed(cpu, d, UV_BFP_E, 32, false); }
UV_HANDLER(cfdbr)  { to_fixed(cpu, d, UV_BFP_D, 32, false); }
UV_HANDLER(cfxbr)  { to_fixed(cpu, d, UV_BFP_X, 32, false); }
UV_HANDLER(cgebr)  { to_fixed(cpu, d, UV_BFP_E, 64, false); }
UV_HANDLER(cgdbr)  { to_fixed(cpu, d, UV_BFP_D, 64, false); }
UV_HANDLER(cgxbr)  { to_fixed(cpu, d, UV_BFP_X, 64, false); }
UV_HANDLER(clfebr) { to_fixed(cpu, d, UV_BFP_E, 32, true); }
UV_HANDLER(clfdbr) { to_fixed(cpu, d, UV_BFP_D, 32, true); }
UV_HANDLER(clfxbr) { to_fixed(cpu, d, UV_BFP_X, 32, true); }
UV_HANDLER(clgebr) { to_fixed(cpu, d, UV_BFP_E, 64, true); }
UV_HANDLER(clgdbr) { to_fixed(cpu, d, UV_BFP_D, 64, true); }
UV_HANDLER(clgxbr) { to_fixed(cpu, d, UV_BFP_X, 64, true); }
