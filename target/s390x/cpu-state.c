/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu-state.c - s390x CPU states (stopped/operating), resets, the
 * interruptions user space injects, and STORE STATUS.
 *
 * The machine, not the kernel, decides when a CPU runs (user-controlled
 * CPU state, which KVM_SET_MP_STATE switches on): a stopped CPU is
 * halted, so its thread does not enter KVM_RUN, which the kernel refuses
 * for a stopped vCPU.  This is QEMU's s390_cpu_set_state() and friends.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "sysemu/cpus.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"
#include "exec/memory.h"
#include "util/be-access.h"
#include "target/s390x/cpu.h"

#define ADTL_SAVE_AREA_MIN 1024   /* vector registers */
#define ADTL_GS_OFFSET     1024   /* the guarded-storage control block */
#define ADTL_GS_MIN_SIZE   2048

unsigned s390_count_running_cpus(void)
{
    CPUState *cs;
    unsigned n = 0;

    CPU_FOREACH(cs) {
        uint32_t st = S390_CPU(cs)->mp_state;

        /* A CPU halted in an operating state (disabled wait) is not running. */
        n += (st == KVM_MP_STATE_OPERATING || st == KVM_MP_STATE_LOAD) &&
             !cs->halted;
    }
    return n;
}

void s390_cpu_guest_panicked(S390CPU *cpu)
{
    GuestPanicInformation *info = g_new0(GuestPanicInformation, 1);

    info->type = GUEST_PANIC_INFORMATION_TYPE_S390;
    info->core = CPU(cpu)->vcpu_id;
    info->psw_mask = cpu->env.psw_mask;
    info->psw_addr = cpu->env.psw_addr;
    info->reason = cpu->crash_reason;
    qemu_system_guest_panicked(info);
}

unsigned s390_cpu_set_state(uint32_t state, S390CPU *cpu)
{
    CPUState *cs = CPU(cpu);
    struct kvm_mp_state mp = { .mp_state = state };

    g_assert(bql_locked());
    if (cs->kvm_fd >= 0 && kvm_vcpu_ioctl(cs, KVM_SET_MP_STATE, &mp) < 0) {
        warn_report("vCPU %d: the accelerator refused CPU state %u",
                    cs->cpu_index, state);
    }
    cpu->mp_state = state;
    cs->halted = state == KVM_MP_STATE_STOPPED || state == KVM_MP_STATE_CHECK_STOP;
    if (!cs->halted) {
        qemu_cpu_kick(cs);
    }
    return s390_count_running_cpus();
}

static void inject_irq(S390CPU *cpu, const struct kvm_s390_irq *irq)
{
    int r = kvm_vcpu_ioctl(CPU(cpu), KVM_S390_IRQ, (void *)irq);

    if (r < 0) {
        warn_report("vCPU %d: cannot inject interruption 0x%llx: %s",
                    CPU(cpu)->cpu_index, (unsigned long long)irq->type, g_strerror(-r));
    }
}

void s390_cpu_inject_stop(S390CPU *cpu, bool store_status)
{
    struct kvm_s390_irq irq = {
        .type = KVM_S390_SIGP_STOP,
        .u.stop.flags = store_status ? KVM_S390_STOP_FLAG_STORE_STATUS : 0,
    };

    inject_irq(cpu, &irq);
}

void s390_do_stop_interrupt(S390CPU *cpu)
{
    bool store = cpu->sigp_order == 0x09;   /* STOP AND STORE STATUS */

    if (s390_cpu_set_state(KVM_MP_STATE_STOPPED, cpu) == 0) {
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    }
    if (store) {
        s390_store_status(cpu, S390_STORE_STATUS_DEF_ADDR, true);
    }
    cpu->sigp_order = 0;
}

void s390_cpu_reset(S390CPU *cpu, unsigned long kind)
{
    CPUState *cs = CPU(cpu);

    /* Every CPU reset leaves the CPU stopped (QEMU's s390_cpu_reset). */
    s390_cpu_set_state(KVM_MP_STATE_STOPPED, cpu);
    cpu->sigp_order = 0;
    if (kvm_vcpu_ioctl(cs, kind, NULL) < 0 && kind != KVM_S390_NORMAL_RESET) {
        /* The accelerator's state is authoritative; fall back to ours. */
        s390_cpu_initial_reset(cpu);
        cs->vcpu_dirty = true;
        return;
    }
    kvm_arch_get_registers(cs);
    cs->vcpu_dirty = false;
}

bool s390_store_status(S390CPU *cpu, uint64_t addr, bool store_arch)
{
    uint8_t area[S390_STORE_STATUS_SIZE];
    static const uint8_t zarch = 1;

    if (store_arch &&
        !guest_memory_write(S390_STORE_STATUS_ARCH_BYTE, &zarch, 1, NULL)) {
        return false;
    }
    s390_regs_store_status(&cpu->env, area);
    return guest_memory_write(addr, area, sizeof(area), NULL);
}

/* QEMU's rule: length code 0 (1 KiB) always; 10-12 with guarded storage. */
static bool adtl_length_valid(unsigned lc)
{
    if (lc == 0) {
        return true;
    }
    return s390_has_feat(&s390_cpu_model, S390_FEAT_GUARDED_STORAGE) &&
           lc >= 10 && lc <= 12;
}

bool s390_store_adtl_status(S390CPU *cpu, uint64_t param)
{
    unsigned lc = param & 0xf;
    uint64_t addr = param & ~0xfULL, len = 1ULL << (lc ? lc : 10);
    g_autofree uint8_t *sa = NULL;

    if ((addr & (len - 1)) || !adtl_length_valid(lc)) {
        return false;
    }
    sa = g_malloc0(len);
    if (!guest_memory_read(addr, sa, len, NULL)) {
        return false;
    }
    if (s390_has_feat(&s390_cpu_model, S390_FEAT_VECTOR)) {
        for (int i = 0; i < 32; i++) {
            be64_store(sa + i * 16, cpu->env.vregs[i][0]);
            be64_store(sa + i * 16 + 8, cpu->env.vregs[i][1]);
        }
    }
    if (s390_has_feat(&s390_cpu_model, S390_FEAT_GUARDED_STORAGE) &&
        len >= ADTL_GS_MIN_SIZE) {
        for (int i = 0; i < 4; i++) {
            be64_store(sa + ADTL_GS_OFFSET + i * 8, cpu->env.gscb[i]);
        }
    }
    return guest_memory_write(addr, sa, len, NULL);
}
