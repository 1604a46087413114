/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bfp-core.c - the BFP machinery the BFP instructions share: registers,
 * formats, rounding modes and IEEE exception processing.
 *
 * Arithmetic is the host FPU's: float, double and glibc's _Float128 (whose
 * soft-fp code reads the x86 MXCSR rounding mode and raises its flags
 * there), with fesetround() and fetestexcept() around each operation.
 * What the host does differently from z/Architecture is done here:
 * - NaN propagation and the default NaN (the callers pick the NaN before
 *   calling the host);
 * - tininess is detected before rounding (x86: after rounding), and an
 *   exact tiny result is an underflow when the underflow mask is on;
 * - round to prepare for shorter precision (round to odd) is computed
 *   toward zero with the low bit set when inexact;
 * - a trapped overflow or underflow delivers the result scaled by
 *   2^-+192/1536/24576 (computed again with scaled operands).
 */
#include <fenv.h>
#include "bfp.h"

/* Scale of a trapped overflow or underflow's wrapped result (PoP 9-20). */
static int wrap_scale(UvBfpFmt fmt)
{
    return fmt == UV_BFP_E ? 192 : fmt == UV_BFP_D ? 1536 : 24576;
}

void uv_bfp_check(UvCpu *cpu)
{
    if (!(cpu->r.cregs[0] & UV_CR0_AFP)) {
        uv_data_exception(cpu, UV_DXC_BFP_INSN);
    }
}

void uv_fpr_check(UvCpu *cpu, unsigned r)
{
    if (!(cpu->r.cregs[0] & UV_CR0_AFP) && (r & 9)) {
        uv_data_exception(cpu, UV_DXC_AFP_REG);
    }
}

