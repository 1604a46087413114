/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-vec-fp-convert.c - vector floating point (facility 129; the short
 * and extended formats of 135, the 32-bit conversions of 148): compares,
 * test data class, sign operations, load FP integer, lengthen and round,
 * conversions from and to fixed.
 *
 * The element operations are the scalar BFP's (bfp.h); the exception
 * processing is vec-fp.h's.
 */
#include "vec-fp.h"

/* Element @i's all-ones or zero mask. */
static UvU128 elem_mask(UvBfpFmt fmt, bool on)
{
    return on ? (fmt == UV_BFP_X ? ~(UvU128)0 :
                 ((UvU128)1 << uv_bfp_width(fmt)) - 1) : 0;
}

/* The CC of a compare or test with CS: 0 all @hits of @n, 1 some, 3 none. */
static unsigned mask_cc(unsigned hits, unsigned n)
{
    return hits == n ? 0 : hits ? 1 : 3;
}

/* ---- compares ---- */

enum { CMP_EQ, CMP_HIGH, CMP_HIGH_EQ };

/*
 * @a compared with @b: CC 0 equal, 1 low, 2 high, 3 unordered; invalid in
 * *@flags for an SNaN, or any NaN when @signaling.
 */
static unsigned compare_elem(UvBfpFmt fmt, UvU128 a, UvU128 b,
                             bool signaling, unsigned *flags)
{
    _Float128 x, y;

    if (uv_bfp_is_nan(fmt, a) || uv_bfp_is_nan(fmt, b)) {
        if (signaling || uv_bfp_is_snan(fmt, a) || uv_bfp_is_snan(fmt, b)) {
            *flags |= UV_IEEE_INVALID;
        }
        return 3;
    }
    x = uv_bfp_to_x(fmt, a);
    y = uv_bfp_to_x(fmt, b);
    return x < y ? 1 : x > y ? 2 : 0;
}

/* VFCE, VFCH, VFCHE (VRR-c): M4 format, M5 S and SQ, M6 CS. */
static void compare_vec(UvCpu *cpu, const UvInsn *d, int kind)
{
    UvVec x2 = uv_vr(cpu, d->r2), x3 = uv_vr(cpu, d->r3), r = { { 0, 0 } };
    bool sq = d->m5 & UV_VFP_XXC;
    unsigned i, hits = 0, flags, c;
    bool on;
    UvVfp v;

    uv_vfp_spec_if(cpu, (d->m5 & 3) || (d->m6 & ~1) ||
                   (sq && !uvcpu_has_facility(cpu, 135)));
    uv_vfp_begin(cpu, &v, d->m4, d->m5 & UV_VFP_S);
    for (i = 0; i < v.n; i++) {
        flags = 0;
        c = compare_elem(v.fmt, uv_vfp_get(&x2, v.fmt, i),
                         uv_vfp_get(&x3, v.fmt, i), sq, &flags);
        uv_vfp_note(&v, i, flags);
        on = kind == CMP_EQ ? c == 0 : kind == CMP_HIGH ? c == 2 :
             c == 0 || c == 2;
        hits += on;
        uv_vfp_set(&r, v.fmt, i, elem_mask(v.fmt, on));
    }
    uv_set_vr(cpu, d->r1, r);
    if (d->m6 & 1) {
        cpu->cc = mask_cc(hits, v.n);
    }
    uv_vfp_end(&v);
}

UV_HANDLER(vfce)  { compare_vec(cpu, d, CMP_EQ); }
UV_HANDLER(vfch)  { compare_vec(cpu, d, CMP_HIGH); }
UV_HANDLER(vfche) { compare_vec(cpu, d, CMP_HIGH_EQ); }

