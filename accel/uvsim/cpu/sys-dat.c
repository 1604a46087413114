/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys-dat.c - the instructions of dynamic address translation and real
 * storage: PTLB, IPTE, IDTE, LRA/LRAG, TPROT, LURA/LURAG, STURA/STURG and
 * TEST BLOCK.  The s390x KVM kernel completes all of them itself
 * (kvm-s390-intercepts.md 4.1: IPTE/IDTE after its IPTE interlock, TPROT,
 * TB; the others SIE interprets).  The walk itself is dat.c's.
 *
 * IPTE and IDTE broadcast their TLB flush by bumping the machine's
 * tlb_gen: every CPU flushes at its next slice boundary (at most
 * UV_SLICE instructions later) rather than before IPTE completes.
 */
#include "internal.h"

/* Sets bits @bits in the doubleword at absolute @aaddr, interlocked. */
static void entry_or(UvCpu *cpu, uint64_t aaddr, uint64_t bits)
{
    uint16_t pgm = UVCPU_PGM_ADDRESSING;
    uint8_t *page = cpu->ops->translate(cpu->opaque, aaddr & UVCPU_PAGE_MASK,
                                        UVCPU_ACCESS_WRITE, &pgm);
    uint64_t *p;

    if (!page) {
        uv_program_exception(cpu, pgm);
    }
    uv_code_written(cpu, page);
    p = (uint64_t *)(page + (aaddr & ~UVCPU_PAGE_MASK & ~7ULL));
    __atomic_fetch_or(p, GUINT64_TO_BE(bits), __ATOMIC_SEQ_CST);
}

static void broadcast_flush(UvCpu *cpu)
{
    g_atomic_int_inc(&cpu->sys->tlb_gen);
    uvcpu_tlb_flush(cpu);
}

UV_HANDLER(ptlb)
{
    uvcpu_tlb_flush(cpu);
}

/*
 * IPTE R1,R2: R1 the page-table origin, R2 bits 44-51 the page index.
 * The IPTE-range form (R3, facility 13) and the local-clearing control
 * (M4, facility 51) are not offered: R3 and M4 are ignored.
 */
UV_HANDLER(ipte)
{
    uint64_t pto = GR(d->r1) & ~0x7ffULL;
    unsigned px = (GR(d->r2) >> 12) & 0xff;

    entry_or(cpu, pto + px * 8, 0x400);
    broadcast_flush(cpu);
}

/*
 * IDTE R1,R3,R2: with R2 bit 52 off, invalidates the region or segment
 * entries R2's index of R1's table type selects (R2 bits 53-63: further
 * entries); with it on, only clears the TLB.  Facility 3.
 */
UV_HANDLER(idte)
{
    uint64_t r1 = GR(d->r1), r2 = GR(d->r2);
    unsigned dt = (r1 >> 2) & 3, idx, n, i;

    if (d->r2 && !(r2 & 0x800)) {
        idx = (r2 >> (20 + 11 * dt)) & 0x7ff;
        n = r2 & 0x7ff;
        for (i = 0; i <= n && idx + i < 2048; i++) {
            entry_or(cpu, (r1 & UVCPU_PAGE_MASK) + (idx + i) * 8, 0x20);
        }
    }
    broadcast_flush(cpu);
}

static void lra(UvCpu *cpu, const UvInsn *d, bool wide)
{
    uint64_t v;

    cpu->cc = uv_dat_lra(cpu, uv_a2(cpu, d), &v);
    if (wide || cpu->amask == UINT64_MAX) {
        GR(d->r1) = v;
    } else {
        uv_set_r32(cpu, d->r1, v);
    }
}

UV_HANDLER(lra)
{
    lra(cpu, d, false);
}

UV_HANDLER(lrag)
{
    lra(cpu, d, true);
}

/* TPROT D1(B1),D2(B2): the access key is bits 56-59 of the second address. */
UV_HANDLER(tprot)
{
    cpu->cc = uv_dat_tprot(cpu, uv_a1(cpu, d), (uv_a2(cpu, d) >> 4) & 0xf);
}

/* The real address in GR @r, aligned to @len. */
static uint8_t *real_operand(UvCpu *cpu, unsigned r, unsigned len,
                             UvCpuAccess acc)
{
    uint64_t a = uv_wrap(cpu, GR(r));

    if (a & (len - 1)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return uv_real_translate(cpu, a, acc);
}

UV_HANDLER(lura)
{
    uv_set_r32(cpu, d->r1, uv_ldn_be(real_operand(cpu, d->r2, 4,
                                                  UVCPU_ACCESS_READ), 4));
}

UV_HANDLER(lurag)
{
    GR(d->r1) = uv_ldn_be(real_operand(cpu, d->r2, 8, UVCPU_ACCESS_READ), 8);
}

UV_HANDLER(stura)
{
    uv_stn_be(real_operand(cpu, d->r2, 4, UVCPU_ACCESS_WRITE), GR(d->r1), 4);
}

UV_HANDLER(sturg)
{
    uv_stn_be(real_operand(cpu, d->r2, 8, UVCPU_ACCESS_WRITE), GR(d->r1), 8);
}

/* TEST BLOCK: clears the 4 KiB frame at real address GR R2; CC 0, GR0 0. */
UV_HANDLER(tb)
{
    uint8_t *p = uv_real_translate(cpu, uv_wrap(cpu, GR(d->r2)) &
                                   UVCPU_PAGE_MASK, UVCPU_ACCESS_WRITE);

    memset(p, 0, UVCPU_PAGE_SIZE);
    GR(0) = 0;
    cpu->cc = 0;
}
