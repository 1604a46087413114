/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigp.c - the SIGNAL PROCESSOR orders user space completes.
 *
 * With KVM_CAP_S390_USER_SIGP the kernel keeps only the fast orders
 * (sense, external call, emergency signal, sense running) and hands the
 * rest to user space as an instruction intercept (ipa 0xAE<R1><R3>):
 * start, stop (and store status), restart, set prefix, store status at
 * address, store additional status, the CPU resets and set architecture
 * (kvm-s390-intercepts.md section 4.4).  They are completed here the way
 * QEMU's target/s390x/sigp.c does: each order runs on the target's own
 * thread (run_on_cpu), a stop of a running CPU is an interruption the
 * target takes (intercept 0x28), and the condition code goes back
 * through the PSW.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "sysemu/cpus.h"
#include "sysemu/kvm.h"
#include "exec/memory.h"
#include "target/s390x/cpu.h"
#include "target/s390x/sigp.h"
#include "hw/s390x/s390-cpu-irq.h"

/* Orders (PoP "Signal Processor"). */
#define SIGP_RESTART              0x06
#define SIGP_STOP                 0x05
#define SIGP_START                0x04
#define SIGP_STOP_STORE_STATUS    0x09
#define SIGP_INITIAL_CPU_RESET    0x0b
#define SIGP_CPU_RESET            0x0c
#define SIGP_SET_PREFIX           0x0d
#define SIGP_STORE_STATUS_ADDR    0x0e
#define SIGP_SET_ARCH             0x12
#define SIGP_STORE_ADTL_STATUS    0x17

/* Status bits stored in R1 with cc 1. */
#define SIGP_STAT_INVALID_ORDER     0x00000002u
#define SIGP_STAT_INCORRECT_STATE   0x00000200u
#define SIGP_STAT_INVALID_PARAMETER 0x00000100u

#define SIGP_CC_ACCEPTED      0
#define SIGP_CC_STATUS_STORED 1
#define SIGP_CC_BUSY          2
#define SIGP_CC_NOT_OPERATIONAL 3

/* The size of the prefix area a SET PREFIX target must hold (two pages). */
#define LOWCORE_SIZE 8192

typedef struct SigpInfo {
    uint64_t param;
    uint64_t *status_reg;
    int cc;
} SigpInfo;

static GMutex sigp_mutex;

static void set_status(SigpInfo *si, uint32_t status)
{
    *si->status_reg = (*si->status_reg & 0xffffffff00000000ULL) | status;
    si->cc = SIGP_CC_STATUS_STORED;
}

S390CPU *s390_cpu_addr2state(uint16_t cpu_addr)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        if (cs->vcpu_id == cpu_addr) {
            return S390_CPU(cs);
        }
    }
    return NULL;
}

static void sigp_start(CPUState *cs, void *arg)
{
    SigpInfo *si = arg;

    if (S390_CPU(cs)->mp_state == KVM_MP_STATE_STOPPED) {
        s390_cpu_set_state(KVM_MP_STATE_OPERATING, S390_CPU(cs));
    }
    si->cc = SIGP_CC_ACCEPTED;
}

/* Stop, with the status stored at absolute 0x1200 when @store. */
static void stop_cpu(CPUState *cs, SigpInfo *si, bool store)
{
    S390CPU *cpu = S390_CPU(cs);

    si->cc = SIGP_CC_ACCEPTED;
    if (cpu->mp_state != KVM_MP_STATE_OPERATING) {
        if (store && cpu->mp_state == KVM_MP_STATE_STOPPED) {
            s390_store_status(cpu, S390_STORE_STATUS_DEF_ADDR, true);
        }
        return;
    }
    if (cs->halted) {
        /*
         * A disabled wait: the CPU sleeps in user space and never enters
         * KVM_RUN again to take a stop interruption, so it is stopped
         * here (QEMU's sigp_stop "disabled wait" case).
         */
        s390_cpu_set_state(KVM_MP_STATE_STOPPED, cpu);
        if (store) {
            s390_store_status(cpu, S390_STORE_STATUS_DEF_ADDR, true);
        }
        return;
    }
    /* The target stops at its next instruction boundary (intercept 0x28). */
    cpu->sigp_order = store ? SIGP_STOP_STORE_STATUS : SIGP_STOP;
    s390_cpu_inject_stop(cpu, store);
}

static void sigp_stop(CPUState *cs, void *arg)
{
    stop_cpu(cs, arg, false);
}

static void sigp_stop_and_store_status(CPUState *cs, void *arg)
{
    stop_cpu(cs, arg, true);
}

static void sigp_restart(CPUState *cs, void *arg)
{
    S390CPU *cpu = S390_CPU(cs);
    SigpInfo *si = arg;

    /*
     * A stopped CPU is started first: the restart interruption is then
     * the first thing it takes (QEMU's sigp_restart).
     */
    if (cpu->mp_state == KVM_MP_STATE_STOPPED) {
        s390_cpu_set_state(KVM_MP_STATE_OPERATING, cpu);
    }
    s390_cpu_restart_interrupt(cs);
    si->cc = SIGP_CC_ACCEPTED;
}

static void sigp_initial_cpu_reset(CPUState *cs, void *arg)
{
    s390_cpu_reset(S390_CPU(cs), KVM_S390_INITIAL_RESET);
    ((SigpInfo *)arg)->cc = SIGP_CC_ACCEPTED;
}

