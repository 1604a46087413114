/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * diag308.h - DIAG 308 (IPL functions) as QEMU's target/s390x/diag.c.
 */
#ifndef HW_S390X_DIAG308_H
#define HW_S390X_DIAG308_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"
#include "target/s390x/cpu.h"      /* the PGM_* codes it raises */

/*
 * Executes DIAG 308 on @cs with register numbers @r1 and @r3 (R3 holds
 * the subcode): stores the response code in R1+1 where the subcode has
 * one.  Returns 0, or the program interruption code the guest gets.
 * Needs the BQL; @cs's registers are current in its env.
 */
int handle_diag_308(CPUState *cs, unsigned r1, unsigned r3);

#endif /* HW_S390X_DIAG308_H */
