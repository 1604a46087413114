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

TargetInfo *qmp_query_target(GError **errp)
{
    TargetInfo *info = g_new0(TargetInfo, 1);

    info->arch = SYS_EMU_TARGET_S390X;
    return info;
}

KvmInfo *qmp_query_kvm(GError **errp)
{
    KvmInfo *info = g_new0(KvmInfo, 1);

    /* The accelerator the machine chose: "tcg" (the simulator) is not KVM. */
    info->enabled = kvm_state && current_machine &&
                    !g_strcmp0(current_machine->cfg->accel.name, "kvm");
    info->present = info->enabled || access("/dev/kvm", R_OK | W_OK) == 0;
    return info;
}

static MachineInfo *machine_info(const MachineTypeInfo *mt)
{
    MachineInfo *info = g_new0(MachineInfo, 1);

    info->name = g_strdup(mt->name);
    info->has_alias = mt->alias != NULL;
    info->alias = g_strdup(mt->alias);
    info->has_is_default = mt->is_default;
    info->is_default = mt->is_default;
    info->cpu_max = mt->max_cpus;
    /*
     * CPUs can be cold-plugged with -device, but there is no device_add
     * (nor query-hotpluggable-cpus), and no NUMA.
     */
    info->hotpluggable_cpus = false;
    info->numa_mem_supported = false;
    info->deprecated = false;
    return info;
}

MachineInfoList *qmp_query_machines(GError **errp)
{
    MachineInfoList *list = NULL, **tail = &list;

    for (const MachineTypeInfo *const *mt = machine_type_list(); *mt; mt++) {
        QAPI_LIST_APPEND(tail, machine_info(*mt));
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

static CpuInfoFast *cpu_info_fast(CPUState *cs)
{
    CpuInfoFast *info = g_new0(CpuInfoFast, 1);

    info->cpu_index = cs->cpu_index;
    info->qom_path = g_strdup_printf("/machine/unattached/device[%d]",
                                     cs->cpu_index);
    info->thread_id = cs->thread_id;
    info->has_props = true;
    info->props = g_new0(CpuInstanceProperties, 1);
    info->props->has_core_id = true;
    info->props->core_id = cs->vcpu_id;
    info->target = SYS_EMU_TARGET_S390X;
    /* The architected CPU state (as QEMU), not whether the VM is paused. */
    info->cpu_state = cpu_state_of(cs);
    return info;
}

CpuInfoFastList *qmp_query_cpus_fast(GError **errp)
{
    CpuInfoFastList *list = NULL, **tail = &list;
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        QAPI_LIST_APPEND(tail, cpu_info_fast(cpu));
    }
    return list;
}
