/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-internal.h - state of the in-process s390x KVM + Ultravisor model.
 *
 * uvsim plays the kernel's part of the KVM contract: it hands out handles
 * instead of fds, keeps each simulated CPU's architected state, and runs a
 * deterministic guest workload on KVM_RUN.  Rules that the real kernel
 * enforces (vcpu->mutex around vCPU ioctls, kvm->lock around VM ioctls,
 * errno values) are enforced here the same way.
 */
#ifndef ACCEL_UVSIM_INTERNAL_H
#define ACCEL_UVSIM_INTERNAL_H

#include "qemu/osdep.h"
#include "sysemu/kvm.h"
#include "util/s390x-regs.h"
#include "uv-internal.h"

/* Handle ranges: distinct from each other and from small real fds. */
#define UVSIM_DEV_HANDLE   0x10000
#define UVSIM_VM_HANDLE    0x10001
#define UVSIM_VCPU_HANDLE0 0x20000
#define UVSIM_MAX_VCPUS    248     /* KVM_S390_ESCA_CPU_SLOTS */

/* How long a simulated vCPU "executes" between looking for a kick. */
#define UVSIM_STEP_INTERVAL_US 1000

typedef struct UvsimVM UvsimVM;
typedef struct UvCpu UvCpu;
typedef struct UvCpuExit UvCpuExit;

/* SIE intercept codes uvsim produces (kvm-s390-intercepts.md section 3). */
#define UVSIM_ICPT_INST  0x04   /* instruction */
#define UVSIM_ICPT_PROGI 0x08   /* program interruption (an undeliverable one) */
#define UVSIM_ICPT_WAIT  0x1c   /* disabled wait */
#define UVSIM_ICPT_STOP  0x28   /* stop request */
#define UVSIM_ICPT_PV_INSTR 0x68

/* The CPU identification STIDP stores (a z15 type, version 0: QEMU's TCG style). */
#define UVSIM_CPUID 0x0000000085610000ULL

/* No pfault handshake (the kernel's KVM_S390_PFAULT_TOKEN_INVALID). */
#define UVSIM_PFAULT_TOKEN_INVALID 0xffffffffffffffffULL

/* uvsim_store_status() at the architected place (absolute 0x1200). */
#define UVSIM_STORE_STATUS_NOADDR UINT64_MAX

/*
 * The VM's floating interrupts (uvsim-irq.c), as the kernel's
 * kvm->arch.float_int: a merged service signal and a FIFO of the others.
 */
typedef struct UvsimFloatIrqs {
    GMutex lock;               /* taken alone: never with vm->lock inside */
    bool service_pending;
    uint32_t service_params;   /* SCCB address | event-pending bits */
    GQueue queue;              /* struct kvm_s390_irq *: I/O, virtio, mchk, pfault */
} UvsimFloatIrqs;

/* Says whether the CPU can take @irq now (its masks); NULL takes any. */
typedef bool (*UvsimIrqFilter)(const struct kvm_s390_irq *irq, void *opaque);

/* Where a played stage3a stands (stage3a-play.c). */
typedef enum UvsimStage3aStep {
    UVSIM_STAGE3A_IDLE,
    UVSIM_STAGE3A_SET_ISSUED,      /* DIAG 308 subcode 8 went to user space */
    UVSIM_STAGE3A_START_ISSUED,    /* DIAG 308 subcode 10 went to user space */
} UvsimStage3aStep;

typedef struct UvsimVcpu {
    int id;
    UvsimVM *vm;
    GMutex lock;               /* the kernel's vcpu->mutex */
    GMutex kick_lock;          /* protects the wait in KVM_RUN */
    GCond kick_cond;
    struct kvm_run *run;       /* the "mmapped" run area */
    size_t run_size;
    S390Regs arch;             /* the simulated CPU's architected state */
    uint64_t gbea;             /* breaking-event address (reset value 1) */
    uint64_t pp;               /* program parameter */
    uint32_t mp_state;
    uint64_t workload_step;    /* steps the guest workload has executed */
    int workload_sigp_next;    /* next CPU its bring-up looks at */
    bool mapped;
    bool secure;               /* has a secure-CPU handle (protected VM) */
    bool entered_image;        /* loaded the image PSW; stage3b may be next */
    UvsimStage3aStep stage3a;  /* the played stage3a's progress */
    uint64_t stage3a_ipib;     /* its IPL parameter block */
    uint16_t pgm_pending;      /* program interruption injected (KVM_S390_IRQ) */
    GMutex sie_lock;           /* held while the vCPU executes (is in SIE) */
    /* the interpreter (uvsim-run.c), for a non-secure CPU */
    UvCpu *cpu;
    bool in_sie;               /* executing guest code now (SENSE RUNNING) */
    uint8_t last_ilc;          /* ILC of the last intercepted instruction */
    uint64_t wake_seq;         /* bumped by uvsim_vcpu_wake(), under kick_lock */
    bool regs_changed;         /* user space set PSW-independent state */
    /* local interruptions injected by KVM_S390_IRQ, under irq_lock */
    GMutex irq_lock;
    bool stop_pending;
    uint32_t stop_flags;
    bool pgm_injected;
    struct kvm_s390_pgm_info pgm_info;
    /* DIAG 0x258 handshake (the run area's pfault sync registers) */
    uint64_t pfault_token, pfault_select, pfault_compare;
} UvsimVcpu;

