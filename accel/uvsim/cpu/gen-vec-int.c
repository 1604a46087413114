/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-vec-int.c - vector facility (129): integer element arithmetic,
 * logic, compares, minimum/maximum, average, complement and counts.
 *
 * The element-wise instructions share one loop (elementwise()) over
 * elements of size ES with an operation on zero-extended 64-bit values;
 * the quadword forms of add and subtract work on unsigned __int128.
 */
#include "vec.h"

/* An element operation: @a, @b zero-extended elements of @bits bits. */
typedef uint64_t VecOp(uint64_t a, uint64_t b, unsigned bits);

static int64_t sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static uint64_t elem_mask(unsigned bits)
{
    return bits == 64 ? UINT64_MAX : (1ULL << bits) - 1;
}

/* V1 = op(V2, V3) element by element, for element sizes 0 ... @max_es. */
static void elementwise(UvCpu *cpu, const UvInsn *d, unsigned es,
                        unsigned max_es, VecOp *op)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), x = { { 0, 0 } };
    unsigned i;

    uv_vec_check_es(cpu, es, max_es);
    for (i = 0; i < uv_vec_nelem(es); i++) {
        uv_vec_set(&x, es, i, op(uv_vec_get(&a, es, i), uv_vec_get(&b, es, i),
                                 8 << es));
    }
    uv_set_vr(cpu, d->r1, x);
}

static uint64_t op_add(uint64_t a, uint64_t b, unsigned bits)
{
    return a + b;
}

static uint64_t op_sub(uint64_t a, uint64_t b, unsigned bits)
{
    return a - b;
}

static uint64_t op_carry(uint64_t a, uint64_t b, unsigned bits)
{
    return ((a + b) & elem_mask(bits)) < a;
}

/* Borrow indication: 1 when there is no borrow. */
static uint64_t op_noborrow(uint64_t a, uint64_t b, unsigned bits)
{
    return a >= b;
}

/*
 * VA/VS/VACC/VSCBI: element sizes 0-3 element-wise, 4 on the whole
 * register as one 128-bit integer.
 */
static void add_family(UvCpu *cpu, const UvInsn *d, VecOp *op)
{
    UvVec va = uv_vr(cpu, d->r2), vb = uv_vr(cpu, d->r3);
    unsigned __int128 a = uv_vec_u128(&va), b = uv_vec_u128(&vb), r;

    if (d->m4 != UV_ES_Q) {
        elementwise(cpu, d, d->m4, UV_ES_G, op);
        return;
    }
    if (op == op_add) {
        r = a + b;
    } else if (op == op_sub) {
        r = a - b;
    } else if (op == op_carry) {
        r = a + b < a;
    } else {
        r = a >= b;
    }
    uv_set_vr(cpu, d->r1, uv_vec_from_u128(r));
}

UV_HANDLER(va)    { add_family(cpu, d, op_add); }
UV_HANDLER(vs)    { add_family(cpu, d, op_sub); }
UV_HANDLER(vacc)  { add_family(cpu, d, op_carry); }
UV_HANDLER(vscbi) { add_family(cpu, d, op_noborrow); }

/*
 * VAC, VACCC, VSBI, VSBCBI: 128-bit V2 + V3 (or + ~V3) + the carry in
 * bit 127 of V4; the sum, or its carry out.  Only M5 = 4 is valid.
 */
static void add_carry(UvCpu *cpu, const UvInsn *d, bool sub, bool carry_out)
{
    UvVec va = uv_vr(cpu, d->r2), vb = uv_vr(cpu, d->r3);
    unsigned __int128 a = uv_vec_u128(&va), b = uv_vec_u128(&vb);
    unsigned __int128 cin = cpu->r.vregs[d->r4][1] & 1, s1, s;

    if (d->m5 != UV_ES_Q) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    if (sub) {
        b = ~b;
    }
    s1 = a + b;
    s = s1 + cin;
    uv_set_vr(cpu, d->r1, uv_vec_from_u128(carry_out ? (s1 < a || s < s1) : s));
}

UV_HANDLER(vac)    { add_carry(cpu, d, false, false); }
UV_HANDLER(vaccc)  { add_carry(cpu, d, false, true); }
UV_HANDLER(vsbi)   { add_carry(cpu, d, true, false); }
UV_HANDLER(vsbcbi) { add_carry(cpu, d, true, true); }

