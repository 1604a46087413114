/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kvm.c - s390x architecture hooks of the accelerator layer.
 *
 * Registers travel through the run area's sync regs (every s390x kernel
 * pvdump supports has them), exactly as QEMU's target/s390x/kvm/kvm.c does;
 * the same code therefore drives /dev/kvm and uvsim.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/kvm.h"
#include "target/s390x/cpu.h"
#include "hw/s390x/diag308.h"
#include "hw/s390x/diag318.h"
#include "hw/s390x/ipl-reset.h"
#include "hw/s390x/stsi.h"
#include "hw/watchdog/wdt_diag288.h"
#include "hw/s390x/sclp.h"
#include "target/s390x/kvm/kvm_s390x.h"
#include "target/s390x/sigp.h"
#include "sysemu/runstate.h"

/* The sync-reg groups pvdump needs the kernel to keep in the run area. */
#define S390_REQUIRED_SYNC_REGS (KVM_SYNC_PREFIX | KVM_SYNC_GPRS | \
                                 KVM_SYNC_ACRS | KVM_SYNC_CRS | KVM_SYNC_ARCH0)

static void kvm_enable_cap_if(KVMState *s, unsigned cap)
{
    if (kvm_check_extension(s, cap)) {
        struct kvm_enable_cap ec = { .cap = cap };
        kvm_vm_ioctl(s, KVM_ENABLE_CAP, &ec);
    }
}

/*
 * The guest's facilities follow the CPU model: as QEMU does, tell the
 * accelerator before any vCPU exists.  The processor's other attributes
 * (cpuid, ibc) stay the accelerator's; the facility list becomes the
 * model's STFLE bits.
 */
static void kvm_s390_apply_cpu_model(KVMState *s)
{
    struct kvm_s390_vm_cpu_processor proc;
    struct kvm_device_attr attr = {
        .group = KVM_S390_VM_CPU_MODEL,
        .attr = KVM_S390_VM_CPU_PROCESSOR,
        .addr = (uintptr_t)&proc,
    };
    uint8_t *fac = (uint8_t *)proc.fac_list;   /* STFLE order */

    if (!s390_cpu_model.name ||
        kvm_vm_ioctl(s, KVM_HAS_DEVICE_ATTR, &attr) < 0 ||
        kvm_vm_ioctl(s, KVM_GET_DEVICE_ATTR, &attr) < 0) {
        return;
    }
    memset(proc.fac_list, 0, sizeof(proc.fac_list));
    memcpy(fac, s390_cpu_model.stfle, sizeof(s390_cpu_model.stfle));
    if (kvm_vm_ioctl(s, KVM_SET_DEVICE_ATTR, &attr) < 0) {
        warn_report("KVM refused the CPU model's facility list");
    }
}

static bool cmma_active;

/*
 * As QEMU's kvm_s390_enable_cmma: a model with CMM ("cmm") has the
 * kernel keep the guest's page states (ESSA) before any vCPU exists.
 */
static void kvm_s390_enable_cmma(KVMState *s)
{
    struct kvm_device_attr attr = {
        .group = KVM_S390_VM_MEM_CTRL,
        .attr = KVM_S390_VM_MEM_ENABLE_CMMA,
    };

    if (!s390_cpu_model.name || !s390_has_feat(&s390_cpu_model, S390_FEAT_CMM)) {
        return;
    }
    cmma_active = kvm_vm_ioctl(s, KVM_SET_DEVICE_ATTR, &attr) == 0;
    if (!cmma_active) {
        warn_report("KVM could not enable CMMA: the guest gets no ESSA");
    }
}

void kvm_s390_cmma_reset(void)
{
    struct kvm_device_attr attr = {
        .group = KVM_S390_VM_MEM_CTRL,
        .attr = KVM_S390_VM_MEM_CLR_CMMA,
    };

    if (cmma_active && kvm_vm_ioctl(kvm_state, KVM_SET_DEVICE_ATTR, &attr) < 0) {
        warn_report("KVM could not reset the CMMA page states");
    }
}

static bool cap_protected, cap_protected_dump, cap_mem_op;
static bool mem_op_storage_key_support;

bool kvm_s390_get_protected(void)
{
    return cap_protected;
}

