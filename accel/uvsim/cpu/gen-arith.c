/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-arith.c - general instructions: binary add and subtract (signed and
 * logical, with carry/borrow), multiply, divide, complement and absolute.
 *
 * Signed results: CC 0 zero, 1 negative, 2 positive, 3 overflow (with a
 * fixed-point-overflow interruption when the program mask enables it).
 * Logical results: CC bit 1 (value 2) is the carry, bit 0 (value 1) says
 * the result is nonzero; for subtraction "carry" means "no borrow".
 */
#include "internal.h"

/* ---- signed add / subtract ---- */

static void add32(UvCpu *cpu, unsigned r1, int32_t a, int32_t b)
{
    int32_t res;
    bool ovf = __builtin_add_overflow(a, b, &res);

    uv_set_r32(cpu, r1, res);
    cpu->cc = uv_cc_signed(res);
    if (ovf) {
        uv_fixpt_overflow(cpu);
    }
}

static void add64(UvCpu *cpu, unsigned r1, int64_t a, int64_t b)
{
    int64_t res;
    bool ovf = __builtin_add_overflow(a, b, &res);

    GR(r1) = res;
    cpu->cc = uv_cc_signed(res);
    if (ovf) {
        uv_fixpt_overflow(cpu);
    }
}

static void sub32(UvCpu *cpu, unsigned r1, int32_t a, int32_t b)
{
    int32_t res;
    bool ovf = __builtin_sub_overflow(a, b, &res);

    uv_set_r32(cpu, r1, res);
    cpu->cc = uv_cc_signed(res);
    if (ovf) {
        uv_fixpt_overflow(cpu);
    }
}

static void sub64(UvCpu *cpu, unsigned r1, int64_t a, int64_t b)
{
    int64_t res;
    bool ovf = __builtin_sub_overflow(a, b, &res);

    GR(r1) = res;
    cpu->cc = uv_cc_signed(res);
    if (ovf) {
        uv_fixpt_overflow(cpu);
    }
}

#define R32S(r) ((int32_t)GR(r))
#define M32(c, d) ((int32_t)uv_ld32(c, uv_a2(c, d)))
#define M64(c, d) ((int64_t)uv_ld64(c, uv_a2(c, d)))
#define M16(c, d) ((int16_t)uv_ld16(c, uv_a2(c, d)))

UV_HANDLER(ar)    { add32(cpu, d->r1, R32S(d->r1), R32S(d->r2)); }
UV_HANDLER(ark)   { add32(cpu, d->r1, R32S(d->r2), R32S(d->r3)); }
UV_HANDLER(a)     { add32(cpu, d->r1, R32S(d->r1), M32(cpu, d)); }
UV_HANDLER(ah)    { add32(cpu, d->r1, R32S(d->r1), M16(cpu, d)); }
UV_HANDLER(ahi)   { add32(cpu, d->r1, R32S(d->r1), d->imm); }
UV_HANDLER(ahik)  { add32(cpu, d->r1, R32S(d->r3), d->imm); }
UV_HANDLER(agr)   { add64(cpu, d->r1, GR(d->r1), GR(d->r2)); }
UV_HANDLER(agfr)  { add64(cpu, d->r1, GR(d->r1), R32S(d->r2)); }
UV_HANDLER(agrk)  { add64(cpu, d->r1, GR(d->r2), GR(d->r3)); }
UV_HANDLER(ag)    { add64(cpu, d->r1, GR(d->r1), M64(cpu, d)); }
UV_HANDLER(agf)   { add64(cpu, d->r1, GR(d->r1), M32(cpu, d)); }
UV_HANDLER(aghi)  { add64(cpu, d->r1, GR(d->r1), d->imm); }
UV_HANDLER(aghik) { add64(cpu, d->r1, GR(d->r3), d->imm); }
UV_HANDLER(sr)    { sub32(cpu, d->r1, R32S(d->r1), R32S(d->r2)); }
UV_HANDLER(srk)   { sub32(cpu, d->r1, R32S(d->r2), R32S(d->r3)); }
UV_HANDLER(s)     { sub32(cpu, d->r1, R32S(d->r1), M32(cpu, d)); }
UV_HANDLER(sh)    { sub32(cpu, d->r1, R32S(d->r1), M16(cpu, d)); }
UV_HANDLER(sgr)   { sub64(cpu, d->r1, GR(d->r1), GR(d->r2)); }
UV_HANDLER(sgfr)  { sub64(cpu, d->r1, GR(d->r1), R32S(d->r2)); }
UV_HANDLER(sgrk)  { sub64(cpu, d->r1, GR(d->r2), GR(d->r3)); }
UV_HANDLER(sg)    { sub64(cpu, d->r1, GR(d->r1), M64(cpu, d)); }
UV_HANDLER(sgf)   { sub64(cpu, d->r1, GR(d->r1), M32(cpu, d)); }

