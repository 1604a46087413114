/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * machine-types.c - the machine types pvdump-vm offers: what -machine
 * accepts (system/vl.c) and query-machines lists.
 *
 * Kept apart from s390-virtio-ccw.c, which builds the machine, so that
 * the command line parser links without the machine (tests/fuzz/
 * fuzz-cmdline.c).
 */
#include "qemu/osdep.h"
#include "hw/boards.h"

#define S390_MAX_CPUS 248

static const MachineTypeInfo machine_ccw_72 = {
    .name = "s390-ccw-virtio-7.2",
    .alias = "s390-ccw-virtio",
    .is_default = true,
    .max_cpus = S390_MAX_CPUS,
    .desc = "Virtual s390x machine (version 7.2)",
};

static const MachineTypeInfo machine_none = {
    .name = "none",
    .max_cpus = 1,
    .desc = "empty machine",
};

static const MachineTypeInfo *const machine_types[] = {
    &machine_ccw_72, &machine_none, NULL,
};

const MachineTypeInfo *const *machine_type_list(void)
{
    return machine_types;
}

const MachineTypeInfo *machine_type_find(const char *name)
{
    for (int i = 0; machine_types[i]; i++) {
        const MachineTypeInfo *t = machine_types[i];
        if (!strcmp(t->name, name) || (t->alias && !strcmp(t->alias, name))) {
            return t;
        }
    }
    return NULL;
}
