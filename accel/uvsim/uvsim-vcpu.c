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
#include "cpu/cpu.h"

/* Control register reset values of the architecture (PoP, initial CPU reset). */
#define CR0_RESET  0xE0ULL
#define CR14_RESET 0xC2000000ULL

/* What uvsim keeps in the run area, as a vector-capable kernel does. */
#define UVSIM_VALID_REGS (KVM_SYNC_PREFIX | KVM_SYNC_GPRS | KVM_SYNC_ACRS | \
                          KVM_SYNC_CRS | KVM_SYNC_ARCH0 | KVM_SYNC_PFAULT | \
                          KVM_SYNC_VRS)

/* The kernel adds the guarded-storage block when the VM has facility 133. */
static uint64_t valid_regs(const UvsimVcpu *v)
{
    return UVSIM_VALID_REGS |
           (uvsim_has_facility(v->vm, UVSIM_FAC_GS) ? KVM_SYNC_GSCB : 0);
}

static void sync_regs_out(UvsimVcpu *v)
{
    /*
     * A secure CPU's state belongs to the Ultravisor: the host sees none of
     * it (real SE hardware reveals only what an intercept needs, and the
     * workload's intercepts need nothing), so the run area shows zeros.
     */
    static const S390Regs hidden;
    struct kvm_run *run = v->run;

    s390_regs_to_kvm_run(run, v->secure ? &hidden : &v->arch, valid_regs(v));
    run->s.regs.pp = v->secure ? 0 : v->pp;
    run->s.regs.gbea = v->secure ? 0 : v->gbea;
    run->kvm_valid_regs = valid_regs(v);
}

static void sync_regs_in(UvsimVcpu *v)
{
    struct kvm_run *run = v->run;
    /* As the kernel: dirty bits of groups it does not keep valid are ignored. */
    uint64_t dirty = run->kvm_dirty_regs & valid_regs(v);
    uint64_t old_crs[16];
    uint32_t old_prefix = v->arch.prefix;

    if (v->secure) {
        /* A secure CPU's state belongs to the UV; the host cannot set it. */
        run->kvm_dirty_regs = 0;
        return;
    }
    memcpy(old_crs, v->arch.cregs, sizeof(old_crs));
    /* The PSW always travels in the run area. */
    s390_regs_from_kvm_run(&v->arch, run, dirty);
    /*
     * New control registers or prefix make the CPU's translations stale.
     * User space writes every group back after each exit it handled, so
     * only a real change flushes (the kernel flushes on the dirty bit;
     * the TLB is uvsim's own, so the guest sees no difference).
     */
    if (dirty & KVM_SYNC_PREFIX) {
        v->arch.prefix &= 0x7fffe000u;
    }
    v->regs_changed |= (dirty & (KVM_SYNC_PREFIX | KVM_SYNC_CRS)) &&
                       (memcmp(old_crs, v->arch.cregs, sizeof(old_crs)) ||
                        old_prefix != v->arch.prefix);
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
    g_mutex_init(&v->irq_lock);
    g_cond_init(&v->kick_cond);
    v->pfault_token = UVSIM_PFAULT_TOKEN_INVALID;
    v->run_size = QEMU_ALIGN_UP(sizeof(struct kvm_run), 4096);
    v->run = g_aligned_alloc0(1, v->run_size, 4096);
    v->arch.cregs[0] = CR0_RESET;
    v->arch.cregs[14] = CR14_RESET;
    v->gbea = 1;
    v->mp_state = KVM_MP_STATE_STOPPED;
    uvsim_run_init(v);
    sync_regs_out(v);
    return v;
}

