/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipl-reset.h - the resets a guest asks for with DIAG 308 (QEMU's
 * s390_ipl_reset_request and the S390_RESET_* cases of s390_machine_reset).
 */
#ifndef HW_S390X_IPL_RESET_H
#define HW_S390X_IPL_RESET_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

/*
 * DIAG 308 subcode 0 (@clear: "load modified clear") or 1 ("load normal")
 * issued by @cs: stops @cs at once (it must not run past the DIAG), then,
 * on the main loop, resets every CPU - clear resets for subcode 0; for
 * subcode 1 an initial reset of @cs and normal resets of the others -
 * leaves them all stopped, and starts @cs with the short PSW at absolute
 * address 0 (the IPL PSW).  Guest memory is kept, as on QEMU: no image is
 * reloaded.  No RESET event (QEMU's SHUTDOWN_CAUSE_SUBSYSTEM_RESET).
 * Needs the BQL; runs on @cs's thread.
 */
void s390_ipl_reset_request(CPUState *cs, bool clear);

/*
 * Re-IPL asked by @cs (DIAG 308 subcode 3 or 4: KVM_EXIT_S390_RESET on
 * real KVM): stops @cs and requests the machine reset, which reloads the
 * -kernel/loader images and restarts the IPL CPU (RESET event, reason
 * "guest-reset").  Needs the BQL; runs on @cs's thread.
 */
void s390_ipl_reipl_request(CPUState *cs);

/*
 * The PSW a "load normal" gives from the 8-byte short PSW @spsw stored at
 * absolute 0: its control bits with the short-PSW bit (12) inverted, so
 * that a PSW stored without it fails with a specification exception as
 * on QEMU, and its 31-bit address.
 */
void s390_psw_from_short(uint64_t spsw, uint64_t *mask, uint64_t *addr);

#endif /* HW_S390X_IPL_RESET_H */
