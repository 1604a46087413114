/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu-irq.c - per-vCPU interruptions injected through the accelerator.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/s390x/s390-cpu-irq.h"
#include "sysemu/kvm.h"

bool s390_cpu_restart_interrupt(CPUState *cs)
{
    struct kvm_s390_irq irq = { .type = KVM_S390_RESTART };
    int r = kvm_vcpu_ioctl(cs, KVM_S390_IRQ, &irq);

    if (r < 0) {
        warn_report("vCPU %d: cannot inject a restart interruption: %s",
                    cs->cpu_index, g_strerror(-r));
        return false;
    }
    return true;
}
