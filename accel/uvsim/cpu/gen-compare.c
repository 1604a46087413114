/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-compare.c - general instructions: COMPARE (signed) and COMPARE
 * LOGICAL in register, storage, immediate, relative-long and
 * storage-immediate forms, and COMPARE LOGICAL CHARACTERS UNDER MASK.
 *
 * CC 0 equal, 1 first operand low, 2 first operand high.
 */
#include "internal.h"

#define S32(v) ((int64_t)(int32_t)(v))
#define S16(v) ((int64_t)(int16_t)(v))
#define MEM(len) uv_ld(cpu, uv_a2(cpu, d), len)
#define REL(len) uv_ld(cpu, uv_rel(cpu, d), len)

/* Relative-long word and doubleword operands must be aligned. */
static uint64_t rel_aligned(UvCpu *cpu, const UvInsn *d, unsigned len)
{
    uint64_t a = uv_rel(cpu, d);

    if (a & (len - 1)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return uv_ld(cpu, a, len);
}

#define CMP_S(name, a, b) UV_HANDLER(name) { cpu->cc = uv_cc_cmp_s(a, b); }
#define CMP_U(name, a, b) UV_HANDLER(name) { cpu->cc = uv_cc_cmp_u(a, b); }

CMP_S(cr,    S32(GR(d->r1)), S32(GR(d->r2)))
CMP_S(cgr,   (int64_t)GR(d->r1), (int64_t)GR(d->r2))
CMP_S(cgfr,  (int64_t)GR(d->r1), S32(GR(d->r2)))
CMP_S(c,     S32(GR(d->r1)), S32(MEM(4)))
CMP_S(cg,    (int64_t)GR(d->r1), (int64_t)MEM(8))
CMP_S(cgf,   (int64_t)GR(d->r1), S32(MEM(4)))
CMP_S(ch,    S32(GR(d->r1)), S16(MEM(2)))
CMP_S(cgh,   (int64_t)GR(d->r1), S16(MEM(2)))
CMP_S(chi,   S32(GR(d->r1)), d->imm)
CMP_S(cghi,  (int64_t)GR(d->r1), d->imm)
CMP_S(crl,   S32(GR(d->r1)), S32(rel_aligned(cpu, d, 4)))
CMP_S(cgrl,  (int64_t)GR(d->r1), (int64_t)rel_aligned(cpu, d, 8))
CMP_S(cgfrl, (int64_t)GR(d->r1), S32(rel_aligned(cpu, d, 4)))
CMP_S(chrl,  S32(GR(d->r1)), S16(REL(2)))
CMP_S(cghrl, (int64_t)GR(d->r1), S16(REL(2)))
CMP_S(chsi,  S32(uv_ld32(cpu, uv_a1(cpu, d))), d->imm)
CMP_S(cghsi, (int64_t)uv_ld64(cpu, uv_a1(cpu, d)), d->imm)
CMP_S(chhsi, S16(uv_ld16(cpu, uv_a1(cpu, d))), d->imm)

CMP_U(clr,    (uint32_t)GR(d->r1), (uint32_t)GR(d->r2))
CMP_U(clgr,   GR(d->r1), GR(d->r2))
CMP_U(clgfr,  GR(d->r1), (uint32_t)GR(d->r2))
CMP_U(cl,     (uint32_t)GR(d->r1), MEM(4))
CMP_U(clg,    GR(d->r1), MEM(8))
CMP_U(clgf,   GR(d->r1), MEM(4))
CMP_U(clfi,   (uint32_t)GR(d->r1), (uint32_t)d->imm)
CMP_U(clgfi,  GR(d->r1), (uint32_t)d->imm)
CMP_U(clrl,   (uint32_t)GR(d->r1), rel_aligned(cpu, d, 4))
CMP_U(clgrl,  GR(d->r1), rel_aligned(cpu, d, 8))
CMP_U(clgfrl, GR(d->r1), rel_aligned(cpu, d, 4))
CMP_U(clhrl,  (uint32_t)GR(d->r1), REL(2))
CMP_U(clghrl, GR(d->r1), REL(2))
CMP_U(clfhsi, uv_ld32(cpu, uv_a1(cpu, d)), (uint16_t)d->imm)
CMP_U(clghsi, uv_ld64(cpu, uv_a1(cpu, d)), (uint16_t)d->imm)
CMP_U(clhhsi, uv_ld16(cpu, uv_a1(cpu, d)), (uint16_t)d->imm)
CMP_U(cli,    uv_ld8(cpu, uv_a1(cpu, d)), (uint8_t)d->imm)

/*
 * COMPARE LOGICAL CHARACTERS UNDER MASK: the bytes of the 32-bit field at
 * @shift that the mask selects, against consecutive storage bytes.
 */
static void clm_common(UvCpu *cpu, const UvInsn *d, unsigned shift)
{
    uint64_t a = uv_a2(cpu, d);
    unsigned i, k = 0;
    uint8_t rb, mb;

    cpu->cc = 0;
    for (i = 0; i < 4; i++) {
        if (!(d->m3 & (8 >> i))) {
            continue;
        }
        rb = GR(d->r1) >> (shift + 24 - 8 * i);
        mb = uv_ld8(cpu, uv_wrap(cpu, a + k++));
        if (rb != mb) {
            cpu->cc = rb < mb ? 1 : 2;
            return;
        }
    }
}

UV_HANDLER(clm)  { clm_common(cpu, d, 0); }
UV_HANDLER(clmh) { clm_common(cpu, d, 32); }
