/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kvm-backend.c - the real accelerator: /dev/kvm, ioctl(2), mmap(2).
 *
 * Compiled on every host; functional on s390x hosts with KVM.  Elsewhere
 * opening the device fails with a message that says so.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/kvm.h"
#include "hw/core/cpu.h"
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

/* The signal that kicks a vCPU thread out of KVM_RUN (QEMU's SIG_IPI). */
#define SIG_KICK SIGUSR1

static void kick_signal_handler(int sig)
{
    /* Nothing: the kicker set kvm_run->immediate_exit before signalling. */
}

static bool install_kick_handler(GError **errp)
{
    struct sigaction sa = { .sa_handler = kick_signal_handler };
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIG_KICK, &sa, NULL) < 0) {
        error_setg_errno(errp, errno, "cannot install the vCPU kick handler");
        return false;
    }
    return true;
}

static int kvm_open_dev(KVMState *s, GError **errp)
{
    const char *path = "/dev/kvm";
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        if (err == ENOENT) {
            error_setg(errp, "Could not access KVM kernel module: %s "
                       "(this host has no %s; use -accel tcg for the "
                       "built-in simulator)", g_strerror(err), path);
        } else {
            error_setg(errp, "Could not access KVM kernel module: %s",
                       g_strerror(err));
        }
        return -err;
    }
#if !defined(__s390x__)
    /* A non-s390x /dev/kvm cannot run an s390x guest. */
    close(fd);
    error_setg(errp, "%s belongs to a non-s390x host; an s390x guest needs "
               "an s390x KVM host (use -accel tcg for the built-in simulator)",
               path);
    return -ENODEV;
#endif
    if (!install_kick_handler(errp)) {
        close(fd);
        return -EINVAL;
    }
    return fd;
}

static int kvm_real_ioctl(KVMState *s, int fd, unsigned long request, void *arg)
{
    int r = ioctl(fd, request, arg);
    return r < 0 ? -errno : r;
}

static struct kvm_run *kvm_map_run(KVMState *s, int vcpu_fd, size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu_fd, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void kvm_unmap_run(KVMState *s, struct kvm_run *run, size_t size)
{
    munmap(run, size);
}

static void kvm_close(KVMState *s, int fd)
{
    close(fd);
}

static void kvm_kick_vcpu(KVMState *s, CPUState *cpu)
{
    pthread_kill(cpu->thread_handle, SIG_KICK);
}

const KVMBackendOps kvm_backend_ops = {
    .name = "kvm",
    .open_dev = kvm_open_dev,
    .ioctl = kvm_real_ioctl,
    .map_run = kvm_map_run,
    .unmap_run = kvm_unmap_run,
    .close = kvm_close,
    .prepare_host_access = NULL, /* the kernel exports secure pages on fault */
    .kick_vcpu = kvm_kick_vcpu,
};
