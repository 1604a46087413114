/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * s390-cpu-irq.h - interruptions that the machine makes pending for one
 * vCPU.
 */
#ifndef HW_S390X_S390_CPU_IRQ_H
#define HW_S390X_S390_CPU_IRQ_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

/*
 * Makes a restart interruption pending for @cs (KVM_S390_IRQ with type
 * KVM_S390_RESTART, as QEMU's kvm_s390_restart_interrupt), which the CPU
 * takes through the restart new PSW.  False with a warning if the
 * accelerator refused it.  Needs the BQL.
 */
bool s390_cpu_restart_interrupt(CPUState *cs);

#endif /* HW_S390X_S390_CPU_IRQ_H */
