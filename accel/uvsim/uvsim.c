/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim.c - the simulator backend: device and VM ioctls, handles, kicks.
 *
 * The default accelerator ("-accel tcg").  It implements the subset of the
 * s390x KVM API pvdump uses, with the kernel's argument checks and errno
 * values, so code above the accelerator interface cannot tell it from
 * /dev/kvm.  The host is a protected-virtualization host (uv-*.c model
 * the Ultravisor), including the dump calls (uv-dump.c).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "uvsim-internal.h"
#include "hw/core/cpu.h"
#include "cpu/cpu.h"

static UvsimVM *uvsim_vm(KVMState *s)
{
    return s->backend;
}

static void uvsim_close(KVMState *s, int fd);

static int uvsim_open_dev(KVMState *s, GError **errp)
{
    UvsimVM *vm = g_new0(UvsimVM, 1);
    g_mutex_init(&vm->lock);
    g_mutex_init(&vm->uv.lock);
    uvsim_irq_init(&vm->float_irqs);
    s->backend = vm;
    if (!uv_dump_set_sizes(&vm->uv, s->cfg, errp)) {
        goto fail;
    }
    /* A host key named on the command line must be usable at start-up. */
    if (!uv_hostkey_open(&vm->uv, s->cfg ? s->cfg->host_key : NULL, errp)) {
        error_prepend(errp, "-accel tcg,host-key: ");
        goto fail;
    }
    return UVSIM_DEV_HANDLE;

fail:
    /* No handle is returned, so kvm_cleanup() will not close it: free here. */
    uvsim_close(s, UVSIM_DEV_HANDLE);
    return -EINVAL;
}

static int uvsim_check_extension(unsigned long ext)
{
    switch (ext) {
    case KVM_CAP_USER_MEMORY:
    case KVM_CAP_SYNC_REGS:
    case KVM_CAP_ONE_REG:
    case KVM_CAP_MP_STATE:
    case KVM_CAP_IMMEDIATE_EXIT:
    case KVM_CAP_S390_USER_SIGP:
    case KVM_CAP_S390_USER_STSI:
    case KVM_CAP_S390_INJECT_IRQ:
    case KVM_CAP_S390_VECTOR_REGISTERS:
    case KVM_CAP_S390_GS:
    case KVM_CAP_S390_VCPU_RESETS:
    case KVM_CAP_S390_PROTECTED:
    case KVM_CAP_S390_PROTECTED_DUMP:          /* UV dump calls 24-27 installed */
        return 1;
    case KVM_CAP_S390_MEM_OP:
        return 65536;                           /* MEM_OP_MAX_SIZE */
    case KVM_CAP_S390_MEM_OP_EXTENSION:
        return 1;       /* KVM_S390_MEMOP_EXTENSION_CAP_BASE: SKEY_PROTECTION */
    case KVM_CAP_NR_VCPUS:
    case KVM_CAP_MAX_VCPUS:
    case KVM_CAP_MAX_VCPU_ID:
        return UVSIM_MAX_VCPUS;
    default:
        return 0;
    }
}

static int uvsim_dev_ioctl(KVMState *s, unsigned long request, void *arg)
{
    UvsimVM *vm = uvsim_vm(s);
    switch (request) {
    case KVM_GET_API_VERSION:
        return 12;
    case KVM_CHECK_EXTENSION:
        return uvsim_check_extension((uintptr_t)arg);
    case KVM_GET_VCPU_MMAP_SIZE:
        return QEMU_ALIGN_UP(sizeof(struct kvm_run), 4096);
    case KVM_CREATE_VM:
        if ((uintptr_t)arg != 0) {
            return -EINVAL;     /* only the default machine type */
        }
        if (vm->created) {
            return -EBUSY;      /* one VM per simulator instance */
        }
        vm->created = true;
        vm->cpu_sys = g_new0(UvCpuSys, 1);
        /* The simulated host offers every facility; a CPU model narrows it. */
        memset(vm->cpu_proc.fac_list, 0xff, sizeof(vm->cpu_proc.fac_list));
        return UVSIM_VM_HANDLE;
    default:
        return -ENOTTY;
    }
}

