/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu.h - uvsim's z/Architecture CPU: an interpreter of guest code.
 *
 * One UvCpu executes the instructions of one simulated s390x CPU.  Its
 * architected registers are an S390Regs; the condition code lives apart
 * while instructions run and is folded into the PSW mask whenever the
 * caller can see the state (every return from uvcpu_run()).
 *
 * Guest storage is reached only through a UvCpuMemOps translation hook,
 * which maps an absolute address to host memory or refuses it with a
 * program-interruption code; DAT, prefixing and protection happen in the
 * CPU before it.
 *
 * The interpreter stops where real SIE would hand work to its host: at a
 * program interruption, an SVC, an instruction the hypervisor completes
 * (reported with ipa/ipb exactly as KVM fills kvm_run->s390_sieic), or
 * when the instruction budget is spent.
 */
#ifndef ACCEL_UVSIM_CPU_H
#define ACCEL_UVSIM_CPU_H

#include "qemu/osdep.h"
#include "util/s390x-regs.h"

typedef struct UvCpu UvCpu;

/* PSW mask bits used by the interpreter (bit 0 is the most significant). */
#define UVCPU_PSW_MASK_PER      0x4000000000000000ULL  /* bit 1 */
#define UVCPU_PSW_MASK_DAT      0x0400000000000000ULL  /* bit 5 */
#define UVCPU_PSW_MASK_IO       0x0200000000000000ULL  /* bit 6 */
#define UVCPU_PSW_MASK_EXT      0x0100000000000000ULL  /* bit 7 */
#define UVCPU_PSW_MASK_KEY      0x00f0000000000000ULL  /* bits 8-11 */
#define UVCPU_PSW_MASK_MCHK     0x0004000000000000ULL  /* bit 13 */
#define UVCPU_PSW_MASK_WAIT     0x0002000000000000ULL  /* bit 14 */
#define UVCPU_PSW_MASK_AS       0x0000c00000000000ULL  /* bits 16-17 */
#define UVCPU_PSW_MASK_PSTATE   0x0001000000000000ULL  /* bit 15: problem state */
#define UVCPU_PSW_MASK_CC       0x0000300000000000ULL  /* bits 18-19 */
#define UVCPU_PSW_MASK_PM       0x00000f0000000000ULL  /* bits 20-23 */
#define UVCPU_PSW_MASK_FPO      0x0000080000000000ULL  /* bit 20: fixed-point overflow */
#define UVCPU_PSW_MASK_EA       0x0000000100000000ULL  /* bit 31 */
#define UVCPU_PSW_MASK_BA       0x0000000080000000ULL  /* bit 32 */
#define UVCPU_PSW_SHIFT_CC      44
#define UVCPU_PSW_SHIFT_PM      40

/* Program-interruption codes the interpreter raises. */
enum {
    UVCPU_PGM_OPERATION      = 0x01,
    UVCPU_PGM_PRIVILEGED     = 0x02,
    UVCPU_PGM_EXECUTE        = 0x03,
    UVCPU_PGM_PROTECTION     = 0x04,
    UVCPU_PGM_ADDRESSING     = 0x05,
    UVCPU_PGM_SPECIFICATION  = 0x06,
    UVCPU_PGM_DATA           = 0x07,
    UVCPU_PGM_FIXPT_OVERFLOW = 0x08,
    UVCPU_PGM_FIXPT_DIVIDE   = 0x09,
    UVCPU_PGM_DEC_OVERFLOW   = 0x0a,
    UVCPU_PGM_DEC_DIVIDE     = 0x0b,
    UVCPU_PGM_SEGMENT_TRANS  = 0x10,
    UVCPU_PGM_PAGE_TRANS     = 0x11,
    UVCPU_PGM_TRANS_SPEC     = 0x12,
    UVCPU_PGM_SPECIAL_OP     = 0x13,
    UVCPU_PGM_VECTOR_PROC    = 0x1b,
    UVCPU_PGM_ASCE_TYPE      = 0x38,
    UVCPU_PGM_REG_FIRST      = 0x39,
    UVCPU_PGM_REG_SECOND     = 0x3a,
    UVCPU_PGM_REG_THIRD      = 0x3b,
};

/* External-interruption codes (lowcore 0x86). */
enum {
    UVCPU_EXT_CLOCK_COMP     = 0x1004,
    UVCPU_EXT_CPU_TIMER      = 0x1005,
    UVCPU_EXT_EMERGENCY      = 0x1201,
    UVCPU_EXT_EXTERNAL_CALL  = 0x1202,
    UVCPU_EXT_SERVICE        = 0x2401,
};

/* What a storage access is for; the translation hook may treat them apart. */
typedef enum UvCpuAccess {
    UVCPU_ACCESS_READ,
    UVCPU_ACCESS_WRITE,
    UVCPU_ACCESS_FETCH,        /* instruction fetch */
} UvCpuAccess;

