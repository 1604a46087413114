/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * virt-mem.c - logical guest addresses of a vCPU to guest RAM.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "target/s390x/virt-mem.h"

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

bool s390_cpu_virt_mem_rw(const CPUS390XState *env, uint64_t laddr, void *buf,
                          uint64_t len, bool is_write, GError **errp)
{
    uint8_t *p = buf;

    if (env->psw_mask & PSW_MASK_DAT) {
        error_setg(errp, "cannot access guest address 0x%" PRIx64
                   " with DAT on (no address translation in user space yet)",
                   laddr);
        return false;
    }
    /* Prefixing works on 4K pages: split the range at page boundaries. */
    while (len) {
        uint64_t chunk = MIN(len, TARGET_PAGE_SIZE - (laddr & (TARGET_PAGE_SIZE - 1)));
        uint64_t abs = s390_real_to_abs(env, laddr);
        bool ok = is_write ? guest_memory_write(abs, p, chunk, errp)
                           : guest_memory_read(abs, p, chunk, errp);

        if (!ok) {
            return false;
        }
        laddr += chunk;
        p += chunk;
        len -= chunk;
    }
    return true;
}
