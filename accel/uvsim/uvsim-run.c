/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-run.c - KVM_RUN of a non-secure vCPU: the interpreter plays SIE.
 *
 * The kernel's run loop (kvm-s390.c __vcpu_run) enters SIE, lets the
 * hardware execute guest code until an intercept, handles what it can
 * itself and returns to user space for the rest.  Here the interpreter in
 * cpu/ is the hardware: uvsim delivers the interruptions that are pending
 * for the CPU, runs a slice of instructions, and decides for each exit
 * what the kernel would (uvsim-intercept.c): complete it and go on, or
 * fill the run area and return 0.  Between slices it looks for a kick
 * (immediate_exit), a stop interruption, a dump in progress and the
 * floating interruptions, so that KVM_RUN ends within a slice's time.
 *
 * The interpreter keeps the architected state while it runs; the vCPU's
 * S390Regs copy (what the register ioctls and the run area show) is
 * taken on entry and given back on every return, as the kernel's
 * sync_regs/store_regs do around SIE.
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"
#include "cpu/cpu.h"

/*
 * Instructions per slice: about 0.1-0.3 ms of guest time, which bounds
 * how long a kick, a stop or a floating interruption waits.
 */
#define UVSIM_SLICE_INSNS 100000

/* Longest sleep of a waiting CPU before it looks at its flags again. */
#define UVSIM_WAIT_MAX_NS (100 * 1000 * 1000LL)

static uint8_t *translate_absolute(void *opaque, uint64_t addr,
                                   UvCpuAccess access, uint16_t *pgm_code)
{
    UvsimVM *vm = opaque;

    if (addr >= vm->mem_size) {
        *pgm_code = UVCPU_PGM_ADDRESSING;
        return NULL;
    }
    return vm->mem_host + (addr & UVCPU_PAGE_MASK);
}

static const UvCpuMemOps uvsim_mem_ops = {
    .translate = translate_absolute,
};

/*
 * Facilities that uvsim's kernel model provides rather than the CPU:
 * 9, the sense-running status of SIGP (uvsim-sigp.c); 74, STHYI
 * (uvsim-sthyi.c).
 */
static const unsigned hypervisor_facilities[] = { 9, 74 };

/*
 * The model the machine configured (KVM_S390_VM_CPU_PROCESSOR) narrows
 * the CPU: STFLE shows what both the model asks for and uvsim implements.
 */
