/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-misc.c - human-monitor-command and query-chardev.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "hw/core/cpu.h"
#include "chardev/char.h"
#include "monitor/hmp.h"
#include "util/fault-inject.h"

json_object *qmp_human_monitor_command(const char *command_line,
                                       bool has_cpu_index, int64_t cpu_index,
                                       GError **errp)
{
    int index = -1;
    g_autofree char *out = NULL;

    if (has_cpu_index) {
        if (cpu_index < 0 || cpu_index > INT_MAX || !qemu_get_cpu(cpu_index)) {
            error_setg(errp, "Parameter 'cpu-index' expects a CPU number");
            return NULL;
        }
        index = cpu_index;
    }
    out = hmp_run_command_on_cpu(command_line, index);
    return json_object_new_string(out);
}

static void chardev_info(Chardev *chr, void *opaque)
{
    ChardevInfoList ***tail = opaque;
    ChardevInfo *info = g_new0(ChardevInfo, 1);

    info->label = g_strdup(qemu_chr_label(chr));
    info->filename = qemu_chr_filename(chr);
    info->frontend_open = qemu_chr_frontend_open(chr);
    QAPI_LIST_APPEND(*tail, info);
}

ChardevInfoList *qmp_query_chardev(GError **errp)
{
    ChardevInfoList *list = NULL, **tail = &list;

    qemu_chr_foreach(chardev_info, &tail);
    return list;
}

#ifdef CONFIG_FAULT_INJECTION
void qmp_x_debug_fault_inject(const char *spec, GError **errp)
{
    fault_inject_arm(spec, errp);
}

json_object *qmp_x_debug_fault_stats(GError **errp)
{
    json_object *info = json_object_new_object();

    for (int i = 0; i < FAULT_SITE__MAX; i++) {
        json_object_object_add(info, fault_site_name(i),
                               json_object_new_int64(fault_inject_hits(i)));
    }
    json_object_object_add(info, "injected",
                           json_object_new_int64(fault_inject_injected()));
    return info;
}
#endif /* CONFIG_FAULT_INJECTION: qapi/x-debug.json */