bool kvm_s390_get_protected_dump(void)
{
    return cap_protected_dump;
}

bool kvm_s390_has_mem_op(void)
{
    return cap_mem_op;
}

/* The PSW key: bits 8-11 of the mask. */
#define PSW_MASK_KEY  0x00f0000000000000ULL
#define PSW_SHIFT_KEY 52

int kvm_s390_mem_op(CPUState *cs, uint64_t addr, uint8_t ar, void *hostbuf,
                    uint32_t len, bool is_write)
{
    const CPUS390XState *env = &S390_CPU(cs)->env;
    struct kvm_s390_mem_op mem_op = {
        .gaddr = addr,
        .flags = KVM_S390_MEMOP_F_INJECT_EXCEPTION,
        .size = len,
        .op = is_write ? KVM_S390_MEMOP_LOGICAL_WRITE
                       : KVM_S390_MEMOP_LOGICAL_READ,
        .buf = (uintptr_t)hostbuf,
        .ar = ar,
        .key = (env->psw_mask & PSW_MASK_KEY) >> PSW_SHIFT_KEY,
    };
    int ret;

    if (!cap_mem_op) {
        return -ENOSYS;
    }
    if (!hostbuf) {
        mem_op.flags |= KVM_S390_MEMOP_F_CHECK_ONLY;
    }
    if (mem_op_storage_key_support) {
        mem_op.flags |= KVM_S390_MEMOP_F_SKEY_PROTECTION;
    }
    ret = kvm_vcpu_ioctl(cs, KVM_S390_MEM_OP, &mem_op);
    return ret;
}

bool kvm_arch_init(KVMState *s, GError **errp)
{
    if (!kvm_check_extension(s, KVM_CAP_SYNC_REGS)) {
        error_setg(errp, "KVM lacks KVM_CAP_SYNC_REGS, which pvdump requires");
        return false;
    }
    /* As QEMU: SIGP and STSI in user space, vector and guarded-storage state. */
    kvm_enable_cap_if(s, KVM_CAP_S390_USER_SIGP);
    kvm_enable_cap_if(s, KVM_CAP_S390_USER_STSI);   /* STSI 3.2.2 names */
    kvm_enable_cap_if(s, KVM_CAP_S390_VECTOR_REGISTERS);
    kvm_enable_cap_if(s, KVM_CAP_S390_GS);
    cap_protected = kvm_check_extension(s, KVM_CAP_S390_PROTECTED) > 0;
    cap_protected_dump = kvm_check_extension(s, KVM_CAP_S390_PROTECTED_DUMP) > 0;
    cap_mem_op = kvm_check_extension(s, KVM_CAP_S390_MEM_OP) > 0;
    mem_op_storage_key_support =
        kvm_check_extension(s, KVM_CAP_S390_MEM_OP_EXTENSION) > 0;
    kvm_s390_apply_cpu_model(s);
    kvm_s390_enable_cmma(s);
    return true;
}

bool kvm_arch_init_vcpu(CPUState *cpu, GError **errp)
{
    if ((cpu->kvm_run->kvm_valid_regs & S390_REQUIRED_SYNC_REGS) !=
        S390_REQUIRED_SYNC_REGS) {
        error_setg(errp, "KVM does not provide the s390x sync registers");
        return false;
    }
    return true;
}

/* Sync-reg groups used only when the kernel keeps them valid. */
#define S390_OPTIONAL_SYNC_REGS (KVM_SYNC_VRS | KVM_SYNC_FPRS | KVM_SYNC_GSCB)

int kvm_arch_get_registers(CPUState *cs)
{
    const struct kvm_run *run = cs->kvm_run;

    /* The CPU state is the machine's (s390_cpu_set_state), not read back. */
    s390_regs_from_kvm_run(&S390_CPU(cs)->env, run,
                           S390_REQUIRED_SYNC_REGS | run->kvm_valid_regs);
    return 0;
}

int kvm_arch_put_registers(CPUState *cs)
{
    struct kvm_run *run = cs->kvm_run;
    uint64_t groups = S390_REQUIRED_SYNC_REGS |
                      (run->kvm_valid_regs & S390_OPTIONAL_SYNC_REGS);

    run->kvm_dirty_regs |= s390_regs_to_kvm_run(run, &S390_CPU(cs)->env, groups);
    return 0;
}