/* ADD IMMEDIATE to storage: the update is one interlocked-looking access. */
UV_HANDLER(asi)
{
    uint64_t a = uv_a1(cpu, d);
    int32_t res;
    bool ovf = __builtin_add_overflow((int32_t)uv_ld32(cpu, a),
                                      (int32_t)d->imm, &res);

    uv_st(cpu, a, (uint32_t)res, 4);
    cpu->cc = uv_cc_signed(res);
    if (ovf) {
        uv_fixpt_overflow(cpu);
    }
}

UV_HANDLER(agsi)
{
    uint64_t a = uv_a1(cpu, d);
    int64_t res;
    bool ovf = __builtin_add_overflow((int64_t)uv_ld64(cpu, a), d->imm, &res);

    uv_st(cpu, a, res, 8);
    cpu->cc = uv_cc_signed(res);
    if (ovf) {
        uv_fixpt_overflow(cpu);
    }
}

/* ---- logical add / subtract, with carry and borrow ---- */

/* a + b + carry_in, setting the logical CC; returns the 32-bit sum. */
static uint32_t addl32(UvCpu *cpu, uint32_t a, uint32_t b, unsigned cin)
{
    uint64_t sum = (uint64_t)a + b + cin;

    cpu->cc = ((sum >> 32) ? 2 : 0) | ((uint32_t)sum ? 1 : 0);
    return sum;
}

static uint64_t addl64(UvCpu *cpu, uint64_t a, uint64_t b, unsigned cin)
{
    uint64_t sum = a + b;
    bool carry = sum < a;

    carry |= (sum + cin) < sum;
    sum += cin;
    cpu->cc = (carry ? 2 : 0) | (sum ? 1 : 0);
    return sum;
}

/* a - b - borrow_in is a + ~b + (1 - borrow_in) in two's complement. */
#define subl32(c, a, b, bin) addl32(c, a, ~(uint32_t)(b), 1 - (bin))
#define subl64(c, a, b, bin) addl64(c, a, ~(uint64_t)(b), 1 - (bin))

/* The carry of ALC (CC 2/3), and the absence of borrow of SLB (CC 2/3). */
#define CARRY(c) ((c)->cc >> 1)
#define BORROW(c) (1 - ((c)->cc >> 1))

#define U32(r) ((uint32_t)GR(r))
#define UM32(c, d) uv_ld32(c, uv_a2(c, d))
#define UM64(c, d) uv_ld64(c, uv_a2(c, d))

