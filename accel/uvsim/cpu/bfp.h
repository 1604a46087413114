/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bfp.h - what gen-bfp.c and gen-bfp-convert.c share: the three BFP
 * formats as bit patterns, the FPC, the IEEE exception processing (FPC
 * flags, masks and the data exception with its DXC) and the rounding
 * modes, all computed through the host FPU (fesetround/fetestexcept;
 * glibc's _Float128 functions for the extended format).
 */
#ifndef ACCEL_UVSIM_CPU_BFP_H
#define ACCEL_UVSIM_CPU_BFP_H

#include "internal.h"

typedef unsigned __int128 UvU128;

/* The formats, by their architected names. */
typedef enum UvBfpFmt { UV_BFP_E, UV_BFP_D, UV_BFP_X } UvBfpFmt;

/* A BFP value in the host's representation. */
typedef union UvFloat {
    float e;
    double d;
    _Float128 x;
} UvFloat;

/* FPC fields (bit 0 is the most significant of 32). */
#define UV_FPC_MASK_SHIFT   24
#define UV_FPC_FLAG_SHIFT   16
#define UV_FPC_DXC_SHIFT    8
#define UV_FPC_BRM          0x00000007u    /* bits 29-31: BFP rounding mode */

/* IEEE exceptions as they sit in the mask, flag and DXC bytes. */
#define UV_IEEE_INVALID     0x80
#define UV_IEEE_DIVZERO     0x40
#define UV_IEEE_OVERFLOW    0x20
#define UV_IEEE_UNDERFLOW   0x10
#define UV_IEEE_INEXACT     0x08
#define UV_DXC_INCREMENTED  0x04           /* with inexact: rounded away */

#define UV_DXC_AFP_REG      0x01
#define UV_DXC_BFP_INSN     0x02

/* CR0 bit 45: AFP-register control. */
#define UV_CR0_AFP          0x0000000000040000ULL

/*
 * Rounding modes in the encoding of the M3 field, which every path uses:
 * the FPC's mode is translated into it (uv_bfp_fpc_mode()).
 */
enum {
    UV_RM_FPC = 0, UV_RM_NEAR_AWAY = 1, UV_RM_SHORTER = 3, UV_RM_NEAR_EVEN = 4,
    UV_RM_ZERO = 5, UV_RM_UP = 6, UV_RM_DOWN = 7,
};

/* A BFP instruction: data exception DXC 2 without the AFP-register control. */
void uv_bfp_check(UvCpu *cpu);

/* FPR @r must exist: without the AFP-register control only 0, 2, 4, 6. */
void uv_fpr_check(UvCpu *cpu, unsigned r);

/* uv_bfp_check() and uv_fpr_check() of the registers of @fmt at @r... */
void uv_bfp_regs(UvCpu *cpu, UvBfpFmt fmt, unsigned r1, unsigned r2);

/* Reads / writes FPR @r (the pair @r, @r + 2 for extended) in @fmt. */
UvU128 uv_fpr_get(const UvCpu *cpu, UvBfpFmt fmt, unsigned r);
void uv_fpr_put(UvCpu *cpu, UvBfpFmt fmt, unsigned r, UvU128 v);

/* Loads a short or long operand from storage. */
UvU128 uv_bfp_load(UvCpu *cpu, UvBfpFmt fmt, uint64_t addr);

/* Bit-pattern classification. */
UvU128 uv_bfp_sign(UvBfpFmt fmt);
bool uv_bfp_is_nan(UvBfpFmt fmt, UvU128 v);
bool uv_bfp_is_snan(UvBfpFmt fmt, UvU128 v);
bool uv_bfp_is_zero(UvBfpFmt fmt, UvU128 v);
UvU128 uv_bfp_default_nan(UvBfpFmt fmt);

/* @v (a NaN of @from) as a quiet NaN of @to: fraction kept left-aligned. */
UvU128 uv_bfp_nan_convert(UvBfpFmt from, UvBfpFmt to, UvU128 v);

UvFloat uv_bfp_to_host(UvBfpFmt fmt, UvU128 v);
UvU128 uv_bfp_from_host(UvBfpFmt fmt, UvFloat f);

/* CC 0 zero, 1 negative, 2 positive, 3 NaN. */
unsigned uv_bfp_cc(UvBfpFmt fmt, UvU128 v);

/*
 * The rounding mode M3 selects (UV_RM_FPC: the FPC's), or a specification
 * exception for an invalid one; @m4 the M4 field, checked too.
 */
unsigned uv_bfp_mode(UvCpu *cpu, unsigned m3, unsigned m4);

/* Sets the host rounding mode for @mode (UV_RM_*, not FPC/away) and clears
 * the host exception flags. */
void uv_host_round_begin(unsigned mode);

/* The host's IEEE exceptions since uv_host_round_begin(), as UV_IEEE_*;
 * the host is back to round to nearest. */
unsigned uv_host_round_end(void);

/*
 * An operation whose result the exception processing may have to compute
 * again: rounded toward zero (to tell incremented results and tininess
 * before rounding) and with the operands scaled (the wrapped result of a
 * trapped overflow or underflow).
 */
typedef struct UvBfpOp UvBfpOp;
struct UvBfpOp {
    UvBfpFmt fmt;              /* of the result */
    UvBfpFmt in;               /* of the operands */
    unsigned mode;             /* UV_RM_*, resolved */
    bool no_inexact;           /* M4's inexact-suppression control */
    UvU128 a, b, c;
    /* The result with host mode @mode and the operands scaled by 2^@scale
     * (0: unscaled); returns UV_IEEE_* flags. */
    unsigned (*compute)(const UvBfpOp *op, unsigned mode, int scale,
                        UvU128 *res);
    int kind;                  /* for compute() */
};

/*
 * Runs @op, processes its IEEE exceptions against the FPC and returns the
 * result to store; traps (data exception) either before returning (invalid,
 * divide by zero: the operation is suppressed) or, for a trapped overflow,
 * underflow or inexact, from uv_bfp_trap_pending() after the caller stored
 * the result and set the CC.
 */
UvU128 uv_bfp_run(UvCpu *cpu, const UvBfpOp *op);

/*
 * Runs @op without processing its exceptions: the result in *@res and the
 * IEEE exceptions as z/Architecture detects them (tininess before
 * rounding; an exact tiny result is an underflow only when @masks, the
 * FPC mask byte, enables underflow; inexact not with @op->no_inexact).
 */
unsigned uv_bfp_eval(const UvBfpOp *op, unsigned masks, UvU128 *res);

/* Raises the data exception uv_bfp_run() left pending, if any. */
void uv_bfp_trap_pending(UvCpu *cpu);

/*
 * IEEE exceptions @flags of an operation without a rounded BFP result
 * (compares, conversions to fixed): traps on an enabled one (suppressing
 * for invalid, completing for inexact after the caller's update — so call
 * it after storing for inexact-only), otherwise sets the FPC flags.
 */
void uv_bfp_ieee(UvCpu *cpu, unsigned flags);

/* ---- operations the scalar and the vector instructions share ---- */

/* UvBfpOp.kind of uv_bfp_arith_compute(). */
enum {
    UV_BFP_OP_ADD, UV_BFP_OP_SUB, UV_BFP_OP_MUL, UV_BFP_OP_DIV,
    UV_BFP_OP_SQRT, UV_BFP_OP_MADD, UV_BFP_OP_MSUB,
};

/* UvBfpOp.compute of the arithmetic (gen-bfp.c): a op b, (a * b) +- c. */
unsigned uv_bfp_arith_compute(const UvBfpOp *op, unsigned mode, int scale,
                              UvU128 *res);

/*
 * The NaN operand that decides the result (PoP 9-5: the first SNaN, else
 * the first QNaN, in operand order @v[0..n)), as a QNaN of @out in *@res:
 * true if there is one, with UV_IEEE_INVALID in *@flags for an SNaN.
 */
bool uv_bfp_nan_pick(UvBfpFmt in, UvBfpFmt out, const UvU128 *v, unsigned n,
                     UvU128 *res, unsigned *flags);

/* UvBfpOp.compute of rounding @op->a (of @op->in) into @op->fmt
 * (gen-bfp-convert.c), with every rounding mode. */
unsigned uv_bfp_narrow_compute(const UvBfpOp *op, unsigned mode, int scale,
                               UvU128 *res);

/* @v (of @fmt) as _Float128, exactly. */
_Float128 uv_bfp_to_x(UvBfpFmt fmt, UvU128 v);

/*
 * @v rounded to an integral value of @fmt in @mode (resolved UV_RM_*):
 * the IEEE exceptions (invalid for an SNaN, inexact) returned, the result
 * (an SNaN made quiet) in *@res.
 */
unsigned uv_bfp_round_integral(UvBfpFmt fmt, UvU128 v, unsigned mode,
                               UvU128 *res);

/*
 * @v converted to a @bits-bit (@logical: unsigned) integer in @mode: the
 * IEEE exceptions returned (invalid for a NaN or out of range, then the
 * largest or smallest integer; inexact), the result in *@res.
 */
unsigned uv_bfp_to_fixed(UvBfpFmt fmt, UvU128 v, unsigned bits, bool logical,
                         unsigned mode, uint64_t *res);

/* TEST DATA CLASS's bit number (0 = rightmost of the 12) of @v's class. */
unsigned uv_bfp_data_class(UvBfpFmt fmt, UvU128 v);

/* Bit positions of the formats. */
static inline unsigned uv_bfp_width(UvBfpFmt fmt)
{
    return fmt == UV_BFP_E ? 32 : fmt == UV_BFP_D ? 64 : 128;
}

static inline unsigned uv_bfp_frac_bits(UvBfpFmt fmt)
{
    return fmt == UV_BFP_E ? 23 : fmt == UV_BFP_D ? 52 : 112;
}

#endif /* ACCEL_UVSIM_CPU_BFP_H */
