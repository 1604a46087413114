/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu.h - the architecture-neutral part of a vCPU.
 *
 * The s390x CPU (target/s390x/cpu.h) embeds this as its first member; generic
 * code (vCPU threads, pause/resume, the accelerator) only sees CPUState.
 */
#ifndef HW_CORE_CPU_H
#define HW_CORE_CPU_H

#include "qemu/osdep.h"
#include <pthread.h>

struct kvm_run;

typedef struct CPUState {
    int cpu_index;            /* 0-based, as in QMP cpu-index */
    int vcpu_id;              /* the accelerator's id (s390x: CPU address, core-id) */
    GThread *thread;
    pthread_t thread_handle;  /* for signalling the thread (kvm kick) */
    int thread_id;            /* kernel tid, for query-cpus-fast */
    bool created;             /* the thread has started and has its vCPU fd */
    bool stop;                /* pause requested (protected by the BQL) */
    bool stopped;             /* the thread acknowledged the pause */
    bool unplug;              /* the thread should exit (machine teardown) */
    bool halted;              /* the architecture stopped the CPU: no KVM_RUN */
    bool vcpu_dirty;          /* env was changed by the host: put before run */
    GCond halt_cond;          /* waited on by an idle vCPU thread (with BQL) */
    int kvm_fd;               /* vCPU fd from the accelerator */
    struct kvm_run *kvm_run;  /* mapped run area */
    volatile int exit_request;/* set by a kick, cleared by the thread */
    GError *init_error;       /* why the thread could not create its vCPU */
    /* run_on_cpu: one pending item at a time (callers serialise on the BQL) */
    void (*work_fn)(struct CPUState *cpu, void *data);
    void *work_data;
    bool work_done;
} CPUState;

/* Number of vCPUs and their list, in cpu_index order. */
extern int cpu_count;
extern CPUState **cpu_list;

#define CPU_FOREACH(cpu) \
    for (int cpu##_i = 0; cpu##_i < cpu_count && ((cpu) = cpu_list[cpu##_i]); cpu##_i++)

/* Returns the vCPU with @index, or NULL. */
CPUState *qemu_get_cpu(int index);

#endif /* HW_CORE_CPU_H */
