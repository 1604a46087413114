/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * elf-core-writer.h - the plain s390x ELF core that pvdump-decrypt writes.
 *
 * Layout: ELF header, one PT_NOTE and one PT_LOAD per memory range, the
 * notes (CORE NT_PRPSINFO, then per CPU the ten ordinary s390x notes of
 * util/s390x-notes.h), zero padding to a page boundary, then the memory of
 * each PT_LOAD back to back.  gdb, libkdumpfile and crash read it as an
 * ordinary dump.  This module only lays out and fills the part before the
 * memory; the memory is streamed by the caller.
 */
#ifndef TOOLS_ELF_CORE_WRITER_H
#define TOOLS_ELF_CORE_WRITER_H

#include "qemu/osdep.h"
#include "util/s390x-regs.h"

typedef struct ElfCoreLoad {
    uint64_t paddr;
    uint64_t filesz;
    uint64_t memsz;
    uint64_t offset;          /* set by elf_core_layout() */
} ElfCoreLoad;

typedef struct ElfCoreLayout {
    unsigned ncpus;
    unsigned nloads;
    uint64_t notes_offset;
    uint64_t notes_size;
    uint64_t head_size;       /* bytes before the memory (page aligned) */
    uint64_t total_size;      /* size of the whole file */
} ElfCoreLayout;

/* Most PT_LOADs a file can have without PN_XNUM (one phdr is PT_NOTE). */
#define ELF_CORE_MAX_LOADS 0xfffe

/*
 * Lays out a core for @ncpus CPUs and the @nloads memory ranges @loads
 * (at most ELF_CORE_MAX_LOADS), setting each load's file offset.
 */
void elf_core_layout(ElfCoreLayout *lay, unsigned ncpus, ElfCoreLoad *loads,
                     unsigned nloads);

/*
 * Writes the head_size bytes before the memory to @buf: headers, notes
 * built from the CPU states @envs (pid = CPU number, 1-based), padding.
 */
void elf_core_write_head(const ElfCoreLayout *lay, const ElfCoreLoad *loads,
                         const S390Regs *envs, uint8_t *buf);

#endif /* TOOLS_ELF_CORE_WRITER_H */
