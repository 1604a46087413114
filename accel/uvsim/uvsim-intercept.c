/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-intercept.c - the kernel's instruction-intercept handlers.
 *
 * The interpreter ends a run at SERVC, DIAGNOSE, SIGP, STSI, STHYI, ESSA
 * and the I/O instructions with the PSW past the instruction and ipa/ipb as SIE
 * stores them.  Like kvm-s390's handle_instruction, this completes what
 * the kernel completes itself (DIAG 0x10/0x44/0x9c/0x258, DIAG 0x308
 * subcodes 3 and 4 as KVM_EXIT_S390_RESET, the fast SIGP orders, STSI
 * data, STHYI, ESSA, I/O instructions without channel-subsystem support)
 * and hands everything else to user space as KVM_EXIT_S390_SIEIC, as
 * ../shared/spec/kvm-s390-intercepts.md sections 4 and 9 list it.
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"
#include "cpu/cpu.h"

void uvsim_exit_sieic(UvsimVcpu *v, uint8_t icpt, uint16_t ipa, uint32_t ipb)
{
    v->run->exit_reason = KVM_EXIT_S390_SIEIC;
    v->run->s390_sieic.icptcode = icpt;
    v->run->s390_sieic.ipa = ipa;
    v->run->s390_sieic.ipb = ipb;
}

void uvsim_set_cc(UvsimVcpu *v, unsigned cc)
{
    S390Regs *r = uvcpu_regs(v->cpu);

    r->psw_mask = (r->psw_mask & ~UVCPU_PSW_MASK_CC) |
                  ((uint64_t)cc << UVCPU_PSW_SHIFT_CC);
}

void uvsim_program_interrupt(UvsimVcpu *v, uint16_t code)
{
    uvcpu_inject_program(v->cpu, code, v->last_ilc, 0);
}

/* The second operand address of an RS or S instruction: (B2) + D2. */
uint64_t uvsim_base_disp(UvsimVcpu *v, uint32_t ipb)
{
    unsigned base = ipb >> 28;
    uint64_t disp = (ipb >> 16) & 0xfff;

    return disp + (base ? uvcpu_regs(v->cpu)->regs[base] : 0);
}

#define PAGE_SIZE_4K 4096ULL

uint64_t uvsim_real_to_abs(const UvsimVcpu *v, uint64_t raddr)
{
    uint64_t prefix = uvcpu_regs(v->cpu)->prefix;

    if (raddr < 2 * PAGE_SIZE_4K) {
        return raddr + prefix;
    }
    if (raddr >= prefix && raddr < prefix + 2 * PAGE_SIZE_4K) {
        return raddr - prefix;
    }
    return raddr;
}

static bool is_io_instruction(uint16_t ipa)
{
    uint8_t op2 = ipa & 0xff;

    return (ipa >> 8) == 0xb2 &&
           ((op2 >= 0x30 && op2 <= 0x3c) || op2 == 0x5f || op2 == 0x74 ||
            op2 == 0x76);
}

bool uvsim_handle_instruction(UvsimVcpu *v, const UvCpuExit *e)
{
    v->last_ilc = e->ilc;
    switch (e->ipa >> 8) {
    case 0x83:
        return uvsim_handle_diag(v, e->ipa, e->ipb);
    case 0xae:
        return uvsim_handle_sigp(v, e->ipa, e->ipb);
    default:
        break;
    }
    switch (e->ipa) {
    case 0xb27d:
        return uvsim_handle_stsi(v, e->ipb);
    case 0xb256:
        return uvsim_handle_sthyi(v, e->ipb);
    case 0xb9ab:
        return uvsim_handle_essa(v, e->ipb);
    default:
        break;
    }
    if (is_io_instruction(e->ipa) && !v->vm->css_support) {
        /* Without CSS support the kernel stops channel I/O with cc 3. */
        uvsim_set_cc(v, 3);
        return true;
    }
    uvsim_exit_sieic(v, UVSIM_ICPT_INST, e->ipa, e->ipb);
    return false;
}
