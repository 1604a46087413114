/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv.h - protected virtualization: the KVM_S390_PV_COMMAND calls the
 * machine makes (after QEMU's target/s390x/kvm/pv.h).
 *
 * Nothing here knows which accelerator backend is active; everything goes
 * through kvm_vm_ioctl().
 */
#ifndef TARGET_S390X_KVM_PV_H
#define TARGET_S390X_KVM_PV_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

/* The PV command that failed and the Ultravisor's answer. */
typedef struct S390PVResponse {
    uint16_t cmd;
    uint16_t rrc;
    uint16_t rc;
} S390PVResponse;

/* What KVM_PV_INFO reported after the last successful ENABLE. */
typedef struct S390PVInfo {
    bool have_dump_info;
    uint64_t dump_cpu_buffer_len;
    uint64_t dump_mem_buffer_per_1m;
    uint64_t dump_finalize_len;
} S390PVInfo;

/* KVM_PV_ENABLE: the VM becomes protected. */
bool s390_pv_vm_enable(GError **errp);

/* KVM_PV_DISABLE: the VM is no longer protected (failure is fatal, as in QEMU). */
void s390_pv_vm_disable(void);

/* KVM_PV_INFO VM then DUMP, only if the accelerator can dump PV guests. */
bool s390_pv_query_info(GError **errp);

/* The dump buffer sizes of the last KVM_PV_INFO (zeros if never queried). */
const S390PVInfo *s390_pv_info(void);

/*
 * KVM_PV_INFO id DUMP on its own (the call needs no protected VM), for the
 * monitor when the boot did not query it.
 */
bool s390_pv_query_dump_info(S390PVInfo *info, GError **errp);

/* KVM_PV_SET_SEC_PARMS with a host copy of the SE header. */
bool s390_pv_set_sec_parms(const void *hdr, uint64_t length,
                           S390PVResponse *resp, GError **errp);

/* KVM_PV_UNPACK of one component. */
bool s390_pv_unpack(uint64_t addr, uint64_t size, uint64_t tweak,
                    S390PVResponse *resp, GError **errp);

/* KVM_PV_VERIFY. */
bool s390_pv_verify(S390PVResponse *resp, GError **errp);

/* KVM_PV_PREP_RESET and KVM_PV_UNSHARE_ALL (failure is fatal, as in QEMU). */
void s390_pv_prep_reset(void);
void s390_pv_unshare(void);

/*
 * The dump calls (docs/kvm-pv-interface.md).  Each fails with a
 * message naming the call, the errno and the Ultravisor's rc/rrc; @resp
 * (may be NULL) receives rc/rrc whatever the outcome.
 */

/* True if the accelerator can dump protected guests and INFO gave the sizes. */
bool s390_pv_dump_supported(void);

/* KVM_PV_DUMP_INIT: the UV starts a dump; the vCPUs cannot run until complete. */
bool s390_pv_dump_init(S390PVResponse *resp, GError **errp);

/*
 * KVM_PV_DUMP_CPU on @cs: its encrypted state into @buf, which must be
 * exactly dump_cpu_buffer_len bytes.
 */
bool s390_pv_dump_cpu(CPUState *cs, void *buf, uint64_t len, GError **errp);

/*
 * KVM_PV_DUMP_CONFIG_STOR_STATE for the @len / dump_mem_buffer_per_1m
 * consecutive 1 MiB blocks from @gaddr (1 MiB aligned) into @buf.
 */
bool s390_pv_dump_stor_state(uint64_t gaddr, void *buf, uint64_t len,
                             GError **errp);

/*
 * One KVM_PV_DUMP_COMPLETE (retried on -EINTR only): the completion data
 * into @buf (at least dump_finalize_len bytes); once it succeeded the
 * vCPUs may run again.  Returns 0 or the -errno, which the caller needs
 * to decide on retries (hw/s390x/pv-dump.c owns that policy).
 */
int s390_pv_dump_complete(void *buf, uint64_t len, S390PVResponse *resp,
                          GError **errp);

#endif /* TARGET_S390X_KVM_PV_H */
