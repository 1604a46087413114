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
 * paused, else on the main loop with the vCPUs paused around it.
 */
void s390_pv_start_request(CPUState *cs, unsigned r1);

/* Reset "modified clear" / "load normal" of a protected guest (reboot). */
void s390_pv_reboot(void);

/* External reset / re-IPL: leaves protected mode (no-op if not protected). */
void s390_machine_unprotect(void);

/*
 * Ends the open UV dump with KVM_PV_DUMP_COMPLETE into @buf (@len bytes,
 * at least dump_finalize_len), or with @buf NULL into a scratch buffer
 * whose data are dropped (then losing them is no error).  True if the
 * dump is over and @buf holds the data.  If the UV dump stays open, the
 * machine remembers it as pending (see s390_pv_dump_settle()).
 */
bool s390_pv_dump_end(void *buf, uint64_t len, GError **errp);

/* Marks the UV dump as open and owned by nobody (a dump that gave up on it). */
void s390_pv_dump_set_pending(void);

/* True while a pending UV dump keeps the guest from running. */
bool s390_pv_dump_pending(void);

/*
 * Completes a pending UV dump (no-op if none): before the vCPUs resume,
 * before a new DUMP_INIT, before protection ends and at teardown.  False
 * if it stays pending, with "the protected guest cannot run until its
 * dump is completed: " and the reason.
 */
bool s390_pv_dump_settle(GError **errp);

/* s390_pv_dump_settle(), with a warning naming the @consequence of a failure. */
void s390_pv_dump_settle_or_warn(const char *consequence);

/* The last failed protected boot, for query-pv; false if none since the last success. */
bool s390_pv_last_failure(S390PVResponse *resp, const char **message);

/* A short description of a boot-time UV rc/rrc (docs/se-image.md). */
const char *s390_pv_rc_str(uint16_t rc, uint16_t rrc);

#endif /* HW_S390X_PV_BOOT_H */