#define UVCPU_PAGE_SIZE 4096ULL
#define UVCPU_PAGE_MASK (~(UVCPU_PAGE_SIZE - 1))

/*
 * How the CPU reaches guest storage.  @translate maps the 4 KiB page
 * holding the absolute address @addr for @access and returns the host
 * address of that page's first byte, or NULL after storing the
 * program-interruption code in *@pgm_code (e.g. UVCPU_PGM_ADDRESSING).
 * The CPU itself turns logical addresses into absolute ones (DAT when PSW
 * bit 5 is on, then prefixing) and applies low-address, DAT, key and
 * instruction-execution protection; with DAT off and prefix 0 the address
 * the hook sees is the logical address.  The CPU caches the answer in its
 * TLB until uvcpu_tlb_flush(): a hook whose mapping changes must flush.
 */
typedef struct UvCpuMemOps {
    uint8_t *(*translate)(void *opaque, uint64_t addr, UvCpuAccess access,
                          uint16_t *pgm_code);
} UvCpuMemOps;

/* Why uvcpu_run() returned. */
typedef enum UvCpuExitReason {
    UVCPU_EXIT_BUDGET,         /* the instruction budget is spent */
    UVCPU_EXIT_PROGRAM,        /* a program interruption is pending */
    UVCPU_EXIT_SVC,            /* SUPERVISOR CALL */
    UVCPU_EXIT_INTERCEPT,      /* an instruction for the hypervisor */
    UVCPU_EXIT_WAIT,           /* enabled wait: sleep until an interruption */
    UVCPU_EXIT_DISABLED_WAIT,  /* wait PSW with I/O, external, machine check off */
} UvCpuExitReason;

typedef struct UvCpuExit {
    UvCpuExitReason reason;
    uint16_t pgm_code;         /* PROGRAM: interruption code */
    uint8_t ilc;               /* PROGRAM, SVC, INTERCEPT: instruction length */
    uint8_t dxc;               /* PROGRAM 0x07: data-exception code;
                                * 0x1B: vector-exception code */
    uint8_t svc;               /* SVC: the I field */
    uint16_t ipa;              /* INTERCEPT: halfword 0 of the instruction */
    uint32_t ipb;              /* INTERCEPT: bytes 2-5 of the instruction */
    uint64_t teid;             /* PROGRAM 0x04, 0x10, 0x11, 0x38-0x3b:
                                  translation-exception identification */
    bool oai_valid;            /* PROGRAM 0x11 of MVPG: oai is stored ... */
    uint8_t oai;               /* ... at lowcore 0xA2: its R1 and R2 fields */
    uint8_t access_id;         /* PROGRAM with a TEID: exception-access
                                  identification (lowcore 0xA0) */
} UvCpuExit;

/*
 * What the CPUs of one machine share: the storage keys and the TOD clock's
 * epoch.  Give the same UvCpuSys to every CPU (uvcpu_attach_sys()); a CPU
 * that is given none has one of its own without storage keys.
 */
typedef struct UvCpuSys {
    uint8_t *skeys;            /* one key per 4 KiB frame of absolute
                                  storage (ACC<<4 | F<<3 | R<<2 | C<<1),
                                  or NULL: no keys, every frame has key 0 */
    uint64_t frames;           /* number of entries in skeys */
    int64_t tod_epoch;         /* guest TOD minus host TOD, in TOD units */
    uint32_t tlb_gen;          /* bumped by IPTE/IDTE: every CPU flushes */
    uint32_t code_gen;         /* bumped by uvcpu_sys_code_changed() */
    uint8_t *code_map;         /* per frame of skeys' size: instructions were
                                  fetched from it (cross-CPU code coherence),
                                  or NULL: every CPU on its own */
} UvCpuSys;

/*
 * Storage changed behind the CPUs' backs (a device, the hypervisor):
 * every CPU attached to @sys forgets the instructions it decoded, at its
 * next slice of instructions.  Safe from any thread.
 */
void uvcpu_sys_code_changed(UvCpuSys *sys);

/* The machine's TOD clock now (host clock plus @sys's epoch). */
uint64_t uvcpu_sys_tod(UvCpuSys *sys);

/*
 * Sets the machine's TOD clock to @tod (SCK, or the hypervisor's
 * KVM_S390_VM_TOD): @sys's epoch becomes @tod minus the host clock.
 */
void uvcpu_sys_set_tod(UvCpuSys *sys, uint64_t tod);

/*
 * Creates a CPU that reaches storage through @ops/@opaque, with zeroed
 * registers and every facility the interpreter implements installed.
 */
UvCpu *uvcpu_new(const UvCpuMemOps *ops, void *opaque);

