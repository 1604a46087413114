/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu.h - the s390x vCPU (architected registers, MP state) and CPU model.
 */
#ifndef TARGET_S390X_CPU_H
#define TARGET_S390X_CPU_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"
#include "util/s390x-regs.h"
#include "qapi/qapi-types.h"
#include "target/s390x/cpu-features.h"

/* Program-interruption codes the machine injects. */
#define PGM_OPERATION      0x0001
#define PGM_PRIVILEGED     0x0002
#define PGM_ADDRESSING     0x0005
#define PGM_SPECIFICATION  0x0006

/* Facility bits (STFLE numbering, MSB-0) that pvdump's code tests. */
#define S390_FEAT_EDAT       8
#define S390_FEAT_EDAT_2     78
#define S390_FEAT_VECTOR     129
#define S390_FEAT_GUARDED_STORAGE 133
#define S390_FEAT_UNPACK     161  /* protected virtualization (ipl unpack) */
/* Feature ids: STFLE bits, then the others of target/s390x/cpu-features.h. */
#define S390_FEAT_MAX        S390_FEAT_OTHER_END

/*
 * The vCPU's architected registers are the plain util type that the note
 * encoder, the PV CPU-dump codec, the tools and uvsim share; the name stays
 * QEMU's, so target code reads as QEMU's does.
 */
typedef S390Regs CPUS390XState;

/* A named CPU model with its features. */
typedef struct S390CPUModel {
    const char *name;
    uint8_t stfle[S390_STFLE_BITS / 8]; /* bit n = byte n/8, mask 0x80 >> n%8 */
    uint32_t other;                     /* bit (id - S390_STFLE_BITS) */
} S390CPUModel;

typedef struct S390CPU {
    CPUState parent_obj;      /* must stay first */
    CPUS390XState env;
    uint32_t mp_state;        /* KVM_MP_STATE_* the machine set (s390_cpu_set_state) */
    uint8_t sigp_order;       /* a stop order the CPU has not completed yet */
    S390CrashReason crash_reason; /* why it halted, for GUEST_PANICKED */
} S390CPU;

/* Where STORE STATUS puts the save area when no address is given. */
#define S390_STORE_STATUS_DEF_ADDR 0x1200

static inline S390CPU *S390_CPU(CPUState *cs)
{
    return container_of(cs, S390CPU, parent_obj);
}

static inline CPUState *CPU(S390CPU *cpu)
{
    return &cpu->parent_obj;
}

/* Tests facility @bit in @model. */
bool s390_has_feat(const S390CPUModel *model, unsigned bit);

/* Sets or clears facility @bit in @model. */
void s390_set_feat(S390CPUModel *model, unsigned bit, bool on);

/*
 * Parses -cpu "NAME[,FEATURE=on|off...]" (the feature names of
 * target/s390x/cpu-features.c) into @model.  Unknown models and features
 * are errors.
 */
bool s390_cpu_model_parse(const char *optarg, S390CPUModel *model, GError **errp);

/*
 * Fails, with QEMU's message naming them, when @model has features the
 * machine does not implement (those outside the "max" model and the
 * features enabled only on request, such as diag318).
 */
bool s390_cpu_model_check_available(const S390CPUModel *model, GError **errp);

/* A CPU model pvdump offers (QEMU's CPU definition). */
typedef struct S390CPUDef {
    const char *name;
    const char *desc;
    const char *base;             /* static model its expansion names */
    bool is_static;               /* features never change (QEMU "static") */
    bool migration_safe;
    const unsigned *features;     /* ids, terminated by S390_FEAT_MAX */
} S390CPUDef;

/* The CPU models, terminated by a NULL name, in "-cpu help" order. */
extern const S390CPUDef s390_cpu_defs[];

/* The model named @name, or NULL. */
const S390CPUDef *s390_cpu_def_find(const char *name);

/* Sets @model to @def's features (no -cpu properties applied). */
void s390_cpu_model_from_def(const S390CPUDef *def, S390CPUModel *model);

/*
 * Sets feature @feat (a property name of the feature table) of @model.
 * Fails for a name the table does not have, as QEMU's property lookup.
 */
bool s390_cpu_model_set_prop(S390CPUModel *model, const char *feat, bool on,
                             GError **errp);

/*
 * Appends QEMU's "-cpu help" text to @out: one "s390 NAME DESC (details)"
 * line per model, then "Recognized feature flags:" with every feature.
 */
void s390_cpu_list(GString *out);

/* The CPU model the machine runs (set by the machine at creation). */
extern S390CPUModel s390_cpu_model;

/* Architected initial CPU reset (PoP "initial CPU reset"), as QEMU does. */
void s390_cpu_initial_reset(S390CPU *cpu);

/* ---- CPU states, resets and interruptions (cpu-state.c) ---- */

/*
 * Moves @cpu to KVM_MP_STATE_@state (STOPPED, OPERATING, LOAD,
 * CHECK_STOP) in the accelerator and in the machine's view: a stopped CPU
 * is halted (its thread stays out of KVM_RUN), a started one is woken.
 * Returns how many CPUs are operating afterwards.  BQL held.
 */
unsigned s390_cpu_set_state(uint32_t state, S390CPU *cpu);

/* Reports a guest panic with @cpu's PSW and crash reason (QEMU's s390 info). */
void s390_cpu_guest_panicked(S390CPU *cpu);

/* The number of operating CPUs that are not in a disabled wait or halted by a crash. */
unsigned s390_count_running_cpus(void);

/*
 * The stop interruption a running CPU takes at its next instruction
 * boundary (SIGP STOP); with @store_status the status is stored as it
 * stops.  The CPU leaves KVM_RUN with intercept 0x28.
 */
void s390_cpu_inject_stop(S390CPU *cpu, bool store_status);

/*
 * The CPU completes a stop (intercept 0x28): it is stopped, the status
 * stored if SIGP STOP AND STORE STATUS asked for it, and the machine
 * shuts down when no CPU is left operating (QEMU's do_stop_interrupt).
 */
void s390_do_stop_interrupt(S390CPU *cpu);

/*
 * Resets @cpu with the accelerator's reset ioctl @kind
 * (KVM_S390_INITIAL_RESET, KVM_S390_NORMAL_RESET, KVM_S390_CLEAR_RESET)
 * and reloads its registers; the CPU is stopped afterwards, as after
 * every architected reset.  On @cpu's thread (run_on_cpu).
 */
void s390_cpu_reset(S390CPU *cpu, unsigned long kind);

/*
 * STORE STATUS of @cpu at absolute @addr (S390_STORE_STATUS_DEF_ADDR for
 * the architected place); @store_arch also sets byte 163 to 1 (z/Arch).
 * False when the area is outside guest storage.
 */
bool s390_store_status(S390CPU *cpu, uint64_t addr, bool store_arch);

/*
 * STORE ADDITIONAL STATUS at the address and length code in @param
 * (vector registers, guarded-storage control block); false for an
 * invalid parameter.
 */
bool s390_store_adtl_status(S390CPU *cpu, uint64_t param);

/*
 * Appends QEMU's "info registers" text for @cs (PSW, GPRs, vector or
 * floating-point registers, control registers) to @out, after synchronising
 * the register state.  Needs the BQL.
 */
void s390_cpu_dump_state(CPUState *cs, GString *out);

#endif /* TARGET_S390X_CPU_H */
