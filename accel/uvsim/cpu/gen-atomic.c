/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-atomic.c - the interlocked instructions beyond CS/CSG (gen-misc.c):
 * COMPARE DOUBLE AND SWAP of 128 bits (CDSG), LOAD/STORE PAIR FROM/TO
 * QUADWORD (LPQ, STPQ), LOAD PAIR DISJOINT (LPD, LPDG) and the privileged
 * COMPARE AND SWAP AND PURGE (CSP, CSPG).
 *
 * 128-bit operands use the host's 16-byte compare-and-swap: with
 * __GCC_HAVE_SYNC_COMPARE_AND_SWAP_16 (x86-64 built with -mcx16, see
 * meson.build; aarch64) it is inlined (CMPXCHG16B, CASP); otherwise
 * __atomic_compare_exchange_n goes through libatomic, which may take a
 * lock of its own but is still atomic against every other vCPU thread
 * using it.  Guest storage is mapped page by page, so an aligned guest
 * quadword is an aligned host quadword.
 */
#include "internal.h"

typedef unsigned __int128 uv_u128;

/* Host address of the aligned @size-byte operand at @a, for a store. */
static void *aligned_ptr(UvCpu *cpu, uint64_t a, unsigned size,
                         UvCpuAccess acc)
{
    if (a & (size - 1)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return uv_translate(cpu, a, acc) + (a & ~UVCPU_PAGE_MASK);
}

/* Big-endian guest quadword <-> host value. */
static uv_u128 q_from_be(uv_u128 v)
{
    uint64_t w[2];

    memcpy(w, &v, 16);
    return ((uv_u128)GUINT64_FROM_BE(w[0]) << 64) | GUINT64_FROM_BE(w[1]);
}

static uv_u128 q_to_be(uv_u128 v)
{
    uint64_t w[2] = { GUINT64_TO_BE((uint64_t)(v >> 64)),
                      GUINT64_TO_BE((uint64_t)v) };
    uv_u128 r;

    memcpy(&r, w, 16);
    return r;
}

/*
 * Atomically: if *@p is *@expected (host byte order of guest storage),
 * store @new; else load *@p into *@expected.  Returns whether it stored.
 */
static bool cas128(uv_u128 *p, uv_u128 *expected, uv_u128 new)
{
#ifdef __GCC_HAVE_SYNC_COMPARE_AND_SWAP_16
    uv_u128 old = __sync_val_compare_and_swap(p, *expected, new);
    bool ok = old == *expected;

    *expected = old;
    return ok;
#else
    return __atomic_compare_exchange_n(p, expected, new, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
#endif
}

static uv_u128 pair_get128(const UvCpu *cpu, unsigned r)
{
    return ((uv_u128)cpu->r.regs[r] << 64) | cpu->r.regs[r + 1];
}

static void pair_set128(UvCpu *cpu, unsigned r, uv_u128 v)
{
    cpu->r.regs[r] = v >> 64;
    cpu->r.regs[r + 1] = (uint64_t)v;
}

/* COMPARE DOUBLE AND SWAP (64-bit pairs): CC 0 swapped, CC 1 loaded. */
UV_HANDLER(cdsg)
{
    uv_u128 *p, old;

    uv_check_even(cpu, d->r1);
    uv_check_even(cpu, d->r3);
    p = aligned_ptr(cpu, uv_a2(cpu, d), 16, UVCPU_ACCESS_WRITE);
    old = q_to_be(pair_get128(cpu, d->r1));
    if (cas128(p, &old, q_to_be(pair_get128(cpu, d->r3)))) {
        cpu->cc = 0;
    } else {
        pair_set128(cpu, d->r1, q_from_be(old));
        cpu->cc = 1;
    }
}

/* LOAD PAIR FROM QUADWORD: one interlocked 16-byte fetch. */
UV_HANDLER(lpq)
{
    uv_u128 *p, v = 0;

    uv_check_even(cpu, d->r1);
    /* The CAS writes back the value it found: storage does not change. */
    p = aligned_ptr(cpu, uv_a2(cpu, d), 16, UVCPU_ACCESS_READ);
#ifdef __GCC_HAVE_SYNC_COMPARE_AND_SWAP_16
    v = __sync_val_compare_and_swap(p, v, v);
#else
    v = __atomic_load_n(p, __ATOMIC_SEQ_CST);
#endif
    pair_set128(cpu, d->r1, q_from_be(v));
}

/* STORE PAIR TO QUADWORD: one interlocked 16-byte store. */
UV_HANDLER(stpq)
{
    uv_u128 *p, old, new;

    uv_check_even(cpu, d->r1);
    p = aligned_ptr(cpu, uv_a2(cpu, d), 16, UVCPU_ACCESS_WRITE);
    new = q_to_be(pair_get128(cpu, d->r1));
    old = *(volatile uv_u128 *)p;
    while (!cas128(p, &old, new)) {
        /* old was reloaded: try again */
    }
}

/*
 * LOAD PAIR DISJOINT: operand 1 into R3, operand 2 into R3 + 1.  CC 0
 * when the two fetches are known to be interlocked: here, when the first
 * operand still holds its value after the second was fetched (an ABA
 * change between them goes unnoticed, which the architecture's CC 0
 * excludes only for stores by other CPUs that it could observe).
 */
static void load_pair_disjoint(UvCpu *cpu, const UvInsn *d, unsigned size)
{
    void *p1, *p2;
    uint64_t a, b, again;

    uv_check_even(cpu, d->r3);
    p1 = aligned_ptr(cpu, uv_a1(cpu, d), size, UVCPU_ACCESS_READ);
    p2 = aligned_ptr(cpu, uv_a2(cpu, d), size, UVCPU_ACCESS_READ);
    if (size == 4) {
        a = GUINT32_FROM_BE(__atomic_load_n((uint32_t *)p1, __ATOMIC_SEQ_CST));
        b = GUINT32_FROM_BE(__atomic_load_n((uint32_t *)p2, __ATOMIC_SEQ_CST));
        again = GUINT32_FROM_BE(__atomic_load_n((uint32_t *)p1, __ATOMIC_SEQ_CST));
        uv_set_r32(cpu, d->r3, a);
        uv_set_r32(cpu, d->r3 + 1, b);
    } else {
        a = GUINT64_FROM_BE(__atomic_load_n((uint64_t *)p1, __ATOMIC_SEQ_CST));
        b = GUINT64_FROM_BE(__atomic_load_n((uint64_t *)p2, __ATOMIC_SEQ_CST));
        again = GUINT64_FROM_BE(__atomic_load_n((uint64_t *)p1, __ATOMIC_SEQ_CST));
        GR(d->r3) = a;
        GR(d->r3 + 1) = b;
    }
    cpu->cc = a == again ? 0 : 3;
}

UV_HANDLER(lpd)  { load_pair_disjoint(cpu, d, 4); }
UV_HANDLER(lpdg) { load_pair_disjoint(cpu, d, 8); }

/*
 * COMPARE AND SWAP AND PURGE: compare R1 (low word for CSP) with the
 * operand at R2 (bits 62-63 of R2 are flags, not address), store R1 + 1
 * on equality and, if bit 63 of R2 is one, purge the TLBs of every CPU
 * (as IPTE does: sys->tlb_gen, at each CPU's next slice boundary; this
 * CPU at once).
 */
static void csp_common(UvCpu *cpu, const UvInsn *d, unsigned size)
{
    uint64_t a = uv_wrap(cpu, GR(d->r2) & ~(uint64_t)(size - 1));
    void *p;
    bool ok;
    uint32_t o32;
    uint64_t o64;

    uv_check_even(cpu, d->r1);
    p = aligned_ptr(cpu, a, size, UVCPU_ACCESS_WRITE);
    if (size == 4) {
        o32 = GUINT32_TO_BE(uv_r32(cpu, d->r1));
        ok = __atomic_compare_exchange_n((uint32_t *)p, &o32,
                                         GUINT32_TO_BE(uv_r32(cpu, d->r1 + 1)),
                                         false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
        if (!ok) {
            uv_set_r32(cpu, d->r1, GUINT32_FROM_BE(o32));
        }
    } else {
        o64 = GUINT64_TO_BE(GR(d->r1));
        ok = __atomic_compare_exchange_n((uint64_t *)p, &o64,
                                         GUINT64_TO_BE(GR(d->r1 + 1)),
                                         false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
        if (!ok) {
            GR(d->r1) = GUINT64_FROM_BE(o64);
        }
    }
    cpu->cc = !ok;
    if (ok && (GR(d->r2) & 1)) {
        g_atomic_int_inc(&cpu->sys->tlb_gen);
        uvcpu_tlb_flush(cpu);
    }
}

UV_HANDLER(csp)  { csp_common(cpu, d, 4); }
UV_HANDLER(cspg) { csp_common(cpu, d, 8); }
