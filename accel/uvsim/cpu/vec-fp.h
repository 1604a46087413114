/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vec-fp.h - what the vector floating-point files (gen-vec-fp.c,
 * gen-vec-fp-convert.c) share: BFP elements of a vector register, the
 * format and single-element controls, and the IEEE exception processing
 * of a vector instruction (PoP 24: the vector-processing exception).
 *
 * The element arithmetic is the scalar BFP's (bfp.h).  A vector
 * instruction differs in how it ends: an IEEE exception whose FPC mask
 * is on in any element suppresses the whole instruction with a
 * vector-processing exception (program interruption 0x1B) whose VXC names
 * the lowest such element and the exception; otherwise the flags of all
 * elements go into the FPC together.  No wrapped results, no DXC.
 */
#ifndef ACCEL_UVSIM_CPU_VEC_FP_H
#define ACCEL_UVSIM_CPU_VEC_FP_H

#include "vec.h"
#include "bfp.h"

/* Single-element control, bit 0 of the M field with the flags (0x8). */
#define UV_VFP_S            0x8
/* Inexact-suppression control (XxC), bit 1 of that field (0x4). */
#define UV_VFP_XXC          0x4

/* Format field values. */
#define UV_VFP_SHORT        2
#define UV_VFP_LONG         3
#define UV_VFP_EXT          4

/* One vector floating-point instruction in progress. */
typedef struct UvVfp {
    UvCpu *cpu;
    UvBfpFmt fmt;              /* of the elements the loop runs over */
    unsigned n;                /* their number: 1 with S or extended */
    unsigned masks;            /* the FPC's IEEE mask byte */
    unsigned flags;            /* IEEE exceptions of the elements so far */
} UvVfp;

/*
 * Starts an instruction on elements of format field @m_fmt (long; short
 * and extended with vector-enhancements 1 (135), extended only with
 * @single) and single-element control @single: a specification exception
 * for a reserved or unavailable format.
 */
void uv_vfp_begin(UvCpu *cpu, UvVfp *v, unsigned m_fmt, bool single);

/* The format field value @m_fmt as a BFP format (no checks). */
UvBfpFmt uv_vfp_fmt(unsigned m_fmt);

/*
 * Element @i raised IEEE exceptions @flags: the vector-processing
 * exception if the FPC enables one of them (nothing stored), otherwise
 * remembered for uv_vfp_end().
 */
void uv_vfp_note(UvVfp *v, unsigned i, unsigned flags);

/* Sets the FPC flags of all elements (after the result is stored). */
void uv_vfp_end(UvVfp *v);

/* The rounding mode of an M field (0: the FPC's, 1, 3-7): a
 * specification exception for 2 or above 7. */
unsigned uv_vfp_mode(UvCpu *cpu, unsigned m);

/* Element @i of format @fmt of @x (extended: the whole register). */
UvU128 uv_vfp_get(const UvVec *x, UvBfpFmt fmt, unsigned i);
void uv_vfp_set(UvVec *x, UvBfpFmt fmt, unsigned i, UvU128 v);

/* Raises a specification exception if @cond. */
static inline void uv_vfp_spec_if(UvCpu *cpu, bool cond)
{
    if (cond) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
}

#endif /* ACCEL_UVSIM_CPU_VEC_FP_H */
