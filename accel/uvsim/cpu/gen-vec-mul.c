/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-vec-mul.c - vector facility (129): multiply and multiply-and-add
 * (low, high, even, odd), Galois-field multiply sums, sums across
 * elements and the checksum; VMSL (vector-enhancements 1).
 */
#include "vec.h"

static int64_t sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

/* Which part of the product a multiply keeps. */
typedef enum { MUL_LOW, MUL_HIGH, MUL_EVEN, MUL_ODD } MulPart;

/*
 * The product of elements @a and @b of @bits bits (at most 32) plus @c,
 * as a signed or unsigned value of 2 * @bits bits (only the low 2 * @bits
 * bits of the result are meaningful; 64-bit arithmetic suffices).
 */
static uint64_t mul_add(uint64_t a, uint64_t b, uint64_t c, unsigned bits,
                        bool sign, unsigned cbits)
{
    if (sign) {
        /* Unsigned arithmetic: the same bits without signed overflow. */
        return (uint64_t)sext(a, bits) * (uint64_t)sext(b, bits) +
               (uint64_t)sext(c, cbits);
    }
    return a * b + c;
}

/*
 * Every multiply and multiply-and-add of 129: V1 = V2 * V3 (+ V4 when
 * @acc), element size M (0-2), keeping @part, signed or not.
 */
static void multiply(UvCpu *cpu, const UvInsn *d, unsigned es, MulPart part,
                     bool sign, bool acc)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), x = { { 0, 0 } };
    UvVec c = acc ? uv_vr(cpu, d->r4) : x;
    unsigned bits, n, i, k;
    uint64_t p;

    uv_vec_check_es(cpu, es, UV_ES_F);
    bits = 8 << es;
    n = uv_vec_nelem(es);
    if (part == MUL_LOW || part == MUL_HIGH) {
        for (i = 0; i < n; i++) {
            p = mul_add(uv_vec_get(&a, es, i), uv_vec_get(&b, es, i),
                        uv_vec_get(&c, es, i), bits, sign, bits);
            uv_vec_set(&x, es, i, part == MUL_HIGH ? p >> bits : p);
        }
    } else {
        /* Even or odd elements, double-width results (and addends). */
        for (i = 0; i < n / 2; i++) {
            k = 2 * i + (part == MUL_ODD);
            p = mul_add(uv_vec_get(&a, es, k), uv_vec_get(&b, es, k),
                        uv_vec_get(&c, es + 1, i), bits, sign, 2 * bits);
            uv_vec_set(&x, es + 1, i, p);
        }
    }
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vml)   { multiply(cpu, d, d->m4, MUL_LOW, false, false); }
UV_HANDLER(vmh)   { multiply(cpu, d, d->m4, MUL_HIGH, true, false); }
UV_HANDLER(vmlh)  { multiply(cpu, d, d->m4, MUL_HIGH, false, false); }
UV_HANDLER(vme)   { multiply(cpu, d, d->m4, MUL_EVEN, true, false); }
UV_HANDLER(vmle)  { multiply(cpu, d, d->m4, MUL_EVEN, false, false); }
UV_HANDLER(vmo)   { multiply(cpu, d, d->m4, MUL_ODD, true, false); }
UV_HANDLER(vmlo)  { multiply(cpu, d, d->m4, MUL_ODD, false, false); }
UV_HANDLER(vmal)  { multiply(cpu, d, d->m5, MUL_LOW, false, true); }
UV_HANDLER(vmah)  { multiply(cpu, d, d->m5, MUL_HIGH, true, true); }
UV_HANDLER(vmalh) { multiply(cpu, d, d->m5, MUL_HIGH, false, true); }
UV_HANDLER(vmae)  { multiply(cpu, d, d->m5, MUL_EVEN, true, true); }
UV_HANDLER(vmale) { multiply(cpu, d, d->m5, MUL_EVEN, false, true); }
UV_HANDLER(vmao)  { multiply(cpu, d, d->m5, MUL_ODD, true, true); }
UV_HANDLER(vmalo) { multiply(cpu, d, d->m5, MUL_ODD, false, true); }

/* Carry-less product of two 64-bit values, 128 bits. */
static unsigned __int128 clmul(uint64_t a, uint64_t b)
{
    unsigned __int128 r = 0;
    unsigned i;

    for (i = 0; i < 64; i++) {
        if ((b >> i) & 1) {
            r ^= (unsigned __int128)a << i;
        }
    }
    return r;
}

/*
 * VGFM/VGFMA: for each pair of elements, the XOR of their two carry-less
 * products, double width (XORed with V4's double-width element).
 */
