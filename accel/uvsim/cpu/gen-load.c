/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-load.c - general instructions: loads, stores, inserts, immediates,
 * load/store multiple and load/store on condition.
 */
#include "internal.h"

/* ---- register to register ---- */

UV_HANDLER(lr)    { uv_set_r32(cpu, d->r1, uv_r32(cpu, d->r2)); }
UV_HANDLER(lgr)   { GR(d->r1) = GR(d->r2); }
UV_HANDLER(lgfr)  { GR(d->r1) = (int32_t)GR(d->r2); }
UV_HANDLER(llgfr) { GR(d->r1) = (uint32_t)GR(d->r2); }
UV_HANDLER(llgtr) { GR(d->r1) = GR(d->r2) & 0x7fffffff; }
UV_HANDLER(lbr)   { uv_set_r32(cpu, d->r1, (int8_t)GR(d->r2)); }
UV_HANDLER(lgbr)  { GR(d->r1) = (int8_t)GR(d->r2); }
UV_HANDLER(lhr)   { uv_set_r32(cpu, d->r1, (int16_t)GR(d->r2)); }
UV_HANDLER(lghr)  { GR(d->r1) = (int16_t)GR(d->r2); }
UV_HANDLER(llcr)  { uv_set_r32(cpu, d->r1, (uint8_t)GR(d->r2)); }
UV_HANDLER(llgcr) { GR(d->r1) = (uint8_t)GR(d->r2); }
UV_HANDLER(llhr)  { uv_set_r32(cpu, d->r1, (uint16_t)GR(d->r2)); }
UV_HANDLER(llghr) { GR(d->r1) = (uint16_t)GR(d->r2); }

UV_HANDLER(ltr)
{
    int32_t v = GR(d->r2);

    uv_set_r32(cpu, d->r1, v);
    cpu->cc = uv_cc_signed(v);
}

UV_HANDLER(ltgr)
{
    GR(d->r1) = GR(d->r2);
    cpu->cc = uv_cc_signed(GR(d->r1));
}

UV_HANDLER(ltgfr)
{
    GR(d->r1) = (int32_t)GR(d->r2);
    cpu->cc = uv_cc_signed(GR(d->r1));
}

/* FPR <-> GR transfers (the FPRs are the left halves of VRs 0-15). */
UV_HANDLER(ldgr)  { cpu->r.vregs[d->r1][0] = GR(d->r2); }
UV_HANDLER(lgdr)  { GR(d->r1) = cpu->r.vregs[d->r2][0]; }

/* ---- storage to register ---- */

UV_HANDLER(l)     { uv_set_r32(cpu, d->r1, uv_ld32(cpu, uv_a2(cpu, d))); }
UV_HANDLER(lg)    { GR(d->r1) = uv_ld64(cpu, uv_a2(cpu, d)); }
UV_HANDLER(lgf)   { GR(d->r1) = (int32_t)uv_ld32(cpu, uv_a2(cpu, d)); }
UV_HANDLER(lb)    { uv_set_r32(cpu, d->r1, (int8_t)uv_ld8(cpu, uv_a2(cpu, d))); }
UV_HANDLER(lgb)   { GR(d->r1) = (int8_t)uv_ld8(cpu, uv_a2(cpu, d)); }
UV_HANDLER(lh)    { uv_set_r32(cpu, d->r1, (int16_t)uv_ld16(cpu, uv_a2(cpu, d))); }
UV_HANDLER(lgh)   { GR(d->r1) = (int16_t)uv_ld16(cpu, uv_a2(cpu, d)); }
UV_HANDLER(llc)   { uv_set_r32(cpu, d->r1, uv_ld8(cpu, uv_a2(cpu, d))); }
UV_HANDLER(llgc)  { GR(d->r1) = uv_ld8(cpu, uv_a2(cpu, d)); }
UV_HANDLER(llh)   { uv_set_r32(cpu, d->r1, uv_ld16(cpu, uv_a2(cpu, d))); }
UV_HANDLER(llgh)  { GR(d->r1) = uv_ld16(cpu, uv_a2(cpu, d)); }
UV_HANDLER(llgf)  { GR(d->r1) = uv_ld32(cpu, uv_a2(cpu, d)); }
UV_HANDLER(llgt)  { GR(d->r1) = uv_ld32(cpu, uv_a2(cpu, d)) & 0x7fffffff; }

UV_HANDLER(lt)
{
    int32_t v = uv_ld32(cpu, uv_a2(cpu, d));

    uv_set_r32(cpu, d->r1, v);
    cpu->cc = uv_cc_signed(v);
}

