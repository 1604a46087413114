/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-decimal.c - the decimal instructions on packed-decimal storage
 * operands: ZAP, AP, SP, CP, MP, DP, SRP, TP, and the conversions CVB,
 * CVBY, CVBG, CVD, CVDY, CVDG.  The format conversions (PACK, UNPK,
 * MVO, PKA, PKU, UNPKA, UNPKU) and editing (ED, EDMK) are in
 * gen-decimal-fmt.c.
 *
 * A packed operand of up to 16 bytes holds at most 31 digits, < 10^31 <
 * 2^104, so values are computed as 128-bit integers.  Invalid digits or
 * signs are a data exception (DXC 0) before anything is stored.
 */
#include "internal.h"

typedef unsigned __int128 uv_u128;

/* A packed-decimal value: its magnitude and sign. */
typedef struct UvPacked {
    uv_u128 mag;
    bool neg;
} UvPacked;

/* ---- packed values ---- */

/* Reads the @len-byte packed number at @p; false if a digit or the sign is invalid. */
static bool packed_get(const uint8_t *p, unsigned len, UvPacked *v)
{
    unsigned i, sign = p[len - 1] & 0xf;
    bool ok = sign >= 0xa;
    uint8_t hi, lo;

    v->mag = 0;
    for (i = 0; i < len; i++) {
        hi = p[i] >> 4;
        lo = p[i] & 0xf;
        ok &= hi <= 9;
        v->mag = v->mag * 10 + (hi <= 9 ? hi : 0);
        if (i < len - 1) {
            ok &= lo <= 9;
            v->mag = v->mag * 10 + (lo <= 9 ? lo : 0);
        }
    }
    v->neg = sign == 0xb || sign == 0xd;
    return ok;
}

/* 10^@n for n <= 38. */
static uv_u128 pow10_128(unsigned n)
{
    uv_u128 r = 1;

    while (n--) {
        r *= 10;
    }
    return r;
}

/* Writes @mag (its rightmost 2 * @len - 1 digits) and the preferred sign. */
static void packed_put(uint8_t *p, unsigned len, uv_u128 mag, bool neg)
{
    unsigned digits = 2 * len - 1, i;
    unsigned d;

    p[len - 1] = neg ? 0xd : 0xc;
    for (i = 0; i < digits; i++) {
        d = mag % 10;
        mag /= 10;
        /* digit i (from the right) is the high nibble of byte len-1-(i+1)/2 */
        if (i % 2 == 0) {
            p[len - 1 - i / 2] |= d << 4;
        } else {
            p[len - 1 - (i + 1) / 2] = d;
        }
    }
}

/* ---- operand access ---- */

/* Fetches the packed operand at @a, @len bytes; data exception if invalid. */
static void fetch_packed(UvCpu *cpu, uint64_t a, unsigned len, UvPacked *v)
{
    uint8_t buf[16];
    unsigned i;

    for (i = 0; i < len; i++) {
        buf[i] = uv_ld8(cpu, uv_wrap(cpu, a + i));
    }
    if (!packed_get(buf, len, v)) {
        uv_data_exception(cpu, 0);
    }
}

/* Stores the @len-byte operand @buf at @a (translated first). */
static void store_bytes(UvCpu *cpu, uint64_t a, const uint8_t *buf,
                        unsigned len)
{
    UvSpan s;
    unsigned i;

    uv_span(cpu, &s, a, len, UVCPU_ACCESS_WRITE);
    for (i = 0; i < len; i++) {
        *uv_span_ptr(&s, i) = buf[i];
    }
}

/*
 * Stores a decimal result: CC 0 zero, 1 negative, 2 positive, 3 overflow
 * (the truncated result, and the interruption if the PSW's decimal-
 * overflow mask is on).  A zero result is positive unless it overflowed.
 */