UV_HANDLER(alr)    { uv_set_r32(cpu, d->r1, addl32(cpu, U32(d->r1), U32(d->r2), 0)); }
UV_HANDLER(alrk)   { uv_set_r32(cpu, d->r1, addl32(cpu, U32(d->r2), U32(d->r3), 0)); }
UV_HANDLER(al)     { uv_set_r32(cpu, d->r1, addl32(cpu, U32(d->r1), UM32(cpu, d), 0)); }
UV_HANDLER(alfi)   { uv_set_r32(cpu, d->r1, addl32(cpu, U32(d->r1), d->imm, 0)); }
UV_HANDLER(algr)   { GR(d->r1) = addl64(cpu, GR(d->r1), GR(d->r2), 0); }
UV_HANDLER(algfr)  { GR(d->r1) = addl64(cpu, GR(d->r1), U32(d->r2), 0); }
UV_HANDLER(algrk)  { GR(d->r1) = addl64(cpu, GR(d->r2), GR(d->r3), 0); }
UV_HANDLER(alg)    { GR(d->r1) = addl64(cpu, GR(d->r1), UM64(cpu, d), 0); }
UV_HANDLER(algf)   { GR(d->r1) = addl64(cpu, GR(d->r1), UM32(cpu, d), 0); }
UV_HANDLER(algfi)  { GR(d->r1) = addl64(cpu, GR(d->r1), (uint32_t)d->imm, 0); }
UV_HANDLER(alcr)   { uv_set_r32(cpu, d->r1, addl32(cpu, U32(d->r1), U32(d->r2), CARRY(cpu))); }
UV_HANDLER(alc)    { uv_set_r32(cpu, d->r1, addl32(cpu, U32(d->r1), UM32(cpu, d), CARRY(cpu))); }
UV_HANDLER(alcgr)  { GR(d->r1) = addl64(cpu, GR(d->r1), GR(d->r2), CARRY(cpu)); }
UV_HANDLER(alcg)   { GR(d->r1) = addl64(cpu, GR(d->r1), UM64(cpu, d), CARRY(cpu)); }
UV_HANDLER(slr)    { uv_set_r32(cpu, d->r1, subl32(cpu, U32(d->r1), U32(d->r2), 0)); }
UV_HANDLER(slrk)   { uv_set_r32(cpu, d->r1, subl32(cpu, U32(d->r2), U32(d->r3), 0)); }
UV_HANDLER(sl)     { uv_set_r32(cpu, d->r1, subl32(cpu, U32(d->r1), UM32(cpu, d), 0)); }
UV_HANDLER(slfi)   { uv_set_r32(cpu, d->r1, subl32(cpu, U32(d->r1), d->imm, 0)); }
UV_HANDLER(slgr)   { GR(d->r1) = subl64(cpu, GR(d->r1), GR(d->r2), 0); }
UV_HANDLER(slgfr)  { GR(d->r1) = subl64(cpu, GR(d->r1), U32(d->r2), 0); }
UV_HANDLER(slgrk)  { GR(d->r1) = subl64(cpu, GR(d->r2), GR(d->r3), 0); }
UV_HANDLER(slg)    { GR(d->r1) = subl64(cpu, GR(d->r1), UM64(cpu, d), 0); }
UV_HANDLER(slgf)   { GR(d->r1) = subl64(cpu, GR(d->r1), UM32(cpu, d), 0); }
UV_HANDLER(slgfi)  { GR(d->r1) = subl64(cpu, GR(d->r1), (uint32_t)d->imm, 0); }
UV_HANDLER(slbr)   { uv_set_r32(cpu, d->r1, subl32(cpu, U32(d->r1), U32(d->r2), BORROW(cpu))); }
UV_HANDLER(slb)    { uv_set_r32(cpu, d->r1, subl32(cpu, U32(d->r1), UM32(cpu, d), BORROW(cpu))); }
UV_HANDLER(slbgr)  { GR(d->r1) = subl64(cpu, GR(d->r1), GR(d->r2), BORROW(cpu)); }
UV_HANDLER(slbg)   { GR(d->r1) = subl64(cpu, GR(d->r1), UM64(cpu, d), BORROW(cpu)); }

/* The signed immediate of these adds is used as an unsigned number. */
UV_HANDLER(alhsik) { uv_set_r32(cpu, d->r1, addl32(cpu, U32(d->r3), d->imm, 0)); }
UV_HANDLER(alghsik) { GR(d->r1) = addl64(cpu, GR(d->r3), d->imm, 0); }

UV_HANDLER(alsi)
{
    uint64_t a = uv_a1(cpu, d);

    uv_st(cpu, a, addl32(cpu, uv_ld32(cpu, a), d->imm, 0), 4);
}

UV_HANDLER(algsi)
{
    uint64_t a = uv_a1(cpu, d);

    uv_st(cpu, a, addl64(cpu, uv_ld64(cpu, a), d->imm, 0), 8);
}

/* ---- multiply ---- */

/* MULTIPLY SINGLE: the low half of the product; no CC, no overflow. */
UV_HANDLER(msr)   { uv_set_r32(cpu, d->r1, U32(d->r1) * U32(d->r2)); }
UV_HANDLER(ms)    { uv_set_r32(cpu, d->r1, U32(d->r1) * UM32(cpu, d)); }
UV_HANDLER(mh)    { uv_set_r32(cpu, d->r1, U32(d->r1) * (uint32_t)M16(cpu, d)); }
UV_HANDLER(msfi)  { uv_set_r32(cpu, d->r1, U32(d->r1) * (uint32_t)d->imm); }
UV_HANDLER(msgr)  { GR(d->r1) *= GR(d->r2); }
UV_HANDLER(msgfr) { GR(d->r1) *= (int64_t)R32S(d->r2); }
UV_HANDLER(msg)   { GR(d->r1) *= UM64(cpu, d); }
UV_HANDLER(msgf)  { GR(d->r1) *= (int64_t)M32(cpu, d); }
UV_HANDLER(msgfi) { GR(d->r1) *= (uint64_t)d->imm; }