UV_HANDLER(ltg)
{
    GR(d->r1) = uv_ld64(cpu, uv_a2(cpu, d));
    cpu->cc = uv_cc_signed(GR(d->r1));
}

UV_HANDLER(ltgf)
{
    GR(d->r1) = (int32_t)uv_ld32(cpu, uv_a2(cpu, d));
    cpu->cc = uv_cc_signed(GR(d->r1));
}

/* Relative-long operands must be aligned on their own size. */
static uint64_t rel_aligned(UvCpu *cpu, const UvInsn *d, unsigned size)
{
    uint64_t a = uv_rel(cpu, d);

    if (a & (size - 1)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return a;
}

UV_HANDLER(lrl)    { uv_set_r32(cpu, d->r1, uv_ld32(cpu, rel_aligned(cpu, d, 4))); }
UV_HANDLER(lgrl)   { GR(d->r1) = uv_ld64(cpu, rel_aligned(cpu, d, 8)); }
UV_HANDLER(lgfrl)  { GR(d->r1) = (int32_t)uv_ld32(cpu, rel_aligned(cpu, d, 4)); }
UV_HANDLER(llgfrl) { GR(d->r1) = uv_ld32(cpu, rel_aligned(cpu, d, 4)); }
UV_HANDLER(lhrl)   { uv_set_r32(cpu, d->r1, (int16_t)uv_ld16(cpu, uv_rel(cpu, d))); }
UV_HANDLER(lghrl)  { GR(d->r1) = (int16_t)uv_ld16(cpu, uv_rel(cpu, d)); }
UV_HANDLER(llhrl)  { uv_set_r32(cpu, d->r1, uv_ld16(cpu, uv_rel(cpu, d))); }
UV_HANDLER(llghrl) { GR(d->r1) = uv_ld16(cpu, uv_rel(cpu, d)); }

/* ---- addresses and immediates ---- */

UV_HANDLER(la)    { GR(d->r1) = uv_a2(cpu, d) | (GR(d->r1) & ~cpu->amask & ~0xffffffffULL); }
UV_HANDLER(larl)  { GR(d->r1) = uv_rel(cpu, d) | (GR(d->r1) & ~cpu->amask & ~0xffffffffULL); }
UV_HANDLER(lhi)   { uv_set_r32(cpu, d->r1, d->imm); }
UV_HANDLER(lghi)  { GR(d->r1) = d->imm; }
UV_HANDLER(lgfi)  { GR(d->r1) = d->imm; }

/* Sets halfword/word field @shift..@shift+@bits of GR r1, zeroing or keeping the rest. */
static inline void load_imm(UvCpu *cpu, const UvInsn *d, unsigned shift,
                            unsigned bits, bool keep)
{
    uint64_t field = ((1ULL << bits) - 1) << shift;
    uint64_t v = ((uint64_t)d->imm << shift) & field;

    GR(d->r1) = keep ? (GR(d->r1) & ~field) | v : v;
}

UV_HANDLER(llihh) { load_imm(cpu, d, 48, 16, false); }
UV_HANDLER(llihl) { load_imm(cpu, d, 32, 16, false); }
UV_HANDLER(llilh) { load_imm(cpu, d, 16, 16, false); }
UV_HANDLER(llill) { load_imm(cpu, d, 0, 16, false); }
UV_HANDLER(llihf) { load_imm(cpu, d, 32, 32, false); }
UV_HANDLER(llilf) { load_imm(cpu, d, 0, 32, false); }
UV_HANDLER(iihh)  { load_imm(cpu, d, 48, 16, true); }
UV_HANDLER(iihl)  { load_imm(cpu, d, 32, 16, true); }
UV_HANDLER(iilh)  { load_imm(cpu, d, 16, 16, true); }
UV_HANDLER(iill)  { load_imm(cpu, d, 0, 16, true); }
UV_HANDLER(iihf)  { load_imm(cpu, d, 32, 32, true); }
UV_HANDLER(iilf)  { load_imm(cpu, d, 0, 32, true); }

/* ---- stores ---- */

UV_HANDLER(st)    { uv_st(cpu, uv_a2(cpu, d), GR(d->r1), 4); }
UV_HANDLER(stg)   { uv_st(cpu, uv_a2(cpu, d), GR(d->r1), 8); }
UV_HANDLER(sth)   { uv_st(cpu, uv_a2(cpu, d), GR(d->r1), 2); }
UV_HANDLER(stc)   { uv_st(cpu, uv_a2(cpu, d), GR(d->r1), 1); }
UV_HANDLER(strl)  { uv_st(cpu, rel_aligned(cpu, d, 4), GR(d->r1), 4); }
UV_HANDLER(stgrl) { uv_st(cpu, rel_aligned(cpu, d, 8), GR(d->r1), 8); }
UV_HANDLER(sthrl) { uv_st(cpu, uv_rel(cpu, d), GR(d->r1), 2); }
UV_HANDLER(mvhhi) { uv_st(cpu, uv_a1(cpu, d), d->imm, 2); }
UV_HANDLER(mvhi)  { uv_st(cpu, uv_a1(cpu, d), d->imm, 4); }
UV_HANDLER(mvghi) { uv_st(cpu, uv_a1(cpu, d), d->imm, 8); }

/* ---- load / store multiple (register numbers wrap from 15 to 0) ---- */

static void load_multiple(UvCpu *cpu, const UvInsn *d, unsigned size,
                          unsigned shift)
{
    unsigned n = ((d->r3 - d->r1) & 15) + 1;
    uint64_t field = (size == 8 ? UINT64_MAX : 0xffffffffULL) << shift;
    uint64_t vals[16];
    UvSpan s;
    unsigned i, r, b;

    uv_span(cpu, &s, uv_a2(cpu, d), n * size, UVCPU_ACCESS_READ);
    for (i = 0; i < n; i++) {
        vals[i] = 0;
        for (b = 0; b < size; b++) {
            vals[i] = (vals[i] << 8) | *uv_span_ptr(&s, i * size + b);
        }
    }
    for (i = 0; i < n; i++) {
        r = (d->r1 + i) & 15;
        GR(r) = (GR(r) & ~field) | (vals[i] << shift);
    }
}

static void store_multiple(UvCpu *cpu, const UvInsn *d, unsigned size,
                           unsigned shift)
{
    unsigned n = ((d->r3 - d->r1) & 15) + 1;
    UvSpan s;
    unsigned i, b;
    uint64_t v;

    uv_span(cpu, &s, uv_a2(cpu, d), n * size, UVCPU_ACCESS_WRITE);
    for (i = 0; i < n; i++) {
        v = GR((d->r1 + i) & 15) >> shift;
        for (b = 0; b < size; b++) {
            *uv_span_ptr(&s, i * size + b) = v >> (8 * (size - 1 - b));
        }
    }
}

UV_HANDLER(lm)    { load_multiple(cpu, d, 4, 0); }
UV_HANDLER(lmg)   { load_multiple(cpu, d, 8, 0); }
UV_HANDLER(stm)   { store_multiple(cpu, d, 4, 0); }
UV_HANDLER(stmg)  { store_multiple(cpu, d, 8, 0); }

/* ---- insert / store characters under mask ---- */

/*
 * ICM-style: the bytes of storage go, left to right, into the bytes of
 * the 32-bit field at @shift that mask @m selects.  CC from the inserted
 * bits: 0 all zero (or mask 0), 1 leftmost inserted bit one, 2 else.
 */
static void insert_under_mask(UvCpu *cpu, const UvInsn *d, unsigned shift)
{
    unsigned m = d->m3, n = __builtin_popcount(m);
    uint64_t a = uv_a2(cpu, d);
    uint64_t r = GR(d->r1);
    uint32_t ins = 0, first = 0;
    unsigned i, k = 0;
    uint8_t byte;

    for (i = 0; i < 4; i++) {
        if (m & (8 >> i)) {
            byte = uv_ld8(cpu, uv_wrap(cpu, a + k));
            if (k++ == 0) {
                first = byte;
            }
            ins |= byte;
            r = (r & ~(0xffULL << (shift + 24 - 8 * i))) |
                ((uint64_t)byte << (shift + 24 - 8 * i));
        }
    }
    GR(d->r1) = r;
    cpu->cc = (n == 0 || ins == 0) ? 0 : (first & 0x80) ? 1 : 2;
}

static void store_under_mask(UvCpu *cpu, const UvInsn *d, unsigned shift)
{
    unsigned m = d->m3, n = __builtin_popcount(m);
    uint64_t a = uv_a2(cpu, d);
    UvSpan s;
    unsigned i, k = 0;

    if (n == 0) {
        return;
    }
    uv_span(cpu, &s, a, n, UVCPU_ACCESS_WRITE);
    for (i = 0; i < 4; i++) {
        if (m & (8 >> i)) {
            *uv_span_ptr(&s, k++) = GR(d->r1) >> (shift + 24 - 8 * i);
        }
    }
}

UV_HANDLER(ic)    { GR(d->r1) = (GR(d->r1) & ~0xffULL) | uv_ld8(cpu, uv_a2(cpu, d)); }
UV_HANDLER(icm)   { insert_under_mask(cpu, d, 0); }
UV_HANDLER(icmh)  { insert_under_mask(cpu, d, 32); }
UV_HANDLER(stcm)  { store_under_mask(cpu, d, 0); }
UV_HANDLER(stcmh) { store_under_mask(cpu, d, 32); }

/* ---- load / store on condition ---- */

UV_HANDLER(locr)
{
    if (uv_cc_match(cpu, d->m3)) {
        uv_set_r32(cpu, d->r1, GR(d->r2));
    }
}

UV_HANDLER(locgr)
{
    if (uv_cc_match(cpu, d->m3)) {
        GR(d->r1) = GR(d->r2);
    }
}

/*
 * SELECT (facility 61): R1 = R2 if the CC matches M4, else R3; the CC
 * is unchanged.  SELFHR is next to the other high-word instructions.
 */
UV_HANDLER(selr)
{
    uv_set_r32(cpu, d->r1, GR(uv_cc_match(cpu, d->m4) ? d->r2 : d->r3));
}

UV_HANDLER(selgr)
{
    GR(d->r1) = GR(uv_cc_match(cpu, d->m4) ? d->r2 : d->r3);
}

UV_HANDLER(lochi)
{
    if (uv_cc_match(cpu, d->m3)) {
        uv_set_r32(cpu, d->r1, d->imm);
    }
}

UV_HANDLER(locghi)
{
    if (uv_cc_match(cpu, d->m3)) {
        GR(d->r1) = d->imm;
    }
}

/* The storage operand is not accessed when the condition is false. */
UV_HANDLER(loc)
{
    if (uv_cc_match(cpu, d->m3)) {
        uv_set_r32(cpu, d->r1, uv_ld32(cpu, uv_a2(cpu, d)));
    }
}

UV_HANDLER(locg)
{
    if (uv_cc_match(cpu, d->m3)) {
        GR(d->r1) = uv_ld64(cpu, uv_a2(cpu, d));
    }
}

UV_HANDLER(stoc)
{
    if (uv_cc_match(cpu, d->m3)) {
        uv_st(cpu, uv_a2(cpu, d), GR(d->r1), 4);
    }
}

UV_HANDLER(stocg)
{
    if (uv_cc_match(cpu, d->m3)) {
        uv_st(cpu, uv_a2(cpu, d), GR(d->r1), 8);
    }
}

/* ---- byte-reversed loads and stores (LOAD/STORE REVERSED) ---- */

UV_HANDLER(lrvr)  { uv_set_r32(cpu, d->r1, GUINT32_SWAP_LE_BE(uv_r32(cpu, d->r2))); }
UV_HANDLER(lrvgr) { GR(d->r1) = GUINT64_SWAP_LE_BE(GR(d->r2)); }
UV_HANDLER(lrv)   { uv_set_r32(cpu, d->r1, GUINT32_SWAP_LE_BE(uv_ld32(cpu, uv_a2(cpu, d)))); }
UV_HANDLER(lrvg)  { GR(d->r1) = GUINT64_SWAP_LE_BE(uv_ld64(cpu, uv_a2(cpu, d))); }

/* LRVH replaces bits 48-63 only. */
UV_HANDLER(lrvh)
{
    uint16_t v = GUINT16_SWAP_LE_BE(uv_ld16(cpu, uv_a2(cpu, d)));

    GR(d->r1) = (GR(d->r1) & ~0xffffULL) | v;
}

UV_HANDLER(strv)  { uv_st(cpu, uv_a2(cpu, d), GUINT32_SWAP_LE_BE(uv_r32(cpu, d->r1)), 4); }
UV_HANDLER(strvg) { uv_st(cpu, uv_a2(cpu, d), GUINT64_SWAP_LE_BE(GR(d->r1)), 8); }
UV_HANDLER(strvh) { uv_st(cpu, uv_a2(cpu, d), GUINT16_SWAP_LE_BE((uint16_t)GR(d->r1)), 2); }

/* ---- load and zero rightmost byte (facility 53) ---- */

UV_HANDLER(lzrf)   { uv_set_r32(cpu, d->r1, uv_ld32(cpu, uv_a2(cpu, d)) & ~0xffu); }
UV_HANDLER(lzrg)   { GR(d->r1) = uv_ld64(cpu, uv_a2(cpu, d)) & ~0xffULL; }
UV_HANDLER(llzrgf) { GR(d->r1) = uv_ld32(cpu, uv_a2(cpu, d)) & ~0xffULL; }
