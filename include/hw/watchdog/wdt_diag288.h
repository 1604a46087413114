/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * wdt_diag288.h - the diag288 watchdog device and DIAG 288 (QEMU's
 * hw/watchdog/wdt_diag288.c and handle_diag_288).
 */
#ifndef HW_WATCHDOG_WDT_DIAG288_H
#define HW_WATCHDOG_WDT_DIAG288_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

/* DIAG 288 function codes (in GR[R1]). */
#define WDT_DIAG288_INIT   0
#define WDT_DIAG288_CHANGE 1
#define WDT_DIAG288_CANCEL 2

/* The shortest interval the guest may set, in seconds (QEMU's rule). */
#define WDT_DIAG288_MIN_TIMEOUT 15

/*
 * DIAG 288 by @cs with register numbers @r1 and @r3: GR[R1] is the
 * function, GR[R1+1] the interval in seconds, GR[R3] the action code,
 * which must be 0 (restart; the machine's -watchdog-action decides what
 * an expiry does).  init (0) arms the timer, change (1) re-arms an armed
 * timer, cancel (2) disarms it.  Returns 0, or PGM_SPECIFICATION for an
 * odd R1, a non-zero action, an interval under 15 s (but for cancel), no
 * diag288 device, an unknown function, or change/cancel of a disarmed
 * watchdog.  Needs the BQL.
 */
int handle_diag_288(CPUState *cs, unsigned r1, unsigned r3);

/*
 * The timer's expiry (the main loop calls it when the interval is over):
 * disarms the watchdog unless the action leaves the guest running without
 * telling it (debug, none, pause: QEMU keeps those armed), then
 * watchdog_perform_action().  Needs the BQL, main loop thread.
 */
void diag288_timer_expired(void);

/* Disarms the watchdog (machine reset, as QEMU's device reset). */
void diag288_reset(void);

/*
 * Milliseconds (CLOCK_MONOTONIC, g_get_monotonic_time() / 1000) at which
 * the armed timer expires, or -1 when disarmed or no device exists.
 */
int64_t diag288_deadline_ms(void);

#endif /* HW_WATCHDOG_WDT_DIAG288_H */