void uv_bfp_regs(UvCpu *cpu, UvBfpFmt fmt, unsigned r1, unsigned r2)
{
    uv_fpr_check(cpu, r1);
    uv_fpr_check(cpu, r2);
    uv_bfp_check(cpu);
    if (fmt == UV_BFP_X && ((r1 | r2) & 2)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
}

UvU128 uv_fpr_get(const UvCpu *cpu, UvBfpFmt fmt, unsigned r)
{
    switch (fmt) {
    case UV_BFP_E:
        return cpu->r.vregs[r][0] >> 32;
    case UV_BFP_D:
        return cpu->r.vregs[r][0];
    default:
        return (UvU128)cpu->r.vregs[r][0] << 64 | cpu->r.vregs[r + 2][0];
    }
}

void uv_fpr_put(UvCpu *cpu, UvBfpFmt fmt, unsigned r, UvU128 v)
{
    switch (fmt) {
    case UV_BFP_E:         /* bits 32-63 of the FPR are left unchanged */
        cpu->r.vregs[r][0] = (cpu->r.vregs[r][0] & 0xffffffffULL) |
                             (uint64_t)v << 32;
        break;
    case UV_BFP_D:
        cpu->r.vregs[r][0] = v;
        break;
    default:
        cpu->r.vregs[r][0] = v >> 64;
        cpu->r.vregs[r + 2][0] = (uint64_t)v;
        break;
    }
}

UvU128 uv_bfp_load(UvCpu *cpu, UvBfpFmt fmt, uint64_t addr)
{
    return fmt == UV_BFP_E ? uv_ld32(cpu, addr) : uv_ld64(cpu, addr);
}

/* ---- bit patterns ---- */

UvU128 uv_bfp_sign(UvBfpFmt fmt)
{
    return (UvU128)1 << (uv_bfp_width(fmt) - 1);
}

static UvU128 exp_mask(UvBfpFmt fmt)
{
    return (uv_bfp_sign(fmt) - 1) & ~(((UvU128)1 << uv_bfp_frac_bits(fmt)) - 1);
}

static UvU128 quiet_bit(UvBfpFmt fmt)
{
    return (UvU128)1 << (uv_bfp_frac_bits(fmt) - 1);
}

bool uv_bfp_is_nan(UvBfpFmt fmt, UvU128 v)
{
    return (v & ~uv_bfp_sign(fmt)) > exp_mask(fmt);
}

bool uv_bfp_is_snan(UvBfpFmt fmt, UvU128 v)
{
    return uv_bfp_is_nan(fmt, v) && !(v & quiet_bit(fmt));
}

bool uv_bfp_is_zero(UvBfpFmt fmt, UvU128 v)
{
    return !(v & ~uv_bfp_sign(fmt));
}

/* Nonzero with a zero biased exponent. */
static bool is_subnormal(UvBfpFmt fmt, UvU128 v)
{
    return !(v & exp_mask(fmt)) && !uv_bfp_is_zero(fmt, v);
}

/* The smallest normal magnitude. */
static bool is_min_normal(UvBfpFmt fmt, UvU128 v)
{
    return (v & ~uv_bfp_sign(fmt)) == (UvU128)1 << uv_bfp_frac_bits(fmt);
}

UvU128 uv_bfp_default_nan(UvBfpFmt fmt)
{
    return exp_mask(fmt) | quiet_bit(fmt);
}

UvU128 uv_bfp_nan_convert(UvBfpFmt from, UvBfpFmt to, UvU128 v)
{
    int shift = (int)uv_bfp_frac_bits(to) - (int)uv_bfp_frac_bits(from);
    UvU128 frac = v & (((UvU128)1 << uv_bfp_frac_bits(from)) - 1);

    frac = shift >= 0 ? frac << shift : frac >> -shift;
    return (v & uv_bfp_sign(from) ? uv_bfp_sign(to) : 0) | exp_mask(to) |
           frac | quiet_bit(to);
}

UvFloat uv_bfp_to_host(UvBfpFmt fmt, UvU128 v)
{
    UvFloat f;
    uint32_t v32 = v;
    uint64_t v64 = v;

    switch (fmt) {
    case UV_BFP_E:
        memcpy(&f.e, &v32, 4);
        break;
    case UV_BFP_D:
        memcpy(&f.d, &v64, 8);
        break;
    default:
        memcpy(&f.x, &v, 16);
        break;
    }
    return f;
}

UvU128 uv_bfp_from_host(UvBfpFmt fmt, UvFloat f)
{
    uint32_t v32;
    uint64_t v64;
    UvU128 v;

    switch (fmt) {
    case UV_BFP_E:
        memcpy(&v32, &f.e, 4);
        return v32;
    case UV_BFP_D:
        memcpy(&v64, &f.d, 8);
        return v64;
    default:
        memcpy(&v, &f.x, 16);
        return v;
    }
}

unsigned uv_bfp_cc(UvBfpFmt fmt, UvU128 v)
{
    if (uv_bfp_is_nan(fmt, v)) {
        return 3;
    }
    if (uv_bfp_is_zero(fmt, v)) {
        return 0;
    }
    return v & uv_bfp_sign(fmt) ? 1 : 2;
}

/* ---- rounding ---- */

unsigned uv_bfp_mode(UvCpu *cpu, unsigned m3, unsigned m4)
{
    static const uint8_t fpc_mode[8] = {
        UV_RM_NEAR_EVEN, UV_RM_ZERO, UV_RM_UP, UV_RM_DOWN,
        0, 0, 0, UV_RM_SHORTER,
    };

    /* The FP-extension rounding modes exist on the z15 uvsim models, with
     * or without STFLE bit 37 (docs/cpu-interpreter.md, facility 37). */
    if (m3 == 2) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return m3 ? m3 : fpc_mode[cpu->r.fpc & UV_FPC_BRM];
}

void uv_host_round_begin(unsigned mode)
{
    static const int host[8] = {
        [UV_RM_NEAR_EVEN] = FE_TONEAREST, [UV_RM_ZERO] = FE_TOWARDZERO,
        [UV_RM_UP] = FE_UPWARD, [UV_RM_DOWN] = FE_DOWNWARD,
        [UV_RM_SHORTER] = FE_TOWARDZERO, [UV_RM_NEAR_AWAY] = FE_TONEAREST,
    };

    fesetround(host[mode & 7]);
    feclearexcept(FE_ALL_EXCEPT);
}

unsigned uv_host_round_end(void)
{
    int e = fetestexcept(FE_ALL_EXCEPT);
    unsigned flags = 0;

    fesetround(FE_TONEAREST);
    flags |= e & FE_INVALID ? UV_IEEE_INVALID : 0;
    flags |= e & FE_DIVBYZERO ? UV_IEEE_DIVZERO : 0;
    flags |= e & FE_OVERFLOW ? UV_IEEE_OVERFLOW : 0;
    flags |= e & FE_UNDERFLOW ? UV_IEEE_UNDERFLOW : 0;
    flags |= e & FE_INEXACT ? UV_IEEE_INEXACT : 0;
    return flags;
}

/* ---- exception processing ---- */

void uv_bfp_ieee(UvCpu *cpu, unsigned flags)
{
    unsigned trap = flags & (cpu->r.fpc >> UV_FPC_MASK_SHIFT);

    if (trap & UV_IEEE_INVALID) {
        uv_data_exception(cpu, UV_IEEE_INVALID);
    }
    if (trap & UV_IEEE_DIVZERO) {
        uv_data_exception(cpu, UV_IEEE_DIVZERO);
    }
    if (trap & UV_IEEE_INEXACT) {
        uv_data_exception(cpu, UV_IEEE_INEXACT);
    }
    cpu->r.fpc |= (flags & 0xf8) << UV_FPC_FLAG_SHIFT;
}

/* Whether @res, the rounded result of @op at @scale, is above its
 * precise value in magnitude (the DXC's "incremented"). */
static bool incremented(const UvBfpOp *op, int scale, UvU128 res)
{
    UvU128 tz;

    op->compute(op, UV_RM_ZERO, scale, &tz);
    return (tz & ~uv_bfp_sign(op->fmt)) != (res & ~uv_bfp_sign(op->fmt));
}

/* The wrapped result of a trapped overflow (@scale < 0) or underflow and
 * its DXC. */
static UvU128 wrapped(UvCpu *cpu, const UvBfpOp *op, int scale, uint8_t dxc)
{
    UvU128 res;
    unsigned flags = op->compute(op, op->mode, scale, &res);

    if (flags & UV_IEEE_INEXACT) {
        dxc |= UV_IEEE_INEXACT;
        if (incremented(op, scale, res)) {
            dxc |= UV_DXC_INCREMENTED;
        }
    }
    cpu->bfp_trap = dxc;
    return res;
}

unsigned uv_bfp_eval(const UvBfpOp *op, unsigned masks, UvU128 *res)
{
    unsigned flags = op->compute(op, op->mode, 0, res);
    UvU128 tz;

    if ((flags & UV_IEEE_INEXACT) && is_min_normal(op->fmt, *res)) {
        /* Tiny before rounding, rounded up to the smallest normal? */
        op->compute(op, UV_RM_ZERO, 0, &tz);
        if (is_subnormal(op->fmt, tz)) {
            flags |= UV_IEEE_UNDERFLOW;
        }
    }
    if (is_subnormal(op->fmt, *res) ||
        ((flags & UV_IEEE_INEXACT) && uv_bfp_is_zero(op->fmt, *res))) {
        flags |= UV_IEEE_UNDERFLOW;
    }
    if (!(flags & UV_IEEE_INEXACT) && !(masks & UV_IEEE_UNDERFLOW)) {
        flags &= ~UV_IEEE_UNDERFLOW;    /* exact: no underflow when masked */
    }
    if (op->no_inexact) {
        /* Suppresses the inexact condition, not an inexact underflow. */
        flags &= ~UV_IEEE_INEXACT;
    }
    return flags;
}

UvU128 uv_bfp_run(UvCpu *cpu, const UvBfpOp *op)
{
    unsigned masks = cpu->r.fpc >> UV_FPC_MASK_SHIFT & 0xf8;
    UvU128 res;
    unsigned flags = uv_bfp_eval(op, masks, &res);

    cpu->bfp_trap = 0;
    if (flags & masks & UV_IEEE_INVALID) {
        uv_data_exception(cpu, UV_IEEE_INVALID);
    }
    if (flags & masks & UV_IEEE_DIVZERO) {
        uv_data_exception(cpu, UV_IEEE_DIVZERO);
    }
    if ((flags & UV_IEEE_UNDERFLOW) && (masks & UV_IEEE_UNDERFLOW)) {
        return wrapped(cpu, op, wrap_scale(op->fmt), UV_IEEE_UNDERFLOW);
    }
    if ((flags & UV_IEEE_OVERFLOW) && (masks & UV_IEEE_OVERFLOW)) {
        return wrapped(cpu, op, -wrap_scale(op->fmt), UV_IEEE_OVERFLOW);
    }
    if ((flags & UV_IEEE_INEXACT) && (masks & UV_IEEE_INEXACT)) {
        cpu->bfp_trap = UV_IEEE_INEXACT |
                        (incremented(op, 0, res) ? UV_DXC_INCREMENTED : 0);
        flags &= ~UV_IEEE_INEXACT;
    }
    cpu->r.fpc |= (flags & 0xf8) << UV_FPC_FLAG_SHIFT;
    return res;
}

void uv_bfp_trap_pending(UvCpu *cpu)
{
    if (cpu->bfp_trap) {
        uv_data_exception(cpu, cpu->bfp_trap);
    }
}
