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
 * which maps a logical address to host memory or refuses it with a
 * program-interruption code.  Today's users give it a flat identity
 * mapping; DAT, prefixing and protection fit behind the same hook.
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
    UVCPU_PGM_FIXPT_OVERFLOW = 0x08,
    UVCPU_PGM_FIXPT_DIVIDE   = 0x09,
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
 * holding the logical address @addr (already wrapped to the addressing
 * mode) for @access and returns the host address of that page's first
 * byte, or NULL after storing the program-interruption code in *@pgm_code
 * (e.g. UVCPU_PGM_ADDRESSING).  The CPU caches the answer in its TLB until
 * uvcpu_tlb_flush(): a hook whose mapping changes must flush.
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
} UvCpuExitReason;

typedef struct UvCpuExit {
    UvCpuExitReason reason;
    uint16_t pgm_code;         /* PROGRAM: interruption code */
    uint8_t ilc;               /* PROGRAM, SVC, INTERCEPT: instruction length */
    uint8_t svc;               /* SVC: the I field */
    uint16_t ipa;              /* INTERCEPT: halfword 0 of the instruction */
    uint32_t ipb;              /* INTERCEPT: bytes 2-5 of the instruction */
} UvCpuExit;

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
 */
UvCpuExit uvcpu_run(UvCpu *cpu, uint64_t budget);

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

#endif /* ACCEL_UVSIM_CPU_H */
