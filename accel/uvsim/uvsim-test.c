/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-test.c - test-only operations of the simulator (see
 * include/sysemu/uvsim-test.h); built only with the test hooks.
 */
#include "qemu/osdep.h"
#include "sysemu/uvsim-test.h"
#include "uvsim-internal.h"

const char *uvsim_test_backend_name(const KVMState *s)
{
    return s->ops->name;
}

int uvsim_test_guest_read(uint64_t gpa, void *buf, uint64_t len)
{
    if (!kvm_state || kvm_state->ops != &uvsim_backend_ops) {
        return -ENOTSUP;
    }
    return uv_storage_peek(kvm_state->backend, gpa, buf, len);
}

int uvsim_test_take_floating_irq(struct kvm_s390_irq *irq)
{
    UvsimVM *vm;

    if (!kvm_state || kvm_state->ops != &uvsim_backend_ops) {
        return -ENOTSUP;
    }
    vm = kvm_state->backend;
    return uvsim_irq_dequeue_floating(&vm->float_irqs, NULL, NULL, irq);
}