/* SIE intercept codes (QEMU's kvm.c names). */
#define ICPT_INSTRUCTION 0x04
#define ICPT_PROGRAM     0x08
#define ICPT_WAITPSW     0x1c
#define ICPT_CPU_STOP    0x28
#define ICPT_PV_INSTR    0x68

#define IPA0_DIAG        0x8300
#define IPA0_SIGP        0xae00
#define IPA_SERVC        0xb220
#define DIAG_WATCHDOG    0x288
#define DIAG_IPL         0x308
#define DIAG_SET_CONTROL_PROGRAM_CODES 0x318

/* kvm_cpu_exec() leaves the run loop: the CPU halted or stopped. */
#define EXCP_HALTED      1

static void kvm_s390_program_interrupt(CPUState *cs, uint16_t code)
{
    struct kvm_s390_irq irq = {
        .type = KVM_S390_PROGRAM_INT,
        .u.pgm.code = code,
    };
    int r = kvm_vcpu_ioctl(cs, KVM_S390_IRQ, &irq);
    if (r < 0) {
        warn_report("vCPU %d: cannot inject program interruption 0x%x: %s",
                    cs->cpu_index, code, g_strerror(-r));
    }
}

/* The condition code lives in PSW bits 18-19. */
static void kvm_s390_set_cc(CPUState *cs, unsigned cc)
{
    CPUS390XState *env = &S390_CPU(cs)->env;

    env->psw_mask = (env->psw_mask & ~(3ULL << 44)) | ((uint64_t)cc << 44);
    cs->vcpu_dirty = true;
}

/* The second operand of an RS/S instruction: (B2) + D2 (QEMU's decode_basedisp_rs). */
static uint64_t kvm_s390_base_disp(CPUState *cs, uint32_t ipb)
{
    const CPUS390XState *env = &S390_CPU(cs)->env;
    unsigned base = ipb >> 28;
    uint64_t disp = (ipb >> 16) & 0xfff;

    return disp + (base ? env->regs[base] : 0);
}

/*
 * DIAGNOSE codes the kernel hands up (QEMU's handle_diag): 288
 * (watchdog), 308 (IPL functions), 318 (control-program codes); every
 * other code, DIAG 0x500 without virtio devices included, is a
 * specification exception.
 */
static void kvm_handle_diag(CPUState *cs, uint16_t ipa, uint32_t ipb)
{
    int pgm;

    switch (kvm_s390_base_disp(cs, ipb) & 0xffff) {
    case DIAG_WATCHDOG:
        pgm = handle_diag_288(cs, (ipa & 0xf0) >> 4, ipa & 0x0f);
        break;
    case DIAG_IPL:
        pgm = handle_diag_308(cs, (ipa & 0xf0) >> 4, ipa & 0x0f);
        break;
    case DIAG_SET_CONTROL_PROGRAM_CODES:
        pgm = handle_diag_318(cs, (ipa & 0xf0) >> 4);
        break;
    default:
        pgm = PGM_SPECIFICATION;
        break;
    }
    cs->vcpu_dirty = true;      /* R1+1 carries the response code */
    if (pgm) {
        kvm_s390_program_interrupt(cs, pgm);
    }
}

void kvm_s390_service_interrupt(uint32_t parm)
{
    struct kvm_s390_interrupt irq = {
        .type = KVM_S390_INT_SERVICE,
        .parm = parm,
    };
    int r = kvm_vm_ioctl(kvm_state, KVM_S390_INTERRUPT, &irq);

    if (r < 0) {
        warn_report("cannot inject the service signal 0x%x: %s", parm,
                    g_strerror(-r));
    }
}

/*
 * SERVC (RRE): R1 names the register with the command word, R2 the one
 * with the SCCB address (QEMU's kvm_sclp_service_call).  A protected
 * guest's SCCB travels in the SIDA, which pvdump does not handle yet.
 */
static void kvm_handle_servc(CPUState *cs, uint32_t ipb)
{
    const CPUS390XState *env = &S390_CPU(cs)->env;
    uint32_t ipbh0 = ipb >> 16;
    uint64_t sccb = env->regs[ipbh0 & 0xf];
    uint32_t code = env->regs[(ipbh0 >> 4) & 0xf];
    int r = sclp_service_call(cs, sccb, code);

    if (r < 0) {
        kvm_s390_program_interrupt(cs, -r);
    } else {
        kvm_s390_set_cc(cs, r);
    }
}

