/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-vec-shift.c - vector facility (129): element shifts and rotates
 * (by an address or per element), rotate and insert under mask, and the
 * shifts of the whole register by bits or bytes; VSLD and VSRD
 * (vector-enhancements 2).
 */
#include "vec.h"

typedef enum { SH_LEFT, SH_RIGHT_ARITH, SH_RIGHT_LOGICAL, SH_ROTATE } ShiftKind;

/* Element @v of @bits bits shifted by @n (taken modulo @bits). */
static uint64_t shift_elem(uint64_t v, unsigned n, unsigned bits,
                           ShiftKind kind)
{
    uint64_t m = bits == 64 ? UINT64_MAX : (1ULL << bits) - 1;
    int64_t sv = (int64_t)(v << (64 - bits)) >> (64 - bits);

    n &= bits - 1;
    switch (kind) {
    case SH_LEFT:
        return (v << n) & m;
    case SH_RIGHT_ARITH:
        return (uint64_t)(sv >> n) & m;
    case SH_RIGHT_LOGICAL:
        return v >> n;
    default:
        return n ? ((v << n) | (v >> (bits - n))) & m : v;
    }
}

/* VESL, VESRA, VESRL, VERLL: V3's elements by the address D2(B2). */
static void shift_by_addr(UvCpu *cpu, const UvInsn *d, ShiftKind kind)
{
    UvVec a = uv_vr(cpu, d->r3), x = { { 0, 0 } };
    unsigned es = d->m4, n, i;

    uv_vec_check_es(cpu, es, UV_ES_G);
    n = uv_addr_bd(cpu, 0, d->b2, d->d2);
    for (i = 0; i < uv_vec_nelem(es); i++) {
        uv_vec_set(&x, es, i, shift_elem(uv_vec_get(&a, es, i), n, 8 << es,
                                         kind));
    }
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vesl)  { shift_by_addr(cpu, d, SH_LEFT); }
UV_HANDLER(vesra) { shift_by_addr(cpu, d, SH_RIGHT_ARITH); }
UV_HANDLER(vesrl) { shift_by_addr(cpu, d, SH_RIGHT_LOGICAL); }
UV_HANDLER(verll) { shift_by_addr(cpu, d, SH_ROTATE); }

/* VESLV, VESRAV, VESRLV, VERLLV: V2's elements by V3's. */
static void shift_by_vec(UvCpu *cpu, const UvInsn *d, ShiftKind kind)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), x = { { 0, 0 } };
    unsigned es = d->m4, i;

    uv_vec_check_es(cpu, es, UV_ES_G);
    for (i = 0; i < uv_vec_nelem(es); i++) {
        uv_vec_set(&x, es, i, shift_elem(uv_vec_get(&a, es, i),
                                         uv_vec_get(&b, es, i), 8 << es,
                                         kind));
    }
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(veslv)  { shift_by_vec(cpu, d, SH_LEFT); }
UV_HANDLER(vesrav) { shift_by_vec(cpu, d, SH_RIGHT_ARITH); }
UV_HANDLER(vesrlv) { shift_by_vec(cpu, d, SH_RIGHT_LOGICAL); }
UV_HANDLER(verllv) { shift_by_vec(cpu, d, SH_ROTATE); }

/* VERIM: V2's elements rotated by I4, inserted into V1 under mask V3. */
UV_HANDLER(verim)
{
    UvVec a = uv_vr(cpu, d->r2), m = uv_vr(cpu, d->r3);
    UvVec x = uv_vr(cpu, d->r1);
    unsigned es = d->m5, i;
    uint64_t r, mk;

    uv_vec_check_es(cpu, es, UV_ES_G);
    for (i = 0; i < uv_vec_nelem(es); i++) {
        r = shift_elem(uv_vec_get(&a, es, i), d->i4, 8 << es, SH_ROTATE);
        mk = uv_vec_get(&m, es, i);
        uv_vec_set(&x, es, i, (uv_vec_get(&x, es, i) & ~mk) | (r & mk));
    }
    uv_set_vr(cpu, d->r1, x);
}

