/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * s390-virtio-ccw.c - the s390-ccw-virtio machine (and "none" for probing).
 *
 * Builds the machine the command line describes: accelerator, one RAM block
 * at guest address 0, the vCPUs on their threads, the loaded images, and
 * the IPL CPU's PSW.  system_reset resets every CPU and reloads the images
 * as QEMU's s390x machine does.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "hw/boards.h"
#include "hw/loader.h"
#include "qom/object.h"
#include "exec/memory.h"
#include "sysemu/cpus.h"
#include "sysemu/kvm.h"
#include "hw/s390x/sclp.h"
#include "hw/s390x/sclp-quiesce.h"
#include "hw/s390x/tod.h"
#include "hw/s390x/diag318.h"
#include "hw/watchdog/wdt_diag288.h"
#include "hw/s390x/ipl.h"
#include "hw/s390x/pv-boot.h"
#include "hw/s390x/pv-dump.h"
#include "hw/s390x/s390-virtio-ccw.h"
#include "target/s390x/kvm/kvm_s390x.h"

/* 64-bit addressing (EA|BA): how QEMU enters a raw kernel image. */
#define PSW_MASK_64BIT 0x0000000180000000ULL

MachineState *current_machine;

S390CcwMachineState *s390_ccw_machine(void)
{
    return current_machine ?
           container_of(current_machine, S390CcwMachineState, parent_obj) : NULL;
}

static bool machine_init_accel(MachineConfig *cfg, GError **errp)
{
    /* "accel=kvm:tcg": the first accelerator that initialises wins (QEMU). */
    for (int i = 0; cfg->accel_list[i]; i++) {
        GError *local = NULL;
        cfg->accel.name = cfg->accel_list[i];
        if (kvm_init(&cfg->accel, &local)) {
            return true;
        }
        if (!cfg->accel_list[i + 1]) {
            g_propagate_error(errp, local);
            return false;
        }
        warn_report("failed to initialize %s: %s", cfg->accel_list[i], local->message);
        g_error_free(local);
    }
    error_setg(errp, "no accelerator found");
    return false;
}

static bool machine_check_pv_settings(S390CcwMachineState *ms, GError **errp)
{
    const char *id = ms->parent_obj.cfg->cgs_id;
    UserObject *obj;

    if (!id) {
        return true;
    }
    obj = user_object_find(id);
    if (!obj) {
        error_setg(errp, "Property 'confidential-guest-support' can't find value '%s'", id);
        return false;
    }
    if (strcmp(obj->type, "s390-pv-guest")) {
        error_setg(errp, "Property 'confidential-guest-support' of machine %s "
                   "must be an s390-pv-guest object, '%s' is a %s",
                   ms->parent_obj.cfg->type, id, obj->type);
        return false;
    }
    if (!s390_has_feat(&ms->cpu_model, S390_FEAT_UNPACK)) {
        error_setg(errp, "CPU model does not support Protected Virtualization "
                   "(the unpack facility is off)");
        return false;
    }
    ms->pv_guest_id = g_strdup(id);
    return true;
}

/* After the accelerator exists: it must be able to run protected guests. */
static bool machine_check_pv_accel(S390CcwMachineState *ms, GError **errp)
{
    if (ms->pv_guest_id && !kvm_s390_get_protected()) {
        error_setg(errp, "KVM doesn't support protected virtualization "
                   "(KVM_CAP_S390_PROTECTED)");
        return false;
    }
    return true;
}

static bool machine_create_cpus(MachineConfig *cfg, GError **errp)
{
    /* Room for -smp maxcpus: -device <model>-s390x-cpu adds the others. */
    cpu_list = g_new0(CPUState *, MAX(cfg->smp, cfg->max_cpus));
    for (int i = 0; i < cfg->smp; i++) {
        if (!s390_cpu_create(i, errp)) {
            return false;
        }
    }
    return true;
}

