/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kvm.h - the accelerator interface (seam 1 of docs/architecture.md).
 *
 * One ioctl-shaped API with two backends:
 *   - "kvm"   (accel/kvm/):   the real /dev/kvm, file descriptors and ioctl(2);
 *   - "uvsim" (accel/uvsim/): an in-process model of the s390x kernel and the
 *                             Ultravisor that honours the same contract.
 *
 * Callers use the request numbers and structures of <linux/kvm.h> (the s390x
 * flavour in linux-headers/) and get QEMU's conventions back: a negative
 * errno on failure, the ioctl's non-negative result on success.  Nothing
 * above this header knows which backend is active.
 */
#ifndef SYSEMU_KVM_H
#define SYSEMU_KVM_H

#include "qemu/osdep.h"
#include <linux/kvm.h>

typedef struct KVMState KVMState;
typedef struct CPUState CPUState;

/*
 * A backend: the handful of system calls QEMU's kvm-all.c issues, so the
 * real one is a thin wrapper around open/ioctl/mmap/close.  "fd" values are
 * real file descriptors for "kvm" and handles private to the backend for
 * "uvsim"; callers never look inside them.
 */
typedef struct KVMBackendOps {
    const char *name;
    /* Opens the device node (or its model); returns an fd or -errno. */
    int (*open_dev)(KVMState *s, GError **errp);
    /* ioctl(2) on a system, VM or vCPU fd; returns >= 0 or -errno. */
    int (*ioctl)(KVMState *s, int fd, unsigned long request, void *arg);
    /* mmap of a vCPU fd's struct kvm_run area; NULL with errno on failure. */
    struct kvm_run *(*map_run)(KVMState *s, int vcpu_fd, size_t size);
    /* Undoes map_run. */
    void (*unmap_run)(KVMState *s, struct kvm_run *run, size_t size);
    /* close(2) of any fd handed out by this backend. */
    void (*close)(KVMState *s, int fd);
    /*
     * Seam 2: called before the host reads guest memory [gpa, gpa+len).
     * The real kernel exports secure pages on fault, so "kvm" does nothing;
     * uvsim exports (encrypts) secure pages into the host mapping here.
     */
    int (*prepare_host_access)(KVMState *s, uint64_t gpa, uint64_t len);
    /* Interrupts a vCPU thread sitting in KVM_RUN on @cpu (see kvm_cpu_kick). */
    void (*kick_vcpu)(KVMState *s, CPUState *cpu);
} KVMBackendOps;

/* Settings of -accel / -machine accel= that reach the backend. */
typedef struct AccelConfig {
    const char *name;     /* "kvm" or "tcg" (= uvsim) */
    const char *device;   /* kvm: device node, default "/dev/kvm" */
    const char *host_key; /* uvsim: the host's private key (PEM) */
    /* uvsim: the dump buffer sizes its UV reports (0: docs/decisions.md D8) */
    uint64_t pv_dump_cpu_len, pv_dump_mem_per_1m, pv_dump_finalize_len;
} AccelConfig;

struct KVMState {
    const KVMBackendOps *ops;
    const AccelConfig *cfg; /* settings for open_dev (valid only during kvm_init) */
    void *backend;        /* backend private state */
    int devfd;            /* /dev/kvm (or model) */
    int vmfd;             /* the VM */
    size_t run_size;      /* KVM_GET_VCPU_MMAP_SIZE */
};

extern const KVMBackendOps kvm_backend_ops;    /* accel/kvm/kvm-backend.c */
extern const KVMBackendOps uvsim_backend_ops;  /* accel/uvsim/uvsim.c */

/* The accelerator of the running machine (NULL before kvm_init). */
extern KVMState *kvm_state;

/*
 * Chooses the backend named by @cfg ("kvm" or "tcg"), opens the device,
 * checks the API version, creates the VM and probes the s390x capabilities.
 * Sets kvm_state.  Fails with a message the user understands (e.g. no
 * /dev/kvm on this host).
 */
bool kvm_init(const AccelConfig *cfg, GError **errp);

/* Destroys the VM and closes every fd of kvm_state (idempotent). */
void kvm_cleanup(void);

/* ioctl on the system fd. */
int kvm_ioctl(KVMState *s, unsigned long request, void *arg);
/* ioctl on the VM fd. */
int kvm_vm_ioctl(KVMState *s, unsigned long request, void *arg);
/* ioctl on the vCPU fd of @cpu. */
int kvm_vcpu_ioctl(CPUState *cpu, unsigned long request, void *arg);
/* KVM_CHECK_EXTENSION on the VM fd (or system fd before the VM exists); 0 if absent. */
int kvm_check_extension(KVMState *s, unsigned int extension);

/* Registers guest RAM [0, size) at host address @host as memslot 0. */
bool kvm_set_user_memory(KVMState *s, void *host, uint64_t size, GError **errp);

/* Creates the vCPU fd and maps its kvm_run area into @cpu. */
bool kvm_init_vcpu(CPUState *cpu, GError **errp);
/* Unmaps and closes the vCPU fd. */
void kvm_destroy_vcpu(CPUState *cpu);

/*
 * Runs @cpu until something needs the rest of the machine: an exit the
 * arch code must handle, a kick (pause request), or an error.  Called from
 * the vCPU thread without the BQL; synchronises registers around KVM_RUN.
 * Returns 0 when the caller should re-check its stop/quit flags, or -errno.
 */
int kvm_cpu_exec(CPUState *cpu);

/* Makes a vCPU thread in KVM_RUN return promptly (async-signal safe path). */
void kvm_cpu_kick(CPUState *cpu);

/* Seam 2 entry point used by exec/memory.c before host reads of guest RAM. */
int kvm_prepare_host_access(uint64_t gpa, uint64_t len);

/*
 * Architecture hooks (target/s390x/kvm/kvm.c), called by the generic layer.
 */

/* Probes capabilities and enables the ones the target needs, after VM creation. */
bool kvm_arch_init(KVMState *s, GError **errp);
/* Per-vCPU set-up after the vCPU fd and run area exist. */
bool kvm_arch_init_vcpu(CPUState *cpu, GError **errp);
/* Copies the accelerator's register state into env (BQL held). */
int kvm_arch_get_registers(CPUState *cpu);
/* Copies env into the accelerator before the next KVM_RUN (BQL held). */
int kvm_arch_put_registers(CPUState *cpu);
/*
 * Handles a KVM_RUN exit (BQL held).  Returns 0 to continue running,
 * 1 to return to the vCPU thread loop (e.g. the guest stopped itself), or
 * -errno for an unrecoverable exit.
 */
int kvm_arch_handle_exit(CPUState *cpu, struct kvm_run *run);

#endif /* SYSEMU_KVM_H */