/*
 * VSL, VSRA, VSRL: each byte of V2 shifted by bits 5-7 of the same byte
 * of V3, with the bits of its neighbour shifted in.  The base facility
 * requires all 16 counts to be equal (the result is unpredictable
 * otherwise); shifting byte by byte gives the architected result then,
 * and the vector-enhancements-2 result (QEMU's) when they differ.
 */
static void shift_bits(UvCpu *cpu, const UvInsn *d, ShiftKind kind)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), x = { { 0, 0 } };
    unsigned i, n, pair;
    uint8_t fill = kind == SH_RIGHT_ARITH && (a.d[0] >> 63) ? 0xff : 0;

    for (i = 0; i < 16; i++) {
        n = uv_vec_byte(&b, i) & 7;
        if (kind == SH_LEFT) {
            pair = uv_vec_byte(&a, i) << 8 |
                   (i < 15 ? uv_vec_byte(&a, i + 1) : 0);
            uv_vec_set(&x, UV_ES_B, i, (pair << n) >> 8);
        } else {
            pair = (i ? uv_vec_byte(&a, i - 1) : fill) << 8 |
                   uv_vec_byte(&a, i);
            uv_vec_set(&x, UV_ES_B, i, pair >> n);
        }
    }
    uv_set_vr(cpu, d->r1, x);
}

/* VSLB, VSRAB, VSRLB: V2 as one 128-bit value, by bits 1-4 of byte 7
 * of V3 in bytes. */
static void shift_bytes(UvCpu *cpu, const UvInsn *d, ShiftKind kind)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3);
    unsigned __int128 v = uv_vec_u128(&a);
    unsigned n = uv_vec_byte(&b, 7) & 0x78;

    switch (kind) {
    case SH_LEFT:
        v <<= n;
        break;
    case SH_RIGHT_ARITH:
        v = (unsigned __int128)((__int128)v >> n);
        break;
    default:
        v >>= n;
        break;
    }
    uv_set_vr(cpu, d->r1, uv_vec_from_u128(v));
}

UV_HANDLER(vsl)   { shift_bits(cpu, d, SH_LEFT); }
UV_HANDLER(vslb)  { shift_bytes(cpu, d, SH_LEFT); }
UV_HANDLER(vsra)  { shift_bits(cpu, d, SH_RIGHT_ARITH); }
UV_HANDLER(vsrab) { shift_bytes(cpu, d, SH_RIGHT_ARITH); }
UV_HANDLER(vsrl)  { shift_bits(cpu, d, SH_RIGHT_LOGICAL); }
UV_HANDLER(vsrlb) { shift_bytes(cpu, d, SH_RIGHT_LOGICAL); }
/* VSLDB: bytes I4 ... I4 + 15 of V2 || V3. */
/*
 * VSLD/VSRD (vector-enhancements 2): the 256-bit V2:V3 shifted left /
 * right by I4 bits (0-7; the other I4 bits must be zero), the leftmost /
 * rightmost 128 bits kept.
 */
static unsigned shift_double_count(UvCpu *cpu, const UvInsn *d)
{
    if (d->i4 & ~7) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return d->i4;
}

UV_HANDLER(vsld)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3);
    unsigned n = shift_double_count(cpu, d);
    unsigned __int128 v = uv_vec_u128(&a);

    if (n) {
        v = (v << n) | (uv_vec_u128(&b) >> (128 - n));
    }
    uv_set_vr(cpu, d->r1, uv_vec_from_u128(v));
}

UV_HANDLER(vsrd)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3);
    unsigned n = shift_double_count(cpu, d);
    unsigned __int128 v = uv_vec_u128(&b);

    if (n) {
        v = (v >> n) | (uv_vec_u128(&a) << (128 - n));
    }
    uv_set_vr(cpu, d->r1, uv_vec_from_u128(v));
}

UV_HANDLER(vsldb)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), x;
    unsigned n = d->i4 & 0xf, i, k;

    for (i = 0; i < 16; i++) {
        k = i + n;
        uv_vec_set(&x, UV_ES_B, i,
                   k < 16 ? uv_vec_byte(&a, k) : uv_vec_byte(&b, k - 16));
    }
    uv_set_vr(cpu, d->r1, x);
}
