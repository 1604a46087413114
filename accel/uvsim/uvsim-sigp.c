/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-sigp.c - SIGNAL PROCESSOR orders the kernel completes itself.
 *
 * With KVM_CAP_S390_USER_SIGP (which pvdump always enables, as QEMU does)
 * the kernel keeps only SENSE, EXTERNAL CALL, EMERGENCY SIGNAL,
 * CONDITIONAL EMERGENCY SIGNAL and SENSE RUNNING; every other order, an
 * unknown order and a missing target go to user space as an instruction
 * intercept (kvm-s390-intercepts.md section 4.4; the kernel's
 * handle_sigp_order_in_user_space).  Without USER_SIGP pvdump does not
 * run, so that mode is not modelled.
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"
#include "cpu/cpu.h"

/* Orders (PoP "Signal Processor"). */
#define SIGP_SENSE               0x01
#define SIGP_EXTERNAL_CALL       0x02
#define SIGP_EMERGENCY           0x03
#define SIGP_COND_EMERGENCY      0x13
#define SIGP_SENSE_RUNNING       0x15

/* Status bits stored in R1 with cc 1. */
#define SIGP_STATUS_EXT_CALL_PENDING 0x00000080u
#define SIGP_STATUS_STOPPED          0x00000040u
#define SIGP_STATUS_CHECK_STOP       0x00000010u
#define SIGP_STATUS_INCORRECT_STATE  0x00000200u
#define SIGP_STATUS_INVALID_ORDER    0x00000002u
#define SIGP_STATUS_NOT_RUNNING      0x00000400u

#define SIGP_CC_ACCEPTED      0
#define SIGP_CC_STATUS_STORED 1
#define SIGP_CC_BUSY          2
#define SIGP_CC_NOT_OPERATIONAL 3

static bool order_in_kernel(uint8_t order)
{
    return order == SIGP_SENSE || order == SIGP_EXTERNAL_CALL ||
           order == SIGP_EMERGENCY || order == SIGP_COND_EMERGENCY ||
           order == SIGP_SENSE_RUNNING;
}

/* Stores @status in bits 32-63 of R1 (the high half is kept): cc 1. */
static unsigned status_stored(UvsimVcpu *v, unsigned r1, uint32_t status)
{
    uint64_t *reg = &uvcpu_regs(v->cpu)->regs[r1];

    *reg = (*reg & 0xffffffff00000000ULL) | status;
    return SIGP_CC_STATUS_STORED;
}

static bool is_stopped(const UvsimVcpu *dst)
{
    uint32_t st = __atomic_load_n(&dst->mp_state, __ATOMIC_ACQUIRE);

    return st == KVM_MP_STATE_STOPPED || st == KVM_MP_STATE_CHECK_STOP;
}

static unsigned sigp_sense(UvsimVcpu *v, UvsimVcpu *dst, unsigned r1)
{
    uint32_t status = 0;

    if (uvcpu_extcall_pending(dst->cpu)) {
        status |= SIGP_STATUS_EXT_CALL_PENDING;
    }
    if (is_stopped(dst)) {
        status |= SIGP_STATUS_STOPPED;
    }
    if (__atomic_load_n(&dst->mp_state, __ATOMIC_ACQUIRE) == KVM_MP_STATE_CHECK_STOP) {
        status |= SIGP_STATUS_CHECK_STOP;
    }
    return status ? status_stored(v, r1, status) : SIGP_CC_ACCEPTED;
}

static unsigned send_external(UvsimVcpu *v, UvsimVcpu *dst, uint16_t code,
                              unsigned r1)
{
    if (!uvcpu_set_ext_pending(dst->cpu, code, 0, v->id)) {
        /* Only an external call can be refused: one is pending already. */
        return status_stored(v, r1, SIGP_STATUS_EXT_CALL_PENDING);
    }
    uvsim_vcpu_wake(dst);
    return SIGP_CC_ACCEPTED;
}

/*
 * CONDITIONAL EMERGENCY SIGNAL, as the kernel's
 * __sigp_conditional_emergency: the signal is sent unless the target
 * runs enabled for I/O and external interruptions in a program that
 * does not use the address space @param names.
 */
static unsigned sigp_cond_emergency(UvsimVcpu *v, UvsimVcpu *dst, unsigned r1,
                                    uint64_t param)
{
    const S390Regs *r = &dst->arch;
    const uint64_t int_mask = UVCPU_PSW_MASK_IO | UVCPU_PSW_MASK_EXT;
    uint16_t asn = param & 0xffff;
    uint16_t p_asn = r->cregs[4] & 0xffff, s_asn = r->cregs[3] & 0xffff;
    bool idle = (r->psw_mask & UVCPU_PSW_MASK_WAIT) != 0;

    if (!is_stopped(dst) && ((r->psw_mask & int_mask) != int_mask ||
                             (idle && r->psw_addr != 0) ||
                             (!idle && (asn == p_asn || asn == s_asn)))) {
        return send_external(v, dst, UVCPU_EXT_EMERGENCY, r1);
    }
    return status_stored(v, r1, SIGP_STATUS_INCORRECT_STATE);
}

static unsigned sigp_sense_running(UvsimVcpu *v, UvsimVcpu *dst, unsigned r1)
{
    if (!uvsim_has_facility(v->vm, 9)) {
        return status_stored(v, r1, SIGP_STATUS_INVALID_ORDER);
    }
    /* The sender itself runs: it is executing this very SIGP. */
    if (dst == v || __atomic_load_n(&dst->in_sie, __ATOMIC_ACQUIRE)) {
        return SIGP_CC_ACCEPTED;
    }
    return status_stored(v, r1, SIGP_STATUS_NOT_RUNNING);
}

static unsigned run_order(UvsimVcpu *v, UvsimVcpu *dst, uint8_t order,
                          unsigned r1, uint64_t param)
{
    switch (order) {
    case SIGP_SENSE:
        return sigp_sense(v, dst, r1);
    case SIGP_EXTERNAL_CALL:
        return send_external(v, dst, UVCPU_EXT_EXTERNAL_CALL, r1);
    case SIGP_EMERGENCY:
        return send_external(v, dst, UVCPU_EXT_EMERGENCY, r1);
    case SIGP_COND_EMERGENCY:
        return sigp_cond_emergency(v, dst, r1, param);
    default:
        return sigp_sense_running(v, dst, r1);
    }
}

bool uvsim_handle_sigp(UvsimVcpu *v, uint16_t ipa, uint32_t ipb)
{
    unsigned r1 = (ipa >> 4) & 0xf, r3 = ipa & 0xf;
    const S390Regs *r = uvcpu_regs(v->cpu);
    uint8_t order = uvsim_base_disp(v, ipb) & 0xff;
    uint16_t addr = r->regs[r3] & 0xffff;
    uint64_t param = r->regs[r1 | 1];
    UvsimVcpu *dst = addr < UVSIM_MAX_VCPUS ? v->vm->vcpus[addr] : NULL;

    if (!order_in_kernel(order) || !dst || !dst->cpu) {
        uvsim_exit_sieic(v, UVSIM_ICPT_INST, ipa, ipb);
        return false;
    }
    /*
     * The kernel's handle_sigp_dst: a stop the target has not completed
     * makes it busy for every order but the resets (which go to user
     * space anyway), so SENSE cannot see it operating after the STOP.
     */
    if (__atomic_load_n(&dst->stop_pending, __ATOMIC_ACQUIRE)) {
        uvsim_set_cc(v, SIGP_CC_BUSY);
        return true;
    }
    uvsim_set_cc(v, run_order(v, dst, order, r1, param));
    return true;
}
