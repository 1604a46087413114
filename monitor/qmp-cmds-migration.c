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

MigrationCapabilityStatusList *qmp_query_migrate_capabilities(GError **errp)
{
    MigrationCapabilityStatusList *list = NULL, **tail = &list;

    for (int i = 0; i < MIGRATION_CAPABILITY__MAX; i++) {
        MigrationCapabilityStatus *cap = g_new0(MigrationCapabilityStatus, 1);

        cap->capability = i;
        cap->state = migrate_caps[i];
        QAPI_LIST_APPEND(tail, cap);
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
