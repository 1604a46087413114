/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-vec-string.c - vector facility (129): the string instructions
 * VFAE, VFEE, VFENE, VISTR and VSTRC; VSTRS (vector-enhancements 2),
 * which searches for a substring and has a function of its own.
 *
 * Each search yields, per element of V2, whether it matches, and the
 * byte index of the first zero element when the zero-search (ZS) flag
 * asks for it.  finish_search() turns that into V1 (the byte index of
 * the first match or zero, or with the result-type (RT) flag a mask of
 * the matching elements) and the condition code.
 */
#include "vec.h"

/* Flags of the M5 (M6 of VSTRC) field. */
#define STR_IN 8               /* invert the comparison result */
#define STR_RT 4               /* result type: a mask, not an index */
#define STR_ZS 2               /* search for a zero element too */
#define STR_CS 1               /* set the condition code */

typedef struct StrSearch {
    unsigned es;
    bool match[16];            /* by element index */
    unsigned first_match;      /* byte index, 16 = none */
    unsigned first_zero;       /* byte index, 16 = none (or no ZS) */
} StrSearch;

/* Byte index of the first zero element of @a when @zs, else 16. */
static unsigned first_zero(const UvVec *a, unsigned es, bool zs)
{
    unsigned i;

    for (i = 0; zs && i < uv_vec_nelem(es); i++) {
        if (!uv_vec_get(a, es, i)) {
            return i << es;
        }
    }
    return 16;
}

/* Byte index of the first matching element of @s, 16 if none. */
static unsigned first_match(const StrSearch *s)
{
    unsigned i;

    for (i = 0; i < uv_vec_nelem(s->es); i++) {
        if (s->match[i]) {
            return i << s->es;
        }
    }
    return 16;
}

/*
 * V1 and the CC of a search: CC 0 a zero element (at or before the first
 * match), 1 a match and no zero, 2 a match before a zero, 3 neither.
 * @rt gives a mask of the matching elements instead of the index.
 */
static void finish_search(UvCpu *cpu, const UvInsn *d, const StrSearch *s,
                          bool rt, bool cs)
{
    UvVec x = { { 0, 0 } };
    unsigned i;

    if (rt) {
        for (i = 0; i < uv_vec_nelem(s->es); i++) {
            uv_vec_set(&x, s->es, i, s->match[i] ? UINT64_MAX : 0);
        }
    } else {
        x.d[0] = MIN(s->first_match, s->first_zero);
    }
    uv_set_vr(cpu, d->r1, x);
    if (!cs) {
        return;
    }
    if (s->first_zero == 16 && s->first_match == 16) {
        cpu->cc = 3;
    } else if (s->first_zero == 16) {
        cpu->cc = 1;
    } else {
        cpu->cc = s->first_match < s->first_zero ? 2 : 0;
    }
}

/* Element size M4 (0-2) of VFAE/VFEE/VFENE, with the reserved M5 bits. */
static unsigned str_es(UvCpu *cpu, unsigned es, unsigned m5, unsigned valid)
{
    if (es > UV_ES_F || (m5 & ~valid)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return es;
}

UV_HANDLER(vfae)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3);
    StrSearch s = { .es = str_es(cpu, d->m4, d->m5, 0xf) };
    unsigned n = uv_vec_nelem(s.es), i, j;

    for (i = 0; i < n; i++) {
        for (j = 0; j < n && !s.match[i]; j++) {
            s.match[i] = uv_vec_get(&a, s.es, i) == uv_vec_get(&b, s.es, j);
        }
        s.match[i] ^= !!(d->m5 & STR_IN);
    }
    s.first_match = first_match(&s);
    s.first_zero = first_zero(&a, s.es, d->m5 & STR_ZS);
    finish_search(cpu, d, &s, d->m5 & STR_RT, d->m5 & STR_CS);
}

UV_HANDLER(vfee)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3);
    StrSearch s = { .es = str_es(cpu, d->m4, d->m5, STR_ZS | STR_CS) };
    unsigned i;

    for (i = 0; i < uv_vec_nelem(s.es); i++) {
        s.match[i] = uv_vec_get(&a, s.es, i) == uv_vec_get(&b, s.es, i);
    }
    s.first_match = first_match(&s);
    s.first_zero = first_zero(&a, s.es, d->m5 & STR_ZS);
    finish_search(cpu, d, &s, false, d->m5 & STR_CS);
}

/*
 * VFENE: the first unequal element; CC 1 when V2's is the lower there,
 * 2 when higher, 0 when a zero element comes first, 3 when none.
 */
UV_HANDLER(vfene)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), x = { { 0, 0 } };
    unsigned es = str_es(cpu, d->m4, d->m5, STR_ZS | STR_CS);
    unsigned n = uv_vec_nelem(es), i, zero = first_zero(&a, es, d->m5 & STR_ZS);
    unsigned cc = 3;

    for (i = 0; i < n && uv_vec_get(&a, es, i) == uv_vec_get(&b, es, i); i++) {
        continue;
    }
    if (i < n) {
        cc = uv_vec_get(&a, es, i) < uv_vec_get(&b, es, i) ? 1 : 2;
    }
    if (zero < (i << es)) {
        cc = 0;
    }
    x.d[0] = MIN(i << es, zero);
    uv_set_vr(cpu, d->r1, x);
    if (d->m5 & STR_CS) {
        cpu->cc = cc;
    }
}