/* ---- logic: the whole register ---- */

typedef enum {
    LOG_AND, LOG_ANDC, LOG_OR, LOG_XOR, LOG_NOR, LOG_NAND, LOG_NXOR, LOG_ORC,
} LogicOp;

static void logic(UvCpu *cpu, const UvInsn *d, LogicOp op)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3);
    uint64_t r[2];
    unsigned i;

    for (i = 0; i < 2; i++) {
        switch (op) {
        case LOG_AND:  r[i] = a.d[i] & b.d[i]; break;
        case LOG_ANDC: r[i] = a.d[i] & ~b.d[i]; break;
        case LOG_OR:   r[i] = a.d[i] | b.d[i]; break;
        case LOG_XOR:  r[i] = a.d[i] ^ b.d[i]; break;
        case LOG_NOR:  r[i] = ~(a.d[i] | b.d[i]); break;
        case LOG_NAND: r[i] = ~(a.d[i] & b.d[i]); break;
        case LOG_NXOR: r[i] = ~(a.d[i] ^ b.d[i]); break;
        default:       r[i] = a.d[i] | ~b.d[i]; break;
        }
    }
    uv_set_vr(cpu, d->r1, (UvVec) { { r[0], r[1] } });
}

UV_HANDLER(vn)  { logic(cpu, d, LOG_AND); }
UV_HANDLER(vnc) { logic(cpu, d, LOG_ANDC); }
UV_HANDLER(vo)  { logic(cpu, d, LOG_OR); }
UV_HANDLER(vx)  { logic(cpu, d, LOG_XOR); }
UV_HANDLER(vno) { logic(cpu, d, LOG_NOR); }
UV_HANDLER(vnn) { logic(cpu, d, LOG_NAND); }
UV_HANDLER(vnx) { logic(cpu, d, LOG_NXOR); }
UV_HANDLER(voc) { logic(cpu, d, LOG_ORC); }

/* ---- average, minimum, maximum ---- */

static uint64_t op_avg(uint64_t a, uint64_t b, unsigned bits)
{
    __int128 s = (__int128)sext(a, bits) + sext(b, bits) + 1;

    return (uint64_t)(s >> 1);
}

static uint64_t op_avgl(uint64_t a, uint64_t b, unsigned bits)
{
    unsigned __int128 s = (unsigned __int128)a + b + 1;

    return (uint64_t)(s >> 1);
}

static uint64_t op_max(uint64_t a, uint64_t b, unsigned bits)
{
    return sext(a, bits) > sext(b, bits) ? a : b;
}

static uint64_t op_maxl(uint64_t a, uint64_t b, unsigned bits)
{
    return a > b ? a : b;
}

static uint64_t op_min(uint64_t a, uint64_t b, unsigned bits)
{
    return sext(a, bits) < sext(b, bits) ? a : b;
}

static uint64_t op_minl(uint64_t a, uint64_t b, unsigned bits)
{
    return a < b ? a : b;
}

UV_HANDLER(vavg)  { elementwise(cpu, d, d->m4, UV_ES_G, op_avg); }
UV_HANDLER(vavgl) { elementwise(cpu, d, d->m4, UV_ES_G, op_avgl); }
UV_HANDLER(vmx)   { elementwise(cpu, d, d->m4, UV_ES_G, op_max); }
UV_HANDLER(vmxl)  { elementwise(cpu, d, d->m4, UV_ES_G, op_maxl); }
UV_HANDLER(vmn)   { elementwise(cpu, d, d->m4, UV_ES_G, op_min); }
UV_HANDLER(vmnl)  { elementwise(cpu, d, d->m4, UV_ES_G, op_minl); }

/* ---- compares ---- */

typedef enum { CMP_EQ, CMP_H, CMP_HL } CmpKind;

/*
 * VCEQ/VCH/VCHL: all ones in each element where the compare holds; with
 * the CS bit of M5, CC 0 all true, 1 some, 3 none.
 */
