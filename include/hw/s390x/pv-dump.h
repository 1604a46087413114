/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-dump.h - the protected-dump session: the one owner of the
 * Ultravisor's dump state between KVM_PV_DUMP_INIT and a successful
 * KVM_PV_DUMP_COMPLETE (hw/s390x/pv-dump.c).
 *
 * While the UV dump is open the kernel refuses KVM_RUN, so the vCPUs
 * cannot run.  A dump (target/s390x/arch_dump_pv.c) owns the UV dump from
 * s390_pv_dump_begin() to a successful s390_pv_dump_end() or to
 * s390_pv_dump_abandon(); one it could not complete stays "pending": a
 * run-state blocker that completes it before the vCPUs run, before a
 * reset, before the next DUMP_INIT and before protection ends.  All calls
 * but s390_pv_dump_end() need the BQL.
 */
#ifndef HW_S390X_PV_DUMP_H
#define HW_S390X_PV_DUMP_H

#include "qemu/osdep.h"

/*
 * Starts a UV dump for a new protected dump: completes a pending one
 * first, then KVM_PV_DUMP_INIT.  Fails if the accelerator cannot dump
 * protected guests, if a pending dump stays open, or if the Ultravisor
 * refuses (then "the protected guest does not allow dumping ...", D2).
 */
bool s390_pv_dump_begin(GError **errp);

/* What a KVM_PV_DUMP_COMPLETE achieved. */
typedef enum S390PVDumpEnd {
    S390_PV_DUMP_COMPLETED,    /* the dump is over, its data in the buffer */
    S390_PV_DUMP_DATA_LOST,    /* the dump is over, its data were lost */
    S390_PV_DUMP_OPEN,         /* still dumping: the vCPUs cannot run */
} S390PVDumpEnd;

/*
 * The owning dump ends the open UV dump with KVM_PV_DUMP_COMPLETE into
 * @buf (@len bytes, at least dump_finalize_len); may run without the BQL
 * (detached dump thread).  -EAGAIN and -ENOMEM are retried a few times
 * with growing pauses; after -EFAULT the call is repeated to learn
 * whether the UV completed the dump anyway (then DATA_LOST: "the dump was
 * completed but its completion data were lost").  @errp is set unless
 * the result is COMPLETED; on OPEN the caller still owns the UV dump and
 * must abandon it.
 */
S390PVDumpEnd s390_pv_dump_end(void *buf, uint64_t len, GError **errp);

/* The dump that owns the open UV dump gives up on it: it becomes pending. */
void s390_pv_dump_abandon(void);

/* True while a pending UV dump keeps the guest from running (query-pv). */
bool s390_pv_dump_pending(void);

/*
 * Completes a pending UV dump (no-op if none).  False if it stays
 * pending, with "the protected guest cannot run until its dump is
 * completed: " and the reason.
 */
bool s390_pv_dump_settle(GError **errp);

/* s390_pv_dump_settle(), with a warning naming the @consequence of a failure. */
void s390_pv_dump_settle_or_warn(const char *consequence);

#endif /* HW_S390X_PV_DUMP_H */