bool machine_init(MachineConfig *cfg, GError **errp)
{
    S390CcwMachineState *ms = g_new0(S390CcwMachineState, 1);
    const RAMBlock *rb;
    IplInfo ipl;
    bool ok;

    ms->parent_obj.cfg = cfg;
    current_machine = &ms->parent_obj;

    if (!s390_cpu_model_parse(cfg->cpu_model, &ms->cpu_model, errp)) {
        return false;
    }
    s390_cpu_model = ms->cpu_model;
    if (!machine_check_pv_settings(ms, errp) || !machine_init_accel(cfg, errp) ||
        !machine_check_pv_accel(ms, errp)) {
        return false;
    }
    if (!strcmp(cfg->type, "none")) {
        return true;    /* probing only: no RAM, no CPUs */
    }
    /*
     * QEMU's rule and message: storage comes in SCLP increments of at
     * least 1 MiB, and a protected guest's storage state is kept per MiB.
     */
    if (!QEMU_IS_ALIGNED(cfg->ram_size, MiB)) {
        error_setg(errp, "ram size must be multiples of 1 MiB");
        return false;
    }
    if (!guest_ram_init(cfg->ram_size, errp)) {
        return false;
    }
    rb = guest_ram_block();
    if (!kvm_set_user_memory(kvm_state, rb->host, rb->size, errp)) {
        return false;
    }
    bql_lock();
    sclp_quiesce_init();
    s390_tod_init();
    ok = machine_create_cpus(cfg, errp);
    bql_unlock();
    if (!ok) {
        return false;
    }
    if (!machine_load_images(cfg, &ipl, errp)) {
        return false;
    }
    bql_lock();
    machine_reset();
    bql_unlock();
    return true;
}

typedef struct CPUResetArgs {
    IplInfo ipl;
} CPUResetArgs;

static void cpu_reset_on_thread(CPUState *cs, void *data)
{
    const CPUResetArgs *args = data;
    S390CPU *cpu = S390_CPU(cs);
    unsigned long req = kvm_check_extension(kvm_state, KVM_CAP_S390_VCPU_RESETS)
                        ? KVM_S390_CLEAR_RESET : KVM_S390_INITIAL_RESET;
    if (kvm_vcpu_ioctl(cs, req, NULL) < 0) {
        /* The accelerator's state is authoritative; fall back to ours. */
        s390_cpu_initial_reset(cpu);
    } else {
        kvm_arch_get_registers(cs);
    }
    cpu->sigp_order = 0;
    s390_cpu_set_state(cs->cpu_index == 0 ? KVM_MP_STATE_OPERATING
                                          : KVM_MP_STATE_STOPPED, cpu);
    if (cs->cpu_index == 0) {
        cpu->env.psw_mask = PSW_MASK_64BIT;
        cpu->env.psw_addr = args->ipl.entry;
        cs->vcpu_dirty = true;
    }
}

void machine_reset(void)
{
    CPUState *cs;
    CPUResetArgs args = { 0 };
    GError *err = NULL;

    g_assert(bql_locked());
    if (!current_machine || !cpu_count) {
        return;
    }
    /* An external reset leaves protected mode; the image re-IPLs into it. */
    s390_machine_unprotect();
    s390_ipl_clear_pv_iplb();
    sclp_reset();
    diag288_reset();
    s390_diag318_reset();
    kvm_s390_cmma_reset();      /* as s390_machine_reset: pages stable again */
    /* QEMU re-copies its ROM images on reset; so does pvdump. */
    if (!machine_load_images(current_machine->cfg, &args.ipl, &err)) {
        error_report_err(err);
    }
    CPU_FOREACH(cs) {
        run_on_cpu(cs, cpu_reset_on_thread, &args);
    }
}

void machine_cleanup(void)
{
    if (!current_machine) {
        return;
    }
    /*
     * Destroying the VM discards an open UV dump silently; completing it
     * is still tried first, so that a failure gets reported.
     */
    bql_lock();
    s390_pv_dump_settle_or_warn("the Ultravisor discards it with the VM");
    sclp_quiesce_cleanup();
    s390_tod_cleanup();
    bql_unlock();
    if (cpu_count) {
        bql_lock();
        stop_all_vcpu_threads();
        bql_unlock();
        for (int i = 0; i < cpu_count; i++) {
            g_free(S390_CPU(cpu_list[i]));
        }
        g_free(cpu_list);
        cpu_list = NULL;
        cpu_count = 0;
    }
    kvm_cleanup();
    guest_ram_cleanup();
    g_free(s390_ccw_machine()->pv_guest_id);
    g_free(s390_ccw_machine());
    current_machine = NULL;
}
