/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * elf64-be.c - big-endian ELF64 headers as byte images (see
 * util/elf64-be.h).
 */
#include "qemu/osdep.h"
#include "util/be-fields.h"
#include "util/elf64-be.h"

/* The records' file sizes are the System V ABI's, whatever the host. */
G_STATIC_ASSERT(sizeof(Elf64_Ehdr) == ELF64_EHDR_SIZE);
G_STATIC_ASSERT(sizeof(Elf64_Phdr) == ELF64_PHDR_SIZE);
G_STATIC_ASSERT(sizeof(Elf64_Shdr) == ELF64_SHDR_SIZE);
G_STATIC_ASSERT(sizeof(Elf64_Nhdr) == ELF64_NHDR_SIZE);

static const BeField ehdr_fields[] = {
    BE_MEMBER(Elf64_Ehdr, e_type), BE_MEMBER(Elf64_Ehdr, e_machine),
    BE_MEMBER(Elf64_Ehdr, e_version), BE_MEMBER(Elf64_Ehdr, e_entry),
    BE_MEMBER(Elf64_Ehdr, e_phoff), BE_MEMBER(Elf64_Ehdr, e_shoff),
    BE_MEMBER(Elf64_Ehdr, e_flags), BE_MEMBER(Elf64_Ehdr, e_ehsize),
    BE_MEMBER(Elf64_Ehdr, e_phentsize), BE_MEMBER(Elf64_Ehdr, e_phnum),
    BE_MEMBER(Elf64_Ehdr, e_shentsize), BE_MEMBER(Elf64_Ehdr, e_shnum),
    BE_MEMBER(Elf64_Ehdr, e_shstrndx),
};

static const BeField phdr_fields[] = {
    BE_MEMBER(Elf64_Phdr, p_type), BE_MEMBER(Elf64_Phdr, p_flags),
    BE_MEMBER(Elf64_Phdr, p_offset), BE_MEMBER(Elf64_Phdr, p_vaddr),
    BE_MEMBER(Elf64_Phdr, p_paddr), BE_MEMBER(Elf64_Phdr, p_filesz),
    BE_MEMBER(Elf64_Phdr, p_memsz), BE_MEMBER(Elf64_Phdr, p_align),
};

static const BeField shdr_fields[] = {
    BE_MEMBER(Elf64_Shdr, sh_name), BE_MEMBER(Elf64_Shdr, sh_type),
    BE_MEMBER(Elf64_Shdr, sh_flags), BE_MEMBER(Elf64_Shdr, sh_addr),
    BE_MEMBER(Elf64_Shdr, sh_offset), BE_MEMBER(Elf64_Shdr, sh_size),
    BE_MEMBER(Elf64_Shdr, sh_link), BE_MEMBER(Elf64_Shdr, sh_info),
    BE_MEMBER(Elf64_Shdr, sh_addralign), BE_MEMBER(Elf64_Shdr, sh_entsize),
};

static const BeField nhdr_fields[] = {
    BE_MEMBER(Elf64_Nhdr, n_namesz), BE_MEMBER(Elf64_Nhdr, n_descsz),
    BE_MEMBER(Elf64_Nhdr, n_type),
};

void elf64_be_core_ehdr(Elf64_Ehdr *eh, uint16_t machine)
{
    *eh = (Elf64_Ehdr) {
        .e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64,
                     ELFDATA2MSB, EV_CURRENT, ELFOSABI_NONE },
        .e_type = ET_CORE,
        .e_machine = machine,
        .e_version = EV_CURRENT,
        .e_ehsize = ELF64_EHDR_SIZE,
        .e_phentsize = ELF64_PHDR_SIZE,
        .e_shentsize = ELF64_SHDR_SIZE,
    };
}

void elf64_be_put_ehdr(void *out, const Elf64_Ehdr *eh)
{
    memcpy(out, eh->e_ident, EI_NIDENT);
    be_fields_encode(ehdr_fields, G_N_ELEMENTS(ehdr_fields), eh, out);
}

void elf64_be_get_ehdr(const void *in, Elf64_Ehdr *eh)
{
    memcpy(eh->e_ident, in, EI_NIDENT);
    be_fields_decode(ehdr_fields, G_N_ELEMENTS(ehdr_fields), in, eh);
}

void elf64_be_put_phdr(void *out, const Elf64_Phdr *ph)
{
    be_fields_encode(phdr_fields, G_N_ELEMENTS(phdr_fields), ph, out);
}

void elf64_be_get_phdr(const void *in, Elf64_Phdr *ph)
{
    be_fields_decode(phdr_fields, G_N_ELEMENTS(phdr_fields), in, ph);
}

void elf64_be_put_shdr(void *out, const Elf64_Shdr *sh)
{
    be_fields_encode(shdr_fields, G_N_ELEMENTS(shdr_fields), sh, out);
}

void elf64_be_get_shdr(const void *in, Elf64_Shdr *sh)
{
    be_fields_decode(shdr_fields, G_N_ELEMENTS(shdr_fields), in, sh);
}

void elf64_be_put_nhdr(void *out, const Elf64_Nhdr *nh)
{
    be_fields_encode(nhdr_fields, G_N_ELEMENTS(nhdr_fields), nh, out);
}

void elf64_be_get_nhdr(const void *in, Elf64_Nhdr *nh)
{
    be_fields_decode(nhdr_fields, G_N_ELEMENTS(nhdr_fields), in, nh);
}

size_t elf_note_size(size_t namesz, size_t descsz)
{
    return ELF64_NHDR_SIZE + QEMU_ALIGN_UP(namesz, 4) +
           QEMU_ALIGN_UP(descsz, 4);
}

size_t elf_note_write(uint8_t *out, const char *name, uint32_t type,
                      const void *desc, size_t descsz)
{
    Elf64_Nhdr nh = {
        .n_namesz = strlen(name) + 1,
        .n_descsz = descsz,
        .n_type = type,
    };
    size_t size = elf_note_size(nh.n_namesz, descsz);
    uint8_t *p = out + ELF64_NHDR_SIZE;

    memset(out, 0, size);
    elf64_be_put_nhdr(out, &nh);
    memcpy(p, name, nh.n_namesz);
    memcpy(p + QEMU_ALIGN_UP(nh.n_namesz, 4), desc, descsz);
    return size;
}