/* SIGP orders the kernel left to user space (QEMU's kvm_s390_handle_sigp). */
static void kvm_handle_sigp(CPUState *cs, uint16_t ipa, uint32_t ipb)
{
    uint8_t order = kvm_s390_base_disp(cs, ipb) & 0xff;
    int cc = handle_sigp(S390_CPU(cs), order, (ipa >> 4) & 0xf, ipa & 0xf);

    cs->vcpu_dirty = true;          /* R1 may hold a status */
    kvm_s390_set_cc(cs, cc);
}

static void kvm_handle_instruction(CPUState *cs, const struct kvm_run *run)
{
    uint16_t ipa = run->s390_sieic.ipa;
    uint32_t ipb = run->s390_sieic.ipb;

    if ((ipa & 0xff00) == IPA0_DIAG) {
        kvm_handle_diag(cs, ipa, ipb);
    } else if ((ipa & 0xff00) == IPA0_SIGP) {
        kvm_handle_sigp(cs, ipa, ipb);
    } else if (ipa == IPA_SERVC) {
        kvm_handle_servc(cs, ipb);
    } else {
        /* No channel subsystem and no zPCI: QEMU's answer to the unknown. */
        kvm_s390_program_interrupt(cs, PGM_OPERATION);
    }
}

/*
 * The CPU can no longer go on by itself: a disabled wait, or an
 * interruption loop the kernel hands up.  As QEMU: the CPU halts; once
 * no CPU is left running, a wait at address 0xfff is a shutdown and
 * anything else a guest panic (GUEST_PANICKED, run state guest-panicked
 * or a shutdown, per -no-shutdown).
 */
static void kvm_s390_cpu_halt(CPUState *cs, S390CrashReason reason)
{
    S390CPU *cpu = S390_CPU(cs);

    cs->halted = true;
    cpu->crash_reason = reason;
    if (s390_count_running_cpus() > 0) {
        return;
    }
    if (reason == S390_CRASH_REASON_DISABLED_WAIT && cpu->env.psw_addr == 0xfff) {
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        return;
    }
    s390_cpu_guest_panicked(cpu);
}

static int kvm_handle_intercept(CPUState *cs, const struct kvm_run *run)
{
    uint8_t icpt = run->s390_sieic.icptcode;

    switch (icpt) {
    case ICPT_INSTRUCTION:
    case ICPT_PV_INSTR:
        kvm_handle_instruction(cs, run);
        return 0;
    case ICPT_CPU_STOP:
        s390_do_stop_interrupt(S390_CPU(cs));
        return EXCP_HALTED;
    case ICPT_WAITPSW:
        kvm_s390_cpu_halt(cs, S390_CRASH_REASON_DISABLED_WAIT);
        return EXCP_HALTED;
    case ICPT_PROGRAM:
        kvm_s390_cpu_halt(cs, S390_CRASH_REASON_PGMINT_LOOP);
        return EXCP_HALTED;
    default:
        warn_report("vCPU %d: unhandled SIE intercept code 0x%x ipa 0x%04x "
                    "ipb 0x%08x", cs->cpu_index, icpt, run->s390_sieic.ipa,
                    run->s390_sieic.ipb);
        return -ENOTSUP;
    }
}

int kvm_arch_handle_exit(CPUState *cs, struct kvm_run *run)
{
    switch (run->exit_reason) {
    case KVM_EXIT_INTR:
        return 1;
    case KVM_EXIT_S390_SIEIC:
        return kvm_handle_intercept(cs, run);
    case KVM_EXIT_S390_STSI:
        s390_handle_stsi(cs, run);
        return 0;
    case KVM_EXIT_S390_RESET:
        /* DIAG 308 subcodes 3/4: a re-IPL (QEMU ignores the flags). */
        s390_ipl_reipl_request(cs);
        return EXCP_HALTED;
    default:
        warn_report("vCPU %d: unhandled KVM exit reason %u", cs->cpu_index,
                    run->exit_reason);
        return -ENOTSUP;
    }
}