/* WFC, WFK (VRR-a): element 0 of V1 with element 0 of V2, into the CC. */
static void compare_scalar(UvCpu *cpu, const UvInsn *d, bool signaling)
{
    UvVec x1 = uv_vr(cpu, d->r1), x2 = uv_vr(cpu, d->r2);
    unsigned flags = 0, cc;
    UvVfp v;

    uv_vfp_spec_if(cpu, d->m4);
    uv_vfp_begin(cpu, &v, d->m3, true);
    cc = compare_elem(v.fmt, uv_vfp_get(&x1, v.fmt, 0),
                      uv_vfp_get(&x2, v.fmt, 0), signaling, &flags);
    uv_vfp_note(&v, 0, flags);
    cpu->cc = cc;
    uv_vfp_end(&v);
}

UV_HANDLER(wfc) { compare_scalar(cpu, d, false); }
UV_HANDLER(wfk) { compare_scalar(cpu, d, true); }

/* ---- VFTCI, VFPSO: no IEEE exceptions ---- */

/*
 * The result register VFTCI and VFPSO start from: with S, elements 1 ...
 * keep V1's contents (unpredictable in the PoP; QEMU 7.2 keeps them, and
 * zeroes them for every other W form).
 */
static UvVec sign_test_result(UvCpu *cpu, const UvInsn *d, bool single)
{
    return single ? uv_vr(cpu, d->r1) : (UvVec) { { 0, 0 } };
}

/* VFTCI (VRI-e): elements whose class I3 selects; M4 format, M5 S. */
UV_HANDLER(vftci)
{
    UvVec x2 = uv_vr(cpu, d->r2), r = sign_test_result(cpu, d, d->m5 & UV_VFP_S);
    unsigned i, hits = 0;
    bool on;
    UvVfp v;

    uv_vfp_spec_if(cpu, d->m5 & ~UV_VFP_S);
    uv_vfp_begin(cpu, &v, d->m4, d->m5 & UV_VFP_S);
    for (i = 0; i < v.n; i++) {
        on = (d->imm >> uv_bfp_data_class(v.fmt, uv_vfp_get(&x2, v.fmt, i))) & 1;
        hits += on;
        uv_vfp_set(&r, v.fmt, i, elem_mask(v.fmt, on));
    }
    uv_set_vr(cpu, d->r1, r);
    cpu->cc = mask_cc(hits, v.n);
}

/* VFPSO (VRR-a): M3 format, M4 S, M5 0 complement, 1 negative, 2 positive. */
UV_HANDLER(vfpso)
{
    UvVec x2 = uv_vr(cpu, d->r2), r = sign_test_result(cpu, d, d->m4 & UV_VFP_S);
    UvU128 e, sign;
    unsigned i;
    UvVfp v;

    uv_vfp_spec_if(cpu, (d->m4 & ~UV_VFP_S) || d->m5 > 2);
    uv_vfp_begin(cpu, &v, d->m3, d->m4 & UV_VFP_S);
    if (v.n == 1 && v.fmt == UV_BFP_E) {
        /* QEMU 7.2 works on doubleword 0: element 1 is V2's. */
        r.d[0] = x2.d[0];
    }
    sign = uv_bfp_sign(v.fmt);
    for (i = 0; i < v.n; i++) {
        e = uv_vfp_get(&x2, v.fmt, i);
        e = d->m5 == 0 ? e ^ sign : d->m5 == 1 ? e | sign : e & ~sign;
        uv_vfp_set(&r, v.fmt, i, e);
    }
    uv_set_vr(cpu, d->r1, r);
}

/* ---- element-to-element conversions ---- */

/*
 * One element conversion of a VRR-a instruction: the result of
 * @v->fmt's element @i (of @x2) in *@res, returning its IEEE exceptions.
 */
typedef unsigned VfpConvert(const UvVfp *v, unsigned mode, const UvVec *x2,
                            unsigned i, UvU128 *res);

/*
 * V1 = @fn(V2) element by element; @out the result format, element @i
 * written to result element @i * @stride.  M4's XxC drops inexact.
 */
