/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-control.c - commands about the monitor itself: capabilities
 * negotiation, version, the command list and the schema.
 */
#include "qemu/osdep.h"
#include "config-host.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "monitor/monitor-internal.h"

/* pvdump speaks QEMU 7.2's QMP; libvirt checks this version. */
#define QMP_QEMU_MAJOR 7
#define QMP_QEMU_MINOR 2
#define QMP_QEMU_MICRO 0

void qmp_qmp_capabilities(bool has_enable, json_object *enable, GError **errp)
{
    qmp_negotiate(has_enable ? enable : NULL, errp);
}

json_object *qmp_version_info(void)
{
    json_object *qemu = json_object_new_object();
    json_object *info = json_object_new_object();

    json_object_object_add(qemu, "micro", json_object_new_int(QMP_QEMU_MICRO));
    json_object_object_add(qemu, "minor", json_object_new_int(QMP_QEMU_MINOR));
    json_object_object_add(qemu, "major", json_object_new_int(QMP_QEMU_MAJOR));
    json_object_object_add(info, "qemu", qemu);
    json_object_object_add(info, "package",
                           json_object_new_string("pvdump " PVDUMP_VERSION));
    return info;
}

json_object *qmp_query_version(GError **errp)
{
    return qmp_version_info();
}

json_object *qmp_query_commands(GError **errp)
{
    json_object *list = json_object_new_array();

    for (const QmpCommand *cmd = qmp_commands; cmd->name; cmd++) {
        json_object *info = json_object_new_object();

        json_object_object_add(info, "name", json_object_new_string(cmd->name));
        json_object_array_add(list, info);
    }
    return list;
}

json_object *qmp_query_qmp_schema(GError **errp)
{
    /* Generated from the schema at build time (qapi-introspect.c). */
    json_object *schema = json_tokener_parse(qapi_introspect_json);

    g_assert(schema);
    return schema;
}
