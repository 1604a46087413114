/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stsi.h - the user-space part of STORE SYSTEM INFORMATION (QEMU's
 * handle_stsi and insert_stsi_3_2_2 in target/s390x/kvm/kvm.c).
 *
 * The kernel (or uvsim) has already stored the SYSIB and set the condition
 * code; with KVM_CAP_S390_USER_STSI it then exits with KVM_EXIT_S390_STSI
 * so that user space can add what only it knows.
 */
#ifndef HW_S390X_STSI_H
#define HW_S390X_STSI_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

/* SYSIB 3.2.2 layout (PoP "STORE SYSTEM INFORMATION", VM CPUs). */
#define SYSIB_SIZE               4096
#define SYSIB322_OFF_COUNT       31
#define SYSIB322_OFF_VM          32
#define SYSIB322_VM_SIZE         64
#define SYSIB322_VM_MAX          8
#define SYSIB322_VM_TOTAL_CPUS   4     /* u16 each, in this order: */
#define SYSIB322_VM_CONF_CPUS    6
#define SYSIB322_VM_STANDBY_CPUS 8
#define SYSIB322_VM_RESV_CPUS    10
#define SYSIB322_VM_NAME         12    /* 8 bytes EBCDIC */
#define SYSIB322_VM_EXT_ENC      43    /* extended-name encoding (after caf, cpi) */
#define SYSIB322_VM_UUID         48    /* 16 bytes */
#define SYSIB322_OFF_EXT_NAMES   2048
#define SYSIB322_EXT_NAME_SIZE   256

/* Extended-name encoding 2: UTF-8. */
#define SYSIB322_EXT_ENC_UTF8    2

/*
 * What user space adds to the SYSIB 3.2.2 of level 0 (this VM): the CPU
 * counts of -smp cpus/maxcpus, -name and -uuid.
 */
typedef struct S390StsiVMInfo {
    uint16_t total_cpus;      /* -smp maxcpus */
    uint16_t conf_cpus;       /* CPUs that exist */
    const char *name;         /* -name, NULL if none */
    const uint8_t *uuid;      /* 16 bytes, NULL if no -uuid (zeroes) */
} S390StsiVMInfo;

/*
 * Patches the SYSIB 3.2.2 in @sysib (SYSIB_SIZE bytes, as the kernel
 * stored it) as QEMU does: shifts the extended-name stack down one level
 * (cutting it at the first level without one), then stores the CPU counts
 * (reserved = total - configured), the EBCDIC name padded with blanks,
 * the UTF-8 extended name (the name, or "KVMguest") and the UUID.
 */
void s390_stsi_patch_3_2_2(uint8_t *sysib, const S390StsiVMInfo *info);

/*
 * Completes a KVM_EXIT_S390_STSI exit of @cs (@run is its run area): for
 * 3.2.2 re-reads the SYSIB at the operand's logical address, patches it
 * with the machine's values and writes it back; every other function code
 * needs nothing (fc 15, topology, is not offered).  Never fails the vCPU:
 * an operand pvdump cannot reach is left as the kernel stored it, with a
 * warning.  Needs the BQL; @cs's registers are current in its env.
 */
void s390_handle_stsi(CPUState *cs, const struct kvm_run *run);

#endif /* HW_S390X_STSI_H */
