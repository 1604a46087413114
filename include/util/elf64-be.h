/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * elf64-be.h - big-endian ELF64 headers as byte images.
 *
 * The one place that knows how an ELF64 file header, program header,
 * section header and note header sit in a big-endian (s390x) file.  The
 * constants are <elf.h>'s; the records are its Elf64_* structures with every
 * field in host order, converted to and from the file's bytes field by
 * field, so that hostile input is never read through a cast.  Used by the
 * VM's dump writers and by the owner tools.
 */
#ifndef UTIL_ELF64_BE_H
#define UTIL_ELF64_BE_H

#include "qemu/osdep.h"
#include <elf.h>

/* Sizes of the records in the file (Elf64_Nhdr is the same for ELF32). */
#define ELF64_EHDR_SIZE  64
#define ELF64_PHDR_SIZE  56
#define ELF64_SHDR_SIZE  64
#define ELF64_NHDR_SIZE  12

/*
 * Sets @eh to the header of a big-endian ELF64 core file for @machine
 * (e.g. EM_S390): magic, class, data, version, e_type ET_CORE and the
 * record sizes.  Offsets and counts are left 0.
 */
void elf64_be_core_ehdr(Elf64_Ehdr *eh, uint16_t machine);

/* Writes @eh as ELF64_EHDR_SIZE bytes to @out (e_ident copied verbatim). */
void elf64_be_put_ehdr(void *out, const Elf64_Ehdr *eh);

/* Reads ELF64_EHDR_SIZE bytes at @in into @eh. */
void elf64_be_get_ehdr(const void *in, Elf64_Ehdr *eh);

/* Writes @ph as ELF64_PHDR_SIZE bytes to @out. */
void elf64_be_put_phdr(void *out, const Elf64_Phdr *ph);

/* Reads ELF64_PHDR_SIZE bytes at @in into @ph. */
void elf64_be_get_phdr(const void *in, Elf64_Phdr *ph);

/* Writes @sh as ELF64_SHDR_SIZE bytes to @out. */
void elf64_be_put_shdr(void *out, const Elf64_Shdr *sh);

/* Reads ELF64_SHDR_SIZE bytes at @in into @sh. */
void elf64_be_get_shdr(const void *in, Elf64_Shdr *sh);

/* Writes @nh as ELF64_NHDR_SIZE bytes to @out. */
void elf64_be_put_nhdr(void *out, const Elf64_Nhdr *nh);

/* Reads ELF64_NHDR_SIZE bytes at @in into @nh. */
void elf64_be_get_nhdr(const void *in, Elf64_Nhdr *nh);

/* Size of one ELF note with @namesz-byte name and @descsz-byte payload. */
size_t elf_note_size(size_t namesz, size_t descsz);

/*
 * Writes one ELF note (big-endian header, NUL-terminated @name padded to 4
 * bytes, @desc padded to 4 bytes) to @out; returns the bytes written,
 * elf_note_size(strlen(name) + 1, descsz).
 */
size_t elf_note_write(uint8_t *out, const char *name, uint32_t type,
                      const void *desc, size_t descsz);

#endif /* UTIL_ELF64_BE_H */
