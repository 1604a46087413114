/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * virt-mem.c - logical guest addresses of a vCPU to guest RAM.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "target/s390x/virt-mem.h"
#include "target/s390x/kvm/kvm_s390x.h"

#define PREFIX_AREA_SIZE 0x2000ULL   /* the two lowcore pages */

uint64_t s390_real_to_abs(const CPUS390XState *env, uint64_t raddr)
{
    uint64_t prefix = env->prefix & ~(PREFIX_AREA_SIZE - 1);

    if (raddr < PREFIX_AREA_SIZE) {
        return raddr + prefix;
    }
    if (raddr - prefix < PREFIX_AREA_SIZE) {
        return raddr - prefix;
    }
    return raddr;
}

/* The DAT-off fallback without KVM_S390_MEM_OP: real to absolute here. */
static bool virt_mem_rw_real(const CPUS390XState *env, uint64_t laddr,
                             uint8_t *p, uint64_t len, bool is_write,
                             GError **errp)
{
    if (env->psw_mask & PSW_MASK_DAT) {
        error_setg(errp, "cannot access guest address 0x%" PRIx64
                   " with DAT on: the accelerator lacks KVM_S390_MEM_OP",
                   laddr);
        return false;
    }
    /* Prefixing works on 4K pages: split the range at page boundaries. */
    while (len) {
        uint64_t chunk = MIN(len, TARGET_PAGE_SIZE - (laddr & (TARGET_PAGE_SIZE - 1)));
        uint64_t abs = s390_real_to_abs(env, laddr);
        bool ok = !p ? guest_memory_map_read(abs, chunk, errp) != NULL :
                  is_write ? guest_memory_write(abs, p, chunk, errp)
                           : guest_memory_read(abs, p, chunk, errp);

        if (!ok) {
            return false;
        }
        laddr += chunk;
        p = p ? p + chunk : NULL;
        len -= chunk;
    }
    return true;
}

int s390_cpu_virt_mem_rw(S390CPU *cpu, uint64_t laddr, uint8_t ar, void *buf,
                         uint64_t len, bool is_write, GError **errp)
{
    int r;

    if (!kvm_s390_has_mem_op()) {
        return virt_mem_rw_real(&cpu->env, laddr, buf, len, is_write, errp) ? 0 : -1;
    }
    if (len > UINT32_MAX) {
        error_setg(errp, "guest access of %" PRIu64 " bytes is too long", len);
        return -1;
    }
    r = kvm_s390_mem_op(CPU(cpu), laddr, ar, buf, len, is_write);
    if (r < 0) {
        error_setg(errp, "KVM_S390_MEM_OP at guest address 0x%" PRIx64
                   " failed: %s", laddr, g_strerror(-r));
        return -1;
    }
    return r;
}
