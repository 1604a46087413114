/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigp.h - SIGNAL PROCESSOR in user space, and the CPU states it moves.
 */
#ifndef TARGET_S390X_SIGP_H
#define TARGET_S390X_SIGP_H

#include "target/s390x/cpu.h"

/*
 * Completes SIGP @order of @cpu (R1 = @r1 for the parameter and status,
 * R3 = @r3 for the CPU address) and returns the condition code.  Runs on
 * @cpu's thread with the BQL held.
 */
int handle_sigp(S390CPU *cpu, uint8_t order, unsigned r1, unsigned r3);

/* The CPU with CPU address @cpu_addr, or NULL. */
S390CPU *s390_cpu_addr2state(uint16_t cpu_addr);

#endif /* TARGET_S390X_SIGP_H */