/* The multiplies with CC (misc.-instruction-extensions 2) do overflow. */
static void msc32(UvCpu *cpu, unsigned r1, int32_t a, int32_t b)
{
    int32_t res;
    bool ovf = __builtin_mul_overflow(a, b, &res);

    uv_set_r32(cpu, r1, res);
    cpu->cc = uv_cc_signed(res);
    if (ovf) {
        uv_fixpt_overflow(cpu);
    }
}

static void msc64(UvCpu *cpu, unsigned r1, int64_t a, int64_t b)
{
    int64_t res;
    bool ovf = __builtin_mul_overflow(a, b, &res);

    GR(r1) = res;
    cpu->cc = uv_cc_signed(res);
    if (ovf) {
        uv_fixpt_overflow(cpu);
    }
}

UV_HANDLER(msrkc)  { msc32(cpu, d->r1, R32S(d->r2), R32S(d->r3)); }
UV_HANDLER(msc)    { msc32(cpu, d->r1, R32S(d->r1), M32(cpu, d)); }
UV_HANDLER(msgrkc) { msc64(cpu, d->r1, GR(d->r2), GR(d->r3)); }
UV_HANDLER(msgc)   { msc64(cpu, d->r1, GR(d->r1), M64(cpu, d)); }

/* 32 x 32 -> 64 into the even/odd pair r1, r1 + 1 (multiplicand in r1 + 1). */
static void mul_pair32(UvCpu *cpu, unsigned r1, uint64_t product)
{
    uv_set_r32(cpu, r1, product >> 32);
    uv_set_r32(cpu, r1 + 1, product);
}

static void mul_pair64(UvCpu *cpu, unsigned r1, unsigned __int128 product)
{
    GR(r1) = product >> 64;
    GR(r1 + 1) = product;
}

/* The multiplicand is the odd register of the pair; r1 must be even. */
#define MUL_PAIR(name, pair, product)                 \
    UV_HANDLER(name)                                  \
    {                                                 \
        uv_check_even(cpu, d->r1);                    \
        pair(cpu, d->r1, product);                    \
    }

MUL_PAIR(mr,   mul_pair32, (int64_t)R32S(d->r1 + 1) * R32S(d->r2))
MUL_PAIR(m,    mul_pair32, (int64_t)R32S(d->r1 + 1) * M32(cpu, d))
MUL_PAIR(mlr,  mul_pair32, (uint64_t)U32(d->r1 + 1) * U32(d->r2))
MUL_PAIR(ml,   mul_pair32, (uint64_t)U32(d->r1 + 1) * UM32(cpu, d))
MUL_PAIR(mlgr, mul_pair64, (unsigned __int128)GR(d->r1 + 1) * GR(d->r2))
MUL_PAIR(mlg,  mul_pair64, (unsigned __int128)GR(d->r1 + 1) * UM64(cpu, d))
MUL_PAIR(mg,   mul_pair64, (__int128)(int64_t)GR(d->r1 + 1) * M64(cpu, d))
MUL_PAIR(mgrk, mul_pair64, (__int128)(int64_t)GR(d->r2) * (int64_t)GR(d->r3))

/* ---- divide: quotient in r1 + 1, remainder in r1 ---- */

static G_NORETURN void divide_exception(UvCpu *cpu)
{
    uv_program_exception(cpu, UVCPU_PGM_FIXPT_DIVIDE);
}

/* DIVIDE (32): the 64-bit dividend is the pair r1:r1+1. */
static void div32(UvCpu *cpu, unsigned r1, int32_t divisor)
{
    int64_t dividend = (int64_t)((GR(r1) << 32) | U32(r1 + 1));
    int64_t q;

    if (divisor == 0) {
        divide_exception(cpu);
    }
    if (dividend == INT64_MIN && divisor == -1) {
        divide_exception(cpu);
    }
    q = dividend / divisor;
    if (q != (int32_t)q) {
        divide_exception(cpu);
    }
    uv_set_r32(cpu, r1, dividend % divisor);
    uv_set_r32(cpu, r1 + 1, q);
}

