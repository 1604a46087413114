/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-shift.c - general instructions: single and double shifts (logical
 * and arithmetic), rotates, and the rotate-then-<op>-selected-bits family
 * (RISBG, RISBGN, RNSBG, ROSBG, RXSBG).
 *
 * The shift amount is bits 58-63 of the second-operand address D2(B2).
 */
#include "internal.h"

static inline unsigned shift_amount(const UvCpu *cpu, const UvInsn *d)
{
    return uv_a2(cpu, d) & 63;
}

static inline uint64_t rotl64(uint64_t v, unsigned n)
{
    return n ? (v << n) | (v >> (64 - n)) : v;
}

static inline uint32_t rotl32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v << n) | (v >> (32 - n)) : v;
}

/*
 * SHIFT LEFT (SINGLE/DOUBLE) arithmetic of a @width-bit value: the sign
 * stays, the numeric bits move left, and an overflow is any bit unlike
 * the sign shifted out of the leftmost numeric position (including the
 * zeros that follow the numeric bits out when @n >= @width).
 */
static uint64_t shift_left_arith(UvCpu *cpu, uint64_t v, unsigned n,
                                 unsigned width)
{
    uint64_t numeric = (width == 64 ? UINT64_MAX : (1ULL << width) - 1) >> 1;
    uint64_t sign = (v >> (width - 1)) & 1;
    unsigned k = MIN(n, width - 1);
    uint64_t out, ones;
    uint64_t res;
    bool ovf = false;

    if (k) {
        ones = (1ULL << k) - 1;
        out = (v >> (width - 1 - k)) & ones;
        ovf = out != (sign ? ones : 0);
    }
    ovf |= n > width - 1 && sign;
    res = (sign << (width - 1)) | ((v << k) & numeric);
    cpu->cc = ovf ? 3 : width == 64 ? uv_cc_signed(res)
                                    : uv_cc_signed((int32_t)res);
    return res;
}

static void finish_arith_overflow(UvCpu *cpu)
{
    if (cpu->cc == 3) {
        uv_fixpt_overflow(cpu);
    }
}

/* ---- single, 32 bit (r1 = r1 op n) and distinct-operand (r1 = r3 op n) ---- */

UV_HANDLER(sll)  { uv_set_r32(cpu, d->r1, (uint64_t)(uint32_t)GR(d->r1) << shift_amount(cpu, d)); }
UV_HANDLER(srl)  { uv_set_r32(cpu, d->r1, (uint64_t)(uint32_t)GR(d->r1) >> shift_amount(cpu, d)); }
UV_HANDLER(sllk) { uv_set_r32(cpu, d->r1, (uint64_t)(uint32_t)GR(d->r3) << shift_amount(cpu, d)); }
UV_HANDLER(srlk) { uv_set_r32(cpu, d->r1, (uint64_t)(uint32_t)GR(d->r3) >> shift_amount(cpu, d)); }

static void sra32(UvCpu *cpu, unsigned r1, int32_t v, unsigned n)
{
    v >>= MIN(n, 31u);
    uv_set_r32(cpu, r1, v);
    cpu->cc = uv_cc_signed(v);
}

UV_HANDLER(sra)  { sra32(cpu, d->r1, GR(d->r1), shift_amount(cpu, d)); }
UV_HANDLER(srak) { sra32(cpu, d->r1, GR(d->r3), shift_amount(cpu, d)); }

static void sla32(UvCpu *cpu, unsigned r1, uint32_t v, unsigned n)
{
    uv_set_r32(cpu, r1, shift_left_arith(cpu, v, n, 32));
    finish_arith_overflow(cpu);
}

UV_HANDLER(sla)  { sla32(cpu, d->r1, GR(d->r1), shift_amount(cpu, d)); }
UV_HANDLER(slak) { sla32(cpu, d->r1, GR(d->r3), shift_amount(cpu, d)); }

/* ---- single, 64 bit: r1 = r3 op n ---- */

UV_HANDLER(sllg) { GR(d->r1) = GR(d->r3) << shift_amount(cpu, d); }
UV_HANDLER(srlg) { GR(d->r1) = GR(d->r3) >> shift_amount(cpu, d); }

