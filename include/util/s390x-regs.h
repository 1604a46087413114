/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * s390x-regs.h - the architected register state of one s390x CPU.
 *
 * A plain value type, with no CPU object, thread or accelerator state in
 * it, so that everyone who handles s390x registers shares it: the vCPU
 * (target/s390x's CPUS390XState is this struct), the ELF note encoder, the
 * protected-dump CPU codec, the owner tools and uvsim's simulated CPUs.
 *
 * It also owns the one translation between this state and the s390x KVM
 * run area's sync registers, used by the host side (reading what the
 * kernel left, handing back what it changed) and by uvsim, which plays the
 * kernel's side of the same contract.
 */
#ifndef UTIL_S390X_REGS_H
#define UTIL_S390X_REGS_H

#include "qemu/osdep.h"

typedef struct S390Regs {
    uint64_t psw_mask;
    uint64_t psw_addr;
    uint64_t regs[16];        /* general purpose registers */
    uint32_t aregs[16];       /* access registers */
    uint64_t cregs[16];       /* control registers */
    uint32_t fpc;             /* floating-point control */
    uint64_t vregs[32][2];    /* vector registers; vregs[i][0] is FPR i */
    uint32_t prefix;          /* prefix register (4 KiB aligned) */
    uint64_t cputm;           /* CPU timer */
    uint64_t ckc;             /* clock comparator */
    uint32_t todpr;           /* TOD programmable register */
    uint64_t gscb[4];         /* guarded-storage control block */
} S390Regs;

/* <linux/kvm.h>'s run area; only util/s390x-regs.c needs its layout. */
struct kvm_run;

/*
 * Copies the register groups named by @groups (KVM_SYNC_* bits) from the
 * run area's sync registers of @run into @regs; the PSW is always copied.
 *
 *   KVM_SYNC_PREFIX  prefix            KVM_SYNC_ARCH0  todpr, cputm, ckc
 *   KVM_SYNC_GPRS    regs              KVM_SYNC_VRS    vregs, fpc
 *   KVM_SYNC_ACRS    aregs             KVM_SYNC_FPRS   vregs[i][0], fpc
 *   KVM_SYNC_CRS     cregs             KVM_SYNC_GSCB   gscb
 *
 * KVM_SYNC_FPRS counts only without KVM_SYNC_VRS (the vector registers
 * contain the floating-point registers); other bits are ignored.  Fields
 * of groups not named keep their value.  The run area keeps prefix and
 * todpr in 64 bits: they are copied by value (the low 32 bits here).
 */
void s390_regs_from_kvm_run(S390Regs *regs, const struct kvm_run *run,
                            uint64_t groups);

/*
 * The reverse of s390_regs_from_kvm_run(): copies the groups named by
 * @groups from @regs into @run's sync registers, and the PSW always.
 * Returns the groups written (@groups without KVM_SYNC_FPRS when
 * KVM_SYNC_VRS is there, and without bits it does not know), which is
 * what a caller handing state to the kernel marks in kvm_dirty_regs.
 * kvm_valid_regs and kvm_dirty_regs themselves are left to the caller.
 */
uint64_t s390_regs_to_kvm_run(struct kvm_run *run, const S390Regs *regs,
                              uint64_t groups);

/*
 * The save area STORE STATUS writes (PoP "Store Status"): 512 bytes whose
 * first byte goes to absolute 0x1200 for a store at the architected
 * place, or to the address SIGP STORE STATUS AT ADDRESS names.
 *   +0x000 FPRs  +0x080 GPRs  +0x100 PSW  +0x118 prefix  +0x11c FPC
 *   +0x124 TOD programmable register  +0x128 CPU timer
 *   +0x130 clock comparator bits 0-55  +0x140 access regs  +0x180 CRs
 */
#define S390_STORE_STATUS_SIZE      0x200
#define S390_STORE_STATUS_ABS       0x1200   /* where it goes at "no address" */
#define S390_STORE_STATUS_ARCH_BYTE 0xa3     /* absolute 163: 1 = z/Architecture */

/* Fills @area (S390_STORE_STATUS_SIZE bytes, big-endian) from @regs. */
void s390_regs_store_status(const S390Regs *regs, uint8_t *area);

#endif /* UTIL_S390X_REGS_H */
