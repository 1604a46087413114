/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-diag.c - the DIAGNOSE codes the s390x kernel completes itself.
 *
 * kvm-s390's diag.c serves 0x10 (release pages), 0x44 (time-slice end),
 * 0x9c (directed yield), 0x258 subcodes 0 and 1 (pfault handshake) and
 * DIAG 0x308 subcodes 3 and 4 (which leave KVM_RUN as
 * KVM_EXIT_S390_RESET); every other code goes to user space as an
 * instruction intercept (kvm-s390-intercepts.md section 4.2).
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"
#include "cpu/cpu.h"
#include "util/be-access.h"

/* DIAGNOSE codes the kernel looks at. */
#define DIAG_RELEASE_PAGES 0x010
#define DIAG_TIME_SLICE    0x044
#define DIAG_YIELD_TO      0x09c
#define DIAG_PAGE_REF      0x258
#define DIAG_IPL           0x308

/* KVM_EXIT_S390_RESET flags (include/uapi/linux/kvm.h). */
#define RESET_CLEAR      2
#define RESET_SUBSYSTEM  4
#define RESET_CPU_INIT   8
#define RESET_IPL       16

#define PAGE_SIZE_4K 4096ULL

/* The DIAG 0x258 parameter block (the kernel's struct prs_parm). */
#define PRS_PARM_SIZE 40

/*
 * DIAG 0x258 (page-reference services), as the kernel's
 * __diag_page_ref_service: subcode 0 sets the pfault token, 1 cancels
 * it.  uvsim never resolves host faults asynchronously, so a token only
 * records the guest's handshake.  False for other subcodes (user space).
 */
bool uvsim_diag_page_ref(UvsimVcpu *v, unsigned rx, unsigned ry)
{
    S390Regs *r = uvcpu_regs(v->cpu);
    uint64_t raddr = r->regs[rx], abs, token, select, compare;
    uint8_t parm[PRS_PARM_SIZE];

    if (raddr & 7) {
        uvsim_program_interrupt(v, UVCPU_PGM_SPECIFICATION);
        return true;
    }
    abs = uvsim_real_to_abs(v, raddr);
    if (abs > v->vm->mem_size || v->vm->mem_size - abs < sizeof(parm)) {
        uvsim_program_interrupt(v, UVCPU_PGM_ADDRESSING);
        return true;
    }
    memcpy(parm, v->vm->mem_host + abs, sizeof(parm));
    if (be16_load(parm) != DIAG_PAGE_REF || be16_load(parm + 4) < 5 ||
        be16_load(parm + 6) != 2) {
        uvsim_program_interrupt(v, UVCPU_PGM_SPECIFICATION);
        return true;
    }
    token = be64_load(parm + 8);
    select = be64_load(parm + 16);
    compare = be64_load(parm + 24);
    switch (be16_load(parm + 2)) {
    case 0:
        if (v->pfault_token != UVSIM_PFAULT_TOKEN_INVALID) {
            r->regs[ry] = 8;    /* already set: SC24-6084 says 8 */
        } else if ((compare & select) != compare || (token & 7) ||
                   be64_load(parm + 32) != 0x8000000000000000ULL) {
            uvsim_program_interrupt(v, UVCPU_PGM_SPECIFICATION);
        } else if (token >= v->vm->mem_size) {
            uvsim_program_interrupt(v, UVCPU_PGM_ADDRESSING);
        } else {
            v->pfault_token = token;
            v->pfault_select = select;
            v->pfault_compare = compare;
            r->regs[ry] = 0;
        }
        return true;
    case 1:
        r->regs[ry] = v->pfault_token == UVSIM_PFAULT_TOKEN_INVALID ? 4 : 0;
        v->pfault_token = UVSIM_PFAULT_TOKEN_INVALID;
        return true;
    default:
        return false;
    }
}

/* Zeroes [@start, @end) of absolute storage: what a discarded page reads as. */
static void discard(UvsimVM *vm, uint64_t start, uint64_t end)
{
    end = MIN(end, vm->mem_size);
    if (start < end) {
        memset(vm->mem_host + start, 0, end - start);
        uvsim_code_written_all(vm);
    }
}

/*
 * DIAG 0x10 (release pages), as the kernel's diag_release_pages: the
 * range R1..R3 (page addresses, R3's page included) goes back to the
 * host, skipping the two prefix pages.
 */
static void diag_release_pages(UvsimVcpu *v, unsigned r1, unsigned r3)
{
    const S390Regs *r = uvcpu_regs(v->cpu);
    uint64_t start = r->regs[r1], end = r->regs[r3] + PAGE_SIZE_4K;
    uint64_t prefix = r->prefix;

    if ((start & (PAGE_SIZE_4K - 1)) || (end & (PAGE_SIZE_4K - 1)) ||
        start >= end || start < 2 * PAGE_SIZE_4K) {
        uvsim_program_interrupt(v, UVCPU_PGM_SPECIFICATION);
        return;
    }
    if (end <= prefix || start >= prefix + 2 * PAGE_SIZE_4K) {
        discard(v->vm, start, end);
        return;
    }
    discard(v->vm, start, prefix);
    discard(v->vm, prefix + 2 * PAGE_SIZE_4K, end);
}

/* DIAG 0x308 subcodes 3 and 4: the kernel's KVM_EXIT_S390_RESET. */
static bool diag_ipl(UvsimVcpu *v, unsigned r3)
{
    uint64_t subcode = uvcpu_regs(v->cpu)->regs[r3] & 0xffff;

    if (subcode != 3 && subcode != 4) {
        return false;
    }
    v->run->exit_reason = KVM_EXIT_S390_RESET;
    v->run->s390_reset_flags = (subcode == 3 ? RESET_CLEAR : 0) |
                               RESET_SUBSYSTEM | RESET_IPL | RESET_CPU_INIT;
    return true;
}

bool uvsim_handle_diag(UvsimVcpu *v, uint16_t ipa, uint32_t ipb)
{
    unsigned r1 = (ipa >> 4) & 0xf, r3 = ipa & 0xf;

    switch (uvsim_base_disp(v, ipb) & 0xffff) {
    case DIAG_RELEASE_PAGES:
        diag_release_pages(v, r1, r3);
        return true;
    case DIAG_TIME_SLICE:
    case DIAG_YIELD_TO:
        g_thread_yield();
        return true;
    case DIAG_PAGE_REF:
        if (uvsim_diag_page_ref(v, r1, r3)) {
            return true;
        }
        break;
    case DIAG_IPL:
        if (diag_ipl(v, r3)) {
            return false;
        }
        break;
    default:
        break;
    }
    uvsim_exit_sieic(v, UVSIM_ICPT_INST, ipa, ipb);
    return false;
}

