/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * s390x-notes.h - the ordinary ELF core notes of an s390x CPU.
 *
 * Encodes the ten per-CPU notes QEMU writes for s390x, in QEMU's order and
 * exact layout (docs/dump.md "s390x notes"): CORE NT_PRSTATUS, CORE
 * NT_FPREGSET, then LINUX PREFIX, CTRS, TIMER, TODCMP, TODPREG, VXRS_LOW,
 * VXRS_HIGH and GS_CB.  All fields are big-endian; the vector and
 * guarded-storage notes are always written, as in QEMU.  Used by the dump
 * engine for a VM's own dumps and by pvdump-decrypt for decrypted CPUs.
 */
#ifndef UTIL_S390X_NOTES_H
#define UTIL_S390X_NOTES_H

#include "qemu/osdep.h"
#include "util/s390x-regs.h"

#include "util/elf64-be.h"     /* NT_* note types, elf_note_write() */

/* Bytes of the ten notes of one CPU (1240). */
size_t s390x_cpu_notes_size(void);

/*
 * Writes the ten notes of the CPU whose state is @env to @out
 * (s390x_cpu_notes_size() bytes); @pid goes into NT_PRSTATUS (QEMU uses
 * cpu_index + 1).
 */
void s390x_cpu_notes_write(const S390Regs *env, uint32_t pid, uint8_t *out);

/* Bytes of the CORE NT_PRPSINFO note written by s390x_prpsinfo_note_write(). */
size_t s390x_prpsinfo_note_size(void);

/*
 * Writes a CORE NT_PRPSINFO note (64-bit s390x elf_prpsinfo, 136 bytes)
 * with state 'R' and @fname (truncated to 15 characters) as
 * program name and command line to @out.
 */
void s390x_prpsinfo_note_write(const char *fname, uint8_t *out);

#endif /* UTIL_S390X_NOTES_H */
