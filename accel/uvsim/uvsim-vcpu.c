/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-vcpu.c - simulated vCPU ioctls: KVM_RUN, registers, resets, MP state.
 *
 * Register transfer follows the s390x kernel: the run area's sync regs
 * (kvm_valid_regs / kvm_dirty_regs) plus the classic GET/SET ioctls and
 * ONE_REG for the TOD-related registers.
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"

/* Control register reset values of the architecture (PoP, initial CPU reset). */
#define CR0_RESET  0xE0ULL
#define CR14_RESET 0xC2000000ULL

/* What uvsim keeps in the run area, as a vector-capable kernel does. */
#define UVSIM_VALID_REGS (KVM_SYNC_PREFIX | KVM_SYNC_GPRS | KVM_SYNC_ACRS | \
                          KVM_SYNC_CRS | KVM_SYNC_ARCH0 | KVM_SYNC_PFAULT | \
                          KVM_SYNC_VRS | KVM_SYNC_GSCB)

static void sync_regs_out(UvsimVcpu *v)
{
    /*
     * A secure CPU's state belongs to the Ultravisor: the host sees none of
     * it (real SE hardware reveals only what an intercept needs, and the
     * workload's intercepts need nothing), so the run area shows zeros.
     */
    static const S390Regs hidden;
    struct kvm_run *run = v->run;

    s390_regs_to_kvm_run(run, v->secure ? &hidden : &v->arch, UVSIM_VALID_REGS);
    run->s.regs.pp = v->secure ? 0 : v->pp;
    run->s.regs.gbea = v->secure ? 0 : v->gbea;
    run->kvm_valid_regs = UVSIM_VALID_REGS;
}

static void sync_regs_in(UvsimVcpu *v)
{
    struct kvm_run *run = v->run;
    /* As the kernel: dirty bits of groups it does not keep valid are ignored. */
    uint64_t dirty = run->kvm_dirty_regs & UVSIM_VALID_REGS;

    if (v->secure) {
        /* A secure CPU's state belongs to the UV; the host cannot set it. */
        run->kvm_dirty_regs = 0;
        return;
    }
    /* The PSW always travels in the run area. */
    s390_regs_from_kvm_run(&v->arch, run, dirty);
    if (dirty & KVM_SYNC_PREFIX) {
        v->arch.prefix &= 0x7fffe000u;
    }
    if (dirty & KVM_SYNC_ARCH0) {
        v->pp = run->s.regs.pp;
        v->gbea = run->s.regs.gbea;
    }
    run->kvm_dirty_regs = 0;
}

UvsimVcpu *uvsim_vcpu_create(UvsimVM *vm, int id)
{
    UvsimVcpu *v = g_new0(UvsimVcpu, 1);
    v->id = id;
    v->vm = vm;
    g_mutex_init(&v->lock);
    g_mutex_init(&v->kick_lock);
    g_mutex_init(&v->sie_lock);
    g_cond_init(&v->kick_cond);
    v->run_size = QEMU_ALIGN_UP(sizeof(struct kvm_run), 4096);
    v->run = g_aligned_alloc0(1, v->run_size, 4096);
    v->arch.cregs[0] = CR0_RESET;
    v->arch.cregs[14] = CR14_RESET;
    v->gbea = 1;
    v->mp_state = KVM_MP_STATE_STOPPED;
    sync_regs_out(v);
    return v;
}

void uvsim_vcpu_destroy(UvsimVcpu *v)
{
    g_aligned_free(v->run);
    g_cond_clear(&v->kick_cond);
    g_mutex_clear(&v->kick_lock);
    g_mutex_clear(&v->sie_lock);
    g_mutex_clear(&v->lock);
    g_free(v);
}

static bool exit_requested(UvsimVcpu *v)
{
    return __atomic_load_n(&v->run->immediate_exit, __ATOMIC_SEQ_CST);
}

void uvsim_vcpu_kick(UvsimVcpu *v)
{
    /* The caller set immediate_exit first; waking under the lock cannot be lost. */
    g_mutex_lock(&v->kick_lock);
    g_cond_broadcast(&v->kick_cond);
    g_mutex_unlock(&v->kick_lock);
}

