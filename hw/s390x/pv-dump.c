/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-dump.c - the protected-dump session (see pv-dump.h): DUMP_INIT,
 * DUMP_COMPLETE with its retries, and a UV dump left open ("pending").
 *
 * A pending UV dump is a run-state blocker: vm_start() and system_reset
 * first try to complete it (s390_pv_dump_settle()) and are refused while
 * it stays open; a guest-initiated reset waits for it.  The blocker is
 * changed under the BQL only: a dump's own DUMP_COMPLETE (on the detached
 * dump thread) leaves an open UV dump to its owner, who abandons it.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/s390x/pv-dump.h"
#include "sysemu/runstate.h"
#include "target/s390x/kvm/pv.h"

/* Calls of DUMP_COMPLETE per complete(), and the first pause. */
#define COMPLETE_TRIES      5
#define COMPLETE_BACKOFF_US 1000

static struct {
    /* A UV dump that no dump owns any more is still open. */
    bool pending;
    /*
     * A DUMP_COMPLETE of the open UV dump failed with -EFAULT: the kernel
     * copies the data out only after the UV completed, so it may be over.
     */
    bool unsure;
} session;

static RunStateBlocker pending_blocker = {
    .blocks = RUNSTATE_BLOCK_START | RUNSTATE_BLOCK_RESET,
    .reason = "the protected guest cannot run until its dump is completed",
    .resolve = s390_pv_dump_settle,
};

static void set_pending(bool pending)
{
    session.pending = pending;
    if (pending) {
        runstate_add_blocker(&pending_blocker);
    } else {
        runstate_del_blocker(&pending_blocker);
    }
}

bool s390_pv_dump_begin(GError **errp)
{
    S390PVResponse resp;
    GError *err = NULL;

    if (!s390_pv_dump_supported()) {
        error_setg(errp, "the accelerator cannot dump protected guests "
                   "(no KVM_CAP_S390_PROTECTED_DUMP)");
        return false;
    }
    /* The kernel refuses DUMP_INIT while the last dump is open. */
    if (!s390_pv_dump_settle(errp)) {
        return false;
    }
    if (!s390_pv_dump_init(&resp, &err)) {
        /* D2: no silent fallback to a plain dump of ciphertext. */
        if (resp.rc) {          /* the UV refused (rc 0: the kernel did) */
            error_setg(errp, "the protected guest does not allow dumping "
                       "(Ultravisor rc 0x%x, rrc 0x%x)", resp.rc, resp.rrc);
            g_error_free(err);
        } else {
            g_propagate_error(errp, err);
        }
        return false;
    }
    session.unsure = false;
    return true;
}

/*
 * Errors after which the UV dump is still open but a new call may succeed:
 * the kernel allocates its bounce buffer (-ENOMEM) before the UVC, and
 * -EAGAIN is retried for the same reason as -EINTR.  -EFAULT is repeated
 * to learn what happened (see complete()).
 */
static bool complete_retriable(int r)
{
    return r == -EAGAIN || r == -ENOMEM || r == -EFAULT;
}

/*
 * DUMP_COMPLETE until it succeeds, proves the dump over, or fails for
 * good.  "Not dumping" is refused before any UVC, rc/rrc untouched (0):
 * after an -EFAULT that means the UV did complete the dump then.
 * @errp is set unless the result is S390_PV_DUMP_COMPLETED.
 */
static S390PVDumpEnd complete(void *buf, uint64_t len, GError **errp)
{
    unsigned long pause = COMPLETE_BACKOFF_US;

    for (int tries = 1;; tries++) {
        g_autoptr(GError) err = NULL;
        S390PVResponse resp;
        int r = s390_pv_dump_complete(buf, len, &resp, &err);

        if (!r) {
            session.unsure = false;
            return S390_PV_DUMP_COMPLETED;
        }
        if (r == -EINVAL && session.unsure && !resp.rc && !resp.rrc) {
            session.unsure = false;
            error_setg(errp, "KVM_PV_DUMP DUMP_COMPLETE: the dump was completed "
                       "but its completion data were lost (%s)", g_strerror(EFAULT));
            return S390_PV_DUMP_DATA_LOST;
        }
        if (r == -EFAULT) {
            /* copy_to_user of the data fails after the UV completed. */
            session.unsure = true;
        }
        if (tries == COMPLETE_TRIES || !complete_retriable(r)) {
            g_propagate_error(errp, g_steal_pointer(&err));
            return S390_PV_DUMP_OPEN;
        }
        if (r != -EFAULT) {
            g_usleep(pause);
            pause *= 4;
        }
    }
}

S390PVDumpEnd s390_pv_dump_end(void *buf, uint64_t len, GError **errp)
{
    return complete(buf, len, errp);
}

void s390_pv_dump_abandon(void)
{
    set_pending(true);
}

bool s390_pv_dump_pending(void)
{
    return session.pending;
}

bool s390_pv_dump_settle(GError **errp)
{
    g_autofree uint8_t *scratch = NULL;
    GError *err = NULL;
    uint64_t len = s390_pv_info()->dump_finalize_len;

    if (!session.pending) {
        return true;
    }
    /* Nobody wants the completion data: losing them is no error. */
    scratch = g_malloc0(len);
    if (complete(scratch, len, &err) != S390_PV_DUMP_OPEN) {
        set_pending(false);
        g_clear_error(&err);
        return true;
    }
    /* The kernel refuses KVM_RUN (-EINVAL) while the VM is dumping. */
    error_prepend(&err, "%s: ", pending_blocker.reason);
    g_propagate_error(errp, err);
    return false;
}

void s390_pv_dump_settle_or_warn(const char *consequence)
{
    g_autoptr(GError) err = NULL;

    if (!s390_pv_dump_settle(&err)) {
        warn_report("%s (%s)", err->message, consequence);
    }
}
