/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qdev-core.h - devices created with -device.
 *
 * A deliberately small stand-in for QEMU's qdev: a table of device types,
 * each with the properties it accepts, and the devices created from the
 * command line.  pvdump has no buses; a device is a frontend of some host
 * resource (e.g. the SCLP console of a chardev).
 */
#ifndef HW_QDEV_CORE_H
#define HW_QDEV_CORE_H

#include "qemu/osdep.h"
#include "qemu/option.h"
#include "qom/object.h"

typedef struct DeviceState DeviceState;

typedef struct DeviceTypeInfo {
    const char *name;
    const char *parent;
    const QomPropertyInfo *props;   /* terminated by a NULL name */
    /*
     * Consumes the type's properties from @opts (id and driver are taken)
     * and brings @dev to life.  NULL for a device that the command line
     * places itself ("loader").
     */
    bool (*realize)(DeviceState *dev, QemuOpts *opts, GError **errp);
    /* Releases what realize() acquired (exit path); may be NULL. */
    void (*unrealize)(DeviceState *dev);
    /* Created after the machine (CPUs need it), not before it. */
    bool after_machine;
} DeviceTypeInfo;

struct DeviceState {
    char *id;                       /* NULL for an anonymous device */
    const DeviceTypeInfo *type;
    void *opaque;                   /* the device model's state */
};

/* NULL-terminated table of the device types. */
const DeviceTypeInfo *const *qdev_type_list(void);

/* The device type named @name; NULL if there is none. */
const DeviceTypeInfo *qdev_type_find(const char *name);

/*
 * Creates a device from a -device argument (dotted or JSON form); the
 * chardevs and objects it refers to must exist.
 */
bool qdev_device_add(const char *optarg, GError **errp);

/*
 * Whether the -device argument @optarg names a type created after the
 * machine (false for anything unparsable: qdev_device_add() reports it).
 */
bool qdev_device_after_machine(const char *optarg);

/* Visits the created devices in creation order. */
void qdev_foreach(void (*fn)(DeviceState *dev, void *opaque), void *opaque);

/* Unrealizes and frees every device (exit path). */
void qdev_cleanup(void);

/* The device types of hw/ (one per device model file). */
extern const DeviceTypeInfo sclp_console_type;
extern const DeviceTypeInfo sclp_lm_console_type;
extern const DeviceTypeInfo diag288_type;
extern const DeviceTypeInfo s390_cpu_type_qemu, s390_cpu_type_max,
    s390_cpu_type_host, s390_cpu_type_z15, s390_cpu_type_z16;

#endif /* HW_QDEV_CORE_H */