static void sigp_cpu_reset(CPUState *cs, void *arg)
{
    s390_cpu_reset(S390_CPU(cs), KVM_S390_NORMAL_RESET);
    ((SigpInfo *)arg)->cc = SIGP_CC_ACCEPTED;
}

static void sigp_set_prefix(CPUState *cs, void *arg)
{
    S390CPU *cpu = S390_CPU(cs);
    SigpInfo *si = arg;
    uint32_t addr = si->param & 0x7fffe000u;

    if ((uint64_t)addr + LOWCORE_SIZE > guest_ram_size()) {
        set_status(si, SIGP_STAT_INVALID_PARAMETER);
        return;
    }
    if (cpu->mp_state != KVM_MP_STATE_STOPPED) {
        set_status(si, SIGP_STAT_INCORRECT_STATE);
        return;
    }
    cpu->env.prefix = addr;
    cs->vcpu_dirty = true;
    si->cc = SIGP_CC_ACCEPTED;
}

static void sigp_store_status_at_address(CPUState *cs, void *arg)
{
    S390CPU *cpu = S390_CPU(cs);
    SigpInfo *si = arg;
    uint32_t addr = si->param & 0x7ffffe00u;

    if (cpu->mp_state != KVM_MP_STATE_STOPPED) {
        set_status(si, SIGP_STAT_INCORRECT_STATE);
        return;
    }
    if (!s390_store_status(cpu, addr, false)) {
        set_status(si, SIGP_STAT_INVALID_PARAMETER);
        return;
    }
    si->cc = SIGP_CC_ACCEPTED;
}

static void sigp_store_adtl_status(CPUState *cs, void *arg)
{
    S390CPU *cpu = S390_CPU(cs);
    SigpInfo *si = arg;

    if (!s390_has_feat(&s390_cpu_model, S390_FEAT_VECTOR) &&
        !s390_has_feat(&s390_cpu_model, S390_FEAT_GUARDED_STORAGE)) {
        set_status(si, SIGP_STAT_INVALID_ORDER);
        return;
    }
    if (cpu->mp_state != KVM_MP_STATE_STOPPED) {
        set_status(si, SIGP_STAT_INCORRECT_STATE);
        return;
    }
    if (!s390_store_adtl_status(cpu, si->param)) {
        set_status(si, SIGP_STAT_INVALID_PARAMETER);
        return;
    }
    si->cc = SIGP_CC_ACCEPTED;
}

typedef void SigpFn(CPUState *cs, void *arg);

static SigpFn *order_fn(uint8_t order)
{
    switch (order) {
    case SIGP_START:
        return sigp_start;
    case SIGP_STOP:
        return sigp_stop;
    case SIGP_RESTART:
        return sigp_restart;
    case SIGP_STOP_STORE_STATUS:
        return sigp_stop_and_store_status;
    case SIGP_STORE_STATUS_ADDR:
        return sigp_store_status_at_address;
    case SIGP_STORE_ADTL_STATUS:
        return sigp_store_adtl_status;
    case SIGP_SET_PREFIX:
        return sigp_set_prefix;
    case SIGP_INITIAL_CPU_RESET:
        return sigp_initial_cpu_reset;
    case SIGP_CPU_RESET:
        return sigp_cpu_reset;
    default:
        return NULL;
    }
}

static int handle_sigp_single_dst(S390CPU *dst, uint8_t order, uint64_t param,
                                  uint64_t *status_reg)
{
    SigpInfo si = { .param = param, .status_reg = status_reg };
    SigpFn *fn = order_fn(order);

    if (!dst) {
        return SIGP_CC_NOT_OPERATIONAL;
    }
    /* Only the resets break an order the target has not completed. */
    if (dst->sigp_order && order != SIGP_CPU_RESET &&
        order != SIGP_INITIAL_CPU_RESET) {
        return SIGP_CC_BUSY;
    }
    if (!fn) {
        set_status(&si, SIGP_STAT_INVALID_ORDER);
        return si.cc;
    }
    run_on_cpu(CPU(dst), fn, &si);
    return si.cc;
}

/*
 * SET ARCHITECTURE: the CPU is always in z/Architecture mode (the CZAM
 * facility), so the order is rejected, with the status QEMU gives.
 */
static int sigp_set_architecture(S390CPU *cpu, uint64_t *status_reg)
{
    CPUState *cs;
    bool all_stopped = true;

    CPU_FOREACH(cs) {
        if (S390_CPU(cs) != cpu && S390_CPU(cs)->mp_state != KVM_MP_STATE_STOPPED) {
            all_stopped = false;
        }
    }
    *status_reg = (*status_reg & 0xffffffff00000000ULL) |
                  (all_stopped ? SIGP_STAT_INVALID_PARAMETER
                               : SIGP_STAT_INCORRECT_STATE);
    return SIGP_CC_STATUS_STORED;
}

int handle_sigp(S390CPU *cpu, uint8_t order, unsigned r1, unsigned r3)
{
    CPUS390XState *env = &cpu->env;
    uint64_t param = env->regs[r1 | 1];
    int cc;

    /* Another CPU's SIGP is being served: the busy condition. */
    if (!g_mutex_trylock(&sigp_mutex)) {
        return SIGP_CC_BUSY;
    }
    if (order == SIGP_SET_ARCH) {
        cc = sigp_set_architecture(cpu, &env->regs[r1]);
    } else {
        cc = handle_sigp_single_dst(s390_cpu_addr2state(env->regs[r3] & 0xffff),
                                    order, param, &env->regs[r1]);
    }
    g_mutex_unlock(&sigp_mutex);
    return cc;
}
