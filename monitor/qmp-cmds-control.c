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

VersionInfo *qmp_query_version(GError **errp)
{
    VersionInfo *info = g_new0(VersionInfo, 1);

    info->qemu = g_new0(VersionTriple, 1);
    info->qemu->major = QMP_QEMU_MAJOR;
    info->qemu->minor = QMP_QEMU_MINOR;
    info->qemu->micro = QMP_QEMU_MICRO;
    info->package = g_strdup("pvdump " PVDUMP_VERSION);
    return info;
}

json_object *qmp_version_info(void)
{
    VersionInfo *info = qmp_query_version(NULL);
    json_object *json = qapi_VersionInfo_to_json(info);

    qapi_free_VersionInfo(info);
    return json;
}

CommandInfoList *qmp_query_commands(GError **errp)
{
    CommandInfoList *list = NULL, **tail = &list;

    for (const QmpCommand *cmd = qmp_commands; cmd->name; cmd++) {
        CommandInfo *info = g_new0(CommandInfo, 1);

        info->name = g_strdup(cmd->name);
        QAPI_LIST_APPEND(tail, info);
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
