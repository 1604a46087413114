/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-vec-fp.c - vector floating point (facility 129, the short and
 * extended formats of vector-enhancements 1, 135): the element loop's
 * exception processing (vec-fp.h) and the arithmetic: add, subtract,
 * multiply, divide, square root, (negative) multiply and add/subtract.
 *
 * Each element is computed like its scalar BFP counterpart
 * (uv_bfp_arith_compute(), uv_bfp_eval()); the result register is
 * written only after the last element, so a vector-processing exception
 * leaves it unchanged.
 */
#include "vec-fp.h"

/* The vector-exception code's IEEE classes (VIC), by priority. */
enum { VIC_INVALID = 1, VIC_DIVZERO, VIC_OVERFLOW, VIC_UNDERFLOW, VIC_INEXACT };

UvBfpFmt uv_vfp_fmt(unsigned m_fmt)
{
    return m_fmt == UV_VFP_SHORT ? UV_BFP_E :
           m_fmt == UV_VFP_LONG ? UV_BFP_D : UV_BFP_X;
}

void uv_vfp_begin(UvCpu *cpu, UvVfp *v, unsigned m_fmt, bool single)
{
    bool ve1 = uvcpu_has_facility(cpu, 135);

    uv_vfp_spec_if(cpu, !(m_fmt == UV_VFP_LONG ||
                          (m_fmt == UV_VFP_SHORT && ve1) ||
                          (m_fmt == UV_VFP_EXT && ve1 && single)));
    v->cpu = cpu;
    v->fmt = uv_vfp_fmt(m_fmt);
    v->n = single ? 1 : 128 / uv_bfp_width(v->fmt);
    v->masks = cpu->r.fpc >> UV_FPC_MASK_SHIFT & 0xf8;
    v->flags = 0;
}

void uv_vfp_note(UvVfp *v, unsigned i, unsigned flags)
{
    static const uint8_t vic[] = {
        [0] = VIC_INVALID, [1] = VIC_DIVZERO, [2] = VIC_OVERFLOW,
        [3] = VIC_UNDERFLOW, [4] = VIC_INEXACT,
    };
    unsigned trap = flags & v->masks;
    unsigned k;

    for (k = 0; trap && k < ARRAY_SIZE(vic); k++) {
        if (trap & (UV_IEEE_INVALID >> k)) {
            uv_vector_exception(v->cpu, i << 4 | vic[k]);
        }
    }
    v->flags |= flags;
}

void uv_vfp_end(UvVfp *v)
{
    v->cpu->r.fpc |= (v->flags & 0xf8) << UV_FPC_FLAG_SHIFT;
}

unsigned uv_vfp_mode(UvCpu *cpu, unsigned m)
{
    uv_vfp_spec_if(cpu, m > 7);
    return uv_bfp_mode(cpu, m, 0);
}

UvU128 uv_vfp_get(const UvVec *x, UvBfpFmt fmt, unsigned i)
{
    return fmt == UV_BFP_X ? uv_vec_u128(x) :
           uv_vec_get(x, fmt == UV_BFP_E ? UV_ES_F : UV_ES_G, i);
}

void uv_vfp_set(UvVec *x, UvBfpFmt fmt, unsigned i, UvU128 v)
{
    if (fmt == UV_BFP_X) {
        *x = uv_vec_from_u128(v);
    } else {
        uv_vec_set(x, fmt == UV_BFP_E ? UV_ES_F : UV_ES_G, i, v);
    }
}

/* ---- arithmetic ---- */

/* An arithmetic instruction: UV_BFP_OP_*, and whether the result is
 * negated (VFNMA, VFNMS). */
typedef struct VfpArith {
    int kind;
    bool negate;
} VfpArith;

/* The mode that rounds -x as @mode rounds x. */
static unsigned mirrored(unsigned mode)
{
    return mode == UV_RM_UP ? UV_RM_DOWN : mode == UV_RM_DOWN ? UV_RM_UP : mode;
}

/*
 * A negated multiply and add: round(-(a * b +- c)) as -round(a * b +- c)
 * in the mirrored mode; an exact zero is the negation of the zero the
 * unmirrored mode gives (the sum's sign is negated, not its rounding).
 */
static unsigned negated_eval(UvBfpOp *op, unsigned masks, UvU128 *res)
{
    unsigned mode = op->mode, flags;
    UvU128 zero;

    op->mode = mirrored(mode);
    flags = uv_bfp_eval(op, masks, res);
    if (uv_bfp_is_zero(op->fmt, *res) && !(flags & UV_IEEE_INEXACT)) {
        op->mode = mode;
        op->compute(op, mode, 0, &zero);
        *res = zero;
    }
    if (!uv_bfp_is_nan(op->fmt, *res)) {
        *res ^= uv_bfp_sign(op->fmt);
    }
    return flags;
}

