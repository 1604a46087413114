/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-vec-load.c - vector facility (129): loads, stores, element moves
 * between vector and general registers, and the generated constants
 * (VGBM, VGM, VREPI, VREP).
 *
 * Alignment hints (the M fields of VL, VST, VLM, VSTM) are ignored: they
 * only promise speed.  Multi-byte operands go through UvSpan so that an
 * operand crossing a page either completes or faults before any change.
 */
#include "vec.h"

void uv_vec_read(UvCpu *cpu, uint64_t addr, void *buf, uint32_t len)
{
    UvSpan s;

    uv_span(cpu, &s, addr, len, UVCPU_ACCESS_READ);
    memcpy(buf, s.p[0], MIN(len, s.len0));
    if (len > s.len0) {
        memcpy((uint8_t *)buf + s.len0, s.p[1], len - s.len0);
    }
}

void uv_vec_write(UvCpu *cpu, uint64_t addr, const void *buf, uint32_t len)
{
    UvSpan s;

    uv_span(cpu, &s, addr, len, UVCPU_ACCESS_WRITE);
    memcpy(s.p[0], buf, MIN(len, s.len0));
    if (len > s.len0) {
        memcpy(s.p[1], (const uint8_t *)buf + s.len0, len - s.len0);
    }
}

/* The vector held big-endian in the 16 bytes at @b. */
static UvVec vec_from_bytes(const uint8_t *b)
{
    return (UvVec) { { uv_ldn_be(b, 8), uv_ldn_be(b + 8, 8) } };
}

static void vec_to_bytes(uint8_t *b, const UvVec *x)
{
    uv_stn_be(b, x->d[0], 8);
    uv_stn_be(b + 8, x->d[1], 8);
}

UvVec uv_vec_load(UvCpu *cpu, uint64_t addr)
{
    uint8_t b[16];

    uv_vec_read(cpu, addr, b, 16);
    return vec_from_bytes(b);
}

void uv_vec_store(UvCpu *cpu, uint64_t addr, const UvVec *x)
{
    uint8_t b[16];

    vec_to_bytes(b, x);
    uv_vec_write(cpu, addr, b, 16);
}

UV_HANDLER(vl)
{
    uv_set_vr(cpu, d->r1, uv_vec_load(cpu, uv_a2(cpu, d)));
}

UV_HANDLER(vst)
{
    UvVec x = uv_vr(cpu, d->r1);

    uv_vec_store(cpu, uv_a2(cpu, d), &x);
}

UV_HANDLER(vlr)
{
    uv_set_vr(cpu, d->r1, uv_vr(cpu, d->r2));
}

/* VLM/VSTM: V1 ... V3, at most 16 registers. */
static unsigned vec_range(UvCpu *cpu, const UvInsn *d)
{
    if (d->r3 < d->r1 || d->r3 - d->r1 >= 16) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return d->r3 - d->r1 + 1;
}

UV_HANDLER(vlm)
{
    unsigned n = vec_range(cpu, d), i;
    uint8_t b[256];

    uv_vec_read(cpu, uv_a2(cpu, d), b, n * 16);
    for (i = 0; i < n; i++) {
        uv_set_vr(cpu, d->r1 + i, vec_from_bytes(b + 16 * i));
    }
}

UV_HANDLER(vstm)
{
    unsigned n = vec_range(cpu, d), i;
    uint8_t b[256];
    UvVec x;

    for (i = 0; i < n; i++) {
        x = uv_vr(cpu, d->r1 + i);
        vec_to_bytes(b + 16 * i, &x);
    }
    uv_vec_write(cpu, uv_a2(cpu, d), b, n * 16);
}

