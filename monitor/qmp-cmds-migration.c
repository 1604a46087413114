/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-migration.c - migration capabilities (qapi/migration.json).
 * pvdump cannot migrate; the capabilities are kept so that what a client
 * set is what it reads back.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"

static bool migrate_caps[MIGRATION_CAPABILITY__MAX];

json_object *qmp_query_migrate_capabilities(GError **errp)
{
    json_object *list = json_object_new_array();

    for (int i = 0; i < MIGRATION_CAPABILITY__MAX; i++) {
        json_object *cap = json_object_new_object();

        json_object_object_add(cap, "capability",
                               json_object_new_string(MigrationCapability_str(i)));
        json_object_object_add(cap, "state",
                               json_object_new_boolean(migrate_caps[i]));
        json_object_array_add(list, cap);
    }
    return list;
}

void qmp_migrate_set_capabilities(json_object *capabilities, GError **errp)
{
    /* The schema checked every element; apply all or nothing (QEMU). */
    for (size_t i = 0; i < json_object_array_length(capabilities); i++) {
        json_object *cap = json_object_array_get_idx(capabilities, i);
        const char *name = json_object_get_string(
            json_object_object_get(cap, "capability"));

        for (int c = 0; c < MIGRATION_CAPABILITY__MAX; c++) {
            if (!strcmp(name, MigrationCapability_str(c))) {
                migrate_caps[c] = json_object_get_boolean(
                    json_object_object_get(cap, "state"));
            }
        }
    }
}