static void free_frame_arrays(UvsimVM *vm)
{
    uvsim_frames_free(vm->cpu_sys->skeys, vm->cpu_sys->frames);
    uvsim_frames_free(vm->cpu_sys->code_map, vm->cpu_sys->frames);
    uvsim_frames_free(vm->cmma, vm->cpu_sys->frames);
    vm->cpu_sys->skeys = vm->cpu_sys->code_map = vm->cmma = NULL;
}

static int uvsim_set_memory(UvsimVM *vm, const struct kvm_userspace_memory_region *mem)
{
    if (mem->slot != 0 || mem->flags || mem->guest_phys_addr ||
        !QEMU_IS_ALIGNED(mem->memory_size, 4096) ||
        !QEMU_IS_ALIGNED(mem->userspace_addr, 4096)) {
        return -EINVAL;         /* pvdump has one RAM block at 0 */
    }
    if (vm->uv.protected) {
        return -EINVAL;         /* memslots are fixed while protected */
    }
    vm->mem_host = (uint8_t *)(uintptr_t)mem->userspace_addr;
    vm->mem_size = mem->memory_size;
    free_frame_arrays(vm);
    /* One storage key per 4 KiB frame, as the machine's storage has them. */
    vm->cpu_sys->frames = vm->mem_size / 4096;
    vm->cpu_sys->skeys = uvsim_frames_new(vm->cpu_sys->frames);
    vm->cpu_sys->code_map = uvsim_frames_new(vm->cpu_sys->frames);
    /* Every page starts stable, as a fresh PGSTE. */
    vm->cmma = uvsim_frames_new(vm->cpu_sys->frames);
    uvcpu_sys_code_changed(vm->cpu_sys);
    return 0;
}

static int uvsim_create_vcpu(UvsimVM *vm, unsigned long id)
{
    if (id >= UVSIM_MAX_VCPUS) {
        return -EINVAL;
    }
    if (vm->vcpus[id]) {
        return -EEXIST;
    }
    vm->vcpus[id] = uvsim_vcpu_create(vm, id);
    /* A vCPU created in a protected VM gets its secure CPU at once. */
    vm->vcpus[id]->secure = vm->uv.protected;
    return UVSIM_VCPU_HANDLE0 + id;
}

static bool uvsim_vcpus_exist(const UvsimVM *vm)
{
    for (int i = 0; i < UVSIM_MAX_VCPUS; i++) {
        if (vm->vcpus[i]) {
            return true;
        }
    }
    return false;
}

static int uvsim_enable_cap(UvsimVM *vm, const struct kvm_enable_cap *cap)
{
    if (cap->flags) {
        return -EINVAL;
    }
    switch (cap->cap) {
    case KVM_CAP_S390_USER_STSI:
        vm->user_stsi = true;
        return 0;
    case KVM_CAP_S390_GS:
        /*
         * As the kernel: a VM capability that adds facility 133 to the
         * guest's facility mask, only before the first vCPU exists.
         */
        if (uvsim_vcpus_exist(vm)) {
            return -EBUSY;
        }
        vm->gs_enabled = true;
        return 0;
    case KVM_CAP_S390_USER_SIGP:
    case KVM_CAP_S390_VECTOR_REGISTERS:
        return 0;
    default:
        return -EINVAL;
    }
}

bool uvsim_has_facility(const UvsimVM *vm, unsigned bit)
{
    const uint8_t *fac = (const uint8_t *)vm->cpu_proc.fac_list;

    /* The kernel's test_kvm_facility(): the list and the capability mask. */
    if (bit == UVSIM_FAC_GS && !vm->gs_enabled) {
        return false;
    }
    return bit < sizeof(vm->cpu_proc.fac_list) * 8 &&
           (fac[bit / 8] & (0x80 >> (bit % 8)));
}

/*
 * KVM_{HAS,GET,SET}_DEVICE_ATTR on the VM: the guest TOD clock
 * (uvsim-tod.c), the CMMA controls and the CPU model's processor attribute
 * (cpuid, IBC, facility list), settable until a vCPU exists.
 */