static void apply_cpu_model(UvsimVcpu *v)
{
    for (unsigned bit = 0; bit < 256; bit++) {
        if (uvcpu_has_facility(v->cpu, bit) && !uvsim_has_facility(v->vm, bit)) {
            uvcpu_set_facility(v->cpu, bit, false);
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(hypervisor_facilities); i++) {
        unsigned bit = hypervisor_facilities[i];

        uvcpu_set_facility(v->cpu, bit, uvsim_has_facility(v->vm, bit));
    }
    /*
     * Guarded storage: the CPU implements it, but it is off until the
     * kernel lets the VM use it (KVM_CAP_S390_GS and the model's bit), as
     * the SIE runs a guest without it until KVM turns on ECB_GS.
     */
    uvcpu_set_facility(v->cpu, UVSIM_FAC_GS,
                       uvsim_has_facility(v->vm, UVSIM_FAC_GS));
}

void uvsim_run_init(UvsimVcpu *v)
{
    v->cpu = uvcpu_new(&uvsim_mem_ops, v->vm);
    uvcpu_attach_sys(v->cpu, v->vm->cpu_sys);
    uvcpu_set_cpu_addr(v->cpu, v->id);
    /* As QEMU's TCG: the CPU address in bits 6-9 of the CPU identification. */
    uvcpu_set_cpuid(v->cpu, UVSIM_CPUID | ((uint64_t)(v->id & 0xf) << 54));
    uvcpu_set_delivery(v->cpu, true);
    apply_cpu_model(v);
}

void uvsim_run_destroy(UvsimVcpu *v)
{
    uvcpu_free(v->cpu);
    v->cpu = NULL;
}

bool uvsim_kick_requested(UvsimVcpu *v)
{
    return __atomic_load_n(&v->run->immediate_exit, __ATOMIC_SEQ_CST);
}

void uvsim_vcpu_wake(UvsimVcpu *v)
{
    if (v->cpu) {
        uvcpu_exit_request(v->cpu);   /* the run loop looks for new work */
    }
    g_mutex_lock(&v->kick_lock);
    v->wake_seq++;
    g_cond_broadcast(&v->kick_cond);
    g_mutex_unlock(&v->kick_lock);
}

/*
 * Sleeps until woken (an interruption for this CPU, a kick) or @ns pass
 * (-1: no time limit).  @seq is wake_seq as read before the caller
 * looked for work, so that a wake-up in between is not lost.
 */
static void wait_for_wake(UvsimVcpu *v, uint64_t seq, int64_t ns)
{
    gint64 deadline;

    if (ns < 0 || ns > UVSIM_WAIT_MAX_NS) {
        ns = UVSIM_WAIT_MAX_NS;
    }
    deadline = g_get_monotonic_time() + ns / 1000 + 1;
    g_mutex_lock(&v->kick_lock);
    while (v->wake_seq == seq && !uvsim_kick_requested(v) &&
           g_cond_wait_until(&v->kick_cond, &v->kick_lock, deadline)) {
        /* spurious wake-up: look again */
    }
    g_mutex_unlock(&v->kick_lock);
}

static uint64_t wake_seq(UvsimVcpu *v)
{
    uint64_t seq;

    g_mutex_lock(&v->kick_lock);
    seq = v->wake_seq;
    g_mutex_unlock(&v->kick_lock);
    return seq;
}

/*
 * Whether the CPU, as its PSW and control registers stand, takes the
 * floating interruption: a service signal (CR0 subclass), a machine check
 * (PSW bit 13 and a CR14 bit of its mask).
 */
static bool takes_floating(const struct kvm_s390_irq *irq, void *opaque)
{
    UvCpu *cpu = opaque;
    const S390Regs *r = uvcpu_regs(cpu);

    switch (irq->type) {
    case KVM_S390_INT_SERVICE:
        return (r->psw_mask & UVCPU_PSW_MASK_EXT) && (r->cregs[0] & 0x200);
    case KVM_S390_MCHK:
        return uvcpu_mchk_enabled(cpu, irq->u.mchk.cr14);
    default:
        return false;
    }
}

/*
 * Moves the floating interruptions the CPU can take now into it, as the
 * kernel's deliver_pending_interrupts does before entering SIE; the CPU
 * then delivers them in priority order (machine check first).
 */
static void take_floating(UvsimVcpu *v)
{
    struct kvm_s390_irq irq;

    while (uvsim_irq_dequeue_floating(&v->vm->float_irqs, takes_floating,
                                      v->cpu, &irq)) {
        if (irq.type == KVM_S390_MCHK) {
            uvsim_vcpu_set_mchk(v, &irq.u.mchk, true);
        } else {
            uvcpu_set_ext_pending(v->cpu, UVCPU_EXT_SERVICE,
                                  irq.u.ext.ext_params, 0);
        }
    }
}

/*
 * A stop interruption (SIGP STOP from user space, KVM_S390_SIGP_STOP):
 * the kernel stores the status if asked and hands the stop to user space
 * as intercept 0x28, which stops the CPU (kvm-s390-intercepts.md sec. 3).
 * The stop stays pending until user space has stopped the CPU
 * (KVM_SET_MP_STATE, the kernel's kvm_s390_vcpu_stop): until then the
 * fast SIGP orders find the target busy (uvsim-sigp.c), so that a SENSE
 * right after an accepted STOP never reports the CPU as still operating.
 */
static bool take_stop(UvsimVcpu *v)
{
    uint32_t flags;

    if (!__atomic_load_n(&v->stop_pending, __ATOMIC_ACQUIRE)) {
        return false;
    }
    g_mutex_lock(&v->irq_lock);
    flags = v->stop_flags;
    g_mutex_unlock(&v->irq_lock);
    if (flags & KVM_S390_STOP_FLAG_STORE_STATUS) {
        uvsim_store_status(v, uvcpu_regs(v->cpu), UVSIM_STORE_STATUS_NOADDR);
    }
    uvsim_exit_sieic(v, UVSIM_ICPT_STOP, 0, 0);
    return true;
}

/* Whether the CPU may execute now; false while stopped or held by a dump. */
static bool may_execute(UvsimVcpu *v)
{
    return __atomic_load_n(&v->mp_state, __ATOMIC_ACQUIRE) == KVM_MP_STATE_OPERATING &&
           v->vm->mem_host && !uv_dump_sie_blocked(v->vm);
}

typedef enum RunStep {
    RUN_CONTINUE,       /* go on executing */
    RUN_TO_USER,        /* the run area holds an exit for user space */
    RUN_SLEEP,          /* nothing to execute: wait for a wake-up */
} RunStep;

/* Handles one exit of the interpreter as the kernel's intercept handlers. */
static RunStep handle_cpu_exit(UvsimVcpu *v, const UvCpuExit *e, int64_t *sleep_ns)
{
    switch (e->reason) {
    case UVCPU_EXIT_BUDGET:
        return RUN_CONTINUE;
    case UVCPU_EXIT_INTERCEPT:
        return uvsim_handle_instruction(v, e) ? RUN_CONTINUE : RUN_TO_USER;
    case UVCPU_EXIT_WAIT:
        /* Enabled wait: the kernel blocks the vCPU until something is pending. */
        *sleep_ns = uvcpu_timer_wait_ns(v->cpu);
        return *sleep_ns == 0 ? RUN_CONTINUE : RUN_SLEEP;
    case UVCPU_EXIT_DISABLED_WAIT:
        uvsim_exit_sieic(v, UVSIM_ICPT_WAIT, 0, 0);
        return RUN_TO_USER;
    case UVCPU_EXIT_PROGRAM:
        /*
         * An interruption that cannot be delivered (invalid new PSW, no
         * lowcore): the kernel hands such a loop to user space.
         */
        uvsim_exit_sieic(v, UVSIM_ICPT_PROGI, 0, 0);
        return RUN_TO_USER;
    default:
        uvsim_exit_sieic(v, UVSIM_ICPT_PROGI, 0, 0);
        return RUN_TO_USER;
    }
}

/*
 * The body of KVM_RUN for a non-secure vCPU.  Returns 0 with an exit in
 * the run area, or -EINTR (KVM_EXIT_INTR) after a kick.
 */
int uvsim_run_interpreter(UvsimVcpu *v)
{
    S390Regs *r = uvcpu_regs(v->cpu);
    int64_t sleep_ns;
    uint64_t seq;
    RunStep step;
    UvCpuExit e;
    int ret = -EINTR;

    *r = v->arch;
    uvsim_vcpu_take_injected(v);
    for (;;) {
        seq = wake_seq(v);
        if (uvsim_kick_requested(v)) {
            break;
        }
        sleep_ns = -1;
        if (!may_execute(v)) {
            step = RUN_SLEEP;
        } else if (take_stop(v)) {
            step = RUN_TO_USER;
        } else {
            take_floating(v);
            __atomic_store_n(&v->in_sie, true, __ATOMIC_RELEASE);
            e = uvcpu_run(v->cpu, UVSIM_SLICE_INSNS);
            __atomic_store_n(&v->in_sie, false, __ATOMIC_RELEASE);
            step = handle_cpu_exit(v, &e, &sleep_ns);
        }
        if (step == RUN_TO_USER) {
            ret = 0;
            break;
        }
        if (step == RUN_SLEEP) {
            wait_for_wake(v, seq, sleep_ns);
        }
        uvsim_vcpu_take_injected(v);
    }
    v->arch = *r;
    return ret;
}
