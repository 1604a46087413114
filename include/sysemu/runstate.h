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
 * Resumes every vCPU (state "running") and emits RESUME.  Fails when the
 * machine cannot run (e.g. a pending shutdown with -no-shutdown, a dump in
 * progress, a protected dump the Ultravisor has not completed: see
 * machine_prepare_start()), with the reason.
 */
bool vm_start(GError **errp);

/*
 * Installs a check that vm_start() consults before resuming (the dump
 * engine refuses "cont" while a dump runs).  NULL removes it.
 */
void runstate_set_start_blocker(bool (*blocker)(GError **errp));

/*
 * The machine's one-shot requests, served by the main loop.  A reset
 * emits RESET with reason host-qmp-system-reset.
 */
void qemu_system_reset_request(void);
/*
 * Requests a shutdown for @reason: SHUTDOWN_CAUSE_HOST_QMP_QUIT and
 * SHUTDOWN_CAUSE_HOST_SIGNAL always exit; others (guest shutdown, ...)
 * pause instead under -no-shutdown.  Emits SHUTDOWN, with "guest" true for
 * the guest-* causes.
 */
void qemu_system_shutdown_request(ShutdownCause reason);

/* True once a shutdown was requested (main loop is leaving). */
bool qemu_shutdown_requested(void);

#endif /* SYSEMU_RUNSTATE_H */