struct UvsimVM {
    GMutex lock;               /* the kernel's kvm->lock */
    bool created;
    uint8_t *mem_host;         /* memslot 0: host mapping */
    uint64_t mem_size;
    bool user_cpu_state_ctrl;
    bool dumping;              /* the kernel's kvm->arch.pv.dumping (atomic) */
    bool sie_blocked;          /* DUMP_INIT blocks SIE entry (atomic) */
    UvsimVcpu *vcpus[UVSIM_MAX_VCPUS];
    UvState uv;                /* the Ultravisor's view of this VM */
    /* KVM_S390_VM_CPU_PROCESSOR: the guest's facility list (STFLE order) */
    struct kvm_s390_vm_cpu_processor cpu_proc;
    UvsimFloatIrqs float_irqs;
    bool user_stsi;            /* KVM_CAP_S390_USER_STSI enabled */
    bool gs_enabled;           /* KVM_CAP_S390_GS enabled: facility 133 */
    bool css_support;          /* KVM_CAP_S390_CSS_SUPPORT enabled (never, yet) */
    bool use_cmma;             /* KVM_S390_VM_MEM_ENABLE_CMMA was set */
    uint8_t *cmma;             /* per 4K frame: ESSA usage state, no-DAT (uvsim-cmma.c) */
    /* What the interpreted CPUs share: storage keys, TOD epoch, flushes. */
    struct UvCpuSys *cpu_sys;
};

/* Sets up, empties (VM teardown) and frees the floating-interrupt state. */
void uvsim_irq_init(UvsimFloatIrqs *fi);
void uvsim_irq_clear(UvsimFloatIrqs *fi);
void uvsim_irq_destroy(UvsimFloatIrqs *fi);

/*
 * Makes the floating interrupt @irq pending: service signal, virtio,
 * pfault-done, machine check or I/O; -EINVAL for any other type.
 */
int uvsim_irq_inject_floating(UvsimFloatIrqs *fi, const struct kvm_s390_irq *irq);

/* The VM ioctl KVM_S390_INTERRUPT: the legacy structure, converted as the kernel does. */
int uvsim_irq_vm_interrupt(UvsimFloatIrqs *fi, const struct kvm_s390_interrupt *s);

/*
 * The pending floating interrupt the CPU takes first among those @ok
 * accepts (machine check, service signal, pfault done, virtio, I/O):
 * copies it to @out; dequeue also removes it.  False if there is none.
 */
bool uvsim_irq_peek_floating(UvsimFloatIrqs *fi, UvsimIrqFilter ok,
                             void *opaque, struct kvm_s390_irq *out);
bool uvsim_irq_dequeue_floating(UvsimFloatIrqs *fi, UvsimIrqFilter ok,
                                void *opaque, struct kvm_s390_irq *out);

/*
 * KVM_S390_MEM_OP on vCPU @v (uvsim-memop.c): 0, a program-interruption
 * code (> 0, injected with KVM_S390_MEMOP_F_INJECT_EXCEPTION) or -errno
 * as kvm-s390-intercepts.md section 7 lists.
 */
int uvsim_vcpu_mem_op(UvsimVcpu *v, const struct kvm_s390_mem_op *mop);

/*
 * Makes machine check @mchk pending in @v's CPU: CPU-local (KVM_S390_IRQ)
 * or, @floating, a floating one the CPU takes from the VM.
 */
void uvsim_vcpu_set_mchk(UvsimVcpu *v, const struct kvm_s390_mchk_info *mchk,
                         bool floating);

