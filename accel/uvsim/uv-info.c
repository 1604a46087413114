/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uv-info.c - KVM_PV_INFO: what the UV query ("QUI") tells the host
 * (docs/kvm-pv-interface.md "KVM_PV_INFO").
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"

#define INFO_HDR_LEN   16
#define INFO_VM_LEN    (INFO_HDR_LEN + sizeof(struct kvm_s390_pv_info_vm))
#define INFO_DUMP_LEN  (INFO_HDR_LEN + sizeof(struct kvm_s390_pv_info_dump))

/* A 4 TiB guest address space, as the model's "max guest storage address". */
#define UV_MAX_GUEST_ADDR ((4ULL << 40) - 1)
#define UV_MAX_GUESTS     1

/* The installed UV calls (MSB-0 bits): boot, run and dump (24-27). */
static const uint8_t installed_calls[] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
    24, 25, 26, 27,
};

static void fill_vm(struct kvm_s390_pv_info_vm *vm)
{
    memset(vm, 0, sizeof(*vm));
    for (size_t i = 0; i < G_N_ELEMENTS(installed_calls); i++) {
        unsigned bit = installed_calls[i];
        vm->inst_calls_list[bit / 64] |= 1ULL << (63 - bit % 64);
    }
    vm->max_cpus = UVSIM_MAX_VCPUS;
    vm->max_guests = UV_MAX_GUESTS;
    vm->max_guest_addr = UV_MAX_GUEST_ADDR;
    vm->feature_indication = 0;
}

int uv_info(UvsimVM *vm, void *user)
{
    struct kvm_s390_pv_info info;

    if (!user) {
        return -EFAULT;
    }
    /* Only the header is read from the caller. */
    memcpy(&info.header, user, INFO_HDR_LEN);
    if (info.header.len_max < INFO_HDR_LEN) {
        return -EINVAL;
    }
    switch (info.header.id) {
    case KVM_PV_INFO_VM:
        if (info.header.len_max < INFO_VM_LEN) {
            return -EINVAL;
        }
        fill_vm(&info.vm);
        info.header.len_written = INFO_VM_LEN;
        break;
    case KVM_PV_INFO_DUMP:
        if (info.header.len_max < INFO_DUMP_LEN) {
            return -EINVAL;
        }
        info.dump.dump_cpu_buffer_len = vm->uv.dump_cpu_len;
        info.dump.dump_config_mem_buffer_per_1m = vm->uv.dump_mem_per_1m;
        info.dump.dump_config_finalize_len = vm->uv.dump_finalize_len;
        info.header.len_written = INFO_DUMP_LEN;
        break;
    default:
        return -EINVAL;
    }
    memcpy(user, &info, info.header.len_written);
    return 0;
}