/* Frees @cpu and its caches. */
void uvcpu_free(UvCpu *cpu);

/* The architected registers; the PSW mask holds the current CC. */
S390Regs *uvcpu_regs(UvCpu *cpu);

/*
 * Runs instructions from the current PSW until one of the exits above,
 * executing at most @budget instructions, and returns the exit.
 *
 * On PROGRAM the PSW is the old PSW the architecture stores: past the
 * instruction for suppressing and completing exceptions, at it for
 * nullifying ones.  On SVC and INTERCEPT it is past the instruction (the
 * EXECUTE instruction when the target was executed).  Registers and the
 * CC in the PSW mask are up to date on every exit.
 *
 * In the delivery mode (uvcpu_set_delivery()) program interruptions and
 * SVCs do not end the run; PROGRAM then means the interruption could not
 * be delivered (invalid new PSW, lowcore outside storage).  WAIT and
 * DISABLED_WAIT leave the wait PSW in place: calling uvcpu_run() again
 * delivers what became pending meanwhile or returns the wait again.
 */
UvCpuExit uvcpu_run(UvCpu *cpu, uint64_t budget);

/*
 * Asks a uvcpu_run() in progress on another thread to return BUDGET at
 * the next instruction-chain boundary, so that a kick or an interruption
 * for the CPU is seen within microseconds whatever the budget and however
 * slowly the guest's code runs.  A request made while the CPU does not
 * run ends its next uvcpu_run() at once.  Thread-safe.
 */
void uvcpu_exit_request(UvCpu *cpu);

/* The number of instructions completed since uvcpu_new(). */
uint64_t uvcpu_icount(const UvCpu *cpu);

/* Forgets every cached translation, e.g. after the mapping changed. */
void uvcpu_tlb_flush(UvCpu *cpu);

/*
 * Tells the CPU that [@host, @host + @len) was written by somebody else
 * (a loader, another CPU, an I/O device), so that instructions it decoded
 * from there are decoded again.  The CPU's own stores need no call.
 */
void uvcpu_invalidate_code(UvCpu *cpu, const void *host, size_t len);

/* Turns facility @nr (STFLE numbering) on or off; for the CPU model. */
void uvcpu_set_facility(UvCpu *cpu, unsigned nr, bool on);

/* Whether facility @nr is installed. */
bool uvcpu_has_facility(const UvCpu *cpu, unsigned nr);

/*
 * Shares @sys (storage keys, TOD epoch, TLB-flush broadcasts) with the
 * other CPUs of the machine.  @sys must outlive @cpu.
 */
void uvcpu_attach_sys(UvCpu *cpu, UvCpuSys *sys);

/* Sets the CPU address STAP stores and external interruptions carry. */
void uvcpu_set_cpu_addr(UvCpu *cpu, uint16_t addr);

/* Sets the CPU ID that STIDP stores. */
void uvcpu_set_cpuid(UvCpu *cpu, uint64_t cpuid);

/*
 * Chooses how interruptions end: false (the default, for user-mode
 * runners) returns program interruptions and SVCs from uvcpu_run() as
 * exits; true delivers them, and pending external and restart
 * interruptions, through the lowcore as the architecture does (old PSW
 * stored, new PSW loaded) and keeps running.
 */
void uvcpu_set_delivery(UvCpu *cpu, bool architected);

/*
 * Makes external interruption @code pending with parameter @param
 * (lowcore 0x80) from CPU @cpu_addr (lowcore 0x84; for emergency signal
 * and external call).  Service-signal parameters of interruptions that
 * are pending together are ORed, as KVM does; emergency signals are kept
 * per source CPU (addresses below 256).  Returns false for a code the CPU
 * does not know, or for an external call while one is pending.  Safe to
 * call from any thread; a running CPU notices within its next slice of
 * instructions.  Clock comparator and CPU timer need no call: the CPU
 * watches them itself.
 */
bool uvcpu_set_ext_pending(UvCpu *cpu, uint16_t code, uint32_t param,
                           uint16_t cpu_addr);

/*
 * Makes program interruption @code pending, as the hypervisor injects one
 * after completing an intercepted instruction (the PSW already past it):
 * the next uvcpu_run() delivers it first, with ILC @ilc (in bytes) and,
 * for access exceptions, @teid.  Call on the CPU's own thread, between
 * runs; in the delivery mode only.
 */
void uvcpu_inject_program(UvCpu *cpu, uint16_t code, uint8_t ilc,
                          uint64_t teid);

/*
 * As uvcpu_inject_program(), with the exception-access identification
 * @access_id (lowcore 0xA0: the access-register number the kernel reports
 * for an access exception of KVM_S390_MEM_OP) stored with the TEID.
 */
