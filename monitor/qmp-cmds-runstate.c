/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-runstate.c - commands that query or change the run state.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "sysemu/runstate.h"

json_object *qmp_query_status(GError **errp)
{
    RunState state = runstate_get();
    json_object *info = json_object_new_object();

    /* QEMU's member order on the wire. */
    json_object_object_add(info, "status",
                           json_object_new_string(RunState_str(state)));
    json_object_object_add(info, "singlestep", json_object_new_boolean(false));
    json_object_object_add(info, "running",
                           json_object_new_boolean(runstate_is_running()));
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

void qmp_quit(GError **errp)
{
    /* The main loop leaves after this reply went out (monitor_cleanup). */
    qemu_system_shutdown_request("host-qmp-quit");
}