static void store_result(UvCpu *cpu, uint64_t a, unsigned len, uv_u128 mag,
                         bool neg)
{
    uint8_t buf[16];
    uv_u128 lim = pow10_128(2 * len - 1);
    bool ovf = mag >= lim;

    if (mag % lim == 0 && !ovf) {
        neg = false;
    }
    packed_put(buf, len, mag % lim, neg);
    store_bytes(cpu, a, buf, len);
    if (ovf) {
        cpu->cc = 3;
        if (cpu->r.psw_mask & UV_PSW_MASK_DO) {
            uv_program_exception(cpu, UVCPU_PGM_DEC_OVERFLOW);
        }
        return;
    }
    cpu->cc = mag == 0 ? 0 : neg ? 1 : 2;
}

#define L1(d) ((d)->len + 1u)
#define L2(d) ((d)->len2 + 1u)

UV_HANDLER(zap)
{
    UvPacked b;

    fetch_packed(cpu, uv_a2(cpu, d), L2(d), &b);
    store_result(cpu, uv_a1(cpu, d), L1(d), b.mag, b.neg);
}

/* a + (b, negated for SP) with signs. */
static void add_sub(UvCpu *cpu, const UvInsn *d, bool sub)
{
    UvPacked a, b;
    bool bneg;

    fetch_packed(cpu, uv_a2(cpu, d), L2(d), &b);
    fetch_packed(cpu, uv_a1(cpu, d), L1(d), &a);
    bneg = b.neg != sub;
    if (a.neg == bneg) {
        store_result(cpu, uv_a1(cpu, d), L1(d), a.mag + b.mag, a.neg);
    } else if (a.mag >= b.mag) {
        store_result(cpu, uv_a1(cpu, d), L1(d), a.mag - b.mag, a.neg);
    } else {
        store_result(cpu, uv_a1(cpu, d), L1(d), b.mag - a.mag, bneg);
    }
}

UV_HANDLER(ap) { add_sub(cpu, d, false); }
UV_HANDLER(sp) { add_sub(cpu, d, true); }

/* COMPARE DECIMAL: +0 equals -0. */
UV_HANDLER(cp)
{
    UvPacked a, b;
    __int128 x, y;

    fetch_packed(cpu, uv_a1(cpu, d), L1(d), &a);
    fetch_packed(cpu, uv_a2(cpu, d), L2(d), &b);
    x = a.neg ? -(__int128)a.mag : (__int128)a.mag;
    y = b.neg ? -(__int128)b.mag : (__int128)b.mag;
    cpu->cc = x == y ? 0 : x < y ? 1 : 2;
}

/*
 * MP and DP: the second operand at most 8 bytes and shorter than the
 * first, else a specification exception.
 */
