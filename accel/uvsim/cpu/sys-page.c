/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys-page.c - the instructions that work on whole 4 KiB pages and
 * frames: MOVE PAGE (a general instruction, which SIE interprets) and
 * PERFORM FRAME MANAGEMENT FUNCTION (privileged, EDAT-1; the s390x KVM
 * kernel completes it itself, kvm-s390-intercepts.md 4.1).
 */
#include "internal.h"

/* MVPG's general register 0 (bit 0 is the most significant of 64). */
#define MVPG_RESERVED  0xf000ULL       /* 48-51: key-function codes 4-31 */
#define MVPG_DEST_KEY  0x0800ULL       /* 52: first operand with R0's key */
#define MVPG_SRC_KEY   0x0400ULL       /* 53: second operand with R0's key */
#define MVPG_CCO       0x0100ULL       /* 55: condition-code option */

/* PFMF's R1 (bits 32-63; bits 0-31 are ignored). */
#define PFMF_RESERVED  0xfffc0101ULL   /* 32-45, 55, 63 */
#define PFMF_SK        0x00020000ULL   /* 46: set key */
#define PFMF_CF        0x00010000ULL   /* 47: clear frame */
#define PFMF_FSC_SHIFT 12              /* 49-51: frame-size code */
#define PFMF_NQ        0x00000800ULL   /* 52: nonquiescing (facility 14) */
#define PFMF_KEY       0x000000feULL   /* 56-62: ACC, F, R, C */

#define TEID_STORE     0x400ULL        /* the TEID's store indication */

/*
 * The access key of an MVPG operand: R0 bits 56-59 when its key control
 * is on, else the PSW key.  In the problem state R0's key must be allowed
 * by the PSW-key mask (CR3 bits 32-47), as for MVCK.
 */
static unsigned mvpg_key(UvCpu *cpu, bool from_r0)
{
    unsigned key = (GR(0) >> 4) & 0xf;

    if (!from_r0) {
        return (cpu->r.psw_mask & UVCPU_PSW_MASK_KEY) >> 52;
    }
    if ((cpu->r.psw_mask & UVCPU_PSW_MASK_PSTATE) &&
        !((cpu->r.cregs[3] >> (31 - key)) & 1)) {
        uv_program_exception(cpu, UVCPU_PGM_PRIVILEGED);
    }
    return key;
}

/*
 * MVPG R1,R2: copies the 4 KiB block at GR R2 to the one at GR R1.  With
 * the condition-code option an invalid page-table entry is CC 2 for the
 * second operand (first) or CC 1 for the first instead of a page-
 * translation exception; otherwise that exception stores the R1 and R2
 * fields at lowcore 0xA2.  The move-page-and-set-key facility (149) is
 * not offered: key-function codes 3-31 are a specification exception.
 */