/* Waits one step interval; false if a kick arrived. */
static bool wait_step(UvsimVcpu *v)
{
    gint64 deadline = g_get_monotonic_time() + UVSIM_STEP_INTERVAL_US;
    bool kicked;
    g_mutex_lock(&v->kick_lock);
    while (!(kicked = exit_requested(v)) &&
           g_cond_wait_until(&v->kick_cond, &v->kick_lock, deadline)) {
        /* spurious or early wake-up: look again */
    }
    g_mutex_unlock(&v->kick_lock);
    return !kicked;
}

static int uvsim_run(UvsimVcpu *v)
{
    struct kvm_run *run = v->run;

    /* Dumping: first check, before immediate_exit; kvm_run untouched. */
    if (__atomic_load_n(&v->vm->dumping, __ATOMIC_ACQUIRE)) {
        return -EINVAL;
    }
    if (exit_requested(v)) {
        run->exit_reason = KVM_EXIT_INTR;
        return -EINTR;
    }
    sync_regs_in(v);
    if (uvsim_stage3a_run(v)) {
        sync_regs_out(v);
        return 0;           /* a DIAG 308 intercept for user space */
    }
    if (v->entered_image) {
        uv_stage3b_run(v);
    }
    /*
     * A stopped CPU sits in KVM_RUN without executing until it is started;
     * one that DUMP_INIT keeps out of SIE sits there until it is kicked.
     */
    do {
        g_mutex_lock(&v->sie_lock);
        if (__atomic_load_n(&v->mp_state, __ATOMIC_ACQUIRE) == KVM_MP_STATE_OPERATING &&
            v->vm->mem_host && !uv_dump_sie_blocked(v->vm)) {
            uvsim_workload_step(v);
        }
        g_mutex_unlock(&v->sie_lock);
    } while (wait_step(v));
    sync_regs_out(v);
    run->exit_reason = KVM_EXIT_INTR;
    return -EINTR;
}

static void uvsim_reset(UvsimVcpu *v, unsigned long kind)
{
    S390Regs *a = &v->arch;
    /* Initial reset (and clear reset) state per the kernel's reset ioctls. */
    if (kind == KVM_S390_INITIAL_RESET || kind == KVM_S390_CLEAR_RESET) {
        a->psw_mask = a->psw_addr = 0;
        a->prefix = 0;
        a->cputm = a->ckc = 0;
        a->todpr = 0;
        memset(a->cregs, 0, sizeof(a->cregs));
        a->cregs[0] = CR0_RESET;
        a->cregs[14] = CR14_RESET;
        a->fpc = 0;
        v->gbea = 1;
        v->pp = 0;
    }
    if (kind == KVM_S390_CLEAR_RESET) {
        memset(a->regs, 0, sizeof(a->regs));
        memset(a->aregs, 0, sizeof(a->aregs));
        memset(a->vregs, 0, sizeof(a->vregs));
        memset(a->gscb, 0, sizeof(a->gscb));
        v->workload_step = 0;
    }
    if (kind != KVM_S390_NORMAL_RESET) {
        /* The IPL starts over; a normal reset (subcode 10's) keeps stage3a's place. */
        v->stage3a = UVSIM_STAGE3A_IDLE;
        v->pgm_pending = 0;
    }
    sync_regs_out(v);
}

/* KVM_S390_IRQ: program interruptions only (what user space injects). */
static int inject_irq(UvsimVcpu *v, const struct kvm_s390_irq *irq)
{
    if (irq->type != KVM_S390_PROGRAM_INT) {
        return -EINVAL;
    }
    /*
     * There is no program-check handler to deliver it to: a played
     * stage3a stops on it, the workload carries on.
     */
    v->pgm_pending = irq->u.pgm.code;
    return 0;
}

static int get_one_reg(UvsimVcpu *v, const struct kvm_one_reg *reg, bool set)
{
    uint64_t *u64 = NULL;
    uint32_t *u32 = NULL;
    switch (reg->id) {
    case KVM_REG_S390_TODPR:
        u32 = &v->arch.todpr;
        break;
    case KVM_REG_S390_CPU_TIMER:
        u64 = &v->arch.cputm;
        break;
    case KVM_REG_S390_CLOCK_COMP:
        u64 = &v->arch.ckc;
        break;
    case KVM_REG_S390_PP:
        u64 = &v->pp;
        break;
    case KVM_REG_S390_GBEA:
        u64 = &v->gbea;
        break;
    default:
        return -EINVAL;
    }
    void *user = (void *)(uintptr_t)reg->addr;
    size_t len = u64 ? 8 : 4;
    void *kernel = u64 ? (void *)u64 : (void *)u32;
    if (!user) {
        return -EFAULT;
    }
    memcpy(set ? kernel : user, set ? user : kernel, len);
    sync_regs_out(v);
    return 0;
}