void uvcpu_inject_access_exception(UvCpu *cpu, uint16_t code, uint8_t ilc,
                                   uint64_t teid, uint8_t access_id);

/*
 * Reads or writes @len bytes at logical address @addr as the CPU's
 * current PSW (DAT, address space, key) would, for the hypervisor's
 * completion of an intercepted instruction.  The access happens entirely
 * or not at all: false, with the program-interruption code in *@pgm and
 * the TEID in *@teid, when an access exception would be recognised.
 * Call on the CPU's own thread, between runs.
 */
bool uvcpu_access_logical(UvCpu *cpu, uint64_t addr, void *buf, size_t len,
                          bool write, uint16_t *pgm, uint64_t *teid);

/*
 * The access of uvcpu_access_logical() with access key @key instead of
 * the PSW key (0: no key-controlled protection), as KVM_S390_MEM_OP makes
 * it: translated with the CPU's current PSW (DAT, address-space control)
 * and control registers, with low-address, DAT and key-controlled
 * protection applied as to a CPU access.  With @buf NULL only the checks
 * happen (KVM_S390_MEMOP_F_CHECK_ONLY).  Returns 0, or the
 * program-interruption code with the TEID in *@teid.  In the AR mode the
 * primary space is used, as for the CPU's own accesses.
 */
uint16_t uvcpu_access_logical_key(UvCpu *cpu, uint64_t addr, void *buf,
                                  size_t len, bool write, unsigned key,
                                  uint64_t *teid);

/* Forgets every decoded instruction (the machine reloaded storage). */
void uvcpu_flush_code(UvCpu *cpu);

/* Whether an external call is pending (SIGP SENSE; any thread). */
bool uvcpu_extcall_pending(UvCpu *cpu);

/*
 * Clears every pending interruption (CPU reset): external ones, restart,
 * an injected program interruption.
 */
void uvcpu_reset_interrupts(UvCpu *cpu);

/* A machine-check condition, as struct kvm_s390_mchk_info carries it. */
typedef struct UvCpuMchk {
    uint64_t cr14;             /* CR14 subclass-mask bits that enable it */
    uint64_t mcic;             /* machine-check interruption code */
    uint64_t failing_storage_address;
    uint32_t ext_damage_code;
    uint8_t fixed_logout[16];
} UvCpuMchk;

/* MCIC bits the CPU looks at (bit 0 is the most significant). */
#define UVCPU_MCIC_SD  (1ULL << 63)    /* system damage: exigent */
#define UVCPU_MCIC_PD  (1ULL << 62)    /* instruction-processing damage: exigent */
#define UVCPU_MCIC_ED  (1ULL << 58)    /* external damage: repressible */
#define UVCPU_MCIC_DG  (1ULL << 56)    /* degradation: repressible */
#define UVCPU_MCIC_W   (1ULL << 55)    /* warning: repressible */
#define UVCPU_MCIC_VR  (1ULL << 38)    /* vector registers valid (bit 25) */
#define UVCPU_MCIC_GS  (1ULL << 27)    /* guarded-storage registers valid (bit 36) */

/*
 * Makes machine check @m pending, as the kernel's __inject_mchk
 * (@floating false: CPU-local; CR14 masks, MCICs and damage codes of
 * conditions pending together are ORed, the failing-storage address and
 * logout are the last ones; pending only with an exigent (SD, PD) or
 * repressible (ED, DG, W) bit) or as a floating repressible condition
 * the CPU took from the VM (@floating true: only @m's cr14 and mcic).
 * It is delivered once PSW bit 13 is on and, unless exigent, CR14 has a
 * bit of the ORed cr14 masks; before external and I/O interruptions.
 * Thread-safe.
 */
void uvcpu_set_mchk_pending(UvCpu *cpu, const UvCpuMchk *m, bool floating);

/*
 * Whether a floating machine check with CR14 mask @cr14 would be taken
 * by @cpu as its PSW and CR14 stand (the kernel's deliverable_irqs).
 */
bool uvcpu_mchk_enabled(UvCpu *cpu, uint64_t cr14);

/* Makes a restart interruption pending (SIGP restart; any thread). */
void uvcpu_set_restart_pending(UvCpu *cpu);

/*
 * How long, in host nanoseconds, until the clock comparator or CPU timer
 * can interrupt this CPU as its PSW and CR0 stand: 0 when one is pending
 * now, -1 when neither can (then only uvcpu_set_ext_pending() or a
 * restart wakes a waiting CPU).  For the sleep after UVCPU_EXIT_WAIT.
 */
int64_t uvcpu_timer_wait_ns(UvCpu *cpu);

/* The guest's TOD clock now (host clock plus the machine's epoch). */
uint64_t uvcpu_tod(UvCpu *cpu);

#endif /* ACCEL_UVSIM_CPU_H */
