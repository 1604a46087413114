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
/* The start blockers (RunStateBlocker *), oldest first; BQL. */
static GPtrArray *blockers;
/* Guest resets waiting for the last reset blocker to go (HeldReset *); BQL. */
static GQueue held_resets = G_QUEUE_INIT;
/* The VMChangeStateHandlers (VMChangeStateEntry *), in order; BQL. */
static GPtrArray *change_handlers;

typedef struct VMChangeStateEntry {
    VMChangeStateHandler *cb;
    void *opaque;
} VMChangeStateEntry;

/* What system_powerdown asks the guest through (the machine's); BQL. */
static void (*powerdown_handler)(void);

typedef struct HeldReset {
    void (*fn)(void *opaque);
    void *opaque;
} HeldReset;

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

/* The oldest blocker that forbids any of @what, or NULL. */
static RunStateBlocker *first_blocker(unsigned what)
{
    for (guint i = 0; blockers && i < blockers->len; i++) {
        RunStateBlocker *b = g_ptr_array_index(blockers, i);
        if (b->blocks & what) {
            return b;
        }
    }
    return NULL;
}

static bool blocked(unsigned what)
{
    return first_blocker(what) != NULL;
}

static void run_guest_reset(void *opaque);

void runstate_add_blocker(RunStateBlocker *blocker)
{
    g_assert(bql_locked());
    if (!blockers) {
        blockers = g_ptr_array_new();
    }
    if (!g_ptr_array_find(blockers, blocker, NULL)) {
        g_ptr_array_add(blockers, blocker);
    }
}

void runstate_del_blocker(RunStateBlocker *blocker)
{
    g_assert(bql_locked());
    if (!blockers || !g_ptr_array_remove(blockers, blocker) ||
        blocked(RUNSTATE_BLOCK_RESET)) {
        return;
    }
    /* Each re-checks the blockers when it runs (see run_guest_reset()). */
    while (!g_queue_is_empty(&held_resets)) {
        main_loop_schedule(run_guest_reset, g_queue_pop_head(&held_resets));
    }
}

bool runstate_check_blockers(unsigned what, GError **errp)
{
    RunStateBlocker *b;

    g_assert(bql_locked());
    /* One that resolves removes itself: look again from the oldest. */
    while ((b = first_blocker(what))) {
        if (!b->resolve) {
            error_setg(errp, "%s", b->reason);
            return false;
        }
        if (!b->resolve(errp)) {
            return false;
        }
        g_assert(!g_ptr_array_find(blockers, b, NULL));
    }
    return true;
}

void qemu_add_vm_change_state_handler(VMChangeStateHandler *cb, void *opaque)
{
    VMChangeStateEntry *e = g_new(VMChangeStateEntry, 1);

    e->cb = cb;
    e->opaque = opaque;
    if (!change_handlers) {
        change_handlers = g_ptr_array_new_with_free_func(g_free);
    }
    g_ptr_array_add(change_handlers, e);
}

void qemu_del_vm_change_state_handler(VMChangeStateHandler *cb, void *opaque)
{
    for (guint i = 0; change_handlers && i < change_handlers->len; i++) {
        VMChangeStateEntry *e = g_ptr_array_index(change_handlers, i);

        if (e->cb == cb && e->opaque == opaque) {
            g_ptr_array_remove_index(change_handlers, i);
            return;
        }
    }
}

static void vm_state_notify(bool running, RunState state)
{
    for (guint i = 0; change_handlers && i < change_handlers->len; i++) {
        VMChangeStateEntry *e = g_ptr_array_index(change_handlers, i);

        e->cb(e->opaque, running, state);
    }
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
    vm_state_notify(false, state);
    qapi_event_send_stop();
}

bool vm_stop_request(GError **errp)
{
    /* A dump holds the VM paused until it ends (QEMU). */
    if (!runstate_check_blockers(RUNSTATE_BLOCK_STOP, errp)) {
        return false;
    }
    vm_stop(RUN_STATE_PAUSED);
    return true;
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
    if (!runstate_check_blockers(RUNSTATE_BLOCK_START, errp)) {
        return false;
    }
    if (runstate_is_running()) {
        return true;
    }
    runstate_set(RUN_STATE_RUNNING);
    vm_state_notify(true, RUN_STATE_RUNNING);
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
    ShutdownCause reason = GPOINTER_TO_INT(opaque);
    bool was_running = runstate_is_running();

    if (was_running) {
        pause_all_vcpus();
    }
    machine_reset();
    qapi_event_send_reset(shutdown_caused_by_guest(reason), reason);
    if (was_running) {
        resume_all_vcpus();
    } else if (current_run_state != RUN_STATE_INMIGRATE &&
               current_run_state != RUN_STATE_FINISH_MIGRATE) {
        /* A reset machine that is not running waits in prelaunch (QEMU). */
        runstate_set(RUN_STATE_PRELAUNCH);
    }
}

/* Runs a guest reset now, or holds it while a reset blocker exists. */
static void run_guest_reset(void *opaque)
{
    HeldReset *r = opaque;

    if (blocked(RUNSTATE_BLOCK_RESET)) {
        g_queue_push_tail(&held_resets, r);
        return;
    }
    r->fn(r->opaque);
    g_free(r);
}

void qemu_system_guest_reset_request(void (*fn)(void *opaque), void *opaque)
{
    HeldReset *r = g_new(HeldReset, 1);

    r->fn = fn;
    r->opaque = opaque;
    main_loop_schedule(run_guest_reset, r);
}

void qemu_system_reset_request(ShutdownCause reason)
{
    qemu_system_guest_reset_request(do_system_reset, GINT_TO_POINTER(reason));
}

bool qemu_system_reset_host_request(GError **errp)
{
    if (!runstate_check_blockers(RUNSTATE_BLOCK_RESET, errp)) {
        return false;
    }
    /* Like a guest's, a reset that a dump overtakes waits for its end. */
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    return true;
}

static void do_system_powerdown(void *opaque)
{
    qapi_event_send_powerdown();
    if (powerdown_handler) {
        powerdown_handler();
    }
}

void qemu_system_powerdown_request(void)
{
    main_loop_schedule(do_system_powerdown, NULL);
}

void qemu_register_powerdown_handler(void (*fn)(void))
{
    powerdown_handler = fn;
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

static void do_guest_panicked(void *opaque)
{
    g_autofree GuestPanicInformation *info = opaque;
    bool pause = current_machine && current_machine->cfg->no_shutdown;

    /*
     * QEMU's default panic action is "shutdown", which -no-shutdown turns
     * into a pause: the run state stays guest-panicked for the
     * management (libvirt shows the domain as crashed).
     */
    qapi_event_send_guest_panicked(pause ? GUEST_PANIC_ACTION_PAUSE
                                         : GUEST_PANIC_ACTION_POWEROFF,
                                   info != NULL, info);
    vm_stop(RUN_STATE_GUEST_PANICKED);
    if (!pause) {
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_PANIC);
    }
}

void qemu_system_guest_panicked(GuestPanicInformation *info)
{
    main_loop_schedule(do_guest_panicked, info);
}
