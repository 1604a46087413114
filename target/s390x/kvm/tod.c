/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tod.c - the guest TOD clock through KVM's VM attributes (QEMU's
 * kvm_s390_get_clock_ext / set_clock_ext): the EXT attribute carries the
 * epoch index and the clock in one; older kernels have HIGH and LOW.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/kvm.h"
#include "target/s390x/kvm/kvm_s390x.h"

static int tod_attr(unsigned long request, uint64_t attr, void *val)
{
    struct kvm_device_attr a = {
        .group = KVM_S390_VM_TOD,
        .attr = attr,
        .addr = (uintptr_t)val,
    };

    return kvm_vm_ioctl(kvm_state, request, &a);
}

bool kvm_s390_get_tod(S390TOD *tod, GError **errp)
{
    struct kvm_s390_vm_tod_clock ext = { 0 };
    int r = tod_attr(KVM_GET_DEVICE_ATTR, KVM_S390_VM_TOD_EXT, &ext);

    if (r == 0) {
        tod->high = ext.epoch_idx;
        tod->low = ext.tod;
        return true;
    }
    if (r == -ENXIO) {
        r = tod_attr(KVM_GET_DEVICE_ATTR, KVM_S390_VM_TOD_HIGH, &tod->high);
        if (r == 0) {
            r = tod_attr(KVM_GET_DEVICE_ATTR, KVM_S390_VM_TOD_LOW, &tod->low);
        }
    }
    if (r < 0) {
        error_setg_errno(errp, -r, "Unable to get KVM guest TOD clock");
        return false;
    }
    return true;
}

bool kvm_s390_set_tod(const S390TOD *tod, GError **errp)
{
    struct kvm_s390_vm_tod_clock ext = { .epoch_idx = tod->high, .tod = tod->low };
    uint8_t high = tod->high;
    uint64_t low = tod->low;
    int r = tod_attr(KVM_SET_DEVICE_ATTR, KVM_S390_VM_TOD_EXT, &ext);

    if (r == -ENXIO) {
        r = tod_attr(KVM_SET_DEVICE_ATTR, KVM_S390_VM_TOD_HIGH, &high);
        if (r == 0) {
            r = tod_attr(KVM_SET_DEVICE_ATTR, KVM_S390_VM_TOD_LOW, &low);
        }
    }
    if (r < 0) {
        error_setg_errno(errp, -r, "Unable to set KVM guest TOD clock");
        return false;
    }
    return true;
}