void uvsim_vcpu_destroy(UvsimVcpu *v)
{
    uvsim_run_destroy(v);
    g_aligned_free(v->run);
    g_mutex_clear(&v->irq_lock);
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
    if (v->cpu) {
        uvcpu_exit_request(v->cpu);   /* ends a slice that runs guest code */
    }
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
    if (!v->secure) {
        int r;

        if (v->regs_changed) {
            uvcpu_tlb_flush(v->cpu);
            v->regs_changed = false;
        }
        r = uvsim_run_interpreter(v);
        sync_regs_out(v);
        if (r == -EINTR) {
            run->exit_reason = KVM_EXIT_INTR;
        }
        return r;
    }
    if (v->entered_image) {
        uv_stage3b_run(v);
    }
    /*
     * A stopped CPU sits in KVM_RUN without executing until it is started;
     * one that DUMP_INIT keeps out of SIE sits there until it is kicked.
     */
    do {
        int sibling = uvsim_workload_next_sibling(v);

        if (sibling >= 0) {
            sync_regs_out(v);
            uvsim_workload_sigp_start_exit(v, sibling);
            return 0;
        }
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

/*
 * A stopped CPU has no stop left to take: the kernel's kvm_s390_vcpu_stop
 * clears it, so a stop that user space completed by other means (a CPU
 * in disabled wait) does not stop the CPU again once it is restarted.
 */
static void clear_stop_irq(UvsimVcpu *v)
{
    g_mutex_lock(&v->irq_lock);
    v->stop_pending = false;
    v->stop_flags = 0;
    g_mutex_unlock(&v->irq_lock);
}

/* Every reset clears the interruptions pending for the CPU (PoP 4-51). */
static void reset_local_irqs(UvsimVcpu *v)
{
    clear_stop_irq(v);
    g_mutex_lock(&v->irq_lock);
    v->pgm_injected = false;
    g_mutex_unlock(&v->irq_lock);
    if (v->cpu) {
        uvcpu_reset_interrupts(v->cpu);
        /* The machine reloads images on reset: decode everything anew. */
        uvcpu_flush_code(v->cpu);
    }
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
        v->workload_sigp_next = 0;
    }
    if (kind != KVM_S390_NORMAL_RESET) {
        /* The IPL starts over; a normal reset (subcode 10's) keeps stage3a's place. */
        v->stage3a = UVSIM_STAGE3A_IDLE;
        v->pgm_pending = 0;
        v->pfault_token = UVSIM_PFAULT_TOKEN_INVALID;
    }
    reset_local_irqs(v);
    v->regs_changed = true;
    sync_regs_out(v);
}

/* A program interruption for a played stage3a, or for the interpreter. */
static void inject_program(UvsimVcpu *v, const struct kvm_s390_pgm_info *pgm)
{
    g_mutex_lock(&v->irq_lock);
    if (v->secure || v->stage3a != UVSIM_STAGE3A_IDLE) {
        /* No program-check handler runs there: the played code stops on it. */
        v->pgm_pending = pgm->code;
    } else {
        v->pgm_injected = true;
        v->pgm_info = *pgm;
    }
    g_mutex_unlock(&v->irq_lock);
}

static int inject_stop(UvsimVcpu *v, uint32_t flags)
{
    if (flags & ~KVM_S390_STOP_FLAG_STORE_STATUS) {
        return -EINVAL;
    }
    g_mutex_lock(&v->irq_lock);
    v->stop_pending = true;
    v->stop_flags |= flags;
    g_mutex_unlock(&v->irq_lock);
    uvsim_vcpu_wake(v);
    return 0;
}

void uvsim_vcpu_set_mchk(UvsimVcpu *v, const struct kvm_s390_mchk_info *mchk,
                         bool floating)
{
    UvCpuMchk m = {
        .cr14 = mchk->cr14,
        .mcic = mchk->mcic,
        .failing_storage_address = mchk->failing_storage_address,
        .ext_damage_code = mchk->ext_damage_code,
    };

    memcpy(m.fixed_logout, mchk->fixed_logout, sizeof(m.fixed_logout));
    uvcpu_set_mchk_pending(v->cpu, &m, floating);
}

/*
 * KVM_S390_IRQ, an asynchronous vCPU ioctl as in the kernel: it may come
 * from any thread while the vCPU runs.  The CPU-local interruptions of
 * kvm-s390-intercepts.md section 6 that user space injects.
 */
int uvsim_vcpu_inject_irq(UvsimVcpu *v, const struct kvm_s390_irq *irq)
{
    bool ok = true;

    if (irq->type == KVM_S390_PROGRAM_INT) {
        inject_program(v, &irq->u.pgm);
        return 0;
    }
    if (v->secure || !v->cpu) {
        return -EINVAL;     /* the secure workload takes no other interruption */
    }
    switch (irq->type) {
    case KVM_S390_SIGP_STOP:
        return inject_stop(v, irq->u.stop.flags);
    case KVM_S390_RESTART:
        uvcpu_set_restart_pending(v->cpu);
        break;
    case KVM_S390_INT_EMERGENCY:
        ok = uvcpu_set_ext_pending(v->cpu, UVCPU_EXT_EMERGENCY, 0,
                                   irq->u.emerg.code);
        break;
    case KVM_S390_INT_EXTERNAL_CALL:
        if (!uvcpu_set_ext_pending(v->cpu, UVCPU_EXT_EXTERNAL_CALL, 0,
                                   irq->u.extcall.code)) {
            return -EBUSY;
        }
        break;
    case KVM_S390_INT_CLOCK_COMP:
    case KVM_S390_INT_CPU_TIMER:
        /* The CPU raises these itself from its clock comparator and timer. */
        break;
    case KVM_S390_MCHK:
        uvsim_vcpu_set_mchk(v, &irq->u.mchk, false);
        break;
    default:
        return -EINVAL;
    }
    if (!ok) {
        return -EINVAL;
    }
    uvsim_vcpu_wake(v);
    return 0;
}

/*
 * The nullifying access exceptions after which the kernel's
 * __deliver_prog rewinds the PSW to the instruction (translation and
 * ASCE-type exceptions; the ASN- and ALET-translation ones do not exist
 * for uvsim's CPU).
 */
static bool pgm_nullifies(uint16_t code)
{
    code &= 0x7f;           /* without the PER bit */
    return code == UVCPU_PGM_SEGMENT_TRANS || code == UVCPU_PGM_PAGE_TRANS ||
           (code >= UVCPU_PGM_ASCE_TYPE && code <= UVCPU_PGM_REG_THIRD);
}

void uvsim_vcpu_take_injected(UvsimVcpu *v)
{
    struct kvm_s390_pgm_info pgm;
    bool pending;

    g_mutex_lock(&v->irq_lock);
    pending = v->pgm_injected;
    pgm = v->pgm_info;
    v->pgm_injected = false;
    g_mutex_unlock(&v->irq_lock);
    if (pending) {
        /* The kernel's __deliver_prog: the ILC of the intercepted instruction. */
        uint8_t ilc = (pgm.flags & KVM_S390_PGM_FLAGS_ILC_VALID) ?
                      pgm.flags & KVM_S390_PGM_FLAGS_ILC_MASK : v->last_ilc;

        if (pgm_nullifies(pgm.code) &&
            !(pgm.flags & KVM_S390_PGM_FLAGS_NO_REWIND)) {
            /* __deliver_prog rewinds: the guest retries the instruction. */
            S390Regs *r = uvcpu_regs(v->cpu);
            uint64_t amask = (r->psw_mask & UVCPU_PSW_MASK_EA) ? UINT64_MAX :
                             (r->psw_mask & UVCPU_PSW_MASK_BA) ? 0x7fffffffULL :
                             0xffffffULL;

            r->psw_addr = (r->psw_addr - ilc) & amask;
        }
        uvcpu_inject_access_exception(v->cpu, pgm.code, ilc,
                                      pgm.trans_exc_code, pgm.exc_access_id);
    }
}

void uvsim_store_status(UvsimVcpu *v, const S390Regs *r, uint64_t addr)
{
    uint8_t area[S390_STORE_STATUS_SIZE];
    UvsimVM *vm = v->vm;
    uint64_t abs = addr;

    if (addr == UVSIM_STORE_STATUS_NOADDR) {
        if (S390_STORE_STATUS_ARCH_BYTE < vm->mem_size) {
            vm->mem_host[S390_STORE_STATUS_ARCH_BYTE] = 1;
        }
        abs = S390_STORE_STATUS_ABS;
    }
    if (abs > vm->mem_size || vm->mem_size - abs < sizeof(area)) {
        return;
    }
    s390_regs_store_status(r, area);
    memcpy(vm->mem_host + abs, area, sizeof(area));
}

static int get_one_reg(UvsimVcpu *v, const struct kvm_one_reg *reg, bool set)
{
    uint64_t *u64 = NULL;
    uint32_t *u32 = NULL;
    void *user = (void *)(uintptr_t)reg->addr;
    void *kernel;
    size_t len;

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
    len = u64 ? 8 : 4;
    kernel = u64 ? (void *)u64 : (void *)u32;
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
        if (st == KVM_MP_STATE_STOPPED) {
            /* After the state: a SENSE never sees neither stop nor stopped. */
            clear_stop_irq(v);
        }
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
    case KVM_S390_MEM_OP:
        return arg ? uvsim_vcpu_mem_op(v, arg) : -EFAULT;
    default:
        if (!arg && request != KVM_RUN) {
            return -EFAULT;
        }
        return regs_ioctl(v, request, arg);
    }
}