/* One element: @x[0] op @x[1] (+- @x[2]); square root of @x[1]. */
static unsigned arith_elem(const UvVfp *v, const VfpArith *a, unsigned mode,
                           const UvU128 *x, UvU128 *res)
{
    UvBfpOp op = {
        .fmt = v->fmt, .in = v->fmt, .mode = mode, .kind = a->kind,
        .a = x[0], .b = x[1], .c = x[2], .compute = uv_bfp_arith_compute,
    };
    unsigned n = a->kind == UV_BFP_OP_SQRT ? 1 :
                 a->kind >= UV_BFP_OP_MADD ? 3 : 2;
    unsigned flags = 0;

    if (uv_bfp_nan_pick(v->fmt, v->fmt, a->kind == UV_BFP_OP_SQRT ? &x[1] : x,
                        n, res, &flags)) {
        return flags;
    }
    flags = a->negate ? negated_eval(&op, v->masks, res) :
                        uv_bfp_eval(&op, v->masks, res);
    if (uv_bfp_is_nan(v->fmt, *res)) {
        *res = uv_bfp_default_nan(v->fmt);
    }
    return flags;
}

/*
 * V1 = V2 op V3 (op V4) element by element; @m_fmt, @m_flags the format
 * and flags (S) fields of the instruction's format.
 */
static void arith(UvCpu *cpu, const UvInsn *d, VfpArith a, unsigned m_fmt,
                  unsigned m_flags)
{
    UvVec x2 = uv_vr(cpu, d->r2), x3 = uv_vr(cpu, d->r3);
    UvVec x4 = uv_vr(cpu, d->r4), r = { { 0, 0 } };
    UvU128 ops[3], res;
    unsigned mode, i;
    UvVfp v;

    uv_vfp_spec_if(cpu, m_flags & ~UV_VFP_S);
    uv_vfp_begin(cpu, &v, m_fmt, m_flags & UV_VFP_S);
    mode = uv_bfp_mode(cpu, 0, 0);
    for (i = 0; i < v.n; i++) {
        ops[0] = uv_vfp_get(&x2, v.fmt, i);
        ops[1] = uv_vfp_get(&x3, v.fmt, i);
        ops[2] = uv_vfp_get(&x4, v.fmt, i);
        if (a.kind == UV_BFP_OP_SQRT) {
            ops[1] = ops[0];
        }
        uv_vfp_note(&v, i, arith_elem(&v, &a, mode, ops, &res));
        uv_vfp_set(&r, v.fmt, i, res);
    }
    uv_set_vr(cpu, d->r1, r);
    uv_vfp_end(&v);
}

#define VFP_ARITH(kind, neg) ((VfpArith) { UV_BFP_OP_##kind, neg })

/* VRR-c: M4 format, M5 flags. */
UV_HANDLER(vfa) { arith(cpu, d, VFP_ARITH(ADD, false), d->m4, d->m5); }
UV_HANDLER(vfs) { arith(cpu, d, VFP_ARITH(SUB, false), d->m4, d->m5); }
UV_HANDLER(vfm) { arith(cpu, d, VFP_ARITH(MUL, false), d->m4, d->m5); }
UV_HANDLER(vfd) { arith(cpu, d, VFP_ARITH(DIV, false), d->m4, d->m5); }
/* VRR-a: M3 format, M4 flags. */
UV_HANDLER(vfsq) { arith(cpu, d, VFP_ARITH(SQRT, false), d->m3, d->m4); }

/* VRR-e: M6 format, M5 flags; V1 = V2 * V3 +- V4, negated for VFNMx. */
UV_HANDLER(vfma)  { arith(cpu, d, VFP_ARITH(MADD, false), d->m6, d->m5); }
UV_HANDLER(vfms)  { arith(cpu, d, VFP_ARITH(MSUB, false), d->m6, d->m5); }
UV_HANDLER(vfnma) { arith(cpu, d, VFP_ARITH(MADD, true), d->m6, d->m5); }
UV_HANDLER(vfnms) { arith(cpu, d, VFP_ARITH(MSUB, true), d->m6, d->m5); }

/* ---- VFMAX, VFMIN (135) ---- */

/* M6's type (bit 0, 0x8: compare absolute values). */
enum { MM_IEEE, MM_JAVA, MM_C_MACRO, MM_CPP, MM_FMAX, MM_ABS = 8 };

/* What decides a maximum or minimum other than comparing the values. */
enum { MM_COMPARE, MM_A, MM_B, MM_QUIET_A, MM_QUIET_B };

/*
 * The Java, C-macro, C++ and fmax types with a NaN operand or two zeros
 * (PoP 24, VECTOR FP MAXIMUM): invalid for an SNaN, and for any NaN in
 * the C types, which compare with a signaling relation.
 */
