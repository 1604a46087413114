/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-runstate.c - commands that query or change the run state.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "sysemu/runstate.h"
#include "sysemu/dump.h"

StatusInfo *qmp_query_status(GError **errp)
{
    StatusInfo *info = g_new0(StatusInfo, 1);

    info->running = runstate_is_running();
    info->singlestep = false;
    info->status = runstate_get();
    return info;
}

void qmp_stop(GError **errp)
{
    /* A dump holds the VM paused until it ends (QEMU). */
    if (dump_in_progress()) {
        error_setg(errp, DUMP_IN_PROGRESS_MSG);
        return;
    }
    if (runstate_is_running()) {
        vm_stop(RUN_STATE_PAUSED);
    }
}

void qmp_cont(GError **errp)
{
    vm_start(errp);
}

void qmp_system_reset(GError **errp)
{
    qemu_system_reset_request();
}

void qmp_quit(GError **errp)
{
    /* The main loop leaves after this reply went out (monitor_cleanup). */
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}
