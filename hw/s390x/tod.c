/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tod.c - the guest's TOD clock stands still while the machine is stopped,
 * as QEMU's hw/s390x/tod-kvm.c: it is saved when the machine stops (stop,
 * a dump, a watchdog pause) and set back when it runs again, so that a
 * paused guest does not see its clock jump (clock comparator storms, RCU
 * stall warnings in Linux).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/s390x/tod.h"
#include "sysemu/runstate.h"
#include "target/s390x/kvm/kvm_s390x.h"

static S390TOD saved_tod;
static bool tod_stopped;      /* saved_tod holds the clock at the stop */

static void tod_vm_state_change(void *opaque, bool running, RunState state)
{
    GError *err = NULL;

    if (!running && !tod_stopped) {
        tod_stopped = kvm_s390_get_tod(&saved_tod, &err);
    } else if (running && tod_stopped) {
        tod_stopped = false;
        kvm_s390_set_tod(&saved_tod, &err);
    }
    if (err) {
        warn_report("%s", err->message);
        g_error_free(err);
    }
}

void s390_tod_init(void)
{
    tod_stopped = false;
    qemu_add_vm_change_state_handler(tod_vm_state_change, NULL);
}

void s390_tod_cleanup(void)
{
    qemu_del_vm_change_state_handler(tod_vm_state_change, NULL);
}
