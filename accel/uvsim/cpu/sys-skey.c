/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys-skey.c - the storage-key instructions ISKE, SSKE and RRBE, which
 * the s390x KVM kernel completes itself (kvm-s390-intercepts.md 4.1).
 *
 * The keys live in the machine's UvCpuSys, one byte per 4 KiB frame of
 * absolute storage: access-control bits 0-3, fetch protection (bit 4),
 * reference (bit 5) and change (bit 6).  mem.c's translation sets the
 * reference bit when it caches a page and the change bit when it caches it
 * for stores; so that a reset bit is set again on the next access, every
 * key change flushes this CPU's TLB.  Keys are updated with host atomics:
 * other CPUs may set reference/change bits at the same time.
 */
#include "internal.h"

/* The key byte of the frame holding real address GR @r2. */
static uint8_t *frame_key(UvCpu *cpu, unsigned r2)
{
    uint64_t raddr = uv_wrap(cpu, GR(r2)) & UVCPU_PAGE_MASK;
    uint64_t frame = uv_prefix(cpu, raddr) >> 12;
    UvCpuSys *sys = cpu->sys;

    if (!uv_real_host(cpu, raddr, UVCPU_ACCESS_READ) || !sys->skeys ||
        frame >= sys->frames) {
        uv_program_exception(cpu, UVCPU_PGM_ADDRESSING);
    }
    return &sys->skeys[frame];
}

UV_HANDLER(iske)
{
    uint8_t key = __atomic_load_n(frame_key(cpu, d->r2), __ATOMIC_RELAXED);

    GR(d->r1) = (GR(d->r1) & ~0xffULL) | (key & 0xfe);
}

/*
 * SSKE; with EDAT-1 the multiple-block control (M3 bit 3) sets every
 * frame up to the next 1 MiB boundary and leaves R2 there.  The
 * conditional forms (M3 bits 1-2, facility 10) are not offered.
 */
UV_HANDLER(sske)
{
    uint8_t key = GR(d->r1) & 0xfe;
    bool mb = (d->m3 & 1) && uvcpu_has_facility(cpu, 8);

    for (;;) {
        __atomic_store_n(frame_key(cpu, d->r2), key, __ATOMIC_RELAXED);
        if (!mb) {
            break;
        }
        GR(d->r2) += UVCPU_PAGE_SIZE;
        if (!(GR(d->r2) & 0xff000)) {
            break;
        }
    }
    uvcpu_tlb_flush(cpu);
}

/* RRBE: CC = the old reference and change bits (R*2 + C). */
UV_HANDLER(rrbe)
{
    uint8_t old = __atomic_fetch_and(frame_key(cpu, d->r2), (uint8_t)~0x04,
                                     __ATOMIC_RELAXED);

    cpu->cc = (old >> 1) & 3;
    uvcpu_tlb_flush(cpu);
}
