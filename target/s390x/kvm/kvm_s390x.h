/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kvm_s390x.h - what the s390x KVM glue learnt about the host's KVM
 * (as QEMU's target/s390x/kvm/kvm_s390x.h): the generic accelerator state
 * holds no s390x capability.
 */
#ifndef TARGET_S390X_KVM_S390X_H
#define TARGET_S390X_KVM_S390X_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

/* KVM_CAP_S390_PROTECTED: the host can run protected guests. */
bool kvm_s390_get_protected(void);

/* KVM_CAP_S390_PROTECTED_DUMP: the host can dump protected guests. */
bool kvm_s390_get_protected_dump(void);

/*
 * Makes a service-signal external interrupt (0x2401) pending for the VM,
 * with @parm as its parameter (SCCB address | event-pending bit), as
 * QEMU's s390_sclp_extint(): a floating KVM_S390_INT_SERVICE through the
 * VM's KVM_S390_INTERRUPT (QEMU's path without a FLIC).  A failure is
 * reported; the guest then waits for the signal in vain.
 */
void kvm_s390_service_interrupt(uint32_t parm);

/*
 * Whether the accelerator has KVM_CAP_S390_MEM_OP (logical guest-memory
 * accesses through the vCPU, kvm_s390_mem_op()).
 */
bool kvm_s390_has_mem_op(void);

/*
 * Reads (@is_write false) or writes @len bytes at logical address @addr
 * of vCPU @cs with the vCPU ioctl KVM_S390_MEM_OP, as QEMU's
 * kvm_s390_mem_op(): access register @ar, the PSW key as access key when
 * the kernel has MEM_OP_EXTENSION (SKEY_PROTECTION), and always
 * INJECT_EXCEPTION; with @hostbuf NULL only the access is checked.
 * Returns 0, the program-interruption code (> 0) of the access exception
 * the kernel has made pending on the vCPU, or -errno (-ENOSYS without
 * the capability).
 */
int kvm_s390_mem_op(CPUState *cs, uint64_t addr, uint8_t ar, void *hostbuf,
                    uint32_t len, bool is_write);

/* The guest TOD clock: epoch index and the 64-bit clock. */
typedef struct S390TOD {
    uint8_t high;
    uint64_t low;
} S390TOD;

/*
 * Reads the guest TOD clock (KVM_S390_VM_TOD_EXT, or TOD_HIGH + TOD_LOW on
 * a kernel without it), as QEMU's kvm_s390_get_clock_ext().
 */
bool kvm_s390_get_tod(S390TOD *tod, GError **errp);

/* Sets the guest TOD clock to @tod (KVM_S390_VM_TOD_EXT or HIGH + LOW). */
bool kvm_s390_set_tod(const S390TOD *tod, GError **errp);

/*
 * As QEMU's kvm_s390_cmma_reset (s390_machine_reset): when the CPU model
 * enabled CMMA, every guest page becomes stable again
 * (KVM_S390_VM_MEM_CLR_CMMA).  A no-op without CMMA.
 */
void kvm_s390_cmma_reset(void);

#endif /* TARGET_S390X_KVM_S390X_H */
