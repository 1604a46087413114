/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * boards.h - the machine: what the command line asked for and what exists.
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include "qemu/osdep.h"
#include "sysemu/kvm.h"
#include "target/s390x/cpu.h"

/* One "-device loader,file=F,addr=A". */
typedef struct LoaderImage {
    char *file;
    uint64_t addr;
} LoaderImage;

/* Everything the command line decides about the machine (system/vl.c fills it). */
typedef struct MachineConfig {
    char *type;                  /* "s390-ccw-virtio" (or a versioned alias), "none" */
    AccelConfig accel;           /* -accel / -machine accel= (first usable of a:b list) */
    char **accel_list;           /* accel=kvm:tcg alternatives, in order; NULL-terminated */
    uint64_t ram_size;           /* -m, bytes (default 128 MiB as QEMU s390x) */
    int smp;                     /* -smp N (default 1) */
    int max_cpus;                /* -smp maxcpus= (>= smp) */
    char *cpu_model;             /* -cpu argument, NULL = default model */
    char *cgs_id;                /* confidential-guest-support=ID */
    char *name;                  /* -name guest=NAME */
    char *kernel;                /* -kernel */
    char *initrd;                /* -initrd */
    char *append;                /* -append */
    GPtrArray *loaders;          /* LoaderImage * */
    bool start_paused;           /* -S */
    bool no_shutdown;            /* -no-shutdown */
    unsigned dump_threads;       /* -machine dump-threads=N (0 = online CPUs) */
} MachineConfig;

/* The machine that exists once machine_init() succeeded. */
typedef struct MachineState {
    MachineConfig *cfg;
    S390CPUModel cpu_model;
    char *pv_guest_id;           /* the s390-pv-guest object, if any */
    bool pv;                     /* the guest runs protected (hw/s390x/pv-boot.c) */
    /*
     * A UV dump that no dump owns any more is still open (its
     * DUMP_COMPLETE kept failing): the vCPUs cannot run until it is
     * completed.  @pv_dump_unsure: a DUMP_COMPLETE failed with EFAULT, so
     * the UV may have completed it after all (s390_pv_dump_complete()).
     */
    bool pv_dump_pending;
    bool pv_dump_unsure;
} MachineState;

extern MachineState *current_machine;

/* Names of the machine types pvdump offers (for query-machines). */
typedef struct MachineTypeInfo {
    const char *name;
    const char *alias;           /* NULL if none */
    bool is_default;
    int max_cpus;
    const char *desc;
} MachineTypeInfo;

/* NULL-terminated list of machine types. */
const MachineTypeInfo *const *machine_type_list(void);

/* Resolves a -machine type name or alias; NULL if unknown. */
const MachineTypeInfo *machine_type_find(const char *name);

/*
 * Builds the machine from @cfg: accelerator, RAM, vCPUs (threads started,
 * stopped), loaded images, initial reset.  The caller then starts the vCPUs
 * unless -S.  Errors are for the user (exit 1).
 */
bool machine_init(MachineConfig *cfg, GError **errp);

/* system_reset: resets every vCPU to its initial state, reloads images. */
void machine_reset(void);

/*
 * What the machine must do before its vCPUs may run (called by vm_start()
 * with the BQL held): completes a pending protected dump; fails with the
 * reason the guest cannot run.
 */
bool machine_prepare_start(GError **errp);

/* Stops vCPU threads, destroys the VM, frees RAM. */
void machine_cleanup(void);

#endif /* HW_BOARDS_H */
