/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-cpu-model.c - query-cpu-definitions and
 * query-cpu-model-expansion with QEMU's s390x reply shapes.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "target/s390x/cpu.h"

static CpuDefinitionInfo *cpu_definition(const S390CPUDef *def)
{
    CpuDefinitionInfo *info = g_new0(CpuDefinitionInfo, 1);

    info->name = g_strdup(def->name);
    info->typename = g_strdup_printf("%s-s390x-cpu", def->name);
    info->has_migration_safe = true;
    info->migration_safe = def->migration_safe;
    info->q_static = def->is_static;
    /* Every model's features are the accelerator's: none is missing. */
    info->has_unavailable_features = true;
    info->deprecated = false;
    return info;
}

CpuDefinitionInfoList *qmp_query_cpu_definitions(GError **errp)
{
    CpuDefinitionInfoList *list = NULL, **tail = &list;

    for (const S390CPUDef *d = s390_cpu_defs; d->name; d++) {
        QAPI_LIST_APPEND(tail, cpu_definition(d));
    }
    return list;
}

/* @info (a CpuModelInfo object) to a model: the named one plus its props. */
static bool model_from_info(json_object *info, S390CPUModel *model, GError **errp)
{
    json_object *name = json_object_object_get(info, "name");
    json_object *props = json_object_object_get(info, "props");
    const S390CPUDef *def = s390_cpu_def_find(json_object_get_string(name));

    if (!def) {
        error_setg(errp, "The CPU definition '%s' is unknown.",
                   json_object_get_string(name));
        return false;
    }
    s390_cpu_model_from_def(def, model);
    if (!props) {
        return true;
    }
    if (!json_object_is_type(props, json_type_object)) {
        error_setg(errp, "Invalid parameter type for 'props', expected: object");
        return false;
    }
    {
        /* json-c's iteration macro declares its own variables. */
        json_object_object_foreach(props, key, val) {
            if (!json_object_is_type(val, json_type_boolean)) {
                error_setg(errp, "Invalid parameter type for '%s', expected: boolean", key);
                return false;
            }
            if (!s390_cpu_model_set_prop(model, key, json_object_get_boolean(val), errp)) {
                return false;
            }
        }
    }
    return true;
}

/*
 * The expansion's props: for "full" every feature; for "static" those
 * that differ from the static base model @base.
 */
static json_object *expansion_props(const S390CPUModel *model,
                                    const S390CPUModel *base, bool full)
{
    json_object *props = json_object_new_object();

    for (size_t i = 0; i < s390_feat_count; i++) {
        const S390FeatDef *f = &s390_feat_defs[i];
        bool on = s390_has_feat(model, f->id);

        if (full || on != s390_has_feat(base, f->id)) {
            json_object_object_add(props, f->name, json_object_new_boolean(on));
        }
    }
    return props;
}

CpuModelExpansionInfo *qmp_query_cpu_model_expansion(CpuModelExpansionType type,
                                                     json_object *model,
                                                     GError **errp)
{
    S390CPUModel m, base;
    const S390CPUDef *base_def;
    CpuModelExpansionInfo *info;

    if (!model_from_info(model, &m, errp)) {
        return NULL;
    }
    base_def = s390_cpu_def_find(s390_cpu_def_find(m.name)->base);
    s390_cpu_model_from_def(base_def, &base);
    info = g_new0(CpuModelExpansionInfo, 1);
    info->model = g_new0(CpuModelInfo, 1);
    info->model->name = g_strdup(base_def->name);
    info->model->has_props = true;
    info->model->props = expansion_props(&m, &base,
                                         type == CPU_MODEL_EXPANSION_TYPE_FULL);
    return info;
}
