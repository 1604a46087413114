/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * physmem.c - guest RAM and every host-side access to it (seam 2).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "sysemu/kvm.h"
#include <sys/mman.h>

static RAMBlock ram;

bool guest_ram_init(uint64_t size, GError **errp)
{
    void *p;

    size = QEMU_ALIGN_UP(size, TARGET_PAGE_SIZE);
    /* Anonymous memory is zero-filled and page-aligned; untouched pages cost nothing. */
    p = mmap(NULL, size, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        error_setg_errno(errp, errno, "cannot set up guest memory 's390.ram'");
        return false;
    }
    ram.host = p;
    ram.size = size;
    return true;
}

void guest_ram_cleanup(void)
{
    if (ram.host) {
        munmap(ram.host, ram.size);
        ram.host = NULL;
        ram.size = 0;
    }
}

const RAMBlock *guest_ram_block(void)
{
    return ram.host ? &ram : NULL;
}

uint64_t guest_ram_size(void)
{
    return ram.size;
}

static bool check_range(uint64_t gpa, uint64_t len, GError **errp)
{
    if (!ram.host || gpa > ram.size || len > ram.size - gpa) {
        error_setg(errp, "guest address range 0x%" PRIx64 "+0x%" PRIx64
                   " is outside guest memory (0x%" PRIx64 " bytes)",
                   gpa, len, ram.size);
        return false;
    }
    return true;
}

const void *guest_memory_map_read(uint64_t gpa, uint64_t len, GError **errp)
{
    int r;

    if (!check_range(gpa, len, errp)) {
        return NULL;
    }
    r = kvm_prepare_host_access(gpa, len);
    if (r < 0) {
        error_setg_errno(errp, -r, "cannot access guest memory at 0x%" PRIx64, gpa);
        return NULL;
    }
    return ram.host + gpa;
}

bool guest_memory_read(uint64_t gpa, void *buf, uint64_t len, GError **errp)
{
    const void *src = guest_memory_map_read(gpa, len, errp);
    if (!src) {
        return false;
    }
    memcpy(buf, src, len);
    return true;
}

bool guest_memory_write(uint64_t gpa, const void *buf, uint64_t len, GError **errp)
{
    int r;

    if (!check_range(gpa, len, errp)) {
        return false;
    }
    r = kvm_prepare_host_access(gpa, len);
    if (r < 0) {
        error_setg_errno(errp, -r, "cannot access guest memory at 0x%" PRIx64, gpa);
        return false;
    }
    memcpy(ram.host + gpa, buf, len);
    return true;
}
