/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipl-reset.c - the guest's own IPL resets (DIAG 308 subcodes 0, 1, 3, 4).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/s390x/ipl-reset.h"
#include "sysemu/cpus.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"
#include "target/s390x/cpu.h"
#include "target/s390x/kvm/kvm_s390x.h"
#include "util/be-access.h"

#define PSW_MASK_SHORTPSW   0x0008000000000000ULL
#define PSW_MASK_SHORT_ADDR 0x000000007fffffffULL
#define PSW_MASK_SHORT_CTRL 0xffffffff80000000ULL

typedef struct IplResetArgs {
    int ipl_cpu;          /* cpu_index of the CPU that issued DIAG 308 */
    bool clear;
    uint64_t spsw;        /* the short PSW at absolute 0 */
} IplResetArgs;

void s390_psw_from_short(uint64_t spsw, uint64_t *mask, uint64_t *addr)
{
    *mask = (spsw & PSW_MASK_SHORT_CTRL) ^ PSW_MASK_SHORTPSW;
    *addr = spsw & PSW_MASK_SHORT_ADDR;
}

/* As QEMU's cpu_stop_current(): the CPU leaves KVM_RUN and parks. */
static void stop_current_cpu(CPUState *cs)
{
    cs->stop = true;
    qemu_cpu_kick(cs);
}

static void set_mp_state(CPUState *cs, uint32_t state)
{
    s390_cpu_set_state(state, S390_CPU(cs));
}

static void reset_cpu_on_thread(CPUState *cs, void *data)
{
    const IplResetArgs *args = data;
    S390CPU *cpu = S390_CPU(cs);
    bool ipl = cs->cpu_index == args->ipl_cpu;
    unsigned long kind = args->clear ? KVM_S390_CLEAR_RESET :
                         ipl ? KVM_S390_INITIAL_RESET : KVM_S390_NORMAL_RESET;

    if (kvm_vcpu_ioctl(cs, kind, NULL) < 0 && kind != KVM_S390_NORMAL_RESET) {
        /* Kernels without the newer resets: the initial one is close. */
        s390_cpu_initial_reset(cpu);
    } else {
        kvm_arch_get_registers(cs);
    }
    set_mp_state(cs, KVM_MP_STATE_STOPPED);
    if (ipl) {
        s390_psw_from_short(args->spsw, &cpu->env.psw_mask, &cpu->env.psw_addr);
        cs->vcpu_dirty = true;
        set_mp_state(cs, KVM_MP_STATE_OPERATING);
    }
}

static void do_ipl_reset(void *opaque)
{
    g_autofree IplResetArgs *args = opaque;
    bool was_running = runstate_is_running();
    uint8_t spsw[8];
    CPUState *cs;

    if (was_running) {
        pause_all_vcpus();
    }
    if (!guest_memory_read(0, spsw, sizeof(spsw), NULL)) {
        memset(spsw, 0, sizeof(spsw));
    }
    args->spsw = be64_load(spsw);
    /* QEMU's s390_machine_reset starts every reset with this. */
    kvm_s390_cmma_reset();
    CPU_FOREACH(cs) {
        run_on_cpu(cs, reset_cpu_on_thread, args);
    }
    if (was_running) {
        resume_all_vcpus();
    }
}

void s390_ipl_reset_request(CPUState *cs, bool clear)
{
    IplResetArgs *args = g_new0(IplResetArgs, 1);

    args->ipl_cpu = cs->cpu_index;
    args->clear = clear;
    stop_current_cpu(cs);
    qemu_system_guest_reset_request(do_ipl_reset, args);
}

void s390_ipl_reipl_request(CPUState *cs)
{
    stop_current_cpu(cs);
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
}
