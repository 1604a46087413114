/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * watchdog.h - what the machine does when a watchdog device expires
 * (QEMU's -watchdog-action and watchdog_perform_action()).
 */
#ifndef SYSEMU_WATCHDOG_H
#define SYSEMU_WATCHDOG_H

#include "qemu/osdep.h"
#include "qapi/qapi-types.h"

/* The action of -watchdog-action (default "reset", as QEMU). */
WatchdogAction get_watchdog_action(void);

/* Sets the action. */
void set_watchdog_action(WatchdogAction action);

/*
 * Parses a -watchdog-action value (QEMU's names: reset, shutdown,
 * poweroff, pause, debug, none, inject-nmi) into @action.
 */
bool watchdog_action_parse(const char *name, WatchdogAction *action, GError **errp);

/*
 * A watchdog expired: emits WATCHDOG {action} and carries the action out:
 * reset - a guest reset (RESET, reason "guest-reset"); shutdown - the
 * guest is shut down (SHUTDOWN "guest-shutdown"; pvdump has no
 * power-button signal to ask it first); poweroff - the process quits as
 * on "quit"; pause - the VM stops in state "watchdog"; debug - a message
 * on stderr; none - nothing; inject-nmi - a restart interruption on the
 * first CPU (QEMU's s390x NMI).  Needs the BQL, main loop thread.
 */
void watchdog_perform_action(void);

#endif /* SYSEMU_WATCHDOG_H */