/* KVM_S390_IRQ on @v: asynchronous, without @v->lock (uvsim-vcpu.c). */
int uvsim_vcpu_inject_irq(UvsimVcpu *v, const struct kvm_s390_irq *irq);

/* vCPU ioctls (uvsim-vcpu.c); @v->lock is held by the caller. */
int uvsim_vcpu_ioctl(UvsimVcpu *v, unsigned long request, void *arg);

/* Creates vCPU @id of @vm (KVM_CREATE_VCPU). */
UvsimVcpu *uvsim_vcpu_create(UvsimVM *vm, int id);

/* Destroys a vCPU (close of its fd). */
void uvsim_vcpu_destroy(UvsimVcpu *v);

/* Wakes a vCPU waiting inside KVM_RUN. */
void uvsim_vcpu_kick(UvsimVcpu *v);

/* ---- the interpreted run loop (uvsim-run.c) ---- */

/* Gives non-secure vCPU @v its interpreter / frees it. */
void uvsim_run_init(UvsimVcpu *v);
void uvsim_run_destroy(UvsimVcpu *v);

/*
 * KVM_RUN of a non-secure vCPU: executes guest code until an exit for
 * user space (returns 0, the run area filled in) or a kick (-EINTR).
 */
int uvsim_run_interpreter(UvsimVcpu *v);

/* True when user space asked KVM_RUN to return (immediate_exit). */
bool uvsim_kick_requested(UvsimVcpu *v);

/* Wakes @v if it waits in KVM_RUN for an interruption (any thread). */
void uvsim_vcpu_wake(UvsimVcpu *v);

/*
 * Moves the local interruptions injected since the last call (program
 * interruption) into the interpreter; on the vCPU's own thread.
 */
void uvsim_vcpu_take_injected(UvsimVcpu *v);

/* Stores @r's status at absolute @addr, or UVSIM_STORE_STATUS_NOADDR. */
void uvsim_store_status(UvsimVcpu *v, const S390Regs *r, uint64_t addr);

/* Guest storage changed under the CPUs: every CPU re-decodes. */
void uvsim_code_written_all(UvsimVM *vm);

/* ---- the kernel's intercept handlers ---- */

/*
 * Completes the intercepted instruction of exit @e as the kernel does:
 * true when done (the guest goes on), false when the run area now holds
 * an exit for user space (uvsim-intercept.c).
 */
bool uvsim_handle_instruction(UvsimVcpu *v, const UvCpuExit *e);

/* DIAGNOSE, SIGP and STSI (uvsim-diag.c, uvsim-sigp.c, uvsim-stsi.c). */
bool uvsim_handle_diag(UvsimVcpu *v, uint16_t ipa, uint32_t ipb);
bool uvsim_diag_page_ref(UvsimVcpu *v, unsigned rx, unsigned ry);
bool uvsim_handle_sigp(UvsimVcpu *v, uint16_t ipa, uint32_t ipb);
bool uvsim_handle_stsi(UvsimVcpu *v, uint32_t ipb);

/* The simulated host LPAR's logical CPUs (all dedicated CPs). */
#define UVSIM_HOST_CPUS 16

/*
 * Fills the 4K page @p with the SYSIB fc.sel1.sel2 that STSI stores for
 * @v (the host's levels 1 and 2, the VM's 3.2.2); false when there is
 * no such SYSIB (STSI's cc 3).  uvsim-stsi.c.
 */
bool uvsim_build_sysib(const UvsimVcpu *v, unsigned fc, unsigned sel1,
                       unsigned sel2, uint8_t *p);

/*
 * STORE HYPERVISOR INFORMATION (uvsim-sthyi.c), as the kernel's
 * handle_sthyi; uvsim_sthyi_fill builds the response of function code 0
 * into the zeroed 4K page @p.
 */
bool uvsim_handle_sthyi(UvsimVcpu *v, uint32_t ipb);
void uvsim_sthyi_fill(const UvsimVcpu *v, uint8_t *p);

/*
 * ESSA (uvsim-cmma.c), as the kernel's handle_essa: needs CMMA enabled
 * (else operation exception), the supervisor state and a valid ORC.
 */
bool uvsim_handle_essa(UvsimVcpu *v, uint32_t ipb);

/*
 * Applies ESSA operation request code @orc to absolute frame @frame of
 * @vm and returns the result ESSA puts in R1 (the state before).
 */
uint64_t uvsim_cmma_essa(UvsimVM *vm, uint64_t frame, unsigned orc);