static int uvsim_device_attr(UvsimVM *vm, unsigned long request,
                             const struct kvm_device_attr *attr)
{
    void *user = (void *)(uintptr_t)attr->addr;

    if (attr->group == KVM_S390_VM_TOD) {
        return uvsim_tod_attr(vm, request, attr, user);
    }
    if (attr->group == KVM_S390_VM_MEM_CTRL) {
        return uvsim_cmma_attr(vm, request, attr, uvsim_vcpus_exist(vm));
    }
    if (attr->group != KVM_S390_VM_CPU_MODEL ||
        attr->attr != KVM_S390_VM_CPU_PROCESSOR) {
        return -ENXIO;
    }
    if (request == KVM_HAS_DEVICE_ATTR) {
        return 0;
    }
    if (!user) {
        return -EFAULT;
    }
    if (request == KVM_GET_DEVICE_ATTR) {
        memcpy(user, &vm->cpu_proc, sizeof(vm->cpu_proc));
        return 0;
    }
    if (uvsim_vcpus_exist(vm)) {
        return -EBUSY;
    }
    memcpy(&vm->cpu_proc, user, sizeof(vm->cpu_proc));
    return 0;
}

/* Wakes every vCPU that waits for an interruption (vm->lock held). */
static void uvsim_wake_all(UvsimVM *vm)
{
    for (int i = 0; i < UVSIM_MAX_VCPUS; i++) {
        if (vm->vcpus[i]) {
            uvsim_vcpu_wake(vm->vcpus[i]);
        }
    }
}

static int uvsim_vm_ioctl(KVMState *s, unsigned long request, void *arg)
{
    UvsimVM *vm = uvsim_vm(s);
    int r;

    g_mutex_lock(&vm->lock);
    switch (request) {
    case KVM_CHECK_EXTENSION:
        r = uvsim_check_extension((uintptr_t)arg);
        break;
    case KVM_SET_USER_MEMORY_REGION:
        r = arg ? uvsim_set_memory(vm, arg) : -EFAULT;
        break;
    case KVM_CREATE_VCPU:
        r = uvsim_create_vcpu(vm, (uintptr_t)arg);
        break;
    case KVM_ENABLE_CAP:
        r = arg ? uvsim_enable_cap(vm, arg) : -EFAULT;
        break;
    case KVM_S390_PV_COMMAND:
        r = uvsim_pv_command(vm, arg);
        break;
    case KVM_S390_INTERRUPT:
        r = arg ? uvsim_irq_vm_interrupt(&vm->float_irqs, arg) : -EFAULT;
        if (r == 0) {
            uvsim_wake_all(vm);     /* a waiting CPU may take it */
        }
        break;
    case KVM_HAS_DEVICE_ATTR:
    case KVM_GET_DEVICE_ATTR:
    case KVM_SET_DEVICE_ATTR:
        r = arg ? uvsim_device_attr(vm, request, arg) : -EFAULT;
        break;
    default:
        r = -ENOTTY;
        break;
    }
    g_mutex_unlock(&vm->lock);
    return r;
}

void uvsim_code_written_all(UvsimVM *vm)
{
    uvcpu_sys_code_changed(vm->cpu_sys);
}

static UvsimVcpu *uvsim_vcpu_from_handle(UvsimVM *vm, int fd)
{
    int id = fd - UVSIM_VCPU_HANDLE0;
    if (id < 0 || id >= UVSIM_MAX_VCPUS) {
        return NULL;
    }
    return vm->vcpus[id];
}