static void check_mul_div_lengths(UvCpu *cpu, const UvInsn *d)
{
    if (L2(d) > 8 || L2(d) >= L1(d)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
}

/*
 * MULTIPLY DECIMAL: the multiplicand needs as many leftmost zero bytes as
 * the multiplier has bytes (data exception otherwise); the product's sign
 * follows algebra, also for a zero product.
 */
UV_HANDLER(mp)
{
    UvPacked a, b;
    uint8_t buf[16];

    check_mul_div_lengths(cpu, d);
    fetch_packed(cpu, uv_a2(cpu, d), L2(d), &b);
    fetch_packed(cpu, uv_a1(cpu, d), L1(d), &a);
    if (a.mag >= pow10_128(2 * (L1(d) - L2(d)) - 1)) {
        uv_data_exception(cpu, 0);
    }
    packed_put(buf, L1(d), a.mag * b.mag, a.neg != b.neg);
    store_bytes(cpu, uv_a1(cpu, d), buf, L1(d));
}

/*
 * DIVIDE DECIMAL: quotient in the leftmost L1 - L2 bytes, remainder (the
 * dividend's sign) in the rightmost L2; a zero divisor or a quotient that
 * does not fit is a decimal-divide exception, storage unchanged.
 */
UV_HANDLER(dp)
{
    unsigned lq = L1(d) - L2(d);
    UvPacked a, b;
    uint8_t buf[16];
    uv_u128 q;

    check_mul_div_lengths(cpu, d);
    fetch_packed(cpu, uv_a2(cpu, d), L2(d), &b);
    fetch_packed(cpu, uv_a1(cpu, d), L1(d), &a);
    if (b.mag == 0) {
        uv_program_exception(cpu, UVCPU_PGM_DEC_DIVIDE);
    }
    q = a.mag / b.mag;
    if (q >= pow10_128(2 * lq - 1)) {
        uv_program_exception(cpu, UVCPU_PGM_DEC_DIVIDE);
    }
    packed_put(buf, lq, q, a.neg != b.neg);
    packed_put(buf + lq, L2(d), a.mag % b.mag, a.neg);
    store_bytes(cpu, uv_a1(cpu, d), buf, L1(d));
}

/*
 * SHIFT AND ROUND DECIMAL: bits 58-63 of the second-operand address are
 * a signed shift (left if positive); a right shift adds the rounding
 * digit I3 to the last digit shifted out.
 */
UV_HANDLER(srp)
{
    int shift = (int)(uv_a2(cpu, d) & 0x3f);
    unsigned digits = 2 * L1(d) - 1;
    UvPacked a;
    uv_u128 keep, m;

    fetch_packed(cpu, uv_a1(cpu, d), L1(d), &a);
    if (shift >= 32) {
        shift -= 64;
    }
    if (shift < 0) {
        m = a.mag / pow10_128(-shift - 1);
        store_result(cpu, uv_a1(cpu, d), L1(d), (m + d->i3) / 10, a.neg);
        return;
    }
    /*
     * Nonzero digits shifted out on the left are an overflow:
     * store_result() sees it as a magnitude of 10^digits or more.
     */
    if ((unsigned)shift >= digits) {
        m = a.mag ? pow10_128(digits) : 0;
    } else {
        keep = pow10_128(digits - shift);
        m = (a.mag % keep) * pow10_128(shift) +
            (a.mag >= keep ? pow10_128(digits) : 0);
    }
    store_result(cpu, uv_a1(cpu, d), L1(d), m, a.neg);
}

/* TEST DECIMAL: CC 0 valid, 1 bad sign, 2 bad digit, 3 both. */
UV_HANDLER(tp)
{
    uint8_t b;
    unsigned i, len = L1(d), cc = 0;

    for (i = 0; i < len; i++) {
        b = uv_ld8(cpu, uv_wrap(cpu, uv_a1(cpu, d) + i));
        if ((b >> 4) > 9 || (i < len - 1 && (b & 0xf) > 9)) {
            cc |= 2;
        }
        if (i == len - 1 && (b & 0xf) < 0xa) {
            cc |= 1;
        }
    }
    cpu->cc = cc;
}

/* ---- CONVERT TO BINARY / TO DECIMAL ---- */

/* The signed value of the @len-byte packed operand at the second address. */
static __int128 cvb_value(UvCpu *cpu, const UvInsn *d, unsigned len)
{
    UvPacked v;

    fetch_packed(cpu, uv_a2(cpu, d), len, &v);
    return v.neg ? -(__int128)v.mag : (__int128)v.mag;
}

/* A result out of range: the low bits stored, then fixed-point divide. */
UV_HANDLER(cvb)
{
    __int128 v = cvb_value(cpu, d, 8);

    uv_set_r32(cpu, d->r1, (uint32_t)v);
    if (v != (int32_t)v) {
        uv_program_exception(cpu, UVCPU_PGM_FIXPT_DIVIDE);
    }
}

UV_HANDLER(cvbg)
{
    __int128 v = cvb_value(cpu, d, 16);

    GR(d->r1) = (uint64_t)v;
    if (v != (int64_t)v) {
        uv_program_exception(cpu, UVCPU_PGM_FIXPT_DIVIDE);
    }
}

static void cvd_common(UvCpu *cpu, const UvInsn *d, int64_t v, unsigned len)
{
    uint8_t buf[16];
    uv_u128 mag = v < 0 ? -(uv_u128)v : (uv_u128)v;

    packed_put(buf, len, mag, v < 0);
    store_bytes(cpu, uv_a2(cpu, d), buf, len);
}

UV_HANDLER(cvd)  { cvd_common(cpu, d, (int32_t)GR(d->r1), 8); }
UV_HANDLER(cvdg) { cvd_common(cpu, d, (int64_t)GR(d->r1), 16); }
