/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-cmdline.c - query-command-line-options, from pvdump-vm's own
 * option table (system/vl.c), so that it lists exactly what the command
 * line accepts.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "sysemu/sysemu.h"

typedef struct OptionQuery {
    const char *only;     /* the option asked for, or NULL for all */
    json_object *list;
} OptionQuery;

static void add_option(const char *name, bool has_arg, void *opaque)
{
    OptionQuery *q = opaque;
    json_object *info;

    /* QEMU lists option groups, i.e. options that take parameters. */
    if (!has_arg || (q->only && strcmp(q->only, name))) {
        return;
    }
    info = json_object_new_object();
    json_object_object_add(info, "parameters", json_object_new_array());
    json_object_object_add(info, "option", json_object_new_string(name));
    json_object_array_add(q->list, info);
}

json_object *qmp_query_command_line_options(bool has_option,
                                            const char *option, GError **errp)
{
    OptionQuery q = { has_option ? option : NULL, json_object_new_array() };

    vm_option_foreach(add_option, &q);
    if (has_option && !json_object_array_length(q.list)) {
        json_object_put(q.list);
        error_setg(errp, "invalid option name: %s", option);
        return NULL;
    }
    return q.list;
}