static void convert(UvCpu *cpu, const UvInsn *d, UvVfp *v, unsigned mode,
                    VfpConvert *fn, UvBfpFmt out, unsigned stride)
{
    UvVec x2 = uv_vr(cpu, d->r2), r = { { 0, 0 } };
    UvU128 res;
    unsigned i, flags;

    if (v->fmt == UV_BFP_X && out == UV_BFP_D) {
        /* WFLRX: doubleword 1 is unpredictable; QEMU 7.2 keeps V1's. */
        r = uv_vr(cpu, d->r1);
    }
    for (i = 0; i < v->n; i++) {
        flags = fn(v, mode, &x2, i, &res);
        if (d->m4 & UV_VFP_XXC) {
            flags &= ~UV_IEEE_INEXACT;
        }
        uv_vfp_note(v, i, flags);
        uv_vfp_set(&r, out, i * stride, res);
    }
    uv_set_vr(cpu, d->r1, r);
    uv_vfp_end(v);
}

static unsigned integral_elem(const UvVfp *v, unsigned mode, const UvVec *x2,
                              unsigned i, UvU128 *res)
{
    return uv_bfp_round_integral(v->fmt, uv_vfp_get(x2, v->fmt, i), mode, res);
}

/* VFI: M3 format, M4 S and XxC, M5 rounding mode. */
UV_HANDLER(vfi)
{
    UvVfp v;

    uv_vfp_spec_if(cpu, d->m4 & 3);
    uv_vfp_begin(cpu, &v, d->m3, d->m4 & UV_VFP_S);
    convert(cpu, d, &v, uv_vfp_mode(cpu, d->m5), integral_elem, v.fmt, 1);
}

/* Lengthens element 2 * @i of the next shorter format: exact. */
static unsigned lengthen_elem(const UvVfp *v, unsigned mode, const UvVec *x2,
                              unsigned i, UvU128 *res)
{
    UvBfpFmt in = v->fmt == UV_BFP_D ? UV_BFP_E : UV_BFP_D;
    UvU128 e = uv_vfp_get(x2, in, 2 * i);
    UvFloat f;

    if (uv_bfp_is_nan(in, e)) {
        *res = uv_bfp_nan_convert(in, v->fmt, e);
        return uv_bfp_is_snan(in, e) ? UV_IEEE_INVALID : 0;
    }
    f.x = uv_bfp_to_x(in, e);
    if (v->fmt == UV_BFP_D) {
        f.d = (double)f.x;
    }
    *res = uv_bfp_from_host(v->fmt, f);
    return 0;
}

/* VFLL (VLDE): M3 2 short to long, 3 long to extended (135); M4 S. */
UV_HANDLER(vfll)
{
    UvVfp v;

    uv_vfp_spec_if(cpu, (d->m4 & ~UV_VFP_S) || d->m3 < 2 || d->m3 > 3);
    uv_vfp_begin(cpu, &v, d->m3 + 1, d->m4 & UV_VFP_S);
    convert(cpu, d, &v, 0, lengthen_elem, v.fmt, 1);
}

/* Rounds element @i into the next shorter format. */
static unsigned round_elem(const UvVfp *v, unsigned mode, const UvVec *x2,
                           unsigned i, UvU128 *res)
{
    UvBfpOp op = {
        .fmt = v->fmt == UV_BFP_D ? UV_BFP_E : UV_BFP_D, .in = v->fmt,
        .mode = mode, .a = uv_vfp_get(x2, v->fmt, i),
        .compute = uv_bfp_narrow_compute,
    };

    if (uv_bfp_is_nan(op.in, op.a)) {
        *res = uv_bfp_nan_convert(op.in, op.fmt, op.a);
        return uv_bfp_is_snan(op.in, op.a) ? UV_IEEE_INVALID : 0;
    }
    return uv_bfp_eval(&op, v->masks, res);
}

/*
 * VFLR (VLED): M3 3 long to short (into elements 0 and 2), 4 extended to
 * long (135); M4 S and XxC; M5 rounding mode.
 */