/* Makes every page stable without the no-DAT flag (KVM_S390_VM_MEM_CLR_CMMA). */
void uvsim_cmma_reset(UvsimVM *vm);

/*
 * Per-frame byte arrays (uvsim-frames.c): @frames zero bytes that cost
 * host memory only where written; clearing gives that memory back.
 * Allocation failure aborts, as g_malloc() does.
 */
uint8_t *uvsim_frames_new(uint64_t frames);
void uvsim_frames_clear(uint8_t *p, uint64_t frames);
void uvsim_frames_free(uint8_t *p, uint64_t frames);

/*
 * KVM_S390_VM_TOD (@attr->attr LOW, HIGH or EXT; @user the caller's value)
 * as the kernel's kvm_s390_get_tod / set_tod: epoch index 0 only.
 * Returns 0 or a negative errno (-ENXIO for an unknown attribute).
 */
int uvsim_tod_attr(UvsimVM *vm, unsigned long request,
                   const struct kvm_device_attr *attr, void *user);

/*
 * The KVM_S390_VM_MEM_CTRL attributes ENABLE_CMMA and CLR_CMMA for
 * KVM_{HAS,GET,SET}_DEVICE_ATTR @request (vm->lock held): 0 or the
 * kernel's -errno (-ENXIO unknown, -EBUSY enable after a vCPU exists,
 * -EINVAL clear without CMMA).
 */
int uvsim_cmma_attr(UvsimVM *vm, unsigned long request,
                    const struct kvm_device_attr *attr, bool vcpus_exist);

/* Fills the run area with a KVM_EXIT_S390_SIEIC exit. */
void uvsim_exit_sieic(UvsimVcpu *v, uint8_t icpt, uint16_t ipa, uint32_t ipb);

/* Sets the condition code in the interpreted CPU's PSW. */
void uvsim_set_cc(UvsimVcpu *v, unsigned cc);

/* Delivers program interruption @code for the intercepted instruction. */
void uvsim_program_interrupt(UvsimVcpu *v, uint16_t code);

/* The operand address (B2) + D2 of the intercepted RS/S instruction. */
uint64_t uvsim_base_disp(UvsimVcpu *v, uint32_t ipb);

/* Real address @raddr of @v made absolute (prefixing). */
uint64_t uvsim_real_to_abs(const UvsimVcpu *v, uint64_t raddr);

/*
 * Plays the SE image's stage3a on a non-secure @v entering KVM_RUN
 * (stage3a-play.c): true when KVM_RUN must leave now with the DIAG 308
 * intercept in the run area, false to go on as usual.
 */
bool uvsim_stage3a_run(UvsimVcpu *v);

/* Guarded storage: needs KVM_CAP_S390_GS besides the CPU model's bit. */
#define UVSIM_FAC_GS 133

/*
 * True when the guest's facility list (the CPU model) has facility @bit
 * and, for guarded storage, the VM enabled KVM_CAP_S390_GS.
 */
bool uvsim_has_facility(const UvsimVM *vm, unsigned bit);

/*
 * One step of the deterministic guest workload (workload.c): changes the
 * registers as a function of the step number and writes the sequence
 * counter into the vCPU's own page of guest memory.
 */
void uvsim_workload_step(UvsimVcpu *v);

/*
 * True when the workload left @v in the middle of an instruction the
 * hypervisor completes on the next KVM_RUN (the CPU dump's "partial
 * instruction" flag).
 */
bool uvsim_workload_in_intercept(const UvsimVcpu *v);

/*
 * The workload's SMP bring-up (CPU 0 of a protected guest, after its
 * first step): the id of the next stopped CPU it starts with SIGP START,
 * or -1 when none is left.
 */
int uvsim_workload_next_sibling(UvsimVcpu *v);

/*
 * Fills the run area with that SIGP START intercept for CPU @id: icpt
 * 0x68, and R3 (the CPU address), which the UV shows the hypervisor.
 */
void uvsim_workload_sigp_start_exit(UvsimVcpu *v, int id);

/* Guest address of vCPU @id's workload page in a guest of @mem_size bytes. */
uint64_t uvsim_workload_page(uint64_t mem_size, int id);

/*
 * The page a protected guest's workload shares with the host (its "I/O
 * buffer"): 1 MiB below the top of RAM.  It holds "PVDUMPSH" and the step
 * counter of vCPU 0, plain in both views.
 */
uint64_t uvsim_workload_shared_page(uint64_t mem_size);

#endif /* ACCEL_UVSIM_INTERNAL_H */
