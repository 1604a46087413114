/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kvm-all.c - the generic accelerator layer (seam 1): backend selection,
 * the ioctl entry points, vCPU creation and the KVM_RUN loop.
 *
 * Everything here goes through KVMBackendOps, so the same code drives the
 * real /dev/kvm and uvsim.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "sysemu/kvm.h"
#include "hw/core/cpu.h"

KVMState *kvm_state;

/* The KVM API version every kernel since 2.6.22 reports. */
#define KVM_API_VERSION_EXPECTED 12

static const KVMBackendOps *backend_for(const char *name, GError **errp)
{
    if (!strcmp(name, "kvm")) {
        return &kvm_backend_ops;
    }
    if (!strcmp(name, "tcg")) {
        return &uvsim_backend_ops;
    }
    error_setg(errp, "invalid accelerator %s", name);
    return NULL;
}

int kvm_ioctl(KVMState *s, unsigned long request, void *arg)
{
    return s->ops->ioctl(s, s->devfd, request, arg);
}

int kvm_vm_ioctl(KVMState *s, unsigned long request, void *arg)
{
    return s->ops->ioctl(s, s->vmfd, request, arg);
}

int kvm_vcpu_ioctl(CPUState *cpu, unsigned long request, void *arg)
{
    return kvm_state->ops->ioctl(kvm_state, cpu->kvm_fd, request, arg);
}

int kvm_check_extension(KVMState *s, unsigned int extension)
{
    int fd = s->vmfd >= 0 ? s->vmfd : s->devfd;
    int r = s->ops->ioctl(s, fd, KVM_CHECK_EXTENSION,
                          (void *)(uintptr_t)extension);
    return r < 0 ? 0 : r;
}

static bool kvm_open_vm(KVMState *s, GError **errp)
{
    int version;
    int vmfd;
    int size;

    s->devfd = s->ops->open_dev(s, errp);
    if (s->devfd < 0) {
        return false;
    }
    version = kvm_ioctl(s, KVM_GET_API_VERSION, NULL);
    if (version != KVM_API_VERSION_EXPECTED) {
        error_setg(errp, "kvm version %d not supported (expected %d)",
                   version, KVM_API_VERSION_EXPECTED);
        return false;
    }
    do {
        vmfd = kvm_ioctl(s, KVM_CREATE_VM, NULL);
    } while (vmfd == -EINTR);
    if (vmfd < 0) {
        error_setg_errno(errp, -vmfd, "failed to create the KVM VM");
        return false;
    }
    s->vmfd = vmfd;
    size = kvm_ioctl(s, KVM_GET_VCPU_MMAP_SIZE, NULL);
    if (size < (int)sizeof(struct kvm_run)) {
        error_setg(errp, "KVM_GET_VCPU_MMAP_SIZE failed");
        return false;
    }
    s->run_size = size;
    return true;
}

bool kvm_init(const AccelConfig *cfg, GError **errp)
{
    const KVMBackendOps *ops = backend_for(cfg->name, errp);
    KVMState *s;
    bool ok;

    if (!ops) {
        return false;
    }
    s = g_new0(KVMState, 1);
    s->ops = ops;
    s->cfg = cfg;
    s->devfd = -1;
    s->vmfd = -1;
    kvm_state = s;
    ok = kvm_open_vm(s, errp) && kvm_arch_init(s, errp);
    s->cfg = NULL;
    if (!ok) {
        kvm_cleanup();
    }
    return ok;
}

void kvm_cleanup(void)
{
    KVMState *s = kvm_state;
    if (!s) {
        return;
    }
    if (s->vmfd >= 0) {
        s->ops->close(s, s->vmfd);
    }
    if (s->devfd >= 0) {
        s->ops->close(s, s->devfd);
    }
    kvm_state = NULL;
    g_free(s);
}

bool kvm_set_user_memory(KVMState *s, void *host, uint64_t size, GError **errp)
{
    struct kvm_userspace_memory_region mem = {
        .slot = 0,
        .guest_phys_addr = 0,
        .memory_size = size,
        .userspace_addr = (uintptr_t)host,
    };
    int r = kvm_vm_ioctl(s, KVM_SET_USER_MEMORY_REGION, &mem);
    if (r < 0) {
        error_setg_errno(errp, -r, "cannot register %" PRIu64 " bytes of guest RAM",
                         size);
        return false;
    }
    return true;
}

bool kvm_init_vcpu(CPUState *cpu, GError **errp)
{
    KVMState *s = kvm_state;
    int fd = kvm_vm_ioctl(s, KVM_CREATE_VCPU, (void *)(uintptr_t)cpu->vcpu_id);
    if (fd < 0) {
        error_setg_errno(errp, -fd, "kvm_init_vcpu: KVM_CREATE_VCPU failed (cpu %d)",
                         cpu->cpu_index);
        return false;
    }
    cpu->kvm_fd = fd;
    cpu->kvm_run = s->ops->map_run(s, fd, s->run_size);
    if (!cpu->kvm_run) {
        error_setg_errno(errp, errno, "kvm_init_vcpu: mmap of the run area failed");
        s->ops->close(s, fd);
        return false;
    }
    return kvm_arch_init_vcpu(cpu, errp);
}

void kvm_destroy_vcpu(CPUState *cpu)
{
    KVMState *s = kvm_state;
    if (cpu->kvm_run) {
        s->ops->unmap_run(s, cpu->kvm_run, s->run_size);
        cpu->kvm_run = NULL;
    }
    s->ops->close(s, cpu->kvm_fd);
    cpu->kvm_fd = -1;
}

void kvm_cpu_kick(CPUState *cpu)
{
    /*
     * immediate_exit makes a KVM_RUN that has not started yet return
     * -EINTR at once; the backend's kick ends one already in progress.
     */
    cpu->exit_request = 1;
    if (cpu->kvm_run) {
        __atomic_store_n(&cpu->kvm_run->immediate_exit, 1, __ATOMIC_SEQ_CST);
    }
    kvm_state->ops->kick_vcpu(kvm_state, cpu);
}

static void kvm_clear_exit_request(CPUState *cpu)
{
    __atomic_store_n(&cpu->kvm_run->immediate_exit, 0, __ATOMIC_SEQ_CST);
    cpu->exit_request = 0;
}

int kvm_cpu_exec(CPUState *cpu)
{
    struct kvm_run *run = cpu->kvm_run;
    int ret = 0;

    for (;;) {
        int r;

        bql_lock();
        if (cpu->vcpu_dirty) {
            kvm_arch_put_registers(cpu);
            cpu->vcpu_dirty = false;
        }
        bql_unlock();

        r = kvm_vcpu_ioctl(cpu, KVM_RUN, NULL);

        bql_lock();
        kvm_arch_get_registers(cpu);
        if (r == -EINTR || r == -EAGAIN) {
            /* A kick: let the thread loop look at its flags. */
            kvm_clear_exit_request(cpu);
            bql_unlock();
            return 0;
        }
        if (r < 0) {
            bql_unlock();
            return r;
        }
        ret = kvm_arch_handle_exit(cpu, run);
        bql_unlock();
        if (ret != 0) {
            return ret < 0 ? ret : 0;
        }
    }
}

int kvm_prepare_host_access(uint64_t gpa, uint64_t len)
{
    if (!kvm_state || !kvm_state->ops->prepare_host_access) {
        return 0;
    }
    return kvm_state->ops->prepare_host_access(kvm_state, gpa, len);
}
