/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-runstate.c - commands that query or change the run state.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "sysemu/runstate.h"

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
    vm_stop_request(errp);
}

void qmp_cont(GError **errp)
{
    vm_start(errp);
}

void qmp_system_reset(GError **errp)
{
    qemu_system_reset_host_request(errp);
}

void qmp_system_powerdown(GError **errp)
{
    qemu_system_powerdown_request();
}

void qmp_quit(GError **errp)
{
    /* The main loop leaves after this reply went out (monitor_cleanup). */
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}
