/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-vec-reversed.c - vector-enhancements facility 2 (148): the byte-
 * and element-reversed loads and stores (VLBR, VLER, VLBRREP, VLLEBRZ,
 * VLEBRH/F/G, VSTBR, VSTER, VSTEBRH/F/G), the little-endian counterparts
 * of gen-vec-load.c's VL, VLREP, VLLEZ, VLEx, VST and VSTEx.
 *
 * Whole-vector forms reorder the 16 bytes with a permutation that is its
 * own inverse, so loads and stores share it; storage goes through UvSpan
 * (uv_vec_load/uv_vec_store), so a faulting page changes nothing.
 */
#include "vec.h"

/* The element of 1 << @es bytes @v with its bytes in the opposite order. */
static uint64_t bswap_elem(uint64_t v, unsigned es)
{
    switch (es) {
    case UV_ES_H:
        return __builtin_bswap16(v);
    case UV_ES_F:
        return __builtin_bswap32(v);
    case UV_ES_G:
        return __builtin_bswap64(v);
    default:
        return v;
    }
}

/*
 * Byte i of the result is byte perm(i) of @x: reversed within each
 * element of 1 << @es bytes (byte order), or the elements in reverse
 * order with their bytes kept (element order).
 */
static UvVec reorder(const UvVec *x, unsigned es, bool elements)
{
    unsigned n = 1u << es, i, src;
    UvVec y = { { 0, 0 } };

    for (i = 0; i < 16; i++) {
        src = elements ? 16 - n - i / n * n + i % n
                       : i / n * n + n - 1 - i % n;
        uv_vec_set(&y, UV_ES_B, i, uv_vec_byte(x, src));
    }
    return y;
}

/* M3 of VLBR/VSTBR: halfword to quadword; of VLER/VSTER: to doubleword. */
static unsigned reorder_es(UvCpu *cpu, const UvInsn *d, bool elements)
{
    if (d->m3 < UV_ES_H || d->m3 > (elements ? UV_ES_G : UV_ES_Q)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return d->m3;
}

static void load_reordered(UvCpu *cpu, const UvInsn *d, bool elements)
{
    unsigned es = reorder_es(cpu, d, elements);
    UvVec x = uv_vec_load(cpu, uv_a2(cpu, d));

    uv_set_vr(cpu, d->r1, reorder(&x, es, elements));
}

static void store_reordered(UvCpu *cpu, const UvInsn *d, bool elements)
{
    unsigned es = reorder_es(cpu, d, elements);
    UvVec x = uv_vr(cpu, d->r1), y = reorder(&x, es, elements);

    uv_vec_store(cpu, uv_a2(cpu, d), &y);
}

UV_HANDLER(vlbr)  { load_reordered(cpu, d, false); }
UV_HANDLER(vler)  { load_reordered(cpu, d, true); }
UV_HANDLER(vstbr) { store_reordered(cpu, d, false); }
UV_HANDLER(vster) { store_reordered(cpu, d, true); }

/* One byte-reversed element of 1 << @es bytes from the second operand. */
static uint64_t load_elem_br(UvCpu *cpu, const UvInsn *d, unsigned es)
{
    return bswap_elem(uv_ld(cpu, uv_a2(cpu, d), 1u << es), es);
}

/* VLBRREP: one byte-reversed element replicated; M3 halfword-doubleword. */
UV_HANDLER(vlbrrep)
{
    UvVec x = { { 0, 0 } };
    uint64_t v;
    unsigned i;

    if (d->m3 < UV_ES_H || d->m3 > UV_ES_G) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    v = load_elem_br(cpu, d, d->m3);
    for (i = 0; i < uv_vec_nelem(d->m3); i++) {
        uv_vec_set(&x, d->m3, i, v);
    }
    uv_set_vr(cpu, d->r1, x);
}

/*
 * VLLEBRZ: one byte-reversed element into the rightmost element of the
 * leftmost doubleword (M3 1-3), or a word into the leftmost word (M3 6,
 * "left-aligned"), the rest zero.
 */
UV_HANDLER(vllebrz)
{
    UvVec x = { { 0, 0 } };
    unsigned es = d->m3 == 6 ? UV_ES_F : d->m3;

    if (d->m3 != 6 && (d->m3 < UV_ES_H || d->m3 > UV_ES_G)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    uv_vec_set(&x, es, d->m3 == 6 ? 0 : uv_vec_nelem(es) / 2 - 1,
               load_elem_br(cpu, d, es));
    uv_set_vr(cpu, d->r1, x);
}

/* The element index M3 of VLEBRx/VSTEBRx, checked against size @es. */
static unsigned elem_index(UvCpu *cpu, const UvInsn *d, unsigned es)
{
    if (d->m3 >= uv_vec_nelem(es)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return d->m3;
}

static void vlebr(UvCpu *cpu, const UvInsn *d, unsigned es)
{
    unsigned i = elem_index(cpu, d, es);
    UvVec x = uv_vr(cpu, d->r1);

    uv_vec_set(&x, es, i, load_elem_br(cpu, d, es));
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vlebrh) { vlebr(cpu, d, UV_ES_H); }
UV_HANDLER(vlebrf) { vlebr(cpu, d, UV_ES_F); }
UV_HANDLER(vlebrg) { vlebr(cpu, d, UV_ES_G); }

static void vstebr(UvCpu *cpu, const UvInsn *d, unsigned es)
{
    unsigned i = elem_index(cpu, d, es);
    UvVec x = uv_vr(cpu, d->r1);

    uv_st(cpu, uv_a2(cpu, d), bswap_elem(uv_vec_get(&x, es, i), es), 1u << es);
}

UV_HANDLER(vstebrh) { vstebr(cpu, d, UV_ES_H); }
UV_HANDLER(vstebrf) { vstebr(cpu, d, UV_ES_F); }
UV_HANDLER(vstebrg) { vstebr(cpu, d, UV_ES_G); }