UV_HANDLER(mvpg)
{
    uint64_t r0 = GR(0);
    uint64_t dst = uv_wrap(cpu, GR(d->r1)) & UVCPU_PAGE_MASK;
    uint64_t src = uv_wrap(cpu, GR(d->r2)) & UVCPU_PAGE_MASK;
    unsigned dkey, skey;
    uint8_t *from, *to;

    if ((r0 & MVPG_RESERVED) ||
        (r0 & (MVPG_DEST_KEY | MVPG_SRC_KEY)) == (MVPG_DEST_KEY | MVPG_SRC_KEY)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    dkey = mvpg_key(cpu, r0 & MVPG_DEST_KEY);
    skey = mvpg_key(cpu, r0 & MVPG_SRC_KEY);
    if (r0 & MVPG_CCO) {
        if (uv_dat_probe(cpu, src, UVCPU_ACCESS_READ) == UVCPU_PGM_PAGE_TRANS) {
            cpu->cc = 2;
            return;
        }
        if (uv_dat_probe(cpu, dst, UVCPU_ACCESS_WRITE) == UVCPU_PGM_PAGE_TRANS) {
            cpu->cc = 1;
            return;
        }
    }
    cpu->oai = UV_OAI_VALID | d->r1 << 4 | d->r2;
    from = uv_sys_translate_key(cpu, src, UVCPU_ACCESS_READ, skey);
    to = uv_sys_translate_key(cpu, dst, UVCPU_ACCESS_WRITE, dkey);
    cpu->oai = 0;
    memmove(to, from, UVCPU_PAGE_SIZE);
    cpu->cc = 0;
}

/*
 * The absolute frames PFMF R1,R2 works on: [*@start, *@end).  A 4 KiB
 * frame is a real address; 1 MiB and 2 GiB frames are absolute, from
 * R2's 4 KiB block to the end of the frame.
 */
static void pfmf_range(UvCpu *cpu, uint64_t r1, uint64_t r2, uint64_t *start,
                       uint64_t *end)
{
    uint64_t a = uv_wrap(cpu, r2) & UVCPU_PAGE_MASK;

    if ((r1 & PFMF_CF) && (cpu->r.cregs[0] & UV_CR0_LAP) &&
        (a & ~0x1000ULL) == 0) {
        uv_access_exception(cpu, UVCPU_PGM_PROTECTION, a | TEID_STORE);
    }
    switch ((r1 >> PFMF_FSC_SHIFT) & 7) {
    case 0:
        *start = uv_prefix(cpu, a);
        *end = *start + UVCPU_PAGE_SIZE;
        return;
    case 1:
        *start = a;
        *end = (a + MiB) & ~(MiB - 1);
        return;
    case 2:
        /* 2 GiB frames: EDAT-2, and not in the 24-bit mode */
        if (uvcpu_has_facility(cpu, 78) && cpu->amask != 0xffffffULL) {
            *start = a;
            *end = (a + 2 * GiB) & ~(2 * GiB - 1);
            return;
        }
        break;
    }
    uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
}

/* PFMF's set-key or clear-frame function on absolute frame @aaddr. */
static void pfmf_frame(UvCpu *cpu, uint64_t r1, uint64_t aaddr)
{
    UvCpuSys *sys = cpu->sys;
    uint64_t frame = aaddr >> 12;
    uint8_t *host = uv_abs_host(cpu, aaddr, (r1 & PFMF_CF) ?
                                UVCPU_ACCESS_WRITE : UVCPU_ACCESS_READ);

    if (!host || ((r1 & PFMF_SK) && (!sys->skeys || frame >= sys->frames))) {
        uv_program_exception(cpu, UVCPU_PGM_ADDRESSING);
    }
    if (r1 & PFMF_CF) {
        memset(host, 0, UVCPU_PAGE_SIZE);
    }
    if (r1 & PFMF_SK) {
        __atomic_store_n(&sys->skeys[frame], r1 & PFMF_KEY, __ATOMIC_RELAXED);
    }
}

/*
 * PFMF R1,R2 (EDAT-1, facility 8): sets the storage key (R1 bits 56-62)
 * and/or clears the frame(s) from R2 to the end of the frame the frame-
 * size code gives, at once (as KVM does); for 1 MiB and 2 GiB frames R2
 * then holds the next frame's address.  The usage indication is
 * ignored; the conditional key setting (facility 10) is not offered, so
 * the MR and MC bits are ignored too.
 */
UV_HANDLER(pfmf)
{
    uint64_t r1 = GR(d->r1) & 0xffffffffULL;
    uint64_t start, end, a;

    if ((r1 & PFMF_RESERVED) ||
        ((r1 & PFMF_NQ) && !uvcpu_has_facility(cpu, 14))) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    pfmf_range(cpu, r1, GR(d->r2), &start, &end);
    for (a = start; a != end; a += UVCPU_PAGE_SIZE) {
        pfmf_frame(cpu, r1, a);
    }
    if (r1 & PFMF_SK) {
        /* the R and C bits were set: they are set again on access */
        uvcpu_tlb_flush(cpu);
    }
    if ((r1 >> PFMF_FSC_SHIFT) & 7) {
        if (cpu->amask == UINT64_MAX) {
            GR(d->r2) = end;
        } else {
            uv_set_r32(cpu, d->r2, uv_wrap(cpu, end));
        }
    }
}
