/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * watchdog.c - the machine's answer to an expired watchdog (QEMU's
 * system/watchdog.c).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-events.h"
#include "hw/core/cpu.h"
#include "hw/s390x/s390-cpu-irq.h"
#include "sysemu/runstate.h"
#include "sysemu/watchdog.h"

static WatchdogAction watchdog_action = WATCHDOG_ACTION_RESET;

WatchdogAction get_watchdog_action(void)
{
    return watchdog_action;
}

void set_watchdog_action(WatchdogAction action)
{
    watchdog_action = action;
}

bool watchdog_action_parse(const char *name, WatchdogAction *action, GError **errp)
{
    int v = WatchdogAction_parse(name);

    if (v < 0) {
        error_setg(errp, "Parameter 'action' does not accept value '%s'", name);
        return false;
    }
    *action = v;
    return true;
}

/* QEMU's s390x NMI: a restart interruption for the monitor's CPU (0). */
static void inject_nmi(void)
{
    CPUState *cs = qemu_get_cpu(0);

    if (cs) {
        s390_cpu_restart_interrupt(cs);
    }
}

void watchdog_perform_action(void)
{
    WatchdogAction action = watchdog_action;

    qapi_event_send_watchdog(action);
    switch (action) {
    case WATCHDOG_ACTION_RESET:
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        break;
    case WATCHDOG_ACTION_SHUTDOWN:
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        break;
    case WATCHDOG_ACTION_POWEROFF:
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
        break;
    case WATCHDOG_ACTION_PAUSE:
        if (runstate_is_running()) {
            vm_stop(RUN_STATE_WATCHDOG);
        }
        break;
    case WATCHDOG_ACTION_DEBUG:
        fprintf(stderr, "watchdog: timer fired\n");
        break;
    case WATCHDOG_ACTION_INJECT_NMI:
        inject_nmi();
        break;
    default:
        break;
    }
}
