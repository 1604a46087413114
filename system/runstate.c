/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * runstate.c - run state, vm_stop/vm_start, and reset/shutdown requests.
 *
 * Mirrors QEMU's runstate.c: the state is one QAPI RunState, changed only
 * with the BQL held; STOP/RESUME/SHUTDOWN/RESET events are emitted where
 * QEMU emits them, so QMP clients (libvirt) can track the machine.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "sysemu/runstate.h"
#include "sysemu/cpus.h"
#include "hw/boards.h"
#include "qapi/qapi-events.h"

static RunState current_run_state = RUN_STATE_PRELAUNCH;
static bool exit_requested;
static bool (*start_blocker)(GError **errp);

RunState runstate_get(void)
{
    return current_run_state;
}

bool runstate_is_running(void)
{
    return current_run_state == RUN_STATE_RUNNING;
}

void runstate_set(RunState state)
{
    g_assert(bql_locked());
    g_assert((unsigned)state < RUN_STATE__MAX);
    current_run_state = state;
}

void runstate_set_start_blocker(bool (*blocker)(GError **errp))
{
    start_blocker = blocker;
}

void vm_stop(RunState state)
{
    g_assert(bql_locked());
    if (!runstate_is_running()) {
        /* QEMU: stopping a machine that is not running changes nothing. */
        return;
    }
    pause_all_vcpus();
    runstate_set(state);
    qapi_event_send_stop();
}

static bool runstate_needs_reset(void)
{
    return current_run_state == RUN_STATE_INTERNAL_ERROR ||
           current_run_state == RUN_STATE_SHUTDOWN ||
           current_run_state == RUN_STATE_GUEST_PANICKED;
}

bool vm_start(GError **errp)
{
    g_assert(bql_locked());
    if (runstate_needs_reset()) {
        error_setg(errp, "Resetting the Virtual Machine is required");
        return false;
    }
    if (start_blocker && !start_blocker(errp)) {
        return false;
    }
    if (runstate_is_running()) {
        return true;
    }
    if (current_machine && !machine_prepare_start(errp)) {
        return false;
    }
    runstate_set(RUN_STATE_RUNNING);
    resume_all_vcpus();
    qapi_event_send_resume();
    return true;
}

/* QEMU's shutdown_caused_by_guest(). */
static bool shutdown_caused_by_guest(ShutdownCause cause)
{
    switch (cause) {
    case SHUTDOWN_CAUSE_GUEST_SHUTDOWN:
    case SHUTDOWN_CAUSE_GUEST_RESET:
    case SHUTDOWN_CAUSE_GUEST_PANIC:
        return true;
    default:
        return false;
    }
}

static void do_system_reset(void *opaque)
{
    bool was_running = runstate_is_running();
    if (was_running) {
        pause_all_vcpus();
    }
    machine_reset();
    qapi_event_send_reset(false, SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    if (was_running) {
        resume_all_vcpus();
    } else if (current_run_state != RUN_STATE_INMIGRATE &&
               current_run_state != RUN_STATE_FINISH_MIGRATE) {
        /* A reset machine that is not running waits in prelaunch (QEMU). */
        runstate_set(RUN_STATE_PRELAUNCH);
    }
}

void qemu_system_reset_request(void)
{
    main_loop_schedule(do_system_reset, NULL);
}

static void do_shutdown(void *opaque)
{
    ShutdownCause reason = GPOINTER_TO_INT(opaque);
    /* Host-initiated quit and signals always exit; -no-shutdown pauses the rest. */
    bool always_exit = reason == SHUTDOWN_CAUSE_HOST_QMP_QUIT ||
                       reason == SHUTDOWN_CAUSE_HOST_SIGNAL;

    qapi_event_send_shutdown(shutdown_caused_by_guest(reason), reason);
    if (!always_exit && current_machine && current_machine->cfg->no_shutdown) {
        vm_stop(RUN_STATE_SHUTDOWN);
    } else {
        exit_requested = true;
        main_loop_wakeup();
    }
}

void qemu_system_shutdown_request(ShutdownCause reason)
{
    g_assert((unsigned)reason < SHUTDOWN_CAUSE__MAX);
    main_loop_schedule(do_shutdown, GINT_TO_POINTER(reason));
}

bool qemu_shutdown_requested(void)
{
    return exit_requested;
}