UV_HANDLER(srag)
{
    GR(d->r1) = (int64_t)GR(d->r3) >> shift_amount(cpu, d);
    cpu->cc = uv_cc_signed(GR(d->r1));
}

UV_HANDLER(slag)
{
    GR(d->r1) = shift_left_arith(cpu, GR(d->r3), shift_amount(cpu, d), 64);
    finish_arith_overflow(cpu);
}

/* ---- double: the even/odd pair r1, r1 + 1 as one 64-bit value ---- */

static uint64_t pair_get(UvCpu *cpu, unsigned r1)
{
    uv_check_even(cpu, r1);
    return (GR(r1) << 32) | (uint32_t)GR(r1 + 1);
}

static void pair_set(UvCpu *cpu, unsigned r1, uint64_t v)
{
    uv_set_r32(cpu, r1, v >> 32);
    uv_set_r32(cpu, r1 + 1, v);
}

UV_HANDLER(sldl) { pair_set(cpu, d->r1, pair_get(cpu, d->r1) << shift_amount(cpu, d)); }
UV_HANDLER(srdl) { pair_set(cpu, d->r1, pair_get(cpu, d->r1) >> shift_amount(cpu, d)); }

UV_HANDLER(srda)
{
    int64_t v = (int64_t)pair_get(cpu, d->r1) >> shift_amount(cpu, d);

    pair_set(cpu, d->r1, v);
    cpu->cc = uv_cc_signed(v);
}

UV_HANDLER(slda)
{
    uint64_t v = pair_get(cpu, d->r1);

    pair_set(cpu, d->r1, shift_left_arith(cpu, v, shift_amount(cpu, d), 64));
    finish_arith_overflow(cpu);
}

/* ---- rotates ---- */

UV_HANDLER(rll)  { uv_set_r32(cpu, d->r1, rotl32(GR(d->r3), shift_amount(cpu, d))); }
UV_HANDLER(rllg) { GR(d->r1) = rotl64(GR(d->r3), shift_amount(cpu, d)); }

/* ---- rotate then <op> selected bits ---- */

/* Bits I3..I4 (bit 0 leftmost), wrapping around when I3 > I4. */
static uint64_t selected_bits(const UvInsn *d)
{
    unsigned start = d->i3 & 63, end = d->i4 & 63;
    uint64_t from_start = UINT64_MAX >> start;
    uint64_t to_end = UINT64_MAX << (63 - end);

    return start <= end ? from_start & to_end : from_start | to_end;
}

/* I4 bit 0: zero the unselected bits; RISBG sets a signed CC, RISBGN none. */
static void risbg_common(UvCpu *cpu, const UvInsn *d, bool set_cc)
{
    uint64_t mask = selected_bits(d);
    uint64_t rot = rotl64(GR(d->r2), d->i5 & 63);
    uint64_t keep = (d->i4 & 0x80) ? 0 : GR(d->r1) & ~mask;

    GR(d->r1) = keep | (rot & mask);
    if (set_cc) {
        cpu->cc = uv_cc_signed(GR(d->r1));
    }
}

UV_HANDLER(risbg)  { risbg_common(cpu, d, true); }
UV_HANDLER(risbgn) { risbg_common(cpu, d, false); }

typedef enum { SB_AND, SB_OR, SB_XOR } SelOp;

/* I3 bit 0: test only.  CC 0 when the selected result bits are all zero. */
static void rsbg_common(UvCpu *cpu, const UvInsn *d, SelOp op)
{
    uint64_t mask = selected_bits(d);
    uint64_t rot = rotl64(GR(d->r2), d->i5 & 63);
    uint64_t r1 = GR(d->r1);
    uint64_t res = op == SB_AND ? r1 & rot : op == SB_OR ? r1 | rot : r1 ^ rot;

    res &= mask;
    cpu->cc = res != 0;
    if (!(d->i3 & 0x80)) {
        GR(d->r1) = (r1 & ~mask) | res;
    }
}

UV_HANDLER(rnsbg) { rsbg_common(cpu, d, SB_AND); }
UV_HANDLER(rosbg) { rsbg_common(cpu, d, SB_OR); }
UV_HANDLER(rxsbg) { rsbg_common(cpu, d, SB_XOR); }
