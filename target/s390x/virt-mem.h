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
 * of the vCPU whose registers are @env.  With DAT off the logical address
 * is real and gets prefixed page by page.  With DAT on pvdump cannot
 * translate yet and fails.  Fails when the range leaves guest RAM.
 */
bool s390_cpu_virt_mem_rw(const CPUS390XState *env, uint64_t laddr, void *buf,
                          uint64_t len, bool is_write, GError **errp);

#endif /* TARGET_S390X_VIRT_MEM_H */
