/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu.c - the architected resets of the s390x CPU (the CPU models are in
 * cpu-models.c).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "target/s390x/cpu.h"

void s390_cpu_initial_reset(S390CPU *cpu)
{
    CPUS390XState *env = &cpu->env;
    /* PoP "initial CPU reset": PSW, prefix, timers, CRs and FPC cleared. */
    env->psw_mask = env->psw_addr = 0;
    env->prefix = 0;
    env->cputm = env->ckc = 0;
    env->todpr = 0;
    memset(env->cregs, 0, sizeof(env->cregs));
    env->cregs[0] = 0xE0;
    env->cregs[14] = 0xC2000000;
    env->fpc = 0;
}
