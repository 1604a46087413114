/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-machine.c - commands describing the machine: target,
 * accelerator, machine types and vCPUs.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "sysemu/kvm.h"
#include "target/s390x/cpu.h"

json_object *qmp_query_target(GError **errp)
{
    json_object *info = json_object_new_object();

    json_object_object_add(info, "arch", json_object_new_string(
                               SysEmuTarget_str(SYS_EMU_TARGET_S390X)));
    return info;
}

json_object *qmp_query_kvm(GError **errp)
{
    json_object *info = json_object_new_object();
    /* The accelerator the machine chose: "tcg" (the simulator) is not KVM. */
    bool enabled = kvm_state && current_machine &&
                   !g_strcmp0(current_machine->cfg->accel.name, "kvm");
    bool present = enabled || access("/dev/kvm", R_OK | W_OK) == 0;

    json_object_object_add(info, "enabled", json_object_new_boolean(enabled));
    json_object_object_add(info, "present", json_object_new_boolean(present));
    return info;
}

static json_object *machine_info(const MachineTypeInfo *mt)
{
    json_object *info = json_object_new_object();

    json_object_object_add(info, "name", json_object_new_string(mt->name));
    if (mt->alias) {
        json_object_object_add(info, "alias", json_object_new_string(mt->alias));
    }
    if (mt->is_default) {
        json_object_object_add(info, "is-default",
                               json_object_new_boolean(true));
    }
    json_object_object_add(info, "cpu-max", json_object_new_int(mt->max_cpus));
    /* pvdump has neither CPU hotplug nor NUMA. */
    json_object_object_add(info, "hotpluggable-cpus",
                           json_object_new_boolean(false));
    json_object_object_add(info, "numa-mem-supported",
                           json_object_new_boolean(false));
    json_object_object_add(info, "deprecated", json_object_new_boolean(false));
    return info;
}

json_object *qmp_query_machines(GError **errp)
{
    json_object *list = json_object_new_array();

    for (const MachineTypeInfo *const *mt = machine_type_list(); *mt; mt++) {
        json_object_array_add(list, machine_info(*mt));
    }
    return list;
}

static CpuS390State cpu_state_of(CPUState *cs)
{
    switch (S390_CPU(cs)->mp_state) {
    case KVM_MP_STATE_OPERATING:
        return S390_CPU_STATE_OPERATING;
    case KVM_MP_STATE_CHECK_STOP:
        return S390_CPU_STATE_CHECK_STOP;
    case KVM_MP_STATE_LOAD:
        return S390_CPU_STATE_LOAD;
    default:
        return S390_CPU_STATE_STOPPED;
    }
}

static json_object *cpu_info_fast(CPUState *cs)
{
    json_object *info = json_object_new_object();
    json_object *props = json_object_new_object();
    g_autofree char *path = g_strdup_printf("/machine/unattached/device[%d]",
                                            cs->cpu_index);

    json_object_object_add(props, "core-id", json_object_new_int(cs->cpu_index));
    json_object_object_add(info, "cpu-index", json_object_new_int(cs->cpu_index));
    json_object_object_add(info, "qom-path", json_object_new_string(path));
    json_object_object_add(info, "thread-id", json_object_new_int(cs->thread_id));
    json_object_object_add(info, "props", props);
    json_object_object_add(info, "target", json_object_new_string(
                               SysEmuTarget_str(SYS_EMU_TARGET_S390X)));
    /* The architected CPU state (as QEMU), not whether the VM is paused. */
    json_object_object_add(info, "cpu-state", json_object_new_string(
                               CpuS390State_str(cpu_state_of(cs))));
    return info;
}

json_object *qmp_query_cpus_fast(GError **errp)
{
    json_object *list = json_object_new_array();
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        json_object_array_add(list, cpu_info_fast(cpu));
    }
    return list;
}