static void compare(UvCpu *cpu, const UvInsn *d, CmpKind kind)
{
    UvVec a = uv_vr(cpu, d->r2), b = uv_vr(cpu, d->r3), x = { { 0, 0 } };
    unsigned es = d->m4, bits, n, i, ntrue = 0;
    uint64_t ea, eb;
    bool t;

    uv_vec_check_es(cpu, es, UV_ES_G);
    bits = 8 << es;
    n = uv_vec_nelem(es);
    for (i = 0; i < n; i++) {
        ea = uv_vec_get(&a, es, i);
        eb = uv_vec_get(&b, es, i);
        t = kind == CMP_EQ ? ea == eb :
            kind == CMP_H ? sext(ea, bits) > sext(eb, bits) : ea > eb;
        uv_vec_set(&x, es, i, t ? UINT64_MAX : 0);
        ntrue += t;
    }
    uv_set_vr(cpu, d->r1, x);
    if (d->m5 & 1) {
        cpu->cc = ntrue == n ? 0 : ntrue ? 1 : 3;
    }
}

UV_HANDLER(vceq) { compare(cpu, d, CMP_EQ); }
UV_HANDLER(vch)  { compare(cpu, d, CMP_H); }
UV_HANDLER(vchl) { compare(cpu, d, CMP_HL); }

/* VEC/VECL: the rightmost element of doubleword 0 of V1 against V2's. */
static void elem_compare(UvCpu *cpu, const UvInsn *d, bool sign)
{
    UvVec a = uv_vr(cpu, d->r1), b = uv_vr(cpu, d->r2);
    unsigned es = d->m3, i;

    uv_vec_check_es(cpu, es, UV_ES_G);
    i = uv_vec_nelem(es) / 2 - 1;
    cpu->cc = sign ? uv_cc_cmp_s(uv_vec_sget(&a, es, i), uv_vec_sget(&b, es, i))
                   : uv_cc_cmp_u(uv_vec_get(&a, es, i), uv_vec_get(&b, es, i));
}

UV_HANDLER(vec)  { elem_compare(cpu, d, true); }
UV_HANDLER(vecl) { elem_compare(cpu, d, false); }

UV_HANDLER(vtm)
{
    UvVec a = uv_vr(cpu, d->r1), m = uv_vr(cpu, d->r2);
    uint64_t sel = 0, ones = 0;
    unsigned i;

    for (i = 0; i < 2; i++) {
        sel |= m.d[i];
        ones |= a.d[i] & m.d[i];
    }
    if (!sel || !ones) {
        cpu->cc = 0;
    } else {
        cpu->cc = ((a.d[0] & m.d[0]) == m.d[0] &&
                   (a.d[1] & m.d[1]) == m.d[1]) ? 3 : 1;
    }
}

/* ---- unary element operations: V1 = op(V2) with size M3 ---- */

static uint64_t op_neg(uint64_t a, uint64_t unused, unsigned bits)
{
    return -a;
}

static uint64_t op_abs(uint64_t a, uint64_t unused, unsigned bits)
{
    return sext(a, bits) < 0 ? -a : a;
}

static uint64_t op_clz(uint64_t a, uint64_t unused, unsigned bits)
{
    return a ? (unsigned)__builtin_clzll(a) - (64 - bits) : bits;
}

static uint64_t op_ctz(uint64_t a, uint64_t unused, unsigned bits)
{
    return a ? (unsigned)__builtin_ctzll(a) : bits;
}

static uint64_t op_popcnt(uint64_t a, uint64_t unused, unsigned bits)
{
    return __builtin_popcountll(a);
}

static void unary(UvCpu *cpu, const UvInsn *d, unsigned es, VecOp *op)
{
    UvVec a = uv_vr(cpu, d->r2), x = { { 0, 0 } };
    unsigned i;

    uv_vec_check_es(cpu, es, UV_ES_G);
    for (i = 0; i < uv_vec_nelem(es); i++) {
        uv_vec_set(&x, es, i, op(uv_vec_get(&a, es, i), 0, 8 << es));
    }
    uv_set_vr(cpu, d->r1, x);
}

UV_HANDLER(vlc)  { unary(cpu, d, d->m3, op_neg); }
UV_HANDLER(vlp)  { unary(cpu, d, d->m3, op_abs); }
UV_HANDLER(vclz) { unary(cpu, d, d->m3, op_clz); }
UV_HANDLER(vctz) { unary(cpu, d, d->m3, op_ctz); }

UV_HANDLER(vpopct)
{
    /* Byte counts only, unless vector-enhancements 1 adds the others. */
    if (d->m3 != UV_ES_B && !uvcpu_has_facility(cpu, 135)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    unary(cpu, d, d->m3, op_popcnt);
}