static void divl32(UvCpu *cpu, unsigned r1, uint32_t divisor)
{
    uint64_t dividend = ((uint64_t)U32(r1) << 32) | U32(r1 + 1);

    if (divisor == 0 || dividend / divisor > UINT32_MAX) {
        divide_exception(cpu);
    }
    uv_set_r32(cpu, r1, dividend % divisor);
    uv_set_r32(cpu, r1 + 1, dividend / divisor);
}

static void divl64(UvCpu *cpu, unsigned r1, uint64_t divisor)
{
    unsigned __int128 dividend = ((unsigned __int128)GR(r1) << 64) | GR(r1 + 1);

    if (divisor == 0 || (dividend / divisor) >> 64) {
        divide_exception(cpu);
    }
    GR(r1) = dividend % divisor;
    GR(r1 + 1) = dividend / divisor;
}

/* DIVIDE SINGLE (64): the dividend is r1 + 1 alone. */
static void divs64(UvCpu *cpu, unsigned r1, int64_t divisor)
{
    int64_t dividend = GR(r1 + 1);

    if (divisor == 0 || (dividend == INT64_MIN && divisor == -1)) {
        divide_exception(cpu);
    }
    GR(r1) = dividend % divisor;
    GR(r1 + 1) = dividend / divisor;
}

/* r1 names an even/odd pair: checked before the divisor is read. */
#define DIVIDE(name, fn, divisor)                     \
    UV_HANDLER(name)                                  \
    {                                                 \
        uv_check_even(cpu, d->r1);                    \
        fn(cpu, d->r1, divisor);                      \
    }

DIVIDE(dr,    div32,  R32S(d->r2))
DIVIDE(d,     div32,  M32(cpu, d))
DIVIDE(dlr,   divl32, U32(d->r2))
DIVIDE(dl,    divl32, UM32(cpu, d))
DIVIDE(dlgr,  divl64, GR(d->r2))
DIVIDE(dlg,   divl64, UM64(cpu, d))
DIVIDE(dsgr,  divs64, GR(d->r2))
DIVIDE(dsg,   divs64, M64(cpu, d))
DIVIDE(dsgfr, divs64, R32S(d->r2))
DIVIDE(dsgf,  divs64, M32(cpu, d))

/* ---- complement, positive, negative ---- */

UV_HANDLER(lcr)   { sub32(cpu, d->r1, 0, R32S(d->r2)); }
UV_HANDLER(lcgr)  { sub64(cpu, d->r1, 0, GR(d->r2)); }
UV_HANDLER(lcgfr) { sub64(cpu, d->r1, 0, R32S(d->r2)); }

UV_HANDLER(lpr)
{
    int32_t v = R32S(d->r2);

    if (v < 0) {
        sub32(cpu, d->r1, 0, v);
    } else {
        uv_set_r32(cpu, d->r1, v);
        cpu->cc = uv_cc_signed(v);
    }
}

UV_HANDLER(lpgr)
{
    int64_t v = GR(d->r2);

    if (v < 0) {
        sub64(cpu, d->r1, 0, v);
    } else {
        GR(d->r1) = v;
        cpu->cc = uv_cc_signed(v);
    }
}

UV_HANDLER(lpgfr)
{
    int64_t v = R32S(d->r2);

    GR(d->r1) = v < 0 ? -v : v;
    cpu->cc = uv_cc_signed(GR(d->r1));
}

UV_HANDLER(lnr)
{
    int32_t v = R32S(d->r2);

    v = v > 0 ? -v : v;
    uv_set_r32(cpu, d->r1, v);
    cpu->cc = uv_cc_signed(v);
}

UV_HANDLER(lngr)
{
    int64_t v = GR(d->r2);

    GR(d->r1) = v > 0 ? -v : v;
    cpu->cc = uv_cc_signed(GR(d->r1));
}

UV_HANDLER(lngfr)
{
    int64_t v = R32S(d->r2);

    GR(d->r1) = v > 0 ? -v : v;
    cpu->cc = uv_cc_signed(GR(d->r1));
}

/* ---- halfword operands, 64-bit (facility 58) ---- */

UV_HANDLER(agh) { add64(cpu, d->r1, GR(d->r1), M16(cpu, d)); }
UV_HANDLER(sgh) { sub64(cpu, d->r1, GR(d->r1), M16(cpu, d)); }
UV_HANDLER(mgh) { GR(d->r1) *= (uint64_t)(int64_t)M16(cpu, d); }
