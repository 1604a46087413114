/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * virt-mem.h - guest memory as a vCPU addresses it (after QEMU's
 * s390_cpu_virt_mem_rw): logical operand addresses of intercepted
 * instructions turned into absolute addresses of guest RAM.
 */
#ifndef TARGET_S390X_VIRT_MEM_H
#define TARGET_S390X_VIRT_MEM_H

#include "qemu/osdep.h"
#include "target/s390x/cpu.h"

/* The PSW's DAT bit (PoP: bit 5). */
#define PSW_MASK_DAT 0x0400000000000000ULL

/*
 * The absolute address of real address @raddr under @env's prefix: the
 * first 8 KiB and the prefix area swap places (PoP "Prefixing").
 */
uint64_t s390_real_to_abs(const CPUS390XState *env, uint64_t raddr);

/*
 * Reads (@is_write false) or writes @len bytes at logical address @laddr
 * of vCPU @cpu, with access register @ar for the AR mode, as QEMU's
 * s390_cpu_virt_mem_rw(): through the accelerator's KVM_S390_MEM_OP, so
 * that DAT, prefixing and protection are the vCPU's own.  With @buf NULL
 * the access is only checked.
 *
 * Returns 0 on success.  Returns the program-interruption code (> 0) of
 * an access exception, which the accelerator has already made pending on
 * the vCPU: the caller must then leave the intercepted instruction alone
 * (no condition code, no register change), as QEMU's handlers do.
 * Returns -1 with @errp set when the access could not be made at all.
 * Without KVM_CAP_S390_MEM_OP (never on a current kernel) only DAT-off
 * accesses work, translated here by prefixing.
 */
int s390_cpu_virt_mem_rw(S390CPU *cpu, uint64_t laddr, uint8_t ar, void *buf,
                         uint64_t len, bool is_write, GError **errp);

#endif /* TARGET_S390X_VIRT_MEM_H */
