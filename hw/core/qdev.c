/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qdev.c - the device type table and -device instances.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/qdev-core.h"

/*
 * QEMU's "loader" (generic-loader): system/vl.c places its files while
 * parsing the command line, before any device exists.  It is listed here
 * so that introspection reports it with its real properties.
 */
static const QomPropertyInfo loader_props[] = {
    { "file", "str", "file to load into guest memory" },
    { "addr", "uint64", "guest-physical load address" },
    { "force-raw", "bool", "load the file as it is (pvdump loads every file raw)" },
    { NULL },
};

static const DeviceTypeInfo loader_type = {
    .name = "loader",
    .parent = "device",
    .props = loader_props,
};

static const DeviceTypeInfo *const device_types[] = {
    &loader_type,
    &sclp_console_type,
    &sclp_lm_console_type,
    &diag288_type,
    &s390_cpu_type_qemu,
    &s390_cpu_type_max,
    &s390_cpu_type_host,
    &s390_cpu_type_z15,
    &s390_cpu_type_z16,
    NULL,
};

static GPtrArray *devices;   /* DeviceState *, in creation order */

const DeviceTypeInfo *const *qdev_type_list(void)
{
    return device_types;
}

const DeviceTypeInfo *qdev_type_find(const char *name)
{
    for (int i = 0; device_types[i]; i++) {
        if (!strcmp(device_types[i]->name, name)) {
            return device_types[i];
        }
    }
    return NULL;
}

static DeviceState *qdev_find_id(const char *id)
{
    for (guint i = 0; devices && i < devices->len; i++) {
        DeviceState *dev = g_ptr_array_index(devices, i);
        if (dev->id && !strcmp(dev->id, id)) {
            return dev;
        }
    }
    return NULL;
}

static void device_free(gpointer p)
{
    DeviceState *dev = p;

    if (dev->type->unrealize) {
        dev->type->unrealize(dev);
    }
    g_free(dev->id);
    g_free(dev);
}

bool qdev_device_after_machine(const char *optarg)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(optarg, "driver", NULL);
    const DeviceTypeInfo *type;

    if (!opts || !qemu_opt_get(opts, "driver")) {
        return false;
    }
    type = qdev_type_find(qemu_opt_get(opts, "driver"));
    return type && type->after_machine;
}

bool qdev_device_add(const char *optarg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(optarg, "driver", errp);
    const char *driver;
    const char *id;
    const DeviceTypeInfo *type;
    DeviceState *dev;

    if (!opts) {
        return false;
    }
    driver = qemu_opt_get(opts, "driver");
    id = qemu_opt_get(opts, "id");
    type = driver ? qdev_type_find(driver) : NULL;

    if (!driver) {
        error_setg(errp, "Parameter 'driver' is missing");
        return false;
    }
    if (!type || !type->realize) {
        error_setg(errp, "'%s' is not a valid device model name", driver);
        return false;
    }
    if (id && qdev_find_id(id)) {
        error_setg(errp, "Duplicate device ID '%s'", id);
        return false;
    }
    dev = g_new0(DeviceState, 1);
    dev->id = g_strdup(id);
    dev->type = type;
    if (!type->realize(dev, opts, errp)) {
        g_free(dev->id);
        g_free(dev);
        return false;
    }
    if (!qemu_opts_check_unused(opts, errp)) {
        device_free(dev);
        return false;
    }
    if (!devices) {
        devices = g_ptr_array_new_with_free_func(device_free);
    }
    g_ptr_array_add(devices, dev);
    return true;
}

void qdev_foreach(void (*fn)(DeviceState *dev, void *opaque), void *opaque)
{
    for (guint i = 0; devices && i < devices->len; i++) {
        fn(g_ptr_array_index(devices, i), opaque);
    }
}

void qdev_cleanup(void)
{
    g_clear_pointer(&devices, g_ptr_array_unref);
}