/* VISTR: V2's elements up to the first zero element, zeros after it. */
UV_HANDLER(vistr)
{
    UvVec a = uv_vr(cpu, d->r2), x = { { 0, 0 } };
    unsigned es = str_es(cpu, d->m3, d->m5, STR_CS), i;

    for (i = 0; i < uv_vec_nelem(es) && uv_vec_get(&a, es, i); i++) {
        uv_vec_set(&x, es, i, uv_vec_get(&a, es, i));
    }
    uv_set_vr(cpu, d->r1, x);
    if (d->m5 & STR_CS) {
        cpu->cc = i < uv_vec_nelem(es) ? 0 : 3;
    }
}

/*
 * Whether @v passes one bound @l of a VSTRC range, by the control byte
 * @c of the bound (bit 0 equal, 1 low, 2 high: of @v against @l).
 */
static bool bound_ok(uint64_t v, uint64_t l, uint8_t c)
{
    return v < l ? (c >> 6) & 1 : v > l ? (c >> 5) & 1 : c >> 7;
}

/* Whether element @v of size @es is in one of the ranges of @r/@ctl. */
static bool in_ranges(uint64_t v, const UvVec *r, const UvVec *ctl,
                      unsigned es)
{
    unsigned j;

    for (j = 0; j < uv_vec_nelem(es); j += 2) {
        if (bound_ok(v, uv_vec_get(r, es, j), uv_vec_byte(ctl, j << es)) &&
            bound_ok(v, uv_vec_get(r, es, j + 1),
                     uv_vec_byte(ctl, (j + 1) << es))) {
            return true;
        }
    }
    return false;
}

/*
 * VSTRC: the elements of V2 inside (or with IN outside) any range of V3
 * whose bounds V4 qualifies.  Without RT the search stops at the first
 * zero element: matches after it do not count.
 */
UV_HANDLER(vstrc)
{
    UvVec a = uv_vr(cpu, d->r2), r = uv_vr(cpu, d->r3), c = uv_vr(cpu, d->r4);
    StrSearch s = { .es = str_es(cpu, d->m5, 0, 0) };
    bool rt = d->m6 & STR_RT;
    unsigned i;

    s.first_zero = first_zero(&a, s.es, d->m6 & STR_ZS);
    for (i = 0; i < uv_vec_nelem(s.es); i++) {
        if (!rt && (i << s.es) >= s.first_zero) {
            break;
        }
        s.match[i] = in_ranges(uv_vec_get(&a, s.es, i), &r, &c, s.es) ^
                     !!(d->m6 & STR_IN);
    }
    s.first_match = first_match(&s);
    finish_search(cpu, d, &s, rt, d->m6 & STR_CS);
}

/*
 * How many elements of V3's substring (at most @len) match V2 from
 * element @k on before V2 ends; 0 on a mismatch.
 */
static unsigned vstrs_at(const UvVec *a, const UvVec *sub, unsigned es,
                         unsigned k, unsigned len)
{
    unsigned j;

    for (j = 0; j < len && k + j < uv_vec_nelem(es); j++) {
        if (uv_vec_get(a, es, k + j) != uv_vec_get(sub, es, j)) {
            return 0;
        }
    }
    return j;
}

/*
 * VSTRS (vector-enhancements 2): the first occurrence in V2 of the
 * substring at the start of V3, whose length in bytes is byte 7 of V4
 * (truncated to whole elements).  With ZS (M6 bit 2) the substring ends
 * at its first zero element too, and the string at its first zero
 * element: a match must end before it and no partial match is possible.
 * V1 byte 7 = byte index of the full or partial match, 16 if none; the
 * other bytes zero.  CC 0 no match, 1 no match and a zero element, 2 a
 * full match (also an empty substring, at index 0), 3 a partial match
 * (the substring's start matches up to the end of V2).
 */
UV_HANDLER(vstrs)
{
    UvVec a = uv_vr(cpu, d->r2), sub = uv_vr(cpu, d->r3);
    UvVec lv = uv_vr(cpu, d->r4), x = { { 0, 0 } };
    unsigned es = str_es(cpu, d->m5, d->m6, STR_ZS), n = uv_vec_nelem(es);
    unsigned len = uv_vec_byte(&lv, 7) >> es, end = n, k, got;
    bool zs = d->m6 & STR_ZS;

    if (zs) {
        len = MIN(len, first_zero(&sub, es, true) >> es);
        end = first_zero(&a, es, true) >> es;
    }
    cpu->cc = end < n ? 1 : 0;
    x.d[0] = 16;
    for (k = 0; len && k < end; k++) {
        got = vstrs_at(&a, &sub, es, k, len);
        if (got == len && k + len <= end) {
            cpu->cc = 2;
            break;
        }
        if (got && got < len && end == n) {
            cpu->cc = 3;
            break;
        }
    }
    if (!len) {
        cpu->cc = 2;
        k = 0;
    }
    if (cpu->cc >= 2) {
        x.d[0] = k << es;
    }
    uv_set_vr(cpu, d->r1, x);
}
