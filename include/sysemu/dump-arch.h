/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump-arch.h - what the dump engine asks of the target (seam 3).
 *
 * The engine is format- and architecture-neutral.  The target supplies the
 * ELF identity of the machine, the per-CPU notes, and optionally extra ELF
 * sections whose content is produced after the memory has been written,
 * plus begin/finish/abort hooks around the whole dump.  An architecture
 * with special guests (s390x protected virtualization) chooses different
 * hooks in dump_arch_init(); the engine never asks why.
 */
#ifndef SYSEMU_DUMP_ARCH_H
#define SYSEMU_DUMP_ARCH_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

/* One guest-physical range of RAM that the dump covers. */
typedef struct DumpMemBlock {
    uint64_t start;            /* guest-physical address */
    uint64_t size;             /* bytes (after the begin/length filter) */
} DumpMemBlock;

/* What the engine tells the architecture when a dump begins. */
typedef struct DumpArchParams {
    bool elf;                  /* ELF output (sections possible) */
    bool filtered;             /* begin/length given */
    const DumpMemBlock *blocks;
    size_t nr_blocks;
    uint64_t total;            /* sum of the block sizes */
} DumpArchParams;

/* An extra ELF section; its data is produced after the memory. */
typedef struct DumpArchSection {
    const char *name;
    uint64_t size;
    size_t name_size;          /* bytes of .shstrtab for the name, NUL padded
                                  (0: just the name and its NUL) */
    uint64_t granule;          /* produced in pieces of multiples of this
                                  (0: whole), so that a section that grows
                                  with the guest needs a bounded buffer */
} DumpArchSection;

typedef struct DumpArch DumpArch;

/* Hooks; any may be NULL, meaning "nothing to do". */
typedef struct DumpArchOps {
    /*
     * Called once the VM is paused and the memory list is known, before
     * anything is written.  May refuse the dump, and may set
     * arch->sections (ELF only).
     */
    bool (*begin)(DumpArch *arch, const DumpArchParams *params,
                  GError **errp);
    /* Bytes of the notes of one CPU (the same for every CPU). */
    size_t (*cpu_notes_size)(DumpArch *arch);
    /* Writes the notes of @cpu (cpu_notes_size() bytes) to @out. */
    bool (*cpu_notes_write)(DumpArch *arch, CPUState *cpu, uint8_t *out,
                            GError **errp);
    /*
     * Produces bytes [@offset, @offset + @len) of arch->sections[@index]
     * into @buf, which is zeroed.  Called after the memory, in section
     * order and in file order within a section: once for the whole
     * section if its granule is 0, else in pieces whose offset and length
     * are multiples of the granule (the last one: up to the end).
     */
    bool (*section_data)(DumpArch *arch, size_t index, uint64_t offset,
                         uint8_t *buf, uint64_t len, GError **errp);
    /*
     * The dump succeeded (finish), or failed or was cancelled after
     * begin() succeeded (abort).  Either returns false, with the reason,
     * if the machine cannot run afterwards; the engine adds that to the
     * dump's error and leaves the VM paused.
     */
    bool (*finish)(DumpArch *arch, GError **errp);
    bool (*abort)(DumpArch *arch, GError **errp);
} DumpArchOps;

struct DumpArch {
    uint16_t elf_machine;      /* EM_S390 */
    uint8_t elf_class;         /* ELFCLASS64 */
    uint8_t elf_data;          /* ELFDATA2MSB */
    uint32_t page_size;
    uint64_t phys_base;
    const char *uts_machine;   /* kdump header utsname.machine */
    const DumpArchOps *ops;
    const DumpArchSection *sections;   /* set by begin(), ELF only */
    size_t nr_sections;
    void *opaque;              /* the hooks' own state */
};

/*
 * Implemented by the target: may refuse a request for the current machine
 * before any file is opened (@elf: ELF format; @filtered: begin/length
 * given), e.g. a protected guest that can only be dumped whole as ELF.
 * Called with the BQL held.
 */
bool dump_arch_check_request(bool elf, bool filtered, GError **errp);

/*
 * Implemented by the target: fills @arch for the current machine.  Called
 * with the BQL held and the VM paused.  Fails if the target cannot dump.
 */
bool dump_arch_init(DumpArch *arch, GError **errp);

#endif /* SYSEMU_DUMP_ARCH_H */
