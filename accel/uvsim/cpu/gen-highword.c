/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-highword.c - the high-word facility (part of facility 45): 32-bit
 * arithmetic, compares, loads and stores on bits 0-31 of a general
 * register ("H"), with the other operand a high word, a low word ("L"),
 * storage or an immediate; BRANCH RELATIVE ON COUNT HIGH; and RISBHG /
 * RISBLG, which rotate a 64-bit register into one half of R1.
 */
#include "internal.h"

static inline uint32_t hi(const UvCpu *cpu, unsigned r)
{
    return cpu->r.regs[r] >> 32;
}

static inline void set_hi(UvCpu *cpu, unsigned r, uint32_t v)
{
    cpu->r.regs[r] = ((uint64_t)v << 32) | (uint32_t)cpu->r.regs[r];
}

/* ---- arithmetic ---- */

/* Signed 32-bit add into the high word of @r1: CC and overflow. */
static void add_hi(UvCpu *cpu, unsigned r1, int32_t a, int32_t b)
{
    int64_t sum = (int64_t)a + b;

    set_hi(cpu, r1, (uint32_t)sum);
    if (sum != (int32_t)sum) {
        uv_fixpt_overflow(cpu);
    } else {
        cpu->cc = uv_cc_signed(sum);
    }
}

/* Logical 32-bit add (@b + @cin) into the high word: CC carry | nonzero. */
static void addl_hi(UvCpu *cpu, unsigned r1, uint32_t a, uint64_t b,
                    bool set_cc)
{
    uint64_t sum = (uint64_t)a + b;

    set_hi(cpu, r1, (uint32_t)sum);
    if (set_cc) {
        cpu->cc = ((sum >> 32) & 1 ? 2 : 0) | ((uint32_t)sum != 0);
    }
}

static void sub_hi(UvCpu *cpu, unsigned r1, int32_t a, int32_t b)
{
    int64_t diff = (int64_t)a - b;

    set_hi(cpu, r1, (uint32_t)diff);
    if (diff != (int32_t)diff) {
        uv_fixpt_overflow(cpu);
    } else {
        cpu->cc = uv_cc_signed(diff);
    }
}

UV_HANDLER(ahhhr)  { add_hi(cpu, d->r1, hi(cpu, d->r2), hi(cpu, d->r3)); }
UV_HANDLER(ahhlr)  { add_hi(cpu, d->r1, hi(cpu, d->r2), uv_r32(cpu, d->r3)); }
UV_HANDLER(aih)    { add_hi(cpu, d->r1, hi(cpu, d->r1), d->imm); }
UV_HANDLER(shhhr)  { sub_hi(cpu, d->r1, hi(cpu, d->r2), hi(cpu, d->r3)); }
UV_HANDLER(shhlr)  { sub_hi(cpu, d->r1, hi(cpu, d->r2), uv_r32(cpu, d->r3)); }

UV_HANDLER(alhhhr) { addl_hi(cpu, d->r1, hi(cpu, d->r2), hi(cpu, d->r3), true); }
UV_HANDLER(alhhlr) { addl_hi(cpu, d->r1, hi(cpu, d->r2), uv_r32(cpu, d->r3), true); }
/* A - B logically is A + ~B + 1. */
UV_HANDLER(slhhhr)
{
    addl_hi(cpu, d->r1, hi(cpu, d->r2), (uint64_t)(uint32_t)~hi(cpu, d->r3) + 1, true);
}
UV_HANDLER(slhhlr)
{
    addl_hi(cpu, d->r1, hi(cpu, d->r2), (uint64_t)(uint32_t)~uv_r32(cpu, d->r3) + 1, true);
}

/*
 * ADD LOGICAL WITH SIGNED IMMEDIATE HIGH: adding the immediate modulo
 * 2^32 gives a carry exactly when subtracting its magnitude would not
 * borrow, which is the CC the architecture defines for both signs.
 */
static void alsih_common(UvCpu *cpu, const UvInsn *d, bool set_cc)
{
    addl_hi(cpu, d->r1, hi(cpu, d->r1), (uint32_t)d->imm, set_cc);
}

UV_HANDLER(alsih)  { alsih_common(cpu, d, true); }
UV_HANDLER(alsihn) { alsih_common(cpu, d, false); }

/* ---- compares ---- */

static uint32_t hw_m32(UvCpu *cpu, const UvInsn *d)
{
    return uv_ld32(cpu, uv_a2(cpu, d));
}

