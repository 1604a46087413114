/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-pv-host.h - a uvsim protected-virtualization host for unit tests:
 * a fresh host key in a temporary directory, 4 MiB of guest RAM and one
 * vCPU, shared by the PV boot and PV dump tests.
 */
#ifndef TESTS_UVSIM_PV_HOST_H
#define TESTS_UVSIM_PV_HOST_H

#include "qemu/osdep.h"
#include "sysemu/kvm.h"
#include "target/s390x/cpu.h"

#define UVSIM_TEST_RAM (4 * MiB)

typedef struct UvsimPVHost {
    uint8_t *ram;           /* guest RAM's host mapping */
    S390CPU cpu;            /* vCPU 0 */
    char *dir;              /* holds host.pem and host.crt */
} UvsimPVHost;

/* Creates the host key in a new directory made from @dir_template, the VM,
 * its RAM and vCPU 0 (kvm_state is set). */
void uvsim_pv_host_setup(UvsimPVHost *h, const char *dir_template);

/* Destroys everything uvsim_pv_host_setup() made. */
void uvsim_pv_host_teardown(UvsimPVHost *h);

/* The path of the host-key document (caller frees). */
char *uvsim_pv_host_doc(const UvsimPVHost *h);

/*
 * Issues KVM_S390_PV_COMMAND @cmd with rc/rrc preset to 0xAAAA/0xBBBB, so
 * a test sees whether the kernel wrote them back; *@out (if not NULL) gets
 * the structure as it came back.  Returns the ioctl's result.
 */
int uvsim_pv_cmd(uint32_t cmd, void *data, struct kvm_pv_cmd *out);

#endif /* TESTS_UVSIM_PV_HOST_H */