/* The element index M3 of VLEx/VSTEx/VLEIx, checked against size @es. */
static unsigned elem_index(UvCpu *cpu, unsigned m, unsigned es)
{
    if (m >= uv_vec_nelem(es)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return m;
}

/* VLEB, VLEH, VLEF, VLEG: one element from storage. */
static void vle(UvCpu *cpu, const UvInsn *d, unsigned es)
{
    unsigned i = elem_index(cpu, d->m3, es);
    UvVec x = uv_vr(cpu, d->r1);

    uv_vec_set(&x, es, i, uv_ld(cpu, uv_a2(cpu, d), 1 << es));
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vleb) { vle(cpu, d, UV_ES_B); }
UV_HANDLER(vleh) { vle(cpu, d, UV_ES_H); }
UV_HANDLER(vlef) { vle(cpu, d, UV_ES_F); }
UV_HANDLER(vleg) { vle(cpu, d, UV_ES_G); }

/* VSTEB, VSTEH, VSTEF, VSTEG: one element to storage. */
static void vste(UvCpu *cpu, const UvInsn *d, unsigned es)
{
    unsigned i = elem_index(cpu, d->m3, es);
    UvVec x = uv_vr(cpu, d->r1);

    uv_st(cpu, uv_a2(cpu, d), uv_vec_get(&x, es, i), 1 << es);
}

UV_HANDLER(vsteb) { vste(cpu, d, UV_ES_B); }
UV_HANDLER(vsteh) { vste(cpu, d, UV_ES_H); }
UV_HANDLER(vstef) { vste(cpu, d, UV_ES_F); }
UV_HANDLER(vsteg) { vste(cpu, d, UV_ES_G); }

/* VLEIB, VLEIH, VLEIF, VLEIG: the sign-extended I2 into one element. */
static void vlei(UvCpu *cpu, const UvInsn *d, unsigned es)
{
    unsigned i = elem_index(cpu, d->m3, es);
    UvVec x = uv_vr(cpu, d->r1);

    uv_vec_set(&x, es, i, d->imm);
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vleib) { vlei(cpu, d, UV_ES_B); }
UV_HANDLER(vleih) { vlei(cpu, d, UV_ES_H); }
UV_HANDLER(vleif) { vlei(cpu, d, UV_ES_F); }
UV_HANDLER(vleig) { vlei(cpu, d, UV_ES_G); }

/* A vector with every element of size @es equal to @v. */
static UvVec vec_splat(unsigned es, uint64_t v)
{
    UvVec x;
    unsigned i;

    for (i = 0; i < uv_vec_nelem(es); i++) {
        uv_vec_set(&x, es, i, v);
    }
    return x;
}

UV_HANDLER(vlrep)
{
    uv_vec_check_es(cpu, d->m3, UV_ES_G);
    uv_set_vr(cpu, d->r1,
              vec_splat(d->m3, uv_ld(cpu, uv_a2(cpu, d), 1 << d->m3)));
}

UV_HANDLER(vllez)
{
    UvVec x = { { 0, 0 } };

    /* M3 6, a word into the leftmost word: vector-enhancements 1. */
    if (d->m3 == 6 && uvcpu_has_facility(cpu, 135)) {
        uv_vec_set(&x, UV_ES_F, 0, uv_ld(cpu, uv_a2(cpu, d), 4));
        uv_set_vr(cpu, d->r1, x);
        return;
    }
    uv_vec_check_es(cpu, d->m3, UV_ES_G);
    /* The rightmost element of the leftmost doubleword. */
    uv_vec_set(&x, d->m3, uv_vec_nelem(d->m3) / 2 - 1,
               uv_ld(cpu, uv_a2(cpu, d), 1 << d->m3));
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vrepi)
{
    uv_vec_check_es(cpu, d->m3, UV_ES_G);
    uv_set_vr(cpu, d->r1, vec_splat(d->m3, d->imm));
}

UV_HANDLER(vrep)
{
    UvVec x = uv_vr(cpu, d->r3);

    uv_vec_check_es(cpu, d->m4, UV_ES_G);
    if ((uint64_t)d->imm >= uv_vec_nelem(d->m4)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    uv_set_vr(cpu, d->r1, vec_splat(d->m4, uv_vec_get(&x, d->m4, d->imm)));
}

UV_HANDLER(vgbm)
{
    UvVec x;
    unsigned i;

    for (i = 0; i < 16; i++) {
        uv_vec_set(&x, UV_ES_B, i, (d->imm >> (15 - i)) & 1 ? 0xff : 0);
    }
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vgm)
{
    unsigned es = d->m4, bits, b, i2, i3;
    uint64_t mask = 0;

    uv_vec_check_es(cpu, es, UV_ES_G);
    bits = 8 << es;
    i2 = d->imm & (bits - 1);
    i3 = d->i3 & (bits - 1);
    /* Bits I2 to I3 of each element, wrapping around when I2 > I3. */
    for (b = 0; b < bits; b++) {
        if (i2 <= i3 ? (b >= i2 && b <= i3) : (b >= i2 || b <= i3)) {
            mask |= 1ULL << (bits - 1 - b);
        }
    }
    uv_set_vr(cpu, d->r1, vec_splat(es, mask));
}

/* The element index of VLGV/VLVG: the second-operand address, modulo. */
static unsigned addr_index(UvCpu *cpu, const UvInsn *d)
{
    return uv_addr_bd(cpu, 0, d->b2, d->d2) & (uv_vec_nelem(d->m4) - 1);
}

UV_HANDLER(vlgv)
{
    UvVec x = uv_vr(cpu, d->r3);

    uv_vec_check_es(cpu, d->m4, UV_ES_G);
    GR(d->r1) = uv_vec_get(&x, d->m4, addr_index(cpu, d));
}

UV_HANDLER(vlvg)
{
    UvVec x = uv_vr(cpu, d->r1);

    uv_vec_check_es(cpu, d->m4, UV_ES_G);
    uv_vec_set(&x, d->m4, addr_index(cpu, d), GR(d->r3));
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vlvgp)
{
    uv_set_vr(cpu, d->r1, (UvVec) { { GR(d->r2), GR(d->r3) } });
}

/* Loads the first @n (0-16) bytes of a vector, the others zero. */
static void load_partial(UvCpu *cpu, unsigned v, uint64_t addr, unsigned n)
{
    uint8_t b[16] = { 0 };

    if (n) {
        uv_vec_read(cpu, addr, b, n);
    }
    uv_set_vr(cpu, v, vec_from_bytes(b));
}

UV_HANDLER(vll)
{
    load_partial(cpu, d->r1, uv_a2(cpu, d), MIN(uv_r32(cpu, d->r3), 15) + 1);
}

UV_HANDLER(vstl)
{
    UvVec x = uv_vr(cpu, d->r1);
    uint8_t b[16];

    vec_to_bytes(b, &x);
    uv_vec_write(cpu, uv_a2(cpu, d), b, MIN(uv_r32(cpu, d->r3), 15) + 1);
}

/* Bytes from @addr to the next boundary of block size code @m (0-6). */
static unsigned to_boundary(UvCpu *cpu, uint64_t addr, unsigned m)
{
    uint64_t block = 64ULL << m;

    if (m > 6) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return MIN(16, block - (addr & (block - 1)));
}

UV_HANDLER(vlbb)
{
    uint64_t a = uv_a2(cpu, d);

    /* The bytes past the boundary are unpredictable: zero, as QEMU. */
    load_partial(cpu, d->r1, a, to_boundary(cpu, a, d->m3));
}

UV_HANDLER(lcbb)
{
    unsigned n = to_boundary(cpu, uv_a2(cpu, d), d->m3);

    uv_set_r32(cpu, d->r1, n);
    cpu->cc = n == 16 ? 0 : 3;
}
