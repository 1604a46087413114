/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * runstate.h - the machine's run state (QMP RunState) and its transitions.
 *
 * The RunState enum and its names are generated from qapi/run-state.json
 * (RUN_STATE_RUNNING, RunState_str(), ...).  All functions here must be
 * called with the BQL held.
 */
#ifndef SYSEMU_RUNSTATE_H
#define SYSEMU_RUNSTATE_H

#include "qemu/osdep.h"
#include "qapi/qapi-types.h"

/* Current run state. */
RunState runstate_get(void);

/* True if the vCPUs are allowed to run (state "running"). */
bool runstate_is_running(void);

/* Sets the state (only transitions QEMU allows; others abort). */
void runstate_set(RunState state);

/*
 * Pauses every vCPU and enters @state (paused, save-vm, shutdown, ...),
 * emitting the STOP event if the machine was running.  Returns when every
 * vCPU thread has stopped.
 */
void vm_stop(RunState state);

/*
 * The monitor's "stop": pauses the VM (state "paused") if it runs; fails
 * with the blocker's reason while a start blocker forbids stopping.
 */
bool vm_stop_request(GError **errp);

/*
 * Resumes every vCPU (state "running") and emits RESUME.  Fails when the
 * machine cannot run: a pending shutdown with -no-shutdown, or a start
 * blocker (a dump in progress, a protected dump the Ultravisor has not
 * completed, ...), with the reason.
 */
bool vm_start(GError **errp);

/*
 * Called with the BQL when the machine stops (@running false: after the
 * vCPUs paused, before STOP) or starts (@running true: before they resume),
 * as QEMU's VMChangeStateHandler.  @state is the new run state.
 */
typedef void VMChangeStateHandler(void *opaque, bool running, RunState state);

/* Registers @cb; handlers run in registration order.  BQL. */
void qemu_add_vm_change_state_handler(VMChangeStateHandler *cb, void *opaque);

/* Unregisters what qemu_add_vm_change_state_handler(@cb, @opaque) added. */
void qemu_del_vm_change_state_handler(VMChangeStateHandler *cb, void *opaque);

/* What a start blocker keeps from happening. */
typedef enum RunStateBlock {
    RUNSTATE_BLOCK_STOP = 1 << 0,    /* vm_stop_request(): "stop" */
    RUNSTATE_BLOCK_START = 1 << 1,   /* vm_start(): "cont", the end of a dump */
    /* system_reset is refused; a guest-initiated reset waits (held) */
    RUNSTATE_BLOCK_RESET = 1 << 2,
} RunStateBlock;

/*
 * One reason why the VM must not change its run state (like QEMU's
 * migration blockers).  The owner keeps it alive while it is added.
 */
typedef struct RunStateBlocker {
    unsigned blocks;                 /* RunStateBlock bits */
    /* The error the refused command gets, unless @resolve gives one. */
    const char *reason;
    /*
     * Optional: tries to remove the cause (the blocker then removes
     * itself) before a blocked operation is refused; false with the
     * reason it stays.
     */
    bool (*resolve)(GError **errp);
} RunStateBlocker;

/*
 * The one list of start blockers: a dump in progress (dump/dump.c), a UV
 * dump left open (hw/s390x/pv-dump.c).  Adding a blocker already in the
 * list and removing one that is not are no-ops.  When the last
 * RUNSTATE_BLOCK_RESET blocker goes, the held guest resets are carried out.
 */
void runstate_add_blocker(RunStateBlocker *blocker);
void runstate_del_blocker(RunStateBlocker *blocker);

/*
 * True unless a blocker forbids @what (RunStateBlock bits): each such
 * blocker is given the chance to resolve itself first.  Fails with the
 * first remaining blocker's reason.
 */
bool runstate_check_blockers(unsigned what, GError **errp);

/*
 * system_reset from the monitor: refused with the blocker's reason while
 * a reset blocker exists (a dump runs), else scheduled on the main loop.
 */
bool qemu_system_reset_host_request(GError **errp);

/*
 * A guest-initiated reset of the whole machine (DIAG 308 re-IPL) for
 * @reason (SHUTDOWN_CAUSE_GUEST_RESET, as QEMU's s390x reports it): held
 * while a reset blocker exists, carried out on the main loop once the
 * last one is gone.  RESET tells @reason and whether the guest asked.
 */
void qemu_system_reset_request(ShutdownCause reason);

/*
 * A guest-initiated reset that the machine performs itself (@fn on the
 * main loop, BQL held, e.g. the reboot of a protected guest): held like
 * qemu_system_reset_request().
 */
void qemu_system_guest_reset_request(void (*fn)(void *opaque), void *opaque);

/*
 * Requests a shutdown for @reason: SHUTDOWN_CAUSE_HOST_QMP_QUIT and
 * SHUTDOWN_CAUSE_HOST_SIGNAL always exit; others (guest shutdown, ...)
 * pause instead under -no-shutdown.  Emits SHUTDOWN, with "guest" true for
 * the guest-* causes.
 */
void qemu_system_shutdown_request(ShutdownCause reason);

/*
 * The guest panicked (@info: what the CPU showed; freed here, may be
 * NULL): GUEST_PANICKED, run state guest-panicked, and a shutdown unless
 * -no-shutdown keeps the machine paused.  Any thread.
 */
void qemu_system_guest_panicked(GuestPanicInformation *info);

/*
 * system_powerdown: emits POWERDOWN and calls the powerdown handler (from
 * the main loop, with the BQL), as QEMU's qemu_system_powerdown_request().
 */
void qemu_system_powerdown_request(void);

/*
 * Sets the function a powerdown request calls (the machine's: s390x
 * raises the SCLP signal-quiesce event); NULL removes it.  BQL.
 */
void qemu_register_powerdown_handler(void (*fn)(void));

/* True once a shutdown was requested (main loop is leaving). */
bool qemu_shutdown_requested(void);

#endif /* SYSEMU_RUNSTATE_H */
