/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-vec-perm.c - vector facility (129): permutes, merges, packs and
 * unpacks, select, sign extension, and gather/scatter; VBPERM
 * (vector-enhancements 1).
 */
#include "vec.h"

UV_HANDLER(vperm)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3);
    UvVec sel = uv_vr(cpu, d->r4), x;
    unsigned i, k;

    for (i = 0; i < 16; i++) {
        k = uv_vec_byte(&sel, i) & 0x1f;
        uv_vec_set(&x, UV_ES_B, i,
                   k < 16 ? uv_vec_byte(&a, k) : uv_vec_byte(&b, k - 16));
    }
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vpdi)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3);

    uv_set_vr(cpu, d->r1, (UvVec) { { a.d[(d->m4 >> 2) & 1],
                                      b.d[d->m4 & 1] } });
}

/* VMRH/VMRL: interleave the elements of one half of V2 and V3. */
static void merge(UvCpu *cpu, const UvInsn *d, bool low)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), x;
    unsigned es = d->m4, half, i;

    uv_vec_check_es(cpu, es, UV_ES_G);
    half = uv_vec_nelem(es) / 2;
    for (i = 0; i < half; i++) {
        uv_vec_set(&x, es, 2 * i, uv_vec_get(&a, es, i + (low ? half : 0)));
        uv_vec_set(&x, es, 2 * i + 1, uv_vec_get(&b, es, i + (low ? half : 0)));
    }
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vmrh) { merge(cpu, d, false); }
UV_HANDLER(vmrl) { merge(cpu, d, true); }

/* How VPK, VPKS, VPKLS narrow an element. */
typedef enum { PACK_TRUNC, PACK_SAT_S, PACK_SAT_U } PackKind;

/* Element @v of size @es narrowed to size @es - 1; *@sat if saturated. */
static uint64_t narrow(uint64_t v, unsigned es, PackKind kind, bool *sat)
{
    unsigned nbits = 4 << es;
    int64_t sv = (int64_t)(v << (64 - 2 * nbits)) >> (64 - 2 * nbits);
    int64_t smax = (1LL << (nbits - 1)) - 1;
    uint64_t umax = (1ULL << nbits) - 1;

    *sat = false;
    if (kind == PACK_SAT_S && (sv > smax || sv < -smax - 1)) {
        *sat = true;
        return sv > smax ? smax : -smax - 1;
    }
    if (kind == PACK_SAT_U && v > umax) {
        *sat = true;
        return umax;
    }
    return v;
}

static void pack(UvCpu *cpu, const UvInsn *d, PackKind kind)
{
    UvVec src[2] = { uv_vr(cpu, d->r2), uv_vr(cpu, d->r3) }, x;
    unsigned es = d->m4, n, i, nsat = 0;
    bool sat;

    if (es < UV_ES_H || es > UV_ES_G) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    n = uv_vec_nelem(es);
    for (i = 0; i < 2 * n; i++) {
        uv_vec_set(&x, es - 1, i,
                   narrow(uv_vec_get(&src[i / n], es, i % n), es, kind, &sat));
        nsat += sat;
    }
    uv_set_vr(cpu, d->r1, x);
    if (kind != PACK_TRUNC && (d->m5 & 1)) {
        cpu->cc = nsat == 0 ? 0 : nsat == 2 * n ? 3 : 1;
    }
}

UV_HANDLER(vpk)   { pack(cpu, d, PACK_TRUNC); }
UV_HANDLER(vpks)  { pack(cpu, d, PACK_SAT_S); }
UV_HANDLER(vpkls) { pack(cpu, d, PACK_SAT_U); }

/* VUPH/VUPL/VUPLH/VUPLL: widen one half of V2's elements of size M3. */
static void unpack(UvCpu *cpu, const UvInsn *d, bool low, bool sign)
{
    UvVec a = uv_vr(cpu, d->r2), x;
    unsigned es = d->m3, half, i, k;

    uv_vec_check_es(cpu, es, UV_ES_F);
    half = uv_vec_nelem(es) / 2;
    for (i = 0; i < half; i++) {
        k = i + (low ? half : 0);
        uv_vec_set(&x, es + 1, i, sign ? (uint64_t)uv_vec_sget(&a, es, k)
                                       : uv_vec_get(&a, es, k));
    }
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vuph)  { unpack(cpu, d, false, true); }
UV_HANDLER(vupl)  { unpack(cpu, d, true, true); }
UV_HANDLER(vuplh) { unpack(cpu, d, false, false); }
UV_HANDLER(vupll) { unpack(cpu, d, true, false); }

UV_HANDLER(vsel)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), m = uv_vr(cpu, d->r4);
    unsigned i;

    for (i = 0; i < 2; i++) {
        a.d[i] = (a.d[i] & m.d[i]) | (b.d[i] & ~m.d[i]);
    }
    uv_set_vr(cpu, d->r1, a);
}

UV_HANDLER(vseg)
{
    UvVec a = uv_vr(cpu, d->r2);
    unsigned es = d->m3, per, i;

    uv_vec_check_es(cpu, es, UV_ES_F);
    per = uv_vec_nelem(es) / 2;
    for (i = 0; i < 2; i++) {
        a.d[i] = uv_vec_sget(&a, es, per * (i + 1) - 1);
    }
    uv_set_vr(cpu, d->r1, a);
}

/*
 * The address of element M3 of VGEF/VGEG/VSCEF/VSCEG: D2(B2) plus that
 * element of V2 as an unsigned index.
 */
static uint64_t gather_addr(UvCpu *cpu, const UvInsn *d, unsigned es)
{
    UvVec idx = uv_vr(cpu, d->r2);

    if (d->m3 >= uv_vec_nelem(es)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return uv_wrap(cpu, uv_addr_bd(cpu, 0, d->b2, d->d2) +
                        uv_vec_get(&idx, es, d->m3));
}

static void gather(UvCpu *cpu, const UvInsn *d, unsigned es)
{
    uint64_t a = gather_addr(cpu, d, es);
    UvVec x = uv_vr(cpu, d->r1);

    uv_vec_set(&x, es, d->m3, uv_ld(cpu, a, 1 << es));
    uv_set_vr(cpu, d->r1, x);
}

static void scatter(UvCpu *cpu, const UvInsn *d, unsigned es)
{
    uint64_t a = gather_addr(cpu, d, es);
    UvVec x = uv_vr(cpu, d->r1);

    uv_st(cpu, a, uv_vec_get(&x, es, d->m3), 1 << es);
}

UV_HANDLER(vgef)  { gather(cpu, d, UV_ES_F); }
UV_HANDLER(vgeg)  { gather(cpu, d, UV_ES_G); }
UV_HANDLER(vscef) { scatter(cpu, d, UV_ES_F); }
UV_HANDLER(vsceg) { scatter(cpu, d, UV_ES_G); }

/*
 * VBPERM (vector-enhancements 1): byte i of V3 selects a bit of V2 by
 * its number (0 = leftmost; 128 and above select a zero); the 16 bits
 * go to bits 48-63 of V1, every other bit is zero.
 */
UV_HANDLER(vbperm)
{
    UvVec a = uv_vr(cpu, d->r2), idx = uv_vr(cpu, d->r3), x = { { 0, 0 } };
    unsigned __int128 v = uv_vec_u128(&a);
    unsigned i, bit;
    uint64_t bits = 0;

    for (i = 0; i < 16; i++) {
        bit = uv_vec_byte(&idx, i);
        bits = (bits << 1) | (bit < 128 && ((v >> (127 - bit)) & 1));
    }
    x.d[0] = bits;
    uv_set_vr(cpu, d->r1, x);
}