static int uvsim_ioctl(KVMState *s, int fd, unsigned long request, void *arg)
{
    UvsimVM *vm = uvsim_vm(s);
    UvsimVcpu *v;
    int r;

    if (fd == UVSIM_DEV_HANDLE) {
        return uvsim_dev_ioctl(s, request, arg);
    }
    if (fd == UVSIM_VM_HANDLE && vm->created) {
        return uvsim_vm_ioctl(s, request, arg);
    }
    v = uvsim_vcpu_from_handle(vm, fd);
    if (!v) {
        return -EBADF;
    }
    if (request == KVM_S390_IRQ) {
        /* An asynchronous vCPU ioctl: no vcpu->mutex, works while it runs. */
        return arg ? uvsim_vcpu_inject_irq(v, arg) : -EFAULT;
    }
    g_mutex_lock(&v->lock);
    r = uvsim_vcpu_ioctl(v, request, arg);
    g_mutex_unlock(&v->lock);
    return r;
}

static struct kvm_run *uvsim_map_run(KVMState *s, int vcpu_fd, size_t size)
{
    UvsimVcpu *v = uvsim_vcpu_from_handle(uvsim_vm(s), vcpu_fd);
    if (!v || size > v->run_size) {
        errno = v ? EINVAL : EBADF;
        return NULL;
    }
    v->mapped = true;
    return v->run;
}

static void uvsim_unmap_run(KVMState *s, struct kvm_run *run, size_t size)
{
    UvsimVM *vm = uvsim_vm(s);
    for (int i = 0; i < UVSIM_MAX_VCPUS; i++) {
        if (vm->vcpus[i] && vm->vcpus[i]->run == run) {
            vm->vcpus[i]->mapped = false;
        }
    }
}

static void uvsim_close(KVMState *s, int fd)
{
    UvsimVM *vm = uvsim_vm(s);
    UvsimVcpu *v;

    if (fd == UVSIM_DEV_HANDLE) {
        uv_hostkey_close(&vm->uv);
        g_mutex_clear(&vm->uv.lock);
        uvsim_irq_destroy(&vm->float_irqs);
        if (vm->cpu_sys) {
            free_frame_arrays(vm);
            g_free(vm->cpu_sys);
        }
        g_mutex_clear(&vm->lock);
        g_free(vm);
        s->backend = NULL;
        return;
    }
    if (fd == UVSIM_VM_HANDLE) {
        /*
         * The kernel discards an open UV dump silently.  pvdump must
         * complete every dump it starts (D9), even when it exits mid-dump
         * (quit, SIGTERM): say so when it did not, for the tests to see.
         */
        if (__atomic_load_n(&vm->dumping, __ATOMIC_ACQUIRE)) {
            warn_report("uvsim: protected VM destroyed with its dump still "
                        "open (no KVM_PV_DUMP_COMPLETE)");
        }
        /* Closing the VM tears everything down, as the kernel does. */
        uvsim_pv_destroy(vm);
        for (int i = 0; i < UVSIM_MAX_VCPUS; i++) {
            if (vm->vcpus[i]) {
                uvsim_vcpu_destroy(vm->vcpus[i]);
                vm->vcpus[i] = NULL;
            }
        }
        uvsim_irq_clear(&vm->float_irqs);
        vm->created = false;
        vm->mem_host = NULL;
        return;
    }
    v = uvsim_vcpu_from_handle(vm, fd);
    if (v) {
        vm->vcpus[v->id] = NULL;
        uvsim_vcpu_destroy(v);
    }
}

static void uvsim_kick_vcpu(KVMState *s, CPUState *cpu)
{
    UvsimVcpu *v = uvsim_vcpu_from_handle(uvsim_vm(s), cpu->kvm_fd);
    if (v) {
        uvsim_vcpu_kick(v);
    }
}

static int uvsim_prepare_host_access(KVMState *s, uint64_t gpa, uint64_t len)
{
    /* Secure pages are exported (encrypted) as the kernel does on a host fault. */
    return uv_storage_host_access(uvsim_vm(s), gpa, len);
}

const KVMBackendOps uvsim_backend_ops = {
    .name = "uvsim",
    .open_dev = uvsim_open_dev,
    .ioctl = uvsim_ioctl,
    .map_run = uvsim_map_run,
    .unmap_run = uvsim_unmap_run,
    .close = uvsim_close,
    .prepare_host_access = uvsim_prepare_host_access,
    .kick_vcpu = uvsim_kick_vcpu,
};
