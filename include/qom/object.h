/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * object.h - user-creatable objects (-object TYPE,id=ID,...).
 *
 * A deliberately small stand-in for QOM: a table of object types, each with
 * the properties it accepts, and the created objects by id.
 */
#ifndef QOM_OBJECT_H
#define QOM_OBJECT_H

#include "qemu/osdep.h"
#include "qemu/option.h"

/* A property as QOM introspection reports it (qom-list-properties). */
typedef struct QomPropertyInfo {
    const char *name;
    const char *type;           /* "str", "bool", "uint64", "link<T>", ... */
    const char *description;
} QomPropertyInfo;

typedef struct UserObject {
    char *id;
    const char *type;
} UserObject;

typedef struct UserObjectType {
    const char *name;
    const char *parent;
    const QomPropertyInfo *props;   /* terminated by a NULL name */
    /* Consumes the type's properties from @opts (the id is already taken). */
    bool (*complete)(UserObject *obj, QemuOpts *opts, GError **errp);
} UserObjectType;

/* Creates an object from a -object argument (dotted or JSON form). */
bool user_object_create(const char *optarg, GError **errp);

/* Finds a created object by id; NULL if none. */
UserObject *user_object_find(const char *id);

/* Visits the created objects in creation order. */
void user_object_foreach(void (*fn)(UserObject *obj, void *opaque), void *opaque);

/* NULL-terminated table of the user-creatable types. */
const UserObjectType *const *object_type_list(void);

/* Frees every created object. */
void user_objects_cleanup(void);

#endif /* QOM_OBJECT_H */