static int regs_ioctl(UvsimVcpu *v, unsigned long request, void *arg)
{
    /*
     * As with the run area: a secure CPU's registers are the UV's, so the
     * host reads zeros and its writes go to a scratch copy.
     */
    S390Regs hidden = { 0 };
    S390Regs *a = v->secure ? &hidden : &v->arch;

    switch (request) {
    case KVM_GET_REGS:
        memcpy(((struct kvm_regs *)arg)->gprs, a->regs, sizeof(a->regs));
        return 0;
    case KVM_SET_REGS:
        memcpy(a->regs, ((struct kvm_regs *)arg)->gprs, sizeof(a->regs));
        break;
    case KVM_GET_SREGS:
        memcpy(((struct kvm_sregs *)arg)->acrs, a->aregs, sizeof(a->aregs));
        memcpy(((struct kvm_sregs *)arg)->crs, a->cregs, sizeof(a->cregs));
        return 0;
    case KVM_SET_SREGS:
        memcpy(a->aregs, ((struct kvm_sregs *)arg)->acrs, sizeof(a->aregs));
        memcpy(a->cregs, ((struct kvm_sregs *)arg)->crs, sizeof(a->cregs));
        break;
    case KVM_GET_FPU: {
        struct kvm_fpu *fpu = arg;
        fpu->fpc = a->fpc;
        for (int i = 0; i < 16; i++) {
            fpu->fprs[i] = a->vregs[i][0];
        }
        return 0;
    }
    case KVM_SET_FPU: {
        const struct kvm_fpu *fpu = arg;
        a->fpc = fpu->fpc;
        for (int i = 0; i < 16; i++) {
            a->vregs[i][0] = fpu->fprs[i];
        }
        break;
    }
    default:
        return -ENOTTY;
    }
    sync_regs_out(v);
    return 0;
}

int uvsim_vcpu_ioctl(UvsimVcpu *v, unsigned long request, void *arg)
{
    switch (request) {
    case KVM_RUN:
        return uvsim_run(v);
    case KVM_S390_INITIAL_RESET:
    case KVM_S390_NORMAL_RESET:
    case KVM_S390_CLEAR_RESET:
        uvsim_reset(v, request);
        return 0;
    case KVM_S390_SET_INITIAL_PSW: {
        const struct kvm_s390_psw *psw = arg;
        if (!psw) {
            return -EFAULT;
        }
        v->arch.psw_mask = psw->mask;
        v->arch.psw_addr = psw->addr;
        sync_regs_out(v);
        return 0;
    }
    case KVM_GET_MP_STATE:
        ((struct kvm_mp_state *)arg)->mp_state = __atomic_load_n(&v->mp_state, __ATOMIC_ACQUIRE);
        return 0;
    case KVM_SET_MP_STATE: {
        uint32_t st = ((struct kvm_mp_state *)arg)->mp_state;
        if (st != KVM_MP_STATE_STOPPED && st != KVM_MP_STATE_CHECK_STOP &&
            st != KVM_MP_STATE_OPERATING && st != KVM_MP_STATE_LOAD) {
            return -ENXIO;
        }
        /* The kernel switches to user-controlled CPU state on first use. */
        v->vm->user_cpu_state_ctrl = true;
        if (st == KVM_MP_STATE_LOAD && v->secure) {
            int r = uv_cpu_load_psw(v);
            if (r < 0) {
                return r;
            }
            sync_regs_out(v);
        }
        __atomic_store_n(&v->mp_state, st, __ATOMIC_RELEASE);
        return 0;
    }
    case KVM_GET_ONE_REG:
    case KVM_SET_ONE_REG:
        if (v->secure) {
            return -EINVAL;     /* docs/kvm-pv-interface.md: not for PV vCPUs */
        }
        return arg ? get_one_reg(v, arg, request == KVM_SET_ONE_REG) : -EFAULT;
    case KVM_S390_PV_CPU_COMMAND:
        return uv_dump_cpu_command(v, arg);
    case KVM_S390_IRQ:
        return arg ? inject_irq(v, arg) : -EFAULT;
    default:
        if (!arg && request != KVM_RUN) {
            return -EFAULT;
        }
        return regs_ioctl(v, request, arg);
    }
}
