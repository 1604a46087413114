/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * memory.h - guest RAM and host-side access to it (seam 2).
 *
 * The machine has one RAM block from guest address 0, backed by an
 * anonymous, page-aligned mmap.  Every host-side read of guest RAM (dump,
 * monitor commands, tests) goes through guest_memory_read() or
 * guest_memory_map_read(), which first lets the accelerator prepare the
 * range: under uvsim that exports secure pages, as the real kernel does on
 * a host fault.  Writes by the host (loader) go through guest_memory_write().
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

#include "qemu/osdep.h"

#define TARGET_PAGE_SIZE 4096ULL

typedef struct RAMBlock {
    uint8_t *host;            /* host mapping of guest address 0 */
    uint64_t size;            /* bytes of guest RAM (page-aligned) */
} RAMBlock;

/* Allocates @size bytes of guest RAM (rounded up to a page). */
bool guest_ram_init(uint64_t size, GError **errp);

/* Releases guest RAM. */
void guest_ram_cleanup(void);

/* The RAM block (NULL before guest_ram_init). */
const RAMBlock *guest_ram_block(void);

/* Size of guest RAM in bytes (0 before guest_ram_init). */
uint64_t guest_ram_size(void);

/* Copies [gpa, gpa+len) to @buf after preparing the range for host access. */
bool guest_memory_read(uint64_t gpa, void *buf, uint64_t len, GError **errp);

/*
 * Returns a host pointer to [gpa, gpa+len) valid for reading, after
 * preparing the range for host access.  NULL with an error if the range is
 * outside RAM or the accelerator refuses it.
 */
const void *guest_memory_map_read(uint64_t gpa, uint64_t len, GError **errp);

/* Copies @buf to [gpa, gpa+len) (host write, e.g. the loader). */
bool guest_memory_write(uint64_t gpa, const void *buf, uint64_t len, GError **errp);

#endif /* EXEC_MEMORY_H */
