/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * diag318.c - DIAG 318: the control-program name and version codes, kept
 * for the whole machine.
 */
#include "qemu/osdep.h"
#include "hw/s390x/diag308.h"
#include "hw/s390x/diag318.h"
#include "sysemu/cpus.h"
#include "sysemu/kvm.h"
#include "target/s390x/cpu.h"

static uint64_t diag318_info;

uint64_t s390_diag318_info(void)
{
    return diag318_info;
}

void s390_diag318_reset(void)
{
    diag318_info = 0;
}

/* On each vCPU's thread: the kernel picks the value up on its next entry. */
static void set_diag318_on_cpu(CPUState *cs, void *data)
{
    /* A backend that does not sync the field would refuse the dirty bit. */
    if (cs->kvm_run && (cs->kvm_run->kvm_valid_regs & KVM_SYNC_DIAG318)) {
        cs->kvm_run->s.regs.diag318 = *(const uint64_t *)data;
        cs->kvm_run->kvm_dirty_regs |= KVM_SYNC_DIAG318;
    }
}

int handle_diag_318(CPUState *cs, unsigned r1)
{
    uint64_t info = S390_CPU(cs)->env.regs[r1];
    CPUState *t;

    if (!s390_has_feat(&s390_cpu_model, S390_FEAT_DIAG318)) {
        return PGM_SPECIFICATION;
    }
    diag318_info = info;
    CPU_FOREACH(t) {
        run_on_cpu(t, set_diag318_on_cpu, &info);
    }
    return 0;
}
