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
    CommandLineOptionInfoList *list;
    CommandLineOptionInfoList **tail;
} OptionQuery;

static void add_option(const char *name, bool has_arg, void *opaque)
{
    OptionQuery *q = opaque;
    CommandLineOptionInfo *info;

    /* QEMU lists option groups, i.e. options that take parameters. */
    if (!has_arg || (q->only && strcmp(q->only, name))) {
        return;
    }
    info = g_new0(CommandLineOptionInfo, 1);
    info->option = g_strdup(name);
    info->parameters = NULL;        /* not described, as QEMU's own parsers */
    QAPI_LIST_APPEND(q->tail, info);
}

CommandLineOptionInfoList *qmp_query_command_line_options(bool has_option,
                                                          const char *option,
                                                          GError **errp)
{
    OptionQuery q = { .only = has_option ? option : NULL };

    q.tail = &q.list;
    vm_option_foreach(add_option, &q);
    if (has_option && !q.list) {
        error_setg(errp, "invalid option name: %s", option);
    }
    return q.list;
}