UV_HANDLER(vflr)
{
    UvVfp v;
    bool ext;

    uv_vfp_spec_if(cpu, (d->m4 & 3) || d->m3 < 3 || d->m3 > 4);
    uv_vfp_begin(cpu, &v, d->m3, d->m4 & UV_VFP_S);
    ext = v.fmt == UV_BFP_X;
    convert(cpu, d, &v, uv_vfp_mode(cpu, d->m5), round_elem,
            ext ? UV_BFP_D : UV_BFP_E, ext ? 1 : 2);
}

/* ---- conversions from and to fixed ---- */

/* M3 3: 64-bit integers and long BFP; 2: 32-bit and short (148). */
static void fixed_begin(UvCpu *cpu, const UvInsn *d, UvVfp *v)
{
    uv_vfp_spec_if(cpu, (d->m4 & 3) ||
                   !(d->m3 == UV_VFP_LONG ||
                     (d->m3 == UV_VFP_SHORT && uvcpu_has_facility(cpu, 148))));
    uv_vfp_begin(cpu, v, d->m3, d->m4 & UV_VFP_S);
}

static unsigned from_fixed_elem(const UvVfp *v, unsigned mode,
                                const UvVec *x2, unsigned i, UvU128 *res,
                                bool logical)
{
    uint64_t g = uv_vfp_get(x2, v->fmt, i);
    unsigned bits = uv_bfp_width(v->fmt);
    UvFloat f;
    UvBfpOp op = {
        .fmt = v->fmt, .in = UV_BFP_X, .mode = mode,
        .compute = uv_bfp_narrow_compute,
    };

    if (logical) {
        f.x = g;
    } else {
        f.x = bits == 32 ? (_Float128)(int32_t)g : (_Float128)(int64_t)g;
    }
    op.a = uv_bfp_from_host(UV_BFP_X, f);
    return uv_bfp_eval(&op, v->masks, res);
}

static unsigned from_signed(const UvVfp *v, unsigned mode, const UvVec *x2,
                            unsigned i, UvU128 *res)
{
    return from_fixed_elem(v, mode, x2, i, res, false);
}

static unsigned from_logical(const UvVfp *v, unsigned mode, const UvVec *x2,
                             unsigned i, UvU128 *res)
{
    return from_fixed_elem(v, mode, x2, i, res, true);
}

static unsigned to_fixed_elem(const UvVfp *v, unsigned mode, const UvVec *x2,
                              unsigned i, UvU128 *res, bool logical)
{
    uint64_t g;
    unsigned flags = uv_bfp_to_fixed(v->fmt, uv_vfp_get(x2, v->fmt, i),
                                     uv_bfp_width(v->fmt), logical, mode, &g);

    *res = g;
    return flags;
}

static unsigned to_signed(const UvVfp *v, unsigned mode, const UvVec *x2,
                          unsigned i, UvU128 *res)
{
    return to_fixed_elem(v, mode, x2, i, res, false);
}

static unsigned to_logical(const UvVfp *v, unsigned mode, const UvVec *x2,
                           unsigned i, UvU128 *res)
{
    return to_fixed_elem(v, mode, x2, i, res, true);
}

/* VCDG, VCDLG, VCGD, VCLGD (and 148's VCFPS, VCFPL, VCSFP, VCLFP). */
static void fixed_op(UvCpu *cpu, const UvInsn *d, VfpConvert *fn)
{
    UvVfp v;

    fixed_begin(cpu, d, &v);
    convert(cpu, d, &v, uv_vfp_mode(cpu, d->m5), fn, v.fmt, 1);
}

UV_HANDLER(vcdg)  { fixed_op(cpu, d, from_signed); }
UV_HANDLER(vcdlg) { fixed_op(cpu, d, from_logical); }
UV_HANDLER(vcgd)  { fixed_op(cpu, d, to_signed); }
UV_HANDLER(vclgd) { fixed_op(cpu, d, to_logical); }
