/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-tod.c - the VM's KVM_S390_VM_TOD attributes: the guest TOD clock
 * that user space saves and restores around a stop (hw/s390x/tod.c).
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"
#include "cpu/cpu.h"

/*
 * The guest TOD clock (KVM_S390_VM_TOD), as the kernel's kvm_s390_get_tod /
 * set_tod: LOW is the 64-bit clock, HIGH the epoch index, EXT both.  Without
 * the multiple-epoch facility (139) only epoch index 0 exists.
 */
int uvsim_tod_attr(UvsimVM *vm, unsigned long request,
                          const struct kvm_device_attr *attr, void *user)
{
    struct kvm_s390_vm_tod_clock ext = { 0 };
    uint64_t low;
    uint8_t high;

    if (attr->attr > KVM_S390_VM_TOD_EXT) {
        return -ENXIO;
    }
    if (request == KVM_HAS_DEVICE_ATTR) {
        return 0;
    }
    if (!user) {
        return -EFAULT;
    }
    switch (attr->attr) {
    case KVM_S390_VM_TOD_LOW:
        if (request == KVM_GET_DEVICE_ATTR) {
            low = uvcpu_sys_tod(vm->cpu_sys);
            memcpy(user, &low, sizeof(low));
        } else {
            memcpy(&low, user, sizeof(low));
            uvcpu_sys_set_tod(vm->cpu_sys, low);
        }
        return 0;
    case KVM_S390_VM_TOD_HIGH:
        if (request == KVM_GET_DEVICE_ATTR) {
            high = 0;
            memcpy(user, &high, sizeof(high));
            return 0;
        }
        memcpy(&high, user, sizeof(high));
        return high ? -EINVAL : 0;
    default:
        if (request == KVM_GET_DEVICE_ATTR) {
            ext.tod = uvcpu_sys_tod(vm->cpu_sys);
            memcpy(user, &ext, sizeof(ext));
            return 0;
        }
        memcpy(&ext, user, sizeof(ext));
        if (ext.epoch_idx) {
            return -EINVAL;
        }
        uvcpu_sys_set_tod(vm->cpu_sys, ext.tod);
        return 0;
    }
}

