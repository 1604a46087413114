/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu-plug.c - s390x CPUs: created at start-up (-smp) and cold-plugged
 * with -device <model>-s390x-cpu,core-id=N (QEMU's CPU devices).
 *
 * A CPU's address (what STAP stores, SIGP and SCLP use) is its core-id,
 * and it is the accelerator's vCPU id, as QEMU's s390x passes core-id to
 * KVM_CREATE_VCPU.  -smp N gives core-ids 0..N-1; the devices may add
 * any free core-id below -smp maxcpus, in any order (kvm-unit-tests'
 * firq test plugs 2 before 1).  pvdump has no device_add, so CPUs are
 * only added before the guest first runs.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "hw/boards.h"
#include "hw/qdev-core.h"
#include "hw/s390x/s390-virtio-ccw.h"
#include "sysemu/cpus.h"
#include "sysemu/kvm.h"
#include "target/s390x/cpu.h"

static bool core_id_used(unsigned core_id)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        if (cs->vcpu_id == (int)core_id) {
            return true;
        }
    }
    return false;
}

S390CPU *s390_cpu_create(unsigned core_id, GError **errp)
{
    S390CPU *cpu = g_new0(S390CPU, 1);
    CPUState *cs = CPU(cpu);

    cs->cpu_index = cpu_count;
    cs->vcpu_id = core_id;
    cs->kvm_fd = -1;
    cpu_list[cpu_count++] = cs;
    if (!qemu_start_vcpu(cs, errp)) {
        return NULL;
    }
    return cpu;
}

/* A plugged CPU starts out as after a clear reset: stopped. */
static void reset_plugged_cpu(CPUState *cs, void *data)
{
    S390CPU *cpu = S390_CPU(cs);

    s390_cpu_reset(cpu, KVM_S390_CLEAR_RESET);
    s390_cpu_set_state(KVM_MP_STATE_STOPPED, cpu);
}

/* The model name of a "<model>-s390x-cpu" device type. */
static char *model_of_type(const char *type)
{
    return g_strndup(type, strlen(type) - strlen("-s390x-cpu"));
}

static bool s390_cpu_device_realize(DeviceState *dev, QemuOpts *opts, GError **errp)
{
    const MachineConfig *cfg = current_machine ? current_machine->cfg : NULL;
    g_autofree char *model = model_of_type(dev->type->name);
    uint64_t core_id;
    S390CPU *cpu;

    if (!cfg || !cpu_list) {
        error_setg(errp, "CPUs can only be added to a machine with CPUs");
        return false;
    }
    if (strcmp(model, s390_cpu_model.name)) {
        error_setg(errp, "CPU model '%s' differs from the machine's '%s'",
                   model, s390_cpu_model.name);
        return false;
    }
    if (!qemu_opt_get_number(opts, "core-id", UINT64_MAX, &core_id, errp)) {
        return false;
    }
    if (core_id == UINT64_MAX) {
        error_setg(errp, "core-id must be set");
        return false;
    }
    if (core_id >= (uint64_t)MAX(cfg->smp, cfg->max_cpus)) {
        error_setg(errp, "Unable to add CPU with core-id: %" PRIu64
                   ", maximum core-id: %d", core_id,
                   MAX(cfg->smp, cfg->max_cpus) - 1);
        return false;
    }
    if (core_id_used(core_id)) {
        error_setg(errp, "Unable to add CPU with core-id: %" PRIu64
                   ", it already exists", core_id);
        return false;
    }
    bql_lock();
    cpu = s390_cpu_create(core_id, errp);
    if (cpu) {
        run_on_cpu(CPU(cpu), reset_plugged_cpu, NULL);
    }
    bql_unlock();
    return cpu != NULL;
}

static const QomPropertyInfo s390_cpu_props[] = {
    { "core-id", "uint32", "the CPU address (below -smp maxcpus)" },
    { NULL },
};

#define S390_CPU_TYPE(model)                                   \
    const DeviceTypeInfo s390_cpu_type_##model = {             \
        .name = #model "-s390x-cpu",                           \
        .parent = "s390x-cpu",                                 \
        .props = s390_cpu_props,                               \
        .realize = s390_cpu_device_realize,                    \
        .after_machine = true,                                 \
    }

S390_CPU_TYPE(qemu);
S390_CPU_TYPE(max);
S390_CPU_TYPE(host);
S390_CPU_TYPE(z15);
S390_CPU_TYPE(z16);
