/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * elf.c - the ELF core writer (format "elf").
 *
 * Layout as QEMU >= 7.2 (docs/dump.md "ELF layout"), with every header field
 * big-endian as the s390x guest's and e_ehsize 64 (D3), one PT_LOAD per RAM
 * block (D4):
 *
 *   [ELF header][section headers][PT_NOTE][PT_LOAD...][notes][memory]
 *   [arch section data][.shstrtab]
 *
 * No padding anywhere.  Everything before the memory is one write; memory
 * goes straight from the guest mapping to the fd in large chunks.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "dump-internal.h"
#include "util/zero-pages.h"

/* Guest memory per write(): large for throughput, small for cancel latency. */
#define ELF_MEMORY_CHUNK (8 * MiB)

typedef struct ElfLayout {
    uint32_t shdr_num;
    uint32_t phdr_num;
    uint64_t phdr_offset;
    uint64_t note_offset;
    uint64_t memory_offset;
    uint64_t section_offset;    /* arch section data, then .shstrtab */
    uint64_t arch_data_size;
    GString *strtab;            /* "\0" arch names ".shstrtab\0" */
    uint32_t *sh_name;          /* per arch section */
} ElfLayout;

static bool elf_layout(DumpState *s, ElfLayout *l, GError **errp)
{
    const DumpArch *a = &s->arch;

    l->shdr_num = 2 + a->nr_sections;
    if (l->shdr_num >= SHN_LORESERVE) {
        error_setg(errp, "dump: too many architecture defined sections");
        return false;
    }
    l->phdr_num = 1 + s->nr_blocks;
    l->phdr_offset = ELF64_EHDR_SIZE + ELF64_SHDR_SIZE * l->shdr_num;
    l->note_offset = l->phdr_offset + ELF64_PHDR_SIZE * l->phdr_num;
    l->memory_offset = l->note_offset + s->note_size;
    l->section_offset = l->memory_offset + s->total;

    l->strtab = g_string_new(NULL);
    g_string_append_c(l->strtab, '\0');
    l->sh_name = g_new0(uint32_t, a->nr_sections + 1);
    for (size_t i = 0; i < a->nr_sections; i++) {
        size_t len = strlen(a->sections[i].name) + 1;

        l->sh_name[i] = l->strtab->len;
        g_string_append_len(l->strtab, a->sections[i].name, len);
        /* s390x PV names sit in QEMU's fixed 12-byte slots. */
        for (; len < a->sections[i].name_size; len++) {
            g_string_append_c(l->strtab, '\0');
        }
        l->arch_data_size += a->sections[i].size;
    }
    l->sh_name[a->nr_sections] = l->strtab->len;
    g_string_append_len(l->strtab, ".shstrtab", sizeof(".shstrtab"));
    return true;
}

static void elf_layout_free(ElfLayout *l)
{
    if (l->strtab) {
        g_string_free(l->strtab, TRUE);
    }
    g_free(l->sh_name);
}

static void put_ehdr(DumpState *s, const ElfLayout *l, uint8_t *p)
{
    Elf64_Ehdr eh;

    elf64_be_core_ehdr(&eh, s->arch.elf_machine);
    eh.e_phoff = l->phdr_offset;
    eh.e_shoff = ELF64_EHDR_SIZE;
    eh.e_phnum = MIN(l->phdr_num, PN_XNUM);
    eh.e_shnum = l->shdr_num;
    eh.e_shstrndx = l->shdr_num - 1;
    elf64_be_put_ehdr(p, &eh);
}

static void put_shdr(uint8_t *p, uint32_t name, uint32_t type,
                     uint64_t offset, uint64_t size)
{
    Elf64_Shdr sh = {
        .sh_name = name, .sh_type = type, .sh_offset = offset, .sh_size = size,
    };

    elf64_be_put_shdr(p, &sh);
}

/* [0] null (sh_info = real phnum on overflow), arch sections, .shstrtab. */
static void put_shdrs(DumpState *s, const ElfLayout *l, uint8_t *p)
{
    const DumpArch *a = &s->arch;
    uint64_t offset = l->section_offset;
    Elf64_Shdr null = {
        .sh_info = l->phdr_num >= PN_XNUM ? l->phdr_num : 0,
    };

    elf64_be_put_shdr(p, &null);
    for (size_t i = 0; i < a->nr_sections; i++) {
        p += ELF64_SHDR_SIZE;
        put_shdr(p, l->sh_name[i], SHT_PROGBITS, offset, a->sections[i].size);
        offset += a->sections[i].size;
    }
    p += ELF64_SHDR_SIZE;
    put_shdr(p, l->sh_name[a->nr_sections], SHT_STRTAB, offset,
             l->strtab->len);
}

