/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-runstate-blockers.c - system/runstate.c's one list of start
 * blockers: stop, cont and system_reset refused with the blocker's
 * reason, blockers that resolve themselves, and guest-initiated resets
 * held until the last reset blocker goes (no machine, no vCPUs).
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "sysemu/runstate.h"

#define DUMP_MSG "There is a dump in process, please wait."

static RunStateBlocker dump_blocker = {
    .blocks = RUNSTATE_BLOCK_STOP | RUNSTATE_BLOCK_START | RUNSTATE_BLOCK_RESET,
    .reason = DUMP_MSG,
};

static int guest_resets;
static int resolve_calls;
static bool resolve_succeeds;

static bool pending_resolve(GError **errp);

static RunStateBlocker pending_blocker = {
    .blocks = RUNSTATE_BLOCK_START | RUNSTATE_BLOCK_RESET,
    .reason = "pending",
    .resolve = pending_resolve,
};

static bool pending_resolve(GError **errp)
{
    resolve_calls++;
    if (!resolve_succeeds) {
        error_setg(errp, "still pending (try %d)", resolve_calls);
        return false;
    }
    runstate_del_blocker(&pending_blocker);
    return true;
}

static void count_reset(void *opaque)
{
    g_assert_true(bql_locked());
    guest_resets += GPOINTER_TO_INT(opaque);
}

/* Runs what the main loop has scheduled (it takes the BQL itself). */
static void drain_main_loop(void)
{
    while (g_main_context_iteration(NULL, FALSE)) {
    }
}

/* @op (vm_start, vm_stop_request, ...) is refused with @msg. */
static void expect_refused(bool (*op)(GError **errp), const char *msg)
{
    GError *err = NULL;

    g_assert_false(op(&err));
    g_assert_nonnull(err);
    g_assert_cmpstr(err->message, ==, msg);
    g_error_free(err);
}

static void test_dump_blocks_everything(void)
{
    bql_lock();
    runstate_set(RUN_STATE_PAUSED);
    runstate_add_blocker(&dump_blocker);
    runstate_add_blocker(&dump_blocker);        /* no-op */
    expect_refused(vm_stop_request, DUMP_MSG);
    expect_refused(vm_start, DUMP_MSG);
    expect_refused(qemu_system_reset_host_request, DUMP_MSG);
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_PAUSED);
    runstate_del_blocker(&dump_blocker);
    runstate_del_blocker(&dump_blocker);        /* no-op */
    g_assert_true(vm_stop_request(NULL));
    g_assert_true(runstate_check_blockers(~0u, NULL));
    bql_unlock();
}

static void test_guest_reset_held(void)
{
    bql_lock();
    guest_resets = 0;
    runstate_add_blocker(&dump_blocker);
    qemu_system_guest_reset_request(count_reset, GINT_TO_POINTER(1));
    qemu_system_guest_reset_request(count_reset, GINT_TO_POINTER(10));
    bql_unlock();
    drain_main_loop();
    g_assert_cmpint(guest_resets, ==, 0);       /* held */

    bql_lock();
    runstate_del_blocker(&dump_blocker);
    bql_unlock();
    drain_main_loop();
    g_assert_cmpint(guest_resets, ==, 11);      /* both, once */
    drain_main_loop();
    g_assert_cmpint(guest_resets, ==, 11);
}

/* A whole-machine guest reset (DIAG 308) that a dump overtook waits, too. */
static void test_system_reset_held(void)
{
    bql_lock();
    runstate_set(RUN_STATE_PAUSED);
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    runstate_add_blocker(&dump_blocker);
    bql_unlock();
    drain_main_loop();
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_PAUSED);

    bql_lock();
    runstate_del_blocker(&dump_blocker);
    bql_unlock();
    drain_main_loop();
    /* A reset machine that is not running waits in prelaunch. */
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_PRELAUNCH);
}

static void test_resolving_blocker(void)
{
    bql_lock();
    guest_resets = 0;
    resolve_calls = 0;
    resolve_succeeds = false;
    runstate_set(RUN_STATE_PAUSED);
    runstate_add_blocker(&pending_blocker);
    qemu_system_guest_reset_request(count_reset, GINT_TO_POINTER(1));
    /* stop is not blocked by it, and does not try to resolve it */
    g_assert_true(vm_stop_request(NULL));
    g_assert_cmpint(resolve_calls, ==, 0);
    expect_refused(vm_start, "still pending (try 1)");
    expect_refused(qemu_system_reset_host_request, "still pending (try 2)");
    bql_unlock();
    drain_main_loop();
    g_assert_cmpint(guest_resets, ==, 0);

    bql_lock();
    resolve_succeeds = true;
    g_assert_true(qemu_system_reset_host_request(NULL));
    g_assert_cmpint(resolve_calls, ==, 3);
    g_assert_true(runstate_check_blockers(~0u, NULL));
    g_assert_cmpint(resolve_calls, ==, 3);      /* gone */
    bql_unlock();
    drain_main_loop();
    g_assert_cmpint(guest_resets, ==, 1);
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_PRELAUNCH);
}

/* The oldest blocker's reason wins; one that resolves lets the next speak. */
static void test_order(void)
{
    bql_lock();
    resolve_calls = 0;
    resolve_succeeds = true;
    runstate_add_blocker(&pending_blocker);
    runstate_add_blocker(&dump_blocker);
    expect_refused(vm_start, DUMP_MSG);
    g_assert_cmpint(resolve_calls, ==, 1);
    runstate_del_blocker(&dump_blocker);
    bql_unlock();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/runstate/dump-blocks-everything", test_dump_blocks_everything);
    g_test_add_func("/runstate/guest-reset-held", test_guest_reset_held);
    g_test_add_func("/runstate/system-reset-held", test_system_reset_held);
    g_test_add_func("/runstate/resolving-blocker", test_resolving_blocker);
    g_test_add_func("/runstate/order", test_order);
    return g_test_run();
}