UV_HANDLER(chhr) { cpu->cc = uv_cc_cmp_s((int32_t)hi(cpu, d->r1), (int32_t)hi(cpu, d->r2)); }
UV_HANDLER(chlr) { cpu->cc = uv_cc_cmp_s((int32_t)hi(cpu, d->r1), (int32_t)uv_r32(cpu, d->r2)); }
UV_HANDLER(chf)  { cpu->cc = uv_cc_cmp_s((int32_t)hi(cpu, d->r1), (int32_t)hw_m32(cpu, d)); }
UV_HANDLER(cih)  { cpu->cc = uv_cc_cmp_s((int32_t)hi(cpu, d->r1), (int32_t)d->imm); }
UV_HANDLER(clhhr) { cpu->cc = uv_cc_cmp_u(hi(cpu, d->r1), hi(cpu, d->r2)); }
UV_HANDLER(clhlr) { cpu->cc = uv_cc_cmp_u(hi(cpu, d->r1), uv_r32(cpu, d->r2)); }
UV_HANDLER(clhf)  { cpu->cc = uv_cc_cmp_u(hi(cpu, d->r1), hw_m32(cpu, d)); }
UV_HANDLER(clih)  { cpu->cc = uv_cc_cmp_u(hi(cpu, d->r1), (uint32_t)d->imm); }

/* ---- loads and stores ---- */

UV_HANDLER(lbh)  { set_hi(cpu, d->r1, (int8_t)uv_ld8(cpu, uv_a2(cpu, d))); }
UV_HANDLER(lhh)  { set_hi(cpu, d->r1, (int16_t)uv_ld16(cpu, uv_a2(cpu, d))); }
UV_HANDLER(lfh)  { set_hi(cpu, d->r1, hw_m32(cpu, d)); }
UV_HANDLER(llch) { set_hi(cpu, d->r1, uv_ld8(cpu, uv_a2(cpu, d))); }
UV_HANDLER(llhh) { set_hi(cpu, d->r1, uv_ld16(cpu, uv_a2(cpu, d))); }
UV_HANDLER(stch) { uv_st(cpu, uv_a2(cpu, d), hi(cpu, d->r1), 1); }
UV_HANDLER(sthh) { uv_st(cpu, uv_a2(cpu, d), hi(cpu, d->r1), 2); }
UV_HANDLER(stfh) { uv_st(cpu, uv_a2(cpu, d), hi(cpu, d->r1), 4); }

/* BRANCH RELATIVE ON COUNT HIGH: no CC, no overflow. */
UV_HANDLER(brcth)
{
    uint32_t v = hi(cpu, d->r1) - 1;

    set_hi(cpu, d->r1, v);
    if (v) {
        cpu->r.psw_addr = uv_rel(cpu, d);
    }
}

/*
 * ROTATE THEN INSERT SELECTED BITS HIGH / LOW: I3..I4 select bits of the
 * 32-bit half (bit numbers taken modulo 32, as RISBG's within bits 0-31
 * or 32-63); the other half of R1 is unchanged; the CC too.
 */
static void risbx(UvCpu *cpu, const UvInsn *d, bool high)
{
    unsigned start = d->i3 & 31, end = d->i4 & 31;
    uint32_t from_start = UINT32_MAX >> start, to_end = UINT32_MAX << (31 - end);
    uint32_t mask = start <= end ? from_start & to_end : from_start | to_end;
    unsigned rot = d->i5 & 63;
    uint64_t v = rot ? (GR(d->r2) << rot) | (GR(d->r2) >> (64 - rot)) : GR(d->r2);
    uint32_t part = high ? v >> 32 : (uint32_t)v;
    uint32_t old = high ? hi(cpu, d->r1) : uv_r32(cpu, d->r1);
    uint32_t res = ((d->i4 & 0x80) ? 0 : old & ~mask) | (part & mask);

    if (high) {
        set_hi(cpu, d->r1, res);
    } else {
        uv_set_r32(cpu, d->r1, res);
    }
}

UV_HANDLER(risbhg) { risbx(cpu, d, true); }
UV_HANDLER(risblg) { risbx(cpu, d, false); }

/* ---- load/store on condition, high word (facility 53) ---- */

UV_HANDLER(locfhr)
{
    if (uv_cc_match(cpu, d->m3)) {
        set_hi(cpu, d->r1, hi(cpu, d->r2));
    }
}

/* SELECT HIGH (facility 61): high halves, as SELR does low ones. */
UV_HANDLER(selfhr)
{
    set_hi(cpu, d->r1, hi(cpu, uv_cc_match(cpu, d->m4) ? d->r2 : d->r3));
}

/* The storage operand is not accessed when the condition is false. */
UV_HANDLER(locfh)
{
    if (uv_cc_match(cpu, d->m3)) {
        set_hi(cpu, d->r1, hw_m32(cpu, d));
    }
}

UV_HANDLER(stocfh)
{
    if (uv_cc_match(cpu, d->m3)) {
        uv_st(cpu, uv_a2(cpu, d), hi(cpu, d->r1), 4);
    }
}

UV_HANDLER(lochhi)
{
    if (uv_cc_match(cpu, d->m3)) {
        set_hi(cpu, d->r1, d->imm);
    }
}
