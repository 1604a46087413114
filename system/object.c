/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * object.c - -object: the user-creatable object types and their instances.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "system/secret.h"

static bool complete_no_props(UserObject *obj, QemuOpts *opts, GError **errp)
{
    return true;
}

/* The confidential-guest-support object of a protected s390x guest. */
static const UserObjectType s390_pv_guest_type = {
    .name = "s390-pv-guest",
    .parent = "confidential-guest-support",
    .complete = complete_no_props,
};

static const UserObjectType *const object_types[] = {
    &s390_pv_guest_type,
    &secret_type,
    NULL,
};

static GPtrArray *objects;   /* UserObject * */

const UserObjectType *const *object_type_list(void)
{
    return object_types;
}

static const UserObjectType *find_type(const char *name)
{
    for (int i = 0; object_types[i]; i++) {
        if (!strcmp(object_types[i]->name, name)) {
            return object_types[i];
        }
    }
    return NULL;
}

UserObject *user_object_find(const char *id)
{
    for (guint i = 0; objects && i < objects->len; i++) {
        UserObject *obj = g_ptr_array_index(objects, i);
        if (!strcmp(obj->id, id)) {
            return obj;
        }
    }
    return NULL;
}

void user_object_foreach(void (*fn)(UserObject *obj, void *opaque), void *opaque)
{
    for (guint i = 0; objects && i < objects->len; i++) {
        fn(g_ptr_array_index(objects, i), opaque);
    }
}

static void user_object_free(gpointer p)
{
    UserObject *obj = p;
    g_free(obj->id);
    g_free(obj);
}

bool user_object_create(const char *optarg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(optarg, "qom-type", errp);
    const char *type_name;
    const char *id;
    const UserObjectType *type;
    UserObject *obj;

    if (!opts) {
        return false;
    }
    type_name = qemu_opt_get(opts, "qom-type");
    id = qemu_opt_get(opts, "id");
    if (!type_name) {
        error_setg(errp, "Parameter 'qom-type' is missing");
        return false;
    }
    type = find_type(type_name);
    if (!type) {
        error_setg(errp, "invalid object type: %s", type_name);
        return false;
    }
    if (!id) {
        error_setg(errp, "Parameter 'id' is missing");
        return false;
    }
    if (user_object_find(id)) {
        error_setg(errp, "attempt to add duplicate property '%s' to object "
                   "(type 'container')", id);
        return false;
    }
    obj = g_new0(UserObject, 1);
    obj->id = g_strdup(id);
    obj->type = type->name;
    if (!type->complete(obj, opts, errp) || !qemu_opts_check_unused(opts, errp)) {
        user_object_free(obj);
        return false;
    }
    if (!objects) {
        objects = g_ptr_array_new_with_free_func(user_object_free);
    }
    g_ptr_array_add(objects, obj);
    return true;
}

void user_objects_cleanup(void)
{
    if (objects) {
        g_ptr_array_free(objects, TRUE);
        objects = NULL;
    }
}
