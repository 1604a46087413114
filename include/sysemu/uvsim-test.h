/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-test.h - test-only operations of the simulator.
 *
 * What only a simulated host can do, for tests that compare results with
 * the guest's truth: it is no part of the accelerator interface, and it
 * exists only in builds with the test hooks (./configure
 * --enable-fault-injection, meson -Dfault_injection=true).
 */
#ifndef SYSEMU_UVSIM_TEST_H
#define SYSEMU_UVSIM_TEST_H

#include "qemu/osdep.h"
#include "config-host.h"
#include "sysemu/kvm.h"

#ifndef CONFIG_FAULT_INJECTION
#error "sysemu/uvsim-test.h is test-only: build with --enable-fault-injection"
#endif

/* The name of @s's backend: "kvm" or "uvsim". */
const char *uvsim_test_backend_name(const KVMState *s);

/*
 * The guest's own view of [gpa, gpa+len) (the plaintext of secure pages),
 * changing no page's state - for tests that compare a decrypted protected
 * dump with the truth.  -ENOTSUP unless the accelerator is uvsim (a real
 * host cannot read secure pages), -EFAULT outside guest memory.
 */
int uvsim_test_guest_read(uint64_t gpa, void *buf, uint64_t len);

/*
 * Takes the floating interrupt the guest would take next, for tests of
 * what user space injected: 1 with it in @irq, 0 if none is pending,
 * -ENOTSUP unless the accelerator is uvsim.
 */
int uvsim_test_take_floating_irq(struct kvm_s390_irq *irq);

#endif /* SYSEMU_UVSIM_TEST_H */
