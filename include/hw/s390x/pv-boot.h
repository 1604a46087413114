/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-boot.h - moving the machine into and out of protected mode
 * (docs/pv-boot.md): DIAG 308 subcode 10, its failure path, the
 * reboot paths of a protected guest, and what the monitor reports.
 */
#ifndef HW_S390X_PV_BOOT_H
#define HW_S390X_PV_BOOT_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"
#include "target/s390x/kvm/pv.h"

/* True while the machine runs a protected guest (QEMU's ms->pv). */
bool s390_is_pv(void);

/*
 * DIAG 308 subcode 10 on @cs (its R1 is @r1): resets, protects, unpacks
 * and verifies, then loads the image PSW; on failure unprotects and
 * stores the extended error in R1+1.  Runs at once when every vCPU is
 * paused, else on the main loop with the vCPUs paused around it, as a
 * guest-initiated reset (held while a dump runs).
 */
void s390_pv_start_request(CPUState *cs, unsigned r1);

/*
 * Reset "modified clear" / "load normal" of a protected guest (docs/pv-boot.md),
 * on the main loop as a guest-initiated reset (held while a dump runs).
 */
void s390_pv_reboot(void);

/* External reset / re-IPL: leaves protected mode (no-op if not protected). */
void s390_machine_unprotect(void);

/* The last failed protected boot, for query-pv; false if none since the last success. */
bool s390_pv_last_failure(S390PVResponse *resp, const char **message);

/* A short description of a boot-time UV rc/rrc (docs/se-image.md). */
const char *s390_pv_rc_str(uint16_t rc, uint16_t rrc);

#endif /* HW_S390X_PV_BOOT_H */
