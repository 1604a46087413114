/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-qom.c - QOM introspection: qom-list-types, qom-list,
 * qom-list-properties and device-list-properties.
 *
 * pvdump has no QOM; its types live in the tables that the command line
 * uses to create things (objects: system/object.c, devices:
 * hw/core/qdev.c, machines: hw/s390x/s390-virtio-ccw.c).  This file
 * presents them with QEMU's names and hierarchy, adding only the abstract
 * parents and the accelerators, so that what libvirt probes is what
 * pvdump-vm accepts.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "qom/object.h"
#include "hw/boards.h"
#include "hw/qdev-core.h"

typedef struct QomType {
    char *name;
    const char *parent;
    bool abstract;
    const QomPropertyInfo *props;   /* NULL: none */
} QomType;

/* The abstract types the concrete ones below descend from (QEMU's). */
static const struct {
    const char *name, *parent;
} abstract_types[] = {
    { "object", NULL },
    { "accel", "object" },
    { "machine", "object" },
    { "device", "object" },
    { "sclp-event", "device" },
    { "cpu", "device" },
    { "s390x-cpu", "cpu" },
    { "confidential-guest-support", "object" },
    { "secret_common", "object" },
};

/*
 * The accelerators of accel/kvm/kvm-all.c: "tcg" is the built-in uvsim
 * simulator (what libvirt's type='qemu' selects), "kvm" the real /dev/kvm.
 */
static const char *const accel_types[] = { "tcg-accel", "kvm-accel" };

/*
 * What -machine accepts besides the type (system/vl.c, opt_machine); the
 * same for every machine type.  tests/functional/libvirt/test_probe.py
 * checks that each one is accepted on the command line.
 */
static const QomPropertyInfo machine_props[] = {
    { "accel", "str", "accelerator list, e.g. \"kvm:tcg\"" },
    { "confidential-guest-support", "link<confidential-guest-support>",
      "Set confidential guest scheme to support" },
    { "dump-guest-core", "bool",
      "Include guest memory in a core dump (pvdump-vm never dumps core)" },
    { "dump-threads", "uint32",
      "Compression threads of dump-guest-memory (pvdump extension)" },
    { "usb", "bool", "Set on/off to enable/disable usb (pvdump has no USB)" },
    { NULL },
};

static void add_type(GPtrArray *types, char *name, const char *parent,
                     bool abstract, const QomPropertyInfo *props)
{
    QomType *t = g_new(QomType, 1);

    *t = (QomType) { name, parent, abstract, props };
    g_ptr_array_add(types, t);
}

static void qom_type_free(gpointer p)
{
    QomType *t = p;

    g_free(t->name);
    g_free(t);
}

static GPtrArray *qom_types_collect(void)
{
    GPtrArray *types = g_ptr_array_new_with_free_func(qom_type_free);

    for (size_t i = 0; i < G_N_ELEMENTS(abstract_types); i++) {
        add_type(types, g_strdup(abstract_types[i].name),
                 abstract_types[i].parent, true, NULL);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(accel_types); i++) {
        add_type(types, g_strdup(accel_types[i]), "accel", false, NULL);
    }
    for (const MachineTypeInfo *const *m = machine_type_list(); *m; m++) {
        add_type(types, g_strconcat((*m)->name, "-machine", NULL), "machine",
                 false, machine_props);
    }
    for (const UserObjectType *const *o = object_type_list(); *o; o++) {
        add_type(types, g_strdup((*o)->name), (*o)->parent, false,
                 (*o)->props);
    }
    for (const DeviceTypeInfo *const *d = qdev_type_list(); *d; d++) {
        add_type(types, g_strdup((*d)->name), (*d)->parent, false,
                 (*d)->props);
    }
    return types;
}

static const QomType *qom_type_find(GPtrArray *types, const char *name)
{
    for (guint i = 0; name && i < types->len; i++) {
        const QomType *t = g_ptr_array_index(types, i);
        if (!strcmp(t->name, name)) {
            return t;
        }
    }
    return NULL;
}

static bool qom_type_is_a(GPtrArray *types, const QomType *t,
                          const char *ancestor)
{
    for (; t; t = qom_type_find(types, t->parent)) {
        if (!strcmp(t->name, ancestor)) {
            return true;
        }
    }
    return false;
}

