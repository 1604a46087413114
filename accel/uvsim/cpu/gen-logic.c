/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-logic.c - general instructions: AND, OR, EXCLUSIVE OR (register,
 * storage, immediate and storage-immediate forms), TEST UNDER MASK,
 * POPULATION COUNT and FIND LEFTMOST ONE; the miscellaneous-instruction-
 * extensions 3 (facility 61) forms AND/OR WITH COMPLEMENT, NAND, NOR and
 * NOT EXCLUSIVE OR.
 *
 * The bitwise operations set CC 0 for a zero result and CC 1 otherwise.
 */
#include "internal.h"

typedef enum {
    OP_AND, OP_OR, OP_XOR,
    OP_ANDC, OP_ORC, OP_NAND, OP_NOR, OP_NXOR,     /* facility 61 */
} BitOp;

static inline uint64_t bitop(BitOp op, uint64_t a, uint64_t b)
{
    switch (op) {
    case OP_AND:
        return a & b;
    case OP_OR:
        return a | b;
    case OP_XOR:
        return a ^ b;
    case OP_ANDC:
        return a & ~b;
    case OP_ORC:
        return a | ~b;
    case OP_NAND:
        return ~(a & b);
    case OP_NOR:
        return ~(a | b);
    default:
        return ~(a ^ b);
    }
}

static inline void bitop32(UvCpu *cpu, unsigned r1, BitOp op, uint32_t a,
                           uint32_t b)
{
    uint32_t v = bitop(op, a, b);

    uv_set_r32(cpu, r1, v);
    cpu->cc = v != 0;
}

static inline void bitop64(UvCpu *cpu, unsigned r1, BitOp op, uint64_t a,
                           uint64_t b)
{
    GR(r1) = bitop(op, a, b);
    cpu->cc = GR(r1) != 0;
}

/* One op in its RR, RRE, RRF (distinct operands), RX/RXY and RXY-64 forms. */
#define BITOP_FAMILY(rr, rre, rrk, rrgk, rx, rxg, OP)                      \
    UV_HANDLER(rr)   { bitop32(cpu, d->r1, OP, GR(d->r1), GR(d->r2)); }        \
    UV_HANDLER(rre)  { bitop64(cpu, d->r1, OP, GR(d->r1), GR(d->r2)); }        \
    UV_HANDLER(rrk)  { bitop32(cpu, d->r1, OP, GR(d->r2), GR(d->r3)); }        \
    UV_HANDLER(rrgk) { bitop64(cpu, d->r1, OP, GR(d->r2), GR(d->r3)); }        \
    UV_HANDLER(rx)                                                             \
    {                                                                          \
        bitop32(cpu, d->r1, OP, GR(d->r1), uv_ld32(cpu, uv_a2(cpu, d)));       \
    }                                                                          \
    UV_HANDLER(rxg)                                                            \
    {                                                                          \
        bitop64(cpu, d->r1, OP, GR(d->r1), uv_ld64(cpu, uv_a2(cpu, d)));       \
    }

BITOP_FAMILY(nr, ngr, nrk, ngrk, n, ng, OP_AND)
BITOP_FAMILY(or, ogr, ork, ogrk, o, og, OP_OR)
BITOP_FAMILY(xr, xgr, xrk, xgrk, x, xg, OP_XOR)

/*
 * Facility 61: distinct-operand forms only, R1 = R2 op R3 (the
 * complement forms complement the third operand).
 */
#define BITOP_RRF(rrk, rrgk, OP)                                               \
    UV_HANDLER(rrk)  { bitop32(cpu, d->r1, OP, GR(d->r2), GR(d->r3)); }        \
    UV_HANDLER(rrgk) { bitop64(cpu, d->r1, OP, GR(d->r2), GR(d->r3)); }

BITOP_RRF(ncrk, ncgrk, OP_ANDC)
BITOP_RRF(ocrk, ocgrk, OP_ORC)
BITOP_RRF(nnrk, nngrk, OP_NAND)
BITOP_RRF(nork, nogrk, OP_NOR)
BITOP_RRF(nxrk, nxgrk, OP_NXOR)

/*
 * Immediate forms act on one 16- or 32-bit field of GR r1; the CC looks
 * at that field only.  AND keeps the other bits by setting them in the
 * operand.
 */
static inline void bitop_imm(UvCpu *cpu, const UvInsn *d, BitOp op,
                             unsigned shift, unsigned bits)
{
    uint64_t field = ((1ULL << bits) - 1) << shift;
    uint64_t imm = ((uint64_t)d->imm << shift) & field;
    uint64_t v;

    if (op == OP_AND) {
        imm |= ~field;
    }
    v = bitop(op, GR(d->r1), imm);
    GR(d->r1) = v;
    cpu->cc = (v & field) != 0;
}