static void put_phdr(uint8_t *p, uint32_t type, uint64_t offset,
                     uint64_t paddr, uint64_t size)
{
    Elf64_Phdr ph = {
        .p_type = type, .p_offset = offset,
        .p_vaddr = paddr, .p_paddr = paddr,
        .p_filesz = size, .p_memsz = size,
    };

    elf64_be_put_phdr(p, &ph);
}

/*
 * PT_NOTE, then one PT_LOAD per block.  s390x has no paging support in the
 * dump, so virtual = physical for every mapping (as QEMU).
 */
static void put_phdrs(DumpState *s, const ElfLayout *l, uint8_t *p)
{
    uint64_t offset = l->memory_offset;

    put_phdr(p, PT_NOTE, l->note_offset, 0, s->note_size);
    for (size_t i = 0; i < s->nr_blocks; i++) {
        p += ELF64_PHDR_SIZE;
        put_phdr(p, PT_LOAD, offset, s->blocks[i].start, s->blocks[i].size);
        offset += s->blocks[i].size;
    }
}

static bool write_headers(DumpState *s, const ElfLayout *l, GError **errp)
{
    g_autofree uint8_t *buf = g_malloc0(l->memory_offset);
    int ret;

    put_ehdr(s, l, buf);
    put_shdrs(s, l, buf + ELF64_EHDR_SIZE);
    put_phdrs(s, l, buf + l->phdr_offset);
    memcpy(buf + l->note_offset, s->notes, s->note_size);
    ret = dump_write_full(s, buf, l->memory_offset);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "dump: failed to write elf header");
        return false;
    }
    return true;
}

static bool write_memory(DumpState *s, GError **errp)
{
    for (size_t i = 0; i < s->nr_blocks; i++) {
        const DumpMemBlock *b = &s->blocks[i];

        for (uint64_t done = 0; done < b->size; done += ELF_MEMORY_CHUNK) {
            uint64_t len = MIN(ELF_MEMORY_CHUNK, b->size - done);
            const void *p;
            int ret;

            if (!dump_check_cancelled(s, errp)) {
                return false;
            }
            p = guest_memory_map_read(b->start + done, len, errp);
            if (!p) {
                error_prepend(errp, "dump: failed to save memory: ");
                return false;
            }
            ret = dump_write_guest_sparse(s, p, len);
            if (ret < 0) {
                error_setg_errno(errp, -ret, "dump: failed to save memory");
                return false;
            }
        }
    }
    return true;
}

/* The most bytes of an arch section produced and written at a time. */
#define ELF_SECTION_CHUNK (1 * MiB)

/* The piece size for @sec: whole, or granules up to ELF_SECTION_CHUNK. */
static uint64_t section_piece(const DumpArchSection *sec)
{
    if (!sec->granule) {
        return MAX(sec->size, 1);
    }
    return MAX(ELF_SECTION_CHUNK / sec->granule, 1) * sec->granule;
}

/* Section @i's data, produced and written piece by piece. */
static bool write_section(DumpState *s, size_t i, GError **errp)
{
    const DumpArchSection *sec = &s->arch.sections[i];
    uint64_t piece = section_piece(sec);
    g_autofree uint8_t *buf = g_malloc(MIN(piece, sec->size));
    int ret;

    for (uint64_t off = 0; off < sec->size; off += piece) {
        uint64_t len = MIN(piece, sec->size - off);

        memset(buf, 0, len);
        if (!s->arch.ops->section_data(&s->arch, i, off, buf, len, errp)) {
            error_prepend(errp, "dump: failed to get arch section data: ");
            return false;
        }
        ret = dump_write_full(s, buf, len);
        if (ret < 0) {
            error_setg_errno(errp, -ret,
                             "dump: failed to write architecture section data");
            return false;
        }
    }
    return true;
}

/* The arch sections' data, produced now that the memory is out, then the names. */
static bool write_sections(DumpState *s, const ElfLayout *l, GError **errp)
{
    int ret;

    for (size_t i = 0; i < s->arch.nr_sections; i++) {
        if (!write_section(s, i, errp)) {
            return false;
        }
    }
    ret = dump_write_full(s, l->strtab->str, l->strtab->len);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "dump: failed to write string table data");
        return false;
    }
    return true;
}

static bool elf_write(DumpState *s, GError **errp)
{
    ElfLayout l = { 0 };
    bool ok;
    int ret;

    /* Holes only where they read back as the zeros they stand for. */
    s->sparse = zero_pages_fd_may_skip(s->fd);
    ok = dump_check_elf64_be(s, errp) &&
         elf_layout(s, &l, errp) &&
         write_headers(s, &l, errp) &&
         write_memory(s, errp) &&
         write_sections(s, &l, errp);
    elf_layout_free(&l);
    if (ok && (ret = dump_finish_sparse(s)) < 0) {
        error_setg_errno(errp, -ret, "dump: failed to set the file size");
        ok = false;
    }
    return ok;
}

const DumpWriter dump_elf_writer = {
    .name = "elf",
    .write = elf_write,
};
