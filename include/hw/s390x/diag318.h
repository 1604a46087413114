/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * diag318.h - DIAG 318, the control program's name and version codes
 * (QEMU's handle_diag_318).
 */
#ifndef HW_S390X_DIAG318_H
#define HW_S390X_DIAG318_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

/*
 * DIAG 318 by @cs with register number @r1 (GR[R1] holds the codes): needs
 * the CPU model's diag318 feature.  Stores the value as machine state and
 * in every vCPU's run area (KVM_SYNC_DIAG318, so that the kernel reports
 * it to the host as QEMU's does).  Returns 0, or the program interruption
 * code the guest gets (PGM_SPECIFICATION without the feature).  Needs the
 * BQL; runs on @cs's thread.
 */
int handle_diag_318(CPUState *cs, unsigned r1);

/* The last value the guest set (0 after a reset or before any DIAG 318). */
uint64_t s390_diag318_info(void);

/* Forgets the value (machine reset: the next control program sets its own). */
void s390_diag318_reset(void);

#endif /* HW_S390X_DIAG318_H */