ObjectTypeInfoList *qmp_qom_list_types(bool has_implements,
                                       const char *implements,
                                       bool has_abstract, bool abstract,
                                       GError **errp)
{
    g_autoptr(GPtrArray) types = qom_types_collect();
    ObjectTypeInfoList *list = NULL, **tail = &list;

    for (guint i = 0; i < types->len; i++) {
        const QomType *t = g_ptr_array_index(types, i);
        ObjectTypeInfo *info;

        if ((t->abstract && !abstract) ||
            (has_implements && !qom_type_is_a(types, t, implements))) {
            continue;
        }
        info = g_new0(ObjectTypeInfo, 1);
        info->name = g_strdup(t->name);
        info->has_abstract = t->abstract;
        info->abstract = t->abstract;
        info->has_parent = t->parent != NULL;
        info->parent = g_strdup(t->parent);
        QAPI_LIST_APPEND(tail, info);
    }
    return list;
}

/* Appends a property to the list whose end *@tail points at. */
static void add_property(ObjectPropertyInfoList ***tail, const char *name,
                         const char *type, const char *description)
{
    ObjectPropertyInfo *info = g_new0(ObjectPropertyInfo, 1);

    info->name = g_strdup(name);
    info->type = g_strdup(type);
    info->has_description = description != NULL;
    info->description = g_strdup(description);
    QAPI_LIST_APPEND(*tail, info);
}

static ObjectPropertyInfoList *property_list(const QomPropertyInfo *props)
{
    ObjectPropertyInfoList *list = NULL, **tail = &list;

    for (const QomPropertyInfo *p = props; p && p->name; p++) {
        add_property(&tail, p->name, p->type, p->description);
    }
    return list;
}

ObjectPropertyInfoList *qmp_qom_list_properties(const char *typename,
                                                GError **errp)
{
    g_autoptr(GPtrArray) types = qom_types_collect();
    const QomType *t = qom_type_find(types, typename);

    /* Never an error: see qapi/qom.json. */
    return property_list(t ? t->props : NULL);
}

ObjectPropertyInfoList *qmp_device_list_properties(const char *typename,
                                                   GError **errp)
{
    const DeviceTypeInfo *type = qdev_type_find(typename);

    if (!type) {
        error_set(errp, QAPI_ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Device '%s' not found", typename);
        return NULL;
    }
    return property_list(type->props);
}

/* ------------------------------------------------------------ qom-list */

static void add_child(ObjectPropertyInfoList ***tail, const char *name,
                      const char *type)
{
    g_autofree char *child = g_strdup_printf("child<%s>", type);

    add_property(tail, name, child, NULL);
}

typedef struct DeviceListing {
    ObjectPropertyInfoList **tail;
    bool anonymous;       /* /machine/peripheral-anon, else .../peripheral */
    int anon_index;
} DeviceListing;

static void list_device(DeviceState *dev, void *opaque)
{
    DeviceListing *l = opaque;

    if (!dev->id != l->anonymous) {
        return;
    }
    if (dev->id) {
        add_child(&l->tail, dev->id, dev->type->name);
    } else {
        g_autofree char *name = g_strdup_printf("device[%d]", l->anon_index++);
        add_child(&l->tail, name, dev->type->name);
    }
}

static void list_object(UserObject *obj, void *opaque)
{
    add_child(opaque, obj->id, obj->type);
}

ObjectPropertyInfoList *qmp_qom_list(const char *path, GError **errp)
{
    ObjectPropertyInfoList *list = NULL, **tail = &list;

    /* Every QOM object has its type as a property (QEMU lists it first). */
    add_property(&tail, "type", "string", NULL);
    if (!strcmp(path, "/")) {
        g_autofree char *machine = current_machine ?
            g_strconcat(current_machine->cfg->type, "-machine", NULL) : NULL;
        add_child(&tail, "machine", machine ? machine : "container");
        add_child(&tail, "objects", "container");
    } else if (!strcmp(path, "/machine")) {
        add_child(&tail, "peripheral", "container");
        add_child(&tail, "peripheral-anon", "container");
    } else if (!strcmp(path, "/machine/peripheral") ||
               !strcmp(path, "/machine/peripheral-anon")) {
        DeviceListing l = { tail, !strcmp(path, "/machine/peripheral-anon") };
        qdev_foreach(list_device, &l);
    } else if (!strcmp(path, "/objects")) {
        user_object_foreach(list_object, &tail);
    } else {
        error_set(errp, QAPI_ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Device '%s' not found", path);
    }
    return list;
}