UV_HANDLER(nihh) { bitop_imm(cpu, d, OP_AND, 48, 16); }
UV_HANDLER(nihl) { bitop_imm(cpu, d, OP_AND, 32, 16); }
UV_HANDLER(nilh) { bitop_imm(cpu, d, OP_AND, 16, 16); }
UV_HANDLER(nill) { bitop_imm(cpu, d, OP_AND, 0, 16); }
UV_HANDLER(nihf) { bitop_imm(cpu, d, OP_AND, 32, 32); }
UV_HANDLER(nilf) { bitop_imm(cpu, d, OP_AND, 0, 32); }
UV_HANDLER(oihh) { bitop_imm(cpu, d, OP_OR, 48, 16); }
UV_HANDLER(oihl) { bitop_imm(cpu, d, OP_OR, 32, 16); }
UV_HANDLER(oilh) { bitop_imm(cpu, d, OP_OR, 16, 16); }
UV_HANDLER(oill) { bitop_imm(cpu, d, OP_OR, 0, 16); }
UV_HANDLER(oihf) { bitop_imm(cpu, d, OP_OR, 32, 32); }
UV_HANDLER(oilf) { bitop_imm(cpu, d, OP_OR, 0, 32); }
UV_HANDLER(xihf) { bitop_imm(cpu, d, OP_XOR, 32, 32); }
UV_HANDLER(xilf) { bitop_imm(cpu, d, OP_XOR, 0, 32); }

/* Storage-immediate: one byte read and written back. */
static inline void bitop_si(UvCpu *cpu, const UvInsn *d, BitOp op)
{
    uint64_t a = uv_a1(cpu, d);
    uint8_t *p = uv_translate(cpu, a, UVCPU_ACCESS_WRITE) +
                 (a & ~UVCPU_PAGE_MASK);

    *p = bitop(op, *p, (uint8_t)d->imm);
    cpu->cc = *p != 0;
}

UV_HANDLER(ni) { bitop_si(cpu, d, OP_AND); }
UV_HANDLER(oi) { bitop_si(cpu, d, OP_OR); }
UV_HANDLER(xi) { bitop_si(cpu, d, OP_XOR); }

/*
 * TEST UNDER MASK: CC 0 selected bits all zero (or mask zero), 3 all
 * one, else 1 if the leftmost selected bit is zero, 2 if it is one
 * (the TMxx forms); TM (storage) uses CC 1 for every mixed case.
 */
static uint32_t cc_test_mask(uint64_t val, uint64_t mask, bool mixed_by_msb)
{
    uint64_t sel = val & mask;

    if (sel == 0) {
        return 0;
    }
    if (sel == mask) {
        return 3;
    }
    if (!mixed_by_msb) {
        return 1;
    }
    return (sel & (1ULL << (63 - __builtin_clzll(mask)))) ? 2 : 1;
}

UV_HANDLER(tm)
{
    cpu->cc = cc_test_mask(uv_ld8(cpu, uv_a1(cpu, d)), (uint8_t)d->imm, false);
}

#define TM_HALF(name, shift)                                                  \
    UV_HANDLER(name)                                                          \
    {                                                                         \
        cpu->cc = cc_test_mask(GR(d->r1) >> (shift), (uint16_t)d->imm, true); \
    }

TM_HALF(tmhh, 48)
TM_HALF(tmhl, 32)
TM_HALF(tmlh, 16)
TM_HALF(tmll, 0)

/*
 * POPULATION COUNT: the one bits of each byte, byte by byte; with M3 bit
 * 0 and facility 61, the one bits of the whole register.  Without the
 * facility M3 is ignored.
 */
UV_HANDLER(popcnt)
{
    uint64_t v = GR(d->r2), out = 0;
    unsigned i;

    if ((d->m3 & 8) && uvcpu_has_facility(cpu, 61)) {
        GR(d->r1) = __builtin_popcountll(v);
        cpu->cc = v != 0;
        return;
    }
    for (i = 0; i < 8; i++) {
        out |= (uint64_t)__builtin_popcount((v >> (8 * i)) & 0xff) << (8 * i);
    }
    GR(d->r1) = out;
    cpu->cc = out != 0;
}

/*
 * FIND LEFTMOST ONE: r1 = bit number of the leftmost one (64 if none),
 * r1 + 1 = the operand with that bit cleared.
 */
UV_HANDLER(flogr)
{
    uint64_t v = GR(d->r2);

    uv_check_even(cpu, d->r1);
    if (v == 0) {
        GR(d->r1) = 64;
        GR(d->r1 + 1) = 0;
        cpu->cc = 0;
        return;
    }
    GR(d->r1) = __builtin_clzll(v);
    GR(d->r1 + 1) = v & ~(1ULL << (63 - GR(d->r1)));
    cpu->cc = 2;
}
