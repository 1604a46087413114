/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kvm_s390x.h - what the s390x KVM glue learnt about the host's KVM
 * (as QEMU's target/s390x/kvm/kvm_s390x.h): the generic accelerator state
 * holds no s390x capability.
 */
#ifndef TARGET_S390X_KVM_S390X_H
#define TARGET_S390X_KVM_S390X_H

#include "qemu/osdep.h"

/* KVM_CAP_S390_PROTECTED: the host can run protected guests. */
bool kvm_s390_get_protected(void);

/* KVM_CAP_S390_PROTECTED_DUMP: the host can dump protected guests. */
bool kvm_s390_get_protected_dump(void);

#endif /* TARGET_S390X_KVM_S390X_H */
