/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * boards.h - the machine: what the command line asked for and what exists.
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include "qemu/osdep.h"
#include "sysemu/kvm.h"

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
    char *uuid;                  /* -uuid, lower case; NULL if not given */
    char *kernel;                /* -kernel */
    char *initrd;                /* -initrd */
    char *append;                /* -append */
    GPtrArray *loaders;          /* LoaderImage * */
    bool start_paused;           /* -S */
    bool no_shutdown;            /* -no-shutdown */
    unsigned dump_threads;       /* -machine dump-threads=N (0 = online CPUs) */
} MachineConfig;

/*
 * The machine that exists once machine_init() succeeded.  What only the
 * s390x machine has lives in S390CcwMachineState
 * (include/hw/s390x/s390-virtio-ccw.h), which embeds this.
 */
typedef struct MachineState {
    MachineConfig *cfg;
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

/* Stops vCPU threads, destroys the VM, frees RAM. */
void machine_cleanup(void);

#endif /* HW_BOARDS_H */