static void gfm(UvCpu *cpu, const UvInsn *d, unsigned es, bool acc)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), x = { { 0, 0 } };
    UvVec c = acc ? uv_vr(cpu, d->r4) : x;
    unsigned __int128 p;
    unsigned i;

    uv_vec_check_es(cpu, es, UV_ES_G);
    if (es == UV_ES_G) {
        p = clmul(a.d[0], b.d[0]) ^ clmul(a.d[1], b.d[1]) ^ uv_vec_u128(&c);
        uv_set_vr(cpu, d->r1, uv_vec_from_u128(p));
        return;
    }
    for (i = 0; i < uv_vec_nelem(es) / 2; i++) {
        p = clmul(uv_vec_get(&a, es, 2 * i), uv_vec_get(&b, es, 2 * i)) ^
            clmul(uv_vec_get(&a, es, 2 * i + 1), uv_vec_get(&b, es, 2 * i + 1));
        uv_vec_set(&x, es + 1, i, (uint64_t)p ^ uv_vec_get(&c, es + 1, i));
    }
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vgfm)  { gfm(cpu, d, d->m4, false); }
UV_HANDLER(vgfma) { gfm(cpu, d, d->m5, true); }

/*
 * VSUM, VSUMG, VSUMQ: each result element of size @res_es is the sum of
 * the elements of size @es of V2 it covers plus the rightmost element of
 * size @es of V3 in it.
 */
static void sum_across(UvCpu *cpu, const UvInsn *d, unsigned es,
                       unsigned res_es)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), x = { { 0, 0 } };
    unsigned per = 1 << (res_es - es), i, k;
    unsigned __int128 s;

    for (i = 0; i < (16u >> res_es); i++) {
        s = uv_vec_get(&b, es, i * per + per - 1);
        for (k = 0; k < per; k++) {
            s += uv_vec_get(&a, es, i * per + k);
        }
        if (res_es == UV_ES_Q) {
            x = uv_vec_from_u128(s);
        } else {
            uv_vec_set(&x, res_es, i, (uint64_t)s);
        }
    }
    uv_set_vr(cpu, d->r1, x);
}

/* Raises a specification exception unless @lo <= @es <= @hi. */
static void check_es_range(UvCpu *cpu, unsigned es, unsigned lo, unsigned hi)
{
    if (es < lo || es > hi) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
}

UV_HANDLER(vsum)
{
    check_es_range(cpu, d->m4, UV_ES_B, UV_ES_H);
    sum_across(cpu, d, d->m4, UV_ES_F);
}

UV_HANDLER(vsumg)
{
    check_es_range(cpu, d->m4, UV_ES_H, UV_ES_F);
    sum_across(cpu, d, d->m4, UV_ES_G);
}

UV_HANDLER(vsumq)
{
    check_es_range(cpu, d->m4, UV_ES_F, UV_ES_G);
    sum_across(cpu, d, d->m4, UV_ES_Q);
}

/*
 * VCKSM: the words of V2 and word 1 of V3 added with end-around carry,
 * into word 1 of V1; the other words are zero.
 */
UV_HANDLER(vcksm)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), x = { { 0, 0 } };
    uint64_t s = uv_vec_get(&b, UV_ES_F, 1);
    unsigned i;

    for (i = 0; i < 4; i++) {
        s += uv_vec_get(&a, UV_ES_F, i);
        s = (s & 0xffffffff) + (s >> 32);
    }
    uv_vec_set(&x, UV_ES_F, 1, s);
    uv_set_vr(cpu, d->r1, x);
}

/*
 * VMSL (vector-enhancements 1): the two 64 x 64-bit products of the
 * doubleword elements of V2 and V3, each doubled when M6 asks (bit 0 the
 * even product, bit 1 the odd one), added to the 128-bit V4, modulo
 * 2^128.  Only doubleword elements (M5 3) exist.
 */
UV_HANDLER(vmsl)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), c = uv_vr(cpu, d->r4);
    unsigned __int128 even, odd;

    check_es_range(cpu, d->m5, UV_ES_G, UV_ES_G);
    even = (unsigned __int128)a.d[0] * b.d[0];
    odd = (unsigned __int128)a.d[1] * b.d[1];
    if (d->m6 & 8) {
        even <<= 1;
    }
    if (d->m6 & 4) {
        odd <<= 1;
    }
    uv_set_vr(cpu, d->r1, uv_vec_from_u128(even + odd + uv_vec_u128(&c)));
}