static int minmax_special(UvBfpFmt fmt, UvU128 a, UvU128 b, int type,
                          bool is_min, unsigned *flags)
{
    bool neg_a = a & uv_bfp_sign(fmt);

    if (uv_bfp_is_nan(fmt, a) || uv_bfp_is_nan(fmt, b)) {
        bool sa = uv_bfp_is_snan(fmt, a), sb = uv_bfp_is_snan(fmt, b);

        *flags |= sa || sb || type == MM_C_MACRO || type == MM_CPP ?
                  UV_IEEE_INVALID : 0;
        switch (type) {
        case MM_JAVA:
            return sa ? MM_QUIET_A : sb ? MM_QUIET_B :
                   uv_bfp_is_nan(fmt, a) ? MM_A : MM_B;
        case MM_FMAX:
            return uv_bfp_is_nan(fmt, b) ? MM_A : MM_B;
        default:
            return type == MM_C_MACRO ? MM_B : MM_A;
        }
    }
    if (uv_bfp_is_zero(fmt, a) && uv_bfp_is_zero(fmt, b)) {
        /* Java and fmax order -0 below +0; the C types take a side. */
        return type == MM_C_MACRO ? MM_B : type == MM_CPP ? MM_A :
               neg_a == is_min ? MM_A : MM_B;
    }
    return MM_COMPARE;
}

/* -1, 0, 1 as @a is below, equal to, above @b (-0 below +0); @mag:
 * magnitudes first. */
static int minmax_cmp(UvBfpFmt fmt, UvU128 a, UvU128 b, bool mag)
{
    _Float128 x = uv_bfp_to_x(fmt, a), y = uv_bfp_to_x(fmt, b);
    bool na = a & uv_bfp_sign(fmt), nb = b & uv_bfp_sign(fmt);

    if (mag && (x < 0 ? -x : x) != (y < 0 ? -y : y)) {
        return (x < 0 ? -x : x) < (y < 0 ? -y : y) ? -1 : 1;
    }
    if (x != y) {
        return x < y ? -1 : 1;
    }
    return na == nb ? 0 : na ? -1 : 1;
}

/* The maximum (@is_min: minimum) of @a and @b under M6 type @m6. */
static UvU128 minmax_elem(UvBfpFmt fmt, UvU128 a, UvU128 b, unsigned m6,
                          bool is_min, unsigned *flags)
{
    int type = m6 & ~MM_ABS, how = MM_COMPARE, c;
    bool mag = m6 & MM_ABS;
    UvU128 v[2] = { a, b }, res;

    if (type == MM_IEEE) {
        /* minNum/maxNum: a QNaN loses against a number. */
        if (uv_bfp_is_nan(fmt, a) != uv_bfp_is_nan(fmt, b) &&
            !uv_bfp_is_snan(fmt, a) && !uv_bfp_is_snan(fmt, b)) {
            return uv_bfp_is_nan(fmt, a) ? b : a;
        }
        if (uv_bfp_nan_pick(fmt, fmt, v, 2, &res, flags)) {
            return res;
        }
    } else {
        if (mag) {              /* these types deliver the absolute value */
            a &= ~uv_bfp_sign(fmt);
            b &= ~uv_bfp_sign(fmt);
        }
        how = minmax_special(fmt, a, b, type, is_min, flags);
    }
    switch (how) {
    case MM_A:
        return a;
    case MM_B:
        return b;
    case MM_QUIET_A:
        return uv_bfp_nan_convert(fmt, fmt, a);
    case MM_QUIET_B:
        return uv_bfp_nan_convert(fmt, fmt, b);
    }
    c = minmax_cmp(fmt, a, b, mag && type == MM_IEEE);
    return (is_min ? c > 0 : c < 0) ? b : a;
}

/* VRR-c: M4 format, M5 S, M6 type 0-4, 8-12. */
static void minmax(UvCpu *cpu, const UvInsn *d, bool is_min)
{
    UvVec x2 = uv_vr(cpu, d->r2), x3 = uv_vr(cpu, d->r3), r = { { 0, 0 } };
    unsigned i, flags;
    UvU128 res;
    UvVfp v;

    uv_vfp_spec_if(cpu, (d->m5 & ~UV_VFP_S) || (d->m6 & 7) > 4);
    uv_vfp_begin(cpu, &v, d->m4, d->m5 & UV_VFP_S);
    for (i = 0; i < v.n; i++) {
        flags = 0;
        res = minmax_elem(v.fmt, uv_vfp_get(&x2, v.fmt, i),
                          uv_vfp_get(&x3, v.fmt, i), d->m6, is_min, &flags);
        uv_vfp_note(&v, i, flags);
        uv_vfp_set(&r, v.fmt, i, res);
    }
    uv_set_vr(cpu, d->r1, r);
    uv_vfp_end(&v);
}

UV_HANDLER(vfmax) { minmax(cpu, d, false); }
UV_HANDLER(vfmin) { minmax(cpu, d, true); }
